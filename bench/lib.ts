// Shared by the benchmark scripts: the loopback server (in a child process) and the interleaved
// measuring that keeps a noisy, shared machine's drift out of the ratios.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { measure } from 'mitata';

export interface Server {
  origin: string;
  baseUrl: string;
  /** Client sockets open on the server (the forward proxy's own upstream sockets left out). */
  sockets(): Promise<number>;
  close(): void;
}

/** Start bench/server.ts in a child process. */
export async function startServer(): Promise<Server> {
  const worker = fork(fileURLToPath(new URL('./server.ts', import.meta.url)), [], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const fromWorker = <T>(key: string): Promise<T> => new Promise((resolve) => {
    const listener = (message: Record<string, T>) => {
      if (key in message) {
        worker.off('message', listener);
        resolve(message[key]!);
      }
    };
    worker.on('message', listener);
  });
  const port = await fromWorker<number>('port');
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    baseUrl: `${origin}/api/v1`,
    async sockets() {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const reply = fromWorker<number>('sockets');
      worker.send('sockets');
      return reply;
    },
    close: () => worker.send('close'),
  };
}

export interface Case { name: string; fn: () => Promise<unknown> }
/** Per round: the wall-clock p50 and mean time per call (mitata), in ns. */
export interface Measured { name: string; p50: number[]; avg: number[] }

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/**
 * Warm every case up, then measure each with mitata's `measure` in `rounds` rounds, rotating the
 * order each round so that no case always runs first or last.
 */
export async function rounds(title: string, cases: Case[], options: { rounds: number; timeMs: number }): Promise<Measured[]> {
  process.stdout.write(`${title}: `);
  const results = cases.map((c) => ({ name: c.name, p50: [] as number[], avg: [] as number[] }));
  for (const c of cases) {
    const until = performance.now() + options.timeMs;
    while (performance.now() < until) await c.fn();
  }
  for (let round = 0; round < options.rounds; round++) {
    for (let k = 0; k < cases.length; k++) {
      const i = (k + round) % cases.length;
      const stats = await measure(cases[i]!.fn, { min_cpu_time: options.timeMs * 1e6, min_samples: 12 });
      results[i]!.p50.push(stats.p50);
      results[i]!.avg.push(stats.avg);
    }
    process.stdout.write('.');
  }
  process.stdout.write('\n');
  return results;
}

/** Median over rounds of `a / b`, each ratio taken within one round (p50s). */
export const ratio = (a: Measured, b: Measured): number => median(a.p50.map((value, round) => value / b.p50[round]!));

/** The smallest and largest per-round ratio. */
export const spread = (a: Measured, b: Measured): string => {
  const r = a.p50.map((value, round) => value / b.p50[round]!);
  return `${Math.min(...r).toFixed(2)}–${Math.max(...r).toFixed(2)}`;
};

export const us = (ns: number): string => (ns / 1000 >= 100 ? (ns / 1000).toFixed(0) : (ns / 1000).toFixed(1));
export const ms = (ns: number): string => (ns / 1e6).toFixed(2);

export const table = (head: string[], body: string[][]): string => [
  `| ${head.join(' | ')} |`,
  `| ${head.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
  ...body.map((row) => `| ${row.join(' | ')} |`),
].join('\n');

/** Fail loudly if a case does not return what it should: a benchmark of a broken call means nothing. */
export async function verify(name: string, fn: () => Promise<unknown>, ok: (value: any) => boolean): Promise<void> {
  const value = await fn();
  if (!ok(value)) throw new Error(`bench case "${name}" returned an unexpected value: ${JSON.stringify(value)?.slice(0, 200)}`);
}
