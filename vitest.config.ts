import { defineConfig } from 'vitest/config';

const ci = process.env.CI === 'true' || process.env.CI === '1';

export default defineConfig({
  resolve: { conditions: ['@symbiont/source'] },
  ssr: { resolve: { conditions: ['@symbiont/source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'tests/**/*.test.ts'],
    testTimeout: 20_000,
    // The load test measures heap growth after explicit collections.
    execArgv: ['--expose-gc'],
    // In CI the JSON report feeds the last line of .ci/run (`N passed, N failed`).
    reporters: ci ? ['default', ['json', { outputFile: '.ci/results/vitest.json' }]] : ['default'],
  },
});
