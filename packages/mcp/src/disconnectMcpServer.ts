import type { CallOptions, Context } from '@symbiont/core';
import { anyObject, call } from '@symbiont/core/kernel';

/**
 * Disconnect the runtime from an MCP server. `POST /mcp/servers/{server_name}/disconnect`.
 *
 * **Not served by the open-source Symbiont runtime** (Enterprise / hosted API).
 *
 * @example
 * ```ts
 * await disconnectMcpServer(ctx, 'filesystem-server');
 * ```
 * @param serverName The server's name.
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function disconnectMcpServer(ctx: Context, serverName: string, options?: CallOptions): Promise<Record<string, unknown>> {
  return call(ctx, { name: 'disconnectMcpServer', method: 'POST', path: '/mcp/servers/{server_name}/disconnect', params: [serverName], output: anyObject }, options);
}
