/**
 * The stage model: for every instruction, the build state in force just before it —
 * base image and OS family, ENV and ARG, WORKDIR, SHELL and the user (uid, gid, home),
 * inherited through `FROM <earlier stage>`.
 */
import type { DockerfileDoc, Instruction, Mount } from './dockerfile';
import { imageFacts, isWindowsImage, type OsFamily, type PasswdEntry } from './images';
import type { ShellCommand, ShellWord } from './shell';
import { normalizeCommand, type Normalized } from './commands';
import { within } from './ecosystems/files';

export interface Var {
  /** Value when known for certain, else null. */
  value: string | null;
  origin: 'image' | 'env' | 'arg';
  /** 1-based line that set it (0 for the base image). */
  line: number;
  /** Why the value is not known. */
  why?: string;
  /**
   * When the value is not known: what ENV wrote with the parts it does not know as
   * {@link UNKNOWN_PART} (`ENV PATH=/usr/lib/ccache:$PATH` → `/usr/lib/ccache:\uFFFD`),
   * for patterns that only need the known parts.
   */
  shape?: string;
}

/** Stands for a part of a value only the build knows (see {@link Var.shape}). */
export const UNKNOWN_PART = '\uFFFD';

export interface User {
  /** As written in USER (or 'root'). */
  spec: string;
  name: string | null;
  uid: number | null;
  gid: number | null;
  home: string | null;
  /** Why uid/gid/home are not known. */
  why?: string;
  /**
   * Not known, taken to be root: the stage starts from a base image the tool does not know
   * (which may set another USER) and no USER instruction has run since.
   */
  assumed?: boolean;
  line: number;
}

export interface StageState {
  stage: number;
  /** The stage this one builds on (`FROM <stage>`), or null for an image. */
  parent: number | null;
  /** Root image of the lineage. */
  image: string | null;
  os: OsFamily;
  imageKnown: boolean;
  env: ReadonlyMap<string, Var>;
  args: ReadonlyMap<string, Var>;
  user: User;
  workdir: string | null;
  shell: string[];
  passwd: ReadonlyMap<string, PasswdEntry>;
  groups: ReadonlyMap<string, number | null>;
  /** Well-known install locations of the base image (images.ts `paths`). */
  imagePaths?: Readonly<Record<string, string>>;
  /** Commands of earlier RUNs of the lineage that may store a tool setting (`npm config set cache /x`), oldest first. */
  settings: readonly SettingCommand[];
  /**
   * Folders earlier RUNs of the lineage made for certain (`mkdir -p /home/app/.cache`) and
   * no later one removed: they, and the folders above them, are in the image.
   */
  folders?: readonly string[];
}

/**
 * A command that may store a setting of its tool: its first argument is `config`, `set`
 * or `env` (`npm config set cache /x`, `pnpm config set store-dir /x`, `pip config set
 * global.cache-dir /x`, `poetry config cache-dir /x`). Cache targets read them through
 * {@link PathSource} `setting`.
 */
export interface SettingCommand {
  n: Normalized;
  /** Runs whenever its RUN does. */
  certain: boolean;
  /** 1-based line of its RUN. */
  line: number;
  /** The user that ran it (settings without a global flag are that user's). */
  uid: number | null;
}

const SETTING_VERBS = new Set(['config', 'set', 'env']);

/** The command as a {@link SettingCommand} when it may store a tool setting, else null. */
function settingCommand(
  cmd: ShellCommand,
  n: Normalized | null,
  line: number,
  uid: number | null,
): SettingCommand | null {
  const verb = n?.args.find((w) => !(w.value ?? '').startsWith('-'))?.value;
  if (!n || !verb || !SETTING_VERBS.has(verb)) return null;
  return { n, certain: cmd.certain, line, uid: n.sudoUser !== null || n.runAs !== null ? null : uid };
}

/** The commands of a RUN that may store a tool setting. */
export function settingCommands(
  commands: readonly ShellCommand[],
  line: number,
  uid: number | null,
): SettingCommand[] {
  return commands.flatMap((cmd) => settingCommand(cmd, normalizeCommand(cmd), line, uid) ?? []);
}

const ROOT: PasswdEntry = { name: 'root', uid: 0, gid: 0, home: '/root' };

export class StageModel {
  /** State before each instruction (null before the first FROM). */
  readonly before: (StageState | null)[] = [];
  /** State at the end of each stage. */
  readonly finals: StageState[] = [];
  readonly globalArgs = new Map<string, Var>();

  constructor(readonly doc: DockerfileDoc) {
    let cur: StageState | null = null;
    for (const ins of doc.instructions) {
      this.before.push(cur);
      if (ins.keyword === 'FROM') {
        if (cur) this.finals.push(cur);
        cur = this.startStage(ins);
      } else if (!cur) {
        if (ins.keyword === 'ARG') this.globalArg(ins);
      } else {
        cur = this.step(cur, ins);
      }
    }
    if (cur) this.finals.push(cur);
  }

  stateBefore(instrIndex: number): StageState | null {
    return this.before[instrIndex] ?? null;
  }

  /** Stage indexes whose lineage includes `stage` (itself first). */
  descendants(stage: number): number[] {
    const out = [stage];
    for (const f of this.finals)
      if (out.includes(f.parent ?? -1) && !out.includes(f.stage)) out.push(f.stage);
    return out;
  }

  /** The lineage of a stage: itself, its parent stage, and so on. */
  lineage(stage: number): number[] {
    const out: number[] = [];
    for (let s: number | null = stage; s !== null && !out.includes(s); s = this.finals[s]?.parent ?? null)
      out.push(s);
    return out;
  }

  private globalArg(ins: Instruction): void {
    for (const p of properties(ins)) {
      this.globalArgs.set(p.name, {
        value: p.value,
        origin: 'arg',
        line: ins.line + 1,
        why: `ARG ${p.name}`,
      });
    }
  }

  private startStage(ins: Instruction): StageState {
    const stageIndex = this.finals.length;
    const args = ins.ast.getArguments().map((a) => a.getValue());
    const imageSpec = args[0] ?? '';
    const image = substitute(imageSpec, (n) => this.globalArgs.get(n)?.value ?? null) ?? imageSpec;
    const parentIndex = this.doc.stages.findIndex(
      (s, i) => i < stageIndex && (s.name === image.toLowerCase() || String(i) === image),
    );
    if (parentIndex >= 0 && this.finals[parentIndex]) {
      const p = this.finals[parentIndex];
      return { ...p, stage: stageIndex, parent: parentIndex, args: new Map() };
    }
    const facts = imageFacts(image);
    const env = new Map<string, Var>();
    for (const [k, v] of Object.entries(facts.env)) env.set(k, { value: v, origin: 'image', line: 0 });
    const passwd = new Map<string, PasswdEntry>([['root', ROOT]]);
    for (const u of facts.users) passwd.set(u.name, u);
    const state: StageState = {
      stage: stageIndex,
      parent: null,
      image,
      os: facts.os,
      imageKnown: facts.known,
      env,
      args: new Map(),
      user: rootUser(0),
      workdir: facts.workdir,
      shell: facts.os === 'windows' ? ['cmd', '/S', '/C'] : ['/bin/sh', '-c'],
      passwd,
      groups: new Map([['root', 0]]),
      imagePaths: facts.paths,
      settings: [],
    };
    if (facts.user) state.user = resolveUser(facts.user, state, 0);
    else if (!facts.known) {
      state.user = {
        ...rootUser(0),
        why: `the base image ${image} is not one the tool knows; its USER is assumed to be root`,
        assumed: true,
      };
    }
    if (!facts.known && facts.os === 'unknown' && this.doc.escape === '`') state.os = 'windows';
    return state;
  }

  private step(cur: StageState, ins: Instruction): StageState {
    const line = ins.line + 1;
    switch (ins.keyword) {
      case 'ENV': {
        const env = new Map(cur.env);
        for (const p of properties(ins)) {
          const value = p.value === null ? null : substitute(p.value, (n) => lookup(cur, n, env));
          const shape =
            p.value === null || value !== null
              ? null
              : substitute(p.value, (n) => lookup(cur, n, env) ?? env.get(n)?.shape ?? null, UNKNOWN_PART);
          env.set(p.name, {
            value,
            origin: 'env',
            line,
            why:
              value === null
                ? `ENV ${p.name} on line ${line} depends on a value only known at build time`
                : undefined,
            ...(shape !== null && { shape }),
          });
        }
        return { ...cur, env };
      }
      case 'ARG': {
        const args = new Map(cur.args);
        for (const p of properties(ins)) {
          const global = this.globalArgs.get(p.name);
          args.set(p.name, {
            value: p.value ?? global?.value ?? null,
            origin: 'arg',
            line,
            why: `ARG ${p.name} on line ${line} can be overridden with --build-arg`,
          });
        }
        return { ...cur, args };
      }
      case 'USER': {
        const spec = ins.ast
          .getArguments()
          .map((a) => a.getValue())
          .join(' ');
        return { ...cur, user: resolveUser(spec, cur, line) };
      }
      case 'WORKDIR': {
        const raw = ins.ast
          .getArguments()
          .map((a) => a.getValue())
          .join(' ');
        const v = substitute(raw, (n) => lookup(cur, n));
        let workdir: string | null = null;
        if (v !== null)
          workdir = v.startsWith('/')
            ? normalizePath(v)
            : cur.workdir
              ? normalizePath(cur.workdir + '/' + v)
              : null;
        return { ...cur, workdir };
      }
      case 'SHELL': {
        let shell: string[] = cur.shell;
        try {
          const parsed = JSON.parse(ins.ast.getArgumentsContent() ?? '');
          if (Array.isArray(parsed)) shell = parsed.map(String);
        } catch {
          /* keep */
        }
        const windows = /powershell|pwsh|cmd(\.exe)?$/i.test(shell[0] ?? '') ? 'windows' : cur.os;
        return { ...cur, shell, os: windows };
      }
      case 'RUN':
        return this.runEffects(cur, ins);
      default:
        return cur;
    }
  }

  /** Users and groups that a RUN creates, and the tool settings it may store. */
  private runEffects(cur: StageState, ins: Instruction): StageState {
    if (cur.os === 'windows') return cur;
    let commands: ShellCommand[];
    try {
      commands = this.doc.run(ins.index).commands;
    } catch {
      return cur;
    }
    let passwd: Map<string, PasswdEntry> | null = null;
    let groups: Map<string, number | null> | null = null;
    const settings: SettingCommand[] = [];
    let folders: string[] | null = null;
    for (const cmd of commands) {
      const n = normalizeCommand(cmd);
      if (n && (n.tool === 'mkdir' || n.tool === 'rm')) {
        folders ??= [...(cur.folders ?? [])];
        if (n.tool === 'rm') folders = removedFolders(folders, n.args);
        else if (
          cmd.certain &&
          !cmd.guarded &&
          n.args.some((w) => /^-[a-z]*p|^--parents$/.test(w.value ?? ''))
        )
          folders.push(...literalPaths(n.args, ['-m', '--mode']));
      }
      const setting = settingCommand(cmd, n, ins.line + 1, cur.user.uid);
      if (setting) settings.push(setting);
      if (!n || !['useradd', 'adduser', 'groupadd', 'addgroup'].includes(n.tool)) continue;
      const tool = n.tool;
      const parsed = parseUserCommand(tool, n.args, cur, ins.line + 1, groups ?? cur.groups);
      if (!parsed) continue;
      if (!cmd.certain) parsed.why ??= `the ${tool} on line ${ins.line + 1} runs only on some paths`;
      if ('group' in parsed) {
        groups ??= new Map(cur.groups);
        groups.set(parsed.group, cmd.certain ? parsed.gid : null);
      } else {
        passwd ??= new Map(cur.passwd);
        const entry = cmd.certain ? parsed.entry : { ...parsed.entry, uid: null, why: parsed.why };
        passwd.set(entry.name, entry);
        if (parsed.privateGroup && !(groups ?? cur.groups).has(entry.name)) {
          groups ??= new Map(cur.groups);
          groups.set(entry.name, entry.gid);
        }
      }
    }
    if (!passwd && !groups && !settings.length && !folders) return cur;
    return {
      ...cur,
      passwd: passwd ?? cur.passwd,
      groups: groups ?? cur.groups,
      settings: settings.length ? [...cur.settings, ...settings] : cur.settings,
      ...(folders && { folders }),
    };
  }
}

function rootUser(line: number): User {
  return { spec: 'root', name: 'root', uid: 0, gid: 0, home: '/root', line };
}

/** Resolves `USER name[:group]` / `USER uid[:gid]` against what the stage knows. */
export function resolveUser(spec: string, st: StageState, line: number): User {
  const expanded = substitute(spec, (n) => lookup(st, n));
  if (expanded === null) {
    return {
      spec,
      name: null,
      uid: null,
      gid: null,
      home: null,
      line,
      why: `USER ${spec} depends on a build argument`,
    };
  }
  const [userPart, groupPart] = expanded.split(':');
  let entry: PasswdEntry | undefined;
  if (/^\d+$/.test(userPart)) {
    const uid = Number(userPart);
    entry = [...st.passwd.values()].find((e) => e.uid === uid);
    if (!entry) {
      entry = {
        name: userPart,
        uid,
        gid: uid === 0 ? 0 : null,
        home: uid === 0 ? '/root' : null,
        why: `uid ${uid} is neither created in this Dockerfile nor known in the base image, so its home is unknown`,
      };
    }
  } else {
    entry = st.passwd.get(userPart);
    if (!entry) {
      entry = {
        name: userPart,
        uid: null,
        gid: null,
        home: null,
        why: `user ${userPart} is not created in this Dockerfile nor known in the base image`,
      };
    }
  }
  let gid = entry.gid;
  if (groupPart !== undefined)
    gid = /^\d+$/.test(groupPart) ? Number(groupPart) : (st.groups.get(groupPart) ?? null);
  return { spec, name: entry.name, uid: entry.uid, gid, home: entry.home, why: entry.why, line };
}

type UserCommandResult =
  | { group: string; gid: number | null; why?: string }
  | { entry: PasswdEntry; privateGroup: boolean; why?: string };

const USERADD_VALUE_OPTS = new Set([
  ...['-u', '-g', '-d', '-s', '-c', '-G', '-p', '-e', '-f', '-k', '-K', '-b', '-Z', '-R', '-P'],
  ...[
    '--uid',
    '--gid',
    '--home-dir',
    '--home',
    '--shell',
    '--comment',
    '--groups',
    '--password',
    '--expiredate',
  ],
  ...[
    '--inactive',
    '--skel',
    '--key',
    '--base-dir',
    '--root',
    '--prefix',
    '--selinux-user',
    '--btrfs-subvolume-home',
  ],
]);
const ADDUSER_DEBIAN_VALUE_OPTS = new Set([
  '--uid',
  '--gid',
  '--home',
  '--shell',
  '--gecos',
  '--ingroup',
  '--firstuid',
  '--lastuid',
  '--add_extra_groups',
  '--comment',
  '--conf',
  '-c',
  '--add-extra-groups',
  '--firstgid',
  '--lastgid',
  '--key',
]);
const BUSYBOX_ADDUSER_VALUE_OPTS = new Set(['-h', '-g', '-s', '-G', '-u', '-k']);

function parseOpts(
  args: ShellWord[],
  valueOpts: Set<string>,
): { opts: Map<string, ShellWord | true>; positional: ShellWord[] } {
  const opts = new Map<string, ShellWord | true>();
  const positional: ShellWord[] = [];
  for (let i = 0; i < args.length; i++) {
    const raw = args[i].value;
    if (raw === null) {
      positional.push(args[i]);
      continue;
    }
    const eq = raw.startsWith('--') ? raw.indexOf('=') : -1;
    if (eq > 0) {
      const v = raw.slice(eq + 1);
      opts.set(raw.slice(0, eq), { ...args[i], value: v, parts: [{ lit: v }] });
    } else if (valueOpts.has(raw)) {
      opts.set(raw, args[i + 1] ?? true);
      i++;
    } else if (raw.startsWith('-') && raw.length > 1) {
      // bundled short flags (-rm) or long boolean options
      if (!raw.startsWith('--') && raw.length > 2) for (const ch of raw.slice(1)) opts.set('-' + ch, true);
      else opts.set(raw, true);
    } else positional.push(args[i]);
  }
  return { opts, positional };
}

function optValue(
  opts: Map<string, ShellWord | true>,
  st: StageState,
  ...names: string[]
): string | null | undefined {
  for (const n of names) {
    const v = opts.get(n);
    if (v === undefined) continue;
    if (v === true) return null;
    return wordValue(v, st);
  }
  return undefined;
}

function wordValue(w: ShellWord, st: StageState): string | null {
  if (w.value !== null) return w.value;
  let out = '';
  for (const p of w.parts) {
    if ('lit' in p) out += p.lit;
    else if ('variable' in p) {
      const v = lookup(st, p.variable);
      if (v === null) return null;
      out += v;
    } else return null;
  }
  return out;
}

function toId(v: string | null | undefined, groups?: ReadonlyMap<string, number | null>): number | null {
  if (v === null || v === undefined) return null;
  if (/^\d+$/.test(v)) return Number(v);
  return groups?.get(v) ?? null;
}

function parseUserCommand(
  tool: string,
  args: ShellWord[],
  st: StageState,
  line: number,
  groups: ReadonlyMap<string, number | null>,
): UserCommandResult | null {
  const busybox = st.os === 'alpine';
  if (tool === 'groupadd' || tool === 'addgroup') {
    const { opts, positional } = parseOpts(
      args,
      new Set(['-g', '--gid', '-K', '--key', '-p', '--password', '-R', '--root', '-P', '--prefix']),
    );
    const name = positional.length ? wordValue(positional[positional.length - 1], st) : null;
    if (!name) return null;
    // busybox `addgroup user group` adds a user to a group
    if (tool === 'addgroup' && busybox && positional.length > 1) return null;
    const gidRaw = optValue(opts, st, '-g', '--gid');
    const gid = toId(gidRaw);
    return {
      group: name,
      gid,
      why: gid === null ? `group ${name} on line ${line} has no fixed gid` : undefined,
    };
  }
  let entryName: string | null;
  let uidRaw: string | null | undefined;
  let gidRaw: string | null | undefined;
  let home: string | null | undefined;
  let system = false;
  let privateGroup = true;
  if (tool === 'useradd') {
    const { opts, positional } = parseOpts(args, USERADD_VALUE_OPTS);
    entryName = positional.length ? wordValue(positional[positional.length - 1], st) : null;
    uidRaw = optValue(opts, st, '-u', '--uid');
    gidRaw = optValue(opts, st, '-g', '--gid');
    home = optValue(opts, st, '-d', '--home-dir', '--home');
    const base = optValue(opts, st, '-b', '--base-dir');
    if (home === undefined && base && entryName) home = `${base}/${entryName}`;
    if (opts.has('-N') || opts.has('--no-user-group')) privateGroup = false;
    if (home === undefined && entryName) home = `/home/${entryName}`;
  } else if (busybox) {
    const { opts, positional } = parseOpts(args, BUSYBOX_ADDUSER_VALUE_OPTS);
    entryName = positional.length ? wordValue(positional[0], st) : null;
    uidRaw = optValue(opts, st, '-u');
    gidRaw = optValue(opts, st, '-G');
    home = optValue(opts, st, '-h');
    system = opts.has('-S');
    if (gidRaw !== undefined) privateGroup = false;
    if (home === undefined && entryName) home = opts.has('-H') && system ? null : `/home/${entryName}`;
  } else {
    const { opts, positional } = parseOpts(args, ADDUSER_DEBIAN_VALUE_OPTS);
    entryName = positional.length ? wordValue(positional[0], st) : null;
    if (positional.length > 1) return null; // `adduser user group` adds a user to a group
    uidRaw = optValue(opts, st, '--uid');
    gidRaw = optValue(opts, st, '--gid', '--ingroup');
    home = optValue(opts, st, '--home');
    system = opts.has('--system');
    if (gidRaw !== undefined) privateGroup = false;
    if (home === undefined && entryName) home = system ? null : `/home/${entryName}`;
  }
  if (!entryName) return null;
  const uid = toId(uidRaw);
  let gid = toId(gidRaw, groups);
  if (gid === null && gidRaw === undefined && privateGroup && groups.has(entryName))
    gid = groups.get(entryName) ?? null;
  const whys: string[] = [];
  if (uid === null) {
    whys.push(
      uidRaw === null
        ? `the uid of ${entryName} (line ${line}) comes from a build argument`
        : `${tool} on line ${line} does not fix the uid of ${entryName}`,
    );
  }
  if (home === null || home === undefined)
    whys.push(`the home of system user ${entryName} (line ${line}) is not known`);
  return {
    entry: { name: entryName, uid, gid, home: home ?? null, why: whys.length ? whys.join('; ') : undefined },
    privateGroup: privateGroup && gidRaw === undefined,
    why: whys.length ? whys.join('; ') : undefined,
  };
}

/** A variable's value as RUN sees it: ENV first, then ARG (whose value is never certain). */
export function lookup(st: StageState, name: string, env: ReadonlyMap<string, Var> = st.env): string | null {
  const e = env.get(name);
  if (e) return e.value;
  if (name === 'HOME') return st.user.home;
  return null;
}

/** Where a variable comes from, for explanations. */
export function describeVar(st: StageState, name: string): Var | undefined {
  return st.env.get(name) ?? st.args.get(name);
}

/**
 * Dockerfile variable substitution: `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
 * `${VAR:+alt}`. Returns null when a needed variable is unknown.
 */
export function substitute(
  s: string,
  get: (name: string) => string | null,
  /** Put in place of an expansion whose value is not known, instead of giving null. */
  unknown?: string,
): string | null {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '\\' && s[i + 1] === '$') {
      out += '$';
      i++;
      continue;
    }
    if (ch !== '$') {
      out += ch;
      continue;
    }
    if (s[i + 1] === '{') {
      const close = s.indexOf('}', i + 2);
      if (close < 0) return null;
      const body = s.slice(i + 2, close);
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])(.*))?$/.exec(body);
      if (!m) return null;
      const v = get(m[1]);
      if (m[2] === ':-' || m[2] === '-') out += v === null || (m[2] === ':-' && v === '') ? m[3] : v;
      else if (m[2] === ':+' || m[2] === '+') {
        if (v === null) {
          if (unknown === undefined) return null;
          out += unknown;
        } else out += v !== '' || m[2] === '+' ? m[3] : '';
      } else {
        if (v === null && unknown === undefined) return null;
        out += v ?? unknown;
      }
      i = close;
      continue;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i + 1));
    if (!m) {
      out += '$';
      continue;
    }
    const v = get(m[0]);
    if (v === null && unknown === undefined) return null;
    out += v ?? unknown;
    i += m[0].length;
  }
  return out;
}

/**
 * The folder a mount of a RUN covers: BuildKit puts a relative target (`target=.`, as in
 * `docker init`'s templates) in the working directory. Null when not known: no target, a
 * variable or `~`, or a relative one while the working directory is not known.
 */
export function mountPath(mt: Mount, st: StageState): string | null {
  const t = mt.target;
  if (t === null || /[$~]/.test(t)) return null;
  if (t.startsWith('/')) return normalizePath(t);
  return st.workdir === null ? null : normalizePath(`${st.workdir}/${t}`);
}

/**
 * `folders` less those an `rm` may remove: a folder it names or one inside it; inside the
 * folder of a pattern (`rm -rf /home/app/.cache/*`); all of them for an operand only the
 * build knows (`rm -rf "$DIR"`).
 */
function removedFolders(folders: string[], args: readonly ShellWord[]): string[] {
  const gone: string[] = [];
  for (const w of args) {
    // a brace group (`/home/app/{.cache,.npm}`) names folders the tool does not list
    if (w.value === null || /\{[^}]*,/.test(w.raw)) return [];
    if (w.value.startsWith('-')) continue;
    const { dir, glob } = literalFolder(w.value);
    if (!glob) gone.push(dir);
    else gone.push(...folders.filter((f) => f !== dir && within(f, dir)));
  }
  return folders.filter((f) => !gone.some((g) => within(f, g)));
}

/**
 * The folder an operand names: itself, or for a glob the folder its literal part ends in
 * (`/var/cache/*`: /var/cache).
 */
export function literalFolder(v: string): { dir: string; glob: boolean } {
  const at = v.search(/[*?[]/);
  if (at < 0) return { dir: normalizePath(v), glob: false };
  return { dir: normalizePath(v.slice(0, v.lastIndexOf('/', at)) || '/'), glob: true };
}

/** The literal absolute paths among a command's operands (options, and the values of `withValue`, skipped). */
function literalPaths(args: readonly ShellWord[], withValue: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const v = args[i].value;
    if (v === null) continue;
    if (withValue.includes(v)) i++;
    else if (v.startsWith('/')) out.push(normalizePath(v));
  }
  return out;
}

/** An absolute path whose parts are all names other than `.` and `..`. */
const NORMAL_PATH = /^(?:\/(?!\.\.?(?:\/|$))[^/]+)+$/;

/** `p` with empty and `.` parts removed and `..` applied, absolute. */
export function normalizePath(p: string): string {
  // most paths are already normal (absolute, no empty, `.` or `..` parts, no trailing slash)
  if (NORMAL_PATH.test(p)) return p;
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return '/' + parts.join('/');
}

/** ENV/ARG name-value pairs of an instruction. */
export function properties(ins: Instruction): { name: string; value: string | null }[] {
  const ast = ins.ast as unknown as {
    getProperties?: () => { getName(): string; getValue(): string | null }[];
  };
  return (ast.getProperties?.() ?? []).map((p) => ({ name: p.getName(), value: p.getValue() }));
}

export { isWindowsImage };
