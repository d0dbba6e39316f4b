// The runtime versions the README's "Supported runtimes" table shows are generated from what the
// runtime matrix (`pnpm run runtimes`) last ran: .ci/results/runtimes.json. In README.md (and any
// packages/*/README.md), `<!-- runtime:NAME -->…<!-- /runtime -->` holds a figure:
//   node-24, node-22  → `v24.21.0`          deno, bun → `2.9.6`
//   workerd           → `workerd 1.20260730.1 via miniflare 4.20260730.0`
//   chromium          → `156` (the major version: Chromium comes from the OS, not the lockfile)
//
//   node scripts/runtime-figures.mjs           check (CI, after the matrix): a stale figure fails,
//                                              except Chromium's, which is only reported (the OS
//                                              may update it between two runs of the same commit)
//   node scripts/runtime-figures.mjs --write   rewrite the figures (after `pnpm run runtimes`)
// Writes .ci/results/runtime-figures.json. A runtime the matrix did not report is left alone.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { replaceMarkers } from './markers.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const write = process.argv.includes('--write');
const resultsFile = join(root, '.ci/results/runtimes.json');
const checks = [];
const check = (name, ok, detail = '') => {
  checks.push({ name, ok });
  console.log(`${ok ? 'pass' : 'FAIL'}  ${name}${detail ? ` (${detail})` : ''}`);
};
/** Reported, never failing (Chromium from the OS). */
const REPORT_ONLY = new Set(['chromium']);

/** The figure for each runtime, from the matrix's version strings. */
function figuresFrom(versions) {
  const out = new Map();
  const take = (name, re, format = (m) => m[1]) => {
    const match = re.exec(versions[name] ?? '');
    if (match) out.set(name, format(match));
  };
  take('node-24', /\b(v\d+\.\d+\.\d+)/);
  take('node-22', /\b(v\d+\.\d+\.\d+)/);
  take('deno', /deno (\d+\.\d+\.\d+)/);
  take('bun', /bun (\d+\.\d+\.\d+)/);
  take('workerd', /(workerd [\d.]+ via miniflare [\d.]+)/);
  take('chromium', /chromium (\d+)\./i);
  return out;
}

if (!existsSync(resultsFile)) {
  check('the runtime matrix has results (.ci/results/runtimes.json)', false, 'run `pnpm run runtimes` first');
} else {
  const figures = figuresFrom(JSON.parse(readFileSync(resultsFile, 'utf8')).versions ?? {});
  const files = ['README.md', ...readdirSync(join(root, 'packages')).map((dir) => `packages/${dir}/README.md`)]
    .filter((file) => existsSync(join(root, file)));
  for (const file of files) {
    const text = readFileSync(join(root, file), 'utf8');
    if (!text.includes('<!-- runtime:')) continue;
    const RUNTIMES = ['node-24', 'node-22', 'deno', 'bun', 'workerd', 'chromium'];
    const { out: next, stale: changed, unknown } = replaceMarkers(text, 'runtime', figures, (key) => RUNTIMES.includes(key));
    const reported = changed.filter((line) => REPORT_ONLY.has(line.split(':')[0]));
    const stale = changed.filter((line) => !REPORT_ONLY.has(line.split(':')[0]));
    if (unknown.length) check(`${file}: every runtime marker names a known runtime`, false, `unknown: ${unknown.join(', ')}`);
    if (write) {
      if (next !== text) writeFileSync(join(root, file), next);
      console.log(`${file}: ${next !== text ? 'rewritten' : 'current'}`);
      continue;
    }
    if (reported.length) console.log(`note  ${file}: differs from this machine (not failing: from the OS): ${reported.join('; ')}; \`node scripts/runtime-figures.mjs --write\` records it`);
    check(`${file}: runtime versions match the matrix's last run`, stale.length === 0, stale.length ? `stale: ${stale.join('; ')}. Run \`pnpm run runtimes && node scripts/runtime-figures.mjs --write\` and commit` : '');
  }
}

const failed = checks.filter((c) => !c.ok).length;
mkdirSync(join(root, '.ci/results'), { recursive: true });
writeFileSync(join(root, '.ci/results/runtime-figures.json'), JSON.stringify({ name: 'runtime-figures', passed: checks.length - failed, failed }));
console.log(`runtime figures: ${checks.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
