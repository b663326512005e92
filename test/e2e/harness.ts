/**
 * End-to-end harness: builds real Dockerfiles on a real BuildKit (through the usual DOCKER_HOST) and
 * reads BuildKit's `--progress=plain` log to tell which steps came from the layer cache and what the
 * package managers downloaded.
 *
 * Nothing here depends on the cachify engine; the tests decide how a project is rewritten. Nothing here depends
 * on jest either: the rebuild benchmark (bench/builds.ts) uses it too (jest-only helpers: jest-docker.ts).
 */
import { spawn, spawnSync } from 'child_process';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * The repository root: the nearest folder above this file whose package.json is this package's (the harness
 * runs from test/e2e under jest and from dist/test/e2e when the benchmarks import it).
 */
export const REPO_ROOT = findRepoRoot(__dirname);

function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (
      fs.existsSync(pkg) &&
      (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string }).name === 'dockerfile-cachify'
    )
      return dir;
    if (path.dirname(dir) === dir) throw new Error(`no dockerfile-cachify package.json above ${from}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Daemon check

export interface DockerStatus {
  available: boolean;
  /** Server version when available, else why not (the CLI's error output). */
  detail: string;
}

/** Asks the daemon behind DOCKER_HOST for its version. Never throws. */
export function dockerStatus(timeoutMs = 20_000): DockerStatus {
  const r = spawnSync('docker', ['version', '--format', '{{.Server.Version}}'], {
    encoding: 'utf8',
    timeout: timeoutMs,
  });
  if (r.error) return { available: false, detail: `cannot run the docker CLI: ${r.error.message}` };
  const version = r.stdout.trim();
  if (r.status === 0 && version !== '') return { available: true, detail: version };
  return {
    available: false,
    detail: (r.stderr || r.stdout).trim() || `docker version exited with ${r.status}`,
  };
}

/** Why no daemon answered, with where it was looked for (DOCKER_HOST) and how to start one here. */
export function dockerUnavailableMessage(status: DockerStatus): string {
  const where = process.env.DOCKER_HOST ? `DOCKER_HOST=${process.env.DOCKER_HOST}` : 'DOCKER_HOST unset';
  return (
    `no Docker daemon with BuildKit answered (${where}): ${status.detail}\n` +
    `Start one (here: /work/shared/builder/start-buildkit.sh, then source /tmp/cachify-buildkit/env.sh).`
  );
}

// ---------------------------------------------------------------------------------------------
// Processes

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command without a shell; resolves with its exit code and output (never rejects on exit code). */
export function run(
  cmd: string,
  args: string[],
  opts: { cwd?: string; timeoutMs?: number } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer =
      opts.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            child.kill('SIGTERM');
            reject(new Error(`${cmd} ${args.join(' ')}: timed out after ${opts.timeoutMs} ms`));
          }, opts.timeoutMs);
    child.on('error', (e) => {
      if (timer) clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({
        code: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Workspace: temp copies of projects and image tags, removed by cleanup()

export class Workspace {
  readonly tags = new Set<string>();
  readonly dirs = new Set<string>();
  private readonly prefix: string;

  constructor(label: string) {
    this.prefix = `cachify-e2e-${label.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}-${randomBytes(3).toString('hex')}`;
  }

  /** A new image tag, removed by cleanup(). */
  tag(name: string): string {
    const t = `${this.prefix}-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}:e2e`;
    this.tags.add(t);
    return t;
  }

  /** Copies a project to a new temp dir (files in `exclude`, relative paths, are left out). */
  copyProject(src: string, exclude: string[] = []): string {
    if (!fs.statSync(src).isDirectory()) throw new Error(`not a directory: ${src}`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${this.prefix}-`));
    this.dirs.add(dir);
    const skip = new Set(exclude.map((e) => path.resolve(src, e)));
    fs.cpSync(src, dir, { recursive: true, filter: (p) => !skip.has(path.resolve(p)) });
    return dir;
  }

  async cleanup(): Promise<void> {
    const tags = [...this.tags];
    this.tags.clear();
    if (tags.length > 0) {
      const r = await run('docker', ['image', 'rm', '--force', ...tags], { timeoutMs: 120_000 });
      // Tags never built are fine ("No such image"); anything else is worth seeing.
      const unexpected = r.stderr.split('\n').filter((l) => l.trim() !== '' && !/No such image/i.test(l));
      if (unexpected.length > 0) console.warn(`docker image rm: ${unexpected.join('\n')}`);
    }
    for (const d of this.dirs) fs.rmSync(d, { recursive: true, force: true });
    this.dirs.clear();
  }
}

/** Copies every file under `overlayDir` into `dir` (same relative paths, overwriting). */
export function applyOverlay(dir: string, overlayDir: string): string[] {
  const written: string[] = [];
  const walk = (rel: string): void => {
    for (const ent of fs.readdirSync(path.join(overlayDir, rel), { withFileTypes: true })) {
      const r = path.join(rel, ent.name);
      if (ent.isDirectory()) walk(r);
      else {
        fs.mkdirSync(path.dirname(path.join(dir, r)), { recursive: true });
        fs.copyFileSync(path.join(overlayDir, r), path.join(dir, r));
        written.push(r.split(path.sep).join('/'));
      }
    }
  };
  walk('');
  if (written.length === 0) throw new Error(`empty overlay: ${overlayDir}`);
  return written.sort();
}

/** Replaces exactly one occurrence of `from` in a file; throws when it occurs 0 or 2+ times. */
export function replaceOnce(file: string, from: string, to: string): void {
  const text = fs.readFileSync(file, 'utf8');
  const first = text.indexOf(from);
  if (first < 0) throw new Error(`${file}: text to replace not found: ${JSON.stringify(from)}`);
  if (text.indexOf(from, first + 1) >= 0)
    throw new Error(`${file}: text to replace occurs more than once: ${JSON.stringify(from)}`);
  fs.writeFileSync(file, text.slice(0, first) + to + text.slice(first + from.length));
}

// ---------------------------------------------------------------------------------------------
// Building and running

export interface BuildOptions {
  /** Build context directory. */
  dir: string;
  tag: string;
  /** Dockerfile path relative to `dir` (default: `Dockerfile`). */
  dockerfile?: string;
  buildArgs?: Record<string, string>;
  /** `--build-context name=value` (e.g. `debian:bookworm` -> `docker-image://other:tag`). */
  buildContexts?: Record<string, string>;
  /** `--no-cache`: no layer cache; note that BuildKit then also starts cache mounts empty. */
  noCache?: boolean;
  timeoutMs?: number;
}

export interface BuildResult {
  /** The image tag built. */
  tag: string;
  /** The complete plain-progress log (BuildKit writes it to stderr). */
  log: string;
  /** Where a caller saved the log, when it did (see ProjectRun in projects.ts). */
  logFile?: string;
  steps: BuildStep[];
  durationMs: number;
}

export class BuildError extends Error {
  constructor(
    message: string,
    readonly log: string,
  ) {
    super(message);
    this.name = 'BuildError';
  }
}

export function buildArgsFor(opts: BuildOptions): string[] {
  const args = ['build', '--progress=plain', '-t', opts.tag];
  if (opts.dockerfile !== undefined) args.push('-f', path.join(opts.dir, opts.dockerfile));
  if (opts.noCache) args.push('--no-cache');
  for (const [k, v] of Object.entries(opts.buildArgs ?? {})) args.push('--build-arg', `${k}=${v}`);
  for (const [k, v] of Object.entries(opts.buildContexts ?? {})) args.push('--build-context', `${k}=${v}`);
  args.push(opts.dir);
  return args;
}

/** `docker build --progress=plain`; throws BuildError (with the log's tail) when the build fails. */
/** A build that failed on the network, not on its Dockerfile (the mirror's DNS on a shared machine). */
const TRANSIENT =
  /Temporary failure resolving|Could not resolve host|Connection timed out|Connection reset by peer/;

export async function dockerBuild(opts: BuildOptions): Promise<BuildResult> {
  let started = Date.now();
  let r = await run('docker', buildArgsFor(opts), { timeoutMs: opts.timeoutMs ?? 600_000 });
  if (r.code !== 0 && TRANSIENT.test(r.stderr + r.stdout)) {
    // once: a failed RUN leaves no layer, so the second try builds what the first would have
    console.warn(`docker build of ${opts.dir}: network error, trying once more`);
    started = Date.now();
    r = await run('docker', buildArgsFor(opts), { timeoutMs: opts.timeoutMs ?? 600_000 });
  }
  const log = r.stderr + r.stdout;
  if (r.code !== 0) {
    const tail = log.split('\n').slice(-40).join('\n');
    throw new BuildError(
      `docker build of ${opts.dir} (${opts.dockerfile ?? 'Dockerfile'}) failed (exit ${r.code}):\n${tail}`,
      log,
    );
  }
  return { tag: opts.tag, log, steps: parsePlainLog(log), durationMs: Date.now() - started };
}

/**
 * `docker run --rm --network none [--entrypoint E] <tag> [args]`; returns stdout, throws on a non-zero exit.
 * `entrypoint: ''` clears the image's ENTRYPOINT so `args` run as a plain command.
 */
export async function runImage(
  tag: string,
  args: string[] = [],
  opts: { entrypoint?: string; timeoutMs?: number } = {},
): Promise<string> {
  const ep = opts.entrypoint === undefined ? [] : ['--entrypoint', opts.entrypoint];
  const r = await run('docker', ['run', '--rm', '--network', 'none', ...ep, tag, ...args], {
    timeoutMs: opts.timeoutMs ?? 120_000,
  });
  if (r.code !== 0) throw new Error(`docker run ${tag} exited with ${r.code}:\n${r.stderr}${r.stdout}`);
  return r.stdout;
}

/** Every `--mount=type=cache,...` option in a Dockerfile (the text after `--mount=`), deduplicated, in order. */
export function cacheMountSpecs(dockerfileText: string): string[] {
  const specs = new Set<string>();
  for (const m of dockerfileText.matchAll(/--mount=([^\s\\]*)/g)) {
    if (m[1].split(',').includes('type=cache')) specs.add(m[1]);
  }
  return [...specs];
}

/** The `target=` (or `dst=`/`destination=`) of a mount spec. */
export function mountTarget(spec: string): string {
  for (const part of spec.split(',')) {
    const eq = part.indexOf('=');
    const k = part.slice(0, eq);
    if (eq > 0 && (k === 'target' || k === 'dst' || k === 'destination')) return part.slice(eq + 1);
  }
  throw new Error(`cache mount without a target: ${spec}`);
}

/**
 * Base images of a Dockerfile: the image of every `FROM` that is not `scratch` or an earlier stage.
 * Throws on `FROM ${VAR}` (the test cannot know what it resolves to).
 */
export function baseImages(dockerfileText: string): string[] {
  const stages = new Set<string>();
  const images: string[] = [];
  const text = dockerfileText.replace(/\\\r?\n/g, ' ');
  for (const m of text.matchAll(
    /^[ \t]*FROM[ \t]+(?:--platform=\S+[ \t]+)?(\S+)(?:[ \t]+AS[ \t]+(\S+))?/gim,
  )) {
    const image = m[1];
    if (image.includes('$'))
      throw new Error(`cannot resolve FROM ${image}: build arguments in FROM are not supported`);
    if (image !== 'scratch' && !stages.has(image.toLowerCase()) && !images.includes(image))
      images.push(image);
    if (m[2]) stages.add(m[2].toLowerCase());
  }
  return images;
}

/**
 * Makes a test's builds independent of everything built before on the same (shared, long-lived) builder,
 * without `--no-cache` (which also starts cache mounts empty) and without `docker builder prune -af`
 * (which throws away every other build's cache):
 *
 * - layer cache: each base image is replaced, through `--build-context <image>=docker-image://<copy>`, by
 *   a per-run copy with one extra one-byte file (`/.cachify-e2e-salt`). BuildKit keys an image by its
 *   layers (a label alone does not change the key), so no step of these builds can match an earlier run,
 *   while later builds of the same run reuse each other's layers as on any builder;
 * - cache mounts: `--build-arg BUILDKIT_CACHE_MOUNT_NS=<ns>` makes the Dockerfile frontend prefix every
 *   cache mount id with `<ns>/`, so the run starts with empty cache mounts of its own. The namespace does
 *   not change a step's layer cache key; that is what the salted bases are for.
 *
 * dispose() removes the copies and prunes the namespace's cache mounts.
 */
export class FreshBuilds {
  readonly ns: string;
  private readonly salt: string;
  private readonly bases = new Map<string, string>();

  constructor(
    private readonly ws: Workspace,
    label: string,
  ) {
    this.salt = randomBytes(4).toString('hex');
    this.ns = `cachify-e2e-${label.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}-${this.salt}`;
  }

  /** Build options (`buildContexts`, `buildArgs`) for a Dockerfile; makes the salted base copies on first use. */
  async optionsFor(dockerfileText: string): Promise<Pick<BuildOptions, 'buildContexts' | 'buildArgs'>> {
    const buildContexts: Record<string, string> = {};
    for (const image of baseImages(dockerfileText)) {
      let copy = this.bases.get(image);
      if (!copy) {
        copy = this.ws.tag(`base-${image}-${this.salt}`);
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cachify-e2e-base-'));
        this.ws.dirs.add(dir);
        fs.writeFileSync(path.join(dir, 'salt'), this.salt);
        fs.writeFileSync(path.join(dir, 'Dockerfile'), `FROM ${image}\nCOPY salt /.cachify-e2e-salt\n`);
        await dockerBuild({ dir, tag: copy });
        this.bases.set(image, copy);
      }
      buildContexts[image] = `docker-image://${copy}`;
    }
    return { buildContexts, buildArgs: { BUILDKIT_CACHE_MOUNT_NS: this.ns } };
  }

  async dispose(): Promise<void> {
    const r = await run('docker', ['builder', 'prune', '--force', '--filter', `description~=${this.ns}`], {
      timeoutMs: 120_000,
    });
    if (r.code !== 0)
      throw new Error(`docker builder prune (namespace ${this.ns}) failed:\n${r.stderr}${r.stdout}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Plain progress log parsing

export interface BuildStep {
  /** BuildKit's vertex number (`#N`). */
  id: number;
  /** The vertex name as printed, e.g. `[build 2/4] RUN go build .` or `[internal] load build context`. */
  name: string;
  /** Stage label of a Dockerfile step: `build`, `stage-1`, `stage-0`; '' when BuildKit prints none. */
  stage?: string;
  /** `k` and `n` of `[k/n]`. */
  index?: number;
  total?: number;
  /** The instruction text after `[stage k/n] `, e.g. `RUN npm ci` (line continuations already joined). */
  instruction?: string;
  cached: boolean;
  done: boolean;
  /** Seconds from `#N DONE 1.2s`. */
  seconds?: number;
  error?: string;
  /** The step's own output (the text after `#N <time> `), in log order. */
  output: string[];
  /** Other lines under the step (progress messages like `transferring context: 2B done`). */
  status: string[];
}

const HEADER_STEP = /^\[(?:(\S+) )?(\d+)\/(\d+)\] ([\s\S]*)$/;

/** Splits a BuildKit `--progress=plain` log into its steps (vertices), in order of first appearance. */
export function parsePlainLog(log: string): BuildStep[] {
  const steps = new Map<number, BuildStep>();
  for (const raw of log.split(/\r?\n/)) {
    const m = /^#(\d+) (.*)$/s.exec(raw); // s: dpkg progress embeds bare \r
    if (!m) continue; // blank lines, the error summary after "------", warnings
    const id = Number(m[1]);
    const rest = m[2];
    let step = steps.get(id);
    if (!step) {
      step = { id, name: rest, cached: false, done: false, output: [], status: [] };
      const h = HEADER_STEP.exec(rest);
      if (h) {
        step.stage = h[1] ?? '';
        step.index = Number(h[2]);
        step.total = Number(h[3]);
        step.instruction = h[4];
      }
      steps.set(id, step);
      continue;
    }
    if (rest === step.name || rest === '...') continue; // header printed again when output resumes
    const out = /^\d+\.\d+(?: (.*))?$/s.exec(rest);
    if (out) step.output.push(out[1] ?? '');
    else if (rest === 'CACHED') step.cached = true;
    else if (/^DONE \d+(\.\d+)?s$/.test(rest)) {
      step.done = true;
      step.seconds = Number(rest.slice(5, -1));
    } else if (rest.startsWith('ERROR: ')) step.error = rest.slice(7);
    else if (rest === 'ERROR') step.error = '';
    else step.status.push(rest);
  }
  return [...steps.values()];
}

/** Steps that come from the Dockerfile (`[stage k/n] ...`), without BuildKit's internal vertices. */
export function dockerfileSteps(steps: BuildStep[]): BuildStep[] {
  return steps.filter((s) => s.instruction !== undefined);
}

/** The single Dockerfile step whose instruction matches; throws when none or several match. */
export function findStep(steps: BuildStep[], pattern: RegExp): BuildStep {
  const hits = dockerfileSteps(steps).filter((s) => pattern.test(s.instruction ?? ''));
  if (hits.length !== 1) {
    const names = dockerfileSteps(steps).map((s) => `  ${s.name}`);
    throw new Error(
      `expected exactly one step matching ${pattern}, found ${hits.length}; steps:\n${names.join('\n')}`,
    );
  }
  return hits[0];
}

/** One-line summary per Dockerfile step: `CACHED [2/5] RUN ...` / `ran    [3/5] COPY ...`. */
export function describeSteps(steps: BuildStep[]): string[] {
  // BuildKit prints cached steps in no particular order: sort by stage (first seen), then k of [k/n]
  const stages = [...new Set(dockerfileSteps(steps).map((s) => s.stage))];
  return dockerfileSteps(steps)
    .filter((s) => !/^FROM /.test(s.instruction ?? ''))
    .sort((a, b) => stages.indexOf(a.stage) - stages.indexOf(b.stage) || (a.index ?? 0) - (b.index ?? 0))
    .map((s) => `${s.cached ? 'CACHED' : 'ran   '} ${s.name}`);
}

export interface AptDownload {
  /** `Get:K` counter. */
  n: number;
  uri: string;
  /** e.g. `bookworm/main`, `bookworm-security/main`. */
  dist: string;
  pkg: string;
  arch: string;
  version: string;
  size: string;
}

const APT_GET_PACKAGE = /^Get:(\d+) (\S+) (\S+) (\S+) (\S+) (\S+) (\S+) \[([^\]]+)\]$/;

/**
 * Packages apt downloaded: `Get:K <uri> <dist/component> <arch> <package> <arch> <version> [<size>]`.
 * Index downloads (`Get:1 <uri> bookworm InRelease [151 kB]`, `... amd64 Packages [8790 kB]`) are not packages.
 */
export function aptDownloads(output: string[]): AptDownload[] {
  const out: AptDownload[] = [];
  for (const line of output) {
    const m = APT_GET_PACKAGE.exec(line.trim());
    if (!m) continue;
    out.push({ n: Number(m[1]), uri: m[2], dist: m[3], pkg: m[5], arch: m[6], version: m[7], size: m[8] });
  }
  return out;
}

/** Index files apt fetched (`Get:` lines that are not packages) and the ones it found unchanged (`Hit:`). */
export function aptIndexFetches(output: string[]): { get: number; hit: number } {
  let get = 0;
  let hit = 0;
  for (const line of output) {
    const t = line.trim();
    if (/^Get:\d+ /.test(t) && !APT_GET_PACKAGE.test(t)) get++;
    else if (/^Hit:\d+ /.test(t)) hit++;
  }
  return { get, hit };
}

/** apt's size notation (`6924 B`, `151 kB`, `1.2 MB`; SI units, as apt prints them) in bytes. */
export function aptBytes(size: string): number {
  const m = /^([\d.,]+) ?([kMG]?)B$/.exec(size.trim());
  if (!m) throw new Error(`not an apt size: ${JSON.stringify(size)}`);
  const unit = { '': 1, k: 1e3, M: 1e6, G: 1e9 }[m[2] as '' | 'k' | 'M' | 'G'];
  return Math.round(Number(m[1].replace(/,/g, '')) * unit);
}

/** Bytes of the index files apt fetched (`Get:` lines that are not packages). */
export function aptIndexBytes(output: string[]): number {
  let bytes = 0;
  for (const line of output) {
    const t = line.trim();
    const m = /^Get:\d+ .* \[([^\]]+)\]$/.exec(t);
    if (m && !APT_GET_PACKAGE.test(t)) bytes += aptBytes(m[1]);
  }
  return bytes;
}

/** apt's own summaries, `Fetched 9415 kB in 1s (8140 kB/s)`: the rate it reports, in bytes per second. */
export function aptFetchRates(output: string[]): number[] {
  const out: number[] = [];
  for (const line of output) {
    const m = /^Fetched .* in .*\(([^()]+)\/s\)$/.exec(line.trim());
    if (m) out.push(aptBytes(m[1]));
  }
  return out;
}

export interface NpmFetch {
  method: string;
  status: number;
  url: string;
  ms: number;
  /** npm's cache note without parentheses: `cache miss`, `cache hit`, `cache revalidated`, `cache stale`; '' if none. */
  cache: string;
}

const NPM_FETCH = /^npm http fetch (\S+) (\d{3}) (\S+) (\d+)ms(?: \(([^)]*)\))?$/;

/** Every `npm http fetch <METHOD> <status> <url> <N>ms [(cache ...)]` line (npm --loglevel=http or more verbose). */
export function npmFetches(output: string[]): NpmFetch[] {
  const out: NpmFetch[] = [];
  for (const line of output) {
    const m = NPM_FETCH.exec(line.trim());
    if (m) out.push({ method: m[1], status: Number(m[2]), url: m[3], ms: Number(m[4]), cache: m[5] ?? '' });
  }
  return out;
}

/**
 * Package tarballs npm downloaded from the registry, as `name-version.tgz` (scoped: `@scope/name-version.tgz`),
 * sorted. Served-from-cache fetches (`(cache hit)`) are not downloads; npm 9 prints nothing at all for tarballs
 * it reads from its cache by integrity.
 */
export function npmTarballDownloads(output: string[]): string[] {
  return npmFetches(output)
    .filter((f) => f.method === 'GET' && f.url.endsWith('.tgz') && f.cache !== 'cache hit')
    .map((f) => {
      const u = new URL(f.url);
      const parts = decodeURIComponent(u.pathname).split('/').filter(Boolean);
      const file = parts[parts.length - 1];
      return parts[0].startsWith('@') ? `${parts[0]}/${file}` : file;
    })
    .sort();
}

/** Distributions pip installed from local files/links: `Processing ./wheels/x-1.0-py3-none-any.whl` -> basename, sorted. */
export function pipProcessed(output: string[]): string[] {
  const out: string[] = [];
  for (const line of output) {
    const m = /^Processing (\S+)$/.exec(line.trim());
    if (m) out.push(path.posix.basename(m[1]));
  }
  return out.sort();
}

/** Distributions pip built a wheel for (from an sdist): `Building wheel for x (pyproject.toml): started`, sorted. */
export function pipBuiltWheels(output: string[]): string[] {
  const out = new Set<string>();
  for (const line of output) {
    const m = /^Building wheel for (\S+) \(/.exec(line.trim());
    if (m) out.add(m[1]);
  }
  return [...out].sort();
}

/** Wheels pip took from its cache instead of building them: `Using cached x-1.0-py3-none-any.whl`, sorted. */
export function pipCachedWheels(output: string[]): string[] {
  const out: string[] = [];
  for (const line of output) {
    const m = /^Using cached (\S+\.whl)\b/.exec(line.trim());
    if (m) out.push(m[1]);
  }
  return out.sort();
}

/** What a whole build downloaded or built that a cache could have saved, summed over its steps. */
export interface BuildWork {
  aptPackages: number;
  aptPackageBytes: number;
  aptIndexFiles: number;
  aptIndexBytes: number;
  npmTarballs: number;
  /** Wheels pip built from sdists. */
  pipWheelsBuilt: number;
  /** Wheels pip took from its cache (`Using cached`). */
  pipWheelsCached: number;
  /** apt's reported download rates (bytes/s), one per `Fetched` line. */
  aptRates: number[];
}

/** Sums the downloads of every step of a build (a CACHED step prints no output, so it counts nothing). */
export function buildWork(steps: BuildStep[]): BuildWork {
  const w: BuildWork = {
    aptPackages: 0,
    aptPackageBytes: 0,
    aptIndexFiles: 0,
    aptIndexBytes: 0,
    npmTarballs: 0,
    pipWheelsBuilt: 0,
    pipWheelsCached: 0,
    aptRates: [],
  };
  for (const { output } of steps) {
    const debs = aptDownloads(output);
    w.aptPackages += debs.length;
    w.aptPackageBytes += debs.reduce((sum, d) => sum + aptBytes(d.size), 0);
    w.aptIndexFiles += aptIndexFetches(output).get;
    w.aptIndexBytes += aptIndexBytes(output);
    w.npmTarballs += npmTarballDownloads(output).length;
    w.pipWheelsBuilt += pipBuiltWheels(output).length;
    w.pipWheelsCached += pipCachedWheels(output).length;
    w.aptRates.push(...aptFetchRates(output));
  }
  return w;
}
