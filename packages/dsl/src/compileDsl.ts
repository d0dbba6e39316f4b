import type { Context } from '@symbiont/core';
import { call, type CallOptions } from '@symbiont/core/kernel';
import { DslCompileRequestSchema, DslCompileResponseSchema } from './models.ts';
import type { DslCompileRequest, DslCompileResponse } from './models.ts';

/**
 * Compile (or with `validate_only`, just check) an agent's DSL. `POST /dsl/compile`. Sends
 * `validate_only` false unless given. A DSL with errors resolves with `success: false` and `errors`.
 *
 * **Not served by the open-source Symbiont runtime** (Enterprise / hosted API).
 *
 * @example
 * ```ts
 * const result = await compileDsl(ctx, { dsl_content: dsl, agent_name: 'webhook_handler' });
 * if (result.success) console.log(`Compiled: ${result.agent_id}`);
 * else console.log(`Compilation errors: ${result.errors.join('; ')}`);
 * ```
 * @param request The request body.
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function compileDsl(ctx: Context, request: DslCompileRequest, options?: CallOptions): Promise<DslCompileResponse> {
  return call(ctx, { name: 'compileDsl', method: 'POST', path: '/dsl/compile', body: request, input: DslCompileRequestSchema, output: DslCompileResponseSchema }, options);
}
