import { CONTEXT, type Context } from '../createContext.ts';
import { ValidationError } from '../errors.ts';
import { describe } from './issues.ts';
import { isPlainObject } from './schemas.ts';

/** Whether `ctx` is a context made by `createContext()` (it carries the {@link CONTEXT} mark). */
export const isContext = (ctx: unknown): ctx is Context =>
  (ctx as Record<symbol, unknown> | null | undefined)?.[CONTEXT] === true;

/**
 * Throw the `ValidationError` naming `ctx` unless `ctx` is a context from `createContext()`; it
 * says to pass `createContext(config)` when a config object was passed by mistake. For functions
 * that take a context without going through `call` (iterators, WebSockets, other origins).
 * @example checkContext('connectChat', ctx);
 */
export function checkContext(name: string, ctx: unknown): asserts ctx is Context {
  if (isContext(ctx)) return;
  throw new ValidationError(name, [{
    path: 'ctx',
    expected: 'a context from createContext()',
    message: isPlainObject(ctx)
      ? 'ctx: expected a context, received a plain object: pass createContext(config), not the config object'
      : `ctx: expected a context from createContext(), received ${describe(ctx)}`,
  }]);
}
