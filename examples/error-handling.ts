// Error handling: every failure is a typed error; an abort rejects with the signal's reason.
import {
  APIError,
  AuthenticationError,
  ConnectionError,
  createContext,
  deleteAgent,
  getAgentMetrics,
  getAgentStatus,
  healthCheck,
  listAgents,
  NotFoundError,
  RateLimitError,
  SymbiontError,
  TimeoutError,
  ValidationError,
} from '@symbiont/core';
import { startMockRuntime } from '@symbiont/mock-runtime';

const runtime = await startMockRuntime({ apiKey: 'demo-key', enterprise: false });

function explain(error: unknown): string {
  if (error instanceof AuthenticationError) return `authentication failed (${error.status}): check your API key`;
  if (error instanceof NotFoundError) return `not found: ${error.code ?? 'no such route'}: ${error.message}`;
  if (error instanceof RateLimitError) return `rate limited: retry in ${error.retryAfterMs} ms`;
  if (error instanceof APIError) return `API error ${error.status} ${error.code ?? ''}: ${error.message}`;
  if (error instanceof ValidationError) return `bad input to ${error.operation}: ${error.issues.map((i) => i.message).join('; ')}`;
  if (error instanceof TimeoutError) return `timed out (${error.kind})`;
  if (error instanceof ConnectionError) return `could not connect: ${error.message}`;
  if (error instanceof SymbiontError) return `SDK error: ${error.message}`;
  if (error instanceof DOMException && error.name === 'AbortError') return 'aborted by the caller';
  return `unexpected: ${String(error)}`;
}

try {
  const ctx = createContext({ baseUrl: runtime.url, apiKey: 'demo-key' });
  const attempts: Array<[string, () => Promise<unknown>]> = [
    ['unknown agent', () => getAgentStatus(ctx, '00000000-0000-4000-8000-000000000000')],
    ['not a UUID', () => getAgentStatus(ctx, 'no-such-agent')],
    ['unknown agent, deleted', () => deleteAgent(ctx, '00000000-0000-4000-8000-000000000000', { maxRetries: 0 })],
    ['an Enterprise route', () => getAgentMetrics(ctx, '00000000-0000-4000-8000-000000000000')],
    ['wrong API key', () => listAgents(createContext({ baseUrl: runtime.url, apiKey: 'wrong' }))],
    ['empty agent id', () => getAgentStatus(ctx, '')],
    ['nothing listening', () => healthCheck(createContext({ baseUrl: 'http://127.0.0.1:9/api/v1', maxRetries: 0 }))],
    ['aborted', () => healthCheck(ctx, { signal: AbortSignal.abort() })],
  ];
  for (const [label, attempt] of attempts) {
    try {
      await attempt();
      console.log(`${label}: succeeded?!`);
      process.exitCode = 1;
    } catch (error) {
      console.log(`${label}: ${explain(error)}`);
    }
  }
} finally {
  await runtime.close();
}
