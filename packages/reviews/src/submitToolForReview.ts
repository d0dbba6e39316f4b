import type { Context } from '@symbiont/core';
import { call, type CallOptions } from '@symbiont/core/kernel';
import { ReviewSessionCreateSchema, ReviewSessionResponseSchema } from './models.ts';
import type { ReviewSessionCreate, ReviewSessionResponse } from './models.ts';

/**
 * Submit an MCP tool for security analysis and review. `POST /tool-review/sessions`.
 * Defaults applied before sending: `priority: "normal"`, `schema.type: "object"`, `schema.required: []`.
 *
 * **Not served by the open-source Symbiont runtime** (Enterprise / hosted API).
 *
 * @example
 * ```ts
 * const session = await submitToolForReview(ctx, {
 *   tool: {
 *     name: 'example-calculator',
 *     description: 'A simple calculator tool',
 *     schema: {
 *       type: 'object',
 *       properties: {
 *         operation: { type: 'string', enum: ['add', 'subtract', 'multiply', 'divide'] },
 *         a: { type: 'number' },
 *         b: { type: 'number' },
 *       },
 *       required: ['operation', 'a', 'b'],
 *     },
 *     provider: { name: 'example-provider', public_key_url: 'https://example.com/pubkey.pem' },
 *   },
 *   submitted_by: 'developer@example.com',
 * });
 * console.log(session.review_id, session.status);
 * ```
 * @param request The tool, who submits it and the priority.
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function submitToolForReview(ctx: Context, request: ReviewSessionCreate, options?: CallOptions): Promise<ReviewSessionResponse> {
  return call(ctx, { name: 'submitToolForReview', method: 'POST', path: '/tool-review/sessions', body: request, input: ReviewSessionCreateSchema, output: ReviewSessionResponseSchema }, options);
}
