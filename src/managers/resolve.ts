/**
 * Finding package-manager invocations in a RUN and resolving where their caches are,
 * for the user and environment in force, as literal paths.
 */
import type { RunAnalysis } from '../dockerfile';
import { configValue, type ConfigFormat, type CopiedFile, type PlacedFile } from '../copied';
import { within } from '../ecosystems/files';
import {
  matchSubcommand,
  normalizeCommand,
  normalizeThroughXargs,
  optionValue,
  toolMatches,
  type Normalized,
} from '../commands';
import { expandWord, type ShellCommand, type ShellScript, type ShellWord } from '../shell';
import { describeVar, normalizePath, settingCommands, type SettingCommand, type StageState } from '../stage';
import { MANAGERS } from './index';
import type {
  CacheTarget,
  CommandPattern,
  DefeatingCommand,
  ConfigFileSource,
  DisablingEnv,
  PackageManager,
  SettingSource,
} from './types';

export interface Invocation {
  manager: PackageManager;
  cmd: ShellCommand;
  /** Index of the command in {@link RunAnalysis.commands}. */
  index: number;
  n: Normalized;
  subcommand: string;
  /** The pattern that recognised it. */
  pattern: CommandPattern;
}

/**
 * The package-manager invocations of a RUN. A command can be an invocation of several managers
 * (`cargo build` is cargo's, and sccache's too while `RUSTC_WRAPPER=sccache`). `st` is needed for
 * patterns that depend on the stage ENV ({@link CommandPattern.whenEnv}); without it only the
 * command's own prefix and the RUN's own assignments count.
 */
export function findInvocations(
  run: RunAnalysis,
  managers: PackageManager[] = MANAGERS,
  st?: StageState,
): Invocation[] {
  // every transform asks again about the same RUN of the same document: answer once
  if (managers !== MANAGERS) return invocations(run, managers, st);
  let known = found.get(run);
  if (!known) found.set(run, (known = new Map()));
  let invs = known.get(st);
  if (!invs) known.set(st, (invs = invocations(run, managers, st)));
  return invs.slice();
}

/** The invocations of the registered managers in a RUN analysis, by the stage state asked with (none: undefined). */
const found = new WeakMap<RunAnalysis, Map<StageState | undefined, Invocation[]>>();

function invocations(run: RunAnalysis, managers: PackageManager[], st: StageState | undefined): Invocation[] {
  const out: Invocation[] = [];
  run.commands.forEach((cmd, index) => {
    const n = normalizeThroughXargs(cmd);
    if (!n) return;
    for (const [manager, patterns] of patternsFor(managers, n.tool)) {
      for (const p of patterns) {
        if (p.whenEnv && !envMatches(p.whenEnv, n, run, st)) continue;
        const sub = matchSubcommand(n.args, p.subcommands, p.optionsWithValue);
        if (sub !== null) {
          out.push({ manager, cmd, index, n, subcommand: sub, pattern: p });
          break;
        }
      }
    }
  });
  return out;
}

/**
 * The managers (in order) with their command patterns (in order) whose tools include
 * `tool`: most commands of a RUN (`rm`, `echo`, `curl`...) match none of them, and
 * asking each pattern of each manager for each command was most of the work.
 */
function patternsFor(managers: PackageManager[], tool: string): [PackageManager, CommandPattern[]][] {
  let byTool = patternsByTool.get(managers);
  if (!byTool || byTool.size > 10_000) patternsByTool.set(managers, (byTool = new Map()));
  let found = byTool.get(tool);
  if (!found) {
    found = [];
    for (const m of managers) {
      const ps = m.commands.filter((p) => toolMatches(tool, p.tools));
      if (ps.length) found.push([m, ps]);
    }
    byTool.set(tool, found);
  }
  return found;
}
const patternsByTool = new WeakMap<PackageManager[], Map<string, [PackageManager, CommandPattern[]][]>>();

/** Does one of the variables have a known value matching the pattern, for this command? */
function envMatches(
  cond: NonNullable<CommandPattern['whenEnv']>,
  n: Normalized,
  run: RunAnalysis,
  st: StageState | undefined,
): boolean {
  return cond.names.some((name) => {
    let value: string | null | undefined;
    if (n.env.has(name)) value = n.env.get(name)?.value;
    else {
      const a = run.scripts.flatMap((s) => s.assignments).find((x) => x.name === name);
      if (a) value = a.value?.value;
      else if (st) value = st.env.get(name)?.value;
    }
    return typeof value === 'string' && cond.matches.test(value);
  });
}

/** The invocations a target applies to ({@link CacheTarget.tools}, {@link CacheTarget.notWithFlags}). */
export function targetInvocations(target: CacheTarget, invs: Invocation[]): Invocation[] {
  return invs.filter(
    (i) =>
      (!target.tools || toolMatches(i.n.tool, target.tools)) &&
      !(target.notForSubcommands ?? []).includes(i.subcommand) &&
      !(target.notWithFlags ?? []).some((f) =>
        i.n.args.some((w) => w.value === f || w.value?.startsWith(f + '=')),
      ),
  );
}

/** Does the target apply to any of these invocations? */
export function targetApplies(target: CacheTarget, invs: Invocation[]): boolean {
  return targetInvocations(target, invs).length > 0;
}

/**
 * The directory a command of the RUN runs in: WORKDIR, as long as no `cd`/`pushd` came before
 * it in the RUN (null when unknown).
 */
export function cwdAt(run: RunAnalysis, index: number, st: StageState): string | null {
  const target = run.commands[index];
  // a cd moves the later commands of its own script only (a shell-fed heredoc is another shell)
  const script = run.scripts.find((s) => s.commands.includes(target));
  let cwd = st.workdir;
  for (let i = 0; i < index; i++) {
    const cmd = run.commands[i];
    const n = normalizeCommand(cmd);
    if (!n || !['cd', 'pushd', 'popd'].includes(n.tool)) continue;
    if (!script?.commands.includes(cmd)) continue;
    if (!cmd.ownShell) {
      // a subshell's cd: gone when it ends, unless the command is inside one too
      if (target.ownShell) continue;
      return null;
    }
    if (n.tool !== 'cd' || !cmd.certain || cmd.guarded) return null;
    cwd = cdTarget(n.args, cwd, st, script);
    if (cwd === null) return null;
  }
  return cwd;
}

/**
 * Where `cd <args>` goes from `cwd`: a literal absolute path, a relative one from a known
 * folder, or home (`cd`, `cd ~`, `cd ~/x`). Anything else (a variable, `cd -`, CDPATH set,
 * more than one operand) is not known: null.
 */
function cdTarget(args: ShellWord[], cwd: string | null, st: StageState, script: ShellScript): string | null {
  const operands = args.filter((w) => !(w.value !== null && /^-[LPe@]+$/.test(w.value)) && w.value !== '--');
  if (operands.length > 1) return null;
  const v = operands.length ? operands[0].value : '~';
  if (v === null || v === '' || v === '-') return null;
  if (v === '~' || v.startsWith('~/')) {
    if (script.assignments.some((a) => a.name === 'HOME')) return null;
    const at = inHome(v === '~' ? '~/' : v, home(st).value);
    return at === null ? null : normalizePath(at);
  }
  if (v.startsWith('/')) return normalizePath(v);
  const cdpath = st.env.has('CDPATH') || script.assignments.some((a) => a.name === 'CDPATH');
  return cwd === null || cdpath ? null : normalizePath(`${cwd}/${v}`);
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
      patterns.some(
        (p) =>
          toolMatches(n.tool, p.tools) &&
          matchSubcommand(n.args, [p.subcommand]) !== null &&
          (!p.withFlags || n.args.some((a) => a.value !== null && p.withFlags!.includes(a.value))),
      )
    ) {
      out.push({ cmd, n });
    }
  }
  return out;
}

/**
 * The last command that stores `source.key`, in the lineage's earlier RUNs or before the
 * invocation in its own RUN: its value (null: not literal) and whether it is for every user.
 */
function storedSetting(
  source: SettingSource,
  inv: Invocation,
  run: RunAnalysis,
  st: StageState,
): { value: string | null; write: SettingCommand; global: boolean } | null {
  // line 0: earlier in this RUN
  const own = settingCommands(run.commands.slice(0, inv.index), 0, st.user.uid);
  const known = st.user.uid !== null && !st.user.assumed;
  // the user's own settings win over global ones (npm, pnpm, yarn and pip read the user's
  // file after the global one), pip's site settings over both
  type Found = { value: string | null; write: SettingCommand; global: boolean };
  let site: Found | null = null;
  let mine: Found | null = null;
  let global: Found | null = null;
  for (const write of [...st.settings, ...own]) {
    if (!toolMatches(write.n.tool, source.tools)) continue;
    const r = settingValue(write.n.args, source);
    if (!r) continue;
    // another user's own setting does not apply (one by a user the tool cannot tell apart
    // is kept: the resolver refuses it)
    if ((r === 'unset' || !r.global) && known && write.uid !== null && write.uid !== st.user.uid) continue;
    if (r === 'unset') mine = null;
    else if (r.site) site = { ...r, write };
    else if (r.global) global = { ...r, write };
    else mine = { ...r, write };
  }
  return site ?? mine ?? global;
}

/**
 * `<command> <key> <value>` or `<command> <key>=<value>` among the words, flags aside;
 * 'unset' when the command removes the setting.
 */
function settingValue(
  args: ShellWord[],
  source: SettingSource,
): { value: string | null; global: boolean; site: boolean } | 'unset' | null {
  const words: ShellWord[] = [];
  let global = false;
  let site = false;
  let writes = !source.writeFlags;
  let unsets = false;
  for (let i = 0; i < args.length; i++) {
    const v = args[i].value;
    if (v !== null && v.startsWith('-')) {
      if (v === '--location' && args[i + 1]?.value === 'global') {
        global = true;
        i++;
      } else if ((source.globalFlags ?? []).includes(v)) global = true;
      else if ((source.siteFlags ?? []).includes(v)) global = site = true;
      if ((source.writeFlags ?? []).includes(v)) writes = true;
      if ((source.unsetFlags ?? []).includes(v)) unsets = true;
      continue;
    }
    words.push(args[i]);
  }
  if (!writes && !unsets) return null;
  for (const command of source.commands) {
    const parts = command.split(' ');
    if (!parts.every((p, k) => words[k]?.value === p)) continue;
    const rest = words.slice(parts.length);
    for (let k = 0; k < rest.length; k++) {
      const v = rest[k].value;
      if (unsets) {
        if (v === source.key || v === null) return 'unset';
        continue;
      }
      if (v === source.key && !source.pairsOnly) return { value: rest[k + 1]?.value ?? null, global, site };
      if (v?.startsWith(source.key + '=')) return { value: v.slice(source.key.length + 1), global, site };
      if (v === null && rest[k].raw.startsWith(source.key + '=')) return { value: null, global, site };
    }
  }
  return null;
}

/**
 * The setting of `key` in the project config file nearest the command's folder (`cwd`)
 * among those copied into it or above it (the last copied wins in one folder); `unknown`:
 * why the tool cannot tell what it is. Null when no such file sets the key.
 */
function projectSetting(
  files: CopiedFile[],
  names: readonly string[],
  key: string,
  format: ConfigFormat,
  cwd: string | null,
): { file: CopiedFile; value: string; unknown?: undefined } | { file: CopiedFile; unknown: string } | null {
  let best: { file: CopiedFile; value: string | null; depth: number } | null = null;
  for (const file of files) {
    const value = configValue(file.text, key, format);
    if (value === undefined) continue;
    if (file.path === null)
      return { file, unknown: `sets ${key} and goes to a folder the tool cannot work out` };
    // the project's folder: the one above the name's own folders (`.mvn/maven.config`)
    const name = names.find((n) => file.path!.endsWith(`/${n}`)) ?? '';
    const dir = file.path.slice(0, file.path.length - name.length - 1) || '/';
    if (cwd === null) return { file, unknown: `sets ${key}, and the command's working folder is not known` };
    if (!within(cwd, dir)) continue;
    const depth = dir.split('/').length;
    if (!best || depth >= best.depth) best = { file, value, depth };
  }
  if (!best) return null;
  if (best.value === null)
    return { file: best.file, unknown: `sets ${key} to a value only known when the image builds` };
  return { file: best.file, value: best.value };
}

/** A path with a leading `~/` put in the home folder `h`; null when it has one and `h` is not known. */
function inHome(p: string, h: string | null): string | null {
  if (!p.startsWith('~/')) return p;
  return h === null ? null : h + p.slice(1);
}

/** A settings command as written, for messages: `` `npm config set cache /x` ``. */
function settingText(write: SettingCommand): string {
  return `\`${write.n.tool} ${write.n.args.map((w) => w.raw).join(' ')}\``;
}

/** A settings command and where it runs, for messages: `` `npm config set cache /x` (line 3) ``. */
function settingWhere(write: SettingCommand): string {
  return `${settingText(write)} (${write.line ? `line ${write.line}` : 'earlier in the RUN'})`;
}

/**
 * What the last of the manager's settings commands before the invocation stores for `key`
 * (its `setting` sources asked about another key: `pip config set global.find-links /x`),
 * and the command, for messages; a null value when it is not literal or may not run.
 */
export function storedValue(
  key: string,
  inv: Invocation,
  run: RunAnalysis,
  st: StageState,
): { value: string | null; by: string } | null {
  for (const target of inv.manager.caches) {
    for (const src of target.sources) {
      if (!('setting' in src)) continue;
      const found = storedSetting({ ...src.setting, key }, inv, run, st);
      if (found) return { value: found.write.certain ? found.value : null, by: settingWhere(found.write) };
    }
  }
  return null;
}

/** How resolving reads the config files a build put into the image before a RUN. */
export interface CopiedLookup {
  /**
   * By name: those copied to the top of a folder, and on the way down to `near`; and those
   * written by earlier RUNs, or by the commands of this RUN before its command `before`.
   */
  byName(names: readonly string[], near: string | null, before: number): CopiedFile[];
  /** Those put at one of these absolute paths (copied, or written as for {@link byName}). */
  at(paths: readonly string[], before: number): PlacedFile[];
}

/**
 * The cache folder a config file at one of the tool's user or global locations sets
 * (see {@link PathSource} `configFile`): null when no file there sets it.
 */
function configFileSetting(
  src: ConfigFileSource,
  target: CacheTarget,
  inv: Invocation,
  run: RunAnalysis,
  st: StageState,
  copied: CopiedLookup | undefined,
): { ok: true; path: string; via: string } | { ok: false; reason: string } | null {
  const h = home(st).value;
  // `$VAR/...`: where the variable points, when the stage sets it
  const expand = (p: string) => {
    const v = /^\$([A-Za-z_][A-Za-z0-9_]*)(\/.*)$/.exec(p);
    if (!v) return inHome(p, h);
    const base = stageValue(v[1], st);
    return base === null ? null : base + v[2];
  };
  const paths = src.paths.flatMap((p) => expand(p) ?? []);
  // an option naming the file the tool reads instead (`mvn -s settings.xml`)
  for (const o of src.pathOptions ?? []) {
    const w = optionValue(inv.n.args, o);
    if (!w) continue;
    const v = w.value === null ? null : (inHome(w.value, h) ?? w.value);
    const cwd = cwdAt(run, inv.index, st);
    if (v === null || (!v.startsWith('/') && cwd === null))
      return { ok: false, reason: `${o} ${w.raw} names a file only known when the image builds` };
    paths.splice(0, paths.length, normalizePath(v.startsWith('/') ? v : `${cwd}/${v}`));
    break;
  }
  if (src.pathEnv) {
    const e = envValue(src.pathEnv, inv, run, st);
    if (e.set) {
      if (e.value === null) return { ok: false, reason: e.why ?? `${src.pathEnv} is not known` };
      // pip reads no config file at all then
      if (e.value === '/dev/null') return null;
      if (!e.value.startsWith('/'))
        return { ok: false, reason: `${src.pathEnv}=${e.value} is not an absolute path` };
      // read first, so every other file wins over it (paths go highest first)
      paths.push(normalizePath(e.value));
    }
  }
  const files = copied?.at(paths, inv.index) ?? [];
  if (!files.length) return null;
  // a settings command writes these same files: which one the tool reads last is not worked out
  const stored = target.sources.flatMap((x) => ('setting' in x ? [x.setting] : []));
  const write = stored.map((x) => storedSetting(x, inv, run, st)).find((x) => x);
  for (const p of paths) {
    const file = files.filter((f) => f.path === p).pop();
    if (!file) continue;
    const what = `${p} (${file.how} on line ${file.line})`;
    if (write)
      return {
        ok: false,
        reason: `${what} and ${settingText(write.write)} may both set ${src.key}, and which one ${inv.n.tool} reads last is not worked out`,
      };
    const value = configValue(file.text, src.key, src.format, src.sections);
    if (value === undefined) continue;
    if (value === null)
      return {
        ok: false,
        reason:
          file.text === null
            ? `${what} may set ${src.key}, and the tool cannot read it`
            : `${what} sets ${src.key} to a value only known when the image builds`,
      };
    const path = inHome(value, h) ?? value;
    if (!path.startsWith('/'))
      return { ok: false, reason: `the ${src.key} that ${what} sets (${value}) is not an absolute path` };
    return { ok: true, path, via: what };
  }
  return null;
}

/** The folder a tool works in: the one an option gives (`--prefix /app`, `-C web`), else `cwd`. */
function projectFolder(inv: Invocation, options: string[], cwd: string | null): string | null {
  for (const o of options) {
    const w = optionValue(inv.n.args, o);
    if (!w) continue;
    if (w.value === null) return null;
    if (w.value.startsWith('/')) return normalizePath(w.value);
    return cwd === null ? null : normalizePath(`${cwd}/${w.value}`);
  }
  return cwd;
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
export function envValue(
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

/** A variable's value in the stage (ENV, and HOME from the user), or null when not known. */
export function stageValue(name: string, st: StageState): string | null {
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
 */
export function resolveTarget(
  target: CacheTarget,
  invs: Invocation[],
  run: RunAnalysis,
  st: StageState,
  /** What config files the build put into the image before the RUN (none known: absent). */
  copied?: CopiedLookup,
): Resolution {
  let resolved: { path: string; via: string } | null = null;
  for (const inv of targetInvocations(target, invs)) {
    const r = resolveFor(target, inv, run, st, copied);
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
  // a --mount value is CSV: a comma, quote or blank in the target cannot be written literally
  if (/[,"'\s=]/.test(path))
    return { ok: false, reason: `the cache directory ${path} has characters a --mount target cannot hold` };
  let uid: number | null = null;
  let gid: number | null = null;
  if (!target.rootOwned) {
    const other = invs.find((i) => i.n.sudoUser !== null);
    if (other)
      return {
        ok: false,
        reason: `it runs ${other.manager.id} as user ${other.n.sudoUser} (sudo -u), whose cache the tool does not look up`,
      };
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
  copied?: CopiedLookup,
): { ok: true; path: string; via: string } | { ok: false; reason: string } {
  const absolute = (v: string, what: string) =>
    v.startsWith('/') ? null : { ok: false as const, reason: `${what} is not an absolute path` };
  for (const src of target.sources) {
    if ('option' in src && !('envOption' in src)) {
      const w: ShellWord | null = optionValue(inv.n.args, src.option);
      if (!w) continue;
      if (src.unsupported) return { ok: false, reason: src.unsupported };
      const v = expandWord(w, (x) => stageValue(x, st), home(st).value);
      if (v === null || !v.startsWith('/'))
        return { ok: false, reason: `${src.option} ${w.raw} is not a literal absolute path` };
      return { ok: true, path: v + (src.suffix ?? ''), via: src.option };
    }
    if ('env' in src) {
      const e = envValue(src.env, inv, run, st);
      if (!e.set) continue;
      if (e.value !== null && disablingValue(inv.manager, src.env, e.value)) continue;
      if (src.unsupported) return { ok: false, reason: src.unsupported };
      if (e.value === null) return { ok: false, reason: e.why ?? `${src.env} is not known` };
      const value = src.list ? e.value.split(src.list)[0] : e.value;
      const bad = absolute(value, `${src.env}=${e.value}`);
      if (bad) return bad;
      return { ok: true, path: value + (src.suffix ?? ''), via: src.env };
    }
    if ('envOption' in src) {
      const e = envValue(src.envOption, inv, run, st);
      if (!e.set) continue;
      if (e.value === null) return { ok: false, reason: e.why ?? `${src.envOption} is not known` };
      const word = e.value.split(/\s+/).find((x) => x === src.option || x.startsWith(src.option + '='));
      if (!word) continue;
      const value = word.slice(src.option.length + 1);
      const bad = absolute(value, `${src.option}=${value} in ${src.envOption}`);
      if (bad) return bad;
      return { ok: true, path: value + (src.suffix ?? ''), via: src.envOption };
    }
    if ('home' in src) {
      if (src.rootHome && st.user.uid === 0)
        return { ok: true, path: `${src.rootHome}/${src.home}`, via: 'home' };
      const h = home(st);
      if (h.value === null) return { ok: false, reason: h.why ?? 'the home directory is not known' };
      return { ok: true, path: `${h.value}/${src.home}`, via: 'home' };
    }
    if ('workdir' in src) {
      const cwd = cwdAt(run, inv.index, st);
      if (cwd === null)
        return {
          ok: false,
          reason:
            'the working directory of the command is not known (no WORKDIR, or a cd the tool cannot follow)',
        };
      return { ok: true, path: `${cwd}/${src.workdir}`, via: 'workdir' };
    }
    if ('projectFile' in src) {
      const { names, key, format, folderOptions } = src.projectFile;
      const cwd = projectFolder(inv, folderOptions ?? [], cwdAt(run, inv.index, st));
      const setting = projectSetting(copied?.byName(names, cwd, inv.index) ?? [], names, key, format, cwd);
      if (!setting) continue;
      const what = `${setting.file.rel} (${setting.file.how} on line ${setting.file.line})`;
      if (setting.unknown !== undefined) return { ok: false, reason: `${what} ${setting.unknown}` };
      const value = inHome(setting.value, home(st).value) ?? setting.value;
      const bad = absolute(value, `the ${key} that ${what} sets (${setting.value})`);
      if (bad) return bad;
      return { ok: true, path: value + (src.suffix ?? ''), via: what };
    }
    if ('configFile' in src) {
      const found = configFileSetting(src.configFile, target, inv, run, st, copied);
      if (!found) continue;
      if (!found.ok) return found;
      return { ok: true, path: found.path + (src.suffix ?? ''), via: found.via };
    }
    if ('toolPrefix' in src) {
      const w = inv.n.toolWords[0]?.value ?? '';
      const m = /^(\/.*)\/bin\/[^/]+$/.exec(w);
      if (!m) continue;
      return { ok: true, path: m[1] + src.toolPrefix, via: w };
    }
    if ('setting' in src) {
      const found = storedSetting(src.setting, inv, run, st);
      if (!found) continue;
      const { value, write, global } = found;
      const what = settingWhere(write);
      if (!global && (write.uid === null || st.user.uid === null || st.user.assumed))
        return {
          ok: false,
          reason: `${what} stores a setting for its user, and the tool cannot tell whether that user runs this`,
        };
      if (!write.certain || value === null)
        return { ok: false, reason: `${what} moves the cache to a folder the tool cannot work out` };
      const first = src.list ? value.split(src.list)[0] : value;
      const path = inHome(first, home(st).value) ?? first;
      const bad = absolute(path, `the ${src.setting.key} that ${what} sets`);
      if (bad) return bad;
      return { ok: true, path: path + (src.suffix ?? ''), via: what };
    }
    if ('imagePath' in src) {
      const base = st.imagePaths?.[src.imagePath];
      if (!base) continue;
      return { ok: true, path: base + (src.suffix ?? ''), via: `the ${st.image ?? 'base'} image` };
    }
    return { ok: true, path: src.path, via: 'path' };
  }
  return { ok: false, reason: target.unresolved ?? 'no cache location applies' };
}

/** A value of a manager's disabling variable that turns the cache off (composer: COMPOSER_CACHE_DIR=/dev/null). */
function disablingValue(m: PackageManager, name: string, value: string): boolean {
  const d = (m.disablingEnv ?? []).find((x) => x.name === name);
  return !!d && turnsOff(d, value);
}

/** Does this value of a disabling variable turn the cache off? A value the tool cannot read counts as yes. */
export function turnsOff(d: DisablingEnv, value: string | null | undefined): boolean {
  return value === null || value === undefined || (d.disables ?? (() => true))(value);
}
