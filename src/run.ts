/**
 * Running the tool over files: read, process, then print a diff, write in place
 * (atomically, keeping the mode) or only check. One bad file never stops the others.
 * Large runs process the files in worker threads (see pool.ts); what comes out — diff
 * order, report, written files, exit code — is the same as in one thread.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { FsBuildContext, type BuildContext } from './context';
import { discover, displayPath, type FoundFile } from './discover';
import { unifiedDiff } from './diff';
import { processFile, selectTransforms, type FileResult } from './engine';
import { initShellParser } from './shell';
import type { EngineOptions, Transform } from './transform';
import { TRANSFORMS } from '../transforms';
import { poolSize, processInPool } from './pool';

export type Mode = 'diff' | 'write' | 'check';

export interface RunOptions extends EngineOptions {
  mode: Mode;
  cwd: string;
  /** Build context for every file (else: compose's, else the Dockerfile's folder). */
  context?: string | null;
  color?: boolean;
  /**
   * Worker threads: 1 processes the files in this thread; more uses a pool of that many.
   * Default: one per CPU when there are many files (see poolThreshold in pool.ts).
   */
  jobs?: number;
  /**
   * Keep of each result only what the report needs once the file is handled: its input
   * and output bytes become empty and its fixes lose their edits. (The CLI sets it: a run
   * over thousands of files otherwise holds every file twice until it ends.)
   */
  lean?: boolean;
}

export interface RunSummary {
  results: FileResult[];
  /** Files that could not even be read (or paths that do not exist). */
  readErrors: { display: string; message: string }[];
  written: string[];
  exitCode: number;
}

export interface Output {
  out(s: string): void;
  err(s: string): void;
}

/** What processing one found file gives: it could not be read, or its result (and diff, in diff mode). */
export type Outcome = { readError: string } | { result: FileResult; diff?: string };

export async function run(
  paths: string[],
  options: RunOptions,
  io: Output,
  transforms: Transform[] = TRANSFORMS,
): Promise<RunSummary> {
  const selected = selectTransforms(transforms, options);
  const found = discover(paths.length ? paths : ['.'], options.cwd);
  const results: FileResult[] = [];
  const readErrors = [...found.errors];
  const written: string[] = [];
  const write = (f: FoundFile, result: FileResult) => {
    try {
      writeFileAtomic.sync(f.abs, result.output!);
      written.push(f.display);
    } catch (e) {
      result.status = 'failed';
      result.error = { message: `cannot write: ${(e as Error).message}` };
    }
    if (options.lean) result.output = EMPTY;
  };
  // the worker runs the registered transforms: a caller's own list stays in this thread
  const jobs = transforms === TRANSFORMS ? poolSize(options.jobs, found.files.length) : 1;
  // with workers still reading build contexts, writes wait until all files are processed
  const deferred: [FoundFile, FileResult][] = [];
  // called in file order, whichever thread processed the file
  const take = (f: FoundFile, o: Outcome) => {
    if ('readError' in o) {
      readErrors.push({ display: f.display, message: o.readError });
      return;
    }
    const { result } = o;
    results.push(result);
    if (result.status !== 'changed' || !result.output) return;
    if (options.mode === 'diff') io.out(o.diff ?? '');
    else if (options.mode === 'write') {
      if (jobs > 1) deferred.push([f, result]);
      else write(f, result);
    }
  };
  if (jobs > 1) {
    await processInPool(found.files, options, jobs, take, selected);
    for (const [f, result] of deferred) write(f, result);
  } else {
    await initShellParser();
    for (const f of found.files) take(f, processOne(f, selected, options));
  }
  const failed = results.some((r) => r.status === 'failed') || readErrors.length > 0;
  const changed = results.some((r) => r.status === 'changed');
  const exitCode = failed ? 2 : options.mode === 'check' && changed ? 1 : 0;
  return { results, readErrors, written, exitCode };
}

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

const EMPTY = Buffer.alloc(0);

function contextFor(f: FoundFile, options: RunOptions): BuildContext | null {
  if (options.context) return new FsBuildContext(path.resolve(options.cwd, options.context), f.abs);
  if (f.contextConflict) return null;
  return new FsBuildContext(f.context ?? path.dirname(f.abs), f.abs);
}

export { displayPath };
