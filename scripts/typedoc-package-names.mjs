// TypeDoc plugin (typedoc.json "plugin"): name each module of the API reference by the import
// specifier users write (`@symbiont/core`, `@symbiont/core/node`, `@symbiont/reviews`, …) instead
// of its path (`core/src`, `core/src/node`). The name comes from the package.json `exports` of the
// package the entry file belongs to: the subpath whose `@symbiont/source` condition is that file.
// Generic: a new package or entry needs nothing here.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Converter, ReflectionKind } from 'typedoc';

/** The specifier of `file` (absolute), from the nearest package.json's exports; undefined if none. */
export function specifierOf(file) {
  let dir = dirname(file);
  while (dir !== dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
      for (const [subpath, target] of Object.entries(pkg.exports ?? {})) {
        const source = typeof target === 'object' ? target['@symbiont/source'] : undefined;
        if (source && resolve(dir, source) === resolve(file)) return subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`;
      }
      return undefined;
    }
    dir = dirname(dir);
  }
  return undefined;
}

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    const project = context.project;
    for (const module of project.getReflectionsByKind(ReflectionKind.Module)) {
      const file = project.getSymbolIdFromReflection(module)?.fileName;
      const name = file && specifierOf(file);
      if (name) module.name = name;
      else app.logger.warn(`typedoc-package-names: no package export for module ${module.name} (${file ?? 'no file'})`);
    }
  });
}
