import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { json, startScriptedServer } from '@symbiont/test-support';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createContext } from './createContext.ts';
import { ConfigurationError } from './errors.ts';
import { healthCheck } from './healthCheck.ts';
import { createContextFromEnv, createNodeTransport, loadEnv } from './node.ts';

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
