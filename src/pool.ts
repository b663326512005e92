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

/** Files per batch once discovery is done: small batches at first would only add round trips; large ones would leave a worker idle at the end. */
function batchSizeFor(files: number, jobs: number): number {
  return Math.max(1, Math.min(32, Math.ceil(files / (jobs * 16))));
}

/** Files per batch while discovery is still walking: the run has at least {@link poolThreshold} files by then. */
const WALKING_BATCH = 32;

/**
 * Batches a worker is given while discovery is still walking (it cannot hear which are
 * done until the walk is over): about as many as it processes in the time a walk takes
 * (a 10,000-file monorepo: 1.2 s to walk, 8 batches take a worker about 0.7 s after its
 * start). More would fix each worker's share in advance, and a worker that got less CPU
 * would leave the other idle at the end.
 */
const WALKING_IN_FLIGHT = 8;

/**
 * The workers of a run. They are started while discovery is still walking the folders,
 * once it has found enough files for a pool ({@link poolSize}'s rule), and are given the
 * files found from then on in batches as the walk meets them: loading the engine and
 * compiling the shell parser (a good half second), and the first files, overlap the rest
 * of the walk. A file's outcome is kept until the walk is over and the run's order (by
 * display path) is known; a file whose build context the walk learnt only later (from a
 * compose file met after it) is processed again with it.
 */
export class Pool {
  private readonly slots = new Set<Slot>();
  /** Every file given to the pool, in the order given: work item i. */
  private readonly work: FoundFile[] = [];
  private readonly outcomes: (WireOutcome | undefined)[] = [];
  private readonly attempts: number[] = [];
  private readonly retry: number[] = [];
  /** Next work item not yet sent. */
  private next = 0;
  private nextBatch = 0;
  private deaths = 0;
  private done = false;
  /** Once the walk is over: the work item of each file of the run, in its order. */
  private order: number[] | null = null;
  private emitted = 0;
  private jobs: number;
  private batchSize = WALKING_BATCH;
  /** Workers kept dying: every file not yet processed is processed in this thread. */
  private givenUp = false;
  private take: (f: FoundFile, o: Outcome) => void = () => {};
  private settle: { resolve: () => void; reject: (e: unknown) => void } | null = null;
  /** What went wrong before {@link finish} was called. */
  private failure: { error: unknown } | null = null;

  constructor(
    private readonly script: string,
    private readonly options: RunOptions,
    /** The transforms selected for the run, for a file processed in this thread. */
    private readonly transforms: Transform[],
    jobs: number,
  ) {
    this.jobs = jobs;
    for (let k = 0; k < jobs; k++) this.startSlot();
  }

  /** A file the walk found: sent to a worker with the next full batch, while they have few. */
  add(f: FoundFile): void {
    this.push(f);
    // the calling thread is busy walking and hears no answers until it is done: each full
    // batch goes to a worker now, in turn, whatever the worker has already been given
    if (this.work.length - this.next < WALKING_BATCH || this.done || this.givenUp) return;
    let slot: Slot | null = null;
    for (const s of this.slots) if (!slot || s.inFlight.size < slot.inFlight.size) slot = s;
    if (slot && slot.inFlight.size < WALKING_IN_FLIGHT) this.send(slot, this.range(WALKING_BATCH));
  }

  /**
   * Processes the run's files (in their order: display path) with `jobs` workers, handing
   * each outcome on in that order. Files already given with the same display path and
   * build context keep their outcome; the others are processed now.
   */
  finish(files: FoundFile[], jobs: number, take: (f: FoundFile, o: Outcome) => void): Promise<void> {
    this.take = take;
    const given = new Map<string, number>();
    this.work.forEach((f, i) => given.set(f.abs, i));
    this.order = files.map((f) => {
      const i = given.get(f.abs);
      if (i !== undefined && sameFile(this.work[i], f)) return i;
      // redone: the outcome of the file as first given is not used
      if (i !== undefined) this.outcomes[i] = undefined;
      return this.push(f);
    });
    this.batchSize = batchSizeFor(files.length, jobs);
    return new Promise<void>((resolve, reject) => {
      this.settle = { resolve, reject };
      if (this.failure) return reject(this.failure.error);
      if (this.givenUp) {
        const rest: number[] = [];
        while (this.next < this.work.length) rest.push(this.next++);
        if (rest.length) this.inThisThread(rest);
      } else {
        this.jobs = Math.max(this.jobs, jobs);
        while (this.slots.size < jobs) this.startSlot();
        for (const s of this.slots) this.feed(s);
      }
      this.flush();
    });
  }

  /** Stops the workers (the run ends without them). */
  stop(): void {
    this.done = true;
    for (const s of this.slots) void s.worker.terminate();
    this.slots.clear();
  }

  private push(f: FoundFile): number {
    this.work.push(f);
    this.attempts.push(0);
    this.outcomes.push(undefined);
    return this.work.length - 1;
  }

  /** The next `size` work items not yet sent. */
  private range(size: number): number[] {
    const from = this.next;
    this.next = Math.min(this.work.length, from + size);
    return Array.from({ length: this.next - from }, (_, k) => from + k);
  }

  private send(slot: Slot, indexes: number[]): void {
    const id = this.nextBatch++;
    slot.inFlight.set(id, indexes);
    const req: BatchRequest = { id, files: indexes.map((i) => this.work[i]) };
    slot.worker.postMessage(req);
  }

  /** Keeps a worker busy once the walk is over: up to {@link IN_FLIGHT} batches. */
  private feed(slot: Slot): void {
    while (!this.done && !this.givenUp && this.order && slot.inFlight.size < IN_FLIGHT) {
      let indexes: number[];
      if (this.retry.length) indexes = [this.retry.shift()!];
      else if (this.next < this.work.length) indexes = this.range(this.batchSize);
      else return;
      this.send(slot, indexes);
    }
  }

  private startSlot(): Slot {
    const slot: Slot = { worker: startWorker(this.script, this.options), inFlight: new Map() };
    this.slots.add(slot);
    slot.worker.on('message', (m: WorkerMessage) => {
      if (this.done) return;
      if ('fatal' in m) return this.fail(fromThrown(m.fatal, false));
      const indexes = slot.inFlight.get(m.id);
      if (!indexes) return;
      slot.inFlight.delete(m.id);
      indexes.forEach((i, k) => (this.outcomes[i] = m.outcomes[k]));
      this.feed(slot);
      this.flush();
    });
    // an uncaught error ends the worker: its exit puts the files it held back in the queue
    slot.worker.on('error', () => {});
    slot.worker.on('exit', () => this.died(slot));
    return slot;
  }

  private died(slot: Slot): void {
    this.slots.delete(slot);
    if (this.done) return;
    const here: number[] = [];
    for (const indexes of slot.inFlight.values()) {
      for (const i of indexes) {
        // a file alone in its batch has now stopped a worker by itself: this thread
        // processes it, as a run without workers would (a worker has less memory)
        if (indexes.length === 1 && this.attempts[i] > 0) here.push(i);
        else {
          this.attempts[i]++;
          this.retry.push(i);
        }
      }
    }
    slot.inFlight.clear();
    // workers that keep dying (whatever the files): the rest is done in this thread
    if (++this.deaths > 4 * this.jobs) this.givenUp = true;
    if (this.givenUp) {
      here.push(...this.retry.splice(0));
      while (this.next < this.work.length) here.push(this.next++);
    } else if (this.next < this.work.length || this.retry.length || !this.order) {
      // while the walk goes on, the new worker waits for its end (see feed)
      this.feed(this.startSlot());
    }
    if (here.length) this.inThisThread(here);
  }

  private inThisThread(indexes: number[]): void {
    initShellParser().then(
      () => {
        if (this.done) return;
        for (const i of indexes) {
          try {
            this.outcomes[i] = processOne(this.work[i], this.transforms, this.options);
          } catch (e) {
            this.outcomes[i] = { thrown: toThrown(e) };
          }
        }
        this.flush();
      },
      (e) => this.fail(e),
    );
  }

  /** Hands every outcome that is next in the run's order on, then frees it. */
  private flush(): void {
    const order = this.order;
    if (!order || !this.settle) return;
    try {
      while (this.emitted < order.length && this.outcomes[order[this.emitted]] !== undefined) {
        const i = order[this.emitted];
        const o = this.outcomes[i]!;
        this.outcomes[i] = undefined;
        if ('thrown' in o) throw fromThrown(o.thrown);
        this.take(this.work[i], revive(o));
        this.emitted++;
      }
    } catch (e) {
      this.fail(e);
      return;
    }
    if (this.emitted === order.length && !this.done) {
      this.stop();
      this.settle.resolve();
    }
  }

  /** Ends the run with an error: now, or when {@link finish} is called if the walk is still going. */
  private fail(error: unknown): void {
    if (this.done) return;
    this.stop();
    if (this.settle) this.settle.reject(error);
    else this.failure = { error };
  }
}

/** The same file to process: display path and build context as given. */
function sameFile(a: FoundFile, b: FoundFile): boolean {
  return a.display === b.display && a.context === b.context && a.contextConflict === b.contextConflict;
}

/**
 * Starts the pool as soon as discovery has found enough files for one and gives it the
 * files it finds from then on (see {@link Pool}).
 */
export class EarlyWorkers {
  private pool: Pool | null = null;
  private readonly seen: FoundFile[] = [];
  private readonly cpus = os.availableParallelism();
  constructor(
    private readonly options: RunOptions,
    /** Whether the run may use the pool at all (a caller's own transforms stay in this thread). */
    private readonly allowed: boolean,
    private readonly transforms: Transform[],
  ) {}

  /** Called with each file discovery finds, and how many it has found so far. */
  found(f: FoundFile, count: number): void {
    if (this.pool) return this.pool.add(f);
    if (!this.allowed) return;
    this.seen.push(f);
    const script = workerScript();
    const n = poolSize(this.options.jobs, count, this.cpus);
    if (!script || n <= 1) return;
    this.pool = new Pool(script, this.options, this.transforms, n);
    for (const g of this.seen.splice(0)) this.pool.add(g);
  }

  /** The pool for a run of `jobs` workers (started now if discovery did not), or null, having stopped any. */
  take(jobs: number): Pool | null {
    if (jobs <= 1) {
      this.pool?.stop();
      return null;
    }
    const script = workerScript();
    if (!script) throw new Error('worker script not found: build first (npm run build)');
    return (this.pool ??= new Pool(script, this.options, this.transforms, jobs));
  }
}
