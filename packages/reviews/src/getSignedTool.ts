import type { Context } from '@symbiont/core';
import { call, type CallOptions } from '@symbiont/core/kernel';
import { SignedToolSchema } from './models.ts';
import type { SignedTool } from './models.ts';

/**
 * A signed tool with its signature. `GET /tool-review/signed/{review_id}`. Check the signature
 * with `verifySignedTool`.
 *
 * **Not served by the open-source Symbiont runtime** (Enterprise / hosted API).
 *
 * @example
 * ```ts
 * const signed = await getSignedTool(ctx, 'review-123');
 * console.log(signed.tool.name, signed.signature_algorithm);
 * ```
 * @param reviewId The review session's id.
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function getSignedTool(ctx: Context, reviewId: string, options?: CallOptions): Promise<SignedTool> {
  return call(ctx, { name: 'getSignedTool', method: 'GET', path: '/tool-review/signed/{review_id}', params: [reviewId], output: SignedToolSchema }, options);
}
