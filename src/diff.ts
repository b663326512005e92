/** Unified diffs in the form `git apply` and `patch -p1` take. */
import { structuredPatch } from 'diff';

const COLORS = { del: '\x1b[31m', add: '\x1b[32m', hunk: '\x1b[36m', head: '\x1b[1m', reset: '\x1b[0m' };

export function unifiedDiff(display: string, before: string, after: string, color = false): string {
  if (before === after) return '';
  const patch = structuredPatch(`a/${display}`, `b/${display}`, before, after, '', '', { context: 3 });
  const paint = (kind: keyof typeof COLORS, s: string) => (color ? COLORS[kind] + s + COLORS.reset : s);
  const out: string[] = [
    paint('head', `diff --git a/${display} b/${display}`),
    paint('head', `--- a/${display}`),
    paint('head', `+++ b/${display}`),
  ];
  for (const h of patch.hunks) {
    const range = (start: number, lines: number) =>
      lines === 1 ? `${start}` : `${lines === 0 ? start : start},${lines}`;
    out.push(paint('hunk', `@@ -${range(h.oldStart, h.oldLines)} +${range(h.newStart, h.newLines)} @@`));
    for (const l of h.lines) {
      if (l.startsWith('-')) out.push(paint('del', l));
      else if (l.startsWith('+')) out.push(paint('add', l));
      else out.push(l);
    }
  }
  return out.join('\n') + '\n';
}
