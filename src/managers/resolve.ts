/**
 * Finding package-manager invocations in a RUN and resolving where their caches are,
 * for the user and environment in force, as literal paths.
 */
import type { RunAnalysis } from '../dockerfile';
import {
  configValue,
  type ConfigFormat,
  type CopiedFile,
  type LineageCommand,
  type PlacedFile,
} from '../copied';
import { within } from '../ecosystems/files';
import {
  matchSubcommand,
  normalizeCommand,
  normalizeThroughXargs,
  optionValue,
  positionalWords,
  toolMatches,
  type Normalized,
} from '../commands';
import { expandWord, type ShellCommand, type ShellScript, type ShellWord } from '../shell';
import {
  describeVar,
  normalizePath,
  resolveUser,
  settingCommands,
  UNKNOWN_PART,
  type SettingCommand,
  type StageState,
  type User,
} from '../stage';
import { MANAGERS } from './index';
import type {
  CacheTarget,
  CommandPattern,
  DefeatingCommand,
  ConfigFileSource,
  DisablingEnv,
  Majors,
  MajorsSignal,
  PackageManager,
  PathSource,
  SettingSource,
  ToolSetting,
  VersionSignals,
} from './types';
import { Memo } from '../memo';

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
 * The words of the invocation's matched sub-command path (`cache clean` is two words), where
 * {@link matchSubcommand} found them: after any options before them and their values
 * (`mvn -s ci.xml package`, `npm --prefix web ci`).
 */
export function subcommandWords(inv: Invocation): ShellWord[] {
  const count = inv.subcommand.split(' ').filter(Boolean).length;
  return positionalWords(inv.n.args, count, inv.pattern.optionsWithValue);
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
const found = new Memo<RunAnalysis, Map<StageState | undefined, Invocation[]>>();

function invocations(run: RunAnalysis, managers: PackageManager[], st: StageState | undefined): Invocation[] {
  const out: Invocation[] = [];
  run.commands.forEach((cmd, index) => {
    const n = normalizeThroughXargs(cmd);
    if (!n) return;
    for (const [manager, patterns] of patternsFor(managers, n.tool)) {
      for (const p of patterns) {
        if (p.whenEnv && !envMatches(p.whenEnv, n, run, st)) continue;
        if (p.whenDefine && !definesMatch(p.whenDefine, n)) continue;
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
  // a list of one manager is often made anew for each call (`[m]`): key it by the manager
  let key = managers;
  if (managers.length === 1) {
    key = single.get(managers[0]) ?? managers;
    single.set(managers[0], key);
  }
  let byTool = patternsByTool.get(key);
  if (!byTool || byTool.size > 10_000) patternsByTool.set(key, (byTool = new Map()));
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
/** The first one-manager list seen for each manager (see {@link patternsFor}). */
const single = new WeakMap<PackageManager, PackageManager[]>();

/** Does one of the variables have a known value matching the pattern, for this command? */
function envMatches(
  cond: NonNullable<CommandPattern['whenEnv']>,
  n: Normalized,
  run: RunAnalysis,
  st: StageState | undefined,
): boolean {
  // a value with unknown parts, when the pattern allows it
  const partly = (w: ShellWord | null | undefined): string | null | undefined =>
    w &&
    (w.value ??
      (cond.partly ? expandWord(w, (x) => (st ? stageValue(x, st) : null), null, UNKNOWN_PART) : null));
  return cond.names.some((name) => {
    let value: string | null | undefined;
    if (n.env.has(name)) value = partly(n.env.get(name));
    else {
      const a = run.scripts.flatMap((s) => s.assignments).find((x) => x.name === name);
      if (a) value = partly(a.value);
      else if (st) {
        const v = st.env.get(name);
        value = v?.value ?? (cond.partly ? v?.shape : null);
      }
    }
    return typeof value === 'string' && cond.matches.test(value);
  });
}

/** Does the command define one of the CMake variables (`-DNAME[:TYPE]=value`, `-D NAME=value`) with a matching value? */
function definesMatch(cond: NonNullable<CommandPattern['whenDefine']>, n: Normalized): boolean {
  return n.args.some((w, i) => {
    const v = w.value === '-D' ? n.args[i + 1]?.value : w.value?.startsWith('-D') ? w.value.slice(2) : null;
    const m = v ? /^([A-Za-z_]\w*)(?::[A-Za-z]+)?=([\s\S]*)$/.exec(v) : null;
    return !!m && cond.names.includes(m[1]) && cond.matches.test(m[2]);
  });
}

/**
 * The invocations a target applies to ({@link CacheTarget.tools}, {@link CacheTarget.majors}):
 * `majors` tells which versions may run an invocation (default: what the invocation itself shows).
 */
export function targetInvocations(
  target: CacheTarget,
  invs: Invocation[],
  majors: (inv: Invocation) => InvocationMajors = invocationMajors,
): Invocation[] {
  return invs.filter(
    (i) =>
      (!target.tools || toolMatches(i.n.tool, target.tools)) &&
      (!target.majors || overlaps(target.majors, majors(i).likely)),
  );
}

/** Does the target apply to any of these invocations? */
export function targetApplies(
  target: CacheTarget,
  invs: Invocation[],
  majors?: (inv: Invocation) => InvocationMajors,
): boolean {
  return targetInvocations(target, invs, majors).length > 0;
}

/**
 * The major versions of its tool that may run an invocation ({@link PackageManager.versions}):
 * `certain`, what the build shows (null: not known); `likely`, the same narrowed by hints.
 */
export interface InvocationMajors {
  certain: Majors | null;
  likely: Majors | null;
}

/** The versions both ranges allow; null when there are none. */
function intersectMajors(a: Majors, b: Majors): Majors | null {
  const min = Math.max(a.min ?? 0, b.min ?? 0);
  const max = Math.min(a.max ?? Infinity, b.max ?? Infinity);
  if (min > max) return null;
  return { ...(min > 0 ? { min } : {}), ...(max < Infinity ? { max } : {}) };
}

/** May a version of `range` run, where `known` says which may (null: any)? */
function overlaps(range: Majors, known: Majors | null): boolean {
  return known === null || intersectMajors(range, known) !== null;
}

/** Is every version `inner` allows one of `outer`'s? */
function inside(inner: Majors, outer: Majors): boolean {
  return (inner.min ?? 0) >= (outer.min ?? 0) && (inner.max ?? Infinity) <= (outer.max ?? Infinity);
}

/**
 * Which major versions of its tool may run an invocation. Without `at` only the invocation's own
 * sub-command and flags count; with it, also the files the build puts in its folder and the
 * commands before it (see {@link VersionSignals}).
 */
export function invocationMajors(
  inv: Invocation,
  at?: { run: RunAnalysis; st: StageState; copied?: CopiedLookup },
): InvocationMajors {
  const spec = inv.manager.versions;
  if (!spec) return { certain: null, likely: null };
  // asked for every target and setting of the invocation: worked out once per lookup
  const key = at?.copied ?? NO_LOOKUP;
  let known = majorsFound.get(key);
  if (!known) majorsFound.set(key, (known = new WeakMap()));
  let found = known.get(inv);
  if (!found) known.set(inv, (found = majorsOf(spec, inv, at)));
  return found;
}
const NO_LOOKUP = {};
const majorsFound = new WeakMap<object, WeakMap<Invocation, InvocationMajors>>();

function majorsOf(
  spec: VersionSignals,
  inv: Invocation,
  at: { run: RunAnalysis; st: StageState; copied?: CopiedLookup } | undefined,
): InvocationMajors {
  // what the invocation gets past only with some versions decides
  let decided: Majors | null | undefined;
  for (const e of spec.invocation) {
    if (!invocationUses(inv, e)) continue;
    decided = decided === undefined ? e.majors : decided && intersectMajors(decided, e.majors);
  }
  if (decided !== undefined) return { certain: decided, likely: decided };
  const certain = at ? projectMajors(spec, inv, at.run, at.st, at.copied) : null;
  if (certain) return { certain, likely: certain };
  let likely: Majors | null = null;
  for (const h of spec.hints ?? [])
    if (invocationUses(inv, h)) likely = intersectMajors(likely ?? {}, h.majors);
  return { certain: null, likely };
}

/** Does the invocation run one of the sub-commands (when given), with one of the flags (when given)? */
function invocationUses(inv: Invocation, e: { subcommands?: string[]; flags?: string[] }): boolean {
  if (!e.subcommands && !e.flags) return false;
  if (e.subcommands && !e.subcommands.includes(inv.subcommand)) return false;
  return (
    !e.flags ||
    inv.n.args.some(
      (w) => w.value !== null && e.flags!.some((f) => w.value === f || w.value!.startsWith(f + '=')),
    )
  );
}

/**
 * The versions the project's files and the commands before the invocation allow, when they
 * agree on some and rule others out; null when they say nothing, disagree, or may disagree.
 */
function projectMajors(
  spec: VersionSignals,
  inv: Invocation,
  run: RunAnalysis,
  st: StageState,
  copied: CopiedLookup | undefined,
): Majors | null {
  if (!copied) return null;
  const cwd = projectFolder(inv, spec.folderOptions ?? [], cwdAt(run, inv.index, st));
  // what the signals that apply agree on (null: they disagree), and those that may apply
  const seen: { sure: Majors | null; maybe: (Majors | 'unknown')[] } = { sure: {}, maybe: [] };
  // `here`: the signal applies (true), may apply (null) or does not (false)
  const take = (signal: MajorsSignal, here: boolean | null) => {
    if (signal === null || here === false) return;
    if (here === null) seen.maybe.push(signal);
    else seen.sure = signal === 'unknown' || !seen.sure ? null : intersectMajors(seen.sure, signal);
  };
  for (const f of spec.files) {
    // the file put last at a path is the one there
    const last = new Map<string | null, CopiedFile[]>();
    for (const file of copied.byName(f.names, cwd, inv.index)) {
      if (file.path === null) last.set(null, [...(last.get(null) ?? []), file]);
      else last.set(file.path, [file]);
    }
    for (const [at, files] of last) {
      const here = at === null || cwd === null ? null : within(cwd, at.slice(0, at.lastIndexOf('/')) || '/');
      for (const file of files) take(file.text === null ? 'unknown' : f.majors(file.text), here);
    }
  }
  for (const c of copied.commands?.(inv.index) ?? []) {
    for (const e of spec.commands) {
      if (!toolMatches(c.n.tool, e.tools)) continue;
      const sub = matchSubcommand(c.n.args, e.subcommands);
      if (sub === null) continue;
      let here: boolean | null = c.certain ? true : null;
      if (e.project) here = c.cwd === null || cwd === null ? null : within(cwd, c.cwd) ? here : false;
      take(e.majors(wordsAfter(c.n.args, sub)), here);
      break;
    }
  }
  const { sure, maybe } = seen;
  if (!sure || maybe.some((m) => m === 'unknown' || !intersectMajors(sure, m))) return null;
  return sure.min === undefined && sure.max === undefined ? null : sure;
}

/** The words after a sub-command path (`set version`), its own words left out. */
function wordsAfter(args: ShellWord[], sub: string): ShellWord[] {
  const parts = sub.split(' ').filter(Boolean);
  return args.filter((w) => !(parts.length && w.value === parts[0] && parts.shift()));
}

/**
 * A setting as the tool reads it for an invocation ({@link ToolSetting}): its value and where it
 * is given (`what`, for messages); `unknown` when something gives it a value the tool cannot
 * read; null when nothing gives it.
 */
function readSetting(
  s: ToolSetting,
  inv: Invocation,
  run: RunAnalysis,
  st: StageState,
  copied?: CopiedLookup,
): { value: string; what: string } | { unknown: string } | null {
  const parse = (v: string) => (s.parse ? s.parse(v) : v);
  const e = envValue(s.env, inv, run, st);
  if (e.set) {
    if (e.value === null) return { unknown: e.why ?? `${s.env} is not known` };
    const v = parse(e.value);
    const staged = inv.n.env.has(s.env) ? undefined : describeVar(st, s.env);
    const what =
      staged?.origin === 'env'
        ? `\`ENV ${s.env}=${e.value}\` on line ${staged.line}`
        : staged?.origin === 'image'
          ? `${s.env}=${e.value} in the ${st.image ?? 'base'} image`
          : `\`${s.env}=${e.value}\` on the command`;
    return v === null ? { unknown: `${what} is not a value ${inv.n.tool} reads` } : { value: v, what };
  }
  const given = (key: string, raw: string, where: string) => {
    const value = parse(raw);
    return value === null
      ? { unknown: `${where} sets ${key} to ${raw}, which is not a value ${inv.n.tool} reads` }
      : { value, what: `\`${key}: ${raw}\` in ${where}` };
  };
  if (s.projectFile) {
    const { names, key, format, folderOptions } = s.projectFile;
    const cwd = projectFolder(inv, folderOptions ?? [], cwdAt(run, inv.index, st));
    const setting = projectSetting(copied?.byName(names, cwd, inv.index) ?? [], names, key, format, cwd);
    if (setting) {
      const where = `${setting.file.rel} (${setting.file.how} on line ${setting.file.line})`;
      if (setting.unknown !== undefined) return { unknown: `${where} ${setting.unknown}` };
      return given(key, setting.value, where);
    }
  }
  if (s.configFile) {
    const file = configFileValue(s.configFile, inv, run, st, copied);
    if (file) return 'unknown' in file ? file : given(s.configFile.key, file.value, file.what);
  }
  return null;
}

/**
 * Whether the manager's stage setup ({@link StageSetup}) is needed for these invocations (those
 * of its `forTarget`), or why that target cannot be mounted: the build already gives the
 * setting the value the ENV would (or the tool's version has it by default, or another setting
 * makes it needless), or gives it another value, the project's own choice.
 */
export function setupNeed(
  m: PackageManager,
  invs: Invocation[],
  run: RunAnalysis,
  st: StageState,
  copied?: CopiedLookup,
): { need: boolean } | { refuse: string } {
  const setup = m.setup;
  const entries = Object.entries(setup?.env ?? {});
  if (!setup?.setting || entries.length !== 1) return { need: true };
  const want = entries[0][1];
  let need = false;
  for (const inv of invs) {
    const needless = (setup.needlessWith ?? []).some((n) => {
      const r = readSetting(n.setting, inv, run, st, copied);
      return !!r && 'value' in r && n.values.includes(r.value);
    });
    if (needless) continue;
    const r = readSetting(setup.setting, inv, run, st, copied);
    const conflict = setup.conflict ?? 'the mount would change what the build does';
    if (r && 'unknown' in r) return { refuse: `${r.unknown}; unless it is ${want}, ${conflict}` };
    if (r) {
      if (r.value === want) continue;
      return { refuse: `${r.what}: with it, ${conflict}` };
    }
    const { certain } = invocationMajors(inv, { run, st, copied });
    const byDefault = certain && (setup.defaults ?? []).find((d) => inside(certain, d.majors));
    if (byDefault && byDefault.value === want) continue;
    need = true;
  }
  return { need };
}

/**
 * The value the manager's stage setting ({@link StageSetup.setting}) has for these invocations
 * once the setup is in place (`need`: its ENV goes in, see {@link setupNeed}): what the
 * command or the stage's environment gives, else the ENV's, else what the project's files
 * give, else the version's default; null where the tool cannot tell or the invocations differ.
 */
export function setupValue(
  m: PackageManager,
  invs: Invocation[],
  run: RunAnalysis,
  st: StageState,
  copied: CopiedLookup | undefined,
  need: boolean,
): string | null {
  const setup = m.setup;
  const entries = Object.entries(setup?.env ?? {});
  if (!setup?.setting || entries.length !== 1 || !invs.length) return null;
  let value: string | null | undefined;
  for (const inv of invs) {
    let v: string | null;
    // the ENV the setup adds wins over the project's files, not over the command's own
    if (need && !envValue(setup.setting.env, inv, run, st).set) v = entries[0][1];
    else {
      const r = readSetting(setup.setting, inv, run, st, copied);
      if (r) v = 'value' in r ? r.value : null;
      else {
        const { certain } = invocationMajors(inv, { run, st, copied });
        v = (certain && (setup.defaults ?? []).find((d) => inside(certain, d.majors))?.value) || null;
      }
    }
    if (value !== undefined && v !== value) return null;
    value = v;
  }
  return value ?? null;
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
          (!p.withFlags || n.args.some((a) => hasFlag(a, p.withFlags!))) &&
          !(p.withoutFlags && n.args.some((a) => hasFlag(a, p.withoutFlags!))),
      )
    ) {
      out.push({ cmd, n });
    }
  }
  return out;
}

/** Is the word one of the flags (a long one also as `--flag=value`)? */
function hasFlag(w: ShellWord, flags: string[]): boolean {
  const v = w.value;
  return v !== null && flags.some((f) => v === f || (f.startsWith('--') && v.startsWith(f + '=')));
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
    const dir = projectDir(file.path, names);
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

/** The project folder of a config file: the one above the name's own folders (`.mvn/maven.config`). */
function projectDir(path: string, names: readonly string[]): string {
  const name = names.find((n) => path.endsWith(`/${n}`)) ?? '';
  return path.slice(0, path.length - name.length - 1) || '/';
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

/** A settings command and where it ran, for messages: `` `npm config set cache /x` (line 3) ``. */
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
      // the settings commands of the manager: a source's own, or those an `elsewhere` one reads
      const settings =
        'setting' in src
          ? [src.setting]
          : 'elsewhere' in src
            ? (src.settings ?? []).map((x) => x.setting)
            : [];
      for (const setting of settings) {
        const found = storedSetting({ ...setting, key }, inv, run, st);
        if (found) return { value: found.write.certain ? found.value : null, by: settingWhere(found.write) };
      }
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
  /** The commands of the earlier RUNs of the stage lineage, and of this RUN before its command `before`. */
  commands?(before: number): LineageCommand[];
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
): { ok: true; path: string; via: string } | { ok: false; reason: string; set?: string } | null {
  // a settings command writes these same files: which one the tool reads last is not worked out
  const stored = target.sources.flatMap((x) => ('setting' in x ? [x.setting] : []));
  const write = stored.map((x) => storedSetting(x, inv, run, st)).find((x) => x);
  const found = configFileValue(
    src,
    inv,
    run,
    st,
    copied,
    write
      ? (what) =>
          `${what} and ${settingText(write.write)} may both set ${src.key}, and which one ${inv.n.tool} reads last is not worked out`
      : undefined,
  );
  if (!found) return null;
  if ('unknown' in found) return { ok: false, reason: found.unknown, set: found.set };
  const path = inHome(found.value, home(st).value) ?? found.value;
  if (!path.startsWith('/'))
    return {
      ok: false,
      reason: `the ${src.key} that ${found.what} sets (${found.value}) is not an absolute path`,
      set: found.what,
    };
  return { ok: true, path, via: found.what };
}

/**
 * The value of `src.key` in the first file, highest precedence first, that the build puts at
 * one of the config file locations `src` names, and which file that is (`what`); `unknown` when
 * the tool cannot tell (a location or a value only known when the image builds, or `clash`
 * gives a reason no file there can be trusted); null when no file there sets it.
 */
function configFileValue(
  src: ConfigFileSource,
  inv: Invocation,
  run: RunAnalysis,
  st: StageState,
  copied: CopiedLookup | undefined,
  clash?: (what: string) => string,
): { value: string; what: string } | { unknown: string; set?: string } | null {
  const h = home(st).value;
  // `$VAR/...`: where the variable points, when the stage sets it; `${VAR:-default}...`: where
  // it points when set (undefined: set to a value only known when the image builds), else default
  let unknown = '';
  const expand = (p: string): string | null | undefined => {
    const d = /^\$\{([A-Za-z_][A-Za-z0-9_]*):-(.*)\}([^}]*)$/.exec(p);
    if (d) {
      const e = envValue(d[1], inv, run, st);
      if (!e.set) return expand(d[2] + d[3]);
      if (e.value !== null && e.value.startsWith('/')) return normalizePath(e.value + d[3]);
      const why = e.value === null ? (e.why ?? `${d[1]} is not known`) : `${d[1]}=${e.value} is not absolute`;
      unknown = `${inv.n.tool} reads a config file at $${d[1]}${d[3]}, and ${why}`;
      return undefined;
    }
    const v = /^\$([A-Za-z_][A-Za-z0-9_]*)(\/.*)$/.exec(p);
    if (!v) return inHome(p, h);
    const base = stageValue(v[1], st);
    return base === null ? null : base + v[2];
  };
  const paths: string[] = [];
  for (const p of src.paths) {
    const at = expand(p);
    if (at === undefined) return { unknown };
    if (at !== null) paths.push(at);
  }
  // an option naming the file the tool reads instead (`mvn -s settings.xml`)
  for (const o of src.pathOptions ?? []) {
    const w = optionValue(inv.n.args, o);
    if (!w) continue;
    const v = w.value === null ? null : (inHome(w.value, h) ?? w.value);
    const cwd = cwdAt(run, inv.index, st);
    if (v === null || (!v.startsWith('/') && cwd === null))
      return { unknown: `${o} ${w.raw} names a file only known when the image builds` };
    paths.splice(0, paths.length, normalizePath(v.startsWith('/') ? v : `${cwd}/${v}`));
    break;
  }
  // the same options in what the tool also takes as its command line (`.mvn/maven.config`,
  // MAVEN_ARGS): which file they name, from which folder, is not worked out
  const given = (text: string) => {
    const words = text.split(/\s+/);
    return src.pathOptions?.find((o) => words.some((w) => w === o || w.startsWith(`${o}=`)));
  };
  for (const name of src.optionsIn?.env ?? []) {
    const e = envValue(name, inv, run, st);
    const o = e.value === null ? undefined : given(e.value);
    if (o) return { unknown: `${name} gives ${o}, and which file it names is not worked out` };
  }
  if (src.optionsIn?.files) {
    const cwd = cwdAt(run, inv.index, st);
    for (const f of copied?.byName(src.optionsIn.files, cwd, inv.index) ?? []) {
      const o = f.text === null ? undefined : given(f.text);
      if (o)
        return {
          unknown: `${f.rel} (${f.how} on line ${f.line}) gives ${o}, and which file it names is not worked out`,
        };
    }
  }
  if (src.pathEnv) {
    const e = envValue(src.pathEnv, inv, run, st);
    if (e.set) {
      if (e.value === null) return { unknown: e.why ?? `${src.pathEnv} is not known` };
      // pip reads no config file at all then
      if (e.value === '/dev/null') return null;
      if (!e.value.startsWith('/')) return { unknown: `${src.pathEnv}=${e.value} is not an absolute path` };
      // read first, so every other file wins over it (paths go highest first)
      paths.push(normalizePath(e.value));
    }
  }
  const files = copied?.at(paths, inv.index) ?? [];
  if (!files.length) return null;
  for (const p of paths) {
    const file = files.filter((f) => f.path === p).pop();
    if (!file) continue;
    const what = `${p} (${file.how} on line ${file.line})`;
    if (clash) return { unknown: clash(what) };
    const value = configValue(file.text, src.key, src.format, src.sections);
    if (value === undefined) continue;
    if (value === null)
      return file.text === null
        ? { unknown: `${what} may set ${src.key}, and the tool cannot read it` }
        : { unknown: `${what} sets ${src.key} to a value only known when the image builds`, set: what };
    return { value, what };
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
  /**
   * Why a new mount here is not safe: the RUN runs as a user other than root, and the
   * folder above the target is not that user's home (BuildKit would make it, owned by root).
   */
  rootParent?: string;
}

/** `leftOut`: the manager keeps this cache where no mount can go (see {@link PathSource} `elsewhere`); its other caches still count. */
export type Resolution =
  { ok: true; target: ResolvedTarget } | { ok: false; reason: string; leftOut?: boolean };

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

/**
 * The path of the program an invocation runs as written (`/opt/conda/bin/conda`, or
 * `$CONDA_DIR/bin/conda` with the variable's value as {@link envValue} knows it); null
 * when a variable in it is not known.
 */
export function toolPath(inv: Invocation, run: RunAnalysis, st: StageState): string | null {
  const word = inv.n.toolWords[0];
  if (!word) return null;
  return word.value ?? expandWord(word, (x) => envValue(x, inv, run, st).value);
}

/** A variable's value in the stage (ENV, and HOME from the user), or null when not known. */
export function stageValue(name: string, st: StageState): string | null {
  const v = st.env.get(name);
  if (v) return v.value;
  if (name === 'HOME') return st.user.home;
  return null;
}

/**
 * The stage as a command run through gosu, su-exec or `runuser -u` sees it: another user,
 * the same environment, HOME that user's home. The switch needs root.
 */
function switchedState(inv: Invocation, st: StageState): { st: StageState } | { reason: string } {
  const to = inv.n.runAs;
  if (!to) return { st };
  if (st.user.uid !== 0)
    return {
      reason: `it runs ${inv.manager.id} through ${to.by} as user ${to.user} while the RUN's user is not root`,
    };
  const env = new Map(st.env);
  env.delete('HOME');
  return { st: { ...st, env, user: resolveUser(to.user, st, st.user.line) } };
}

function home(st: StageState): { value: string | null; why?: string } {
  const env = st.env.get('HOME');
  if (env) return { value: env.value, why: env.value === null ? env.why : undefined };
  if (st.user.home) return { value: st.user.home };
  return { value: null, why: st.user.why ?? `the home of USER ${st.user.spec} is not known` };
}

/** Folders every Linux base image with a shell has (the Filesystem Hierarchy Standard's). */
const FHS_FOLDERS = [
  '/',
  '/etc',
  '/home',
  '/opt',
  '/root',
  '/tmp',
  '/usr',
  '/usr/local',
  '/usr/local/share',
  '/usr/share',
  '/var',
  '/var/cache',
  '/var/lib',
  '/var/tmp',
];

/**
 * Folders known to be in the image before a RUN: the FHS folders, the user's home (or, when it is missing,
 * one the user could not have made either), and the folders the base image's own
 * environment and known install locations name (CARGO_HOME, GOPATH, GEM_HOME, /opt/conda).
 */
function imageFolders(st: StageState): Set<string> {
  const out = new Set<string>(FHS_FOLDERS);
  const h = home(st).value;
  if (h) out.add(normalizePath(h));
  for (const v of st.env.values())
    if (v.origin === 'image' && v.value?.startsWith('/') && !v.value.includes(':'))
      out.add(normalizePath(v.value));
  for (const v of Object.values(st.imagePaths ?? {})) out.add(normalizePath(v));
  return out;
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
  // the user the commands run as: the RUN's, or the one gosu/su-exec switch to
  let user: User | null = null;
  let userState: StageState | null = null;
  for (const inv of targetInvocations(target, invs, (i) => invocationMajors(i, { run, st, copied }))) {
    const as = switchedState(inv, st);
    if ('reason' in as) return { ok: false, reason: as.reason };
    if (user && user.uid !== as.st.user.uid)
      return {
        ok: false,
        reason: `its ${inv.manager.id} commands run as different users (${user.spec}, ${as.st.user.spec})`,
      };
    user = as.st.user;
    userState = as.st;
    const r = resolveFor(target, inv, run, as.st, copied);
    if (!r.ok) return r;
    if (resolved && resolved.path !== r.path) {
      return {
        ok: false,
        reason: `its ${inv.manager.id} commands use different cache directories (${resolved.path}, ${r.path})`,
      };
    }
    resolved = r;
  }
  if (!resolved || !user) return { ok: false, reason: 'no invocation' };
  const path = normalizePath(resolved.path);
  // a --mount value is CSV: a comma, quote or blank in the target cannot be written literally
  if (/[,"'\s=]/.test(path))
    return { ok: false, reason: `the cache directory ${path} has characters a --mount target cannot hold` };
  let uid: number | null = null;
  let gid: number | null = null;
  let rootParent: string | null = null;
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
    if (user.uid === null) {
      return {
        ok: false,
        reason: `the uid of ${user === st.user ? 'USER ' : 'user '}${user.spec} is not known (${user.why ?? 'not created with a fixed uid'})`,
      };
    }
    if (user.uid !== 0) {
      uid = user.uid;
      gid = user.gid;
      // BuildKit makes the folders a mount's target lacks, owned by root, for the RUN. In
      // the home, the user could not have made it there anyway when it was missing; deeper
      // (~/.cache/yarn, ~/.gradle/caches), a missing ~/.cache would now be root's, and any
      // other write into it (node-gyp's headers, a browser a postinstall downloads,
      // Gradle's native/) fails where the original build made the folder itself.
      const parent = path.slice(0, path.lastIndexOf('/')) || '/';
      const made = userState!.folders ?? [];
      if (!imageFolders(userState!).has(parent) && !made.some((f) => within(f, parent)))
        rootParent = `it runs as ${user === st.user ? 'USER ' : 'user '}${user.spec} (uid ${user.uid}), and for the mount BuildKit makes ${parent}, if the image lacks it, owned by root: any other write there in this RUN (another tool's cache, an install script's download) would fail (a \`mkdir -p ${parent}\` in an earlier RUN makes the mount safe)`;
    }
  }
  return {
    ok: true,
    target: { target, path, uid, gid, via: resolved.via, ...(rootParent && { rootParent }) },
  };
}

function resolveFor(
  target: CacheTarget,
  inv: Invocation,
  run: RunAnalysis,
  st: StageState,
  copied?: CopiedLookup,
): { ok: true; path: string; via: string } | { ok: false; reason: string; leftOut?: boolean } {
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
      if (
        src.sharedWith &&
        overlaps(src.sharedWith.majors, invocationMajors(inv, { run, st, copied }).certain)
      )
        return { ok: false, reason: `${src.env}=${e.value}: ${src.sharedWith.why}` };
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
      if (src.unsupported) return { ok: false, reason: `${what} sets ${key}: ${src.unsupported}` };
      if (setting.unknown !== undefined) return { ok: false, reason: `${what} ${setting.unknown}` };
      let value = inHome(setting.value, home(st).value) ?? setting.value;
      const relative = src.projectFile.relative;
      if (relative && !value.startsWith('/')) {
        const base = relative === 'cwd' ? cwdAt(run, inv.index, st) : cwd;
        if (relative === 'project' && base !== projectDir(setting.file.path!, names))
          return {
            ok: false,
            reason: `${what} sets ${key} to a relative path (${value}), and it is not in the folder ${inv.n.tool} works in`,
          };
        if (base === null)
          return {
            ok: false,
            reason: `${what} sets ${key} to a relative path (${value}), and the command's working folder is not known`,
          };
        value = normalizePath(`${base}/${value}`);
      }
      const bad = absolute(value, `the ${key} that ${what} sets (${setting.value})`);
      if (bad) return bad;
      return { ok: true, path: value + (src.suffix ?? ''), via: what };
    }
    if ('configFile' in src) {
      const found = configFileSetting(src.configFile, target, inv, run, st, copied);
      if (!found) continue;
      // a file that sets the key in any way (`[install.cache]`, a variable) is enough then
      const by = found.ok ? found.via : found.set;
      if (src.unsupported && by)
        return { ok: false, reason: `${by} sets ${src.configFile.key}: ${src.unsupported}` };
      if (!found.ok) return found;
      return { ok: true, path: found.path + (src.suffix ?? ''), via: found.via };
    }
    if ('toolPrefix' in src) {
      const w = toolPath(inv, run, st);
      if (w === null)
        return {
          ok: false,
          reason: `the folder ${inv.n.toolWords[0].raw} is run from is not known (a variable the tool cannot read)`,
        };
      const m = /^(\/.*)\/bin\/[^/]+$/.exec(w);
      if (!m) continue;
      return { ok: true, path: m[1] + src.toolPrefix, via: w };
    }
    if ('setting' in src) {
      const found = storedSetting(src.setting, inv, run, st);
      if (!found) continue;
      const { value, write, global } = found;
      const what = settingWhere(write);
      if (!global && src.setting.projectWithoutGlobal)
        return { ok: false, reason: `${what} ${src.setting.projectWithoutGlobal}` };
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
    if ('elsewhere' in src) {
      const why = elsewhereBecause(src, inv, run, st);
      if (why) return { ok: false, reason: `with ${why}, ${src.elsewhere}`, leftOut: true };
      continue;
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

/** What puts the cache elsewhere for this invocation (see {@link PathSource} `elsewhere`), as written; null: nothing. */
function elsewhereBecause(
  src: Extract<PathSource, { elsewhere: string }>,
  inv: Invocation,
  run: RunAnalysis,
  st: StageState,
): string | null {
  if (src.tools && !toolMatches(inv.n.tool, src.tools)) return null;
  const flag = inv.n.args.find((w) => w.value !== null && (src.flags ?? []).includes(w.value));
  if (flag) return `\`${flag.raw}\``;
  for (const o of src.options ?? []) {
    const w = optionValue(inv.n.args, o);
    if (w) return `\`${o} ${w.raw}\``;
  }
  for (const e of src.vars ?? []) {
    const v = envValue(e.name, inv, run, st);
    if (!v.set) continue;
    if (v.value === null) return `${e.name} (${v.why ?? 'not known'})`;
    if (!e.matches || e.matches.test(v.value)) return `${e.name}=${v.value}`;
  }
  for (const x of src.settings ?? []) {
    const found = storedSetting(x.setting, inv, run, st);
    if (!found) continue;
    const what = settingWhere(found.write);
    if (found.value === null || !found.write.certain || !x.matches || x.matches.test(found.value))
      return what;
  }
  return null;
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
