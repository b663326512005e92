/**
 * Running the tool over files: read, process, then print a diff, write in place
 * (atomically, keeping the mode) or only check. One bad file never stops the others.
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

export type Mode = 'diff' | 'write' | 'check';

export interface RunOptions extends EngineOptions {
  mode: Mode;
  cwd: string;
  /** Build context for every file (else: compose's, else the Dockerfile's folder). */
  context?: string | null;
  color?: boolean;
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
  await initShellParser();
  const selected = selectTransforms(transforms, options);
  const found = discover(paths.length ? paths : ['.'], options.cwd);
  const results: FileResult[] = [];
  const readErrors = [...found.errors];
  const written: string[] = [];
  for (const f of found.files) {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(f.abs);
    } catch (e) {
      readErrors.push({ display: f.display, message: `cannot read: ${(e as Error).message}` });
      continue;
    }
    const result = processFile(
      { display: f.display, bytes, context: contextFor(f, options) },
      selected,
      options,
    );
    if (f.contextConflict) result.notes.push({ transform: 'context', line: 0, message: f.contextConflict });
    results.push(result);
    if (result.status === 'changed' && result.output) {
      if (options.mode === 'diff') {
        io.out(
          unifiedDiff(
            f.display,
            Buffer.from(bytes).toString('utf8'),
            result.output.toString('utf8'),
            options.color,
          ),
        );
      } else if (options.mode === 'write') {
        try {
          writeFileAtomic.sync(f.abs, result.output);
          written.push(f.display);
        } catch (e) {
          result.status = 'failed';
          result.error = { message: `cannot write: ${(e as Error).message}` };
        }
      }
    }
  }
  const failed = results.some((r) => r.status === 'failed') || readErrors.length > 0;
  const changed = results.some((r) => r.status === 'changed');
  const exitCode = failed ? 2 : options.mode === 'check' && changed ? 1 : 0;
  return { results, readErrors, written, exitCode };
}

function contextFor(f: FoundFile, options: RunOptions): BuildContext | null {
  if (options.context) return new FsBuildContext(path.resolve(options.cwd, options.context), f.abs);
  if (f.contextConflict) return null;
  return new FsBuildContext(f.context ?? path.dirname(f.abs), f.abs);
}

export { displayPath };
