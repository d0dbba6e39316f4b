/**
 * `@symbiont/schedules`: cron schedules and scheduler health.
 *
 * @packageDocumentation
 */
export {};
