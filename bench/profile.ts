// Where a `healthCheck` spends its time: CPU-profile sequential calls (node:inspector, the same
// profiler as `node --cpu-prof`) and sum self time by where the code lives.
//
//   node --conditions=@symbiont/source bench/profile.ts [calls=20000] [case=sdk|sdk-key|ky|ky-sdk|fetch] [memory]
//
// Prints self time per group (SDK kernel, ky, valibot, fetch/undici, …) and the top functions.
// With `memory`, `fetch` is an in-memory stub (no socket): only the JavaScript of each layer is left.
import { Session, type Profiler } from 'node:inspector/promises';
import { createContext, healthCheck } from '@symbiont/core';
import ky from 'ky';
import { startServer } from './lib.ts';

const CALLS = Number(process.argv[2] ?? 20_000);
const CASE = process.argv[3] ?? 'sdk';

const server = await startServer();
const { baseUrl } = server;
const url = `${baseUrl}/health`;

const MEMORY = process.argv[4] === 'memory';
const body = JSON.stringify({ status: 'healthy', uptime_seconds: 1, timestamp: '2026-01-15T10:30:00Z', version: '1.4.0' });
let count = 0;
// Every 64th call yields to the event loop (see bench/compare.ts: FinalizationRegistry callbacks).
const stub = async (): Promise<Response> => {
  if (++count % 64 === 0) await new Promise(setImmediate);
  return new Response(body, { headers: { 'content-type': 'application/json', 'content-length': String(body.length) } });
};
const fetchFn = MEMORY ? stub : globalThis.fetch;
const ctx = createContext({ baseUrl, apiKey: CASE === 'sdk-key' ? 'sk-profile-0123456789' : undefined, fetch: fetchFn });
const calls: Record<string, () => Promise<unknown>> = {
  sdk: () => healthCheck(ctx),
  'sdk-key': () => healthCheck(ctx),
  ky: () => ky.get(url, { fetch: fetchFn }).json(),
  'ky-sdk': () => ky.get(url, { fetch: fetchFn, timeout: 30_000, retry: { limit: 3 }, parseJson: (t: string) => t }).text().then(JSON.parse),
  fetch: async () => JSON.parse(await (await fetchFn(url, { headers: { accept: 'application/json' } })).text()),
};
const fn = calls[CASE];
if (!fn) throw new Error(`unknown case ${CASE}: one of ${Object.keys(calls).join(', ')}`);

for (let i = 0; i < 2000; i++) await fn(); // warm up

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 100 });
await session.post('Profiler.start');
const started = performance.now();
for (let i = 0; i < CALLS; i++) await fn();
const elapsed = performance.now() - started;
const { profile } = await session.post('Profiler.stop') as { profile: Profiler.Profile };
server.close();

// Self time per node, from the sample deltas.
const self = new Map<number, number>();
profile.samples!.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas![i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);

const group = (frame: Profiler.ProfileNode['callFrame']): string => {
  const url = frame.url;
  if (frame.functionName === '(idle)' || frame.functionName === '(program)') return frame.functionName;
  if (frame.functionName === '(garbage collector)') return '(garbage collector)';
  if (/packages\/core\/src\/kernel\//.test(url)) return 'SDK kernel (call, send)';
  if (/packages\/core\/src\//.test(url)) return 'SDK (context, errors, operation)';
  if (/\/ky\//.test(url)) return 'ky';
  if (/\/valibot\//.test(url)) return 'valibot';
  if (/undici|internal\/deps\/undici|node:internal\/(fetch|webstreams|deps\/undici)/.test(url)) return 'fetch (undici), streams';
  if (/^node:/.test(url) || url === '') return 'Node internals, natives';
  return url.replace(/^file:\/\/.*\/work\/main\//, '');
};
const byGroup = new Map<string, number>();
const byFunction = new Map<string, number>();
for (const node of profile.nodes) {
  const time = self.get(node.id) ?? 0;
  if (!time) continue;
  const g = group(node.callFrame);
  byGroup.set(g, (byGroup.get(g) ?? 0) + time);
  const where = node.callFrame.url.replace(/^.*\/(node_modules\/\.pnpm\/[^/]+\/node_modules\/|packages\/)/, '').replace(/^file:\/\//, '');
  const key = `${node.callFrame.functionName || '(anonymous)'} ${where}:${node.callFrame.lineNumber + 1}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + time);
}
const pct = (t: number) => `${((100 * t) / total).toFixed(1)}%`;
const perCall = (t: number) => `${(t / CALLS).toFixed(1)} µs`;
console.log(`${CASE}: ${CALLS} sequential calls, ${((elapsed * 1000) / CALLS).toFixed(1)} µs per call (profiled; the profiler adds overhead)\n`);
console.log('self time by group:');
for (const [g, t] of [...byGroup].sort((a, b) => b[1] - a[1])) console.log(`  ${pct(t).padStart(6)}  ${perCall(t).padStart(9)}  ${g}`);
console.log('\ntop functions (self time):');
for (const [f, t] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`  ${pct(t).padStart(6)}  ${perCall(t).padStart(9)}  ${f}`);
