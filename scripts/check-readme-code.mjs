// Type-check every ```ts block of README.md and packages/*/README.md against the real packages,
// so the documentation cannot drift from the API. Each block becomes its own module. A block may
// use, without importing or declaring them, any function of the SDK (as if an earlier block had
// imported it) and the few names READMEs share between blocks (`ctx`, `tool`, `session`, …).
//   node --conditions=@symbiont/source scripts/check-readme-code.mjs   (exit 1 on any type error)
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, '.cache/readme-code');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const readmes = ['README.md', ...readdirSync(join(root, 'packages')).map((p) => `packages/${p}/README.md`)]
  .filter((file) => { try { readFileSync(join(root, file)); return true; } catch { return false; } });

// Every runtime export of every package, so a block may use a function a previous block imported.
const packages = ['core', 'reviews', 'secrets', 'mcp', 'knowledge', 'dsl', 'messaging', 'schedules', 'approvals', 'channels', 'webhooks', 'chat'];
const exported = new Map();
for (const name of packages) {
  for (const key of Object.keys(await import(`@symbiont/${name}`))) if (!exported.has(key)) exported.set(key, `@symbiont/${name}`);
}
// Names a block may use from an earlier block of the same README, with their types.
const ambient = {
  ctx: "import('@symbiont/core').Context",
  tool: "import('@symbiont/reviews').Tool",
  session: "import('@symbiont/reviews').ReviewSession",
  signedTool: "import('@symbiont/reviews').SignedTool",
  reviewId: 'string',
};

const files = [];
for (const readme of readmes) {
  const text = readFileSync(join(root, readme), 'utf8');
  const blocks = [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
  blocks.forEach((block, i) => {
    const imported = new Set([...block.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}/g)].flatMap((m) => m[1].split(',').map((n) => n.trim().replace(/^type\s+/, '').split(/\s+as\s+/).pop())));
    const declared = new Set([...block.matchAll(/(?:const|let|var|function|class)\s+(\w+)/g)].map((m) => m[1]));
    for (const m of block.matchAll(/(?:const|let|var)\s+\{([^}]*)\}/g)) for (const n of m[1].split(',')) declared.add(n.trim().split(':').pop().trim());
    const preamble = [];
    const byModule = new Map();
    for (const [name, from] of exported) {
      if (imported.has(name) || declared.has(name) || !new RegExp(`\\b${name}\\b`).test(block)) continue;
      byModule.set(from, [...(byModule.get(from) ?? []), name]);
    }
    for (const [from, names] of byModule) preamble.push(`import { ${names.join(', ')} } from '${from}';`);
    for (const [name, type] of Object.entries(ambient)) {
      if (!imported.has(name) && !declared.has(name) && new RegExp(`\\b${name}\\b`).test(block)) preamble.push(`declare const ${name}: ${type};`);
    }
    const file = join(out, `${readme.replace(/[/.]/g, '_')}_${i + 1}.ts`);
    writeFileSync(file, `${preamble.join('\n')}\n// ${readme}, block ${i + 1}\n${block}\nexport {};\n`);
    files.push(file);
  });
}

writeFileSync(join(out, 'tsconfig.json'), JSON.stringify({
  extends: '../../tsconfig.base.json',
  compilerOptions: { noEmit: true, types: ['node'], noUnusedLocals: false, allowUnreachableCode: true },
  include: ['./*.ts'],
}, null, 2));

try {
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(out, 'tsconfig.json')], { stdio: 'inherit' });
  console.log(`README code: ${files.length} files type-checked`);
} catch {
  console.error('README code blocks do not type-check (files in .cache/readme-code/)');
  process.exit(1);
}
