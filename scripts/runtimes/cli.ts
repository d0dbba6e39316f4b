// Entry for the command-line runtimes (Node, Deno, Bun): `<runtime> cli.mjs <baseUrl> <apiKey>`.
// Prints one JSON line: { ok, runtime, lines } or { ok: false, runtime, error }.
import { run } from './program.ts';

interface Globals {
  Deno?: { args: string[]; version: { deno: string; v8: string }; exit(code: number): never };
  Bun?: { version: string };
  process?: { argv: string[]; version: string; exitCode?: number };
}
const g = globalThis as unknown as Globals;
const runtime = g.Deno ? `deno ${g.Deno.version.deno} (v8 ${g.Deno.version.v8})` : g.Bun ? `bun ${g.Bun.version}` : `node ${g.process?.version}`;
const args = g.Deno ? g.Deno.args : (g.process?.argv.slice(2) ?? []);

try {
  const lines = await run(args[0] ?? '', args[1] ?? '', args[2] ?? '');
  console.log(JSON.stringify({ ok: true, runtime, lines }));
} catch (error) {
  console.log(JSON.stringify({ ok: false, runtime, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }));
  if (g.Deno) g.Deno.exit(1);
  else if (g.process) g.process.exitCode = 1;
}
