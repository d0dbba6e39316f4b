// An MCP server's `env` values are credentials (GITHUB_TOKEN…): a server that echoes the request
// body, raw or JSON-escaped, must not put any of them in an error, a log line or a hook argument.
import { APIError, createContext } from '@symbiont/core';
import { catchError, echoForms, errorViews, expectNoSecret, json, useScriptedServer } from '@symbiont/test-support';
import { describe, expect, it } from 'vitest';
import { addMcpServer } from './addMcpServer.ts';

const TOKEN = 'ghp_Sécret/"quoted"-0123456789';
const OTHER = 'xoxb-second-value-9876';
const scripted = useScriptedServer();

describe('addMcpServer: env values are credentials', () => {
  it('an error echoing the body in every form carries no env value; the request still sends them', async () => {
    scripted.server.handle((req, res) => {
      const echoes = [TOKEN, OTHER].flatMap(echoForms).join(' | ');
      json(res, 400, { error: `cannot start ${req.text} (${echoes})`, code: 'BAD_SERVER', details: req.body }, { 'x-echo': encodeURIComponent(TOKEN) });
    });
    const lines: string[] = [];
    const hooks: string[] = [];
    const ctx = createContext({
      baseUrl: `${scripted.server.url}/api/v1`,
      maxRetries: 0,
      debug: true,
      logger: (line) => lines.push(line),
      hooks: { beforeRequest: async (request) => { hooks.push(await request.clone().text()); } },
    });
    const error = await catchError(addMcpServer(ctx, { name: 'github', command: ['mcp-github'], env: { GITHUB_TOKEN: TOKEN, SLACK_TOKEN: OTHER, MODE: 'prod' } }));
    expect(error).toBeInstanceOf(APIError);
    expect(error.message).toContain('[REDACTED]');
    expectNoSecret([...errorViews(error), ...lines, ...hooks], [TOKEN, OTHER]);
    // What went on the wire is the real configuration; a value under 4 characters is ordinary text.
    expect(scripted.server.requests[0]!.body).toMatchObject({ env: { GITHUB_TOKEN: TOKEN, SLACK_TOKEN: OTHER, MODE: 'prod' } });
  });
});
