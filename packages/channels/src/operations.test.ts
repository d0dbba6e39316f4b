import { APIError, NotFoundError, ValidationError } from '@symbiont/core';
import { catchError, useMockRuntime } from '@symbiont/test-support';
import { describe, expect, it } from 'vitest';
import {
  addChannelMapping,
  ChannelPlatform,
  deleteChannel,
  getChannel,
  getChannelAudit,
  getChannelHealth,
  listChannelMappings,
  listChannels,
  registerChannel,
  removeChannelMapping,
  startChannel,
  stopChannel,
  updateChannel,
  type AddIdentityMappingRequest,
  type RegisterChannelRequest,
} from './index.ts';

const API_KEY = 'channels-test-key';

const runtime = useMockRuntime({ apiKey: API_KEY });
const openSource = useMockRuntime({ apiKey: API_KEY, enterprise: false });

const slack: RegisterChannelRequest = { name: 'ops-slack', platform: ChannelPlatform.SLACK, config: { bot_token: 'xoxb-1234', signing_secret: 'sig-5678', workspace_name: 'Acme' } };
const alice: AddIdentityMappingRequest = { platform_user_id: 'U024BE7LH', symbiont_user_id: 'alice', display_name: 'Alice', roles: ['operator'], email: 'alice@example.com' };
const register = async () => (await registerChannel(runtime.ctx, slack)).id;

describe('enums', () => {
  it('ChannelPlatform is a frozen object of the wire strings', () => {
    expect(ChannelPlatform).toEqual({ SLACK: 'slack', TEAMS: 'teams', MATTERMOST: 'mattermost' });
    expect(Object.isFrozen(ChannelPlatform)).toBe(true);
  });
});

describe('registerChannel, listChannels, getChannel', () => {
  it('POST /channels with the request as given (201): the summary', async () => {
    const channel = await registerChannel(runtime.ctx, slack);
    expect(channel).toEqual({ id: expect.any(String), name: 'ops-slack', platform: 'slack', status: 'stopped' });
    expect(runtime.mock.requests).toHaveLength(1);
    expect(runtime.last()).toMatchObject({ method: 'POST', path: '/channels', query: {}, body: slack });
  });

  it('GET /channels lists the summaries; GET /channels/{id} the detail with Dates', async () => {
    const id = await register();
    runtime.mock.clearRequests();
    expect(await listChannels(runtime.ctx)).toContainEqual({ id, name: 'ops-slack', platform: 'slack', status: 'stopped' });
    expect(runtime.last()).toMatchObject({ method: 'GET', path: '/channels', query: {} });
    const detail = await getChannel(runtime.ctx, id);
    expect(runtime.last()).toMatchObject({ method: 'GET', path: `/channels/${id}` });
    expect(detail).toEqual({ id, name: 'ops-slack', platform: 'slack', status: 'stopped', config: slack.config, created_at: expect.any(Date), updated_at: expect.any(Date) });
  });

  it('bad input is refused before sending', async () => {
    const bad = [
      { ...slack, platform: 'irc' },
      { ...slack, config: 'xoxb-1234' },
      { ...slack, config: null },
      { ...slack, config: ['a'] },
      { name: 'x', platform: 'slack' },
      { ...slack, extra: true },
    ];
    for (const request of bad) expect(await catchError(registerChannel(runtime.ctx, request as never))).toBeInstanceOf(ValidationError);
    expect(runtime.mock.requests).toHaveLength(0);
  });

  it('an unknown channel is a NotFoundError (CHANNEL_NOT_FOUND)', async () => {
    const error = await catchError(getChannel(runtime.ctx, 'no-such-channel'));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, code: 'CHANNEL_NOT_FOUND' });
  });
});

describe('updateChannel and deleteChannel', () => {
  it('PUT /channels/{id} with { config }: the detail', async () => {
    const id = await register();
    const updated = await updateChannel(runtime.ctx, id, { config: { bot_token: 'xoxb-rotated' } });
    expect(runtime.last()).toMatchObject({ method: 'PUT', path: `/channels/${id}`, body: { config: { bot_token: 'xoxb-rotated' } } });
    expect(updated).toMatchObject({ id, config: { bot_token: 'xoxb-rotated' }, updated_at: expect.any(Date) });
    await updateChannel(runtime.ctx, id, {});
    expect(runtime.last().body).toEqual({});
    expect(await catchError(updateChannel(runtime.ctx, id, { config: 'x' } as never))).toBeInstanceOf(ValidationError);
  });

  it('an unknown channel is the runtime\'s 500 UPDATE_CHANNEL_FAILED', async () => {
    const error = await catchError(updateChannel(runtime.ctx, 'no-such-channel', { config: {} }));
    expect(error).toBeInstanceOf(APIError);
    expect(error).toMatchObject({ status: 500, code: 'UPDATE_CHANNEL_FAILED' });
  });

  it('DELETE /channels/{id}: { id, deleted }; then 404', async () => {
    const id = await register();
    expect(await deleteChannel(runtime.ctx, id)).toEqual({ id, deleted: true });
    expect(runtime.last()).toMatchObject({ method: 'DELETE', path: `/channels/${id}` });
    expect(await catchError(deleteChannel(runtime.ctx, id))).toMatchObject({ status: 404, code: 'CHANNEL_NOT_FOUND' });
  });
});

describe('startChannel, stopChannel, getChannelHealth', () => {
  it('POST with no body; the health follows', async () => {
    const id = await register();
    runtime.mock.clearRequests();
    expect(await startChannel(runtime.ctx, id)).toEqual({ id, action: 'start', status: 'running' });
    expect(runtime.last()).toMatchObject({ method: 'POST', path: `/channels/${id}/start`, body: undefined });
    expect(runtime.last().headers['content-type']).toBeUndefined();
    const health = await getChannelHealth(runtime.ctx, id);
    expect(runtime.last()).toMatchObject({ method: 'GET', path: `/channels/${id}/health` });
    expect(health).toEqual({ id, connected: true, platform: 'slack', workspace_name: 'Acme', channels_active: 1, last_message_at: null, uptime_secs: expect.any(Number) });
    expect(await stopChannel(runtime.ctx, id)).toEqual({ id, action: 'stop', status: 'stopped' });
    expect(runtime.last()).toMatchObject({ method: 'POST', path: `/channels/${id}/stop`, body: undefined });
    expect((await getChannelHealth(runtime.ctx, id)).connected).toBe(false);
  });

  it.each([
    ['startChannel', startChannel, 'CHANNEL_START_FAILED'],
    ['stopChannel', stopChannel, 'CHANNEL_STOP_FAILED'],
    ['getChannelHealth', getChannelHealth, 'CHANNEL_HEALTH_FAILED'],
    ['listChannelMappings', listChannelMappings, 'CHANNEL_MAPPINGS_FAILED'],
    ['getChannelAudit', getChannelAudit, 'CHANNEL_AUDIT_FAILED'],
  ] as const)('%s of an unknown channel is a NotFoundError', async (_, operation, code) => {
    const error = await catchError(operation(runtime.ctx, 'no-such-channel'));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.code).toBe(code);
  });
});

describe('identity mappings', () => {
  it('add (201) → list → remove (204, undefined)', async () => {
    const id = await register();
    runtime.mock.clearRequests();
    const mapping = await addChannelMapping(runtime.ctx, id, alice);
    expect(runtime.last()).toMatchObject({ method: 'POST', path: `/channels/${id}/mappings`, body: alice });
    expect(mapping).toEqual({ ...alice, platform: 'slack', verified: false, created_at: expect.any(Date) });
    expect(await listChannelMappings(runtime.ctx, id)).toEqual([mapping]);
    expect(runtime.last()).toMatchObject({ method: 'GET', path: `/channels/${id}/mappings` });

    expect(await removeChannelMapping(runtime.ctx, id, 'U024BE7LH')).toBeUndefined();
    expect(runtime.last()).toMatchObject({ method: 'DELETE', path: `/channels/${id}/mappings/U024BE7LH` });
    expect(await listChannelMappings(runtime.ctx, id)).toEqual([]);
    const again = await catchError(removeChannelMapping(runtime.ctx, id, 'U024BE7LH'));
    expect(again).toBeInstanceOf(NotFoundError);
    expect(again.code).toBe('REMOVE_CHANNEL_MAPPING_FAILED');
  });

  it('email is optional (null in the answer); the user id is percent-encoded', async () => {
    const id = await register();
    const { email: _email, ...withoutEmail } = alice;
    const mapping = await addChannelMapping(runtime.ctx, id, { ...withoutEmail, platform_user_id: 'team/u 1' });
    expect(runtime.last().body).toEqual({ ...withoutEmail, platform_user_id: 'team/u 1' });
    expect(mapping.email).toBeNull();
    await removeChannelMapping(runtime.ctx, id, 'team/u 1');
    expect(runtime.last().path).toBe(`/channels/${id}/mappings/team%2Fu%201`);
  });

  it('bad input is refused before sending; an unknown channel is 500 ADD_CHANNEL_MAPPING_FAILED', async () => {
    for (const request of [{ ...alice, roles: 'operator' }, { ...alice, display_name: undefined }, { ...alice, email: 3 }]) {
      expect(await catchError(addChannelMapping(runtime.ctx, 'c', request as never))).toBeInstanceOf(ValidationError);
    }
    for (const [channelId, userId] of [['', 'u'], ['c', ''], ['c', '..']] as const) expect(await catchError(removeChannelMapping(runtime.ctx, channelId, userId))).toBeInstanceOf(ValidationError);
    expect(runtime.mock.requests).toHaveLength(0);
    expect(await catchError(addChannelMapping(runtime.ctx, 'no-such-channel', alice))).toMatchObject({ status: 500, code: 'ADD_CHANNEL_MAPPING_FAILED' });
  });
});

describe('getChannelAudit', () => {
  it('GET …/audit with no query: entries with Date timestamps, newest first', async () => {
    const id = await register();
    await startChannel(runtime.ctx, id);
    runtime.mock.clearRequests();
    const audit = await getChannelAudit(runtime.ctx, id);
    expect(runtime.last()).toMatchObject({ method: 'GET', path: `/channels/${id}/audit`, query: {} });
    expect(audit.channel_id).toBe(id);
    expect(audit.entries.map((entry) => entry.event_type)).toEqual(['channel_started', 'channel_registered']);
    expect(audit.entries[0]).toEqual({ timestamp: expect.any(Date), event_type: 'channel_started', user_id: null, channel_id: id, agent: null, details: {} });
  });
});

describe('on the open-source runtime (enterprise: false)', () => {
  it('listChannels is [] and every other operation the runtime\'s error', async () => {
    expect(await listChannels(openSource.ctx)).toEqual([]);
    const cases: Array<[() => Promise<unknown>, number, string]> = [
      [() => registerChannel(openSource.ctx, slack), 500, 'REGISTER_CHANNEL_FAILED'],
      [() => getChannel(openSource.ctx, 'c1'), 404, 'CHANNEL_NOT_FOUND'],
      [() => updateChannel(openSource.ctx, 'c1', { config: {} }), 500, 'UPDATE_CHANNEL_FAILED'],
      [() => deleteChannel(openSource.ctx, 'c1'), 404, 'CHANNEL_NOT_FOUND'],
      [() => startChannel(openSource.ctx, 'c1'), 404, 'CHANNEL_START_FAILED'],
      [() => stopChannel(openSource.ctx, 'c1'), 404, 'CHANNEL_STOP_FAILED'],
      [() => getChannelHealth(openSource.ctx, 'c1'), 404, 'CHANNEL_HEALTH_FAILED'],
      [() => listChannelMappings(openSource.ctx, 'c1'), 404, 'CHANNEL_MAPPINGS_FAILED'],
      [() => addChannelMapping(openSource.ctx, 'c1', alice), 500, 'ADD_CHANNEL_MAPPING_FAILED'],
      [() => removeChannelMapping(openSource.ctx, 'c1', 'u1'), 404, 'REMOVE_CHANNEL_MAPPING_FAILED'],
      [() => getChannelAudit(openSource.ctx, 'c1'), 404, 'CHANNEL_AUDIT_FAILED'],
    ];
    for (const [run, status, code] of cases) {
      const error = await catchError(run());
      expect(error).toBeInstanceOf(status === 404 ? NotFoundError : APIError);
      expect(error).toMatchObject({ status, code, details: null });
      expect(error.message).toContain('Internal error: ');
    }
  });
});
