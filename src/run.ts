/**
 * Running the tool over files: read, process, then print a diff, write in place
 * (atomically, keeping the mode) or only check. One bad file never stops the others.
 * Large runs process the files in worker threads (see pool.ts); what comes out — diff
 * order, report, written files, exit code — is the same as in one thread.
 */
import writeFileAtomic from 'write-file-atomic';
import { discover, displayPath, type FoundFile } from './discover';
import { selectTransforms, type FileResult } from './engine';
import { EarlyWorkers, poolSize } from './pool';
import { EMPTY, processOne, type Outcome } from './process-one';
import { initShellParser } from './shell';
import type { EngineOptions, Transform } from './transform';
import { TRANSFORMS } from '../transforms';

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

export async function run(
  paths: string[],
  options: RunOptions,
  io: Output,
  transforms: Transform[] = TRANSFORMS,
): Promise<RunSummary> {
  const selected = selectTransforms(transforms, options);
  // the worker runs the registered transforms: a caller's own list stays in this thread
  const pooled = transforms === TRANSFORMS;
  const early = new EarlyWorkers(options, pooled, selected);
  let found;
  try {
    found = discover(paths.length ? paths : ['.'], options.cwd, (f, n) => early.found(f, n));
  } catch (e) {
    // workers already started would keep the process alive
    early.take(0);
    throw e;
  }
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
  const jobs = pooled ? poolSize(options.jobs, found.files.length) : 1;
  const pool = early.take(jobs);
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
  if (pool) {
    await pool.finish(found.files, jobs, take);
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

export { displayPath, processOne, type Outcome };
