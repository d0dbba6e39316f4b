import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { json, startScriptedServer } from '@symbiont/test-support';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createContext } from './createContext.ts';
import { ConfigurationError } from './errors.ts';
import { healthCheck } from './healthCheck.ts';
import { createContextFromEnv, createNodeTransport, loadEnv } from './node.ts';
import { assertSupportedNode, MINIMUM_NODE_MAJOR } from './nodeVersion.ts';

afterEach(() => vi.unstubAllEnvs());

const envFile = (text: string) => {
  const dir = mkdtempSync(join(tmpdir(), 'symbiont-env-'));
  const path = join(dir, '.env');
  writeFileSync(path, text);
  return path;
};

const health = { status: 'ok', uptime_seconds: 1, timestamp: '2024-01-01T00:00:00Z', version: '1' };

describe('@symbiont/core/node', () => {
  it('loadEnv reads a .env file without overriding variables already set', () => {
    vi.stubEnv('SYMBIONT_MAX_RETRIES', '7');
    const path = envFile('SYMBIONT_BASE_URL=http://127.0.0.1:1234/api/v1\nSYMBIONT_MAX_RETRIES=1\n');
    vi.stubEnv('SYMBIONT_BASE_URL', '');
    delete process.env.SYMBIONT_BASE_URL;
    expect(loadEnv(path)).toEqual({ SYMBIONT_BASE_URL: 'http://127.0.0.1:1234/api/v1', SYMBIONT_MAX_RETRIES: '1' });
    expect(process.env.SYMBIONT_BASE_URL).toBe('http://127.0.0.1:1234/api/v1');
    expect(process.env.SYMBIONT_MAX_RETRIES).toBe('7');
  });

  it('loadEnv on a missing file is not an error', () => {
    expect(loadEnv('/nonexistent/.env')).toEqual({});
  });

  it('createContextFromEnv loads then creates, explicit options winning', () => {
    vi.stubEnv('SYMBIONT_BASE_URL', '');
    delete process.env.SYMBIONT_BASE_URL;
    vi.stubEnv('SYMBIONT_TIMEOUT', '');
    delete process.env.SYMBIONT_TIMEOUT;
    const path = envFile('SYMBIONT_BASE_URL=http://127.0.0.1:4321/api/v1/\nSYMBIONT_TIMEOUT=2\nSYMBIONT_API_KEY=from-file\n');
    const ctx = createContextFromEnv({ envPath: path, maxRetries: 0 });
    expect(ctx).toMatchObject({ baseUrl: 'http://127.0.0.1:4321/api/v1', timeout: 2000, maxRetries: 0, hasApiKey: true });
    delete process.env.SYMBIONT_API_KEY;
  });

  it('createContextFromEnv reports bad values from the file by variable name', () => {
    const path = envFile('SYMBIONT_MAX_RETRIES=lots\n');
    vi.stubEnv('SYMBIONT_MAX_RETRIES', '');
    delete process.env.SYMBIONT_MAX_RETRIES;
    expect(() => createContextFromEnv({ envPath: path })).toThrow(ConfigurationError);
    delete process.env.SYMBIONT_MAX_RETRIES;
  });

  it('the keep-alive transport reuses one socket and close() releases it', async () => {
    const server = await startScriptedServer((_, res) => json(res, 200, health));
    const transport = createNodeTransport({ connections: 1 });
    try {
      const ctx = createContext({ baseUrl: server.url, fetch: transport.fetch, apiKey: 'k' });
      for (let i = 0; i < 5; i++) await healthCheck(ctx);
      expect(server.requests).toHaveLength(5);
      expect(server.requests.every((r) => r.headers.authorization === 'Bearer k')).toBe(true);
      expect(server.connections()).toBe(1);
      await transport.close();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(server.connections()).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('the proxy transport sends requests through the proxy', async () => {
    const proxy = await startScriptedServer((_, res) => json(res, 200, health));
    const transport = createNodeTransport({ proxy: proxy.url });
    try {
      const ctx = createContext({ baseUrl: 'http://runtime.invalid:8080/api/v1', fetch: transport.fetch });
      await healthCheck(ctx);
      // A plain-http proxy receives the absolute URL in the request line.
      expect(proxy.requests[0]!.url).toBe('http://runtime.invalid:8080/api/v1/health');
    } finally {
      await transport.close();
      await proxy.close();
    }
  });

  it("proxy: 'env' follows HTTP_PROXY, and NO_PROXY exempts a host", async () => {
    const proxy = await startScriptedServer((_, res) => json(res, 200, health));
    const direct = await startScriptedServer((_, res) => json(res, 200, health));
    for (const name of ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy']) vi.stubEnv(name, undefined);
    vi.stubEnv('HTTP_PROXY', proxy.url);
    vi.stubEnv('NO_PROXY', new URL(direct.url).hostname);
    const transport = createNodeTransport({ proxy: 'env' });
    try {
      await healthCheck(createContext({ baseUrl: 'http://runtime.invalid:8080/api/v1', fetch: transport.fetch }));
      expect(proxy.requests.map((r) => r.url)).toEqual(['http://runtime.invalid:8080/api/v1/health']);
      await healthCheck(createContext({ baseUrl: direct.url, fetch: transport.fetch }));
      expect(direct.requests).toHaveLength(1);
      expect(proxy.requests).toHaveLength(1);
    } finally {
      await transport.close();
      await proxy.close();
      await direct.close();
    }
  });

  it('the proxy transport keeps to its connection limit', async () => {
    const proxy = await startScriptedServer((_, res) => { setTimeout(() => json(res, 200, health), 20); });
    const transport = createNodeTransport({ proxy: proxy.url, connections: 2 });
    try {
      const ctx = createContext({ baseUrl: 'http://runtime.invalid:8080/api/v1', fetch: transport.fetch });
      let most = 0;
      await Promise.all(Array.from({ length: 20 }, async () => {
        await healthCheck(ctx);
        most = Math.max(most, proxy.connections());
      }));
      expect(proxy.requests).toHaveLength(20);
      expect(most).toBeLessThanOrEqual(2);
    } finally {
      await transport.close();
      await proxy.close();
    }
  });
});

/**
 * `src/node.ts` bundled on its own (undici and dotenv left as imports resolved at run time) into a
 * temp folder outside the workspace, so no node_modules is reachable from it: what a project gets
 * that installed `@symbiont/core` without the optional peers.
 */
async function bundleNodeEntry(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'symbiont-node-entry-'));
  const file = join(dir, 'node.mjs');
  await build({
    entryPoints: [fileURLToPath(new URL('./node.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node18',
    external: ['undici', 'dotenv'],
    conditions: ['@symbiont/source'],
    outfile: file,
    logLevel: 'silent',
  });
  return file;
}

/** A Node.js older than the entry supports, if this machine has one (the system Node is 20 here). */
function oldNode(): { path: string; version: string } | undefined {
  const candidates = new Set(['/usr/bin/node', '/usr/local/bin/node', ...(process.env.PATH ?? '').split(delimiter).map((d) => join(d, 'node'))]);
  for (const path of candidates) {
    if (!existsSync(path)) continue;
    try {
      const version = execFileSync(path, ['--version'], { encoding: 'utf8' }).trim();
      if (Number(/^v(\d+)/.exec(version)?.[1]) < MINIMUM_NODE_MAJOR) return { path, version };
    } catch {
      // not runnable: try the next one
    }
  }
  return undefined;
}

/** The environment without NODE_PATH (pnpm's bin shims set it, which would find the workspace's undici). */
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'NODE_PATH'));

describe('@symbiont/core/node: Node version and optional peers', () => {
  it('assertSupportedNode names the version it needs and the one it got', () => {
    expect(() => assertSupportedNode('20.20.2')).toThrow('@symbiont/core/node needs Node.js 22 or newer; this is Node.js 20.20.2.');
    expect(() => assertSupportedNode('v18.0.0')).toThrow(/needs Node.js 22 or newer; this is Node.js v18\.0\.0/);
    expect(() => assertSupportedNode(undefined)).toThrow(/this is Node.js \(unknown\)/);
    expect(() => assertSupportedNode('22.0.0')).not.toThrow();
    expect(() => assertSupportedNode('24.11.1')).not.toThrow();
  });

  const old = oldNode();
  it.skipIf(!old)(`importing the entry under an older Node (${old?.version ?? 'none on this machine'}) fails at once, naming the version it needs`, async () => {
    const file = await bundleNodeEntry();
    const run = spawnSync(old!.path, ['--input-type=module', '-e', `await import(${JSON.stringify(file)});`], { encoding: 'utf8', env: cleanEnv });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(`@symbiont/core/node needs Node.js 22 or newer; this is Node.js ${old!.version.slice(1)}.`);
    // Not undici's own crash (it is never loaded).
    expect(run.stderr).not.toContain("reading 'bind'");
  });

  it('the entry imports without undici and dotenv; each function that needs one says what to install', async () => {
    const file = await bundleNodeEntry();
    const script = `
      const m = await import(${JSON.stringify(file)});
      const out = {};
      for (const [name, call] of [['createNodeTransport', () => m.createNodeTransport()], ['loadEnv', () => m.loadEnv()], ['createContextFromEnv', () => m.createContextFromEnv()]]) {
        try { call(); out[name] = 'no error'; } catch (e) { out[name] = e.name + ': ' + e.message; }
      }
      console.log(JSON.stringify(out));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', cwd: tmpdir(), env: cleanEnv });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({
      createNodeTransport: 'ConfigurationError: undici is needed by createNodeTransport and is not installed: it is an optional peer dependency of @symbiont/core (npm install undici)',
      loadEnv: 'ConfigurationError: dotenv is needed by loadEnv and is not installed: it is an optional peer dependency of @symbiont/core (npm install dotenv)',
      createContextFromEnv: 'ConfigurationError: dotenv is needed by loadEnv and is not installed: it is an optional peer dependency of @symbiont/core (npm install dotenv)',
    });
  });
});
