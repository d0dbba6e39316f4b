/** `startMockRuntime`: builds the state, composes every domain's routes and starts listening. */
import type { AddressInfo } from 'node:net';
import { attachChat } from './chat.ts';
import { approvalsRoutes, holdAction } from './domains/approvals.ts';
import { channelsRoutes } from './domains/channels.ts';
import { coreEnterpriseRoutes, coreRoutes } from './domains/core.ts';
import { dslRoutes } from './domains/dsl.ts';
import { knowledgeRoutes } from './domains/knowledge.ts';
import { mcpRoutes } from './domains/mcp.ts';
import { messagingRoutes } from './domains/messaging.ts';
import { reviewsRoutes } from './domains/reviews.ts';
import { schedulesRoutes } from './domains/schedules.ts';
import { secretsRoutes } from './domains/secrets.ts';
import { wellKnownRoutes } from './domains/well-known.ts';
import type { Route } from './routes.ts';
import { API_BASE_PATH, createMockServer } from './server.ts';
import { startHttpInput } from './http-input.ts';
import { createState } from './state.ts';
import type { FaultHandler, MockRuntime, MockRuntimeOptions } from './types.ts';

/** Default interface the server listens on. */
export const DEFAULT_HOST = '127.0.0.1';

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Starts an in-memory Symbiont runtime on `host:port` (default `127.0.0.1`, any free port) and
 * resolves once it listens. Every server has its own state, seeded with two agents (`SEED_AGENTS`:
 * fixed UUIDs), and its own ECDSA P-256 signing key. With `enterprise: false` it serves only the
 * routes the open-source runtime v1.19 serves.
 *
 * ```ts
 * const mock = await startMockRuntime({ apiKey: 'test-key' });
 * const ctx = createContext({ baseUrl: mock.url, apiKey: 'test-key' });
 * // ...
 * await mock.close();
 * ```
 */
export async function startMockRuntime(options: MockRuntimeOptions = {}): Promise<MockRuntime> {
  const host = options.host ?? DEFAULT_HOST;
  const enterprise = options.enterprise ?? true;
  const state = createState({ reviewDelayMs: options.reviewDelayMs, enterprise, readyAfterMs: options.readyAfterMs });
  // Register each domain's routes here (see the comment at the top of ./routes.ts): the routes the
  // open-source runtime serves, then those only the Enterprise / hosted APIs serve.
  const runtimeRoutes: readonly Route[] = [...coreRoutes, ...schedulesRoutes, ...channelsRoutes({ enterprise }), ...messagingRoutes, ...approvalsRoutes];
  const enterpriseRoutes: readonly Route[] = [...coreEnterpriseRoutes, ...wellKnownRoutes, ...knowledgeRoutes, ...secretsRoutes, ...mcpRoutes, ...dslRoutes, ...reviewsRoutes];
  const routes = enterprise ? [...runtimeRoutes, ...enterpriseRoutes] : runtimeRoutes.filter((route) => route.enterprise !== true);
  const mock = createMockServer({ routes, state, apiKey: options.apiKey, rateLimitPerMinute: options.rateLimitPerMinute });
  if (options.chat !== false) attachChat(mock.server, { apiKey: options.apiKey, requests: mock.requests });

  await new Promise<void>((resolve, reject) => {
    mock.server.once('error', reject);
    mock.server.listen(options.port ?? 0, host, () => {
      mock.server.off('error', reject);
      resolve();
    });
  });
  const { port } = mock.server.address() as AddressInfo;
  let fault: FaultHandler | undefined;
  const webhook = await startHttpInput({ host, apiKey: options.apiKey, webhookSecret: options.webhookSecret, requests: mock.requests, fault: () => fault });

  return {
    url: `http://${urlHost(host)}:${port}${API_BASE_PATH}`,
    webhookUrl: webhook.url,
    publicKey: state.signingKeys.publicKeyPem,
    requests: mock.requests,
    clearRequests: () => {
      mock.requests.length = 0;
    },
    setFault: (handler) => mock.setFault((fault = handler)),
    connections: () => mock.connections(),
    holdAction: (action) => holdAction(state, action),
    close: async () => void (await Promise.all([mock.close(), webhook.close()])),
  };
}
