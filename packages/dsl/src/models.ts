/**
 * Models of the DSL compilation and deployment endpoints, each a TypeScript type with the wire's
 * snake_case names and the valibot schema that checks it.
 */
import * as v from 'valibot';
import { anyObject, dateTime, nullish, type Schema } from '@symbiont/core/kernel';

/** The body of `compileDsl`. Defaults are applied before sending. */
export interface DslCompileRequest {
  /** The agent's DSL source. */
  dsl_content: string;
  agent_name: string;
  /** Only check the DSL, do not register the agent (default false, also for `null`). */
  validate_only?: boolean | null;
}

/** What `compileDsl` answers. A DSL with errors is `success: false`, not a rejection. */
export interface DslCompileResponse {
  success: boolean;
  /** The compiled agent's id, to pass to `deployAgent`. */
  agent_id?: string | null;
  /** Compilation errors (`[]` when the runtime sends none or `null`). */
  errors: string[];
  /** Compilation warnings (`[]` when the runtime sends none or `null`). */
  warnings: string[];
  compiled_at: Date;
  [field: string]: unknown;
}

/** The body of `deployAgent`. Defaults are applied before sending. */
export interface AgentDeployRequest {
  agent_id: string;
  /** Target environment (default `"development"`, also for `null`). */
  environment?: string | null;
  /** Configuration overriding the agent's own (default `{}`, also for `null`). */
  config_overrides?: Record<string, unknown> | null;
}

/** A deployment, as `deployAgent`, `getAgentDeployment` and `listAgentDeployments` answer it. */
export interface AgentDeployResponse {
  deployment_id: string;
  agent_id: string;
  /** The deployment's status (e.g. `running`, `stopped`). */
  status: string;
  deployed_at: Date;
  /** Where the deployed agent can be reached, when the runtime says. */
  endpoint_url?: string | null;
  [field: string]: unknown;
}

// Schemas. Request objects are strict (unknown keys refused); response objects are loose.

const strings = /* @__PURE__ */ nullish(/* @__PURE__ */ v.array(/* @__PURE__ */ v.string()), () => []);

export const DslCompileRequestSchema: Schema<DslCompileRequest> = /* @__PURE__ */ v.strictObject({
  dsl_content: /* @__PURE__ */ v.string(),
  agent_name: /* @__PURE__ */ v.string(),
  validate_only: /* @__PURE__ */ nullish(/* @__PURE__ */ v.boolean(), false),
});

export const DslCompileResponseSchema: Schema<DslCompileResponse> = /* @__PURE__ */ v.looseObject({
  success: /* @__PURE__ */ v.boolean(),
  agent_id: /* @__PURE__ */ nullish(/* @__PURE__ */ v.string()),
  errors: strings,
  warnings: strings,
  compiled_at: dateTime,
});

export const AgentDeployRequestSchema: Schema<AgentDeployRequest> = /* @__PURE__ */ v.strictObject({
  agent_id: /* @__PURE__ */ v.string(),
  environment: /* @__PURE__ */ nullish(/* @__PURE__ */ v.string(), 'development'),
  config_overrides: /* @__PURE__ */ nullish(anyObject, {}),
});

export const AgentDeployResponseSchema: Schema<AgentDeployResponse> = /* @__PURE__ */ v.looseObject({
  deployment_id: /* @__PURE__ */ v.string(),
  agent_id: /* @__PURE__ */ v.string(),
  status: /* @__PURE__ */ v.string(),
  deployed_at: dateTime,
  endpoint_url: /* @__PURE__ */ nullish(/* @__PURE__ */ v.string()),
});
