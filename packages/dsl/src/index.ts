/**
 * `@symbiont/dsl`: Agent DSL compilation and deployments.
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
