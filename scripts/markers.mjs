// Generated figures in markdown: `<!-- KIND:KEY -->value<!-- /KIND -->` inline markers, and
// `<!-- KIND:start -->…<!-- KIND:end -->` blocks. Used by scripts/size.mjs (`size`) and
// scripts/runtime-figures.mjs (`runtime`); each either checks that the figures are current (CI)
// or rewrites them (`--write`).

/**
 * Replace every inline `<!-- KIND:KEY -->…<!-- /KIND -->` marker of `text` with `figures.get(KEY)`.
 * Keys not in `figures` are left alone and listed in `unknown` (unless `isKnown(key)` says they are
 * known but have no figure this run); `stale` lists `key: "old" → "new"` for each figure that changed.
 * @param {string} text
 * @param {string} kind
 * @param {Map<string, string>} figures
 * @param {(key: string) => boolean} [isKnown]
 * @returns {{ out: string, stale: string[], unknown: string[] }}
 */
export function replaceMarkers(text, kind, figures, isKnown = (key) => figures.has(key)) {
  const stale = [];
  const unknown = [];
  const marker = new RegExp(`<!-- ${kind}:(?!start -->|end -->)([^\\s>]+) -->([\\s\\S]*?)<!-- /${kind} -->`, 'g');
  const out = text.replace(marker, (whole, key, current) => {
    if (!figures.has(key)) {
      if (!isKnown(key)) unknown.push(key);
      return whole;
    }
    const value = figures.get(key);
    if (value !== current) stale.push(`${key}: ${JSON.stringify(current)} → ${JSON.stringify(value)}`);
    return `<!-- ${kind}:${key} -->${value}<!-- /${kind} -->`;
  });
  return { out, stale, unknown };
}

/**
 * Replace the content between `<!-- KIND:start -->` and `<!-- KIND:end -->` with `content`
 * (appending the block under `heading` when the markers are missing).
 * @returns {{ out: string, changed: boolean }}
 */
export function replaceBlock(text, kind, content, heading = '') {
  const start = `<!-- ${kind}:start -->`;
  const end = `<!-- ${kind}:end -->`;
  let doc = text;
  if (!doc.includes(start) || !doc.includes(end)) doc += `\n${heading ? `${heading}\n\n` : ''}${start}\n${end}\n`;
  const out = doc.slice(0, doc.indexOf(start) + start.length) + `\n${content}\n` + doc.slice(doc.indexOf(end));
  return { out, changed: out !== text };
}
