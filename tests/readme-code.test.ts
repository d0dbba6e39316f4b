// The READMEs' TypeScript blocks are type-checked against the packages, so they cannot rot.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

it('every ```ts block of every README type-checks', { timeout: 120_000 }, () => {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const result = spawnSync(process.execPath, ['--conditions=@symbiont/source', 'scripts/check-readme-code.mjs'], { cwd: root, encoding: 'utf8' });
  expect(result.stdout + result.stderr).toMatch(/README code: \d+ files type-checked/);
  expect(result.status).toBe(0);
});
