/**
 * The engine: runs the transforms in sequence, each on the re-parsed output of the one
 * before. A transform's fixes are applied together; if the result does not parse, or its
 * instructions are not exactly the ones the fixes said they would add and remove, that
 * transform's changes are dropped for the file and reported. Nothing here touches disk.
 */
import { DockerfileDoc, findSyntaxError, ParseError } from './dockerfile';
import { applyEdits, OverlapError, sortEdits, editsOverlap, type TextEdit } from './edits';
import { StageModel } from './stage';
import { countNewlines, decodeSource, encodeSource, DecodeError, type LineIndex } from './text';
import type { BuildContext } from './context';
import type { EngineOptions, Fix, Note, Transform, TransformContext } from './transform';

export interface FileInput {
  /** Path as shown to the user. */
  display: string;
  bytes: Uint8Array;
  context?: BuildContext | null;
}

export interface FileResult {
  display: string;
  status: 'changed' | 'unchanged' | 'failed';
  input: Uint8Array;
  /** Output bytes (equal to the input when unchanged; absent when failed). */
  output?: Buffer;
  fixes: Fix[];
  notes: Note[];
  error?: { message: string; line?: number };
}

export class TransformBugError extends Error {}

export function selectTransforms(all: Transform[], options: EngineOptions): Transform[] {
  const known = new Set(all.map((t) => t.id));
  for (const id of [...(options.only ?? []), ...(options.skip ?? [])]) {
    if (!known.has(id)) throw new Error(`unknown transform "${id}" (known: ${[...known].join(', ')})`);
  }
  return all.filter(
    (t) =>
      (!options.only || options.only.includes(t.id)) &&
      !(options.skip ?? []).includes(t.id) &&
      !(t.id === 'syntax-directive' && options.syntax === false),
  );
}

/** The stage model of the latest document asked for (one per file). */
class Models {
  private doc: DockerfileDoc | null = null;
  private model: StageModel | null = null;
  of(doc: DockerfileDoc): StageModel {
    if (this.doc !== doc || !this.model) {
      this.doc = doc;
      this.model = new StageModel(doc);
    }
    return this.model;
  }
}

/**
 * What a transform is given. A class rather than an object literal with a `get model()`:
 * V8 gives each such literal a hidden class of its own, kept in old space until the next
 * full collection, and through the getter's closure it held the whole file's documents
 * and models alive past every young-generation collection (a fifth of all the memory the
 * tool allocated was promoted, and collected only by full collections).
 */
class Context implements TransformContext {
  constructor(
    readonly doc: DockerfileDoc,
    private readonly models: Models,
    readonly options: EngineOptions,
    readonly file: string,
    readonly context: BuildContext | null,
  ) {}
  get model(): StageModel {
    return this.models.of(this.doc);
  }
}

/** Runs the transforms over one file's bytes. Never throws for bad input (only for transform bugs in strict mode). */
export function processFile(input: FileInput, transforms: Transform[], options: EngineOptions): FileResult {
  const base = { display: input.display, input: input.bytes, fixes: [] as Fix[], notes: [] as Note[] };
  let src;
  try {
    src = decodeSource(input.bytes);
  } catch (e) {
    if (e instanceof DecodeError)
      return { ...base, status: 'failed', error: { message: e.message, line: e.line } };
    throw e;
  }
  let doc = new DockerfileDoc(src.text, src.eol);
  const bad = findSyntaxError(doc);
  if (bad) return { ...base, status: 'failed', error: { message: bad.message, line: bad.line } };

  const fixes: Fix[] = [];
  const notes: Note[] = [];
  // edits applied so far, newest last: to report lines of the original file
  const history: { doc: DockerfileDoc; edits: TextEdit[] }[] = [];
  const originalLines = doc.lines;
  // a line the tool inserted maps to where it was inserted, flagged `added`
  const originalLine = (line: number, at: DockerfileDoc) => toOriginalLine(line, at, history, originalLines);
  // and so do the lines a message names (`stays after \`COPY . .\` (line 5)`)
  const mapText = (message: string, at: DockerfileDoc): string =>
    history.length
      ? message.replace(
          /\b(lines? )(\d+(?:(?:, | and )\d+)*)/g,
          (_, word: string, nums: string) =>
            word +
            nums.replace(/\d+/g, (n) => {
              const m = originalLine(Number(n), at);
              return m.added ? `${m.line} (new)` : String(m.line);
            }),
        )
      : message;
  const mapped = <T extends { line: number; message: string }>(x: T, at: DockerfileDoc): T => {
    const m = originalLine(x.line, at);
    const message = mapText(x.message, at);
    return m.added ? { ...x, line: m.line, added: m.added, message } : { ...x, line: m.line, message };
  };
  // the stage model of the current document, built when a transform first asks; a
  // transform that changes nothing leaves the document, and so its model, to the next
  const models = new Models();
  for (const t of transforms) {
    const current = doc;
    const ctx = new Context(current, models, options, input.display, input.context ?? null);
    let result;
    try {
      result = t.apply(ctx);
    } catch (e) {
      if (options.strict) throw e;
      notes.push({
        transform: t.id,
        line: 0,
        message: `internal error, no changes made: ${(e as Error).message}`,
      });
      continue;
    }
    notes.push(...result.notes.map((n) => mapped(n, current)));
    const chosen: Fix[] = [];
    for (const f of result.fixes) {
      if (f.safety === 'unsafe' && !options.unsafe) {
        notes.push({
          transform: t.id,
          line: originalLine(f.line, current).line,
          message: `not applied without --unsafe: ${mapText(f.message, current)}`,
        });
        continue;
      }
      if (!f.edits.length) continue;
      if (chosen.some((c) => editsOverlap(c.edits, f.edits))) {
        if (options.strict) throw new TransformBugError(`${t.id}: overlapping fixes at line ${f.line}`);
        notes.push({
          transform: t.id,
          line: originalLine(f.line, current).line,
          message: `skipped (conflicts with another change): ${mapText(f.message, current)}`,
        });
        continue;
      }
      try {
        sortEdits(f.edits);
      } catch (e) {
        if (options.strict || !(e instanceof OverlapError)) throw e;
        notes.push({
          transform: t.id,
          line: originalLine(f.line, current).line,
          message: `skipped (internal conflict): ${mapText(f.message, current)}`,
        });
        continue;
      }
      chosen.push(f);
    }
    if (!chosen.length) continue;
    const edits = chosen.flatMap((f) => f.edits);
    const text = applyEdits(current.text, edits);
    if (text === current.text) continue;
    const next = current.edited(text, edits);
    const problem = verify(current, next, chosen);
    if (problem) {
      if (options.strict) throw new TransformBugError(`${t.id}: ${problem}`);
      notes.push({ transform: t.id, line: 0, message: `changes dropped for this file: ${problem}` });
      continue;
    }
    fixes.push(...chosen.map((f) => mapped(f, current)));
    history.push({ doc: current, edits });
    doc = next;
  }
  const output = encodeSource({ text: doc.text, bom: src.bom });
  const changed = doc.text !== src.text;
  return { ...base, status: changed ? 'changed' : 'unchanged', output, fixes, notes };
}

/** Checks a transform's output: it parses, and its instructions are the old ones plus/minus what the fixes declared. */
function verify(before: DockerfileDoc, after: DockerfileDoc, fixes: Fix[]): string | null {
  const err: ParseError | null = findSyntaxError(after);
  if (err) return `the result does not parse (line ${err.line}: ${err.message})`;
  const count = new Map<string, number>();
  const bump = (k: string, n: number) => count.set(k, (count.get(k) ?? 0) + n);
  for (const i of before.instructions) bump(i.keyword, 1);
  for (const f of fixes) {
    for (const k of f.adds ?? []) bump(k, 1);
    for (const k of f.removes ?? []) bump(k, -1);
  }
  for (const i of after.instructions) bump(i.keyword, -1);
  for (const [k, n] of count) {
    if (n !== 0) return `the result has ${n > 0 ? 'fewer' : 'more'} ${k} instructions than intended`;
  }
  const esc = (d: DockerfileDoc) => d.escape;
  if (esc(before) !== esc(after)) return 'the escape directive changed';
  if (after.loneCrs > before.loneCrs) return 'the result has a carriage return that ends no line';
  return null;
}

/**
 * The 1-based line of the original text that a line of a later text comes from: edits are
 * undone newest first; a line inside inserted text maps to where it was inserted.
 */
function toOriginalLine(
  line: number,
  at: DockerfileDoc,
  history: { doc: DockerfileDoc; edits: TextEdit[] }[],
  original: LineIndex,
): { line: number; added: number } {
  if (line <= 0 || !history.length) return { line, added: 0 };
  // 0: an original line; k: the k-th line of text inserted at the mapped place
  let added = 0;
  let offset = at.lines.lineStart(Math.min(line - 1, at.lines.lineCount - 1));
  for (let k = history.length - 1; k >= 0; k--) {
    let shift = 0;
    let mapped: number | null = null;
    for (const e of sortEdits(history[k].edits)) {
      const newStart = e.start + shift;
      const newEnd = newStart + e.text.length;
      if (offset < newStart) break;
      if (offset < newEnd) {
        mapped = e.start;
        // text inserted mid-line starts with the rest of that line, not a line of its own
        const atLineStart = e.start === 0 || history[k].doc.text[e.start - 1] === '\n';
        added = countNewlines(e.text.slice(0, offset - newStart)) + (atLineStart ? 1 : 0) || 1;
        break;
      }
      shift += e.text.length - (e.end - e.start);
    }
    offset = mapped ?? offset - shift;
  }
  return { line: original.lineOf(offset) + 1, added };
}
