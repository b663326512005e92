/**
 * The project as a dependency install sees it: image paths, read from the build context
 * through the broad COPY that brings the code in. Readers list what an install reads as
 * image paths; {@link Inputs} checks each against the context as it is added.
 */
import type { BuildContext } from '../context';
import { normalizePath } from '../stage';

/** A COPY of a context folder: image folder `dest` receives context folder `src` ('' for the root). */
export interface CopyMapping {
  src: string;
  dest: string;
}

/** Does a path lie inside (or equal) a folder? */
export function within(p: string, dir: string): boolean {
  return p === dir || p.startsWith(dir.endsWith('/') ? dir : dir + '/');
}

export function joinRel(a: string, b: string): string {
  return normalizePath(`/${a}/${b}`).slice(1);
}

/**
 * A file or folder an earlier instruction put into the image: its text (null for a folder, or
 * a file whose text the tool cannot know: from another stage), and the instruction's 1-based line.
 */
export type EarlierFile = { text: string | null; line: number; folder?: boolean } | null;

export class ProjectFiles {
  /** Lines of the earlier COPYs whose files the install was found to read (see `earlier`). */
  readonly earlierLines = new Set<number>();
  private readonly earlierSeen = new Map<string, EarlierFile>();
  /** Files an earlier instruction put there that were read, and whose text the tool does not know. */
  readonly unreadable = new Set<string>();

  constructor(
    readonly ctx: BuildContext,
    readonly copy: CopyMapping,
    /** The folder the install runs in (image path). */
    readonly cwd: string,
    /**
     * The file an earlier COPY put at an image path the copy does not bring: it is there
     * before the install wherever the copy goes. Without it, such paths count as missing.
     */
    private readonly earlierLookup?: (image: string) => EarlierFile,
  ) {}

  /** The file an earlier COPY put at a path the copy does not bring (its line is noted as read). */
  earlier(image: string): EarlierFile {
    if (!this.earlierLookup || this.source(image) !== null) return null;
    let f = this.earlierSeen.get(image);
    if (f === undefined) this.earlierSeen.set(image, (f = this.earlierLookup(image)));
    if (f) this.earlierLines.add(f.line);
    return f;
  }

  /** Absolute image path of `p`, relative paths taken from `base` (default: the install's folder). */
  resolve(p: string, base = this.cwd): string {
    return normalizePath(p.startsWith('/') ? p : `${base}/${p}`);
  }

  /** The context path the copy puts at an image path, or null when the copy does not bring it. */
  source(image: string): string | null {
    if (!within(image, this.copy.dest)) return null;
    return joinRel(this.copy.src, image.slice(this.copy.dest.length));
  }

  /** How a path is named in messages: its context path when the copy brings it. */
  display(image: string): string {
    const s = this.source(image);
    return s === null ? image : s || '.';
  }

  available(image: string): boolean {
    const s = this.source(image);
    return s !== null ? this.ctx.available(s) : !!this.earlier(image);
  }

  read(image: string): string | null {
    const s = this.source(image);
    if (s === null) {
      const f = this.earlier(image);
      // there, but what it says is not known: what the install reads from it is not known either
      if (f && f.text === null && !f.folder) this.unreadable.add(image);
      return f?.text ?? null;
    }
    return this.ctx.available(s) ? this.ctx.read(s) : null;
  }

  isDirectory(image: string): boolean {
    const s = this.source(image);
    return s !== null ? this.ctx.isDirectory(s) : !!this.earlier(image)?.folder;
  }

  /** Folders matching a workspace glob (`packages/*`, `apps/**`, `tools/cli`) below `base`, as image paths. */
  globDirs(base: string, pattern: string): string[] {
    const parts = pattern.replace(/^\.\//, '').replace(/\/+$/, '').split('/').filter(Boolean);
    let found = [base];
    for (const part of parts) {
      const next: string[] = [];
      for (const dir of found) {
        if (part === '**') {
          next.push(...this.walkDirs(dir, 6));
          continue;
        }
        if (part === '..' || part === '.') {
          next.push(this.resolve(part, dir));
          continue;
        }
        const re = new RegExp(
          '^' +
            part
              .replace(/[.+^${}()|\\]/g, '\\$&')
              .replace(/\*/g, '.*')
              .replace(/\?/g, '.') +
            '$',
        );
        for (const name of this.list(dir)) {
          const child = `${dir === '/' ? '' : dir}/${name}`;
          if (re.test(name) && this.isDirectory(child) && !this.ignored(child)) next.push(child);
        }
      }
      found = next;
    }
    return [...new Set(found)].filter((d) => d !== base || parts.length === 0);
  }

  list(image: string): string[] {
    const s = this.source(image);
    return s === null ? [] : this.ctx.list(s);
  }

  private ignored(image: string): boolean {
    const s = this.source(image);
    return s === null || this.ctx.ignored(s);
  }

  private walkDirs(dir: string, depth: number): string[] {
    const out = [dir];
    if (depth === 0) return out;
    for (const name of this.list(dir)) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const child = `${dir === '/' ? '' : dir}/${name}`;
      if (this.isDirectory(child) && !this.ignored(child)) out.push(...this.walkDirs(child, depth - 1));
    }
    return out;
  }
}

export interface Input {
  /** Image path. */
  path: string;
  /** A folder copied whole. */
  folder: boolean;
}

/** What one install reads, and why it cannot move (or can only be guessed to). */
export class Inputs {
  readonly files: Input[] = [];
  /** Folders the install writes inside the project (image paths). */
  readonly outputs: string[] = [];
  /** Why a context's copy of an output folder matters, where the install does not simply write it (by image path). */
  readonly outputWhy = new Map<string, string>();
  /** The first reason the install cannot run before the copy. */
  refusal: string | null = null;
  /** Reasons the move is a guess. */
  readonly guesses: string[] = [];
  /** A dependency-only command that replaces the manager's default one (cargo's dummy build). */
  warmup: string | null = null;
  /** Folders that command fills with placeholders and then removes (cargo's `src/`). */
  readonly scratch: string[] = [];

  constructor(readonly project: ProjectFiles) {}

  refuse(reason: string): void {
    this.refusal ??= reason;
  }

  guess(reason: string): void {
    if (!this.guesses.includes(reason)) this.guesses.push(reason);
  }

  /** A file the install cannot do without: it must be in the context and brought by the copy. */
  require(image: string, why?: string): boolean {
    const p = this.project;
    const name = p.display(image);
    const because = why ? ` (${why})` : '';
    if (p.source(image) === null) {
      // already in the image from an earlier COPY: nothing to copy
      if (p.earlier(image)) return true;
      this.refuse(`${image}${because} is not brought in by the copy`);
      return false;
    }
    const s = p.source(image)!;
    if (!p.ctx.exists(s)) {
      this.refuse(`${name}${because} is not in the build context`);
      return false;
    }
    if (p.ctx.ignored(s)) {
      this.refuse(`${name}${because} is excluded by .dockerignore`);
      return false;
    }
    this.add(image, p.ctx.isDirectory(s));
    return true;
  }

  /**
   * A file or folder read when it is there (brought by the copy, or put there by an earlier
   * COPY); absent or ignored, it is not needed.
   */
  optional(image: string): boolean {
    if (!this.project.available(image)) return false;
    if (this.project.source(image) === null) return true;
    this.add(image, this.project.isDirectory(image));
    return true;
  }

  /**
   * A folder the install writes (or, `why`, otherwise depends on: Poetry installs into a
   * `.venv` it finds in the project) that the copy must not bring from the context.
   */
  output(image: string, why?: string): void {
    if (!this.outputs.includes(image)) this.outputs.push(image);
    if (why && !this.outputWhy.has(image)) this.outputWhy.set(image, why);
  }

  private add(image: string, folder: boolean): void {
    if (!this.files.some((f) => f.path === image)) this.files.push({ path: image, folder });
  }
}
