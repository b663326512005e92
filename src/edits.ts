/**
 * Text edits on the original source, and the primitives transforms build them from.
 * Every primitive keeps the file's line endings, escape character, indentation and
 * keyword case, and never deletes a comment line it does not have to.
 */
import type { DockerfileDoc, Instruction, RunInfo } from './dockerfile';
import type { ShellCommand } from './shell';

/** A start/end offset pair (shell words, ENV pairs, JSON strings). */
export interface Span {
  start: number;
  end: number;
}

export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export class OverlapError extends Error {}

/** Edits sorted by position; throws {@link OverlapError} when two edits overlap. */
export function sortEdits(edits: TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) {
    const [p, c] = [sorted[i - 1], sorted[i]];
    // two insertions at one point are ambiguous too
    if (c.start < p.end || (c.start === p.start && p.start === p.end && c.start === c.end)) {
      throw new OverlapError(`overlapping edits at offsets ${p.start}-${p.end} and ${c.start}-${c.end}`);
    }
  }
  return sorted;
}

export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = sortEdits(edits);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    out += text.slice(pos, e.start) + e.text;
    pos = e.end;
  }
  return out + text.slice(pos);
}

export function editsOverlap(a: TextEdit[], b: TextEdit[]): boolean {
  try {
    sortEdits([...a, ...b]);
    return false;
  } catch (e) {
    if (e instanceof OverlapError) return true;
    throw e;
  }
}

/**
 * A keyword written in the file's case style: all-lowercase files get lowercase keywords,
 * all-title-case files (`From`, `Run`) title-case ones, any other file uppercase.
 */
export function keyword(doc: DockerfileDoc, kw: string): string {
  const words = doc.instructions.map((i) => i.ast.getInstruction());
  const title = (w: string) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase();
  if (words.length && words.every((w) => w === w.toLowerCase())) return kw.toLowerCase();
  if (words.length && words.every((w) => w === title(w) && w !== w.toUpperCase())) return title(kw);
  return kw.toUpperCase();
}

/** Inserts whole instruction lines before an instruction (above the comments attached to it). */
export function insertLinesBefore(doc: DockerfileDoc, instrIndex: number, lines: string[]): TextEdit {
  const at = doc.anchorBefore(instrIndex);
  return { start: at, end: at, text: lines.map((l) => l + doc.eol).join('') };
}

/** Inserts whole instruction lines after an instruction. */
export function insertLinesAfter(doc: DockerfileDoc, instrIndex: number, lines: string[]): TextEdit {
  const ins = doc.instructions[instrIndex];
  const lineEnd = doc.lines.lineEnd(ins.endLine);
  const atEof = doc.lines.lineEndWithEol(ins.endLine) === lineEnd;
  if (atEof) return { start: lineEnd, end: lineEnd, text: lines.map((l) => doc.eol + l).join('') };
  const at = doc.lines.lineEndWithEol(ins.endLine);
  return { start: at, end: at, text: lines.map((l) => l + doc.eol).join('') };
}

/** Deletes an instruction's lines (not the comments above it). */
export function deleteInstruction(doc: DockerfileDoc, instrIndex: number): TextEdit {
  const ins = doc.instructions[instrIndex];
  const start = doc.lines.lineStart(ins.line);
  const end = doc.lines.lineEndWithEol(ins.endLine);
  if (end === doc.lines.lineEnd(ins.endLine) && start > 0) {
    // last line without a final newline: take the previous line break instead
    return { start: start - (doc.text[start - 2] === '\r' ? 2 : 1), end, text: '' };
  }
  return { start, end, text: '' };
}

/** The last line of the RUN's command part (the heredoc marker line for heredoc RUNs). */
function commandLastLine(ins: Instruction, info: RunInfo): number {
  return info.heredocs.length ? info.heredocs[0].markerLine : ins.endLine;
}

/**
 * Adds `--mount=` flags right after the existing flags, before the command, heredoc
 * marker or exec-form JSON. A RUN whose command spans several lines gets each mount on
 * its own continuation line, in the file's escape character and indentation.
 */
export function insertRunFlags(
  doc: DockerfileDoc,
  ins: Instruction,
  info: RunInfo,
  flags: string[],
): TextEdit {
  const at = info.bodyStart;
  const multiline = commandLastLine(ins, info) > ins.line;
  if (!multiline) return { start: at, end: at, text: flags.map((f) => `${f} `).join('') };
  const bodyLine = doc.lines.lineOf(at);
  const bodyLineStart = doc.lines.lineStart(bodyLine);
  const ownLine = bodyLine > ins.line && /^[ \t]*$/.test(doc.text.slice(bodyLineStart, at));
  const indent = ownLine ? doc.text.slice(bodyLineStart, at) : (info.indent ?? '    ');
  return { start: at, end: at, text: flags.map((f) => `${f} ${doc.escape}${doc.eol}${indent}`).join('') };
}

/**
 * Removes one word of a command (a flag such as `--no-cache-dir`), with the blank before
 * it; a word alone on a continuation line takes its line with it.
 */
export function removeWord(doc: DockerfileDoc, words: readonly Span[], index: number): TextEdit {
  const word = words[index];
  const prev = words[index - 1];
  const next = words[index + 1];
  const text = doc.text;
  if (!prev) {
    if (!next) throw new Error('cannot remove the only word of a command');
    return { start: word.start, end: next.start, text: '' };
  }
  const gapBefore = text.slice(prev.end, word.start);
  if (!gapBefore.includes('\n')) return { start: prev.end, end: word.end, text: '' };
  // the word starts a continuation line
  if (next && !text.slice(word.end, next.start).includes('\n'))
    return { start: word.start, end: next.start, text: '' };
  // alone on its line and the command continues below: the line goes
  const line = doc.lines.lineOf(word.start);
  const rest = text.slice(word.end, doc.lines.lineEnd(line)).trim();
  if (next && rest === doc.escape)
    return { start: doc.lines.lineStart(line), end: doc.lines.lineEndWithEol(line), text: '' };
  return { start: prev.end, end: word.end, text: '' };
}

/** Removes a `VAR=value` prefix of a command. */
export function removeAssignment(cmd: ShellCommand, index: number): TextEdit {
  const a = cmd.assigns[index];
  const next = cmd.assigns[index + 1]?.start ?? cmd.argv[0]?.start;
  if (next === undefined) throw new Error('assignment without command');
  return { start: a.start, end: next, text: '' };
}

/**
 * Deletions that overlap, merged. Two commands removed from the end of a statement sequence
 * (`apt-get clean` then `rm -rf /var/lib/apt/lists/*` as the last lines of a heredoc, or
 * `...; apt-get clean; rm -rf ...` with `;`) get overlapping spans: the first reaches to the start
 * of the second, the second starts where the statement before it ends. Together they remove
 * everything from the end of the statement before the first, so nothing dangles (no empty line,
 * no `; \` left to join the next instruction). A deletion inside another is dropped.
 */
export function mergeDeletions(text: string, edits: TextEdit[]): TextEdit[] {
  const dels = edits.filter((e) => e.text === '' && e.end > e.start).sort((a, b) => a.start - b.start);
  const out: TextEdit[] = [];
  for (const e of dels) {
    const last = out[out.length - 1];
    if (!last || e.start >= last.end) {
      out.push({ ...e });
      continue;
    }
    if (e.end <= last.end) continue;
    let start = last.start;
    while (start > 0 && /[ \t\r\n;\\]/.test(text[start - 1])) start--;
    out[out.length - 1] = { start, end: e.end, text: '' };
  }
  return [...edits.filter((e) => !(e.text === '' && e.end > e.start)), ...out];
}

/** Removes a whole command with one connector, when the shell structure allows it. */
export function removeCommand(doc: DockerfileDoc, cmd: ShellCommand): TextEdit[] | null {
  if (!cmd.removal) return null;
  const { start, end } = cmd.removal;
  const whole = [{ start, end, text: '' }];
  // comment lines between the command before and this last one are the author's
  // (`tzdata \`, `# also install libcurl4`, `&& rm -r /var/lib/apt/lists/*`): they stay, and
  // only the continuation before them and the command's own lines go
  const lines = doc.lines;
  const first = lines.lineOf(start);
  const last = lines.lineOf(end);
  let lastComment = -1;
  for (let l = first + 1; l < last; l++) {
    const t = lines.lineText(l);
    if (/^[ \t]*#/.test(t)) lastComment = l;
    else if (lastComment < 0 && /\S/.test(t)) return whole;
  }
  if (lastComment < 0) return whole;
  const continuation = doc.text.slice(start, lines.lineEnd(first));
  const after = doc.text.slice(end, lines.lineEnd(last));
  if (continuation.trim() !== doc.escape || after.trim() !== '') return whole;
  return [
    { start, end: lines.lineEnd(first), text: '' },
    { start: lines.lineEnd(lastComment), end, text: '' },
  ];
}
