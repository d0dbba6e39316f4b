// A/B a kernel change: sequential `healthCheck` (and 200 concurrent ones) through several copies
// of @symbiont/core, next to raw fetch and ky, in one process, interleaved.
//
//   node --conditions=@symbiont/source bench/compare.ts [label=path/to/core/src/index.ts ...]
//
// With no argument it compares the workspace's @symbiont/core only. A copy of packages/core/src
// anywhere (e.g. /tmp/core-b/src, with a node_modules that resolves ky and valibot) can be passed:
//   node --conditions=@symbiont/source bench/compare.ts current=packages/core/src/index.ts b=/tmp/core-b/src/index.ts
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import ky from 'ky';
import { median, ratio, rounds, spread, startServer, table, us, verify, type Case } from './lib.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const TIME_MS = Number(process.env.BENCH_TIME_MS ?? 300);
const CONCURRENCY = 200;

type Core = typeof import('@symbiont/core');
const variants: { label: string; core: Core }[] = [];
for (const arg of process.argv.slice(2).length ? process.argv.slice(2) : ['workspace=@symbiont/core']) {
  const [label, path] = arg.includes('=') ? arg.split('=') as [string, string] : [arg, arg];
  const specifier = path.startsWith('@') ? path : pathToFileURL(resolve(path)).href;
  variants.push({ label, core: await import(specifier) as Core });
}

const server = await startServer();
const url = `${server.baseUrl}/health`;
const raw = async () => JSON.parse(await (await fetch(url, { headers: { accept: 'application/json' } })).text());
const sequential: Case[] = [
  { name: 'raw fetch', fn: raw },
  { name: 'ky defaults', fn: () => ky.get(url).json() },
  ...variants.flatMap(({ label, core }) => {
    const ctx = core.createContext({ baseUrl: server.baseUrl });
    const keyed = core.createContext({ baseUrl: server.baseUrl, apiKey: 'sk-bench-0123456789' });
    return [
      { name: `${label}: healthCheck`, fn: () => core.healthCheck(ctx) },
      { name: `${label}: healthCheck, API key`, fn: () => core.healthCheck(keyed) },
    ];
  }),
];
for (const c of sequential) await verify(c.name, c.fn, (h) => h?.status === 'healthy');
const seq = await rounds('sequential', sequential, { rounds: ROUNDS, timeMs: TIME_MS });

// The same calls on an in-memory fetch (no socket): what the JavaScript of each layer costs.
const body = JSON.stringify({ status: 'healthy', uptime_seconds: 1, timestamp: '2026-01-15T10:30:00Z', version: '1.4.0' });
// Every 64th call also waits for a turn of the event loop: without one, a loop that only ever awaits
// microtasks never runs the FinalizationRegistry callbacks that free each Request's signal
// bookkeeping, and memory grows without bound (ky alone: about 1.6 KB per call).
let calls = 0;
const stub = async (): Promise<Response> => {
  if (++calls % 64 === 0) await new Promise(setImmediate);
  return new Response(body, { headers: { 'content-type': 'application/json', 'content-length': String(body.length) } });
};
const memory: Case[] = [
  { name: 'in-memory fetch + JSON.parse', fn: async () => JSON.parse(await (await stub()).text()) },
  { name: 'ky defaults, in-memory fetch', fn: () => ky.get(url, { fetch: stub }).json() },
  ...variants.flatMap(({ label, core }) => {
    const ctx = core.createContext({ baseUrl: server.baseUrl, fetch: stub });
    const keyed = core.createContext({ baseUrl: server.baseUrl, apiKey: 'sk-bench-0123456789', fetch: stub });
    return [
      { name: `${label}: healthCheck, in-memory fetch`, fn: () => core.healthCheck(ctx) },
      { name: `${label}: healthCheck, API key, in-memory fetch`, fn: () => core.healthCheck(keyed) },
    ];
  }),
];
for (const c of memory) await verify(c.name, c.fn, (h) => h?.status === 'healthy');
const mem = await rounds('in-memory fetch', memory, { rounds: ROUNDS, timeMs: TIME_MS });

const burst = (fn: () => Promise<unknown>) => () => Promise.all(Array.from({ length: CONCURRENCY }, fn));
const concurrent: Case[] = [
  { name: `raw fetch ×${CONCURRENCY}`, fn: burst(raw) },
  { name: `ky defaults ×${CONCURRENCY}`, fn: burst(() => ky.get(url).json()) },
  ...variants.map(({ label, core }) => {
    const ctx = core.createContext({ baseUrl: server.baseUrl });
    return { name: `${label}: healthCheck ×${CONCURRENCY}`, fn: burst(() => core.healthCheck(ctx)) };
  }),
];
const conc = await rounds(`${CONCURRENCY} concurrent`, concurrent, { rounds: ROUNDS, timeMs: TIME_MS });
server.close();

for (const [title, results] of [['sequential (µs per call, p50)', seq], ['in-memory fetch, no socket (µs per call, p50)', mem], [`${CONCURRENCY} concurrent (µs per batch, p50)`, conc]] as const) {
  console.log(`\n${title}`);
  console.log(table(['case', 'µs', 'vs first row', 'vs ky defaults'], results.map((m) => [
    m.name, us(median(m.p50)), `${ratio(m, results[0]!).toFixed(3)}× (${spread(m, results[0]!)})`, `${ratio(m, results[1]!).toFixed(3)}× (${spread(m, results[1]!)})`,
  ])));
}
