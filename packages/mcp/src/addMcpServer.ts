import type { CallOptions, Context } from '@symbiont/core';
import { anyObject, call } from '@symbiont/core/kernel';
import { McpServerConfigSchema } from './models.ts';
import type { McpServerConfig } from './models.ts';

/**
 * Register an MCP server with the runtime. `POST /mcp/servers`. `env` defaults to `{}` and
 * `timeout_seconds` to 30; both are sent. Every `env` value is a credential (`GITHUB_TOKEN`…):
 * redacted from every error, log line and hook argument. **Not served by the open-source Symbiont
 * runtime** (Enterprise / hosted API).
 *
 * @example
 * ```ts
 * await addMcpServer(ctx, {
 *   name: 'filesystem-server',
 *   command: ['npx', '@modelcontextprotocol/server-filesystem', '/tmp'],
 *   env: { NODE_ENV: 'production' },
 *   timeout_seconds: 30,
 * });
 * ```
 * @param config How to start the server.
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function addMcpServer(ctx: Context, config: McpServerConfig, options?: CallOptions): Promise<Record<string, unknown>> {
  return call(ctx, {
    name: 'addMcpServer',
    method: 'POST',
    path: '/mcp/servers',
    body: config,
    input: McpServerConfigSchema,
    output: anyObject,
    credentials: (body: McpServerConfig) => Object.values(body.env ?? {}),
  }, options);
}
