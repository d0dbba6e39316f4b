// The registry round-trip (issue 14): publish every package to a real npm registry on loopback with
// the project's release tooling, then install them BY NAME into fresh projects outside the
// workspace and use them the way the README's "Install" section says.
//
//   1. verdaccio (pinned, installed on first use into .cache/verdaccio, run under this Node) on
//      127.0.0.1, its storage in a temp folder; `@symbiont/*` is served only from what is published
//      here (never proxied), everything else is proxied to the npm registry.
//   2. `changeset publish --no-git-tag` (changesets, which runs `pnpm publish` per package, so
//      `workspace:` ranges are rewritten by pnpm) publishes every non-private package of packages/.
//      Each one must then be on the registry at its package.json version with no `workspace:` range.
//   3. Fresh projects in a temp folder, each a check:
//      - ESM (`npm init -y`, `npm pkg set type=module`, then the README's `npm install` lines run
//        as written): a Node script against a mock runtime started from the workspace; the
//        `@symbiont/core/node` entry (dotenv, undici); every other published package imported by
//        name; the `/node` entry under a Node older than 22, if the machine has one, must fail
//        naming the version it needs;
//      - TypeScript (the workspace's tsc, 6.0.x) with `skipLibCheck: false`, under `module: node16`
//        (with @types/node) and under `moduleResolution: bundler` (DOM lib, no @types/node);
//      - CommonJS (`npm init -y` as is): `require()` works on this Node (require(esm)), and
//        TypeScript under `node16` reports TS1479, the error the README's Install section explains;
//      - an esbuild browser bundle of the app (platform browser): its size, and no Node built-in;
//      - Deno with `npm:` specifiers (its own empty cache), and Bun (`bun install` from the
//        registry into its own project, its own cache, then `bun run`).
//
// Writes .ci/results/registry.json ({ name, passed, failed, ms }) and exits non-zero on any failure.
// `node scripts/registry/run.mjs --serve` instead publishes, prints how to install from the
// registry, and keeps it running until interrupted (how to try the SDK from another project before
// anything is on npmjs). Run it after `pnpm run build` (the packages are published from dist).
// `--keep` keeps the temp folder.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as fixtures from './fixtures.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const VERDACCIO_VERSION = '6.8.0';
const verdaccioDir = join(root, '.cache/verdaccio');
const PNPM = ['-y', 'pnpm@12.21.0'];
const API_KEY = 'registry-check-key';
const serve = process.argv.includes('--serve');
const keep = process.argv.includes('--keep') || serve;
const started = Date.now();

// ---------------------------------------------------------------------------------------------

const checks = [];
const timings = [];
function check(name, ok, detail = '') {
  checks.push({ name, ok });
  console.log(`${ok ? 'PASS' : 'FAIL'} ${name}${detail ? `\n${String(detail).trimEnd().replace(/^/gm, '     ')}` : ''}`);
  return ok;
}
async function timed(name, fn) {
  const t = Date.now();
  try {
    return await fn();
  } finally {
    timings.push([name, Date.now() - t]);
  }
}

/** Children still running, killed on exit. */
const children = new Set();

/** The environment for every child: no NODE_PATH (pnpm's bin shims set it to the workspace's). */
const baseEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'NODE_PATH' && !/^npm_/i.test(name)));

/** Runs a command to completion or its timeout; never rejects. */
const sh = (file, args, options = {}) =>
  new Promise((resolve) => {
    const timeout = options.timeout ?? 180_000;
    const child = execFile(file, args, { encoding: 'utf8', maxBuffer: 32 * 1024 * 1024, ...options, env: { ...baseEnv, ...options.env }, timeout, killSignal: 'SIGKILL' }, (error, stdout, stderr) => {
      children.delete(child);
      const how = !error ? 'exit 0'
        : error.code === 'ENOENT' ? `${file}: not found`
        : error.killed ? `killed after ${timeout} ms`
        : typeof error.code === 'number' ? `exit ${error.code}` : String(error.code ?? error.message);
      resolve({ ok: !error, how, stdout: stdout ?? '', stderr: stderr ?? '', output: `${stdout ?? ''}${stderr ?? ''}` });
    });
    children.add(child);
  });
const tail = (text, lines = 25) => text.trimEnd().split('\n').slice(-lines).join('\n');

const freePort = () => new Promise((resolve, reject) => {
  const server = createServer();
  server.once('error', reject);
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address();
    server.close(() => resolve(port));
  });
});

function finish() {
  for (const child of children) child.kill('SIGKILL');
  const failed = checks.filter((c) => !c.ok).length;
  const passed = checks.length - failed;
  const ms = Date.now() - started;
  console.log('\nTime per step:');
  for (const [name, t] of timings) console.log(`  ${(t / 1000).toFixed(1).padStart(6)} s  ${name}`);
  console.log(`  ${(ms / 1000).toFixed(1).padStart(6)} s  total`);
  mkdirSync(join(root, '.ci/results'), { recursive: true });
  writeFileSync(join(root, '.ci/results/registry.json'), JSON.stringify({ name: 'registry', passed, failed, ms }));
  console.log(`\nregistry: ${passed} passed, ${failed} failed`);
  return failed;
}

// Never leave verdaccio running, and count a crash as a failure (results still written).
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});
for (const event of ['uncaughtException', 'unhandledRejection']) {
  process.on(event, (error) => {
    check('the registry round-trip runs to its end', false, error?.stack ?? String(error));
    process.exit(finish() ? 1 : 1);
  });
}

const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  check(`runs under Node >= 22 (run it through pnpm so the workspace's Node 24 is used; this is ${process.version})`, false);
  process.exit(finish() ? 1 : 0);
}

// --- The packages to publish -----------------------------------------------------------------

const packagesDir = join(root, 'packages');
const workspacePackages = readdirSync(packagesDir)
  .filter((name) => existsSync(join(packagesDir, name, 'package.json')))
  .map((name) => ({ dir: join(packagesDir, name), ...JSON.parse(readFileSync(join(packagesDir, name, 'package.json'), 'utf8')) }));
const publishable = workspacePackages.filter((p) => !p.private);
const unbuilt = publishable.filter((p) => !existsSync(join(p.dir, 'dist')));
if (unbuilt.length) {
  check('every publishable package is built (dist present)', false, `not built: ${unbuilt.map((p) => p.name).join(', ')}; run \`pnpm run build\` first`);
  process.exit(finish() ? 1 : 0);
}
const coreVersion = publishable.find((p) => p.name === '@symbiont/core')?.version;

// --- 1. verdaccio ------------------------------------------------------------------------------

const verdaccioBin = join(verdaccioDir, 'node_modules/verdaccio/bin/verdaccio');
const installedVersion = () => {
  try {
    return JSON.parse(readFileSync(join(verdaccioDir, 'node_modules/verdaccio/package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
};
if (installedVersion() !== VERDACCIO_VERSION) {
  await timed(`install verdaccio ${VERDACCIO_VERSION} into .cache/verdaccio`, async () => {
    rmSync(verdaccioDir, { recursive: true, force: true });
    mkdirSync(verdaccioDir, { recursive: true });
    // verdaccio 6 needs node-fetch 2.7.0 to install here; 6.10 wants Node 22 at install time.
    writeFileSync(join(verdaccioDir, 'package.json'), `${JSON.stringify({
      name: 'symbiont-registry-check-verdaccio', private: true,
      dependencies: { verdaccio: VERDACCIO_VERSION }, overrides: { 'node-fetch': '2.7.0' },
    }, null, 2)}\n`);
    const out = await sh('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: verdaccioDir, timeout: 300_000 });
    if (!check(`verdaccio ${VERDACCIO_VERSION} installs from the npm registry`, out.ok && installedVersion() === VERDACCIO_VERSION, out.ok ? '' : tail(out.output))) {
      process.exit(finish() ? 1 : 0);
    }
  });
}

const work = mkdtempSync(join(tmpdir(), 'symbiont-registry-'));
const port = await freePort();
const registry = `http://127.0.0.1:${port}/`;
mkdirSync(join(work, 'storage'));
writeFileSync(join(work, 'verdaccio.yaml'), `storage: ./storage
auth:
  htpasswd:
    file: ./htpasswd
    max_users: 10
uplinks:
  npmjs:
    url: https://registry.npmjs.org/
    timeout: 60s
packages:
  '@symbiont/*':
    access: $all
    publish: $authenticated
  '**':
    access: $all
    publish: $authenticated
    proxy: npmjs
server:
  keepAliveTimeout: 60
log: { type: stdout, format: pretty, level: warn }
`);

let verdaccio;
let verdaccioLog = '';
const up = await timed('start verdaccio', async () => {
  verdaccio = spawn(process.execPath, [verdaccioBin, '--config', join(work, 'verdaccio.yaml'), '--listen', `127.0.0.1:${port}`], { cwd: work, stdio: ['ignore', 'pipe', 'pipe'], env: baseEnv });
  children.add(verdaccio);
  verdaccio.stdout.on('data', (d) => { verdaccioLog += d; });
  verdaccio.stderr.on('data', (d) => { verdaccioLog += d; });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && verdaccio.exitCode === null) {
    try {
      if ((await fetch(`${registry}-/ping`)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
});
if (!check(`verdaccio ${VERDACCIO_VERSION} listens on ${registry}`, up, up ? '' : tail(verdaccioLog))) {
  process.exit(finish() ? 1 : 0);
}

// A user for publishing, and an npmrc with its token (the `//host:port/:_authToken=` line).
const user = await fetch(`${registry}-/user/org.couchdb.user:symbiont-ci`, {
  method: 'PUT',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ name: 'symbiont-ci', password: `ci-${Math.random().toString(36).slice(2)}` }),
}).then((r) => r.json());
const npmrc = join(work, 'npmrc');
writeFileSync(npmrc, `registry=${registry}\n//127.0.0.1:${port}/:_authToken=${user.token}\n`);
const registryEnv = { npm_config_registry: registry, npm_config_userconfig: npmrc, NPM_CONFIG_REGISTRY: registry };

// --- 2. publish with changesets + pnpm publish ---------------------------------------------------

const published = await timed('publish every package (changeset publish)', async () => {
  const out = await sh('npx', [...PNPM, 'changeset', 'publish', '--no-git-tag'], {
    cwd: root,
    timeout: 300_000,
    env: { ...registryEnv, npm_config_git_checks: 'false', CI: 'true' },
  });
  return out;
});
check('changeset publish succeeds (pnpm publish per package)', published.ok, published.ok ? '' : tail(published.output, 40));
const publishedVersions = new Map();
for (const pkg of publishable) {
  const meta = await fetch(`${registry}${pkg.name.replace('/', '%2f')}`).then((r) => (r.ok ? r.json() : undefined), () => undefined);
  const manifest = meta?.versions?.[pkg.version];
  const ranges = manifest ? Object.entries({ ...manifest.dependencies, ...manifest.peerDependencies, ...manifest.optionalDependencies }) : [];
  const workspaceRanges = ranges.filter(([, range]) => String(range).startsWith('workspace:'));
  if (manifest) publishedVersions.set(pkg.name, pkg.version);
  check(
    `${pkg.name}@${pkg.version} is on the registry, no workspace: range`,
    Boolean(manifest) && workspaceRanges.length === 0,
    !manifest ? 'not published' : workspaceRanges.map(([n, r]) => `${n}: ${r}`).join(', '),
  );
}

if (serve) {
  console.log(`
The registry is at ${registry} with every package published. From any other project:

  npm install --registry ${registry} @symbiont/core @symbiont/reviews

(or \`npm config set @symbiont:registry ${registry}\` once, then plain \`npm install @symbiont/core\`).
Its storage is in ${work}. Press Ctrl-C to stop it.`);
  process.on('SIGINT', () => {
    verdaccio.kill();
    process.exit(0);
  });
  await new Promise(() => {});
}

// --- 3. fresh projects -------------------------------------------------------------------------

const { startMockRuntime } = await import(pathToFileURL(join(root, 'packages/mock-runtime/dist/index.js')).href);
const mock = await startMockRuntime({ apiKey: API_KEY });
const mockHost = new URL(mock.url).host;
const projects = join(work, 'projects');
mkdirSync(projects);
const npm = (cwd, args, timeout = 240_000) => sh('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, timeout, env: registryEnv });

/** The README's Install section: the commands a user types (the `npm` lines of its first ```sh block). */
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const install = /^## Install\n([\s\S]*?)(?=^## )/m.exec(readme)?.[1] ?? '';
const readmeCommands = (/```sh\n([\s\S]*?)```/.exec(install)?.[1] ?? '')
  .split('\n')
  .map((line) => line.replace(/\s+#.*$/, '').trim())
  .filter((line) => /^npm (install|i|init|pkg) /.test(line));
check('the README has an "## Install" section with the npm commands a user types', readmeCommands.some((c) => /^npm (install|i) .*@symbiont\/core/.test(c)), readmeCommands.join('\n') || 'none found');
check('the README says the packages are ESM-only and how to fix TS1479', /ESM-only/.test(install) && /TS1479/.test(install) && /"type": "module"/.test(install));
check('the README says Node 22 or newer is needed', /Node(\.js)? (≥ ?|>= ?)?22/.test(install));

// 3a. ESM project: the README's commands as written.
const esm = join(projects, 'esm-app');
mkdirSync(esm);
const esmReady = await timed('ESM project: npm init + the README\'s npm install lines', async () => {
  const steps = [['init', '-y'], ...readmeCommands.filter((c) => !/^npm init/.test(c)).map((c) => c.split(/\s+/).slice(1))];
  if (!readmeCommands.some((c) => /type=module/.test(c))) steps.splice(1, 0, ['pkg', 'set', 'type=module']);
  for (const args of steps) {
    const out = await npm(esm, args);
    if (!check(`ESM project: npm ${args.join(' ')}`, out.ok, out.ok ? '' : tail(out.output))) return false;
  }
  return true;
});
writeFileSync(join(esm, 'program.mjs'), fixtures.program);
writeFileSync(join(esm, 'node-entry.mjs'), fixtures.nodeEntryProgram);
writeFileSync(join(esm, '.env.registry-check'), `SYMBIONT_BASE_URL=${mock.url}\nSYMBIONT_API_KEY=${API_KEY}\n`);
if (esmReady) {
  await timed('ESM project: Node scripts', async () => {
    const out = await sh(process.execPath, ['program.mjs', mock.url, API_KEY], { cwd: esm, timeout: 60_000 });
    check(`Node ${process.version}: an ESM script imports @symbiont/core, reviews, secrets by name and calls the mock runtime`, out.ok, out.ok ? out.stdout : tail(out.output));
    const node = await sh(process.execPath, ['node-entry.mjs', mock.url, API_KEY], { cwd: esm, timeout: 60_000 });
    check(`Node ${process.version}: @symbiont/core/node works with undici and dotenv installed`, node.ok, node.ok ? node.stdout : tail(node.output));
  });

  // Every other published package, by name.
  await timed('ESM project: install and import every other published package', async () => {
    const names = publishable.map((p) => p.name).filter((name) => name !== '@symbiont/mock-runtime');
    const missing = names.filter((name) => !existsSync(join(esm, 'node_modules', name)));
    if (missing.length) {
      const out = await npm(esm, ['install', ...missing]);
      if (!check(`npm install ${missing.join(' ')}`, out.ok, out.ok ? '' : tail(out.output))) return;
    }
    const script = `const names = ${JSON.stringify(names)};
      const bad = [];
      for (const name of names) { try { await import(name); } catch (e) { bad.push(name + ': ' + e.message); } }
      if (bad.length) { console.error(bad.join('\\n')); process.exit(1); }`;
    const out = await sh(process.execPath, ['--input-type=module', '-e', script], { cwd: esm });
    check(`every published package (${names.length}) imports by name in Node`, out.ok, tail(out.output));
  });

  // The /node entry under an older Node, when the machine has one.
  const old = await findOldNode();
  if (old) {
    const out = await sh(old.path, ['--input-type=module', '-e', "await import('@symbiont/core/node');"], { cwd: esm, timeout: 30_000 });
    const expected = `@symbiont/core/node needs Node.js 22 or newer; this is Node.js ${old.version.slice(1)}`;
    check(`Node ${old.version}: importing @symbiont/core/node fails naming the version it needs`, !out.ok && out.stderr.includes(expected), out.stderr.split('\n').find((line) => /^\w*Error: .*needs Node\.js/.test(line)) ?? tail(out.stderr, 8));
  } else {
    console.log('note: no Node older than 22 on this machine; the old-Node import is checked by packages/core/src/node.test.ts where there is one');
  }

  // 3b. TypeScript, skipLibCheck false, node16 and bundler.
  await timed('TypeScript: node16 and bundler (skipLibCheck false)', async () => {
    const types = await npm(esm, ['install', '--save-dev', '@types/node@24']);
    check('ESM project: npm install --save-dev @types/node@24', types.ok, types.ok ? '' : tail(types.output));
    writeFileSync(join(esm, 'node-app.ts'), fixtures.nodeTypes);
    writeFileSync(join(esm, 'browser-app.ts'), fixtures.browserApp);
    const strict = { strict: true, noEmit: true, skipLibCheck: false, target: 'es2022', verbatimModuleSyntax: true };
    writeFileSync(join(esm, 'tsconfig.node16.json'), JSON.stringify({ compilerOptions: { ...strict, module: 'node16', moduleResolution: 'node16', lib: ['es2023'], types: ['node'] }, files: ['node-app.ts'] }, null, 2));
    writeFileSync(join(esm, 'tsconfig.bundler.json'), JSON.stringify({ compilerOptions: { ...strict, module: 'esnext', moduleResolution: 'bundler', lib: ['es2023', 'dom', 'dom.iterable'], types: [] }, files: ['browser-app.ts'] }, null, 2));
    for (const config of ['node16', 'bundler']) {
      const out = await sh(process.execPath, [tscPath(), '-p', `tsconfig.${config}.json`], { cwd: esm });
      check(`TypeScript ${tscVersion()} (${config === 'node16' ? 'module: node16, @types/node' : 'moduleResolution: bundler, DOM lib, no @types/node'}, skipLibCheck: false) type-checks an app and the shipped .d.ts`, out.ok, tail(out.output));
    }
  });

  // 3c. esbuild browser bundle.
  await timed('esbuild browser bundle', async () => {
    const esbuild = await import('esbuild');
    const NODE_BUILTIN = /^(node:|(assert|async_hooks|buffer|child_process|crypto|dns|events|fs|http|http2|https|module|net|os|path|perf_hooks|process|stream|tls|url|util|worker_threads|zlib)(\/|$))/;
    try {
      const result = await esbuild.build({
        entryPoints: [join(esm, 'browser-app.ts')], absWorkingDir: esm, bundle: true, minify: true, format: 'esm',
        platform: 'browser', target: 'es2022', write: false, metafile: true, logLevel: 'silent', legalComments: 'none',
      });
      const output = Object.values(result.metafile.outputs)[0];
      const text = result.outputFiles[0].text;
      const builtins = [...output.imports.map((i) => i.path).filter((p) => NODE_BUILTIN.test(p)), ...(text.match(/["']node:[\w/]+["']/g) ?? [])];
      const gzip = gzipSync(result.outputFiles[0].contents, { level: 9 }).length;
      check(
        'esbuild bundles the app for the browser from the installed packages, with no Node built-in',
        builtins.length === 0,
        `${(text.length / 1000).toFixed(1)} KB minified, ${(gzip / 1000).toFixed(1)} KB gzip${builtins.length ? `; Node built-ins: ${builtins.join(', ')}` : ''}`,
      );
    } catch (error) {
      check('esbuild bundles the app for the browser from the installed packages', false, (error.errors ?? [error]).map((e) => e.text ?? e.message).join('\n'));
    }
  });

  // 3d. Bun: its own project, installed by `bun install` from the registry.
  await timed('Bun: bun install + bun run', async () => {
    const bunProject = join(projects, 'bun-app');
    mkdirSync(bunProject);
    const deps = Object.fromEntries(['@symbiont/core', '@symbiont/reviews', '@symbiont/secrets'].map((n) => [n, publishedVersions.get(n) ?? coreVersion]));
    writeFileSync(join(bunProject, 'package.json'), JSON.stringify({ name: 'bun-app', private: true, type: 'module', dependencies: deps }, null, 2));
    writeFileSync(join(bunProject, 'bunfig.toml'), `[install]\nregistry = "${registry}"\ncache = false\n`);
    writeFileSync(join(bunProject, 'program.mjs'), fixtures.program);
    const bun = join(root, 'node_modules/.bin/bun');
    const env = { BUN_INSTALL_CACHE_DIR: join(work, 'bun-cache') };
    const installed = await sh(bun, ['install'], { cwd: bunProject, env });
    if (!check('Bun: bun install @symbiont/core, reviews, secrets from the registry', installed.ok, installed.ok ? '' : tail(installed.output))) return;
    const out = await sh(bun, ['run', 'program.mjs', mock.url, API_KEY], { cwd: bunProject, timeout: 60_000, env });
    const version = (await sh(bun, ['--version'])).stdout.trim();
    check(`Bun ${version}: the same script runs`, out.ok, out.ok ? out.stdout : tail(out.output));
  });
}

// 3e. Deno with npm: specifiers (no package.json, no node_modules, its own cache).
await timed('Deno: npm: specifiers', async () => {
  const denoProject = join(projects, 'deno-app');
  mkdirSync(denoProject);
  writeFileSync(join(denoProject, 'main.ts'), fixtures.denoProgram(coreVersion));
  writeFileSync(join(denoProject, 'deno.json'), '{}\n');
  const deno = join(root, 'node_modules/.bin/deno');
  const out = await sh(deno, ['run', '--no-prompt', '--minimum-dependency-age=0', `--allow-net=${mockHost}`, 'main.ts', mock.url, API_KEY], {
    cwd: denoProject,
    timeout: 120_000,
    env: { DENO_DIR: join(work, 'deno-dir'), NPM_CONFIG_REGISTRY: registry, DENO_NO_UPDATE_CHECK: '1' },
  });
  const version = (await sh(deno, ['--version'])).stdout.split('\n')[0];
  check(`${version}: npm:@symbiont/core, reviews, secrets run with --allow-net=<mock host> only`, out.ok, out.ok ? out.stdout : tail(out.output));
});

// 3f. Tarballs (the README's way before anything is on npmjs): `pnpm run tarballs`, then
// `npm install <core.tgz> <reviews.tgz>` in a fresh ESM project.
await timed('tarballs: pnpm run tarballs + npm install of two tarballs', async () => {
  const packed = await sh('npx', [...PNPM, 'run', 'tarballs'], { cwd: root, timeout: 180_000 });
  const dir = join(root, '.cache/tarballs');
  const file = (name) => join(dir, `${name.replace('@', '').replace('/', '-')}-${publishable.find((p) => p.name === name)?.version}.tgz`);
  const wanted = ['@symbiont/core', '@symbiont/reviews'].map(file);
  if (!check('pnpm run tarballs packs every publishable package into .cache/tarballs', packed.ok && publishable.every((p) => existsSync(file(p.name))), packed.ok ? '' : tail(packed.output))) return;
  const project = join(projects, 'tarball-app');
  mkdirSync(project);
  for (const args of [['init', '-y'], ['pkg', 'set', 'type=module'], ['install', ...wanted]]) {
    const out = await npm(project, args);
    if (!check(`tarball project: npm ${args.map((a) => a.replace(dir, '<tarballs>')).join(' ')}`, out.ok, out.ok ? '' : tail(out.output))) return;
  }
  writeFileSync(join(project, 'app.mjs'), `import { createContext, healthCheck } from '@symbiont/core';
import { ReviewStatus } from '@symbiont/reviews';
const health = await healthCheck(createContext({ baseUrl: process.argv[2], maxRetries: 0 }));
console.log(health.status, ReviewStatus.APPROVED);`);
  const out = await sh(process.execPath, ['app.mjs', mock.url], { cwd: project, timeout: 60_000 });
  check('the packages installed from tarballs import and call the mock runtime', out.ok && /healthy approved/.test(out.stdout), tail(out.output));
});

// 3g. CommonJS project, as `npm init -y` makes it.
await timed('CommonJS project', async () => {
  const cjs = join(projects, 'cjs-app');
  mkdirSync(cjs);
  const init = await npm(cjs, ['init', '-y']);
  const installed = init.ok && (await npm(cjs, ['install', '@symbiont/core', '@symbiont/reviews', '@types/node@24']));
  if (!check('CommonJS project: npm init -y, npm install @symbiont/core @symbiont/reviews', Boolean(installed?.ok), tail((installed || init).output))) return;
  const peers = ['undici', 'dotenv'].filter((name) => existsSync(join(cjs, 'node_modules', name)));
  check('npm install @symbiont/core installs neither undici nor dotenv (optional peers, for @symbiont/core/node only)', peers.length === 0, peers.length ? `installed: ${peers.join(', ')}` : '');
  writeFileSync(join(cjs, 'index.js'), fixtures.commonjsProgram);
  const out = await sh(process.execPath, ['index.js', mock.url], { cwd: cjs, timeout: 60_000 });
  check(`Node ${process.version}: require('@symbiont/core') works in a CommonJS project (Node loads ES modules through require)`, out.ok && !/ExperimentalWarning/.test(out.stderr), tail(out.output));
  writeFileSync(join(cjs, 'index.ts'), fixtures.commonjsTypes);
  writeFileSync(join(cjs, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, skipLibCheck: false, module: 'node16', moduleResolution: 'node16', target: 'es2022', types: ['node'] }, files: ['index.ts'] }, null, 2));
  const tsc = await sh(process.execPath, [tscPath(), '-p', 'tsconfig.json'], { cwd: cjs });
  check('TypeScript in a CommonJS project under node16 fails with TS1479, as the README explains', !tsc.ok && /TS1479/.test(tsc.output), tail(tsc.output, 6));
});

await mock.close();
verdaccio.kill();
if (!keep) rmSync(work, { recursive: true, force: true });
else console.log(`kept: ${work}`);
process.exit(finish() ? 1 : 0);

// ---------------------------------------------------------------------------------------------

function tscPath() {
  return join(root, 'node_modules/typescript/lib/tsc.js');
}
function tscVersion() {
  return JSON.parse(readFileSync(join(root, 'node_modules/typescript/package.json'), 'utf8')).version;
}

/** A Node.js older than 22 on this machine (the system Node is 20 here), if any. */
async function findOldNode() {
  const candidates = new Set(['/usr/bin/node', '/usr/local/bin/node', ...(process.env.PATH ?? '').split(delimiter).map((d) => join(d, 'node'))]);
  for (const path of candidates) {
    if (!existsSync(path)) continue;
    const out = await sh(path, ['--version'], { timeout: 10_000 });
    const version = out.stdout.trim();
    if (out.ok && Number(/^v(\d+)/.exec(version)?.[1]) < 22) return { path, version };
  }
  return undefined;
}
