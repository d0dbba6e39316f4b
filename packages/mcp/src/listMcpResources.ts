import type { CallOptions, Context } from '@symbiont/core';
import { call } from '@symbiont/core/kernel';
import * as v from 'valibot';
import { McpResourceInfoSchema } from './models.ts';
import type { McpResourceInfo } from './models.ts';

/**
 * The resources of the connected MCP servers, or of one server. `GET /mcp/resources?server=`.
 *
 * **Not served by the open-source Symbiont runtime** (Enterprise / hosted API).
 *
 * @example
 * ```ts
 * const resources = await listMcpResources(ctx, 'filesystem-server');
 * console.log(resources.map((resource) => resource.uri));
 * ```
 * @param serverName Only this server's resources (sent as query `server`); every server's when omitted.
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function listMcpResources(ctx: Context, serverName?: string, options?: CallOptions): Promise<McpResourceInfo[]> {
  return call(ctx, { name: 'listMcpResources', method: 'GET', path: '/mcp/resources', query: { server: serverName }, output: v.array(McpResourceInfoSchema) }, options);
}
