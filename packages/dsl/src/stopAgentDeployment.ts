import type { Context } from '@symbiont/core';
import { anyObject, call, type CallOptions } from '@symbiont/core/kernel';

/**
 * Stop a deployment. `POST /agents/deployments/{deployment_id}/stop`. The deployment stays
 * readable with its new status.
 *
 * **Not served by the open-source Symbiont runtime** (Enterprise / hosted API).
 *
 * @example
 * ```ts
 * await stopAgentDeployment(ctx, deploymentId);
 * ```
 * @param deploymentId The deployment's id.
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function stopAgentDeployment(ctx: Context, deploymentId: string, options?: CallOptions): Promise<Record<string, unknown>> {
  return call(ctx, { name: 'stopAgentDeployment', method: 'POST', path: '/agents/deployments/{deployment_id}/stop', params: [deploymentId], output: anyObject }, options);
}
