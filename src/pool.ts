/**
 * Processing many files in worker threads (node:worker_threads, no pool library: the work is
 * one kind of task, and what matters here — handing out batches, putting results back in
 * file order, surviving a worker that dies — fits in this short module).
 *
 * Each worker loads the engine and its WebAssembly shell parser once, then takes batches of
 * files, reads and processes them and sends the outcomes back. The calling thread receives
 * them in any order and hands them on strictly in file order, so diffs, the report, writes
 * (still done here, atomically, one at a time) and the exit code are those of one thread.
 * A worker that dies takes no file with it: its files are tried again one at a time in a
 * new worker, and a file that stops a worker on its own is processed in this thread.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FoundFile } from './discover';
import { TransformBugError } from './engine';
import { processOne, type Outcome } from './process-one';
import type { RunOptions } from './run';
import { initShellParser } from './shell';
import type { Transform } from './transform';

/**
 * From how many files a run uses workers by default. Each worker pays for its start and
 * for warming up its own JIT. On 2 CPUs (npm run bench, with the CLI's V8 settings, cli.ts)
 * two workers take 10% less wall time than one thread at 500 files (and 35% more CPU),
 * 12% less at 1,000, 20% less at 2,000 and 3,000; with more CPUs they should pay off
 * sooner (not measured here).
 */
export function poolThreshold(cpus: number): number {
  return cpus <= 2 ? 1000 : 200;
}

/** What a worker sends back for one file: an outcome, or what it threw (a transform bug in strict mode). */
export type WireOutcome = Outcome | { thrown: ThrownError };

export interface ThrownError {
  name: string;
  message: string;
  stack?: string;
}

export interface BatchRequest {
  id: number;
  files: FoundFile[];
}

export type WorkerMessage = { id: number; outcomes: WireOutcome[] } | { fatal: ThrownError };

export interface WorkerData {
  options: RunOptions;
}

/**
 * The compiled worker script beside this module, or null when there is none (under ts-jest
 * this module is TypeScript source, which a worker thread cannot load: runs stay in-thread).
 */
export function workerScript(): string | null {
  const js = path.join(__dirname, 'worker.js');
  return __filename.endsWith('.js') && fs.existsSync(js) ? js : null;
}

/** How many workers a run of `files` files uses (1: none, process in this thread). */
export function poolSize(jobs: number | undefined, files: number, cpus = os.availableParallelism()): number {
  if (files < 2 || !workerScript()) return 1;
  if (jobs !== undefined && jobs >= 1) return Math.min(Math.floor(jobs), files);
  return cpus > 1 && files > poolThreshold(cpus) ? cpus : 1;
}

export function toThrown(e: unknown): ThrownError {
  const err = e instanceof Error ? e : new Error(String(e));
  return { name: err.name, message: err.message, stack: err.stack };
}

function fromThrown(t: ThrownError, bug = t.name === 'TransformBugError'): Error {
  const err = bug ? new TransformBugError(t.message) : new Error(t.message);
  if (t.stack) err.stack = t.stack;
  return err;
}

/** Outcomes arrive with plain Uint8Arrays (structured clone): give them back their Buffers. */
function revive(o: Outcome): Outcome {
  if ('result' in o) {
    const r = o.result;
    r.input = asBuffer(r.input);
    if (r.output) r.output = asBuffer(r.output);
  }
  return o;
}

function asBuffer(u: Uint8Array): Buffer {
  return Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength);
}

interface Slot {
  worker: Worker;
  /** Batches sent and not answered: id -> file indexes. */
  inFlight: Map<number, number[]>;
}

/**
 * A worker's heap. Left to itself V8 lets each heap grow to several times what it keeps
 * alive (a worker keeps ~20 MB: code, the shell-parse cache) before it collects: capped,
 * the workers of a 10,000-file run take about half the memory. A file that needs more
 * stops its worker and is processed again in the calling thread, as without workers.
 */
const WORKER_HEAP = { maxOldGenerationSizeMb: 80, maxYoungGenerationSizeMb: 24 };

/** Batches in flight per worker: one being processed, one waiting, so a worker never idles on the round trip. */
const IN_FLIGHT = 2;

function startWorker(script: string, options: RunOptions): Worker {
  return new Worker(script, { workerData: { options } satisfies WorkerData, resourceLimits: WORKER_HEAP });
}

/**
 * Workers started while discovery is still walking the folders, once it has found enough
 * files for a pool ({@link poolSize}'s rule): each spends a good half second loading the
 * engine and compiling the shell parser, which then overlaps the rest of the walk.
 */
export class EarlyWorkers {
  private workers: Worker[] = [];
  private readonly cpus = os.availableParallelism();
  constructor(
    private readonly options: RunOptions,
    /** Whether the run may use the pool at all (a caller's own transforms stay in this thread). */
    private readonly allowed: boolean,
  ) {}

  /** Called with the number of files found so far. */
  found(count: number): void {
    if (this.workers.length || !this.allowed) return;
    const script = workerScript();
    const n = poolSize(this.options.jobs, count, this.cpus);
    if (script && n > 1) for (let k = 0; k < n; k++) this.workers.push(startWorker(script, this.options));
  }

  /** Up to `n` of the started workers; the others are stopped. */
  take(n: number): Worker[] {
    const kept = this.workers.splice(0, n);
    for (const w of this.workers.splice(0)) void w.terminate();
    return kept;
  }
}

export function processInPool(
  files: FoundFile[],
  options: RunOptions,
  jobs: number,
  take: (f: FoundFile, o: Outcome) => void,
  /** The transforms selected for the run, for a file processed in this thread. */
  transforms: Transform[],
  /** Workers already started for this run (see {@link EarlyWorkers}). */
  started: Worker[] = [],
): Promise<void> {
  const script = workerScript();
  if (!script) throw new Error('worker script not found: build first (npm run build)');
  const n = files.length;
  // small batches at first would only add round trips; large ones would leave a worker idle at the end
  const batchSize = Math.max(1, Math.min(32, Math.ceil(n / (jobs * 16))));
  const outcomes: (WireOutcome | undefined)[] = new Array(n);
  const attempts = new Uint8Array(n);
  const retry: number[] = [];
  const slots = new Set<Slot>();
  let nextFile = 0;
  let nextBatch = 0;
  let emitted = 0;
  let deaths = 0;
  let done = false;

  return new Promise<void>((resolve, reject) => {
    const finish = (err?: unknown) => {
      if (done) return;
      done = true;
      for (const s of slots) void s.worker.terminate();
      slots.clear();
      if (err) reject(err);
      else resolve();
    };

    /** Hands every outcome that is next in file order on, then frees it. */
    const flush = () => {
      try {
        while (emitted < n && outcomes[emitted] !== undefined) {
          const o = outcomes[emitted]!;
          outcomes[emitted] = undefined;
          if ('thrown' in o) throw fromThrown(o.thrown);
          take(files[emitted], revive(o));
          emitted++;
        }
      } catch (e) {
        finish(e);
        return;
      }
      if (emitted === n) finish();
    };

    const nextWork = (): number[] | null => {
      if (retry.length) return [retry.shift()!];
      if (nextFile >= n) return null;
      const from = nextFile;
      nextFile = Math.min(n, nextFile + batchSize);
      return Array.from({ length: nextFile - from }, (_, k) => from + k);
    };

    const feed = (s: Slot) => {
      while (!done && s.inFlight.size < IN_FLIGHT) {
        const indexes = nextWork();
        if (!indexes) return;
        const id = nextBatch++;
        s.inFlight.set(id, indexes);
        const req: BatchRequest = { id, files: indexes.map((i) => files[i]) };
        s.worker.postMessage(req);
      }
    };

    const start = () => {
      const slot: Slot = { worker: started.shift() ?? startWorker(script, options), inFlight: new Map() };
      slots.add(slot);
      slot.worker.on('message', (m: WorkerMessage) => {
        if (done) return;
        if ('fatal' in m) {
          finish(fromThrown(m.fatal, false));
          return;
        }
        const indexes = slot.inFlight.get(m.id);
        if (!indexes) return;
        slot.inFlight.delete(m.id);
        indexes.forEach((i, k) => (outcomes[i] = m.outcomes[k]));
        feed(slot);
        flush();
      });
      // an uncaught error ends the worker: its exit puts the files it held back in the queue
      slot.worker.on('error', () => {});
      slot.worker.on('exit', () => {
        slots.delete(slot);
        if (done) return;
        const here: number[] = [];
        for (const indexes of slot.inFlight.values()) {
          for (const i of indexes) {
            // a file alone in its batch has now stopped a worker by itself: this thread
            // processes it, as a run without workers would (a worker has less memory)
            if (indexes.length === 1 && attempts[i] > 0) here.push(i);
            else {
              attempts[i]++;
              retry.push(i);
            }
          }
        }
        slot.inFlight.clear();
        // workers that keep dying (whatever the files): the rest is done in this thread
        if (++deaths > 4 * jobs) {
          here.push(...retry.splice(0));
          while (nextFile < n) here.push(nextFile++);
        }
        if (nextFile < n || retry.length) feed(start());
        if (here.length) inThisThread(here);
      });
      return slot;
    };

    const inThisThread = (indexes: number[]) => {
      initShellParser().then(() => {
        if (done) return;
        for (const i of indexes) {
          try {
            outcomes[i] = processOne(files[i], transforms, options);
          } catch (e) {
            outcomes[i] = { thrown: toThrown(e) };
          }
        }
        flush();
      }, finish);
    };

    for (let k = 0; k < jobs; k++) feed(start());
  });
}
