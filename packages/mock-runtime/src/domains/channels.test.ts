import { rawCall, type RawAnswer } from '@symbiont/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockRuntime, type MockRuntime } from '../index.ts';

let enterprise: MockRuntime;
let openSource: MockRuntime;
const API_KEY = 'channels-key';

beforeAll(async () => {
  enterprise = await startMockRuntime({ apiKey: API_KEY });
  openSource = await startMockRuntime({ apiKey: API_KEY, enterprise: false });
});
afterAll(async () => {
  await Promise.all([enterprise.close(), openSource.close()]);
});

const call = (mock: MockRuntime, method: string, path: string, body?: unknown): Promise<RawAnswer> =>
  rawCall(`${mock.url}${path}`, method, { apiKey: API_KEY, body: body === undefined ? undefined : JSON.stringify(body), parse: 'by-type' });

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?\+00:00$/;
const SECRET = 'xoxb-very-secret-bot-token';
const SIGNING = 'signing-secret-9f8e7d';
const slack = { name: 'ops-slack', platform: 'slack', config: { bot_token: SECRET, signing_secret: SIGNING, workspace_name: 'Acme' } };

async function register(): Promise<string> {
  const answer = await call(enterprise, 'POST', '/channels', slack);
  expect(answer.status).toBe(201);
  return answer.body.id as string;
}

describe('channels (Enterprise)', () => {
  it('register → list → get → update → delete', async () => {
    const registered = await call(enterprise, 'POST', '/channels', slack);
    expect(registered).toMatchObject({ status: 201, body: { id: expect.any(String), name: 'ops-slack', platform: 'slack', status: 'stopped' } });
    const id = registered.body.id as string;
    expect((await call(enterprise, 'GET', '/channels')).body).toContainEqual({ id, name: 'ops-slack', platform: 'slack', status: 'stopped' });

    const detail = await call(enterprise, 'GET', `/channels/${id}`);
    expect(detail.body).toEqual({ id, name: 'ops-slack', platform: 'slack', status: 'stopped', config: slack.config, created_at: expect.stringMatching(RFC3339), updated_at: expect.stringMatching(RFC3339) });

    const updated = await call(enterprise, 'PUT', `/channels/${id}`, { config: { bot_token: 'xoxb-rotated' } });
    expect(updated).toMatchObject({ status: 200, body: { id, config: { bot_token: 'xoxb-rotated' } } });
    expect((await call(enterprise, 'PUT', `/channels/${id}`, {})).body.config).toEqual({ bot_token: 'xoxb-rotated' });

    expect(await call(enterprise, 'DELETE', `/channels/${id}`)).toMatchObject({ status: 200, body: { id, deleted: true } });
    expect(await call(enterprise, 'GET', `/channels/${id}`)).toMatchObject({ status: 404, body: { error: `Internal error: channel not found: ${id}`, code: 'CHANNEL_NOT_FOUND', details: null } });
  });

  it('start and stop change the status and the health', async () => {
    const id = await register();
    expect((await call(enterprise, 'GET', `/channels/${id}/health`)).body).toEqual({ id, connected: false, platform: 'slack', workspace_name: null, channels_active: 0, last_message_at: null, uptime_secs: 0 });
    expect(await call(enterprise, 'POST', `/channels/${id}/start`)).toMatchObject({ status: 200, body: { id, action: 'start', status: 'running' } });
    expect((await call(enterprise, 'GET', `/channels/${id}/health`)).body).toMatchObject({ connected: true, workspace_name: 'Acme', channels_active: 1, uptime_secs: expect.any(Number) });
    expect((await call(enterprise, 'GET', `/channels/${id}`)).body.status).toBe('running');
    expect(await call(enterprise, 'POST', `/channels/${id}/stop`)).toMatchObject({ status: 200, body: { id, action: 'stop', status: 'stopped' } });
    expect((await call(enterprise, 'GET', `/channels/${id}/health`)).body.connected).toBe(false);
  });

  it('identity mappings: add (201), list, remove (204, empty), and each is audited without config values', async () => {
    const id = await register();
    const mapping = { platform_user_id: 'U024BE7LH', symbiont_user_id: 'alice', display_name: 'Alice', roles: ['operator'] };
    const added = await call(enterprise, 'POST', `/channels/${id}/mappings`, mapping);
    expect(added).toMatchObject({ status: 201, body: { ...mapping, platform: 'slack', email: null, verified: false, created_at: expect.stringMatching(RFC3339) } });
    expect((await call(enterprise, 'GET', `/channels/${id}/mappings`)).body).toEqual([added.body]);

    const removed = await call(enterprise, 'DELETE', `/channels/${id}/mappings/U024BE7LH`);
    expect(removed).toMatchObject({ status: 204, text: '' });
    expect((await call(enterprise, 'GET', `/channels/${id}/mappings`)).body).toEqual([]);
    expect(await call(enterprise, 'DELETE', `/channels/${id}/mappings/U024BE7LH`)).toMatchObject({ status: 404, body: { code: 'REMOVE_CHANNEL_MAPPING_FAILED' } });

    const audit = await call(enterprise, 'GET', `/channels/${id}/audit`);
    expect(audit.status).toBe(200);
    expect(audit.body.channel_id).toBe(id);
    expect(audit.body.entries.map((entry: { event_type: string }) => entry.event_type)).toEqual(['identity_mapping_removed', 'identity_mapping_added', 'channel_registered']);
    expect(audit.body.entries[0]).toEqual({ timestamp: expect.stringMatching(RFC3339), event_type: 'identity_mapping_removed', user_id: 'U024BE7LH', channel_id: id, agent: null, details: {} });
    expect(audit.text).not.toContain(SECRET);
    expect(audit.text).not.toContain(SIGNING);
  });

  it('the audit log answers the newest 50', async () => {
    const id = await register();
    for (let i = 0; i < 30; i++) {
      await call(enterprise, 'POST', `/channels/${id}/start`);
      await call(enterprise, 'POST', `/channels/${id}/stop`);
    }
    const entries = (await call(enterprise, 'GET', `/channels/${id}/audit?limit=5`)).body.entries as Array<{ event_type: string }>;
    expect(entries).toHaveLength(50);
    expect(entries[0]!.event_type).toBe('channel_stopped');
  });

  it('a missing channel: 404 with each route\'s code, 500 for update and add-mapping', async () => {
    const id = 'no-such-channel';
    const cases: Array<[string, string, number, string, unknown?]> = [
      ['GET', '', 404, 'CHANNEL_NOT_FOUND'],
      ['PUT', '', 500, 'UPDATE_CHANNEL_FAILED', { config: {} }],
      ['DELETE', '', 404, 'CHANNEL_NOT_FOUND'],
      ['POST', '/start', 404, 'CHANNEL_START_FAILED'],
      ['POST', '/stop', 404, 'CHANNEL_STOP_FAILED'],
      ['GET', '/health', 404, 'CHANNEL_HEALTH_FAILED'],
      ['GET', '/mappings', 404, 'CHANNEL_MAPPINGS_FAILED'],
      ['POST', '/mappings', 500, 'ADD_CHANNEL_MAPPING_FAILED', { platform_user_id: 'u', symbiont_user_id: 's', display_name: 'd', roles: [] }],
      ['DELETE', '/mappings/u', 404, 'REMOVE_CHANNEL_MAPPING_FAILED'],
      ['GET', '/audit', 404, 'CHANNEL_AUDIT_FAILED'],
    ];
    for (const [method, suffix, status, code, body] of cases) {
      const answer = await call(enterprise, method, `/channels/${id}${suffix}`, body);
      expect(answer.status, `${method} ${suffix}`).toBe(status);
      expect(answer.body).toEqual({ error: `Internal error: channel not found: ${id}`, code, details: null });
    }
  });

  it('an unknown platform or a non-object config is 500 REGISTER_CHANNEL_FAILED; a bad shape is a text/plain 422', async () => {
    expect(await call(enterprise, 'POST', '/channels', { ...slack, platform: 'irc' })).toMatchObject({ status: 500, body: { code: 'REGISTER_CHANNEL_FAILED' } });
    expect(await call(enterprise, 'POST', '/channels', { ...slack, config: 'token' })).toMatchObject({ status: 500, body: { code: 'REGISTER_CHANNEL_FAILED' } });
    const missing = await call(enterprise, 'POST', '/channels', { name: 'x', platform: 'slack' });
    expect(missing).toMatchObject({ status: 422, text: 'Failed to deserialize the JSON body into the target type: missing field `config`' });
    expect(missing.type).toMatch(/^text\/plain/);
    const id = await register();
    expect(await call(enterprise, 'POST', `/channels/${id}/mappings`, { platform_user_id: 'u', symbiont_user_id: 's', display_name: 'd' })).toMatchObject({ status: 422 });
  });
});

describe('channels (open-source runtime, enterprise: false)', () => {
  it('lists [] and answers everything else with the runtime\'s errors', async () => {
    expect(await call(openSource, 'GET', '/channels')).toMatchObject({ status: 200, body: [] });
    const manager = 'Internal error: Channel API requires a running ChannelAdapterManager';
    const enterpriseOnly = 'Internal error: Channel identity mappings require enterprise edition';
    const cases: Array<[string, string, number, string, string, unknown?]> = [
      ['POST', '/channels', 500, 'REGISTER_CHANNEL_FAILED', manager, slack],
      ['GET', '/channels/c1', 404, 'CHANNEL_NOT_FOUND', manager],
      ['PUT', '/channels/c1', 500, 'UPDATE_CHANNEL_FAILED', manager, { config: { bot_token: SECRET } }],
      ['DELETE', '/channels/c1', 404, 'CHANNEL_NOT_FOUND', manager],
      ['POST', '/channels/c1/start', 404, 'CHANNEL_START_FAILED', manager],
      ['POST', '/channels/c1/stop', 404, 'CHANNEL_STOP_FAILED', manager],
      ['GET', '/channels/c1/health', 404, 'CHANNEL_HEALTH_FAILED', manager],
      ['GET', '/channels/c1/mappings', 404, 'CHANNEL_MAPPINGS_FAILED', enterpriseOnly],
      ['POST', '/channels/c1/mappings', 500, 'ADD_CHANNEL_MAPPING_FAILED', enterpriseOnly, { platform_user_id: 'u', symbiont_user_id: 's', display_name: 'd', roles: [] }],
      ['DELETE', '/channels/c1/mappings/u', 404, 'REMOVE_CHANNEL_MAPPING_FAILED', enterpriseOnly],
      ['GET', '/channels/c1/audit', 404, 'CHANNEL_AUDIT_FAILED', 'Internal error: Channel audit log requires enterprise edition'],
    ];
    for (const [method, path, status, code, error, body] of cases) {
      const answer = await call(openSource, method, path, body);
      expect(answer.status, `${method} ${path}`).toBe(status);
      expect(answer.body).toEqual({ error, code, details: null });
    }
    expect(await call(openSource, 'GET', '/channels')).toMatchObject({ status: 200, body: [] });
  });

  it('still checks the body first (422), like the runtime\'s extractor', async () => {
    expect(await call(openSource, 'POST', '/channels', { name: 'x' })).toMatchObject({ status: 422 });
  });
});
