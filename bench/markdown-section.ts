import * as fs from 'fs';

/**
 * Replaces what lies between `<!-- <name>:start -->` and `<!-- <name>:end -->` in a Markdown file, leaving
 * the markers and everything outside them as they are. Throws when a marker is missing or out of order.
 */
export function replaceSection(file: string, name: string, body: string): void {
  const text = fs.readFileSync(file, 'utf8');
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i < 0 || j < i) throw new Error(`${file}: no ${start} ... ${end} section`);
  fs.writeFileSync(file, `${text.slice(0, i + start.length)}\n${body.trimEnd()}\n${text.slice(j)}`);
}
