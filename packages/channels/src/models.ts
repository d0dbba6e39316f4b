/**
 * Models of the chat channel endpoints, each a TypeScript type with the wire's snake_case names
 * and the valibot schema that checks it. Date-times in responses are `Date`s.
 *
 * A channel's `config` carries bot tokens, signing secrets and webhook URLs: every string value in
 * it, at any depth, is a credential, redacted from every error and log line (see `configSecrets`).
 */
import * as v from 'valibot';
import { anyObject, dateTime, enumObject, int, knownString, oneOf, nullish, type Schema } from '@symbiont/core/kernel';

/** The chat platforms a channel adapter connects to. */
export type ChannelPlatform = 'slack' | 'teams' | 'mattermost';

/** The platforms as constants: `ChannelPlatform.TEAMS === 'teams'`. */
export const ChannelPlatform = /* @__PURE__ */ enumObject({
  SLACK: 'slack',
  TEAMS: 'teams',
  MATTERMOST: 'mattermost',
});

/** The body of `registerChannel`. */
export interface RegisterChannelRequest {
  /** Human-readable name of the channel. */
  name: string;
  platform: ChannelPlatform;
  /**
   * Platform settings (bot tokens, signing secrets, webhook URLs). Every string value in it, at
   * any depth, is treated as a credential.
   */
  config: Record<string, unknown>;
}

/** The body of `updateChannel`. */
export interface UpdateChannelRequest {
  /** New platform settings; every string value in it is treated as a credential. */
  config?: Record<string, unknown> | null;
}

/** A channel as `listChannels` lists it and `registerChannel` answers. */
export interface ChannelSummary {
  id: string;
  name: string;
  platform: ChannelPlatform | (string & {});
  /** `"running"`, `"stopped"` or `"error"` on the runtimes seen so far. */
  status: string;
  [field: string]: unknown;
}

/** A channel in full, as `getChannel` and `updateChannel` answer. */
export interface ChannelDetail extends ChannelSummary {
  /** The platform settings as the runtime keeps them. */
  config: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
}

/** What `deleteChannel` answers. */
export interface DeleteChannelResponse {
  id: string;
  deleted: boolean;
  [field: string]: unknown;
}

/** What `startChannel` and `stopChannel` answer. */
export interface ChannelAction {
  id: string;
  /** `"start"` or `"stop"`. */
  action: string;
  /** The channel's status afterwards (`"running"`, `"stopped"`). */
  status: string;
  [field: string]: unknown;
}

/** What `getChannelHealth` answers. */
export interface ChannelHealth {
  id: string;
  connected: boolean;
  platform: string;
  workspace_name: string | null;
  channels_active: number;
  last_message_at: Date | null;
  uptime_secs: number;
  [field: string]: unknown;
}

/** The body of `addChannelMapping`: links a platform user to a Symbiont user. */
export interface AddIdentityMappingRequest {
  /** The user's id on the chat platform (`U024BE7LH` on Slack). */
  platform_user_id: string;
  symbiont_user_id: string;
  display_name: string;
  roles: string[];
  email?: string | null;
}

/** A platform user linked to a Symbiont user, as `listChannelMappings` and `addChannelMapping` answer. */
export interface IdentityMapping {
  platform_user_id: string;
  platform: string;
  symbiont_user_id: string;
  email: string | null;
  display_name: string;
  roles: string[];
  verified: boolean;
  created_at: Date;
  [field: string]: unknown;
}

/** One entry of a channel's audit log. */
export interface ChannelAuditEntry {
  timestamp: Date;
  event_type: string;
  user_id?: string | null;
  channel_id?: string | null;
  agent?: string | null;
  /** Free-form JSON. */
  details: unknown;
  [field: string]: unknown;
}

/** What `getChannelAudit` answers: the newest 50 entries. */
export interface ChannelAuditResponse {
  channel_id: string;
  entries: ChannelAuditEntry[];
  [field: string]: unknown;
}

/** Every string value in a channel `config`, at any depth: the credentials its request carries. */
export function configSecrets(config: unknown): string[] {
  if (typeof config == 'string') return [config];
  if (typeof config != 'object' || config === null) return [];
  return Object.values(config).flatMap(configSecrets);
}

// Schemas. Response objects are loose (unknown fields kept); request objects are strict.

export const RegisterChannelRequestSchema: Schema<RegisterChannelRequest> = /* @__PURE__ */ v.strictObject({
  name: /* @__PURE__ */ v.string(),
  platform: /* @__PURE__ */ oneOf(['slack', 'teams', 'mattermost']),
  config: anyObject,
});

export const UpdateChannelRequestSchema: Schema<UpdateChannelRequest> = /* @__PURE__ */ v.strictObject({
  config: /* @__PURE__ */ nullish(anyObject),
});

const summaryEntries = {
  id: /* @__PURE__ */ v.string(),
  name: /* @__PURE__ */ v.string(),
  platform: /* @__PURE__ */ knownString<ChannelPlatform>(),
  status: /* @__PURE__ */ v.string(),
};

export const ChannelSummarySchema: Schema<ChannelSummary> = /* @__PURE__ */ v.looseObject(summaryEntries);

export const ChannelSummaryListSchema: Schema<ChannelSummary[]> = /* @__PURE__ */ v.array(ChannelSummarySchema);

export const ChannelDetailSchema: Schema<ChannelDetail> = /* @__PURE__ */ v.looseObject(
  // Object.assign, not a spread: esbuild cannot prove a spread free of side effects (a getter), so
  // a spread kept this schema in every app of the package.
  /* @__PURE__ */ Object.assign({}, summaryEntries, {
    config: anyObject,
    created_at: dateTime,
    updated_at: dateTime,
  }),
);

export const DeleteChannelResponseSchema: Schema<DeleteChannelResponse> = /* @__PURE__ */ v.looseObject({
  id: /* @__PURE__ */ v.string(),
  deleted: /* @__PURE__ */ v.boolean(),
});

export const ChannelActionSchema: Schema<ChannelAction> = /* @__PURE__ */ v.looseObject({
  id: /* @__PURE__ */ v.string(),
  action: /* @__PURE__ */ v.string(),
  status: /* @__PURE__ */ v.string(),
});

export const ChannelHealthSchema: Schema<ChannelHealth> = /* @__PURE__ */ v.looseObject({
  id: /* @__PURE__ */ v.string(),
  connected: /* @__PURE__ */ v.boolean(),
  platform: /* @__PURE__ */ v.string(),
  workspace_name: /* @__PURE__ */ nullish(/* @__PURE__ */ v.string(), null),
  channels_active: int,
  last_message_at: /* @__PURE__ */ nullish(dateTime, null),
  uptime_secs: int,
});

export const AddIdentityMappingRequestSchema: Schema<AddIdentityMappingRequest> = /* @__PURE__ */ v.strictObject({
  platform_user_id: /* @__PURE__ */ v.string(),
  symbiont_user_id: /* @__PURE__ */ v.string(),
  display_name: /* @__PURE__ */ v.string(),
  roles: /* @__PURE__ */ v.array(/* @__PURE__ */ v.string()),
  email: /* @__PURE__ */ nullish(/* @__PURE__ */ v.string()),
});

export const IdentityMappingSchema: Schema<IdentityMapping> = /* @__PURE__ */ v.looseObject({
  platform_user_id: /* @__PURE__ */ v.string(),
  platform: /* @__PURE__ */ v.string(),
  symbiont_user_id: /* @__PURE__ */ v.string(),
  email: /* @__PURE__ */ nullish(/* @__PURE__ */ v.string(), null),
  display_name: /* @__PURE__ */ v.string(),
  roles: /* @__PURE__ */ v.array(/* @__PURE__ */ v.string()),
  verified: /* @__PURE__ */ v.boolean(),
  created_at: dateTime,
});

export const IdentityMappingListSchema: Schema<IdentityMapping[]> = /* @__PURE__ */ v.array(IdentityMappingSchema);

const optionalText = /* @__PURE__ */ nullish(/* @__PURE__ */ v.string());

export const ChannelAuditResponseSchema: Schema<ChannelAuditResponse> = /* @__PURE__ */ v.looseObject({
  channel_id: /* @__PURE__ */ v.string(),
  entries: /* @__PURE__ */ v.array(
    /* @__PURE__ */ v.looseObject({
      timestamp: dateTime,
      event_type: /* @__PURE__ */ v.string(),
      user_id: optionalText,
      channel_id: optionalText,
      agent: optionalText,
      details: /* @__PURE__ */ v.unknown(),
    }),
  ),
});
