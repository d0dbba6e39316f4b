import { rawCall, useMockRuntime } from '@symbiont/test-support';
import { describe, expect, it } from 'vitest';

const API_KEY = 'mcp-key';

const runtime = useMockRuntime({ apiKey: API_KEY });

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const answer = await rawCall(`${runtime.mock.url}${path}`, method, { apiKey: API_KEY, body: body === undefined ? undefined : JSON.stringify(body), headers: { accept: 'application/json' } });
  return { status: answer.status, body: answer.body };
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const connections = async (): Promise<number> => (await call('GET', '/metrics')).body.mcp_connections;

describe('MCP servers', () => {
  it('add → list → get → connect → tools/resources → disconnect', async () => {
    const fs = { name: 'filesystem-server', command: ['npx', '@modelcontextprotocol/server-filesystem', '/srv/shared'], env: { NODE_ENV: 'production' }, timeout_seconds: 30 };
    expect(await call('POST', '/mcp/servers', fs)).toEqual({ status: 200, body: { server_name: 'filesystem-server', status: 'added' } });
    expect(await call('POST', '/mcp/servers', { name: 'plain', command: ['my-server'] })).toMatchObject({ status: 200 });
    expect(await call('POST', '/mcp/servers', fs)).toEqual({ status: 409, body: { error: "MCP server 'filesystem-server' already exists", code: 'CONFLICT' } });

    const disconnected = { server_name: 'filesystem-server', status: 'disconnected', tools_count: 0, resources_count: 0 };
    expect((await call('GET', '/mcp/servers')).body).toEqual([disconnected, { ...disconnected, server_name: 'plain' }]);
    expect((await call('GET', '/mcp/servers/filesystem-server')).body).toEqual(disconnected);
    expect((await call('GET', '/mcp/tools')).body).toEqual([]);
    expect(await connections()).toBe(0);

    expect(await call('POST', '/mcp/servers/filesystem-server/connect')).toEqual({
      status: 200,
      body: { server_name: 'filesystem-server', status: 'connected', tools_count: 3, resources_count: 2 },
    });
    const info = (await call('GET', '/mcp/servers/filesystem-server')).body;
    expect(info).toEqual({
      server_name: 'filesystem-server', status: 'connected', pid: expect.any(Number), connected_at: expect.stringMatching(ISO), tools_count: 3, resources_count: 2,
    });
    expect(Number.isInteger(info.pid)).toBe(true);
    expect(await connections()).toBe(1);
    // Connecting again changes nothing.
    await call('POST', '/mcp/servers/filesystem-server/connect');
    expect((await call('GET', '/mcp/servers/filesystem-server')).body).toEqual(info);

    const tools = (await call('GET', '/mcp/tools?server=filesystem-server')).body;
    expect(tools.map((tool: { name: string }) => tool.name)).toEqual(['read_file', 'write_file', 'list_directory']);
    for (const tool of tools) {
      expect(tool).toEqual({
        name: expect.any(String), description: expect.any(String), server_name: 'filesystem-server', verified: false,
        schema: { type: 'object', properties: expect.objectContaining({ path: { type: 'string', description: expect.any(String) } }), required: expect.arrayContaining(['path']) },
      });
    }
    expect(tools[1].schema.required).toEqual(['path', 'content']);
    const resources = (await call('GET', '/mcp/resources?server=filesystem-server')).body;
    expect(resources).toEqual([
      { uri: 'file:///srv/shared/README.md', name: 'README.md', description: expect.any(String), mime_type: 'text/markdown', server_name: 'filesystem-server' },
      { uri: 'file:///srv/shared/notes.txt', name: 'notes.txt', description: expect.any(String), mime_type: 'text/plain', server_name: 'filesystem-server' },
    ]);

    // Unfiltered lists cover every connected server.
    await call('POST', '/mcp/servers/plain/connect');
    expect(await connections()).toBe(2);
    expect((await call('GET', '/mcp/tools')).body.map((tool: { name: string }) => tool.name)).toEqual(['read_file', 'write_file', 'list_directory', 'echo']);
    expect((await call('GET', '/mcp/resources')).body.map((resource: { uri: string }) => resource.uri)).toEqual([
      'file:///srv/shared/README.md', 'file:///srv/shared/notes.txt', 'mcp://plain/status',
    ]);

    expect(await call('POST', '/mcp/servers/filesystem-server/disconnect')).toEqual({ status: 200, body: { ...disconnected } });
    expect((await call('GET', '/mcp/servers/filesystem-server')).body).toEqual(disconnected);
    expect((await call('GET', '/mcp/tools?server=filesystem-server')).body).toEqual([]);
    expect((await call('GET', '/mcp/resources?server=filesystem-server')).body).toEqual([]);
    expect(await connections()).toBe(1);
    await call('POST', '/mcp/servers/plain/disconnect');
    expect(await connections()).toBe(0);
  });

  it('a filesystem server without an absolute root serves /tmp', async () => {
    await call('POST', '/mcp/servers', { name: 'fs-tmp', command: ['mcp-server-filesystem'] });
    await call('POST', '/mcp/servers/fs-tmp/connect');
    expect((await call('GET', '/mcp/resources?server=fs-tmp')).body[0].uri).toBe('file:///tmp/README.md');
    await call('POST', '/mcp/servers/fs-tmp/disconnect');
  });

  it('answers 404 for an unknown server', async () => {
    for (const [method, path] of [
      ['GET', '/mcp/servers/ghost'],
      ['POST', '/mcp/servers/ghost/connect'],
      ['POST', '/mcp/servers/ghost/disconnect'],
      ['GET', '/mcp/tools?server=ghost'],
      ['GET', '/mcp/resources?server=ghost'],
    ] as const) {
      expect(await call(method, path), `${method} ${path}`).toEqual({ status: 404, body: { error: "MCP server 'ghost' not found", code: 'NOT_FOUND' } });
    }
  });

  it('validates McpServerConfig', async () => {
    for (const body of [
      { command: ['x'] },
      { name: 'x' },
      { name: '', command: ['x'] },
      { name: 'x', command: [] },
      { name: 'x', command: 'npx server' },
      { name: 'x', command: ['x'], env: { A: 1 } },
      { name: 'x', command: ['x'], timeout_seconds: 1.5 },
      { name: 'x', command: ['x'], timeout_seconds: 0 },
      undefined,
    ]) {
      const res = await call('POST', '/mcp/servers', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_ERROR' });
    }
    expect((await call('GET', '/mcp/servers/x')).status).toBe(404);
  });
});
