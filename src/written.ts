/**
 * Files the commands of a RUN write, and what they write when the command says so
 * literally: `echo "cache=/srv/npm" > ~/.npmrc`, `printf '[global]\ncache-dir=/x\n' >
 * /etc/pip.conf`, `rm -f .npmrc`. Tools read their config files from fixed places, so a
 * file written there by an earlier command can move the tool's cache just as a copied one
 * can (see copied.ts). What a command writes without saying it (`cp`, `tee`, `sed -i`,
 * a download, a heredoc) counts as unknown text: a setting may be in it.
 */
import * as path from 'node:path';
import { normalizeCommand } from './commands';
import type { DockerfileDoc } from './dockerfile';
import { cwdAt, stageValue } from './managers/resolve';
import { expandWord, type ShellCommand, type ShellWord } from './shell';
import { normalizePath, type StageState } from './stage';
import { Memo } from './memo';

/** A file a command writes (or removes: text ''). */
export interface WrittenFile {
  /** Absolute path; null when the command names it with something the tool cannot work out. */
  path: string | null;
  /** The path as the command writes it, for messages and for matching an unknown path by name. */
  raw: string;
  /** 1-based line of the RUN. */
  line: number;
  /** What the file holds afterwards (or what is added, see append); null when not known. */
  text: string | null;
  /** The text goes at the end of what the file held (`>>`, `tee -a`). */
  append: boolean;
  /** The command, for messages: `` `echo ... > ~/.npmrc` ``. */
  by: string;
  /** `rm`: the file, or everything below the folder, is gone (when the command runs: see text). */
  removed?: boolean;
}

/** Redirections that write their target. */
const WRITE_OPS = new Set(['>', '>>', '>|', '&>', '&>>']);
/** Stands for an expansion whose value is not known, inside a text being built. */
const UNKNOWN = '\u0000';

/**
 * The files the commands of RUN `index` write, in order: all of them, or those of the
 * commands before command `before` (an index into the RUN's commands).
 */
export function writtenFiles(
  doc: DockerfileDoc,
  st: StageState,
  index: number,
  before?: number,
): WrittenFile[] {
  // asked again for every cache of every RUN after this one: worked out once per document
  let byIndex = known.get(doc);
  if (!byIndex) known.set(doc, (byIndex = new Map()));
  let all = byIndex.get(index);
  if (!all) {
    const run = doc.run(index);
    const line = doc.instructions[index].line + 1;
    all = [];
    for (let i = 0; i < run.commands.length; i++) {
      const cmd = run.commands[i];
      if (!cmd.redirects.length && !FILE_WRITERS.has(normalizeCommand(cmd)?.tool ?? '')) continue;
      for (const w of writesOf(cmd, st, () => cwdAt(run, i, st), line)) all.push({ ...w, command: i });
    }
    byIndex.set(index, all);
  }
  return before === undefined ? all : all.filter((w) => w.command < before);
}
const known = new Memo<DockerfileDoc, Map<number, (WrittenFile & { command: number })[]>>();

/** Commands (besides redirections) whose file operands this module knows they write. */
const FILE_WRITERS = new Set(['cp', 'mv', 'install', 'ln', 'tee', 'sed', 'perl', 'rm', 'curl', 'wget']);

function writesOf(cmd: ShellCommand, st: StageState, cwd: () => string | null, line: number): WrittenFile[] {
  const n = normalizeCommand(cmd);
  const by = `\`${cmd.argv.map((w) => w.raw).join(' ')}${cmd.redirects.map((r) => ` ${r.op} ${r.target.raw}`).join('')}\``;
  const at = (w: ShellWord): string | null => {
    const v = expand(w, st);
    if (v.includes(UNKNOWN)) return null;
    if (v.startsWith('/')) return normalizePath(v);
    const dir = cwd();
    return dir === null ? null : normalizePath(`${dir}/${v}`);
  };
  const file = (w: ShellWord, text: string | null, append = false): WrittenFile => ({
    path: at(w),
    raw: w.raw,
    line,
    // a command in a branch or a loop may not run: what the file holds then is not known
    text: cmd.certain ? text : null,
    append,
    by,
  });
  const out: WrittenFile[] = [];
  const printed = n ? output(n.tool, n.args, st) : null;
  for (const r of cmd.redirects) {
    if (!WRITE_OPS.has(r.op) || r.target.value?.startsWith('/dev/')) continue;
    // `2> file` is parsed with its descriptor apart: only what goes to stdout is the text
    out.push(file(r.target, r.shared ? null : printed, r.op.endsWith('>>')));
  }
  if (!n) return out;
  const operands = n.args.filter((w) => !(w.value ?? w.raw).startsWith('-'));
  /** A short option alone or among others (`-a`, `-ra`), or its long form. */
  const has = (short: string, long: string) =>
    n.args.some(
      (w) => w.value === long || (w.value !== null && new RegExp(`^-[a-zA-Z]*${short}`).test(w.value)),
    );
  switch (n.tool) {
    case 'cp':
    case 'mv':
    case 'install':
    case 'ln': {
      // the last operand, or a file of that name inside it when it is a folder
      const dest = operands[operands.length - 1];
      if (!dest || operands.length < 2) break;
      out.push(file(dest, null));
      const dir = at(dest);
      for (const src of operands.slice(0, -1)) {
        const name = src.value === null ? null : path.posix.basename(src.value);
        out.push({
          ...file(dest, null),
          path: dir === null || name === null ? null : normalizePath(`${dir}/${name}`),
          raw: `${dest.raw}/${src.raw}`,
        });
      }
      break;
    }
    case 'tee':
      for (const w of operands) out.push(file(w, null, has('a', '--append')));
      break;
    case 'sed':
    case 'perl':
      if (has('i', '--in-place') || n.args.some((w) => (w.value ?? '').startsWith('--in-place=')))
        for (const w of operands) out.push(file(w, null));
      break;
    case 'rm':
      for (const w of operands) out.push({ ...file(w, ''), removed: true });
      break;
    case 'curl':
    case 'wget': {
      // curl -o FILE (-fsSLo FILE, -oFILE, --output=FILE); wget -O FILE (-qO FILE, -OFILE, --output-document=FILE)
      const [short, long] = n.tool === 'curl' ? ['o', '--output'] : ['O', '--output-document'];
      n.args.forEach((w, k) => {
        const v = w.value ?? '';
        const next = n.args[k + 1];
        if ((v === long || new RegExp(`^-[a-zA-Z]*${short}$`).test(v)) && next && next.value !== '-')
          out.push(file(next, null));
        const attached = new RegExp(`^(?:-${short}|${long}=)(.+)$`).exec(v)?.[1];
        if (attached && attached !== '-') out.push(file(literalWord(attached, w), null));
      });
      break;
    }
  }
  return out;
}

/** A word of literal text taken out of another (`-oFILE`). */
function literalWord(text: string, of: ShellWord): ShellWord {
  return { value: text, parts: [{ lit: text }], raw: text, start: of.start, end: of.end };
}

/**
 * What `echo` or `printf` prints with these arguments, when the command says so: literal
 * text, with an expansion whose value is not known kept as {@link UNKNOWN}. Null for any
 * other command, and for escapes whose meaning depends on the shell (`echo 'a\nb'` prints
 * two lines in dash and one in bash).
 */
function output(tool: string, args: ShellWord[], st: StageState): string | null {
  const ws = args.map((w) => expand(w, st));
  if (tool === 'echo') {
    // dash prints `-e` and `-E` as text, bash reads them as options
    if (ws.some((w) => /^-n*[eE][neE]*$/.test(w))) return null;
    const newline = ws[0] !== '-n';
    const text = ws.slice(newline ? 0 : 1).join(' ');
    if (text.includes('\\')) return null;
    return text + (newline ? '\n' : '');
  }
  if (tool === 'printf') {
    let k = 0;
    if (ws[0] === '--') k++;
    const format = ws[k];
    if (format === undefined || format.includes(UNKNOWN)) return null;
    const rest = ws.slice(k + 1);
    const specs = format.match(/%./g) ?? [];
    if (specs.some((s) => s !== '%s' && s !== '%%')) return null;
    const per = specs.filter((s) => s === '%s').length;
    const escaped = unescapePrintf(format);
    if (escaped === null) return null;
    let text = '';
    let a = 0;
    do {
      text += escaped.replace(/%[s%]/g, (s) => (s === '%%' ? '%' : (rest[a++] ?? '')));
    } while (per > 0 && a < rest.length);
    return text;
  }
  return null;
}

/** printf's escapes in a format; null for one this module does not read (octal, hex, `\c`). */
function unescapePrintf(format: string): string | null {
  const map: Record<string, string> = {
    n: '\n',
    t: '\t',
    r: '\r',
    '\\': '\\',
    '"': '"',
    "'": "'",
    a: '\x07',
    b: '\b',
    f: '\f',
    v: '\v',
  };
  let bad = false;
  const text = format.replace(/\\(.)/gs, (_, c: string) => {
    if (c in map) return map[c];
    bad = true;
    return '';
  });
  return bad || format.endsWith('\\') ? null : text;
}

/** A word's text after expansion, with each expansion the tool cannot know as {@link UNKNOWN}. */
function expand(w: ShellWord, st: StageState): string {
  // never null: an unknown expansion becomes UNKNOWN
  return expandWord(w, (name) => stageValue(name, st), st.user.home, UNKNOWN)!;
}

/**
 * The text a written file holds for reading a setting: null when an expansion the tool
 * cannot know could be (part of) a key or a section, since that could be any setting; an
 * unknown expansion in a value becomes `${?}` (a value only known when the image builds).
 */
export function readableText(text: string | null): string | null {
  if (text === null) return null;
  if (!text.includes(UNKNOWN)) return text;
  for (const l of text.split('\n')) {
    const at = l.indexOf(UNKNOWN);
    if (at < 0) continue;
    // the key: from the first character that is not a space up to `=`, `:` or a space
    const lead = l.length - l.trimStart().length;
    const sep = l.slice(lead).search(/[=:\s]/);
    if (sep <= 0 || at <= lead + sep) return null;
  }
  return text.split(UNKNOWN).join('${?}');
}
