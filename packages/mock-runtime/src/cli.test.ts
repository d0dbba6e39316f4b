import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/mock-runtime.js', import.meta.url));

describe('bin/mock-runtime.js', () => {
  it('starts, serves, and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, '--port', '0', '--api-key', 'cli-key'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const found = /listening at (\S+)/.exec(output)?.[1];
        if (found !== undefined) resolve(found);
      });
      child.on('exit', (code) => reject(new Error(`exited early (${code}): ${errors}`)));
    });
    expect(url).toMatch(/\/api\/v1$/);
    expect(output).toContain('/.well-known/schemapin.json');
    expect((await fetch(`${url}/health`)).status).toBe(200);
    expect((await fetch(`${url}/agents`)).status).toBe(401);
    expect((await fetch(`${url}/agents`, { headers: { authorization: 'Bearer cli-key' } })).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('--open-source serves only the open-source routes; the webhook listener is printed and answers', async () => {
    const child = spawn(process.execPath, [BIN, '--port', '0', '--api-key', 'cli-key', '--open-source', '--rate-limit', '100'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const urls = await new Promise<[string, string]>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const api = /listening at (\S+) \(open-source routes only\)/.exec(output)?.[1];
        const webhook = /HTTP Input listener \(webhooks\): (\S+)/.exec(output)?.[1];
        if (api !== undefined && webhook !== undefined) resolve([api, webhook]);
      });
      child.on('exit', (code) => reject(new Error(`exited early (${code})`)));
    });
    const [url, webhookUrl] = urls;
    const auth = { authorization: 'Bearer cli-key' };
    expect(output).toContain('/ws/chat');
    expect((await fetch(`${url}/agents`, { headers: auth })).status).toBe(200);
    const secrets = await fetch(`${url}/secrets/a`, { headers: auth });
    expect([secrets.status, await secrets.text()]).toEqual([404, '']);
    const hook = await fetch(webhookUrl, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"prompt":"hi"}' });
    expect(hook.status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('rejects a bad --port with exit code 2', async () => {
    const child = spawn(process.execPath, [BIN, '--port', 'abc'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (exitCode) => resolve(exitCode)));
    expect(code).toBe(2);
    expect(errors).toContain('--port must be a non-negative integer');
  });
});
