/**
 * Chat channels: `/channels...`. With `enterprise` (the default) the mock answers as a runtime
 * with a channel provider (Enterprise) would: an in-memory registry of adapters that start and
 * stop, report health, keep identity mappings and an audit log. With `enterprise: false` it
 * answers as the open-source runtime v1.19 does: the list is always `[]`, register/update/
 * add-mapping are 500 (`REGISTER_CHANNEL_FAILED`, `UPDATE_CHANNEL_FAILED`,
 * `ADD_CHANNEL_MAPPING_FAILED`) and every other route 404 with its own code.
 *
 * In both modes a body that does not fit is the runtime's `text/plain` 415/422, and errors are
 * `{ error: "Internal error: ...", code, details: null }` with the runtime's statuses (a missing
 * channel: 404, but 500 for update and add-mapping). Audit entries never carry `config` values.
 */
import { randomUUID } from 'node:crypto';
import { HttpError, json } from '../responses.ts';
import type { Route, RouteRequest } from '../routes.ts';
import type { State } from '../state.ts';
import { isObject } from '../validate.ts';
import { rfc3339 } from './cron.ts';
import { extractJson, guarded } from './json-extractor.ts';

/** An identity mapping as the mock keeps it. */
export interface ChannelMapping {
  platform_user_id: string;
  platform: string;
  symbiont_user_id: string;
  email: string | null;
  display_name: string;
  roles: string[];
  verified: boolean;
  created_at: Date;
}

/** One audit log entry. */
export interface ChannelAuditRecord {
  timestamp: Date;
  event_type: string;
  user_id: string | null;
  channel_id: string | null;
  agent: string | null;
  details: unknown;
}

/** A registered channel adapter. */
export interface ChannelRecord {
  id: string;
  name: string;
  platform: string;
  status: 'running' | 'stopped';
  config: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
  /** When it last started, while running. */
  started_at: Date | null;
  mappings: Map<string, ChannelMapping>;
  /** Oldest first. */
  audit: ChannelAuditRecord[];
}

const PLATFORMS = ['slack', 'teams', 'mattermost'];
const AUDIT_LIMIT = 50;
const registries = new WeakMap<State, Map<string, ChannelRecord>>();

/** This server's channel registry (created on first use). */
export function channelsOf(state: State): Map<string, ChannelRecord> {
  let registry = registries.get(state);
  if (registry === undefined) {
    registry = new Map();
    registries.set(state, registry);
  }
  return registry;
}

const failure = (status: number, code: string, message: string): HttpError =>
  new HttpError(status, code, `Internal error: ${message}`, { details: null });

const NO_MANAGER = 'Channel API requires a running ChannelAdapterManager';
const NO_MAPPINGS = 'Channel identity mappings require enterprise edition';
const NO_AUDIT = 'Channel audit log requires enterprise edition';

function find(state: State, id: string, status: number, code: string): ChannelRecord {
  const channel = channelsOf(state).get(id);
  if (channel === undefined) throw failure(status, code, `channel not found: ${id}`);
  return channel;
}

function audit(channel: ChannelRecord, now: Date, event_type: string, details: unknown, user_id: string | null = null): void {
  channel.audit.push({ timestamp: now, event_type, user_id, channel_id: channel.id, agent: null, details });
}

const summary = (channel: ChannelRecord) => ({ id: channel.id, name: channel.name, platform: channel.platform, status: channel.status });

const detail = (channel: ChannelRecord) => ({
  ...summary(channel),
  config: channel.config,
  created_at: rfc3339(channel.created_at),
  updated_at: rfc3339(channel.updated_at),
});

const mappingView = (mapping: ChannelMapping) => ({ ...mapping, created_at: rfc3339(mapping.created_at) });

interface RegisterBody {
  name: string;
  platform: string;
  config: unknown;
}

interface MappingBody {
  platform_user_id: string;
  symbiont_user_id: string;
  email?: string | null;
  display_name: string;
  roles: string[];
}

const REGISTER_FIELDS = { name: 'string', platform: 'string', config: 'json' } as const;
const UPDATE_FIELDS = { config: 'json?' } as const;
const MAPPING_FIELDS = { platform_user_id: 'string', symbiont_user_id: 'string', email: 'string?', display_name: 'string', roles: 'strings' } as const;

type Handler = (req: RouteRequest, state: State) => ReturnType<Route['handler']>;

/** The open-source runtime's answers: `[]` for the list, an error for everything else. */
function openSourceRoutes(): Route[] {
  const refuse = (method: Route['method'], pattern: string, status: number, code: string, message: string, fields?: Parameters<typeof extractJson>[1]): Route => ({
    method,
    pattern,
    handler: guarded((req: RouteRequest) => {
      if (fields) extractJson(req, fields);
      throw failure(status, code, message);
    }),
  });
  return [
    { method: 'GET', pattern: '/channels', handler: () => json([]) },
    refuse('POST', '/channels', 500, 'REGISTER_CHANNEL_FAILED', NO_MANAGER, REGISTER_FIELDS),
    refuse('GET', '/channels/{id}', 404, 'CHANNEL_NOT_FOUND', NO_MANAGER),
    refuse('PUT', '/channels/{id}', 500, 'UPDATE_CHANNEL_FAILED', NO_MANAGER, UPDATE_FIELDS),
    refuse('DELETE', '/channels/{id}', 404, 'CHANNEL_NOT_FOUND', NO_MANAGER),
    refuse('POST', '/channels/{id}/start', 404, 'CHANNEL_START_FAILED', NO_MANAGER),
    refuse('POST', '/channels/{id}/stop', 404, 'CHANNEL_STOP_FAILED', NO_MANAGER),
    refuse('GET', '/channels/{id}/health', 404, 'CHANNEL_HEALTH_FAILED', NO_MANAGER),
    refuse('GET', '/channels/{id}/mappings', 404, 'CHANNEL_MAPPINGS_FAILED', NO_MAPPINGS),
    refuse('POST', '/channels/{id}/mappings', 500, 'ADD_CHANNEL_MAPPING_FAILED', NO_MAPPINGS, MAPPING_FIELDS),
    refuse('DELETE', '/channels/{id}/mappings/{user_id}', 404, 'REMOVE_CHANNEL_MAPPING_FAILED', NO_MAPPINGS),
    refuse('GET', '/channels/{id}/audit', 404, 'CHANNEL_AUDIT_FAILED', NO_AUDIT),
  ];
}

/** An Enterprise runtime's answers, over an in-memory registry. */
function enterpriseRoutes(): Route[] {
  const route = (method: Route['method'], pattern: string, handler: Handler): Route => ({ method, pattern, handler: guarded(handler) });
  const setStatus = (channel: ChannelRecord, status: ChannelRecord['status'], now: Date) => {
    channel.status = status;
    channel.started_at = status === 'running' ? now : null;
    channel.updated_at = now;
  };
  return [
    route('GET', '/channels', (_req, state) => json([...channelsOf(state).values()].map(summary))),

    route('POST', '/channels', (req, state) => {
      const body = extractJson<RegisterBody>(req, REGISTER_FIELDS);
      if (!PLATFORMS.includes(body.platform)) throw failure(500, 'REGISTER_CHANNEL_FAILED', `unsupported platform: ${body.platform}`);
      if (!isObject(body.config)) throw failure(500, 'REGISTER_CHANNEL_FAILED', 'config must be a JSON object');
      const now = state.now();
      const channel: ChannelRecord = {
        id: randomUUID(),
        name: body.name,
        platform: body.platform,
        status: 'stopped',
        config: structuredClone(body.config),
        created_at: now,
        updated_at: now,
        started_at: null,
        mappings: new Map(),
        audit: [],
      };
      channelsOf(state).set(channel.id, channel);
      audit(channel, now, 'channel_registered', { name: channel.name, platform: channel.platform });
      return json(summary(channel), 201);
    }),

    route('GET', '/channels/{id}', (req, state) => json(detail(find(state, req.params.id!, 404, 'CHANNEL_NOT_FOUND')))),

    route('PUT', '/channels/{id}', (req, state) => {
      const body = extractJson<{ config?: unknown }>(req, UPDATE_FIELDS);
      const channel = find(state, req.params.id!, 500, 'UPDATE_CHANNEL_FAILED');
      if (body.config !== undefined && body.config !== null) {
        if (!isObject(body.config)) throw failure(500, 'UPDATE_CHANNEL_FAILED', 'config must be a JSON object');
        channel.config = structuredClone(body.config);
      }
      const now = state.now();
      channel.updated_at = now;
      audit(channel, now, 'channel_updated', { config_keys: Object.keys(channel.config) });
      return json(detail(channel));
    }),

    route('DELETE', '/channels/{id}', (req, state) => {
      const channel = find(state, req.params.id!, 404, 'CHANNEL_NOT_FOUND');
      channelsOf(state).delete(channel.id);
      return json({ id: channel.id, deleted: true });
    }),

    route('POST', '/channels/{id}/start', (req, state) => {
      const channel = find(state, req.params.id!, 404, 'CHANNEL_START_FAILED');
      const now = state.now();
      if (channel.status !== 'running') setStatus(channel, 'running', now);
      audit(channel, now, 'channel_started', {});
      return json({ id: channel.id, action: 'start', status: channel.status });
    }),

    route('POST', '/channels/{id}/stop', (req, state) => {
      const channel = find(state, req.params.id!, 404, 'CHANNEL_STOP_FAILED');
      const now = state.now();
      setStatus(channel, 'stopped', now);
      audit(channel, now, 'channel_stopped', {});
      return json({ id: channel.id, action: 'stop', status: channel.status });
    }),

    route('GET', '/channels/{id}/health', (req, state) => {
      const channel = find(state, req.params.id!, 404, 'CHANNEL_HEALTH_FAILED');
      const running = channel.status === 'running' && channel.started_at !== null;
      const workspace = channel.config.workspace_name ?? channel.config.team_name;
      return json({
        id: channel.id,
        connected: running,
        platform: channel.platform,
        workspace_name: running && typeof workspace === 'string' ? workspace : null,
        channels_active: running ? 1 : 0,
        last_message_at: null,
        uptime_secs: running ? Math.floor((state.now().getTime() - channel.started_at!.getTime()) / 1000) : 0,
      });
    }),

    route('GET', '/channels/{id}/mappings', (req, state) =>
      json([...find(state, req.params.id!, 404, 'CHANNEL_MAPPINGS_FAILED').mappings.values()].map(mappingView))),

    route('POST', '/channels/{id}/mappings', (req, state) => {
      const body = extractJson<MappingBody>(req, MAPPING_FIELDS);
      const channel = find(state, req.params.id!, 500, 'ADD_CHANNEL_MAPPING_FAILED');
      const now = state.now();
      const mapping: ChannelMapping = {
        platform_user_id: body.platform_user_id,
        platform: channel.platform,
        symbiont_user_id: body.symbiont_user_id,
        email: body.email ?? null,
        display_name: body.display_name,
        roles: [...body.roles],
        verified: false,
        created_at: now,
      };
      channel.mappings.set(mapping.platform_user_id, mapping);
      audit(channel, now, 'identity_mapping_added', { symbiont_user_id: mapping.symbiont_user_id, roles: mapping.roles }, mapping.platform_user_id);
      return json(mappingView(mapping), 201);
    }),

    route('DELETE', '/channels/{id}/mappings/{user_id}', (req, state) => {
      const channel = find(state, req.params.id!, 404, 'REMOVE_CHANNEL_MAPPING_FAILED');
      const userId = req.params.user_id!;
      if (!channel.mappings.delete(userId)) throw failure(404, 'REMOVE_CHANNEL_MAPPING_FAILED', `identity mapping not found: ${userId}`);
      audit(channel, state.now(), 'identity_mapping_removed', {}, userId);
      return { status: 204 };
    }),

    route('GET', '/channels/{id}/audit', (req, state) => {
      const channel = find(state, req.params.id!, 404, 'CHANNEL_AUDIT_FAILED');
      const entries = channel.audit
        .slice(-AUDIT_LIMIT)
        .reverse()
        .map((entry) => ({ ...entry, timestamp: rfc3339(entry.timestamp) }));
      return json({ channel_id: channel.id, entries });
    }),
  ];
}

/**
 * The channel routes: as an Enterprise runtime answers them (`enterprise: true`), or as the
 * open-source runtime does (`enterprise: false`).
 */
export function channelsRoutes(options: { readonly enterprise: boolean }): readonly Route[] {
  return options.enterprise ? enterpriseRoutes() : openSourceRoutes();
}
