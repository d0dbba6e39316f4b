import { defineConfig } from 'tsdown';

// `src/cli.ts` is a second entry so `bin/mock-runtime.js` can run the built CLI.
export default defineConfig({
  entry: ['src/index.ts', 'src/cli.ts'],
  format: 'esm',
  dts: true,
  platform: 'node',
  // `.js`/`.d.ts` (not `.mjs`/`.d.mts`), matching package.json's exports and the bin.
  fixedExtension: false,
});
