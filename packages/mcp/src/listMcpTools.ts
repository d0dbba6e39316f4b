import type { CallOptions, Context } from '@symbiont/core';
import { call } from '@symbiont/core/kernel';
import * as v from 'valibot';
import { McpToolInfoSchema } from './models.ts';
import type { McpToolInfo } from './models.ts';

/**
 * The tools of the connected MCP servers, or of one server. `GET /mcp/tools?server=`.
 *
 * **Not served by the open-source Symbiont runtime** (Enterprise / hosted API).
 *
 * @example
 * ```ts
 * const tools = await listMcpTools(ctx, 'filesystem-server');
 * console.log(tools.map((tool) => tool.name));
 * ```
 * @param serverName Only this server's tools (sent as query `server`); every server's when omitted.
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function listMcpTools(ctx: Context, serverName?: string, options?: CallOptions): Promise<McpToolInfo[]> {
  return call(ctx, { name: 'listMcpTools', method: 'GET', path: '/mcp/tools', query: { server: serverName }, output: v.array(McpToolInfoSchema) }, options);
}
