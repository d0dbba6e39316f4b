// `pnpm repl` driven through stdin: the packages are loaded, ctx points at the mock runtime, and
// top-level await works.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Type each line, wait until every expected text has appeared, then `.exit`. */
function drive(lines: string[], expected: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--conditions=@symbiont/source', 'scripts/repl.ts', '--mock'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    let exited = false;
    const onData = (chunk: Buffer) => {
      output += chunk;
      if (!exited && expected.every((text) => output.includes(text))) {
        exited = true;
        child.stdin.end('.exit\n');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', (code) => resolve({ code, output }));
    setTimeout(() => child.kill(), 20_000);
    child.stdin.write(`${lines.join('\n')}\n`);
  });
}

it('answers top-level await calls with every package loaded', { timeout: 30_000 }, async () => {
  const expected = ['health:healthy', 'agents:Example Agent:Running', 'namespaces:true', 'error:NotFoundError'];
  const { code, output } = await drive([
    'console.log("health:" + (await healthCheck(ctx)).status)',
    'console.log("agents:" + (await listAgents(ctx)).map((a) => `${a.name}:${a.state}`).join(","))',
    'console.log("namespaces:" + ["core", "reviews", "secrets", "mcp", "knowledge", "dsl"].every((n) => typeof globalThis[n] === "object"))',
    'await getAgentStatus(ctx, "00000000-0000-4000-8000-000000000000").catch((e) => console.log("error:" + e.name))',
  ], expected);
  for (const text of expected) expect(output).toContain(text);
  expect(code).toBe(0);
});
