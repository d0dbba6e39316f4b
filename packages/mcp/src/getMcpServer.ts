import type { CallOptions, Context } from '@symbiont/core';
import { call } from '@symbiont/core/kernel';
import { McpConnectionInfoSchema } from './models.ts';
import type { McpConnectionInfo } from './models.ts';

/**
 * The connection state of one MCP server. `GET /mcp/servers/{server_name}`.
 *
 * **Not served by the open-source Symbiont runtime** (Enterprise / hosted API).
 *
 * @example
 * ```ts
 * const info = await getMcpServer(ctx, 'filesystem-server');
 * console.log(info.status, info.tools_count);
 * ```
 * @param serverName The server's name.
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function getMcpServer(ctx: Context, serverName: string, options?: CallOptions): Promise<McpConnectionInfo> {
  return call(ctx, { name: 'getMcpServer', method: 'GET', path: '/mcp/servers/{server_name}', params: [serverName], output: McpConnectionInfoSchema }, options);
}
