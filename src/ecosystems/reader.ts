/** What a reader of src/ecosystems is given: one install invocation, the project it runs in, and where to record its inputs. */
import type { Invocation } from '../managers/resolve';
import type { DepsSpec } from '../managers/types';
import { expandWord, type ShellWord } from '../shell';
import { within, type Inputs, type ProjectFiles } from './files';
import { parseToml, TomlError, type TomlTable } from './toml';

export interface ReaderArgs {
  inputs: Inputs;
  project: ProjectFiles;
  inv: Invocation;
  spec: DepsSpec;
  /** The invocation's arguments after its sub-command. */
  args: ShellWord[];
  /**
   * A word's value with its variables expanded as the shell expands them for the install (set
   * earlier in its RUN, else by ENV), or null when only the build knows it (an ARG, which
   * --build-arg may override).
   */
  value(w: ShellWord): string | null;
  /** Why the variables of a text as written (`requirements/${DJANGO_ENV}.txt`) are not known; null when they are. */
  unknownWhy(text: string): string | null;
  /** The invocation as written (for dependency-only commands built from it). */
  text: string;
  /**
   * An environment variable the install sees (its own `VAR=x` prefix, else the stage's
   * ENV and ARG): null when not set; a null value when only the build knows it (an ARG,
   * one its RUN sets itself).
   */
  env(name: string): { value: string | null } | null;
  /** The home folder of the user the install runs as (from USER; ENV HOME aside); null when not known. */
  home: string | null;
  /**
   * The last file the build puts at each of these absolute paths before the install (an
   * earlier COPY/ADD or RUN, or a command of the install's RUN before it).
   */
  placed(paths: readonly string[]): (PlacedConfig & { path: string })[];
  /** The files named one of `names` that the build puts anywhere before the install (as `copiedFiles` of src/copied.ts finds them). */
  named(names: readonly string[]): PlacedConfig[];
  /**
   * What the last of the manager's settings commands before the install stores for `key`
   * (`pip config set global.find-links /x`): null when none does; a null value when the
   * tool cannot read it.
   */
  stored(key: string): { value: string | null; by: string } | null;
}

/** A file the build puts where an install may read it (see {@link ReaderArgs.placed}). */
export interface PlacedConfig {
  /** Null when the tool cannot tell where. */
  path: string | null;
  /** Its text; null when the tool cannot read it (another stage, a variable, a command that does not say). */
  text: string | null;
  /** For messages: `copied from pip.conf on line 2`. */
  how: string;
  /** The copy that brings the code brings it: it must come first with the manifests. */
  byCopy: boolean;
  /** The install's own RUN mounts it there (a secret): its text is not the tool's to read. */
  mounted?: boolean;
}

export type Reader = (r: ReaderArgs) => void;

/**
 * The path of the program the install runs as written: `./mvnw`, `/opt/venv/bin/pip`, or
 * `$VIRTUAL_ENV/bin/pip` with the variable as {@link ReaderArgs.env} knows it; null when
 * only the build knows it.
 */
export function programPath(r: ReaderArgs): string | null {
  const word = r.inv.n.toolWords[0];
  return word.value ?? expandWord(word, (x) => r.env(x)?.value ?? null, r.home);
}

/** The spec's fixed files in `dir` (default: the install's folder). */
export function specFiles(r: ReaderArgs, dir = r.project.cwd): boolean {
  const { inputs, project: p, spec } = r;
  for (const m of spec.manifests) if (!inputs.require(p.resolve(m, dir))) return false;
  for (const o of [...(spec.optional ?? []), ...(spec.folders ?? [])]) inputs.optional(p.resolve(o, dir));
  for (const o of spec.outputs ?? []) inputs.output(p.resolve(o, dir));
  return true;
}

/**
 * The arguments as the shell passes them: a word with a variable whose value {@link
 * ReaderArgs.value} knows is that value, split into fields where the word is not quoted
 * (`$INSTALL_FLAGS` set to `--omit=dev --no-audit` is two arguments, none when empty); a word
 * the tool cannot expand (a value only the build knows, pathname expansion, another IFS) is
 * one argument of unknown value (null).
 */
export function argFields(r: ReaderArgs): { value: string | null; word: ShellWord }[] {
  const out: { value: string | null; word: ShellWord }[] = [];
  for (const word of r.args) {
    if (word.value !== null) {
      out.push({ value: word.value, word });
      continue;
    }
    const v = r.value(word);
    const quoted = /^"[^"'\\]*"$/.test(word.raw) && !/\$(\(|\{[^}]*[^\w}])/.test(word.raw);
    const bare = !/["'\\]/.test(word.raw);
    if (v === null || (!quoted && /[*?[]/.test(v))) out.push({ value: null, word });
    else if (quoted || !/\s/.test(v)) out.push({ value: v, word });
    else if (bare && !r.env('IFS'))
      for (const f of v.split(/\s+/).filter(Boolean)) out.push({ value: f, word });
    else out.push({ value: null, word });
  }
  return out;
}

/**
 * Options given as `--opt value`, `--opt=value` or `-ovalue`: each option's values, and the
 * positionals (from {@link argFields}: null where only the build knows a word, with the words
 * in `unknown`).
 */
export function readArgs(
  r: ReaderArgs,
  withValue: string[],
): {
  options: Map<string, (string | null)[]>;
  /** Each option value as written (quotes and `$VAR` kept), in the order of {@link options}. */
  written: Map<string, string[]>;
  flags: Set<string>;
  positionals: (string | null)[];
  /** The words whose value only the build knows, where they stand for flags or positionals. */
  unknown: ShellWord[];
} {
  const options = new Map<string, (string | null)[]>();
  const written = new Map<string, string[]>();
  const flags = new Set<string>();
  const positionals: (string | null)[] = [];
  const unknown: ShellWord[] = [];
  const add = (k: string, v: string | null, as: string) => {
    options.set(k, [...(options.get(k) ?? []), v]);
    written.set(k, [...(written.get(k) ?? []), as]);
  };
  const fields = argFields(r);
  // a literal `--opt=value`'s value as written; an expanded one's is its word's
  const writtenAfter = (f: { value: string | null; word: ShellWord }, eq: number) =>
    f.word.value !== null ? f.value!.slice(eq + 1) : f.word.raw;
  for (let i = 0; i < fields.length; i++) {
    const raw = fields[i].value;
    if (raw === null) {
      positionals.push(null);
      unknown.push(fields[i].word);
      continue;
    }
    if (raw === '--') {
      for (const f of fields.slice(i + 1)) {
        positionals.push(f.value);
        if (f.value === null) unknown.push(f.word);
      }
      break;
    }
    const eq = raw.indexOf('=');
    if (raw.startsWith('--') && eq > 0 && withValue.includes(raw.slice(0, eq))) {
      add(raw.slice(0, eq), expandLiteral(r, raw.slice(eq + 1)), writtenAfter(fields[i], eq));
    } else if (withValue.includes(raw)) {
      const f = fields[++i];
      add(raw, f ? f.value : null, f?.word.raw ?? '');
    } else if (/^-[A-Za-z]/.test(raw) && raw.length > 2 && withValue.includes(raw.slice(0, 2))) {
      add(raw.slice(0, 2), expandLiteral(r, raw.slice(2)), writtenAfter(fields[i], 1));
    } else if (raw.startsWith('-') && raw.length > 1) {
      flags.add(raw.includes('=') ? raw.slice(0, raw.indexOf('=')) : raw);
    } else positionals.push(raw);
  }
  return { options, written, flags, positionals, unknown };
}

function expandLiteral(_r: ReaderArgs, v: string): string | null {
  return v.includes('$') ? null : v;
}

/** JSON of a file the install reads, or null (and a refusal) when it does not parse. */
export function readJson(r: ReaderArgs, image: string): Record<string, unknown> | null {
  const text = r.project.read(image);
  if (text === null) return null;
  try {
    const v: unknown = JSON.parse(text);
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    /* below */
  }
  r.inputs.refuse(`${r.project.display(image)} is not valid JSON`);
  return null;
}

/** A local path an install reads: the project itself means its source is needed; anything else is an input. */
export function localInput(r: ReaderArgs, image: string, what: string): void {
  const p = r.project;
  if (
    image === p.cwd ||
    p.cwd.startsWith(image + '/') ||
    image === p.copy.dest ||
    p.copy.dest.startsWith(image + '/')
  ) {
    r.inputs.refuse(`${what} installs the project itself, which needs its source`);
    return;
  }
  r.inputs.require(image, what);
}

/**
 * What in a setup.py may reach outside its folder, which the copy before the install leaves
 * out: a parent path (`../../VERSION`, `Path(__file__).parents[2]`, nested `dirname`), a
 * version from git (setuptools_scm, versioneer, `git describe`), a subprocess.
 */
const SETUP_PY_REACH =
  /\.\.[/\\'"]|\bparents?\b|dirname\([^)\n]*dirname|scm|versioneer|\bgit\b|subprocess|os\.system/i;

/**
 * A local Python package folder the install builds: copied whole as {@link localInput}.
 * Its setup.py is a program run by the install, and its pyproject.toml or setup.cfg may
 * take the version from git: one that may read files outside the folder
 * ({@link PACKAGE_REACH}) makes the move a guess.
 */
export function localPythonInput(r: ReaderArgs, image: string, what: string): void {
  localInput(r, image, what);
  for (const [file, reach] of PACKAGE_REACH) {
    const text = r.project.read(`${image}/${file}`);
    const found = text !== null ? reach.exec(text) : null;
    if (found)
      r.inputs.guess(
        `${what}: ${r.project.display(`${image}/${file}`)} may read files outside its folder (\`${found[0]}\`)`,
      );
  }
}

/** What in a local package's pyproject.toml or setup.cfg takes its version from git or a parent folder. */
const PYPROJECT_REACH =
  /setuptools[_-]scm|hatch-vcs|versioningit|vcs-versioning|dunamai|\bsource\s*=\s*["']vcs["']|["']\.\.\//i;

/** The files of a local package that may read outside its folder, with what gives that away. */
const PACKAGE_REACH: [string, RegExp][] = [
  ['setup.py', SETUP_PY_REACH],
  ['pyproject.toml', PYPROJECT_REACH],
  ['setup.cfg', PYPROJECT_REACH],
];

/** TOML of a file the install reads, or null (and a refusal) when it does not parse. */
export function readToml(r: ReaderArgs, image: string, text = r.project.read(image)): TomlTable | null {
  try {
    return parseToml(text ?? '');
  } catch (e) {
    if (!(e instanceof TomlError)) throw e;
    r.inputs.refuse(`${r.project.display(image)} could not be read (${e.message})`);
    return null;
  }
}

/**
 * Variables naming TLS files (CA bundles, client certificates and keys) that the package
 * managers' HTTP clients read: OpenSSL's, Python requests', curl's, Node's and git's for
 * every install; each manager's own by manager id.
 */
const TLS_ENV = [
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'REQUESTS_CA_BUNDLE',
  'CURL_CA_BUNDLE',
  'NODE_EXTRA_CA_CERTS',
];
const TLS_ENV_OF: Record<string, string[]> = {
  npm: ['NPM_CONFIG_CAFILE', 'npm_config_cafile'],
  pnpm: ['NPM_CONFIG_CAFILE', 'npm_config_cafile'],
  yarn: [
    'YARN_CAFILE',
    'YARN_CA_FILE_PATH',
    'YARN_HTTPS_CA_FILE_PATH',
    'YARN_HTTPS_CERT_FILE_PATH',
    'YARN_HTTPS_KEY_FILE_PATH',
  ],
  composer: ['COMPOSER_CAFILE'],
  cargo: ['CARGO_HTTP_CAINFO'],
  go: ['GIT_SSL_CAINFO', 'GIT_SSL_CERT', 'GIT_SSL_KEY'],
  bundler: ['BUNDLE_SSL_CA_CERT', 'BUNDLE_SSL_CLIENT_CERT'],
};

/**
 * A TLS file an install reads (`--cert`, pip.conf `cert`, .npmrc `cafile`, `$SSL_CERT_FILE`):
 * one the copy brings must come first with the manifests, or the install fails to connect
 * (pip) or trusts other authorities (npm skips a missing cafile). One the copy does not bring
 * is in the image already. A path only the build knows stops the move.
 */
export function tlsFile(r: ReaderArgs, value: string | null, where: string, base = r.project.cwd): void {
  if (value === null || value.includes('$')) {
    r.inputs.refuse(`${where} names a TLS file that is only known when the image builds`);
    return;
  }
  let path = value.trim();
  if (!path) return;
  if (path.startsWith('~/')) {
    if (r.home === null) return; // a home folder: not where the copy puts the project
    path = r.home + path.slice(1);
  }
  const image = r.project.resolve(path, base);
  if (within(image, r.project.copy.dest)) r.inputs.require(image, where);
}

/** The TLS files the install's environment names (see {@link TLS_ENV}). */
export function tlsFromEnv(r: ReaderArgs): void {
  for (const name of [...TLS_ENV, ...(TLS_ENV_OF[r.inv.manager.id] ?? [])]) {
    const e = r.env(name);
    if (e) tlsFile(r, e.value, `$${name}`);
  }
}
