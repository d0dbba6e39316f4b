/**
 * `@symbiont/channels`: chat channel adapters (Slack, Microsoft Teams, Mattermost), their
 * identity mappings and audit log.
 *
 * Every string value of a channel's `config` (bot tokens, signing secrets, webhook URLs) is a
 * credential: it never appears in an error, its `cause`, a log line or a hook argument. On the
 * open-source runtime these routes are mounted but `listChannels` answers `[]` and every other
 * operation an error; runtimes with a channel provider (Enterprise) serve them. Every operation
 * is admin-only.
 *
 * @packageDocumentation
 */
export { listChannels } from './listChannels.ts';
export { registerChannel } from './registerChannel.ts';
export { getChannel } from './getChannel.ts';
export { updateChannel } from './updateChannel.ts';
export { deleteChannel } from './deleteChannel.ts';
export { startChannel } from './startChannel.ts';
export { stopChannel } from './stopChannel.ts';
export { getChannelHealth } from './getChannelHealth.ts';
export { listChannelMappings } from './listChannelMappings.ts';
export { addChannelMapping } from './addChannelMapping.ts';
export { removeChannelMapping } from './removeChannelMapping.ts';
export { getChannelAudit } from './getChannelAudit.ts';
export {
  ChannelPlatform,
  type AddIdentityMappingRequest,
  type ChannelAction,
  type ChannelAuditEntry,
  type ChannelAuditResponse,
  type ChannelDetail,
  type ChannelHealth,
  type ChannelSummary,
  type DeleteChannelResponse,
  type IdentityMapping,
  type RegisterChannelRequest,
  type UpdateChannelRequest,
} from './models.ts';
