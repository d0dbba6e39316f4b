/**
 * Models of the MCP management endpoints, each a TypeScript type with the wire's snake_case
 * names and the valibot schema that checks it.
 */
import * as v from 'valibot';
import { anyObject, dateTime, enumObject, int, knownString, nonEmpty, nullish, type Schema } from '@symbiont/core/kernel';

/** The state of the runtime's connection to an MCP server. */
export type McpConnectionStatus = 'connected' | 'disconnected' | 'connecting' | 'error';

/** The connection states as constants: `McpConnectionStatus.CONNECTED === 'connected'`. */
export const McpConnectionStatus = /* @__PURE__ */ enumObject({
  CONNECTED: 'connected',
  DISCONNECTED: 'disconnected',
  CONNECTING: 'connecting',
  ERROR: 'error',
});

/** The body of `addMcpServer`: how the runtime starts an MCP server. */
export interface McpServerConfig {
  /** The server's name, used by every other MCP function. */
  name: string;
  /** The program and its arguments, e.g. `['npx', '@modelcontextprotocol/server-filesystem', '/tmp']`. */
  command: string[];
  /** Environment variables for the server process. Default `{}` (sent). */
  env?: Record<string, string> | null;
  /** Working directory of the server process. */
  cwd?: string | null;
  /** Seconds the runtime waits for the server. Default 30 (sent). */
  timeout_seconds?: number | null;
}

/** What `getMcpServer` (and each entry of `listMcpServers`) answers. */
export interface McpConnectionInfo {
  server_name: string;
  status: McpConnectionStatus | (string & {});
  /** Process id of the running server. */
  pid?: number | null;
  connected_at?: Date | null;
  last_error?: string | null;
  /** Default 0. */
  tools_count: number;
  /** Default 0. */
  resources_count: number;
  [field: string]: unknown;
}

/** A tool an MCP server offers. */
export interface McpToolInfo {
  name: string;
  description: string;
  server_name: string;
  /** The tool's input JSON Schema. */
  schema: Record<string, unknown>;
  /** Whether the tool's schema signature was verified. Default false. */
  verified: boolean;
  verification_hash?: string | null;
  [field: string]: unknown;
}

/** A resource an MCP server offers. */
export interface McpResourceInfo {
  uri: string;
  name?: string | null;
  description?: string | null;
  mime_type?: string | null;
  server_name: string;
  [field: string]: unknown;
}

// Schemas. Response objects are loose (unknown fields kept); request objects are strict.

export const McpServerConfigSchema: Schema<McpServerConfig> = /* @__PURE__ */ v.strictObject({
  name: nonEmpty,
  command: /* @__PURE__ */ v.pipe(/* @__PURE__ */ v.array(/* @__PURE__ */ v.string()), /* @__PURE__ */ v.check((command) => command.length > 0, 'a non-empty array (the program, then its arguments)')),
  env: /* @__PURE__ */ nullish(/* @__PURE__ */ v.record(/* @__PURE__ */ v.string(), /* @__PURE__ */ v.string()), () => ({})),
  cwd: /* @__PURE__ */ nullish(/* @__PURE__ */ v.string()),
  timeout_seconds: /* @__PURE__ */ nullish(/* @__PURE__ */ v.pipe(int, /* @__PURE__ */ v.check((seconds) => seconds >= 1, 'a positive integer')), 30),
});

const optionalText = /* @__PURE__ */ nullish(/* @__PURE__ */ v.string());

export const McpConnectionInfoSchema: Schema<McpConnectionInfo> = /* @__PURE__ */ v.looseObject({
  server_name: /* @__PURE__ */ v.string(),
  status: /* @__PURE__ */ knownString<McpConnectionStatus>(),
  pid: /* @__PURE__ */ nullish(int),
  connected_at: /* @__PURE__ */ nullish(dateTime),
  last_error: optionalText,
  tools_count: /* @__PURE__ */ nullish(int, 0),
  resources_count: /* @__PURE__ */ nullish(int, 0),
});

export const McpToolInfoSchema: Schema<McpToolInfo> = /* @__PURE__ */ v.looseObject({
  name: /* @__PURE__ */ v.string(),
  description: /* @__PURE__ */ v.string(),
  server_name: /* @__PURE__ */ v.string(),
  schema: anyObject,
  verified: /* @__PURE__ */ nullish(/* @__PURE__ */ v.boolean(), false),
  verification_hash: optionalText,
});

export const McpResourceInfoSchema: Schema<McpResourceInfo> = /* @__PURE__ */ v.looseObject({
  uri: /* @__PURE__ */ v.string(),
  name: optionalText,
  description: optionalText,
  mime_type: optionalText,
  server_name: /* @__PURE__ */ v.string(),
});
