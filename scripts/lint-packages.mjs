// Lint every publishable package as it would be published (issue 6): `publint` and
// `@arethetypeswrong/cli` on the tarball `pnpm pack` makes (workspace: ranges replaced, `files`
// applied). The packages are ESM-only, so attw runs with `--profile esm-only` (CommonJS resolution
// is not checked; the types must resolve under `node16` ESM and `bundler`).
//
// Private packages (test-support) are skipped. Run `pnpm run build` first: the tarballs need dist.
// Results: a report on stdout and .ci/results/lint-packages.json (one check per tool per package;
// publint counts warnings and errors as failures, suggestions are printed only).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

const root = fileURLToPath(new URL('../', import.meta.url));
const packagesDir = join(root, 'packages');
const PNPM = ['-y', 'pnpm@12.21.0'];

const checks = [];
const check = (name, ok, detail = '') => {
  checks.push({ name, ok });
  console.log(`${ok ? 'PASS' : 'FAIL'} ${name}${detail ? `\n${detail.replace(/^/gm, '     ')}` : ''}`);
};

/** `pnpm pack` the package into a temp dir; returns the tarball path. */
function pack(dir, out) {
  // Inside `pnpm run`, npm_execpath is pnpm itself; otherwise fetch the pinned pnpm through npx.
  const execpath = process.env.npm_execpath;
  const packArgs = ['pack', '--pack-destination', out];
  const [cmd, args] = !execpath || !/pnpm/.test(execpath) ? ['npx', [...PNPM, ...packArgs]]
    : /\.[cm]?js$/.test(execpath) ? [process.execPath, [execpath, ...packArgs]]
    : [execpath, packArgs]; // pnpm 12 is a single executable
  execFileSync(cmd, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const tarball = readdirSync(out).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error('pnpm pack produced no tarball');
  return join(out, tarball);
}

const attwBin = join(root, 'node_modules/@arethetypeswrong/cli/dist/index.js');
const scratch = mkdtempSync(join(tmpdir(), 'lint-packages-'));
try {
  for (const name of readdirSync(packagesDir).sort()) {
    const dir = join(packagesDir, name);
    if (!existsSync(join(dir, 'package.json'))) continue;
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    if (pkg.private) {
      console.log(`skip ${pkg.name} (private)`);
      continue;
    }
    const out = join(scratch, name);
    mkdirSync(out);
    let tarball;
    try {
      tarball = pack(dir, out);
    } catch (error) {
      check(`${pkg.name}: pnpm pack`, false, String(error.stderr ?? error.message));
      continue;
    }
    const buffer = readFileSync(tarball);

    // publint on the packed files.
    const { messages, pkg: packed } = await publint({
      level: 'suggestion',
      pack: { tarball: buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) },
    });
    const problems = messages.filter((m) => m.type !== 'suggestion');
    const lines = messages.map((m) => `${m.type}: ${formatMessage(m, packed, { color: false }) ?? m.code} [${m.code}]`);
    check(`${pkg.name}: publint`, problems.length === 0, lines.join('\n'));

    // attw on the same tarball, as an ESM-only package.
    const attw = spawnSync(process.execPath, [attwBin, tarball, '--profile', 'esm-only', '--format', 'json', '--no-color'], { encoding: 'utf8' });
    let report;
    try {
      report = JSON.parse(attw.stdout);
    } catch {
      check(`${pkg.name}: attw (esm-only)`, false, `attw did not run: ${attw.stderr || attw.stdout}`);
      continue;
    }
    // esm-only ignores CommonJS resolution (node10, node16-cjs): list only what it checks.
    const IGNORED = new Set(['node10', 'node16-cjs']);
    const problemsByEntry = (report.analysis?.problems ?? []).filter((p) => !IGNORED.has(p.resolutionKind));
    const entrypoints = Object.entries(report.analysis?.entrypoints ?? {}).map(([entry, info]) => {
      const resolutions = Object.entries(info.resolutions ?? {})
        .filter(([kind]) => kind !== 'node10' && kind !== 'node16-cjs')
        .map(([kind, r]) => `${kind}: ${r.resolution?.fileName?.replace(/^\/node_modules\/[^/]+\/[^/]+\//, '') ?? 'unresolved'}`);
      return `${entry} → ${resolutions.join(', ')}`;
    });
    const attwOk = attw.status === 0;
    const detail = [
      ...entrypoints,
      ...problemsByEntry.map((p) => `problem: ${p.kind}${p.entrypoint ? ` (${p.entrypoint}` : ''}${p.resolutionKind ? `, ${p.resolutionKind})` : p.entrypoint ? ')' : ''}`),
    ].join('\n');
    check(`${pkg.name}: attw --profile esm-only`, attwOk, detail);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const failed = checks.filter((c) => !c.ok).length;
const passed = checks.length - failed;
mkdirSync(join(root, '.ci/results'), { recursive: true });
writeFileSync(join(root, '.ci/results/lint-packages.json'), JSON.stringify({ name: 'lint-packages', passed, failed }));
console.log(`\nlint-packages: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
