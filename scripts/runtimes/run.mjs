// The runtime matrix: the same small program (scripts/runtimes/program.ts) against ONE mock runtime,
// in Node 22, Node 24, Deno, Bun, workerd (miniflare) and a real headless Chromium. Each runtime
// reports PASS or FAIL on its own; a runtime that cannot be found or installed is a FAIL, never a
// skip. Writes .ci/results/runtimes.json ({ name, passed, failed, runtimes, versions, ms }) and
// exits non-zero if any runtime failed.
//
// Run with Node >= 22.18 (type stripping) through pnpm: `npx -y pnpm@12.21.0 run runtimes`.
// Everything comes from the npm registry (node, deno, bun, miniflare/workerd, playwright-core,
// esbuild) and Debian (chromium); Node 22 is installed on first use into .cache/node22.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const here = fileURLToPath(new URL('./', import.meta.url));
const cacheDir = join(root, '.cache');
const outDir = join(cacheDir, 'runtimes');
const API_KEY = 'runtimes-matrix-key';
const RUN_TIMEOUT_MS = 90_000;
const require = createRequire(import.meta.url);

/** Child processes still running, killed before exiting. */
const children = new Set();

/** Runs a command to completion (or its timeout); never rejects. */
const sh = (file, args, options = {}) =>
  new Promise((resolve) => {
    const timeout = options.timeout ?? 120_000;
    const child = execFile(file, args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, ...options, timeout, killSignal: 'SIGKILL' }, (error, stdout, stderr) => {
      children.delete(child);
      const how = !error ? 'exit 0'
        : error.code === 'ENOENT' ? 'not found (ENOENT)'
        : error.killed ? `killed after the ${timeout} ms timeout`
        : error.signal ? `killed by ${error.signal}`
        : typeof error.code === 'number' ? `exit ${error.code}` : String(error.code ?? error.message);
      resolve({ ok: !error, how, stdout: stdout ?? '', stderr: stderr ?? '', error });
    });
    children.add(child);
  });

/** Fails a runtime with a reason and whatever output it had. */
class RuntimeFailure extends Error {
  constructor(reason, output = '', runtime = undefined) {
    super(reason);
    this.output = output;
    this.runtime = runtime;
  }
}

// ---------------------------------------------------------------------------------------------
// Mock runtime: the TypeScript source when this Node strips types, else the built dist.
async function importMockRuntime() {
  const entry = process.features?.typescript
    ? join(root, 'packages/mock-runtime/src/index.ts')
    : join(root, 'packages/mock-runtime/dist/index.js');
  return import(pathToFileURL(entry).href);
}

// ---------------------------------------------------------------------------------------------
// Bundles (esbuild, workspace packages from their TypeScript sources via the `source` condition).
let esbuild;

/** Node built-ins a bundle imports (none allowed in the browser/worker bundles). */
function nodeBuiltinsIn(metafile) {
  const found = new Set();
  for (const output of Object.values(metafile.outputs)) {
    for (const imp of output.imports ?? []) {
      if (imp.path.startsWith('node:') || imp.external) found.add(imp.path);
    }
  }
  for (const [input, info] of Object.entries(metafile.inputs)) {
    for (const imp of info.imports ?? []) if (imp.path.startsWith('node:')) found.add(`${imp.path} (from ${input})`);
  }
  return [...found];
}

/** Bundles `entry` to outDir/`name`.mjs; rejects with esbuild's errors (an unresolvable `node:` import included). */
async function bundle(name, entry, platform) {
  const outfile = join(outDir, `${name}.mjs`);
  let result;
  try {
    esbuild ??= await import('esbuild');
    result = await esbuild.build({
      entryPoints: [join(here, entry)],
      outfile,
      bundle: true,
      format: 'esm',
      platform,
      target: 'es2022',
      conditions: ['@symbiont/source'],
      metafile: true,
      logLevel: 'silent',
      legalComments: 'none',
    });
  } catch (error) {
    const messages = (error.errors ?? []).map((e) => `${e.location ? `${e.location.file}:${e.location.line}: ` : ''}${e.text}`);
    throw new RuntimeFailure(`esbuild could not bundle ${entry} for ${platform}: ${messages[0] ?? error}`, messages.join('\n') || String(error));
  }
  const builtins = nodeBuiltinsIn(result.metafile);
  if (platform !== 'node' && builtins.length > 0) {
    throw new RuntimeFailure(`the ${platform} bundle imports Node built-ins or externals: ${builtins.join(', ')}`);
  }
  const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
  return { file: outfile, bytes, builtins };
}

/** The JSON line an entry prints (cli.ts), checked. */
function parseResult(stdout, stderr) {
  const line = stdout.trim().split('\n').filter((l) => l.startsWith('{')).pop();
  let result;
  try {
    result = JSON.parse(line ?? '');
  } catch {
    throw new RuntimeFailure('the program printed no result line', `${stdout}${stderr}`);
  }
  if (!result.ok) throw new RuntimeFailure(`the program failed: ${result.error}`, `${stdout}${stderr}`, result.runtime);
  return result;
}

/** Runs a command-line runtime on a bundle. */
async function runCli(command, args, mock) {
  const env = { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1', DENO_NO_PROMPT: '1' };
  const r = await sh(command, [...args, mock.url, API_KEY, mock.webhookUrl], { cwd: outDir, timeout: RUN_TIMEOUT_MS, env });
  if (!r.ok && !r.stdout.includes('{')) throw new RuntimeFailure(`${command}: ${r.how}`, `${r.stdout}${r.stderr}`);
  const result = parseResult(r.stdout, r.stderr);
  if (!r.ok) throw new RuntimeFailure(`${command}: ${r.how} after reporting success`, `${r.stdout}${r.stderr}`, result.runtime);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Node 22: the npm registry's `node@22` package (its preinstall fetches `node-<os>-<arch>@22`, also
// from the npm registry), installed once into .cache/node22, outside the workspace lockfile.
async function nodeVersion(bin) {
  if (!existsSync(bin)) return undefined;
  const r = await sh(bin, ['-v'], { timeout: 30_000 });
  return r.ok ? r.stdout.trim() : undefined;
}

async function ensureNode22(log) {
  const prefix = join(cacheDir, 'node22');
  const viaNode = join(prefix, 'node_modules/node/bin/node');
  const arch = `node-${process.platform}-${process.arch}`;
  const viaArch = join(prefix, `node_modules/${arch}/bin/node`);
  for (const bin of [viaNode, viaArch]) {
    if ((await nodeVersion(bin))?.startsWith('v22.')) return bin;
  }
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const common = ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', '--no-package-lock', '--foreground-scripts'];
  rmSync(prefix, { recursive: true, force: true });
  mkdirSync(prefix, { recursive: true });
  log(`installing node@22 from the npm registry into ${prefix}`);
  const first = await sh(npm, [...common, 'node@22'], { cwd: prefix, timeout: 180_000 });
  if ((await nodeVersion(viaNode))?.startsWith('v22.')) return viaNode;
  // npm may refuse the `node` package's preinstall script: install its binary package directly.
  log(`node@22 gave no v22 binary (npm ${first.ok ? 'succeeded' : 'failed'}); installing ${arch}@22 directly`);
  const second = await sh(npm, [...common, `${arch}@22`], { cwd: prefix, timeout: 180_000 });
  if ((await nodeVersion(viaArch))?.startsWith('v22.')) return viaArch;
  throw new RuntimeFailure('could not install Node 22 from the npm registry', `${first.stdout}${first.stderr}${second.stdout}${second.stderr}`);
}

// ---------------------------------------------------------------------------------------------
// workerd through miniflare: the worker bundle's fetch handler runs the program.
async function runWorkerd(mock, bundles) {
  const worker = await bundles.worker();
  const { Miniflare } = await import('miniflare');
  const miniflareRequire = createRequire(require.resolve('miniflare'));
  const workerdVersion = JSON.parse(readFileSync(miniflareRequire.resolve('workerd/package.json'), 'utf8')).version;
  const miniflareVersion = JSON.parse(readFileSync(join(require.resolve('miniflare'), '../../../package.json'), 'utf8')).version;
  const mf = new Miniflare({
    modules: true,
    scriptPath: worker.file,
    compatibilityDate: '2026-07-01',
    bindings: { BASE_URL: mock.url, API_KEY, WEBHOOK_URL: mock.webhookUrl },
  });
  try {
    const response = await mf.dispatchFetch('http://localhost/');
    const text = await response.text();
    let result;
    try {
      result = JSON.parse(text);
    } catch {
      throw new RuntimeFailure(`the worker answered ${response.status} without JSON`, text);
    }
    const runtime = `workerd ${workerdVersion} via miniflare ${miniflareVersion} (navigator.userAgent "${result.runtime}")`;
    if (!result.ok) throw new RuntimeFailure(`the program failed: ${result.error}`, text, runtime);
    return { ...result, runtime, lines: [...result.lines, `bundle: ${worker.bytes} bytes, no Node built-ins`] };
  } finally {
    await mf.dispose();
  }
}

// ---------------------------------------------------------------------------------------------
// Chromium: Debian's /usr/bin/chromium (installed with apt-get when missing and we are root),
// driven by playwright-core; the page and bundle come from a static server on another origin
// than the mock runtime, so the SDK's requests go through real CORS, preflight included.
const CHROMIUM = '/usr/bin/chromium';

async function ensureChromium(log) {
  if (existsSync(CHROMIUM)) return;
  if (process.getuid?.() !== 0) throw new RuntimeFailure(`${CHROMIUM} is missing and we are not root: install Debian's chromium package`);
  log(`chromium: ${CHROMIUM} missing, running \`apt-get update && apt-get install -y --no-install-recommends chromium\``);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = await sh('apt-get', ['update'], { env, timeout: 240_000 });
  log(`chromium: apt-get update ${update.ok ? 'done' : `failed (${update.how})`}`);
  const install = await sh('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { env, timeout: 240_000 });
  log(`chromium: apt-get install ${install.ok ? 'done' : `failed (${install.how})`}`);
  if (!existsSync(CHROMIUM)) {
    throw new RuntimeFailure(`${CHROMIUM} still missing after apt-get`, `${update.stdout}${update.stderr}${install.stdout}${install.stderr}`.slice(-4000));
  }
}

function startStaticServer(files) {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = files[path];
    if (!file) {
      res.writeHead(path === '/favicon.ico' ? 204 : 404).end();
      return;
    }
    res.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store' }).end(file.body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

async function runChromium(mock, bundles, log) {
  await ensureChromium(log);
  const browserBundle = await bundles.browser();
  const html = '<!doctype html><meta charset="utf-8"><title>symbiont runtime matrix</title><script type="module" src="/program.mjs"></script>';
  const chatBundle = await bundles.chatPage();
  const server = await startStaticServer({
    '/': { type: 'text/html; charset=utf-8', body: html },
    '/program.mjs': { type: 'text/javascript; charset=utf-8', body: readFileSync(browserBundle.file) },
    // The chat example page (examples/chat-browser), as a user would serve it.
    '/chat/': { type: 'text/html; charset=utf-8', body: readFileSync(join(root, 'examples/chat-browser/index.html')) },
    '/chat/main.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(chatBundle.file) },
  });
  const origin = `http://127.0.0.1:${server.address().port}`;
  const { chromium } = await import('playwright-core');
  let browser;
  const pageLog = [];
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      timeout: 60_000,
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ],
    });
    const page = await browser.newPage();
    page.on('console', (m) => pageLog.push(`console.${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => pageLog.push(`pageerror: ${e.message}`));
    page.on('requestfailed', (r) => pageLog.push(`requestfailed: ${r.method()} ${r.url()} ${r.failure()?.errorText ?? ''}`));
    await page.addInitScript((config) => {
      window.__config = config;
    }, { baseUrl: mock.url, apiKey: API_KEY, webhookUrl: mock.webhookUrl });
    await page.goto(`${origin}/`, { timeout: 30_000 });
    await page.waitForFunction(() => window.__result !== undefined, undefined, { timeout: 60_000 });
    const result = await page.evaluate(() => window.__result);
    if (!result.ok) throw new RuntimeFailure(`the program failed: ${result.error}`, pageLog.join('\n'), `chromium ${browser.version()}`);
    // Real CORS: a preflight from the page's origin asked for the Authorization header.
    const preflight = mock.requests.find((r) => r.method === 'OPTIONS' && r.headers.origin === origin
      && /authorization/i.test(r.headers['access-control-request-headers'] ?? ''));
    if (!preflight) throw new RuntimeFailure(`no CORS preflight from ${origin} asking for Authorization reached the mock runtime`, pageLog.join('\n'));
    const chatLine = await chatInExamplePage(browser, `${origin}/chat/`, mock.url, pageLog);
    return {
      ...result,
      runtime: `chromium ${browser.version()} (${result.runtime})`,
      lines: [
        ...result.lines,
        chatLine,
        `CORS: page origin ${origin}, preflight OPTIONS ${preflight.path} for "${preflight.headers['access-control-request-headers']}"`,
        `bundle: ${browserBundle.bytes} bytes, no Node built-ins`,
      ],
    };
  } catch (error) {
    if (error instanceof RuntimeFailure) throw error;
    throw new RuntimeFailure(String(error?.message ?? error).split('\n')[0], `${String(error?.stack ?? error)}\n${pageLog.join('\n')}`);
  } finally {
    await browser?.close().catch(() => {});
    await new Promise((resolve) => server.close(resolve));
  }
}

/** Opens examples/chat-browser like a user: fills the form, sends a message and waits for the answer on the page. */
async function chatInExamplePage(browser, url, baseUrl, pageLog) {
  const page = await browser.newPage();
  page.on('console', (m) => pageLog.push(`chat page console.${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => pageLog.push(`chat page pageerror: ${e.message}`));
  await page.goto(url, { timeout: 30_000 });
  await page.waitForSelector('form[data-ready]', { timeout: 30_000 });
  await page.fill('#base-url', baseUrl);
  await page.fill('#api-key', API_KEY);
  await page.fill('#message', 'Hello from Chromium [tool]');
  await page.click('#send');
  await page.waitForSelector('#transcript li.reply[data-done], #transcript li.error', { timeout: 30_000 });
  const lines = await page.$$eval('#transcript li', (items) => items.map((li) => `${li.className}: ${li.textContent}`));
  await page.close();
  const reply = lines.find((line) => line.startsWith('reply:'));
  if (!reply?.includes('Hello from Chromium')) throw new RuntimeFailure(`the chat example page shows no answer: ${JSON.stringify(lines)}`, pageLog.join('\n'));
  if (!lines.some((line) => line.startsWith('tool:')) || !lines.some((line) => line.startsWith('policy:'))) {
    throw new RuntimeFailure(`the chat example page misses the tool or policy events: ${JSON.stringify(lines)}`, pageLog.join('\n'));
  }
  return `chat example page (examples/chat-browser): shows ${lines.length} lines, ending "${reply}"`;
}

// ---------------------------------------------------------------------------------------------
const bin = (name) => join(root, 'node_modules/.bin', name);

const runtimes = {
  'node-24': async (mock, bundles) => {
    if (!process.version.startsWith('v24.')) throw new RuntimeFailure(`expected to run under Node 24 (pnpm's node), got ${process.version}`);
    const result = await runCli(process.execPath, [(await bundles.node()).file], mock);
    if (!result.runtime.startsWith('node v24.')) throw new RuntimeFailure(`expected Node 24, the program reports ${result.runtime}`);
    return result;
  },
  'node-22': async (mock, bundles, log) => {
    const node22 = await ensureNode22(log);
    const result = await runCli(node22, [(await bundles.node()).file], mock);
    if (!result.runtime.startsWith('node v22.')) throw new RuntimeFailure(`expected Node 22, the program reports ${result.runtime}`);
    return result;
  },
  deno: async (mock, bundles) => {
    const port = new URL(mock.url).port;
    // Least privilege: network to the mock runtime only, no env access (the SDK tolerates its absence).
    return runCli(bin('deno'), ['run', '--no-prompt', '--no-config', '--no-lock', `--allow-net=127.0.0.1:${port},127.0.0.1:${new URL(mock.webhookUrl).port}`, (await bundles.node()).file], mock);
  },
  bun: async (mock, bundles) => runCli(bin('bun'), ['run', '--no-install', (await bundles.node()).file], mock),
  workerd: (mock, bundles) => runWorkerd(mock, bundles),
  chromium: (mock, bundles, log) => runChromium(mock, bundles, log),
};

// Per runtime: its own deadline (installs included), so one hang cannot stall the matrix.
const DEADLINE_MS = { 'node-22': 240_000, chromium: 240_000 };
const DEFAULT_DEADLINE_MS = 120_000;

const only = process.argv.slice(2);
const unknown = only.filter((n) => !(n in runtimes));
if (unknown.length) {
  console.error(`unknown runtime(s): ${unknown.join(', ')}; known: ${Object.keys(runtimes).join(', ')}`);
  process.exit(2);
}
const names = only.length ? Object.keys(runtimes).filter((n) => only.includes(n)) : Object.keys(runtimes);
const started = Date.now();
const results = {};

// Build once, shared; a bundle failure fails the runtimes that need it.
const once = (fn) => {
  let promise;
  return () => (promise ??= fn());
};
const bundles = {
  node: once(() => bundle('program.node', 'cli.ts', 'node')),
  browser: once(() => bundle('program.browser', 'browser.ts', 'browser')),
  worker: once(() => bundle('program.worker', 'worker.ts', 'browser')),
  chatPage: once(() => bundle('chat-browser', '../../examples/chat-browser/main.ts', 'browser')),
};

async function runOne(name, mock) {
  const t0 = Date.now();
  const notes = [];
  const log = (line) => {
    notes.push(line);
    console.log(`  [${name}] ${line}`);
  };
  const deadline = DEADLINE_MS[name] ?? DEFAULT_DEADLINE_MS;
  let timer;
  try {
    const result = await Promise.race([
      runtimes[name](mock, bundles, log),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new RuntimeFailure(`did not finish within ${deadline / 1000} s`)), deadline);
      }),
    ]);
    const ms = Date.now() - t0;
    results[name] = { status: 'pass', ms, version: result.runtime };
    console.log(`PASS runtime ${name} (${ms} ms)`);
    for (const line of [`runtime: ${result.runtime}`, ...result.lines]) console.log(`  | ${line}`);
  } catch (error) {
    const ms = Date.now() - t0;
    const reason = error instanceof RuntimeFailure ? error.message : `${error?.name ?? 'Error'}: ${error?.message ?? error}`;
    const output = error instanceof RuntimeFailure ? error.output : String(error?.stack ?? '');
    results[name] = { status: 'fail', ms, reason, version: error?.runtime };
    console.log(`FAIL runtime ${name}: ${reason} (${ms} ms)`);
    for (const line of `${notes.join('\n')}\n${output}`.trim().split('\n').filter(Boolean).slice(-60)) console.log(`  | ${line}`);
  } finally {
    clearTimeout(timer);
  }
}

let mock;
try {
  mkdirSync(outDir, { recursive: true });
  const { startMockRuntime } = await importMockRuntime();
  mock = await startMockRuntime({ apiKey: API_KEY });
  console.log(`runtime matrix: mock runtime at ${mock.url}, runtimes: ${names.join(', ')}`);
} catch (error) {
  // No mock runtime: every runtime fails with that reason (none is left out of the results).
  console.log(`runtime matrix: could not start the mock runtime: ${error?.stack ?? error}`);
  for (const name of names) {
    results[name] = { status: 'fail', ms: 0, reason: `mock runtime did not start: ${error?.message ?? error}` };
    console.log(`FAIL runtime ${name}: ${results[name].reason}`);
  }
}

if (mock) {
  // Two cores: three lanes, so the slow ones (Chromium, workerd, the first Node 22 install)
  // overlap with the quick command-line runs.
  const queue = [...names];
  await Promise.all(Array.from({ length: Math.min(3, queue.length) }, async () => {
    while (queue.length) await runOne(queue.shift(), mock);
  }));
  await mock.close().catch(() => {});
}
for (const child of children) child.kill('SIGKILL');

const summary = {
  name: 'runtimes',
  passed: names.filter((n) => results[n].status === 'pass').length,
  failed: names.filter((n) => results[n].status !== 'pass').length,
  runtimes: Object.fromEntries(names.map((n) => [n, results[n].status])),
  versions: Object.fromEntries(names.filter((n) => results[n].version).map((n) => [n, results[n].version])),
  reasons: Object.fromEntries(names.filter((n) => results[n].reason).map((n) => [n, results[n].reason])),
  ms: Object.fromEntries(names.map((n) => [n, results[n].ms])),
  totalMs: Date.now() - started,
};
mkdirSync(join(root, '.ci/results'), { recursive: true });
writeFileSync(join(root, '.ci/results/runtimes.json'), `${JSON.stringify(summary, null, 2)}\n`);
console.log(`runtimes: ${summary.passed} passed, ${summary.failed} failed (${summary.totalMs} ms)`);
process.exit(summary.failed ? 1 : 0);
