import { APIError, createContext, NotFoundError, ResponseValidationError, ValidationError } from '@symbiont/core';
import { catchError, json, startScriptedServer, type ScriptedServer, useMockRuntime } from '@symbiont/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMcpServer,
  connectMcpServer,
  disconnectMcpServer,
  getMcpServer,
  listMcpResources,
  listMcpServers,
  listMcpTools,
  McpConnectionStatus,
  type McpServerConfig,
} from './index.ts';

const API_KEY = 'mcp-test-key';

const runtime = useMockRuntime({ apiKey: API_KEY });

const filesystem: McpServerConfig = {
  name: 'filesystem-server',
  command: ['npx', '@modelcontextprotocol/server-filesystem', '/tmp'],
  env: { NODE_ENV: 'production' },
  timeout_seconds: 30,
};

describe('McpConnectionStatus', () => {
  it('is a frozen object of the wire strings', () => {
    expect(McpConnectionStatus).toEqual({ CONNECTED: 'connected', DISCONNECTED: 'disconnected', CONNECTING: 'connecting', ERROR: 'error' });
    expect(Object.isFrozen(McpConnectionStatus)).toBe(true);
  });
});

describe('against the mock runtime', () => {
  it('addMcpServer: POST /mcp/servers with the config as given', async () => {
    const result = await addMcpServer(runtime.ctx, filesystem);
    expect(result).toEqual({ server_name: 'filesystem-server', status: 'added' });
    expect(runtime.mock.requests).toHaveLength(1);
    expect(runtime.last()).toMatchObject({ method: 'POST', path: '/mcp/servers', query: {}, body: filesystem });
  });

  it('addMcpServer: env defaults to {} and timeout_seconds to 30, both sent; cwd only when given', async () => {
    await addMcpServer(runtime.ctx, { name: 'defaults', command: ['my-mcp-server'] });
    expect(runtime.last().body).toEqual({ name: 'defaults', command: ['my-mcp-server'], env: {}, timeout_seconds: 30 });
    await addMcpServer(runtime.ctx, { name: 'with-cwd', command: ['srv', '--flag'], cwd: '/srv', timeout_seconds: 5 });
    expect(runtime.last().body).toEqual({ name: 'with-cwd', command: ['srv', '--flag'], env: {}, cwd: '/srv', timeout_seconds: 5 });
  });

  it('addMcpServer: a duplicate name is the runtime\'s 409 as an APIError', async () => {
    const error = await catchError(addMcpServer(runtime.ctx, { name: 'dup', command: ['x'] }).then(() => addMcpServer(runtime.ctx, { name: 'dup', command: ['x'] })));
    expect(error).toBeInstanceOf(APIError);
    expect(error).not.toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 409, code: 'CONFLICT', operation: 'addMcpServer' });
  });

  it('connect → get → tools → resources → list → disconnect', async () => {
    await addMcpServer(runtime.ctx, { name: 'fs/2', command: ['npx', '@modelcontextprotocol/server-filesystem', '/tmp'] });
    runtime.mock.clearRequests();

    const before = await getMcpServer(runtime.ctx, 'fs/2');
    expect(runtime.last()).toMatchObject({ method: 'GET', path: '/mcp/servers/fs%2F2', query: {}, body: undefined });
    expect(before).toEqual({ server_name: 'fs/2', status: McpConnectionStatus.DISCONNECTED, tools_count: 0, resources_count: 0 });

    const connected = await connectMcpServer(runtime.ctx, 'fs/2');
    expect(runtime.last()).toMatchObject({ method: 'POST', path: '/mcp/servers/fs%2F2/connect', query: {}, body: undefined });
    expect(runtime.last().headers['content-type']).toBeUndefined();
    expect(connected).toMatchObject({ server_name: 'fs/2', status: 'connected' });

    const info = await getMcpServer(runtime.ctx, 'fs/2');
    expect(info.status).toBe(McpConnectionStatus.CONNECTED);
    expect(info.connected_at).toBeInstanceOf(Date);
    expect(Number.isInteger(info.pid)).toBe(true);
    expect(info.tools_count).toBe(3);
    expect(info.resources_count).toBe(2);

    const tools = await listMcpTools(runtime.ctx, 'fs/2');
    expect(runtime.last()).toMatchObject({ method: 'GET', path: '/mcp/tools', query: { server: 'fs/2' }, body: undefined });
    expect(tools.map((tool) => tool.name)).toEqual(['read_file', 'write_file', 'list_directory']);
    for (const tool of tools) {
      expect(tool).toMatchObject({ server_name: 'fs/2', verified: false, schema: { type: 'object', properties: expect.any(Object) } });
    }

    const resources = await listMcpResources(runtime.ctx, 'fs/2');
    expect(runtime.last()).toMatchObject({ method: 'GET', path: '/mcp/resources', query: { server: 'fs/2' }, body: undefined });
    expect(resources.map((resource) => resource.uri)).toEqual(['file:///tmp/README.md', 'file:///tmp/notes.txt']);

    const servers = await listMcpServers(runtime.ctx);
    expect(runtime.last()).toMatchObject({ method: 'GET', path: '/mcp/servers', query: {}, body: undefined });
    expect(servers.find((server) => server.server_name === 'fs/2')).toEqual(info);

    const disconnected = await disconnectMcpServer(runtime.ctx, 'fs/2');
    expect(runtime.last()).toMatchObject({ method: 'POST', path: '/mcp/servers/fs%2F2/disconnect', query: {}, body: undefined });
    expect(disconnected).toMatchObject({ server_name: 'fs/2', status: 'disconnected', tools_count: 0 });
    expect(await getMcpServer(runtime.ctx, 'fs/2')).toEqual(before);
    expect(await listMcpTools(runtime.ctx, 'fs/2')).toEqual([]);
  });

  it('listMcpTools and listMcpResources without a server send no query', async () => {
    await addMcpServer(runtime.ctx, { name: 'plain', command: ['plain-server'] });
    await connectMcpServer(runtime.ctx, 'plain');
    runtime.mock.clearRequests();
    const tools = await listMcpTools(runtime.ctx);
    expect(runtime.last()).toMatchObject({ method: 'GET', path: '/mcp/tools', query: {} });
    expect(tools.map((tool) => `${tool.server_name}:${tool.name}`)).toContain('plain:echo');
    const resources = await listMcpResources(runtime.ctx);
    expect(runtime.last()).toMatchObject({ method: 'GET', path: '/mcp/resources', query: {} });
    expect(resources.map((resource) => resource.uri)).toContain('mcp://plain/status');
    await disconnectMcpServer(runtime.ctx, 'plain');
  });

  it('unknown servers are NotFoundErrors', async () => {
    for (const promise of [getMcpServer(runtime.ctx, 'ghost'), connectMcpServer(runtime.ctx, 'ghost'), disconnectMcpServer(runtime.ctx, 'ghost'), listMcpTools(runtime.ctx, 'ghost'), listMcpResources(runtime.ctx, 'ghost')]) {
      const error = await catchError(promise);
      expect(error).toBeInstanceOf(NotFoundError);
      expect(error.status).toBe(404);
    }
  });
});

describe('input validation', () => {
  it.each<[string, unknown, string, string]>([
    ['without a name', { command: ['x'] }, 'name', 'required field is missing'],
    ['with an empty name', { name: '', command: ['x'] }, 'name', 'expected non-empty string, received string'],
    ['with a string command', { name: 'x', command: 'npx server' }, 'command', 'expected Array, received string'],
    ['with an empty command', { name: 'x', command: [] }, 'command', 'expected a non-empty array (the program, then its arguments), received array'],
    ['with a non-string argument', { name: 'x', command: ['x', 1] }, 'command.1', 'expected string, received number'],
    ['with a non-string env value', { name: 'x', command: ['x'], env: { PORT: 8080 } }, 'env.PORT', 'expected string, received number'],
    ['with a fractional timeout', { name: 'x', command: ['x'], timeout_seconds: 1.5 }, 'timeout_seconds', 'expected integer, received number'],
    ['with a zero timeout', { name: 'x', command: ['x'], timeout_seconds: 0 }, 'timeout_seconds', 'expected a positive integer, received number'],
    ['with an unknown field', { name: 'x', command: ['x'], args: [] }, 'args', 'unknown field'],
  ])('addMcpServer refuses a config %s, sending nothing', async (_, config, path, expectation) => {
    const error = await catchError(addMcpServer(runtime.ctx, config as McpServerConfig));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.operation).toBe('addMcpServer');
    expect(error.message).toBe(`addMcpServer: invalid input: ${path}: ${expectation}`);
    expect(runtime.mock.requests).toHaveLength(0);
  });

  it.each(['', '.', '..'])('refuses the server name %j as a path parameter, sending nothing', async (bad) => {
    for (const promise of [getMcpServer(runtime.ctx, bad), connectMcpServer(runtime.ctx, bad), disconnectMcpServer(runtime.ctx, bad)]) {
      const error = await catchError(promise);
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.issues[0].path).toBe('server_name');
    }
    expect(runtime.mock.requests).toHaveLength(0);
  });
});

describe('responses (scripted server)', () => {
  let server: ScriptedServer;
  beforeAll(async () => {
    server = await startScriptedServer();
  });
  afterAll(async () => {
    await server.close();
  });
  const scripted = () => createContext({ baseUrl: `${server.url}/api/v1`, maxRetries: 0 });

  it('applies the response defaults, accepts nulls and unknown statuses, keeps unknown fields', async () => {
    server.handle((_, res) => json(res, 200, [
      { server_name: 'a', status: 'starting', pid: null, connected_at: null, last_error: null, extra: { kept: true } },
      { server_name: 'b', status: 'error', last_error: 'spawn ENOENT', tools_count: 0, resources_count: 0 },
    ]));
    const servers = await listMcpServers(scripted());
    expect(servers).toEqual([
      { server_name: 'a', status: 'starting', pid: null, connected_at: null, last_error: null, extra: { kept: true }, tools_count: 0, resources_count: 0 },
      { server_name: 'b', status: 'error', last_error: 'spawn ENOENT', tools_count: 0, resources_count: 0 },
    ]);
  });

  it('McpToolInfo.verified defaults to false; verification_hash is kept', async () => {
    server.handle((_, res) => json(res, 200, [
      { name: 't1', description: 'd', server_name: 's', schema: { type: 'object' } },
      { name: 't2', description: 'd', server_name: 's', schema: {}, verified: true, verification_hash: 'sha256:ab' },
    ]));
    const tools = await listMcpTools(scripted(), 's');
    expect(server.requests.at(-1)!.url).toBe('/api/v1/mcp/tools?server=s');
    expect(tools).toEqual([
      { name: 't1', description: 'd', server_name: 's', schema: { type: 'object' }, verified: false },
      { name: 't2', description: 'd', server_name: 's', schema: {}, verified: true, verification_hash: 'sha256:ab' },
    ]);
  });

  it('percent-encodes the server filter', async () => {
    server.handle((_, res) => json(res, 200, [{ uri: 'file:///x', server_name: 'a b&c' }]));
    const resources = await listMcpResources(scripted(), 'a b&c');
    expect(server.requests.at(-1)!.url).toBe('/api/v1/mcp/resources?server=a+b%26c');
    expect(resources).toEqual([{ uri: 'file:///x', server_name: 'a b&c' }]);
  });

  it('a tool without a schema object is a ResponseValidationError naming the field', async () => {
    server.handle((_, res) => json(res, 200, [{ name: 't', description: 'd', server_name: 's', schema: 'none' }]));
    const error = await catchError(listMcpTools(scripted()));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.issues[0].path).toBe('response.0.schema');
  });

  it('a fractional tools_count is a ResponseValidationError', async () => {
    server.handle((_, res) => json(res, 200, { server_name: 'a', status: 'connected', tools_count: 1.5 }));
    const error = await catchError(getMcpServer(scripted(), 'a'));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.issues[0].path).toBe('response.tools_count');
  });
});
