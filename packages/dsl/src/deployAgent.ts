import type { Context } from '@symbiont/core';
import { call, type CallOptions } from '@symbiont/core/kernel';
import { AgentDeployRequestSchema, AgentDeployResponseSchema } from './models.ts';
import type { AgentDeployRequest, AgentDeployResponse } from './models.ts';

/**
 * Deploy a compiled agent. `POST /agents/deploy`. Sends `environment` `"development"` and
 * `config_overrides` `{}` unless given.
 *
 * **Not served by the open-source Symbiont runtime** (Enterprise / hosted API).
 *
 * @example
 * ```ts
 * const deployment = await deployAgent(ctx, { agent_id: 'webhook_handler', environment: 'production', config_overrides: { max_concurrent_tasks: 10 } });
 * console.log(deployment.deployment_id, deployment.endpoint_url);
 * ```
 * @param request The request body.
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function deployAgent(ctx: Context, request: AgentDeployRequest, options?: CallOptions): Promise<AgentDeployResponse> {
  return call(ctx, { name: 'deployAgent', method: 'POST', path: '/agents/deploy', body: request, input: AgentDeployRequestSchema, output: AgentDeployResponseSchema }, options);
}
