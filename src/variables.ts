/**
 * What a shell variable holds where a command of a RUN expands its words: the value an
 * assignment earlier in the same shell gave it (`export DJANGO_ENV=prod && pip install -r
 * requirements/$DJANGO_ENV.txt`), else the stage's (ENV; an ARG can be overridden with
 * --build-arg, so its value is not known for certain).
 */
import type { RunAnalysis } from './dockerfile';
import { basename, expandWord, type ShellCommand, type ShellScript, type ShellWord } from './shell';
import { describeVar, type StageState } from './stage';

/** The value (null: not known for certain) and, when not known, why. */
export interface VariableValue {
  value: string | null;
  why?: string;
}

/** Commands that may set any variable (`. ./env.sh`, `eval "$(...)"`). */
const SETS_ANY = new Set(['.', 'source', 'eval']);
/** Commands that set the variables they name (`read X`, `printf -v X`). */
const SETS_NAMED = new Set(['read', 'getopts', 'mapfile', 'readarray', 'printf', 'let']);

/**
 * The value of `name` where `cmd` (a command of `run`) expands its words. A `NAME=x` prefix of
 * the command itself does not count: the shell expands the words before it assigns it.
 */
export function variableAt(name: string, cmd: ShellCommand, run: RunAnalysis, st: StageState): VariableValue {
  const script = run.scripts.find((s) => s.commands.includes(cmd));
  return script ? valueAt(name, cmd, cmd.start, script, run, st, 0) : stageVariable(name, st);
}

function valueAt(
  name: string,
  cmd: ShellCommand,
  at: number,
  script: ShellScript,
  run: RunAnalysis,
  st: StageState,
  depth: number,
): VariableValue {
  const unknown = (why: string): VariableValue => ({ value: null, why });
  if (depth > 8) return unknown(`$${name} is set from itself`);
  if (script.touched.has(name)) return unknown(`the RUN changes $${name} in a way the tool does not follow`);
  if (script.steps.some((s) => new RegExp(`\\b(for|select)\\s+${name}\\b`).test(s.text)))
    return unknown(`the RUN loops over values of $${name}`);
  for (const c of script.commands) {
    if (c.start >= at) continue;
    const tool = c.argv[0]?.value;
    if (tool === undefined || tool === null) continue;
    const base = basename(tool);
    if (SETS_ANY.has(base))
      return unknown(`\`${c.argv.map((w) => w.raw).join(' ')}\` before it in the RUN may set $${name}`);
    if (SETS_NAMED.has(base) && c.argv.some((w) => w.value === name))
      return unknown(`\`${c.argv.map((w) => w.raw).join(' ')}\` before it in the RUN sets $${name}`);
  }
  const all = script.assignments.filter((a) => a.name === name);
  if (all.some((a) => !a.certain || !a.ownShell))
    return unknown(`the RUN sets $${name} in a branch, a loop or a subshell`);
  const before = all.filter((a) => a.start < at);
  if (!before.length) {
    // a loop may run the command again after a later assignment
    if (all.length && !cmd.certain)
      return unknown(`the RUN sets $${name} after a command that may run again`);
    return stageVariable(name, st);
  }
  const last = before.reduce((a, b) => (b.start > a.start ? b : a));
  // a `sh -c '...'` script is another process: it sees only what was exported
  const nested = run.commands.some((o) => o !== cmd && o.start <= cmd.start && cmd.end <= o.end);
  if (nested && !last.exported) return unknown(`$${name} is not exported to the shell that runs the command`);
  if (last.value === null) return { value: '' };
  let why: string | undefined;
  const value = expandKnown(
    last.value,
    (n) => {
      const v = valueAt(n, cmd, last.start, script, run, st, depth + 1);
      why ??= v.why;
      return v.value;
    },
    st.user.home,
  );
  return value === null ? unknown(why ?? `the RUN sets $${name} to a value only the shell knows`) : { value };
}

/** A variable's value in the stage: ENV's; an ARG's is not certain (--build-arg overrides it). */
function stageVariable(name: string, st: StageState): VariableValue {
  const v = describeVar(st, name);
  if (v?.origin === 'env' || v?.origin === 'image') {
    return v.value === null
      ? { value: null, why: v.why ?? `ENV ${name} is only known at build time` }
      : { value: v.value };
  }
  if (v) return { value: null, why: v.why };
  if (name === 'HOME' && st.user.home) return { value: st.user.home };
  return { value: null, why: `$${name} is not set in the Dockerfile` };
}

/**
 * A word's value with its variables expanded by `lookup` (null: not known), `~` as the home
 * folder: as {@link expandWord}, and also `${NAME:-word}`, `${NAME-word}`, `${NAME:+word}`,
 * `${NAME+word}` with a literal word, where NAME's value is known (then it is set).
 */
export function expandKnown(
  word: ShellWord,
  lookup: (name: string) => string | null,
  home: string | null,
): string | null {
  const parts = word.parts.map((p) => {
    if (!('dynamic' in p)) return p;
    const m = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(:?[-+])([^$`"'\\{}]*)\}$/.exec(p.dynamic);
    const v = m ? lookup(m[1]) : null;
    if (!m || v === null) return p;
    const colon = m[2].startsWith(':');
    const use = m[2].endsWith('-') ? (colon && v === '' ? m[3] : v) : colon && v === '' ? '' : m[3];
    return { lit: use };
  });
  return expandWord({ ...word, parts }, lookup, home);
}

/**
 * Why a text's variables (`requirements/${DJANGO_ENV}.txt`) are not all known where `cmd`
 * expands it: the first unknown one's reason, named; null when all are known.
 */
export function unknownVariables(
  text: string,
  cmd: ShellCommand,
  run: RunAnalysis,
  st: StageState,
): string | null {
  for (const m of text.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) {
    const v = variableAt(m[1], cmd, run, st);
    if (v.value === null) return v.why ?? `$${m[1]} is only known when the image builds`;
  }
  return /\$[({]|`/.test(text) ? `the tool does not work out the expansion in \`${text}\`` : null;
}
