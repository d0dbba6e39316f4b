/** Matches a method + still-percent-encoded path against the registered routes. */
import { HttpError } from './responses.ts';
import type { Route } from './routes.ts';

type Segment = { readonly literal: string } | { readonly param: string };

interface CompiledRoute {
  readonly route: Route;
  readonly segments: readonly Segment[];
}

/** The outcome of `matchRoute`. */
export type RouteMatch =
  | { readonly kind: 'found'; readonly route: Route; readonly params: Record<string, string>; readonly public: boolean }
  /** `public`: every route of the path is public, so the runtime's 405 comes without auth. */
  | { readonly kind: 'method-not-allowed'; readonly allow: readonly string[]; readonly public: boolean }
  | { readonly kind: 'not-found' };

/** Routes compiled for one scope (`api` or `root`). */
export interface Router {
  match(method: string, path: string): RouteMatch;
}

function compile(route: Route): CompiledRoute {
  const segments = route.pattern
    .split('/')
    .slice(1)
    .map((part): Segment => {
      const param = /^\{(\w+)\}$/.exec(part)?.[1];
      return param === undefined ? { literal: part } : { param };
    });
  return { route, segments };
}

/** Percent-decoded params, or `undefined` when the path does not fit the pattern. */
function matchSegments(segments: readonly Segment[], parts: readonly string[]): Record<string, string> | undefined {
  if (segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, segment] of segments.entries()) {
    const part = parts[index] ?? '';
    if ('literal' in segment) {
      if (segment.literal !== part) return undefined;
    } else {
      if (part === '') return undefined;
      try {
        params[segment.param] = decodeURIComponent(part);
      } catch {
        throw new HttpError(400, '', `Invalid URL: malformed percent-encoding in path segment '${part}'`, { plain: true });
      }
    }
  }
  return params;
}

/** Literal segments earlier in the path win: negative when `a` is more specific than `b`. */
function compareSpecificity(a: CompiledRoute, b: CompiledRoute): number {
  for (const [index, segment] of a.segments.entries()) {
    const other = b.segments[index];
    const aLiteral = 'literal' in segment;
    const bLiteral = other !== undefined && 'literal' in other;
    if (aLiteral !== bLiteral) return aLiteral ? -1 : 1;
  }
  return 0;
}

/**
 * Builds a router. `path` given to `match` is the still-percent-encoded path (no query); `{param}`
 * segments match one non-empty segment and are decoded with `decodeURIComponent`. `HEAD` falls back
 * to the `GET` route. A path matched only by other methods gives `method-not-allowed`.
 */
export function createRouter(routes: readonly Route[]): Router {
  const compiled = routes.map(compile);
  return {
    match(method, path) {
      const parts = path.split('/').slice(1);
      const candidates: { compiled: CompiledRoute; params: Record<string, string> }[] = [];
      for (const entry of compiled) {
        const params = matchSegments(entry.segments, parts);
        if (params !== undefined) candidates.push({ compiled: entry, params });
      }
      if (candidates.length === 0) return { kind: 'not-found' };
      const wanted = method === 'HEAD' ? ['HEAD', 'GET'] : [method];
      const allowed = candidates
        .filter((candidate) => wanted.includes(candidate.compiled.route.method))
        .sort((a, b) => compareSpecificity(a.compiled, b.compiled));
      const best = allowed[0];
      if (best === undefined) {
        const methods = new Set(candidates.map((candidate) => candidate.compiled.route.method as string));
        if (methods.has('GET')) methods.add('HEAD');
        const open = candidates.every((candidate) => candidate.compiled.route.public === true);
        return { kind: 'method-not-allowed', allow: [...methods], public: open };
      }
      return { kind: 'found', route: best.compiled.route, params: best.params, public: best.compiled.route.public === true };
    },
  };
}
