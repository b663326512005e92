/**
 * Normalised invocations: what program a simple command really runs once wrappers
 * (`sudo`, `env VAR=x`, `exec`, `nice`, `time`, `timeout`, `eatmydata`, `nohup`, `command`, and
 * the user switchers `gosu`, `su-exec` and `runuser -u`) are stripped and
 * `python[3[.N]] -m mod` is read as `mod`.
 */
import { basename, type ShellCommand, type ShellWord } from './shell';
import { Memo } from './memo';

export interface Normalized {
  /** Tool name (basename, or the module of `python -m`). */
  tool: string;
  /** The words spelling the tool (`python3 -m pip` is three words). */
  toolWords: ShellWord[];
  /** Arguments after the tool. */
  args: ShellWord[];
  /** Environment set for this command only: `VAR=x cmd` and `env VAR=x cmd` (null value: not literal). */
  env: Map<string, ShellWord | null>;
  /** Runs under sudo. */
  sudo: boolean;
  /** The user sudo/doas switches to (`-u name`), when not root. */
  sudoUser: string | null;
  /**
   * The user a switcher that keeps the environment runs the tool as (`gosu node npm ci`,
   * `su-exec app:app pip ...`, `runuser -u node -- yarn`), when not root: `user` as written
   * (`name`, `uid`, `name:group`), `by` the switcher. They set HOME to that user's home.
   */
  runAs: { user: string; by: string } | null;
}

const NO_VALUE_OPTS = new Set<string>();
/**
 * Switchers that run a command as another user, keep the environment and set HOME to the
 * user's home (chpst and s6-setuidgid leave HOME as it was: not here): the flag before the user, if any.
 */
const SWITCHERS = new Map<string, string | null>([
  ['gosu', null],
  ['su-exec', null],
  ['runuser', '-u'],
]);
const SUDO_VALUE_OPTS = new Set(['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U', '-T']);

/**
 * The normalised command, worked out once per command object (the stage model and every
 * transform ask again for the same commands). The result is shared: callers do not change it.
 */
export function normalizeCommand(cmd: ShellCommand): Normalized | null {
  let n = normalized.get(cmd);
  if (n === undefined) normalized.set(cmd, (n = normalize(cmd)));
  return n;
}
const normalized = new Memo<ShellCommand, Normalized | null>();

/**
 * The command `xargs` runs (`xargs -a pkgs.txt apt-get install -y`), for telling which
 * package manager it is; otherwise as {@link normalizeCommand}. Its arguments come partly
 * from input the tool does not see, so only what a command is, not what it reads, may be
 * judged from this (normalizeCommand gives null for xargs).
 */
export function normalizeThroughXargs(cmd: ShellCommand): Normalized | null {
  const plain = normalizeCommand(cmd);
  // only a command normalizeCommand gives up on can be an xargs one
  if (plain || !cmd.argv.some((w) => w.value !== null && basename(w.value) === 'xargs')) return plain;
  let n = throughXargs.get(cmd);
  if (n === undefined) throughXargs.set(cmd, (n = normalize(cmd, true)));
  return n;
}
const throughXargs = new Memo<ShellCommand, Normalized | null>();

/** xargs options whose value is the next word. */
const XARGS_VALUE_OPTS = new Set([
  '-a',
  '-d',
  '-E',
  '-I',
  '-L',
  '-n',
  '-P',
  '-s',
  '--arg-file',
  '--delimiter',
  '--max-args',
  '--max-procs',
  '--max-chars',
  '--process-slot-var',
]);

function normalize(cmd: ShellCommand, xargs = false): Normalized | null {
  const env = new Map<string, ShellWord | null>();
  for (const a of cmd.assigns) env.set(a.name, a.value);
  const argv = cmd.argv;
  let sudo = false;
  let sudoUser: string | null = null;
  let runAs: Normalized['runAs'] = null;
  let i = 0;
  for (let guard = 0; guard < 8 && i < argv.length; guard++) {
    const name = argv[i].value ? basename(argv[i].value!) : null;
    if (name === 'sudo' || name === 'doas') {
      sudo = true;
      i++;
      while (i < argv.length && argv[i].value?.startsWith('-')) {
        const opt = /^(?:-u|--user=?)(.*)$/.exec(argv[i].value!);
        if (opt) {
          const user = opt[1] || (argv[i + 1]?.value ?? '?');
          sudoUser = user === 'root' || user === '#0' ? null : user;
        }
        i += SUDO_VALUE_OPTS.has(argv[i].value!) || argv[i].value === '--user' ? 2 : 1;
      }
    } else if (name && SWITCHERS.has(name)) {
      // gosu/su-exec USER cmd; runuser -u USER [--] cmd
      const flag = SWITCHERS.get(name)!;
      let j = i + 1;
      if (flag) {
        if (argv[j]?.value !== flag) return null;
        j++;
      } else if (argv[j]?.value?.startsWith('-')) return null;
      const user = argv[j]?.value;
      if (!user) return null;
      j++;
      if (name === 'runuser' && argv[j]?.value === '--') j++;
      if (user.startsWith(':')) return null;
      const who = user.split(':')[0];
      if (who !== 'root' && who !== '0') runAs = { user, by: name };
      i = j;
    } else if (name === 'env') {
      i++;
      while (i < argv.length) {
        const v = argv[i].value;
        const assign = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(argv[i].raw);
        if (assign) {
          const value =
            v === null
              ? null
              : { ...argv[i], value: v.slice(assign[0].length), parts: [{ lit: v.slice(assign[0].length) }] };
          env.set(assign[1], value);
          i++;
        } else if (v === '-u' || v === '--unset') {
          env.set(argv[i + 1]?.value ?? '', null);
          i += 2;
        } else if (v?.startsWith('-')) i++;
        else break;
      }
    } else if (
      name === 'exec' ||
      name === 'time' ||
      name === 'nohup' ||
      name === 'command' ||
      name === 'xargs'
    ) {
      if (name === 'xargs' && !xargs) return null;
      const valued = name === 'xargs' ? XARGS_VALUE_OPTS : NO_VALUE_OPTS;
      i++;
      while (i < argv.length && argv[i].value?.startsWith('-')) i += valued.has(argv[i].value!) ? 2 : 1;
    } else if (name === 'timeout') {
      // timeout [-s SIG] [-k DUR] [--foreground] DURATION cmd...
      i++;
      while (i < argv.length && argv[i].value?.startsWith('-'))
        i += ['-s', '-k'].includes(argv[i].value!) ? 2 : 1;
      i++;
    } else if (name === 'eatmydata') {
      i++;
    } else if (name === 'nice' || name === 'ionice' || name === 'chrt') {
      i++;
      while (i < argv.length && argv[i].value?.startsWith('-')) i += argv[i].value === '-n' ? 2 : 1;
    } else break;
  }
  if (i >= argv.length) return null;
  const first = argv[i];
  const program = first.value ?? programByPath(first);
  if (program === null) return null;
  let tool = basename(program);
  let toolEnd = i + 1;
  if (/^(python|pypy)(\d+(\.\d+)?)?$|^py$/.test(tool)) {
    let j = i + 1;
    while (
      j < argv.length &&
      argv[j].value &&
      /^-[a-zA-Z]+$/.test(argv[j].value!) &&
      argv[j].value !== '-m'
    ) {
      if (argv[j].value === '-c')
        return { tool, toolWords: argv.slice(i, i + 1), args: argv.slice(i + 1), env, sudo, sudoUser, runAs };
      j += ['-W', '-X', '-Q'].includes(argv[j].value!) ? 2 : 1;
    }
    const m = argv[j]?.value;
    if (m === '-m' && argv[j + 1]?.value) {
      tool = argv[j + 1].value!;
      toolEnd = j + 2;
    } else if (m && /^-m\w/.test(m)) {
      tool = m.slice(2);
      toolEnd = j + 1;
    }
  }
  return { tool, toolWords: argv.slice(i, toolEnd), args: argv.slice(toolEnd), env, sudo, sudoUser, runAs };
}

/**
 * The program a word with variables runs when its name is literal: `$VIRTUAL_ENV/bin/pip`,
 * `"${POETRY_HOME}/bin/poetry"`, `$HOME/.cargo/bin/cargo` (the folder is not known, the
 * program is). Null when a variable is part of the name itself (`pip$V`, `$PIP`).
 */
function programByPath(word: ShellWord): string | null {
  const last = word.parts[word.parts.length - 1];
  if (!last || !('lit' in last)) return null;
  const slash = last.lit.lastIndexOf('/');
  return slash >= 0 && slash < last.lit.length - 1 ? last.lit.slice(slash) : null;
}

export function toolMatches(tool: string, tools: (string | RegExp)[]): boolean {
  return tools.some((t) => (typeof t === 'string' ? t === tool : wholeMatch(t).test(tool)));
}

/** A pattern anchored at both ends (made once per pattern: this runs for every command and manager). */
export function wholeMatch(re: RegExp): RegExp {
  let w = anchored.get(re);
  if (!w) anchored.set(re, (w = new RegExp(`^(?:${re.source})$`)));
  return w;
}
const anchored = new WeakMap<RegExp, RegExp>();

/**
 * Leading positional arguments (options and their values skipped), up to `count`.
 * Stops at the first non-literal word.
 */
export function positionals(args: ShellWord[], count: number, optionsWithValue: string[] = []): string[] {
  return positionalWords(args, count, optionsWithValue).map((w) => w.value!);
}

/**
 * The words of {@link positionals}: `mvn -s ci.xml package` has `package`, not `ci.xml`, as
 * its first, so removing a sub-command found by {@link matchSubcommand} removes these.
 */
export function positionalWords(
  args: ShellWord[],
  count: number,
  optionsWithValue: string[] = [],
): ShellWord[] {
  const out: ShellWord[] = [];
  for (let i = 0; i < args.length && out.length < count; i++) {
    const v = args[i].value;
    if (v === null) break;
    if (v.startsWith('-') && v.length > 1) {
      if (optionsWithValue.includes(v)) i++;
      continue;
    }
    out.push(args[i]);
  }
  return out;
}

/** Does the invocation's sub-command match one of the paths (`install`, `pip install`, `*`, `''`)? */
export function matchSubcommand(
  args: ShellWord[],
  paths: string[],
  optionsWithValue: string[] = [],
): string | null {
  const pos = positionals(args, 3, optionsWithValue);
  for (const path of paths) {
    if (path === '*' && pos.length) return pos[0];
    if (path === '' && !pos.length) return '';
    const parts = pathParts(path);
    if (parts.length && parts.every((p, k) => pos[k] === p)) return path;
  }
  return null;
}

/** The words of a sub-command path, split once (the paths are the managers' fixed tables). */
const splitPaths = new Map<string, string[]>();
function pathParts(path: string): string[] {
  let parts = splitPaths.get(path);
  if (!parts) splitPaths.set(path, (parts = path.split(' ').filter(Boolean)));
  return parts;
}

/** The value of `--opt X` / `--opt=X` / `-oX`-style options among the arguments. */
export function optionValue(args: ShellWord[], option: string): ShellWord | null {
  for (let i = 0; i < args.length; i++) {
    const v = args[i].value;
    if (v === null) continue;
    if (v === option) return args[i + 1] ?? null;
    if (v.startsWith(option + '=')) {
      const value = v.slice(option.length + 1);
      return { ...args[i], value, parts: [{ lit: value }] };
    }
  }
  return null;
}
