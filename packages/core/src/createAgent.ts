import type { Context } from './createContext.ts';
import { call } from './kernel/call.ts';
import type { CallOptions } from './kernel/options.ts';
import { AgentOperationResponseSchema, AgentSchema } from './models.ts';
import type { Agent, AgentOperationResponse } from './models.ts';

/**
 * Create an agent. `POST /agents`. Every field of {@link Agent} is required.
 *
 * @example
 * ```ts
 * await createAgent(ctx, {
 *   id: 'my-agent', name: 'My Assistant', description: 'A helpful AI assistant',
 *   system_prompt: 'You are a helpful assistant.', tools: ['web_search', 'calculator'],
 *   model: 'gpt-4', temperature: 0.7, top_p: 0.9, max_tokens: 1000,
 * });
 * ```
 * @param agent The request body.
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function createAgent(ctx: Context, agent: Agent, options?: CallOptions): Promise<AgentOperationResponse> {
  return call(ctx, { name: 'createAgent', method: 'POST', path: '/agents', body: agent, input: AgentSchema, output: AgentOperationResponseSchema }, options);
}
