/**
 * `@symbiont/mcp`: MCP server management: servers, tools and resources.
 *
 * **Not served by the open-source Symbiont runtime** (Enterprise / hosted API): on the open-source
 * runtime v1.19 these routes answer 404 with an empty body, a `NotFoundError` saying the runtime
 * does not serve the route. The mock runtime serves them unless started with `enterprise: false`.
 *
 * @packageDocumentation
 */
export { addMcpServer } from './addMcpServer.ts';
export { listMcpServers } from './listMcpServers.ts';
export { getMcpServer } from './getMcpServer.ts';
export { connectMcpServer } from './connectMcpServer.ts';
export { disconnectMcpServer } from './disconnectMcpServer.ts';
export { listMcpTools } from './listMcpTools.ts';
export { listMcpResources } from './listMcpResources.ts';
export {
  McpConnectionStatus,
  type McpConnectionInfo,
  type McpResourceInfo,
  type McpServerConfig,
  type McpToolInfo,
} from './models.ts';
