/**
 * One file of a run, read and processed but not written: the part a worker thread does
 * (this module, unlike run.ts, does not load discovery or writing).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FsBuildContext, type BuildContext } from './context';
import type { FoundFile } from './discover';
import { unifiedDiff } from './diff';
import { processFile, type FileResult } from './engine';
import type { RunOptions } from './run';
import type { Transform } from './transform';

/** What processing one found file gives: it could not be read, or its result (and diff, in diff mode). */
export type Outcome = { readError: string } | { result: FileResult; diff?: string };

/** Reads and processes one file (no writing): the part of a run a worker thread can do. */
export function processOne(f: FoundFile, transforms: Transform[], options: RunOptions): Outcome {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(f.abs);
  } catch (e) {
    return { readError: `cannot read: ${(e as Error).message}` };
  }
  const result = processFile(
    { display: f.display, bytes, context: contextFor(f, options) },
    transforms,
    options,
  );
  if (f.contextConflict) result.notes.push({ transform: 'context', line: 0, message: f.contextConflict });
  const diff =
    options.mode === 'diff' && result.status === 'changed' && result.output
      ? unifiedDiff(
          f.display,
          Buffer.from(bytes).toString('utf8'),
          result.output.toString('utf8'),
          options.color,
        )
      : undefined;
  // the output waits for its write; nothing else reads the bytes or the edits again
  if (options.lean) {
    result.input = EMPTY;
    if (result.output && options.mode !== 'write') result.output = EMPTY;
    result.fixes = result.fixes.map((x) => ({ ...x, edits: [] }));
  }
  return diff === undefined ? { result } : { result, diff };
}

/** What a lean result's bytes become. */
export const EMPTY = Buffer.alloc(0);

function contextFor(f: FoundFile, options: RunOptions): BuildContext | null {
  if (options.context) return new FsBuildContext(path.resolve(options.cwd, options.context), f.abs);
  if (f.contextConflict) return null;
  return new FsBuildContext(f.context ?? path.dirname(f.abs), f.abs);
}
