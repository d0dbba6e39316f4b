import { inspect } from 'node:util';
import { createContext, ResponseValidationError } from '@symbiont/core';
import { startScriptedServer } from '@symbiont/test-support';
import { expect, it } from 'vitest';
import { getSecret } from './getSecret.ts';

it('keeps a secret value out of the error when the response has the wrong shape', async () => {
  const server = await startScriptedServer((_, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"value":["s3cret-value-xyz"]}');
  });
  try {
    const error = await getSecret(createContext({ baseUrl: server.url, maxRetries: 0 }), 'agent-1', 'api_key').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    const rve = error as ResponseValidationError;
    expect(rve.responseText).toBe('');
    expect(rve.issues[0]!.path).toBe('response.value');
    for (const text of [rve.message, rve.stack, inspect(rve, { depth: 10 }), JSON.stringify(rve)]) expect(text).not.toContain('s3cret-value-xyz');
  } finally {
    await server.close();
  }
});
