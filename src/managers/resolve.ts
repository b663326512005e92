/**
 * Finding package-manager invocations in a RUN and resolving where their caches are,
 * for the user and environment in force, as literal paths.
 */
import type { RunAnalysis } from '../dockerfile';
import { matchSubcommand, normalizeCommand, optionValue, toolMatches, type Normalized } from '../commands';
import { expandWord, type ShellCommand, type ShellWord } from '../shell';
import { describeVar, normalizePath, type StageState } from '../stage';
import { MANAGERS } from './index';
import type { CacheTarget, DefeatingCommand, PackageManager } from './types';

export interface Invocation {
  manager: PackageManager;
  cmd: ShellCommand;
  /** Index of the command in {@link RunAnalysis.commands}. */
  index: number;
  n: Normalized;
  subcommand: string;
}

export function findInvocations(run: RunAnalysis, managers: PackageManager[] = MANAGERS): Invocation[] {
  const out: Invocation[] = [];
  run.commands.forEach((cmd, index) => {
    const n = normalizeCommand(cmd);
    if (!n) return;
    for (const manager of managers) {
      for (const p of manager.commands) {
        if (!toolMatches(n.tool, p.tools)) continue;
        const sub = matchSubcommand(n.args, p.subcommands, p.optionsWithValue);
        if (sub !== null) {
          out.push({ manager, cmd, index, n, subcommand: sub });
          return;
        }
      }
    }
  });
  return out;
}

/** Commands of a RUN matching a tool + sub-command pattern. */
export function matchCommands(
  run: RunAnalysis,
  patterns: DefeatingCommand[],
): { cmd: ShellCommand; n: Normalized }[] {
  const out: { cmd: ShellCommand; n: Normalized }[] = [];
  for (const cmd of run.commands) {
    const n = normalizeCommand(cmd);
    if (!n) continue;
    if (
      patterns.some((p) => toolMatches(n.tool, p.tools) && matchSubcommand(n.args, [p.subcommand]) !== null)
    ) {
      out.push({ cmd, n });
    }
  }
  return out;
}

export interface ResolvedTarget {
  target: CacheTarget;
  path: string;
  uid: number | null;
  gid: number | null;
  /** Where the path came from, for messages. */
  via: string;
}

export type Resolution = { ok: true; target: ResolvedTarget } | { ok: false; reason: string };

/** Environment lookups for one invocation: its own prefix, then the RUN's own assignments, then the stage. */
function envValue(
  name: string,
  inv: Invocation,
  run: RunAnalysis,
  st: StageState,
): { value: string | null; why?: string; set: boolean } {
  if (inv.n.env.has(name)) {
    const w = inv.n.env.get(name);
    const v = w ? expandWord(w, (x) => stageValue(x, st)) : null;
    return {
      value: v,
      set: true,
      why: v === null ? `${name} is set on the command line to a value only the shell knows` : undefined,
    };
  }
  for (const s of run.scripts) {
    if (s.assignments.some((a) => a.name === name) || s.touched.has(name)) {
      return { value: null, set: true, why: `the RUN sets ${name} itself` };
    }
  }
  const v = describeVar(st, name);
  if (!v) return { value: null, set: false };
  if (v.origin === 'arg') return { value: null, set: true, why: v.why };
  return { value: v.value, set: true, why: v.value === null ? v.why : undefined };
}

function stageValue(name: string, st: StageState): string | null {
  const v = st.env.get(name);
  if (v) return v.value;
  if (name === 'HOME') return st.user.home;
  return null;
}

function home(st: StageState): { value: string | null; why?: string } {
  const env = st.env.get('HOME');
  if (env) return { value: env.value, why: env.value === null ? env.why : undefined };
  if (st.user.home) return { value: st.user.home };
  return { value: null, why: st.user.why ?? `the home of USER ${st.user.spec} is not known` };
}

/**
 * Where one cache target of a manager is for these invocations (all in one RUN).
 * `narrowed`: the lineage requires the target's narrower path.
 */
export function resolveTarget(
  target: CacheTarget,
  invs: Invocation[],
  run: RunAnalysis,
  st: StageState,
  narrowed: boolean,
): Resolution {
  let resolved: { path: string; via: string } | null = null;
  for (const inv of invs) {
    const r = resolveFor(target, inv, run, st, narrowed);
    if (!r.ok) return r;
    if (resolved && resolved.path !== r.path) {
      return {
        ok: false,
        reason: `its ${inv.manager.id} commands use different cache directories (${resolved.path}, ${r.path})`,
      };
    }
    resolved = r;
  }
  if (!resolved) return { ok: false, reason: 'no invocation' };
  const path = normalizePath(resolved.path);
  let uid: number | null = null;
  let gid: number | null = null;
  if (!target.rootOwned) {
    if (invs.some((i) => i.n.sudo) && st.user.uid !== 0) {
      return {
        ok: false,
        reason: `it runs ${invs[0].manager.id} under sudo, so whose cache it uses is not certain`,
      };
    }
    if (st.user.uid === null) {
      return {
        ok: false,
        reason: `the uid of USER ${st.user.spec} is not known (${st.user.why ?? 'not created with a fixed uid'})`,
      };
    }
    if (st.user.uid !== 0) {
      uid = st.user.uid;
      gid = st.user.gid;
    }
  }
  return { ok: true, target: { target, path, uid, gid, via: resolved.via } };
}

function resolveFor(
  target: CacheTarget,
  inv: Invocation,
  run: RunAnalysis,
  st: StageState,
  narrowed: boolean,
): { ok: true; path: string; via: string } | { ok: false; reason: string } {
  if (narrowed && target.narrow) return { ok: true, path: target.narrow.path, via: target.narrow.reason };
  for (const src of target.sources) {
    if ('option' in src) {
      const w: ShellWord | null = optionValue(inv.n.args, src.option);
      if (!w) continue;
      const v = expandWord(w, (x) => stageValue(x, st), home(st).value);
      if (v === null || !v.startsWith('/'))
        return { ok: false, reason: `${src.option} ${w.raw} is not a literal absolute path` };
      return { ok: true, path: v + (src.suffix ?? ''), via: src.option };
    }
    if ('env' in src) {
      const e = envValue(src.env, inv, run, st);
      if (!e.set) continue;
      if (e.value === null) return { ok: false, reason: e.why ?? `${src.env} is not known` };
      if (!e.value.startsWith('/'))
        return { ok: false, reason: `${src.env}=${e.value} is not an absolute path` };
      return { ok: true, path: e.value + (src.suffix ?? ''), via: src.env };
    }
    if ('home' in src) {
      const h = home(st);
      if (h.value === null) return { ok: false, reason: h.why ?? 'the home directory is not known' };
      return { ok: true, path: `${h.value}/${src.home}`, via: 'home' };
    }
    return { ok: true, path: src.path, via: 'path' };
  }
  return { ok: false, reason: 'no cache location applies' };
}

/** Does a path lie inside (or equal) another? */
export function within(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir.endsWith('/') ? dir : dir + '/');
}
