/**
 * The build context of a Dockerfile: which files exist and which `.dockerignore` excludes
 * (BuildKit's rules: patterns are relative to the context root, `**` crosses folders, a
 * pattern that matches a folder excludes what is inside it, `!` re-includes, last match wins).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface BuildContext {
  /** Absolute path of the context root. */
  readonly dir: string;
  /** Whether a path (relative to the root, `/`-separated) exists as a file or folder. */
  exists(rel: string): boolean;
  isDirectory(rel: string): boolean;
  /** File contents, or null when it does not exist or is not readable. */
  read(rel: string): string | null;
  /** Entries of a folder (names), or [] when it does not exist. */
  list(rel: string): string[];
  /** Whether `.dockerignore` keeps this path out of the context. */
  ignored(rel: string): boolean;
  /** Whether the file is in the context: it exists and is not ignored. */
  available(rel: string): boolean;
  /** Whether a file's mode lets its owner run it; null when not known. */
  executable?(rel: string): boolean | null;
  /** Where the ignore rules came from (for messages), or null. */
  readonly ignoreFile: string | null;
}

interface Rule {
  negate: boolean;
  re: RegExp;
  pattern: string;
}

export class DockerIgnore {
  private readonly rules: Rule[];
  constructor(text: string) {
    this.rules = [];
    for (let line of text.split(/\r?\n/)) {
      line = line.trim();
      if (!line || line.startsWith('#')) continue;
      let negate = false;
      if (line.startsWith('!')) {
        negate = true;
        line = line.slice(1).trim();
      }
      const pattern = cleanPattern(line);
      if (!pattern) continue;
      this.rules.push({ negate, re: patternToRegExp(pattern), pattern });
    }
  }

  /** Last matching rule wins; a rule matches the path or one of its parent folders. */
  ignored(rel: string): boolean {
    const p = cleanPattern(rel);
    let ignored = false;
    for (const r of this.rules) if (matchesOrAbove(r.re, p)) ignored = !r.negate;
    return ignored;
  }
}

/** Whether a clean path or one of its parent folders matches a pattern. */
function matchesOrAbove(re: RegExp, p: string): boolean {
  if (re.test(p)) return true;
  for (let i = p.indexOf('/'); i >= 0; i = p.indexOf('/', i + 1)) if (re.test(p.slice(0, i))) return true;
  return false;
}

/**
 * Whether a path pattern of the build context (a COPY source such as `config/*.rc`, with
 * .dockerignore's syntax) takes the file `rel`, itself or through a folder above it.
 */
export function patternTakes(pattern: string, rel: string): boolean {
  return matchesOrAbove(patternToRegExp(cleanPattern(pattern)), cleanPattern(rel));
}

/** Whether a path pattern of the build context matches the file `rel` itself (not a folder above it). */
export function patternMatches(pattern: string, rel: string): boolean {
  return patternToRegExp(cleanPattern(pattern)).test(cleanPattern(rel));
}

function cleanPattern(p: string): string {
  const parts: string[] = [];
  for (const seg of p.replace(/\\/g, '/').split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

/**
 * Patterns already turned into regular expressions: the same few (`*.md`, `node_modules`,
 * COPY sources) come back for every Dockerfile of a run. Oldest first out past the limit.
 */
const compiled = new Map<string, RegExp>();
const COMPILED_LIMIT = 512;

function patternToRegExp(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) {
    if (compiled.size >= COMPILED_LIMIT) compiled.delete(compiled.keys().next().value as string);
    compiled.set(pattern, (re = compilePattern(pattern)));
  }
  return re;
}

function compilePattern(pattern: string): RegExp {
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '*') {
      if (pattern[i + 1] === '*') {
        i++;
        if (pattern[i + 1] === '/') {
          i++;
          re += '(?:.*/)?';
        } else re += '.*';
      } else re += '[^/]*';
    } else if (ch === '?') re += '[^/]';
    else if (ch === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close < 0) re += '\\[';
      else {
        let cls = pattern.slice(i + 1, close);
        if (cls.startsWith('^')) cls = '^' + cls.slice(1);
        re += '[' + cls.replace(/\\/g, '\\\\') + ']';
        i = close;
      }
    } else if (ch === '\\' && i + 1 < pattern.length) {
      re += '\\' + pattern[++i];
    } else re += ch.replace(/[.+^${}()|]/g, '\\$&');
  }
  return new RegExp(re + '$');
}

/** What {@link FsBuildContext} found at a path: its kind, and its text once read (null: unreadable). */
type Seen = { kind: 'missing' | 'file' | 'folder'; text?: string | null; mode?: number };

export class FsBuildContext implements BuildContext {
  readonly dir: string;
  readonly ignoreFile: string | null;
  private readonly rules: DockerIgnore | null;

  /** `dockerfile` (absolute) lets a `<Dockerfile>.dockerignore` beside it take precedence, as BuildKit does. */
  constructor(dir: string, dockerfile?: string) {
    this.dir = path.resolve(dir);
    const candidates = [
      dockerfile ? dockerfile + '.dockerignore' : null,
      path.join(this.dir, '.dockerignore'),
    ];
    let found: string | null = null;
    let text: string | null = null;
    for (const c of candidates) {
      // most contexts have no ignore file: ask first rather than pay for an exception
      if (!c || !fs.existsSync(c)) continue;
      try {
        text = fs.readFileSync(c, 'utf8');
        found = c;
        break;
      } catch {
        /* next */
      }
    }
    this.ignoreFile = found;
    this.rules = text === null ? null : new DockerIgnore(text);
  }

  private abs(rel: string): string {
    return path.join(this.dir, ...rel.split('/'));
  }
  /**
   * What the file system said of each path asked about (a file's transforms ask about the
   * same few paths many times: a Maven file asks for pom.xml twenty times, and reads a
   * manifest again for each transform). A context lives for one Dockerfile's processing.
   */
  private readonly seen = new Map<string, Seen>();
  private stat(rel: string): Seen {
    const abs = this.abs(rel);
    let s = this.seen.get(abs);
    if (!s) {
      let st: fs.Stats | undefined;
      try {
        st = fs.statSync(abs, { throwIfNoEntry: false });
      } catch {
        st = undefined; // unreadable: as existsSync says, not there
      }
      s = { kind: !st ? 'missing' : st.isDirectory() ? 'folder' : 'file', mode: st?.mode };
      this.seen.set(abs, s);
    }
    return s;
  }
  exists(rel: string): boolean {
    return this.stat(rel).kind !== 'missing';
  }
  isDirectory(rel: string): boolean {
    return this.stat(rel).kind === 'folder';
  }
  read(rel: string): string | null {
    const s = this.stat(rel);
    if (s.text === undefined) {
      try {
        s.text = s.kind === 'missing' ? null : fs.readFileSync(this.abs(rel), 'utf8');
      } catch {
        s.text = null;
      }
    }
    return s.text;
  }
  list(rel: string): string[] {
    try {
      return fs.readdirSync(this.abs(rel)).sort();
    } catch {
      return [];
    }
  }
  ignored(rel: string): boolean {
    return this.rules ? this.rules.ignored(rel) : false;
  }
  available(rel: string): boolean {
    return this.exists(rel) && !this.ignored(rel);
  }
  executable(rel: string): boolean | null {
    const s = this.stat(rel);
    return s.kind === 'file' && s.mode !== undefined ? (s.mode & 0o100) !== 0 : null;
  }
}
