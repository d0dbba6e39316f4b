/**
 * `@symbiont/core/kernel`: what the SDK's domain packages build their operations from. An
 * operation is one {@link call} with its method, path and schemas. Apps do not need this entry.
 *
 * @packageDocumentation
 */
export { call, invalid, type Operation } from './call.ts';
export type { CallOptions } from './options.ts';
export { send, type Sent, type SendExtra } from './send.ts';
export { parseRetryAfter, backoff, jitter, retryDelay } from './retryPolicy.ts';
export { redactor, MIN_SECRET } from './redact.ts';
export { CREDENTIAL_HEADERS } from './headers.ts';
export { toIssues, describe } from './issues.ts';
export { dateTime, dateTimeInput, int, nonEmpty, isPlainObject, anyObject, knownString, enumObject, oneOf, nullish, optional, type Schema } from './schemas.ts';
export { AUTHORIZATION, CONTEXT } from '../createContext.ts';
export { isContext, checkContext } from './context.ts';
export { checkPollOptions, pause } from './polling.ts';
