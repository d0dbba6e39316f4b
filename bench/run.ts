// The SDK's overhead next to raw fetch and to ky (issue 6, "Fast"). Reports; asserts nothing.
//
//   pnpm run bench            (node --conditions=@symbiont/source bench/run.ts)
//   BENCH_ROUNDS=9 BENCH_TIME_MS=800 pnpm run bench     (more rounds, longer samples)
//   BENCH_KY1=/tmp/ky1/node_modules/ky/distribution/index.js pnpm run bench   (adds ky 1.x, a one-off)
//
// The SDK runs from source (`--conditions=@symbiont/source`, Node's type stripping: the same JavaScript as
// dist, types erased); cold imports are measured on dist, which is what users load. A loopback
// HTTP server runs in its own process. Every case is measured with mitata's `measure` in each of
// several interleaved rounds (the order rotates each round); a ratio is computed within a round,
// and the median across rounds is reported, which keeps drift on a shared machine out of ratios.
// The results are printed; with `--write` (`pnpm run bench -- --write`) they also replace the section
// of BENCHMARKS.md between <!-- bench:start --> and <!-- bench:end --> (never without it: CI and
// a plain run leave the work tree as it was).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, release, totalmem, type } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createContext, healthCheck, type Context } from '@symbiont/core';
import { createNodeTransport, type NodeTransport } from '@symbiont/core/node';
import ky from 'ky';
import { HEALTH, REVIEW_SESSION } from './fixtures.ts';
import { median, ms, ratio, rounds as measureRounds, spread, startServer, table, us, verify, type Case, type Measured } from './lib.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const TIME_MS = Number(process.env.BENCH_TIME_MS ?? 400);
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 15);
const CONCURRENCY = 200;

// --- The server -------------------------------------------------------------------------------

const server = await startServer();
const { origin, baseUrl } = server;
const healthUrl = `${baseUrl}/health`;
const sessionUrl = `${baseUrl}/tool-review/sessions/review-123`;
const rounds = (title: string, cases: Case[]): Promise<Measured[]> => measureRounds(title, cases, { rounds: ROUNDS, timeMs: TIME_MS });
const loadAtStart = loadavg();

// --- The calls --------------------------------------------------------------------------------

const rawFetch = async (url: string): Promise<unknown> => {
  const response = await fetch(url, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`status ${response.status}`);
  return JSON.parse(await response.text());
};
const kyDefault = (url: string): Promise<unknown> => ky.get(url).json();
// ky with exactly the options the SDK's kernel gives it (packages/core/src/kernel/send.ts).
const RETRY_STATUSES = [408, 429, 500, 502, 503, 504];
const kySdkSettings = async (url: string, fetchFn: typeof fetch = globalThis.fetch): Promise<unknown> => {
  const response = await ky(url, {
    method: 'GET',
    headers: { accept: 'application/json' },
    timeout: 30_000,
    totalTimeout: false,
    throwHttpErrors: true,
    parseJson: (text: string) => text,
    fetch: (input, init) => fetchFn(input, init),
    retry: {
      limit: 3,
      methods: ['get'],
      statusCodes: RETRY_STATUSES,
      afterStatusCodes: RETRY_STATUSES,
      maxRetryAfter: 60_000,
      backoffLimit: 8_000,
      delay: (n: number) => Math.min(8_000, 500 * 2 ** (n - 1)),
      jitter: (delay: number) => delay / 2 + (Math.random() * delay) / 2,
      retryOnTimeout: true,
      shouldRetry: () => undefined,
    },
    hooks: { beforeRequest: [], afterResponse: [], beforeRetry: [] },
  });
  return JSON.parse(await response.text());
};

// BENCH_KY1=/path/to/ky1/distribution/index.js adds ky 1.x defaults as a one-off comparison.
const ky1 = process.env.BENCH_KY1 ? (await import(pathToFileURL(process.env.BENCH_KY1).href)).default as typeof ky : undefined;
const ky1Version = process.env.BENCH_KY1 ? JSON.parse(readFileSync(join(process.env.BENCH_KY1, '../../package.json'), 'utf8')).version : '';

const ctx = createContext({ baseUrl });
const ctxKey = createContext({ baseUrl, apiKey: 'sk-bench-0123456789' });
const ctxNoValidation = createContext({ baseUrl, validateResponses: false });

const isHealth = (value: { status?: unknown }) => value?.status === HEALTH.status;
const isSdkHealth = (value: { status?: unknown; timestamp?: unknown }) => isHealth(value) && value.timestamp instanceof Date;

// --- 1. Sequential healthCheck ----------------------------------------------------------------

const sequential: Case[] = [
  { name: 'raw `fetch` + `JSON.parse`', fn: () => rawFetch(healthUrl) },
  { name: 'ky defaults: `ky.get(url).json()`', fn: () => kyDefault(healthUrl) },
  { name: 'ky with the SDK\'s options', fn: () => kySdkSettings(healthUrl) },
  { name: '`healthCheck(ctx)`, validation on', fn: () => healthCheck(ctx) },
  { name: '`healthCheck(ctx)`, validation on, API key', fn: () => healthCheck(ctxKey) },
  { name: '`healthCheck(ctx)`, validation off', fn: () => healthCheck(ctxNoValidation) },
  ...(ky1 ? [{ name: `ky ${ky1Version} defaults (one-off comparison)`, fn: () => ky1.get(healthUrl).json() }] : []),
];
for (const c of sequential) await verify(c.name, c.fn, c.name.includes('healthCheck') ? isSdkHealth : isHealth);
const seq = await rounds('sequential healthCheck', sequential);

// --- 1b. The same calls on an in-memory fetch: the JavaScript each layer adds -----------------

const healthBody = JSON.stringify(HEALTH);
let stubCalls = 0;
// Every 64th call also waits for a turn of the event loop: a loop of microtasks alone never runs the
// FinalizationRegistry callbacks that free each Request's signal bookkeeping (memory would grow).
const stub = async (): Promise<Response> => {
  if (++stubCalls % 64 === 0) await new Promise(setImmediate);
  return new Response(healthBody, { headers: { 'content-type': 'application/json', 'content-length': String(healthBody.length) } });
};
const memCtx = createContext({ baseUrl, fetch: stub });
const memCtxKey = createContext({ baseUrl, fetch: stub, apiKey: 'sk-bench-0123456789' });
const memCtxOff = createContext({ baseUrl, fetch: stub, validateResponses: false });
const inMemory: Case[] = [
  { name: 'in-memory `fetch` + `JSON.parse`', fn: async () => JSON.parse(await (await stub()).text()) },
  { name: 'ky defaults', fn: () => ky.get(healthUrl, { fetch: stub }).json() },
  { name: 'ky with the SDK\'s options', fn: () => kySdkSettings(healthUrl, stub) },
  { name: '`healthCheck(ctx)`, validation on', fn: () => healthCheck(memCtx) },
  { name: '`healthCheck(ctx)`, validation on, API key', fn: () => healthCheck(memCtxKey) },
  { name: '`healthCheck(ctx)`, validation off', fn: () => healthCheck(memCtxOff) },
];
for (const c of inMemory) await verify(c.name, c.fn, c.name.includes('healthCheck') ? isSdkHealth : isHealth);
const mem = await rounds('in-memory fetch', inMemory);

// --- 2. 200 concurrent getReviewSession on one context ----------------------------------------

let reviews: { getReviewSession?: (ctx: Context, id: string) => Promise<{ review_id: string; submitted_at: unknown }> } | undefined;
let reviewsNote = '';
try {
  reviews = await import(pathToFileURL(join(root, 'packages/reviews/src/index.ts')).href);
  if (typeof reviews?.getReviewSession !== 'function') reviewsNote = 'skipped: @symbiont/reviews does not export getReviewSession yet';
} catch (error) {
  reviewsNote = `skipped: @symbiont/reviews not built (${(error as Error).message.split('\n')[0]})`;
}
let concurrent: Measured[] | undefined;
if (!reviewsNote) {
  const getReviewSession = reviews!.getReviewSession!;
  const all = <T>(fn: () => Promise<T>) => () => Promise.all(Array.from({ length: CONCURRENCY }, fn));
  const cases: Case[] = [
    { name: `raw \`fetch\` + \`JSON.parse\` ×${CONCURRENCY}`, fn: all(() => rawFetch(sessionUrl)) },
    { name: `ky defaults ×${CONCURRENCY}`, fn: all(() => kyDefault(sessionUrl)) },
    { name: `\`getReviewSession(ctx, id)\` ×${CONCURRENCY}, validation on`, fn: all(() => getReviewSession(ctx, 'review-123')) },
  ];
  await verify('getReviewSession', () => getReviewSession(ctx, 'review-123'), (s) => s.review_id === REVIEW_SESSION.review_id && s.submitted_at instanceof Date);
  for (const c of cases) await verify(c.name, c.fn, (list: unknown[]) => list.length === CONCURRENCY);
  concurrent = await rounds(`${CONCURRENCY} concurrent getReviewSession`, cases);
} else {
  console.log(reviewsNote);
}

// --- 3. Keep-alive transport from @symbiont/core/node vs the global fetch -----------------------

type TransportOptions = Parameters<typeof createNodeTransport>[0];
interface TransportRun { name: string; options?: TransportOptions; transport?: NodeTransport; ctx: Context }
const transports: TransportRun[] = [{ name: 'global `fetch`', ctx }];
const makeTransport = (options: TransportOptions): NodeTransport => {
  // `proxy: 'env'` reads HTTP_PROXY when the transport is made.
  if (options?.proxy === 'env') process.env.HTTP_PROXY = origin;
  try {
    return createNodeTransport(options);
  } finally {
    if (options?.proxy === 'env') delete process.env.HTTP_PROXY;
  }
};
const addTransport = (name: string, options: TransportOptions) => {
  const transport = makeTransport(options);
  transports.push({ name, options, transport, ctx: createContext({ baseUrl, fetch: transport.fetch }) });
};
addTransport('`createNodeTransport()` (16 connections)', {});
addTransport('`createNodeTransport({ pipelining: 4 })`', { pipelining: 4 });
addTransport('`createNodeTransport({ proxy })` via a loopback forward proxy', { proxy: origin });
addTransport('`createNodeTransport({ proxy: \'env\' })`, `HTTP_PROXY` set', { proxy: 'env' });
for (const t of transports) await verify(t.name, () => healthCheck(t.ctx), isSdkHealth);
const transportSeq = await rounds('transport, sequential healthCheck', transports.map((t) => ({ name: t.name, fn: () => healthCheck(t.ctx) })));
const transportConc = await rounds(
  `transport, ${CONCURRENCY} concurrent healthCheck`,
  transports.map((t) => ({ name: t.name, fn: () => Promise.all(Array.from({ length: CONCURRENCY }, () => healthCheck(t.ctx))) })),
);
for (const t of transports) await t.transport?.close();

// Does close() release the sockets? A fresh transport of each kind: server-side sockets before a
// burst of calls, after it, and after close(). (The global fetch's idle pool is in every figure.)
const socketCounts: { name: string; before: number; after: number; closed: number }[] = [];
for (const t of transports.slice(1)) {
  const transport = makeTransport(t.options);
  const fresh = createContext({ baseUrl, fetch: transport.fetch });
  const before = await server.sockets();
  await Promise.all(Array.from({ length: CONCURRENCY }, () => healthCheck(fresh)));
  const after = await server.sockets();
  await transport.close();
  socketCounts.push({ name: t.name, before, after, closed: await server.sockets() });
}

// --- 4. Cold import() -------------------------------------------------------------------------

const coreDist = join(root, 'packages/core/dist/index.js');
const reviewsDist = join(root, 'packages/reviews/dist/index.js');
const kyEntry = join(root, 'node_modules/ky/distribution/index.js');
const valibotEntry = join(root, 'packages/core/node_modules/valibot/dist/index.mjs');
const imports: { name: string; file: string }[] = [
  { name: '`ky` alone', file: kyEntry },
  { name: '`valibot` alone', file: valibotEntry },
  { name: '`@symbiont/core` (dist)', file: coreDist },
];
const reviewsDistUsable = existsSync(reviewsDist) && readFileSync(reviewsDist, 'utf8').includes('getReviewSession');
if (reviewsDistUsable) imports.push({ name: '`@symbiont/reviews` (dist, with core)', file: reviewsDist });
const cold = new Map<string, number[]>(imports.map((i) => [i.name, []]));
let coldNote = '';
if (!existsSync(coreDist)) {
  coldNote = 'skipped: @symbiont/core is not built (run `pnpm run build`)';
} else {
  process.stdout.write('cold import: ');
  for (let run = 0; run < COLD_RUNS; run++) {
    for (const { name, file } of imports) {
      const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write(String(performance.now() - t));`;
      const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
      if (child.status !== 0) throw new Error(`cold import of ${file} failed: ${child.stderr}`);
      cold.get(name)!.push(Number(child.stdout) * 1e6);
    }
    process.stdout.write('.');
  }
  process.stdout.write('\n');
}

server.close();

// --- Report -----------------------------------------------------------------------------------

const version = (path: string): string => JSON.parse(readFileSync(join(root, path), 'utf8')).version;
const cpu = cpus();
const machine = `${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory (${(freemem() / 2 ** 30).toFixed(1)} GiB free), ${type()} ${release()}; load average ${loadAtStart.map((l) => l.toFixed(2)).join(' / ')} at the start (1 / 5 / 15 min)`;
const versions = `Node ${process.version}, ky ${version('node_modules/ky/package.json')}, valibot ${version('packages/core/node_modules/valibot/package.json')}, undici ${version('packages/core/node_modules/undici/package.json')} (transport; the global fetch is Node's bundled undici ${process.versions.undici}), mitata ${version('node_modules/mitata/package.json')}`;

const [raw, kyDef, kySame, sdk, sdkKey, sdkOff] = seq as [Measured, Measured, Measured, Measured, Measured, Measured];
const seqRows = seq.map((m) => [
  m.name,
  us(median(m.p50)),
  `${ratio(m, raw).toFixed(2)}× (${spread(m, raw)})`,
  `${ratio(m, kyDef).toFixed(2)}×`,
  `${ratio(m, kySame).toFixed(2)}×`,
]);
const goal = ratio(sdk, kyDef);
const goalSame = ratio(sdk, kySame);

const lines = [
  `Measured ${new Date().toISOString().slice(0, 10)} by \`pnpm run bench\` (${ROUNDS} interleaved rounds of mitata \`measure\`, ≥ ${TIME_MS} ms each; medians over rounds; ratios computed within each round, range in parentheses).`,
  '',
  `- Machine: ${machine}.`,
  `- Versions: ${versions}.`,
  '- The SDK runs from source (`--conditions=@symbiont/source`: Node type stripping, the same JavaScript as dist); cold imports load dist. The loopback server (node:http) runs in its own process.',
  '',
  '### Sequential `healthCheck` (one call at a time, µs per call at p50)',
  '',
  table(['call', 'µs', 'vs raw fetch', 'vs ky defaults', 'vs ky, SDK options'], seqRows),
  '',
  `Goal "the SDK, response validation on, at most 1.05× a bare ky call": ${goal.toFixed(2)}× ky defaults, ${goalSame.toFixed(2)}× ky with the SDK's options: ${goal <= 1.05 ? 'met' : 'not met'} against ky defaults, ${goalSame <= 1.05 ? 'met' : 'not met'} against ky with the same options. With an API key: ${ratio(sdkKey, sdk).toFixed(2)}× the call without (the key is added to the request's headers in the fetch wrapper); with validation off: ${ratio(sdkOff, sdk).toFixed(2)}× the call with it. Differences of a few percent are within this machine's noise: see the per-round ranges, and the in-memory table below for the JavaScript alone.`,
  '',
  '### The JavaScript each layer adds: the same calls on an in-memory `fetch` (no socket; µs per call at p50)',
  '',
  table(['call', 'µs', 'µs added', 'vs ky defaults'], mem.map((m, i) => {
    // What each row adds: ky over raw, the SDK over ky defaults, the API key / no validation over the SDK.
    const [base, label] = i === 0 ? [undefined, ''] : i <= 2 ? [mem[0]!, 'over raw'] : i === 3 ? [mem[1]!, 'over ky defaults'] : [mem[3]!, 'over validation on'];
    const added = base ? (median(m.p50) - median(base.p50)) / 1000 : 0;
    return [m.name, us(median(m.p50)), base ? `${added >= 0 ? '+' : '−'}${Math.abs(added).toFixed(1)} ${label}` : '', `${ratio(m, mem[1]!).toFixed(2)}× (${spread(m, mem[1]!)})`];
  })),
  '',
  `### ${CONCURRENCY} concurrent \`getReviewSession\` on one context (ms per batch at p50)`,
  '',
  concurrent
    ? table(['batch', 'ms', 'vs raw fetch', 'vs ky defaults'], concurrent.map((m) => [m.name, ms(median(m.p50)), `${ratio(m, concurrent![0]!).toFixed(2)}× (${spread(m, concurrent![0]!)})`, `${ratio(m, concurrent![1]!).toFixed(2)}×`]))
    : reviewsNote,
  '',
  '### Keep-alive transport (`@symbiont/core/node`) vs the global `fetch`, `healthCheck` through the SDK',
  '',
  table(
    ['transport', 'sequential µs', 'vs global', `${CONCURRENCY} concurrent ms`, 'vs global'],
    transports.map((t, i) => [
      t.name,
      us(median(transportSeq[i]!.p50)),
      `${ratio(transportSeq[i]!, transportSeq[0]!).toFixed(2)}×`,
      ms(median(transportConc[i]!.p50)),
      `${ratio(transportConc[i]!, transportConc[0]!).toFixed(2)}×`,
    ]),
  ),
  '',
  `Sockets a fresh transport opens for a burst of ${CONCURRENCY} \`healthCheck\` calls, and how many \`close()\` releases (counted on the server; the forward proxy's own upstream sockets left out): ${socketCounts.map((c) => `${c.name}: +${c.after - c.before} opened, −${c.after - c.closed} released`).join('; ')}. The forward proxy runs in the server's process, so the proxy rows include the proxy's own work.`,
  '',
  `### Cold \`import()\` (fresh \`node\` process each time, ${COLD_RUNS} runs, ms; module load only, not process start)`,
  '',
  coldNote || table(['module', 'median ms', 'min ms', 'max ms'], imports.map(({ name }) => {
    const samples = cold.get(name)!;
    return [name, ms(median(samples)), ms(Math.min(...samples)), ms(Math.max(...samples))];
  })),
];
const md = lines.join('\n');
console.log(`\n${md}`);

const benchmarks = join(root, 'BENCHMARKS.md');
if (!process.argv.includes('--write')) {
  console.log('\nBENCHMARKS.md not changed (run `pnpm run bench -- --write` to record these figures there).');
} else {
  const START = '<!-- bench:start -->';
  const END = '<!-- bench:end -->';
  let doc = existsSync(benchmarks) ? readFileSync(benchmarks, 'utf8') : '# Benchmarks\n';
  if (!doc.includes(START) || !doc.includes(END)) doc += `\n## Speed\n\n${START}\n${END}\n`;
  doc = doc.slice(0, doc.indexOf(START) + START.length) + `\n${md}\n` + doc.slice(doc.indexOf(END));
  writeFileSync(benchmarks, doc);
  console.log('\nBENCHMARKS.md written.');
}
