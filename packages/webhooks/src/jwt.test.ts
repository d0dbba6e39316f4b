/**
 * The README's JWT bearer: an EdDSA (Ed25519) token with `exp`, made with `jose`, goes through
 * createContext as the API key and reaches the listener as `Authorization: Bearer <jwt>`, where it
 * verifies the way the runtime's listener checks it (alg EdDSA, Ed25519 key, `exp` required).
 */
import { createContext } from '@symbiont/core';
import { json, startScriptedServer } from '@symbiont/test-support';
import { exportPKCS8, generateKeyPair, importPKCS8, jwtVerify, SignJWT } from 'jose';
import { expect, it } from 'vitest';
import { invokeWebhook } from './index.ts';

it('a jose EdDSA token is sent as the bearer and verifies with the public key', async () => {
  const { privateKey: generated, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  // As the README does it: from a PKCS#8 PEM.
  const privateKey = await importPKCS8(await exportPKCS8(generated), 'EdDSA');
  const jwt = await new SignJWT({ sub: 'billing-service' }).setProtectedHeader({ alg: 'EdDSA' }).setIssuedAt().setExpirationTime('5m').sign(privateKey);

  const server = await startScriptedServer((_, res) => json(res, 200, {
    status: 'execution_started', agent_id: 'a', message_id: 'm', latency_ms: 1, timestamp: '2026-01-01T00:00:00+00:00',
  }));
  try {
    const ctx = createContext({ baseUrl: `${server.url}/webhook`, apiKey: jwt });
    await invokeWebhook(ctx, { prompt: 'Reconcile invoices' });
    const header = server.requests[0]!.headers.authorization!;
    expect(header).toBe(`Bearer ${jwt}`);
    const { payload, protectedHeader } = await jwtVerify(header.slice('Bearer '.length), publicKey, { algorithms: ['EdDSA'], requiredClaims: ['exp'] });
    expect(protectedHeader.alg).toBe('EdDSA');
    expect(payload.exp! - payload.iat!).toBe(300);
  } finally {
    await server.close();
  }
});
