// The build every publishable package shares (each package's tsdown.config.ts uses it): ESM only,
// neutral platform (browsers, Workers, Deno, Bun, Node), ES2022, declarations and source maps.
import { defineConfig, type UserConfig } from 'tsdown';

/** The shared build, with the package's entries (default: `src/index.ts` as `index`). */
export const packageConfig = (entry: Record<string, string> = { index: 'src/index.ts' }): UserConfig =>
  defineConfig({ entry, format: 'esm', dts: true, platform: 'neutral', target: 'es2022', sourcemap: true, clean: true });

export default packageConfig();
