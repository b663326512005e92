/**
 * Moving a broad COPY of the build context below the steps that do not need the code
 * (deps-before-code, downloads-before-code). The COPY moves down instead of the steps
 * moving up, so everything it passes stays byte-identical; each instruction it passes
 * must keep its meaning: see {@link passVerdict}.
 */
import type { BuildContext } from './context';
import { matchSubcommand, normalizeCommand, toolMatches, type Normalized } from './commands';
import { MANAGERS } from './managers';
import type { DockerfileDoc, Instruction } from './dockerfile';
import type { TextEdit } from './edits';
import { keyword } from './edits';
import { within, type CopyMapping } from './ecosystems/files';
import type { ShellCommand, ShellWord } from './shell';
import { expandWord, substitutedCommands } from './shell';
import { downloadUse, pythonImports, stdinShell } from './downloads';
import { normalizePath, properties, substitute, type StageModel, type StageState } from './stage';

/** Where a stage's working folder is when neither the image nor a WORKDIR says: consistent, never shown. */
const UNKNOWN_WORKDIR = '/.workdir';

export interface BroadCopy extends CopyMapping {
  index: number;
  line: number;
  /** The destination as written. */
  destRaw: string;
  /** `--chown`, `--chmod`, `--link` as written, for the manifests COPY. */
  flags: string[];
  /** The instruction as written (for messages). */
  text: string;
  /** The build context it copies from, when known. */
  context: BuildContext | null;
}

export type CopyScan = { copy: BroadCopy } | { problem: string; index: number } | null;

/**
 * A COPY/ADD of one folder of the build context (its root or a sub-folder), or why it cannot
 * be used. `anySource`: any COPY/ADD from the context (what it writes is its destination).
 */
export function broadCopy(
  doc: DockerfileDoc,
  model: StageModel,
  ctx: BuildContext | null,
  index: number,
  anySource = false,
): CopyScan {
  const ins = doc.instructions[index];
  if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') return null;
  if (ins.flags.some((f) => f.name.toLowerCase() === 'from')) return null;
  const content = ins.ast.getArgumentsContent() ?? '';
  if (content.startsWith('[') || /<</.test(content)) return null;
  const args = ins.ast.getArguments().map((a) => a.getValue());
  if (args.length < 2 || (!anySource && args.length !== 2)) return null;
  if (args.slice(0, -1).some(remoteSource)) return null;
  const src = anySource && args.length !== 2 ? '' : normalizeSource(args[0]);
  if (src === null) {
    if (!anySource) return null;
  } else if (!anySource && src !== '' && !(ctx && ctx.isDirectory(src))) return null;
  const text = doc.text.slice(ins.start, ins.end);
  const problem = (why: string) => ({ problem: `${text} (line ${ins.line + 1}) ${why}`, index });
  const other = ins.flags.find((f) => !['chown', 'chmod', 'link'].includes(f.name.toLowerCase()));
  if (other) return problem(`uses --${other.name}, which the tool does not reproduce`);
  const st = model.stateBefore(index);
  if (!st) return null;
  const destRaw = args[args.length - 1];
  const dest = resolveDest(destRaw, st);
  if (dest === null) return problem(`copies to ${destRaw}, which is only known when the image builds`);
  return {
    copy: {
      index,
      line: ins.line + 1,
      src: src ?? '',
      dest,
      destRaw,
      flags: ins.flags.map((f) => doc.text.slice(f.start, f.end)),
      text,
      context: ctx,
    },
  };
}

function normalizeSource(s: string): string | null {
  if (/[*?[\]$\\]/.test(s)) return null;
  const n = normalizePath('/' + s).slice(1);
  return s.startsWith('..') ? null : n;
}

export function workdirOf(st: StageState): string {
  return st.workdir ?? UNKNOWN_WORKDIR;
}

/** A COPY/ADD source that is not in the build context (ADD of a URL or a git repository). */
export function remoteSource(src: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\/|^git@/i.test(src);
}

/** A COPY/ADD destination as a path in the image (relative to the WORKDIR), or null when a variable in it is not known. */
export function resolveDest(raw: string, st: StageState): string | null {
  const v = substitute(raw, (n) => st.env.get(n)?.value ?? null);
  if (v === null) return null;
  return normalizePath(v.startsWith('/') ? v : `${workdirOf(st)}/${v}`);
}

export type Verdict = { kind: 'pass' } | { kind: 'guess'; reason: string } | { kind: 'stop'; reason: string };

const PASS: Verdict = { kind: 'pass' };

/** Instructions a COPY can move below without either changing meaning. */
const NEUTRAL = new Set([
  'USER',
  'LABEL',
  'EXPOSE',
  'CMD',
  'ENTRYPOINT',
  'HEALTHCHECK',
  'STOPSIGNAL',
  'SHELL',
  'MAINTAINER',
]);

/** Whether the broad COPY can move below instruction `index` (which it now precedes). RUNs go through {@link runVerdict}. */
export function passVerdict(doc: DockerfileDoc, model: StageModel, copy: BroadCopy, index: number): Verdict {
  const ins = doc.instructions[index];
  const what = `${ins.ast.getInstruction()} on line ${ins.line + 1}`;
  if (NEUTRAL.has(ins.keyword)) return PASS;
  switch (ins.keyword) {
    case 'ENV':
    case 'ARG': {
      const used = properties(ins).find((p) => new RegExp(`\\$\\{?${p.name}\\b`).test(copy.text));
      return used
        ? { kind: 'stop', reason: `\`${copy.text}\` uses $${used.name}, which ${what} sets` }
        : PASS;
    }
    case 'WORKDIR':
      return copy.destRaw.startsWith('/')
        ? PASS
        : {
            kind: 'stop',
            reason: `${what} changes where the relative destination of \`${copy.text}\` points`,
          };
    case 'RUN':
      return runVerdict(doc, model, copy, index);
    default:
      return { kind: 'stop', reason: `${what} stays between them` };
  }
}

export interface CommandAt {
  cmd: ShellCommand;
  /** Working folder when it runs (null: unknown). */
  cwd: string | null;
  /** Index of its top-level step in the first script, or -1. */
  step: number;
}

/** Every command of a RUN with the folder it runs in (top-level `cd` steps followed). */
export function commandsWithCwd(doc: DockerfileDoc, model: StageModel, index: number): CommandAt[] {
  const run = doc.run(index);
  const st = model.stateBefore(index)!;
  let cwd: string | null = workdirOf(st);
  const out: CommandAt[] = [];
  run.scripts.forEach((script, si) => {
    if (si > 0) cwd = workdirOf(st);
    script.steps.forEach((step, i) => {
      const only = step.commands.length === 1 ? script.commands[step.commands[0]] : null;
      const n = only && normalizeCommand(only);
      // a `cd` inside a group, subshell, branch or loop (`(cd web && npm ci)`): where the
      // commands after it run is not worked out, nor, when it runs in the script's own
      // shell, where the later steps do
      let here = cwd;
      for (const c of step.commands) {
        const cmd = script.commands[c];
        out.push({ cmd, cwd: here, step: si === 0 ? i : -1 });
        const tool = cmd === only ? null : normalizeCommand(cmd)?.tool;
        if (tool === 'cd' || tool === 'pushd' || tool === 'popd') {
          here = null;
          if (cmd.ownShell) cwd = null;
        }
      }
      if (n?.tool === 'cd') cwd = cdTarget(n.args, cwd, st);
      else if (n?.tool === 'pushd' || n?.tool === 'popd') cwd = null;
    });
    const stepless = script.commands.filter((_, ci) => !script.steps.some((s) => s.commands.includes(ci)));
    for (const cmd of stepless) out.push({ cmd, cwd, step: -1 });
  });
  if (run.info.form === 'exec' && !run.scripts.length)
    for (const cmd of run.commands) out.push({ cmd, cwd: workdirOf(st), step: -1 });
  return out;
}

export function cdTarget(args: ShellWord[], cwd: string | null, st: StageState): string | null {
  const operands = args.filter((w) => !(w.value ?? '').startsWith('-'));
  if (operands.length !== 1 || cwd === null) return null;
  const v = expandWord(operands[0], (n) => st.env.get(n)?.value ?? null, st.user.home);
  if (v === null || v === '-') return null;
  return normalizePath(v.startsWith('/') ? v : `${cwd}/${v}`);
}

/** Commands that change only the shell's own state. */
export const SHELL_STATE = new Set(['cd', 'export', 'set', 'unset', 'umask', 'source', '.', 'shopt']);
/** Commands whose operands are not files. */
const TEXT_ONLY = new Set([
  ':',
  'true',
  'false',
  'echo',
  'printf',
  'exit',
  'sleep',
  'export',
  'set',
  'unset',
  'umask',
  'shopt',
]);
/**
 * Questions about the system whose operands are not files (`$(uname -m)`,
 * `$(dpkg --print-architecture)` in a download URL); null: any operands.
 */
const QUERIES: Record<string, RegExp | null> = {
  uname: null,
  arch: null,
  nproc: null,
  id: null,
  whoami: null,
  hostname: null,
  getconf: null,
  basename: null,
  dirname: null,
  lsb_release: null,
  which: null,
  date: /^(?!-r$|--reference)/,
  dpkg: /^--print-(foreign-)?architectures?$/,
};

/** System tools whose operands are package, user or group names. */
const NAMES_ONLY = new Set([
  'apt-get',
  'apt',
  'aptitude',
  'apt-mark',
  'apk',
  'yum',
  'dnf',
  'microdnf',
  'zypper',
  'pacman',
  'useradd',
  'adduser',
  'groupadd',
  'addgroup',
  'usermod',
  'groupmod',
  'locale-gen',
  'update-ca-certificates',
  'ldconfig',
  'dpkg-reconfigure',
  'update-alternatives',
]);
/**
 * Options of {@link NAMES_ONLY} tools whose value is a name, not a file (`apk add --virtual .deps`);
 * apk's operands that start with a dot are virtual package names too (`apk del .build-deps`).
 */
const NAME_OPTIONS = new Set([
  '--virtual',
  '-t',
  '-g',
  '-G',
  '--group',
  '--groups',
  '-u',
  '--uid',
  '-s',
  '--shell',
]);
/** Tools whose operands are files or folders (chown/chmod: after the owner or mode). */
const FILE_TOOLS: Record<string, number> = {
  source: 0,
  '.': 0,
  tar: 0,
  unzip: 0,
  gunzip: 0,
  mkdir: 0,
  rm: 0,
  rmdir: 0,
  touch: 0,
  ln: 0,
  cp: 0,
  mv: 0,
  cat: 0,
  tee: 0,
  chown: 1,
  chgrp: 1,
  chmod: 1,
};

/**
 * Configuration commands that write only the user's or the system's settings, never the
 * project's, and read no project file: they may run before the code arrives. `needs`: one of
 * these flags must be given; `unless`: none of these may be (they make the command write or
 * read the project's own settings); `operand`: it must name what it acts on (`corepack prepare`
 * alone reads package.json).
 */
const USER_CONFIG: { tools: string[]; sub: string[]; needs?: RegExp; unless?: RegExp; operand?: boolean }[] =
  [
    { tools: ['poetry'], sub: ['config'], unless: /^--local$/ },
    { tools: ['npm'], sub: ['config set', 'config delete', 'set'], unless: /^(-L|--location)(=project)?$/ },
    { tools: ['pip', 'pip3'], sub: ['config set', 'config unset'], unless: /^--site$/ },
    { tools: ['git'], sub: ['config'], needs: /^--(global|system)$/ },
    { tools: ['go'], sub: ['env'], needs: /^-w$/ },
    { tools: ['corepack'], sub: ['enable'] },
    { tools: ['corepack'], sub: ['prepare'], operand: true },
    { tools: ['bundle'], sub: ['config set', 'config unset'], needs: /^--global$/ },
    { tools: ['composer'], sub: ['config'], needs: /^(-g|--global)$/ },
    { tools: ['conda', 'mamba', 'micromamba'], sub: ['config'], unless: /^--(file|env)$/ },
  ];

const USER_CONFIG_TOOLS = new Set(USER_CONFIG.flatMap((c) => c.tools));

/** Whether a command only changes user or system configuration (see {@link USER_CONFIG}). */
export function userConfig(n: Normalized): boolean {
  // most commands are none of these tools: nothing to work out for them
  if (!USER_CONFIG_TOOLS.has(n.tool)) return false;
  const flags = n.args.map((w) => w.value ?? '').filter((v) => v.startsWith('-'));
  return USER_CONFIG.some((c) => {
    if (!toolMatches(n.tool, c.tools)) return false;
    const sub = matchSubcommand(n.args, c.sub);
    if (sub === null) return false;
    if (c.needs && !flags.some((f) => c.needs!.test(f.replace(/=.*$/, '')) || c.needs!.test(f))) return false;
    if (c.unless && flags.some((f) => c.unless!.test(f))) return false;
    if (c.operand) {
      const operands = n.args.filter((w) => !(w.value ?? '').startsWith('-'));
      if (operands.length <= sub.split(' ').length) return false;
    }
    return n.args.every((w) => w.value !== null || !w.raw.startsWith('-'));
  });
}

/** The path a configuration value names (`/etc/ca.pem`, `./ca.pem`, `certs/ca.pem`), or null (`github.com/acme/*`). */
function settingPath(arg: string): string | null {
  const v = arg.replace(/^-*[\w.-]+=/, '');
  return /^(\/|\.{1,2}(\/|$)|[\w-]+\/)/.test(v) && !v.includes('://') ? v : null;
}

/** Whether a command changes nothing outside the shell: `echo`, `true`, `export`, `cd`... with no file redirections. */
export function inert(cmd: ShellCommand): boolean {
  const n = normalizeCommand(cmd);
  if (!n || !(TEXT_ONLY.has(n.tool) || SHELL_STATE.has(n.tool)) || n.tool === 'source' || n.tool === '.')
    return false;
  return fileRedirects(cmd).every((r) => r.target.value !== null && r.target.value.startsWith('/dev/'));
}

/** A command's redirections to files: `2>&1` and `>&2` duplicate descriptors and name none. */
function fileRedirects(cmd: ShellCommand): ShellCommand['redirects'] {
  return cmd.redirects.filter(
    (r) => !((r.op === '>&' || r.op === '<&') && r.target.value !== null && /^(\d+|-)$/.test(r.target.value)),
  );
}

/** Whether the commands of a RUN (or some of its steps) read or write what the broad COPY brings in. */
export function runVerdict(
  doc: DockerfileDoc,
  model: StageModel,
  copy: BroadCopy,
  index: number,
  steps?: (step: number) => boolean,
): Verdict {
  const run = doc.run(index);
  const line = doc.instructions[index].line + 1;
  if (run.hasErrors) return { kind: 'stop', reason: `the shell on line ${line} could not be parsed` };
  let worst: Verdict = PASS;
  const all = commandsWithCwd(doc, model, index);
  const st = model.stateBefore(index)!;
  for (const at of all) {
    if (steps && !steps(at.step)) continue;
    const v = commandVerdict(at, copy, st, line);
    if (v.kind === 'stop') return v;
    if (v.kind === 'guess' && worst.kind === 'pass') worst = v;
  }
  // `V=$(cat VERSION)` on its own: no command of the list, yet `cat` reads the file
  if (!steps) {
    const cd = all.some((a) => normalizeCommand(a.cmd)?.tool === 'cd');
    for (const a of run.scripts.flatMap((x) => x.assignments)) {
      if (!a.value) continue;
      const cmd: ShellCommand = {
        ...EMPTY_COMMAND,
        argv: [],
        assigns: [{ name: a.name, value: a.value, start: 0, end: 0 }],
      };
      const v = commandVerdict({ cmd, cwd: cd ? null : workdirOf(st), step: -1 }, copy, st, line);
      if (v.kind === 'stop') return v;
      if (v.kind === 'guess' && worst.kind === 'pass') worst = v;
    }
  }
  return worst;
}

const EMPTY_COMMAND: ShellCommand = {
  argv: [],
  assigns: [],
  redirects: [],
  start: 0,
  end: 0,
  certain: true,
  guarded: false,
  ownShell: true,
  removal: null,
  step: -1,
};

export function commandVerdict(at: CommandAt, copy: BroadCopy, st: StageState, line: number): Verdict {
  const { cmd } = at;
  const n = normalizeCommand(cmd);
  const shown =
    cmd.argv.map((w) => w.raw).join(' ') ||
    cmd.assigns.map((a) => `${a.name}=${a.value?.raw ?? ''}`).join(' ');
  // the commands of its substitutions (`"v$(cat .version)"`) run in the same folder
  let inner: Verdict = PASS;
  const words = [
    ...cmd.argv,
    ...cmd.assigns.flatMap((a) => (a.value ? [a.value] : [])),
    ...cmd.redirects.map((r) => r.target),
  ];
  for (const w of words) {
    const cmds = substitutedCommands(w);
    if (cmds === null) return { kind: 'guess', reason: `cannot tell what \`${w.raw}\` (line ${line}) runs` };
    for (const c of cmds) {
      const v = commandVerdict({ ...at, cmd: c }, copy, st, line);
      if (v.kind === 'stop') return v;
      if (v.kind === 'guess' && inner.kind === 'pass') inner = v;
    }
  }
  if (!cmd.argv.length) return inner;
  const own = ownVerdict(at, copy, st, line, n, shown);
  return own.kind === 'pass' ? inner : own;
}

/** The verdict on a command itself, its substitutions aside. */
function ownVerdict(
  at: CommandAt,
  copy: BroadCopy,
  st: StageState,
  line: number,
  n: Normalized | null,
  shown: string,
): Verdict {
  const { cmd, cwd } = at;
  const value = (w: ShellWord) => expandWord(w, (x) => st.env.get(x)?.value ?? null, st.user.home);
  const touches = (v: string | null): Verdict | null => {
    if (v === null)
      return { kind: 'guess', reason: `cannot tell which file \`${shown}\` (line ${line}) uses` };
    if (v.startsWith('/dev/') || v === '-') return null;
    if (!v.startsWith('/') && cwd === null)
      return { kind: 'guess', reason: `cannot tell which folder \`${shown}\` (line ${line}) runs in` };
    const p = normalizePath(v.startsWith('/') ? v : `${cwd}/${v}`);
    if (within(p, copy.dest) || within(copy.dest, p))
      return {
        kind: 'stop',
        reason: `\`${shown}\` (line ${line}) uses ${v}, where \`${copy.text}\` copies to`,
      };
    return null;
  };
  const all = (values: (string | null)[]): Verdict => {
    let worst: Verdict = PASS;
    for (const v of values) {
      const t = touches(v);
      if (t?.kind === 'stop') return t;
      if (t && worst.kind === 'pass') worst = t;
    }
    return worst;
  };
  const redirects = all(fileRedirects(cmd).map((r) => value(r.target)));
  if (redirects.kind !== 'pass') return redirects;
  if (!n) return { kind: 'guess', reason: `cannot tell what \`${shown}\` (line ${line}) runs` };
  if (TEXT_ONLY.has(n.tool) || n.tool === 'cd' || stdinShell(n) || cacheClean(n)) return PASS;
  const query = Object.hasOwn(QUERIES, n.tool) ? QUERIES[n.tool] : undefined;
  if (query === null || (query && n.args.every((w) => w.value !== null && query.test(w.value)))) return PASS;
  // a setting whose value is a path (`npm config set cafile ./ca.pem`) is read when the install runs
  if (userConfig(n)) return all(n.args.map((w) => settingPath(w.value ?? w.raw)).filter((v) => v !== null));
  const operands = n.args.filter((w) => !(w.value ?? '').startsWith('-'));
  if (NAMES_ONLY.has(n.tool)) {
    // the value of a naming option is a name too (`apk add --virtual .build-deps`, `useradd -d /home/x`)
    const named = new Set(n.args.flatMap((w, i) => (NAME_OPTIONS.has(w.value ?? '') ? [n.args[i + 1]] : [])));
    return all(
      operands
        .filter(
          (w) => !named.has(w) && (w.value === null || (n.tool === 'apk' ? /\// : /\/|^\./).test(w.value)),
        )
        .map(value),
    );
  }
  if (n.tool === 'tar' || n.tool === 'unzip') {
    const use = n.tool === 'tar' ? tarUse(n.args, value) : unzipUse(n.args, value);
    if (use) return all([...use.reads, ...use.writes]);
  }
  if (n.tool in FILE_TOOLS) return all(operands.slice(FILE_TOOLS[n.tool]).map(value));
  const download = downloadUse(n, value);
  if (download) {
    const v = all([...download.writes, ...download.reads]);
    if (v.kind !== 'pass' || !download.code) return v;
    const local = pythonImports(download.code).find((m) => projectHas(copy, cwd, m));
    return local
      ? {
          kind: 'stop',
          reason: `\`${shown}\` (line ${line}) imports ${local}, which \`${copy.text}\` copies`,
        }
      : PASS;
  }
  if (cwd !== null && within(cwd, copy.dest))
    return { kind: 'stop', reason: `\`${shown}\` (line ${line}) runs in ${cwd}, among the copied files` };
  const operandVerdict = all(operands.map(value));
  if (operandVerdict.kind === 'stop') return operandVerdict;
  return { kind: 'guess', reason: `cannot tell whether \`${shown}\` (line ${line}) reads the copied files` };
}

/** `a` then `b` (relative to a), as a path; null when either is not known. */
function joinPath(a: string | null, b: string | null): string | null {
  if (a === null || b === null) return null;
  if (b.startsWith('/') || a === '.') return b;
  return `${a.replace(/\/+$/, '')}/${b}`;
}

/** Short options of GNU tar that take a value (`-f FILE`, `-C DIR`, `-T FILE`...). */
const TAR_VALUE = new Set([...'fCTXbgHKNILVF']);
/** Long options of GNU tar that take a value, as the next word when not given with `=`. */
const TAR_LONG_VALUE =
  /^--(file|directory|files-from|exclude-from|blocking-factor|listed-incremental|format|starting-file|newer|after-date|use-compress-program|tape-length|label|info-script|new-volume-script|owner|group|mode|mtime|transform|xform|exclude|strip-components|record-size|suffix|backup|volno-file|rsh-command|index-file|checkpoint-action|to-command|level|sort|occurrence|quoting-style|hole-detection|atime-preserve|warning|pax-option|one-top-level|newer-mtime)$/;

/**
 * What a `tar` command reads and writes: with -x (extract), the archive, and the folder it
 * extracts into (`-C`, else the working folder; the named members in it); with -t, only
 * the archive (its operands are member names); with -c/-r/-u, the operands (files it reads,
 * relative to `-C`) and the archive it writes. Null: a form the tool does not read.
 */
function tarUse(
  args: ShellWord[],
  value: (w: ShellWord) => string | null,
): { reads: (string | null)[]; writes: (string | null)[] } | null {
  let mode: string | null = null;
  const archives: (string | null)[] = [];
  const lists: (string | null)[] = [];
  let dir: string | null = '.';
  let renames = false;
  let absolute = false;
  const members: (string | null)[] = [];
  const letters = (group: string, i: number): number => {
    let used = i;
    for (const ch of group) {
      if ('cxtruAd'.includes(ch)) mode = mode === null || mode === ch ? ch : '?';
      if (!TAR_VALUE.has(ch)) continue;
      const w = args[++used];
      if (!w) return -1;
      const v = value(w);
      if (ch === 'f') archives.push(v);
      else if (ch === 'C') dir = v === null ? null : joinPath(dir, v);
      else if (ch === 'T' || ch === 'X') lists.push(v);
    }
    return used;
  };
  for (let i = 0; i < args.length; i++) {
    const raw = args[i].value;
    if (raw === null) return null;
    if (i === 0 && /^[a-zA-Z]+$/.test(raw)) {
      // the old form: `tar xzf file.tgz`, the options' values after the group
      i = letters(raw, i);
      if (i < 0) return null;
      continue;
    }
    if (raw === '--') {
      members.push(...args.slice(i + 1).map(value));
      break;
    }
    if (raw.startsWith('--')) {
      const [name, attached] = raw.includes('=')
        ? [raw.slice(0, raw.indexOf('=')), raw.slice(raw.indexOf('=') + 1)]
        : [raw, undefined];
      let v: string | null | undefined = attached;
      if (v === undefined && TAR_LONG_VALUE.test(name)) {
        const w = args[++i];
        if (!w) return null;
        v = value(w);
      }
      const m = /^--(extract|get|list|create|append|update|catenate|concatenate|diff|compare|delete)$/.exec(
        name,
      );
      if (m) {
        const ch = {
          extract: 'x',
          get: 'x',
          list: 't',
          create: 'c',
          append: 'r',
          update: 'u',
          catenate: 'A',
          concatenate: 'A',
          diff: 'd',
          compare: 'd',
          delete: '?',
        }[m[1]]!;
        mode = mode === null || mode === ch ? ch : '?';
      } else if (name === '--file') archives.push(v ?? null);
      else if (name === '--directory') dir = v == null ? null : joinPath(dir, v);
      else if (name === '--files-from' || name === '--exclude-from') lists.push(v ?? null);
      else if (name === '--absolute-names') absolute = true;
      else if (/^--(strip-components|transform|xform|to-command|one-top-level)$/.test(name)) renames = true;
      continue;
    }
    if (raw.startsWith('-') && raw.length > 1) {
      // `-xzf file`, `-C dir`, `-f-`: a value attached to the group's last option
      const body = raw.slice(1);
      const k = [...body].findIndex((ch) => TAR_VALUE.has(ch));
      if (k >= 0 && k < body.length - 1) {
        if (letters(body.slice(0, k), i) !== i) return null;
        const v = body.slice(k + 1);
        const ch = body[k];
        if (ch === 'f') archives.push(v);
        else if (ch === 'C') dir = joinPath(dir, v);
        else if (ch === 'T' || ch === 'X') lists.push(v);
        continue;
      }
      if (body.includes('P')) absolute = true;
      i = letters(body, i);
      if (i < 0) return null;
      continue;
    }
    // a member, with the folder `-C` gave before it
    members.push(joinPath(dir, raw));
  }
  if (mode === null || mode === '?') return null;
  // no -f: the archive is stdin or stdout (or $TAPE)
  const reads: (string | null)[] = [...lists];
  const writes: (string | null)[] = [];
  if (mode === 'x') {
    reads.push(...archives);
    // what it writes: the named members, else anything in the folder
    if (members.length && !renames && !lists.length) writes.push(...members);
    else writes.push(dir);
    // -P: members keep their absolute paths, wherever they are
    if (absolute && !(members.length && !lists.length)) writes.push(null);
  } else if (mode === 't') reads.push(...archives);
  else if (mode === 'd') reads.push(...archives, ...members, ...(members.length ? [] : [dir]));
  else {
    // -c, -r, -u, -A: the operands are read (archives for -A), the archive written
    reads.push(...members);
    writes.push(...archives);
    if (mode !== 'c') reads.push(...archives);
  }
  return { reads, writes };
}

/**
 * What `unzip` reads and writes: the archive, and the folder it extracts into (`-d`, else
 * the working folder); the other operands and `-x` list are member names. `-l`, `-t`, `-v`,
 * `-p`, `-c`, `-Z` write nothing. Null: a form the tool does not read.
 */
function unzipUse(
  args: ShellWord[],
  value: (w: ShellWord) => string | null,
): { reads: (string | null)[]; writes: (string | null)[] } | null {
  let archive: string | null | undefined;
  let dir: string | null = '.';
  let writes = true;
  for (let i = 0; i < args.length; i++) {
    const raw = args[i].value;
    if (raw === null) return null;
    if (raw.startsWith('-') && raw.length > 1) {
      if (raw === '-d') {
        const w = args[++i];
        if (!w) return null;
        dir = value(w);
      } else if (raw.startsWith('-d')) dir = raw.slice(2);
      else if (raw === '-x') continue;
      else if (raw === '-P') i++;
      else if (/^-[a-zA-Z]*[ltvpcZ]/.test(raw)) writes = false;
      else if (!/^-[a-zA-Z]+$/.test(raw)) return null;
      continue;
    }
    // the other operands, and those after -x, are member names
    if (archive === undefined) archive = value(args[i]);
  }
  if (archive === undefined) return null;
  return { reads: [archive], writes: writes ? [dir] : [] };
}

/** A package manager's own cache clean (`npm cache clean --force`): it reads no project file. */
function cacheClean(n: Normalized): boolean {
  // made at the first call: the managers import this module
  cacheCleans ??= MANAGERS.flatMap((m) =>
    (m.defeatingCommands ?? []).map((d) => ({ tools: d.tools, subcommand: [d.subcommand] })),
  );
  for (const d of cacheCleans)
    if (toolMatches(n.tool, d.tools) && matchSubcommand(n.args, d.subcommand) !== null) return true;
  return false;
}

/** Every manager's cache clean-up commands, each sub-command as a one-path list for matchSubcommand. */
let cacheCleans: { tools: (string | RegExp)[]; subcommand: string[] }[] | undefined;

/** Whether a Python module of this name would be imported from the copied files (run in `cwd`). */
function projectHas(copy: BroadCopy, cwd: string | null, module: string): boolean {
  if (cwd === null || !copy.context) return true;
  if (!within(cwd, copy.dest)) return false;
  const dir = cwd.slice(copy.dest.length).replace(/^\//, '');
  const base = [copy.src, dir].filter(Boolean).join('/');
  const at = (name: string) => (base ? `${base}/${name}` : name);
  return copy.context.available(at(`${module}.py`)) || copy.context.available(at(module));
}

/** Whether a RUN fetches something (a model, a repository, a toolchain, an archive). */
export function downloads(doc: DockerfileDoc, model: StageModel, index: number): boolean {
  const st = model.stateBefore(index)!;
  return doc.run(index).commands.some((cmd) => {
    const n = normalizeCommand(cmd);
    return (
      !!n && downloadUse(n, (w) => expandWord(w, (x) => st.env.get(x)?.value ?? null, st.user.home)) !== null
    );
  });
}

/** The text of an instruction with the comment lines directly above it, and its line ending. */
export function instructionBlock(
  doc: DockerfileDoc,
  index: number,
): { start: number; end: number; text: string } {
  const start = doc.anchorBefore(index);
  const end = doc.afterInstruction(index);
  let text = doc.text.slice(start, end);
  if (!/\n$/.test(text)) text += doc.eol;
  return { start, end, text };
}

/** Inserts whole lines right after an instruction (the file's last line may have no line ending). */
export function insertAfter(doc: DockerfileDoc, index: number, text: string): TextEdit {
  const ins: Instruction = doc.instructions[index];
  const end = doc.lines.lineEnd(ins.endLine);
  if (doc.lines.lineEndWithEol(ins.endLine) === end)
    return { start: end, end, text: doc.eol + text.replace(/\r?\n$/, '') };
  const at = doc.lines.lineEndWithEol(ins.endLine);
  return { start: at, end: at, text };
}

/** `COPY` lines that bring the given context paths to the same place the broad COPY would, with its flags. */
export function copyLines(
  doc: DockerfileDoc,
  copy: BroadCopy,
  items: { source: string; image: string; folder: boolean }[],
): string[] {
  const kw = keyword(doc, 'COPY');
  const flags = copy.flags.length ? copy.flags.join(' ') + ' ' : '';
  const groups = new Map<string, string[]>();
  const lines: string[] = [];
  for (const it of items) {
    const rel = it.image === copy.dest ? '' : it.image.slice(copy.dest === '/' ? 1 : copy.dest.length + 1);
    if (it.folder) {
      lines.push(`${kw} ${flags}${it.source}/ ${destFor(copy.destRaw, rel, true)}`);
      continue;
    }
    const dir = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '';
    groups.set(dir, [...(groups.get(dir) ?? []), it.source]);
  }
  const files = [...groups.entries()]
    .sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b)))
    .map(
      ([dir, sources]) =>
        `${kw} ${flags}${sources.join(' ')} ${destFor(copy.destRaw, dir, sources.length > 1 || dir !== '')}`,
    );
  return [...files, ...lines];
}

/** The destination for files of sub-folder `rel` of the copy; a folder destination ends with `/`. */
function destFor(destRaw: string, rel: string, folder: boolean): string {
  const base = destRaw.replace(/\/+$/, '');
  let d = rel ? (base === '.' ? `./${rel}` : `${base}/${rel}`) : destRaw;
  if (d === '') d = '/';
  if ((folder || !(d === '.' || d.endsWith('/'))) && !d.endsWith('/')) d += '/';
  return d;
}
