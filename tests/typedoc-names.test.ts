// The API reference names each module by its import specifier (scripts/typedoc-package-names.mjs),
// and typedoc.json lists every entry of every package (an entry left out has no reference).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error a plain .mjs module without types
import { specifierOf } from '../scripts/typedoc-package-names.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));

describe('API reference module names', () => {
  it('names an entry file by its package and subpath', () => {
    expect(specifierOf(join(root, 'packages/core/src/index.ts'))).toBe('@symbiont/core');
    expect(specifierOf(join(root, 'packages/core/src/node.ts'))).toBe('@symbiont/core/node');
    expect(specifierOf(join(root, 'packages/core/src/kernel/index.ts'))).toBe('@symbiont/core/kernel');
    expect(specifierOf(join(root, 'packages/reviews/src/index.ts'))).toBe('@symbiont/reviews');
    expect(specifierOf(join(root, 'packages/core/src/errors.ts'))).toBeUndefined();
  });

  it('typedoc.json lists every exported entry of every package, each with a package name', () => {
    const config = JSON.parse(readFileSync(join(root, 'typedoc.json'), 'utf8')) as { entryPoints: string[] };
    const listed = new Set(config.entryPoints.map((file) => specifierOf(join(root, file))));
    expect(listed.has(undefined)).toBe(false);
    const expected: string[] = [];
    for (const dir of readdirSync(join(root, 'packages'))) {
      const manifest = join(root, 'packages', dir, 'package.json');
      if (!existsSync(manifest)) continue;
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name: string; private?: boolean; exports?: Record<string, unknown> };
      if (pkg.private) continue;
      for (const subpath of Object.keys(pkg.exports ?? {})) {
        if (subpath !== './package.json') expected.push(subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`);
      }
    }
    expect([...listed].sort()).toEqual(expected.sort());
  });
});
