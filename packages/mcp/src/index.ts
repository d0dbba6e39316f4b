/**
 * `@symbiont/mcp`: MCP server management: servers, tools and resources.
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
