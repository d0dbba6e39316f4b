/**
 * `@symbiont/dsl`: Agent DSL compilation and deployments.
 *
 * **Not served by the open-source Symbiont runtime** (Enterprise / hosted API): on the open-source
 * runtime v1.19 these routes answer 404 with an empty body, a `NotFoundError` saying the runtime
 * does not serve the route. The mock runtime serves them unless started with `enterprise: false`.
 *
 * @packageDocumentation
 */
export { compileDsl } from './compileDsl.ts';
export { deployAgent } from './deployAgent.ts';
export { getAgentDeployment } from './getAgentDeployment.ts';
export { listAgentDeployments } from './listAgentDeployments.ts';
export { stopAgentDeployment } from './stopAgentDeployment.ts';
export {
  type AgentDeployRequest,
  type AgentDeployResponse,
  type DslCompileRequest,
  type DslCompileResponse,
} from './models.ts';
