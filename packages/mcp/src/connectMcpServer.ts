import type { CallOptions, Context } from '@symbiont/core';
import { anyObject, call } from '@symbiont/core/kernel';

/**
 * Connect the runtime to an MCP server (it starts the server). `POST /mcp/servers/{server_name}/connect`.
 *
 * **Not served by the open-source Symbiont runtime** (Enterprise / hosted API).
 *
 * @example
 * ```ts
 * await connectMcpServer(ctx, 'filesystem-server');
 * ```
 * @param serverName The server's name.
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function connectMcpServer(ctx: Context, serverName: string, options?: CallOptions): Promise<Record<string, unknown>> {
  return call(ctx, { name: 'connectMcpServer', method: 'POST', path: '/mcp/servers/{server_name}/connect', params: [serverName], output: anyObject }, options);
}
