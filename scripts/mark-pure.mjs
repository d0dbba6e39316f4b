// Mark every top-level schema construction in models/schema files `/* @__PURE__ */`, so that
// esbuild (which does not follow valibot's @__NO_SIDE_EFFECTS__ across modules) drops the schemas
// an app does not use. Idempotent: run it after editing a models file.
//   node scripts/mark-pure.mjs packages/*/src/models.ts packages/core/src/kernel/schemas.ts
import { readFileSync, writeFileSync } from 'node:fs';

const MARK = '/* @__PURE__ */ ';
for (const file of process.argv.slice(2)) {
  const before = readFileSync(file, 'utf8');
  const after = before
    .split('\n')
    .map((line) => (/^\s*(\/?\*|\/\/|import )/.test(line) ? line : line.replace(/(?<![\w.$]|@__PURE__ \*\/ |function )\b(v\.(?!safeParse|parse|is\b)\w+|nullish|optional|knownString<[^>]*>|knownString|oneOf|enumObject|requires|Object\.freeze)\(/g, `${MARK}$1(`)))
    .join('\n');
  if (after !== before) {
    writeFileSync(file, after);
    console.log(`marked ${file}`);
  }
}
