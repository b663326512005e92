/**
 * Where a command sits in its script's control flow, and whether another command has
 * surely run to its end before it, on every path the shell can take to it.
 *
 * The shell walk (src/shell.ts) gives each command its {@link ShellCommand.flow}: the
 * compound commands around it, outermost first, each with the part of it that holds the
 * command. Two commands share a compound command while their flows name the same frame.
 */
import type { ShellCommand, ShellScript } from './shell';

/**
 * Kinds of compound commands, and what their parts (slots) are:
 * - `seq`: statements run one after the other (a script, `{ }`, `( )`, `do ... done`, a
 *   branch of an `if` or a `case`, a `$(...)`); slot: the statement.
 * - `and` / `or`: an `a && b && c` / `a || b || c` chain; slot: the operand.
 * - `pipe`: `a | b`: the commands run side by side; slot: the command.
 * - `not`: `! cmd`.
 * - `if`: slot 2k is the condition of the k-th `if`/`elif`, 2k+1 its body; the `else` is
 *   slot `size - 1` (complete: there is an `else`).
 * - `loop`: `while`/`until`: slot 0 the condition, 1 the body.
 * - `for`: slot 0 the words (their substitutions), 1 the body.
 * - `case`: slot 0 the word, slot i its i-th branch (complete: a branch matches `*`).
 * - `function`: a function's body, which runs when it is called.
 * - `background`: a statement sent to the background with `&`, or a `<(...)`: it runs
 *   alongside what follows it.
 * - `test`: commands in a `[[ ]]` expression, which may skip some of them.
 */
export type FlowKind =
  'seq' | 'and' | 'or' | 'pipe' | 'not' | 'if' | 'loop' | 'for' | 'case' | 'function' | 'background' | 'test';

/** A compound command of a script. */
export interface FlowFrame {
  /** Which one: unique within the script, numbered in the order the walk meets them. */
  id: number;
  kind: FlowKind;
  /** `if`, `case`: the number of slots. 0 for the others. */
  size: number;
  /** `if`: it has an `else`; `case`: a branch matches anything (`*)`). */
  complete: boolean;
}

/** A compound command around a command, and the slot of it that holds the command. */
export interface FlowStep {
  frame: FlowFrame;
  slot: number;
}

/** `always`: whenever the part ran; `success`: whenever it ran and succeeded. */
type Mode = 'always' | 'success';

/**
 * Whether, whenever `cmd` runs, one of `before` has run to its end before it in the same
 * script: `a; b`, `a && b`, `if a; then b; fi`, `if x; then a; else a; fi; b` (a before b),
 * but not `if x; then a; fi; b`, `x || a; b`, `a & b`, `a | b`, nor in different scripts
 * of a RUN (a heredoc fed to a shell and the command line), whose order the flow does not
 * tell. `scripts`: the scripts the commands come from.
 */
export function runsBefore(
  scripts: readonly ShellScript[],
  cmd: ShellCommand,
  before: readonly ShellCommand[],
): boolean {
  const home = scripts.find((s) => s.commands.includes(cmd));
  const mine = home ? before.filter((b) => b !== cmd && home.commands.includes(b)) : [];
  return mine.length > 0 && preceded(cmd, mine);
}

function preceded(cmd: ShellCommand, before: readonly ShellCommand[]): boolean {
  const path = cmd.flow ?? [];
  // from the innermost compound command out: the parts of each that run before cmd's part
  for (let d = path.length - 1; d >= 0; d--) {
    const { frame, slot } = path[d];
    const parts = partsAt(before, d, frame, slot);
    for (const [a, us] of parts) {
      const mode = earlier(frame, a, slot);
      if (mode && surely(us, d + 1, mode)) return true;
    }
  }
  return false;
}

/** The commands of `cmds` in the frame at depth `d`, by slot, leaving out slot `skip`. */
function partsAt(
  cmds: readonly ShellCommand[],
  d: number,
  frame: FlowFrame,
  skip = -1,
): Map<number, ShellCommand[]> {
  const out = new Map<number, ShellCommand[]>();
  for (const c of cmds) {
    const s = c.flow?.[d];
    if (!s || s.frame.id !== frame.id || s.slot === skip) continue;
    const list = out.get(s.slot);
    if (list) list.push(c);
    else out.set(s.slot, [c]);
  }
  return out;
}

/**
 * How a command in slot `b` of the frame knows that slot `a` ran before it: `always` (it
 * ran), `success` (it ran and succeeded), or null (it may not have run, or not finished).
 */
function earlier(frame: FlowFrame, a: number, b: number): Mode | null {
  switch (frame.kind) {
    case 'seq':
      return a < b ? 'always' : null;
    case 'and':
      return a < b ? 'success' : null;
    case 'if':
      // only conditions run before later parts: the body of branch k after its own condition
      if (a % 2 !== 0 || a >= b) return null;
      return b % 2 === 1 && a === b - 1 ? 'success' : 'always';
    case 'loop':
    case 'for':
      return a === 0 && b === 1 ? 'always' : null;
    case 'case':
      return a === 0 && b > 0 ? 'always' : null;
    default:
      // or: the operand before ran, yet failed; pipe: side by side; the rest have one slot
      return null;
  }
}

/**
 * Whether one of `cmds` (all in the same part of a frame, at flow depth `d` and below) has
 * surely run to its end when that part has run (`always`) or succeeded (`success`).
 */
function surely(cmds: readonly ShellCommand[], d: number, mode: Mode): boolean {
  // one of them is the part itself
  if (cmds.some((c) => (c.flow?.length ?? 0) <= d)) return true;
  const frames = new Map<number, FlowFrame>();
  for (const c of cmds) frames.set(c.flow![d].frame.id, c.flow![d].frame);
  for (const frame of frames.values()) {
    const parts = partsAt(cmds, d, frame);
    const sure = (slot: number, m: Mode) => {
      const us = parts.get(slot);
      return !!us && surely(us, d + 1, m);
    };
    if (frameEnsures(frame, parts, sure, mode)) return true;
  }
  return false;
}

function frameEnsures(
  frame: FlowFrame,
  parts: Map<number, ShellCommand[]>,
  sure: (slot: number, m: Mode) => boolean,
  mode: Mode,
): boolean {
  switch (frame.kind) {
    case 'seq':
    case 'pipe':
      // every part runs, and the whole waits for all of them
      return [...parts.keys()].some((s) => sure(s, 'always'));
    case 'and':
      // the first operand always runs; all of them when the chain succeeds
      return mode === 'success' ? [...parts.keys()].some((s) => sure(s, 'success')) : sure(0, 'always');
    case 'or':
    case 'not':
    case 'loop':
    case 'for':
      return sure(0, 'always');
    case 'if': {
      // every way through: the conditions up to a branch taken and its body, or all of them
      const conditions = (frame.size - 1) / 2;
      let before = false;
      for (let k = 0; k < conditions; k++) {
        if (!before && !sure(2 * k, 'success') && !sure(2 * k + 1, mode)) return false;
        before ||= sure(2 * k, 'always');
      }
      return before || (frame.complete && sure(frame.size - 1, mode));
    }
    case 'case': {
      if (sure(0, 'always')) return true;
      if (!frame.complete) return false;
      for (let i = 1; i < frame.size; i++) if (!sure(i, mode)) return false;
      return true;
    }
    default:
      // function: runs when called; background: may not have finished; test: may be skipped
      return false;
  }
}
