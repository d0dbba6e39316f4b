import type { Context } from '@symbiont/core';
import { call, type CallOptions } from '@symbiont/core/kernel';
import { AgentDeployResponseSchema } from './models.ts';
import type { AgentDeployResponse } from './models.ts';

/**
 * One deployment. `GET /agents/deployments/{deployment_id}`.
 *
 * **Not served by the open-source Symbiont runtime** (Enterprise / hosted API).
 *
 * @example
 * ```ts
 * const deployment = await getAgentDeployment(ctx, deploymentId);
 * console.log(deployment.status);
 * ```
 * @param deploymentId The deployment's id.
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function getAgentDeployment(ctx: Context, deploymentId: string, options?: CallOptions): Promise<AgentDeployResponse> {
  return call(ctx, { name: 'getAgentDeployment', method: 'GET', path: '/agents/deployments/{deployment_id}', params: [deploymentId], output: AgentDeployResponseSchema }, options);
}
