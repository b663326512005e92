/**
 * Finding Dockerfiles: explicit files as given; in folders, `Dockerfile`, `Dockerfile.*`,
 * `*.Dockerfile`, `*.dockerfile`, `Containerfile` (and `Containerfile.*`), skipping `.git`,
 * `node_modules` and whatever `.gitignore` files (up to the repository root) exclude.
 * Compose files met on the way give each Dockerfile its build context.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { parse as parseYaml } from 'yaml';

export interface FoundFile {
  abs: string;
  /** Path relative to the working directory (or absolute when outside it), `/`-separated. */
  display: string;
  /** Build context folder (absolute) from a compose file, when one names this Dockerfile. */
  context: string | null;
  /** Compose files disagree about this Dockerfile's context. */
  contextConflict?: string;
}

export interface Discovery {
  files: FoundFile[];
  errors: { display: string; message: string }[];
}

/** What `a.localeCompare(b)` compares with (the same collation), made once: far cheaper per comparison. */
const collator = new Intl.Collator();
const SKIP_DIRS = new Set(['.git', 'node_modules', '.hg', '.svn']);
const COMPOSE_NAMES = /^(docker-)?compose(\.[\w-]+)?\.ya?ml$/;

export function isDockerfileName(name: string): boolean {
  if (/\.(dockerignore|orig|rej|bak|swp|tmp|md|txt|sh)$|~$/i.test(name)) return false;
  return (
    /^(dockerfile|containerfile)$/i.test(name) ||
    /^(Dockerfile|Containerfile|dockerfile|containerfile)\.[^/]+$/.test(name) ||
    /\.(Dockerfile|dockerfile)$/.test(name)
  );
}

export function displayPath(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs);
  const shown = rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs;
  return shown.split(path.sep).join('/');
}

interface IgnoreLevel {
  base: string;
  ig: Ignore;
}

function readIgnore(dir: string): IgnoreLevel | null {
  try {
    return { base: dir, ig: ignore().add(fs.readFileSync(path.join(dir, '.gitignore'), 'utf8')) };
  } catch {
    return null;
  }
}

/** .gitignore files from the repository root down to (not including) `dir`. */
function ancestorIgnores(dir: string): IgnoreLevel[] {
  const chain: string[] = [];
  let d = path.dirname(dir);
  let repoRoot: string | null = fs.existsSync(path.join(dir, '.git')) ? dir : null;
  while (!repoRoot) {
    chain.unshift(d);
    if (fs.existsSync(path.join(d, '.git'))) repoRoot = d;
    const up = path.dirname(d);
    if (up === d) break;
    d = up;
  }
  if (!repoRoot) return [];
  return chain.map(readIgnore).filter((x): x is IgnoreLevel => !!x);
}

function isIgnored(levels: IgnoreLevel[], abs: string, dir: boolean): boolean {
  let ignored = false;
  for (const { base, ig } of levels) {
    const rel = path.relative(base, abs).split(path.sep).join('/');
    if (!rel || rel.startsWith('..')) continue;
    const r = ig.test(dir ? rel + '/' : rel);
    if (r.ignored) ignored = true;
    else if (r.unignored) ignored = false;
  }
  return ignored;
}

/**
 * The Dockerfiles under `paths` (and the errors of paths that do not exist), in display
 * order. `onFound` hears each Dockerfile as the walk meets it, with the build context the
 * compose files met so far give it, and how many it has heard of: a caller can start on
 * them while the walk goes on. The walk reads a folder's compose files before its
 * Dockerfiles and both before its subfolders, so a compose file names the Dockerfiles
 * below it before they are heard of; the context a Dockerfile ends with (in the result)
 * differs from the one it was heard with only when a compose file elsewhere names it.
 */
export function discover(
  paths: string[],
  cwd: string,
  onFound?: (f: FoundFile, count: number) => void,
): Discovery {
  const files = new Map<string, FoundFile>();
  // compose files met so far, in the order a walk of sorted names would meet them
  const compose: string[] = [];
  const builds = new ComposeBuilds(cwd);
  const found = (abs: string) => {
    if (files.has(abs)) return;
    const f = { abs, display: displayPath(abs, cwd), context: null };
    files.set(abs, f);
    onFound?.(builds.apply({ ...f }), files.size);
  };
  const met = (file: string) => {
    compose.push(file);
    builds.add(file);
  };
  const errors: Discovery['errors'] = [];
  for (const p of paths) {
    const abs = path.resolve(cwd, p);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch (e) {
      errors.push({
        display: p,
        message:
          (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message,
      });
      continue;
    }
    const from = compose.length;
    if (st.isDirectory())
      walk(abs, [...ancestorIgnores(abs)], found, met, (dir, message) =>
        errors.push({ display: displayPath(dir, cwd), message }),
      );
    else found(abs);
    // compose files apply in the order of a walk through sorted names, folders and files mixed
    const mine = compose.splice(from).sort(walkOrder);
    compose.push(...mine);
  }
  const final = new ComposeBuilds(cwd, builds);
  for (const c of compose) final.add(c);
  for (const f of files.values()) final.apply(f);
  for (const f of final.unfound(files)) {
    files.set(f.abs, f);
    onFound?.({ ...f }, files.size);
  }
  return { files: [...files.values()].sort((a, b) => collator.compare(a.display, b.display)), errors };
}

/** Paths in the order a depth-first walk through names sorted at each level meets them. */
function walkOrder(a: string, b: string): number {
  const x = a.split(path.sep);
  const y = b.split(path.sep);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const c = collator.compare(x[i], y[i]);
    if (c) return c;
  }
  return x.length - y.length;
}

function walk(
  dir: string,
  levels: IgnoreLevel[],
  found: (abs: string) => void,
  compose: (abs: string) => void,
  failed: (dir: string, message: string) => void,
): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    // a folder that cannot be listed is reported, not taken for one without Dockerfiles
    failed(dir, `cannot list the folder: ${(e as Error).message}`);
    return;
  }
  // most folders have no .gitignore: look in the listing rather than pay for a failed read
  const own = entries.some((e) => e.name === '.gitignore') ? readIgnore(dir) : null;
  const here = own ? [...levels, own] : levels;
  entries.sort((a, b) => collator.compare(a.name, b.name));
  const dockerfiles: string[] = [];
  const folders: string[] = [];
  for (const e of entries) {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name) && !isIgnored(here, abs, true)) folders.push(abs);
    } else if (e.isFile()) {
      if (isIgnored(here, abs, false)) continue;
      if (isDockerfileName(e.name)) dockerfiles.push(abs);
      else if (COMPOSE_NAMES.test(e.name)) compose(abs);
    }
  }
  for (const abs of dockerfiles) found(abs);
  for (const abs of folders) walk(abs, here, found, compose, failed);
}

/** `build: <dir>` or `build: { context, dockerfile }` of each compose service. */
export function composeBuilds(file: string): { dockerfile: string; context: string; service: string }[] {
  let doc: unknown;
  try {
    doc = parseYaml(fs.readFileSync(file, 'utf8'), { merge: true });
  } catch {
    return [];
  }
  const services = (doc as { services?: Record<string, unknown> } | null)?.services;
  if (!services || typeof services !== 'object') return [];
  const base = path.dirname(file);
  const out: { dockerfile: string; context: string; service: string }[] = [];
  for (const [name, svc] of Object.entries(services)) {
    const build = (svc as { build?: unknown } | null)?.build;
    let context: string | null = null;
    let dockerfile = 'Dockerfile';
    if (typeof build === 'string') context = build;
    else if (build && typeof build === 'object') {
      const b = build as { context?: unknown; dockerfile?: unknown };
      context = typeof b.context === 'string' ? b.context : '.';
      if (typeof b.dockerfile === 'string') dockerfile = b.dockerfile;
    }
    if (context === null || /^[a-z]+:\/\//i.test(context) || /\$\{?\w/.test(context + dockerfile)) continue;
    const ctx = path.resolve(base, context);
    out.push({ dockerfile: path.resolve(ctx, dockerfile), context: ctx, service: name });
  }
  return out;
}

/**
 * The build contexts compose files give Dockerfiles, added one compose file at a time:
 * the first context a Dockerfile gets is its context, a second one that differs makes a
 * conflict. Each compose file is read once, whichever instance asks.
 */
class ComposeBuilds {
  private readonly contexts = new Map<string, { context: string; conflict?: string }>();
  private readonly parsed: Map<string, ReturnType<typeof composeBuilds>>;

  constructor(
    private readonly cwd: string,
    /** Shares the compose files this one has read. */
    from?: ComposeBuilds,
  ) {
    this.parsed = from?.parsed ?? new Map();
  }

  add(file: string): void {
    let builds = this.parsed.get(file);
    if (!builds) this.parsed.set(file, (builds = composeBuilds(file)));
    for (const b of builds) {
      const known = this.contexts.get(b.dockerfile);
      if (!known) this.contexts.set(b.dockerfile, { context: b.context });
      else if (known.context !== b.context)
        known.conflict = `compose files give it two build contexts (${displayPath(known.context, this.cwd)}, ${displayPath(b.context, this.cwd)})`;
    }
  }

  /** Gives `f` the context (or conflict) the compose files added so far name it with. */
  apply(f: FoundFile): FoundFile {
    const c = this.contexts.get(f.abs);
    if (c) {
      f.context = c.context;
      if (c.conflict) f.contextConflict = c.conflict;
    }
    return f;
  }

  /** Dockerfiles the compose files name that are not in `files` (a Dockerfile named by a compose file counts whatever its name). */
  unfound(files: ReadonlyMap<string, FoundFile>): FoundFile[] {
    const out: FoundFile[] = [];
    for (const abs of this.contexts.keys()) {
      if (files.has(abs) || !fs.existsSync(abs) || !fs.statSync(abs).isFile()) continue;
      out.push(this.apply({ abs, display: displayPath(abs, this.cwd), context: null }));
    }
    return out;
  }
}
