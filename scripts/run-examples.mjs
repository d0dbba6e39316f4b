// Run every example in examples/ (each starts its own mock runtime) and record pass/fail for CI.
// Examples run in parallel pairs; each must exit 0 within 60 s.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const names = readdirSync(new URL('examples/', root)).filter((f) => f.endsWith('.ts') && !f.startsWith('_')).sort();
const results = [];

const run = (file) => new Promise((resolve) => {
  const started = Date.now();
  const child = spawn(process.execPath, ['--conditions=@symbiont/source', `examples/${file}`], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  child.on('close', (code) => {
    clearTimeout(timer);
    const ok = code === 0;
    results.push({ file, ok });
    console.log(`${ok ? 'PASS' : 'FAIL'} example ${file} (${Date.now() - started} ms)`);
    if (!ok) console.log(output.split('\n').map((l) => `  | ${l}`).join('\n'));
    resolve();
  });
});

const queue = [...names];
await Promise.all([0, 1].map(async () => { while (queue.length) await run(queue.shift()); }));
const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
mkdirSync(new URL('.ci/results/', root), { recursive: true });
writeFileSync(new URL('.ci/results/examples.json', root), JSON.stringify({ name: 'examples', passed, failed }));
console.log(`examples: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
