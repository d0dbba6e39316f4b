/**
 * MCP server management (contract: "MCP management").
 *
 * Behaviour of this mock, beyond what the contract fixes (no process is ever started):
 * - `POST /mcp/servers` registers a server (`409 CONFLICT` when the name is taken) as
 *   `disconnected` and answers `{ server_name, status: "added" }`.
 * - `POST .../connect` makes it `connected` with a `pid`, `connected_at` and its tools and
 *   resources; connecting a connected server changes nothing. A server whose command mentions
 *   `filesystem` offers `read_file`, `write_file` and `list_directory` and two `file://` resources
 *   under its root (the last command argument when it is an absolute path, else `/tmp`); any other
 *   server offers `echo` and one `mcp://<name>/status` resource. Every tool has a JSON `schema`.
 * - `POST .../disconnect` makes it `disconnected` with no pid, no tools, no resources (counts 0).
 *   Both answer `{ server_name, status, tools_count, resources_count }`.
 * - `GET /mcp/tools` and `GET /mcp/resources` list those of connected servers, in server
 *   registration order; with `?server=` only that server's (`404` for an unknown name).
 * - `mcp_connections` in `GET /metrics` is the number of connected servers.
 */
import { HttpError, json, notFound } from '../responses.ts';
import type { Route } from '../routes.ts';
import type { State } from '../state.ts';
import { assertShape } from '../validate.ts';

/** A tool as `GET /mcp/tools` answers it. */
export interface McpToolRecord {
  name: string;
  description: string;
  server_name: string;
  schema: Record<string, unknown>;
  verified: boolean;
}

/** A resource as `GET /mcp/resources` answers it. */
export interface McpResourceRecord {
  uri: string;
  name: string;
  description: string;
  mime_type: string;
  server_name: string;
}

/** A registered MCP server and its (simulated) connection. */
export interface McpServerRecord {
  name: string;
  command: string[];
  env: Record<string, string>;
  cwd: string | undefined;
  timeout_seconds: number;
  status: 'connected' | 'disconnected';
  pid: number | undefined;
  /** ISO-8601. */
  connected_at: string | undefined;
  tools: McpToolRecord[];
  resources: McpResourceRecord[];
}

let nextPid = 41_000;

const pathSchema = (description: string) => ({ type: 'string', description });

function toolsOf(server: McpServerRecord): McpToolRecord[] {
  const tool = (name: string, description: string, properties: Record<string, unknown>): McpToolRecord => ({
    name,
    description,
    server_name: server.name,
    schema: { type: 'object', properties, required: Object.keys(properties) },
    verified: false,
  });
  if (!isFilesystem(server)) {
    return [tool('echo', 'Echo the given text back', { text: { type: 'string', description: 'Text to echo' } })];
  }
  return [
    tool('read_file', 'Read the complete contents of a file', { path: pathSchema('Path of the file to read') }),
    tool('write_file', 'Create or overwrite a file with the given content', {
      path: pathSchema('Path of the file to write'),
      content: { type: 'string', description: 'Content to write' },
    }),
    tool('list_directory', 'List the files and directories in a directory', { path: pathSchema('Path of the directory to list') }),
  ];
}

function resourcesOf(server: McpServerRecord): McpResourceRecord[] {
  if (!isFilesystem(server)) {
    return [{ uri: `mcp://${server.name}/status`, name: 'status', description: 'Server status', mime_type: 'application/json', server_name: server.name }];
  }
  const last = server.command[server.command.length - 1] ?? '';
  const root = (last.startsWith('/') ? last : '/tmp').replace(/\/+$/, '');
  const file = (name: string, mime_type: string, description: string): McpResourceRecord =>
    ({ uri: `file://${root}/${name}`, name, description, mime_type, server_name: server.name });
  return [file('README.md', 'text/markdown', 'Read-me of the shared directory'), file('notes.txt', 'text/plain', 'Notes')];
}

function isFilesystem(server: McpServerRecord): boolean {
  return server.command.some((part) => part.includes('filesystem'));
}

function info(server: McpServerRecord): Record<string, unknown> {
  return {
    server_name: server.name,
    status: server.status,
    ...(server.pid === undefined ? {} : { pid: server.pid }),
    ...(server.connected_at === undefined ? {} : { connected_at: server.connected_at }),
    tools_count: server.tools.length,
    resources_count: server.resources.length,
  };
}

function findServer(state: State, name: string): McpServerRecord {
  const server = state.mcpServers.get(name);
  if (server === undefined) throw notFound('MCP server', name);
  return server;
}

/** The servers a `?server=` filter selects: that one (404 when unknown) or all. */
function selected(state: State, query: Readonly<Record<string, string>>): McpServerRecord[] {
  const name = query.server;
  return name === undefined ? [...state.mcpServers.values()] : [findServer(state, name)];
}

function transition(server: McpServerRecord): Record<string, unknown> {
  return { server_name: server.name, status: server.status, tools_count: server.tools.length, resources_count: server.resources.length };
}

/** MCP routes, registered by `startMockRuntime`. */
export const mcpRoutes: readonly Route[] = [
  {
    method: 'POST',
    pattern: '/mcp/servers',
    handler: (req, state) => {
      assertShape<{ name: string; command: string[]; env?: Record<string, unknown>; cwd?: string; timeout_seconds?: number }>(req.body, {
        name: 'string',
        command: 'string[]',
        env: 'object?',
        cwd: 'string?',
        timeout_seconds: 'integer?',
      });
      const { name, command, env = {}, cwd, timeout_seconds = 30 } = req.body;
      const problems: { path: string; expected: string }[] = [];
      if (name === '') problems.push({ path: 'name', expected: 'non-empty string' });
      if (command.length === 0) problems.push({ path: 'command', expected: 'non-empty array' });
      for (const [key, value] of Object.entries(env)) {
        if (typeof value !== 'string') problems.push({ path: `env.${key}`, expected: 'string' });
      }
      if (timeout_seconds < 1) problems.push({ path: 'timeout_seconds', expected: 'positive integer' });
      if (problems.length > 0) {
        const summary = problems.map((p) => `${p.path}: expected ${p.expected}`).join('; ');
        throw new HttpError(400, 'VALIDATION_ERROR', `invalid request body: ${summary}`, { details: { issues: problems } });
      }
      if (state.mcpServers.has(name)) throw new HttpError(409, 'CONFLICT', `MCP server '${name}' already exists`);
      state.mcpServers.set(name, {
        name,
        command: [...command],
        env: { ...(env as Record<string, string>) },
        cwd,
        timeout_seconds,
        status: 'disconnected',
        pid: undefined,
        connected_at: undefined,
        tools: [],
        resources: [],
      });
      return json({ server_name: name, status: 'added' });
    },
  },
  {
    method: 'GET',
    pattern: '/mcp/servers',
    handler: (_req, state) => json([...state.mcpServers.values()].map(info)),
  },
  {
    method: 'GET',
    pattern: '/mcp/servers/{server_name}',
    handler: (req, state) => json(info(findServer(state, req.params.server_name ?? ''))),
  },
  {
    method: 'POST',
    pattern: '/mcp/servers/{server_name}/connect',
    handler: (req, state) => {
      const server = findServer(state, req.params.server_name ?? '');
      if (server.status !== 'connected') {
        server.status = 'connected';
        server.pid = nextPid++;
        server.connected_at = state.now().toISOString();
        server.tools = toolsOf(server);
        server.resources = resourcesOf(server);
      }
      return json(transition(server));
    },
  },
  {
    method: 'POST',
    pattern: '/mcp/servers/{server_name}/disconnect',
    handler: (req, state) => {
      const server = findServer(state, req.params.server_name ?? '');
      server.status = 'disconnected';
      server.pid = undefined;
      server.connected_at = undefined;
      server.tools = [];
      server.resources = [];
      return json(transition(server));
    },
  },
  {
    method: 'GET',
    pattern: '/mcp/tools',
    handler: (req, state) => json(selected(state, req.query).flatMap((server) => server.tools)),
  },
  {
    method: 'GET',
    pattern: '/mcp/resources',
    handler: (req, state) => json(selected(state, req.query).flatMap((server) => server.resources)),
  },
];
