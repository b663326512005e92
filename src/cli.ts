#!/usr/bin/env node
/** The `cachify` command line. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import yargs from 'yargs';
import { MANAGERS } from './managers';
import { formatReport } from './report';
import { run, type Mode } from './run';
import { DEFAULT_OPTIONS } from './transform';
import { TRANSFORMS } from '../transforms';

/**
 * V8 settings for a run over many files, where each file is processed once and the
 * compiling is a large part of the work (each worker thread does its own):
 *
 * - `--liftoff-only`: the shell parser is WebAssembly, and by default V8 also compiles all
 *   of it again with its optimising tier in the background; the process waits for that
 *   before it exits (about 0.5 s of a 0.7 s run over one file). The baseline code parses as
 *   fast here (npm run bench: the same wall time, 6% less CPU).
 * - `--interrupt-budget` (default 67,584) and `--max-inlined-bytecode-size-cumulative`
 *   (default 920): the optimising compiler waits for functions to be hotter and inlines
 *   less into each. By default a 10,000-file run spent about a fifth of its CPU compiling
 *   on background threads (839 optimisations, 146 of them redone after a deoptimisation):
 *   free in one thread on an idle second CPU, but taken from the other worker when both
 *   CPUs work. Measured on 2 CPUs: 10,000 files 19.5 → 17.2 s with two workers (and 275 →
 *   255 MB); 3,000 files in one thread the same wall time with 20% less CPU; 10,000 files
 *   with `--jobs 1` 6% slower (its code is a little less optimised).
 * - `--no-parallel-scavenge`: a young-generation collection in one worker otherwise hands
 *   parts of its work to helper threads, which with both CPUs busy wait for the other
 *   worker's CPU. Measured on 2 CPUs, 10,000 files, two workers, runs alternated: median
 *   19.1 → 17.9 s (and 34.9 → 33.7 s of CPU); 3,000 files in one thread unchanged.
 *   (Read at each collection, so it can be set after start, unlike the other GC settings.)
 */
const V8_FLAGS = [
  '--liftoff-only',
  '--interrupt-budget=300000',
  '--max-inlined-bytecode-size-cumulative=100',
  '--no-parallel-scavenge',
];

/** `--only a,b --only c` → [a, b, c]. */
const list = (v: string | string[] | undefined): string[] | undefined =>
  v === undefined
    ? undefined
    : [v]
        .flat()
        .flatMap((x) => String(x).split(','))
        .map((x) => x.trim())
        .filter(Boolean);

function packageVersion(): string {
  // dist/src/cli.js -> package.json two folders up (src/cli.ts under ts-jest: one up)
  for (const rel of ['../../package.json', '../package.json']) {
    try {
      return (JSON.parse(readFileSync(path.join(__dirname, rel), 'utf8')) as { version: string }).version;
    } catch {
      /* try the next */
    }
  }
  return 'unknown';
}

export async function main(
  argv: string[],
  io = { out: (s: string) => process.stdout.write(s), err: (s: string) => process.stderr.write(s) },
): Promise<number> {
  const parser = yargs(argv)
    .scriptName('cachify')
    .usage(
      '$0 [paths..]\n\nRewrites Dockerfiles so BuildKit keeps caches. Dry run by default: prints a unified diff.',
    )
    .positional('paths', {
      type: 'string',
      array: true,
      describe: 'Dockerfiles or folders to search (default: .)',
    })
    .option('write', {
      alias: 'w',
      type: 'boolean',
      describe: 'write the changes in place (atomically)',
    })
    .option('check', {
      type: 'boolean',
      describe: 'write nothing; exit 1 when a Dockerfile would change',
    })
    .option('only', {
      type: 'string',
      describe: 'run only these transforms (comma-separated ids)',
    })
    .option('skip', { type: 'string', describe: 'skip these transforms (comma-separated ids)' })
    .option('syntax', {
      type: 'string',
      default: DEFAULT_OPTIONS.syntax as string,
      describe: 'value of the syntax directive to add',
    })
    .option('no-syntax', {
      type: 'boolean',
      default: false,
      describe: 'never add a # syntax= line (air-gapped or pinned builders)',
    })
    .option('cache-id-prefix', { type: 'string', describe: 'put id=<prefix>-<cache> on every cache mount' })
    .option('context', {
      type: 'string',
      describe: 'build context folder (default: compose build.context, else the Dockerfile folder)',
    })
    .option('unsafe', {
      type: 'boolean',
      default: false,
      describe: 'also apply changes the tool cannot prove safe',
    })
    .option('list', {
      type: 'boolean',
      default: false,
      describe: 'list the transforms and package managers, then exit',
    })
    .option('jobs', {
      alias: 'j',
      type: 'number',
      describe: 'worker threads (1: none; default: one per CPU when there are many files)',
    })
    .check((a) => {
      const j = a.jobs;
      if (j !== undefined && !(Number.isInteger(j) && j >= 1))
        throw new Error('--jobs must be a whole number, 1 or more');
      return true;
    })
    .option('color', { type: 'boolean', describe: 'colour the diff (default: when stdout is a terminal)' })
    .option('quiet', {
      alias: 'q',
      type: 'boolean',
      default: false,
      describe: 'report only errors and the summary',
    })
    .conflicts('write', 'check')
    .strictOptions()
    .parserConfiguration({ 'boolean-negation': false })
    .version(packageVersion())
    .help()
    .exitProcess(false)
    .fail((msg, err) => {
      throw err ?? new Error(msg);
    });
  let args;
  try {
    args = await parser.parseAsync();
  } catch (e) {
    io.err(`cachify: ${(e as Error).message}\n`);
    return 2;
  }
  if (args.help || args.version) return 0;
  if (args.list) {
    io.out('Transforms (in the order they run):\n');
    for (const t of TRANSFORMS) io.out(`  ${t.id.padEnd(22)} ${t.summary}\n`);
    io.out('\nPackage managers (cache-mounts):\n');
    for (const m of MANAGERS) io.out(`  ${m.id.padEnd(22)} ${m.summary}\n`);
    return 0;
  }
  const mode: Mode = args.write ? 'write' : args.check ? 'check' : 'diff';
  try {
    const summary = await run(
      (args._ as (string | number)[]).map(String),
      {
        ...DEFAULT_OPTIONS,
        mode,
        cwd: process.cwd(),
        syntax: args['no-syntax'] ? false : args.syntax,
        unsafe: args.unsafe,
        cacheIdPrefix: args['cache-id-prefix'] ?? null,
        only: list(args.only),
        skip: list(args.skip),
        context: args.context ?? null,
        jobs: args.jobs,
        lean: true,
        color: args.color ?? (process.stdout.isTTY === true && !process.env.NO_COLOR),
      },
      io,
    );
    io.err(formatReport(summary, mode, args.quiet));
    return summary.exitCode;
  } catch (e) {
    io.err(`cachify: ${(e as Error).message}\n`);
    return 2;
  }
}

if (require.main === module) {
  // Compiler settings, process-wide (the worker threads get them too), set by the command
  // only, not the library, and before the code they concern is compiled.
  for (const flag of V8_FLAGS) setFlagsFromString(flag);
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`cachify: ${(e as Error).stack}\n`);
      process.exitCode = 2;
    },
  );
}
