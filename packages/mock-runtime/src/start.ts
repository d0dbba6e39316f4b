/** `startMockRuntime`: builds the state, composes every domain's routes and starts listening. */
import type { AddressInfo } from 'node:net';
import { approvalsRoutes, holdAction } from './domains/approvals.ts';
import { coreRoutes } from './domains/core.ts';
import { dslRoutes } from './domains/dsl.ts';
import { knowledgeRoutes } from './domains/knowledge.ts';
import { mcpRoutes } from './domains/mcp.ts';
import { messagingRoutes } from './domains/messaging.ts';
import { reviewsRoutes } from './domains/reviews.ts';
import { secretsRoutes } from './domains/secrets.ts';
import { wellKnownRoutes } from './domains/well-known.ts';
import type { Route } from './routes.ts';
import { API_BASE_PATH, createMockServer } from './server.ts';
import { createState } from './state.ts';
import type { MockRuntime, MockRuntimeOptions } from './types.ts';

/** Default interface the server listens on. */
export const DEFAULT_HOST = '127.0.0.1';

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Starts an in-memory Symbiont runtime on `host:port` (default `127.0.0.1`, any free port) and
 * resolves once it listens. Every server has its own state, seeded with agent `agent-123`, and its
 * own ECDSA P-256 signing key.
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
  const state = createState({ reviewDelayMs: options.reviewDelayMs });
  // Register each domain's routes here (see the comment at the top of ./routes.ts).
  const routes: readonly Route[] = [...coreRoutes, ...wellKnownRoutes, ...knowledgeRoutes, ...secretsRoutes, ...mcpRoutes, ...dslRoutes, ...reviewsRoutes,
    ...messagingRoutes, ...approvalsRoutes];
  const mock = createMockServer({ routes, state, apiKey: options.apiKey });

  await new Promise<void>((resolve, reject) => {
    mock.server.once('error', reject);
    mock.server.listen(options.port ?? 0, host, () => {
      mock.server.off('error', reject);
      resolve();
    });
  });
  const { port } = mock.server.address() as AddressInfo;

  return {
    url: `http://${urlHost(host)}:${port}${API_BASE_PATH}`,
    publicKey: state.signingKeys.publicKeyPem,
    requests: mock.requests,
    clearRequests: () => {
      mock.requests.length = 0;
    },
    setFault: (handler) => mock.setFault(handler),
    connections: () => mock.connections(),
    holdAction: (action) => holdAction(state, action),
    close: () => mock.close(),
  };
}
