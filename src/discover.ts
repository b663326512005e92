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
 * order. `onFound` hears each Dockerfile as the walk meets it (before compose files add
 * theirs and the list is sorted): a caller can get ready for a large run while it goes on.
 */
export function discover(paths: string[], cwd: string, onFound?: (count: number) => void): Discovery {
  const files = new Map<string, FoundFile>();
  const found = (abs: string) => {
    files.set(abs, { abs, display: displayPath(abs, cwd), context: null });
    onFound?.(files.size);
  };
  const errors: Discovery['errors'] = [];
  const compose: string[] = [];
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
    if (st.isDirectory())
      walk(abs, [...ancestorIgnores(abs)], found, compose, (dir, message) =>
        errors.push({ display: displayPath(dir, cwd), message }),
      );
    else found(abs);
  }
  applyCompose(compose, files, cwd);
  return { files: [...files.values()].sort((a, b) => collator.compare(a.display, b.display)), errors };
}

function walk(
  dir: string,
  levels: IgnoreLevel[],
  found: (abs: string) => void,
  compose: string[],
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
  for (const e of entries) {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (SKIP_DIRS.has(e.name) || isIgnored(here, abs, true)) continue;
      walk(abs, here, found, compose, failed);
    } else if (e.isFile()) {
      if (isIgnored(here, abs, false)) continue;
      if (isDockerfileName(e.name)) found(abs);
      else if (COMPOSE_NAMES.test(e.name)) compose.push(abs);
    }
  }
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

function applyCompose(composeFiles: string[], files: Map<string, FoundFile>, cwd: string): void {
  for (const c of composeFiles) {
    for (const b of composeBuilds(c)) {
      let f = files.get(b.dockerfile);
      if (!f) {
        // a Dockerfile named by a compose file counts whatever its name
        if (!fs.existsSync(b.dockerfile) || !fs.statSync(b.dockerfile).isFile()) continue;
        f = { abs: b.dockerfile, display: displayPath(b.dockerfile, cwd), context: null };
        files.set(b.dockerfile, f);
      }
      if (f.context && f.context !== b.context) {
        f.contextConflict = `compose files give it two build contexts (${displayPath(f.context, cwd)}, ${displayPath(b.context, cwd)})`;
      } else f.context = b.context;
    }
  }
}
