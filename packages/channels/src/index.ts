/**
 * `@symbiont/channels`: chat channels (Slack, Teams, Mattermost) and identity mappings.
 *
 * @packageDocumentation
 */
export {};
