/** The human report on stderr: what each transform did per file, why it did not, and a summary. */
import type { FileResult } from './engine';
import type { RunSummary, Mode } from './run';

/**
 * One line per change and per refusal: `line 7: cache-mounts: ...`, `file: ...`; on a line
 * the tool inserted before line 5, `line 5 (new): ...`, or `line 5 (new #2): ...` for the
 * second of the lines inserted there.
 */
export function reportItems(r: Pick<FileResult, 'fixes' | 'notes'>): string[] {
  const where = (line: number, added?: number) =>
    line ? `line ${line}${added ? ` (new${added > 1 ? ` #${added}` : ''})` : ''}` : 'file';
  return [...r.fixes, ...r.notes].map((x) => `${where(x.line, x.added)}: ${x.transform}: ${x.message}`);
}

export function formatReport(summary: RunSummary, mode: Mode, quiet: boolean): string {
  const lines: string[] = [];
  for (const e of summary.readErrors) lines.push(`${e.display}: error: ${e.message}`);
  for (const r of summary.results) {
    if (r.status === 'failed') {
      lines.push(
        `${r.display}${r.error?.line ? `:${r.error.line}` : ''}: error: ${r.error?.message} (file left unchanged)`,
      );
      continue;
    }
    if (quiet) continue;
    const items = reportItems(r);
    if (!items.length) continue;
    lines.push(r.display);
    for (const i of items) lines.push(`  ${i}`);
  }
  const n = summary.results.length + summary.readErrors.length;
  const changed = summary.results.filter((r) => r.status === 'changed').length;
  const unchanged = summary.results.filter((r) => r.status === 'unchanged').length;
  const failed = n - changed - unchanged;
  const verb = mode === 'write' ? 'changed' : mode === 'check' ? 'would change' : 'changed';
  lines.push(
    `${n} file${n === 1 ? '' : 's'}: ${changed} ${verb}, ${unchanged} unchanged, ${failed} failed${mode === 'diff' && changed ? ' (dry run: nothing written; use --write)' : ''}`,
  );
  return lines.join('\n') + '\n';
}
