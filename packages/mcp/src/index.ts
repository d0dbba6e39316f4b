/**
 * `@symbiont/mcp`: MCP server management: servers, tools and resources.
 *
 * @packageDocumentation
 */
export {};
