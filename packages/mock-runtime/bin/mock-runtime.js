#!/usr/bin/env node
// Runs the mock runtime's CLI. In the repository it runs the TypeScript source directly (Node's
// built-in type stripping: Node >= 22.18, 23.6 or 24) so no build is needed; when the source is not
// there (installed package) or Node cannot strip types, it runs the built `dist/cli.js`.
import { existsSync } from 'node:fs';

const source = new URL('../src/cli.ts', import.meta.url);
const built = new URL('../dist/cli.js', import.meta.url);
const canStripTypes = Boolean(process.features?.typescript);

let entry;
if (canStripTypes && existsSync(source)) entry = source;
else if (existsSync(built)) entry = built;
else {
  process.stderr.write(
    'symbiont-mock-runtime: dist/cli.js is missing and this Node cannot run TypeScript; ' +
      'build the package (pnpm run build) or use Node >= 22.18.\n',
  );
  process.exit(1);
}

const { runCli } = await import(entry.href);
await runCli();
