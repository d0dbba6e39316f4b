import type { Context } from '@symbiont/core';
import { call, type CallOptions } from '@symbiont/core/kernel';
import { SigningRequestSchema, SigningResponseSchema } from './models.ts';
import type { SigningRequest, SigningResponse } from './models.ts';

/**
 * Sign an approved tool (ES256, SchemaPin's scheme). `POST /tool-review/sign`. The runtime
 * refuses a session that is not approved.
 *
 * **Not served by the open-source Symbiont runtime** (Enterprise / hosted API).
 *
 * @example
 * ```ts
 * const signature = await signApprovedTool(ctx, { review_id: 'review-123', signing_key_id: 'key-456' });
 * console.log(signature.signed_at, signature.signature_algorithm);
 * ```
 * @param request The review id and the signing key's id.
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function signApprovedTool(ctx: Context, request: SigningRequest, options?: CallOptions): Promise<SigningResponse> {
  return call(ctx, { name: 'signApprovedTool', method: 'POST', path: '/tool-review/sign', body: request, input: SigningRequestSchema, output: SigningResponseSchema }, options);
}
