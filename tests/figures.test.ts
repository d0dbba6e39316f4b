// Generated figures (scripts/markers.mjs): what `size` and `runtime-figures` check in CI and
// rewrite with --write.
import { describe, expect, it } from 'vitest';
// @ts-expect-error a plain .mjs module without types
import { replaceBlock, replaceMarkers } from '../scripts/markers.mjs';

type Result = { out: string; stale: string[]; unknown: string[] };
const replace = replaceMarkers as (text: string, kind: string, figures: Map<string, string>, isKnown?: (key: string) => boolean) => Result;

describe('generated figures', () => {
  const figures = new Map([['entry:@symbiont/core', 'ky + 7.3 KB'], ['ky', '8.9 KB']]);

  it('a current figure passes and is left as it is', () => {
    const text = '| core | <!-- size:entry:@symbiont/core -->ky + 7.3 KB<!-- /size --> | ky <!-- size:ky -->8.9 KB<!-- /size -->';
    expect(replace(text, 'size', figures)).toEqual({ out: text, stale: [], unknown: [] });
  });

  it('a stale figure is reported with its old and new value, and rewritten', () => {
    const { out, stale, unknown } = replace('a <!-- size:entry:@symbiont/core -->ky + 7.1 KB<!-- /size --> b', 'size', figures);
    expect(stale).toEqual(['entry:@symbiont/core: "ky + 7.1 KB" → "ky + 7.3 KB"']);
    expect(unknown).toEqual([]);
    expect(out).toBe('a <!-- size:entry:@symbiont/core -->ky + 7.3 KB<!-- /size --> b');
    expect(replace(out, 'size', figures).stale).toEqual([]);
  });

  it('an unknown key is reported, not rewritten; a known key without a figure this run is left alone', () => {
    const text = '<!-- size:entry:@symbiont/nope -->1 KB<!-- /size --> <!-- runtime:bun -->1.0.0<!-- /runtime -->';
    expect(replace(text, 'size', figures).unknown).toEqual(['entry:@symbiont/nope']);
    expect(replace(text, 'runtime', new Map(), (key) => key === 'bun')).toEqual({ out: text, stale: [], unknown: [] });
  });

  it('block markers are not inline markers, and a block is replaced whole', () => {
    const text = 'intro\n<!-- size:start -->\nold\n<!-- size:end -->\nrest';
    expect(replace(text, 'size', figures)).toEqual({ out: text, stale: [], unknown: [] });
    const block = (replaceBlock as (t: string, k: string, c: string) => { out: string; changed: boolean })(text, 'size', 'new');
    expect(block).toEqual({ out: 'intro\n<!-- size:start -->\nnew\n<!-- size:end -->\nrest', changed: true });
  });
});
