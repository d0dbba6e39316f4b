import type { CallOptions, Context } from '@symbiont/core';
import { call } from '@symbiont/core/kernel';
import * as v from 'valibot';
import { McpConnectionInfoSchema } from './models.ts';
import type { McpConnectionInfo } from './models.ts';

/**
 * Every registered MCP server and its connection state. `GET /mcp/servers`.
 *
 * **Not served by the open-source Symbiont runtime** (Enterprise / hosted API).
 *
 * @example
 * ```ts
 * for (const server of await listMcpServers(ctx)) console.log(server.server_name, server.status);
 * ```
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function listMcpServers(ctx: Context, options?: CallOptions): Promise<McpConnectionInfo[]> {
  return call(ctx, { name: 'listMcpServers', method: 'GET', path: '/mcp/servers', output: v.array(McpConnectionInfoSchema) }, options);
}
