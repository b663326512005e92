/**
 * The parsed Dockerfile: dockerfile-ast for instructions, plus what the transforms need
 * on top of it, all expressed as offsets into the (BOM-less) text: parser directives as
 * BuildKit reads them, RUN anatomy (form, flags, mounts, heredocs, shell segments) and
 * the lazily parsed shell commands of each RUN.
 */
import './ast-patch';
import { DockerfileParser, type Instruction as AstInstruction, type Dockerfile } from 'dockerfile-ast';
import { LineIndex } from './text';
import { normalizeCommand } from './commands';
import {
  continuationSegment,
  segmentOffset,
  jsonStringSegment,
  parseShell,
  verbatimSegment,
  basename,
  type Segment,
  type ShellCommand,
  type ShellScript,
  type ShellWord,
} from './shell';

export interface Directive {
  name: string;
  value: string;
  line: number;
  start: number;
  /** End of the line's content. */
  end: number;
}

export interface Flag {
  name: string;
  value: string | null;
  start: number;
  end: number;
}

export interface Mount {
  type: string;
  target: string | null;
  options: Map<string, string>;
  flag: Flag;
}

export interface Instruction {
  index: number;
  /** Upper-case keyword. */
  keyword: string;
  start: number;
  /** End of the instruction's last line content. */
  end: number;
  /** 0-based first and last lines. */
  line: number;
  endLine: number;
  /** Start of the arguments after flags, or null when there are none. */
  argsStart: number | null;
  flags: Flag[];
  ast: AstInstruction;
}

export type RunForm = 'shell' | 'exec' | 'heredoc';

export interface RunInfo {
  form: RunForm;
  /** Offset where the command starts (after the flags). */
  bodyStart: number;
  /** The instruction spans several lines before its body ends (continuations or flags on own lines). */
  multiline: boolean;
  /** Whitespace that starts the instruction's continuation lines, when it has any. */
  indent: string | null;
  mounts: Mount[];
  /** Shell texts of the body (command line, shell heredocs, `sh -c` of exec form). */
  segments: Segment[];
  /** Exec form: the JSON array's strings. */
  execArgv: ShellWord[] | null;
  /** Heredoc markers of a shell-form command line: name and position in segments[0]. */
  markers?: { name: string; pos: number }[];
  /** Heredoc bodies (start/end of content) and whether the shell runs them. */
  heredocs: { name: string; markerLine: number; contentStart: number; contentEnd: number; shell: boolean }[];
}

export interface RunAnalysis {
  info: RunInfo;
  scripts: ShellScript[];
  /** All simple commands: from every script, plus the exec-form command itself. */
  commands: ShellCommand[];
  /** Some shell text did not parse: the body must not be edited. */
  hasErrors: boolean;
}

export interface Stage {
  index: number;
  /** Index of the FROM instruction; the stage spans to the next FROM. */
  from: number;
  last: number;
  name: string | null;
  image: string | null;
}

export class ParseError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

export const KNOWN_INSTRUCTIONS = new Set([
  'FROM',
  'RUN',
  'CMD',
  'LABEL',
  'MAINTAINER',
  'EXPOSE',
  'ENV',
  'ADD',
  'COPY',
  'ENTRYPOINT',
  'VOLUME',
  'USER',
  'WORKDIR',
  'ARG',
  'ONBUILD',
  'STOPSIGNAL',
  'HEALTHCHECK',
  'SHELL',
]);

const DIRECTIVE_NAMES = new Set(['syntax', 'escape', 'check']);
const SHELL_NAMES = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh']);
/** `<<EOF`, `<<-EOF`, `<<'EOF'`, `<<"EOF"` (not `<<<`). */
const HEREDOC_MARKER = /(?<!<)<<(?!<)-?[ \t]*(["']?)([A-Za-z_][\w.-]*)\1/g;

export class DockerfileDoc {
  readonly lines: LineIndex;
  readonly ast: Dockerfile;
  readonly escape: string;
  readonly directives: Directive[];
  readonly instructions: Instruction[];
  readonly stages: Stage[];
  private readonly runCache = new Map<number, RunAnalysis>();

  constructor(
    readonly text: string,
    readonly eol: '\n' | '\r\n',
  ) {
    this.lines = new LineIndex(text);
    this.ast = DockerfileParser.parse(text);
    this.directives = readDirectives(this.lines);
    const esc = this.directives.find((d) => d.name === 'escape')?.value;
    this.escape = esc === '`' ? '`' : '\\';
    this.instructions = this.ast.getInstructions().map((ast, index) => this.instruction(ast, index));
    this.stages = this.computeStages();
  }

  private instruction(ast: AstInstruction, index: number): Instruction {
    const r = ast.getRange();
    const start = this.lines.offset(r.start);
    const end = this.lines.offset(r.end);
    const args = ast.getArgumentsRange();
    const flags =
      'getFlags' in ast && typeof ast.getFlags === 'function'
        ? (
            ast.getFlags() as {
              getName(): string;
              getValue(): string | null;
              getRange(): { start: never; end: never };
            }[]
          ).map((f) => ({
            name: f.getName(),
            value: f.getValue(),
            start: this.lines.offset(f.getRange().start),
            end: this.lines.offset(f.getRange().end),
          }))
        : [];
    return {
      index,
      keyword: ast.getKeyword().toUpperCase(),
      start,
      end,
      line: r.start.line,
      endLine: r.end.line,
      argsStart: args ? this.lines.offset(args.start) : null,
      flags,
      ast,
    };
  }

  private computeStages(): Stage[] {
    const stages: Stage[] = [];
    this.instructions.forEach((ins, i) => {
      if (ins.keyword !== 'FROM') return;
      if (stages.length) stages[stages.length - 1].last = i - 1;
      const args = ins.ast.getArguments().map((a) => a.getValue());
      const asIndex = args.findIndex((a) => a.toLowerCase() === 'as');
      stages.push({
        index: stages.length,
        from: i,
        last: this.instructions.length - 1,
        name: asIndex >= 0 && args[asIndex + 1] ? args[asIndex + 1].toLowerCase() : null,
        image: args[0] ?? null,
      });
    });
    return stages;
  }

  stageOf(instrIndex: number): Stage | null {
    for (const s of this.stages) if (instrIndex >= s.from && instrIndex <= s.last) return s;
    return null;
  }

  /** Analysis of a RUN (cached per document). */
  run(instrIndex: number): RunAnalysis {
    let r = this.runCache.get(instrIndex);
    if (!r) {
      r = this.analyzeRun(this.instructions[instrIndex]);
      this.runCache.set(instrIndex, r);
    }
    return r;
  }

  private analyzeRun(ins: Instruction): RunAnalysis {
    const info = this.runInfo(ins);
    const scripts = info.segments.map((s) => parseShell(s));
    if (info.markers?.length) scripts.push(...this.shellFedHeredocs(info, scripts[0]));
    const commands = scripts.flatMap((s) => s.commands);
    if (info.execArgv && info.execArgv.length) {
      commands.unshift({
        argv: info.execArgv,
        assigns: [],
        redirects: [],
        start: info.execArgv[0].start,
        end: info.execArgv[info.execArgv.length - 1].end,
        certain: true,
        guarded: false,
        removal: null,
        step: -1,
      });
    }
    return { info, scripts, commands, hasErrors: scripts.some((s) => s.hasErrors) };
  }

  /**
   * Heredocs given on stdin to a shell that has no script argument (`bash <<EOF`,
   * `<<-'EOT' sh -e`): their bodies are scripts too. A marker belongs to the command
   * whose span holds it, else to the command it directly precedes or follows.
   */
  private shellFedHeredocs(info: RunInfo, line: ShellScript): ShellScript[] {
    const seg = info.segments[0];
    const out: ShellScript[] = [];
    for (const marker of info.markers ?? []) {
      const at = segmentOffset(seg, marker.pos);
      // only blanks, redirections and (other) heredoc markers between the marker and the command
      const gapIsBlank = (a: number, b: number) =>
        a <= b && /^[\s<>&\d-]*$/.test(this.text.slice(a, b).replace(HEREDOC_MARKER, ''));
      const cmd =
        line.commands.find((c) => c.start <= at && at <= c.end) ??
        line.commands.find((c) => c.start > at && gapIsBlank(at, c.start)) ??
        [...line.commands].reverse().find((c) => c.end <= at && gapIsBlank(c.end, at));
      if (!cmd) continue;
      const n = normalizeCommand(cmd);
      if (!n || !SHELL_NAMES.has(n.tool) || n.args.some((w) => !(w.value ?? '').startsWith('-'))) continue;
      const h = info.heredocs.find((x) => x.name === marker.name && !x.shell);
      if (!h) continue;
      h.shell = true;
      out.push(parseShell(verbatimSegment(this.text, h.contentStart, h.contentEnd)));
    }
    return out;
  }

  runInfo(ins: Instruction): RunInfo {
    const text = this.text;
    const mounts = ins.flags.filter((f) => f.name.toLowerCase() === 'mount').map(parseMount);
    const bodyStart = ins.argsStart ?? ins.end;
    const multiline = ins.endLine > ins.line;
    const indent = this.continuationIndent(ins);
    const heredocAst = (ins.ast as unknown as { getHeredocs?: () => HeredocAst[] }).getHeredocs?.() ?? [];
    const heredocs = heredocAst.map((h) => {
      const c = h.getContentRange();
      const marker = this.lines.offset(h.getStartRange().end);
      return {
        name: h.getName(),
        markerLine: this.lines.lineOf(marker),
        contentStart: c ? this.lines.offset(c.start) : marker,
        contentEnd: c ? this.lines.offset(c.end) : marker,
        shell: false,
      };
    });
    const base = { bodyStart, multiline, indent, mounts, heredocs };
    if (heredocs.length) {
      // the command line ends with the line that holds the first heredoc marker
      const cmdEnd = Math.max(bodyStart, this.lines.lineEnd(heredocs[0].markerLine));
      const cmdSeg = continuationSegment(text, bodyStart, cmdEnd, this.escape);
      const onlyMarkers = /^\s*(<<-?\s*["']?[A-Za-z_][\w.-]*["']?\s*)+$/.test(cmdSeg.text);
      const segments: Segment[] = [];
      if (onlyMarkers) {
        const h = heredocs[0];
        const firstLine = this.lines.lineText(this.lines.lineOf(h.contentStart));
        const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(firstLine);
        const interp = shebang
          ? basename(shebang[1] === '/usr/bin/env' ? (shebang[2] ?? '') : shebang[1])
          : 'sh';
        if (['sh', 'bash', 'dash', 'ash'].includes(interp)) {
          h.shell = true;
          segments.push(verbatimSegment(text, h.contentStart, h.contentEnd));
        }
        return { ...base, form: 'heredoc', segments, execArgv: null };
      }
      // the shell parser cannot follow heredoc markers without their bodies: blank them
      // (same length, so the offset map still holds) and remember where they were
      const markers: { name: string; pos: number }[] = [];
      const blanked = cmdSeg.text.replace(
        /(?<!<)<<(?!<)-?[ \t]*(["']?)([A-Za-z_][\w.-]*)\1/g,
        (m, _q, name: string, pos: number) => {
          if (!heredocs.some((h) => h.name === name)) return m;
          markers.push({ name, pos });
          return ' '.repeat(m.length);
        },
      );
      segments.push({ text: blanked, map: cmdSeg.map });
      return { ...base, form: 'shell', segments, execArgv: null, markers };
      return { ...base, form: 'shell', segments, execArgv: null };
    }
    const exec = this.execArgv(ins, bodyStart);
    if (exec) {
      const segments: Segment[] = [];
      const name = exec[0]?.value ?? '';
      const ci = exec.findIndex((w, i) => i > 0 && w.value !== null && /^-[a-z]*c[a-z]*$/.test(w.value));
      if (['sh', 'bash', 'dash', 'ash'].includes(basename(name)) && ci > 0 && exec[ci + 1]) {
        const seg = jsonStringSegment(text, exec[ci + 1].start, exec[ci + 1].end);
        if (seg) segments.push(seg);
      }
      return { ...base, form: 'exec', segments, execArgv: exec };
    }
    return {
      ...base,
      form: 'shell',
      segments: [continuationSegment(text, bodyStart, ins.end, this.escape)],
      execArgv: null,
    };
  }

  /** Exec form: the body is a JSON array of strings (as BuildKit decides: it must parse as JSON). */
  private execArgv(ins: Instruction, bodyStart: number): ShellWord[] | null {
    if (this.text[bodyStart] !== '[') return null;
    const joined = continuationSegment(this.text, bodyStart, ins.end, this.escape).text;
    let parsed: unknown;
    try {
      parsed = JSON.parse(joined);
    } catch {
      return null;
    }
    if (!Array.isArray(parsed) || !parsed.every((x) => typeof x === 'string')) return null;
    const strings =
      (ins.ast as unknown as { getJSONStrings?: () => JsonStringAst[] }).getJSONStrings?.() ?? [];
    if (strings.length !== parsed.length) return null;
    return strings.map((s, i) => {
      const r = s.getRange();
      const value = parsed[i] as string;
      return {
        value,
        parts: [{ lit: value }],
        raw: s.getValue(),
        start: this.lines.offset(r.start),
        end: this.lines.offset(r.end),
      };
    });
  }

  /** Leading whitespace of the first continuation line of an instruction that has content. */
  continuationIndent(ins: Instruction): string | null {
    for (let l = ins.line + 1; l <= ins.endLine; l++) {
      const t = this.lines.lineText(l);
      if (/^[ \t]*(#|$)/.test(t)) continue;
      return /^[ \t]*/.exec(t)![0];
    }
    return null;
  }

  /**
   * Where text inserted "before" an instruction goes: the start of the comment block
   * directly above it (no blank line between), so comments stay with their instruction.
   */
  anchorBefore(instrIndex: number): number {
    const ins = this.instructions[instrIndex];
    let line = ins.line;
    const firstFree = this.directives.length ? this.directives[this.directives.length - 1].line + 1 : 0;
    const prevEnd = instrIndex > 0 ? this.instructions[instrIndex - 1].endLine : -1;
    while (line - 1 > prevEnd && line - 1 >= firstFree && /^[ \t]*#/.test(this.lines.lineText(line - 1)))
      line--;
    return this.lines.lineStart(line);
  }

  /** Offset just after an instruction's line ending. */
  afterInstruction(instrIndex: number): number {
    return this.lines.lineEndWithEol(this.instructions[instrIndex].endLine);
  }

  lineOfOffset(offset: number): number {
    return this.lines.lineOf(offset) + 1;
  }
}

interface HeredocAst {
  getName(): string;
  getStartRange(): { start: { line: number; character: number }; end: { line: number; character: number } };
  getContentRange(): {
    start: { line: number; character: number };
    end: { line: number; character: number };
  } | null;
}

interface JsonStringAst {
  getValue(): string;
  getRange(): { start: { line: number; character: number }; end: { line: number; character: number } };
}

export function parseMount(flag: Flag): Mount {
  const options = new Map<string, string>();
  for (const part of splitCsv(flag.value ?? '')) {
    const eq = part.indexOf('=');
    if (eq < 0) options.set(part.toLowerCase(), 'true');
    else options.set(part.slice(0, eq).toLowerCase(), part.slice(eq + 1));
  }
  const type = options.get('type') ?? 'bind';
  const target = options.get('target') ?? options.get('dst') ?? options.get('destination') ?? null;
  return { type, target, options, flag };
}

function splitCsv(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | null = null;
  for (const ch of s) {
    if (quote) {
      if (ch === quote) quote = null;
      else cur += ch;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur || s.endsWith(',')) out.push(cur);
  return out.filter((x) => x.length);
}

/** Parser directives exactly as BuildKit reads them: leading `# key=value` lines of known keys. */
export function readDirectives(lines: LineIndex): Directive[] {
  const out: Directive[] = [];
  const seen = new Set<string>();
  for (let l = 0; l < lines.lineCount; l++) {
    const t = lines.lineText(l);
    const m = /^#[ \t]*([A-Za-z]+)[ \t]*=[ \t]*(.*?)[ \t]*$/.exec(t);
    if (!m) break;
    const name = m[1].toLowerCase();
    if (!DIRECTIVE_NAMES.has(name) || seen.has(name)) break;
    seen.add(name);
    out.push({ name, value: m[2], line: l, start: lines.lineStart(l), end: lines.lineEnd(l) });
  }
  return out;
}

/**
 * Problems that make BuildKit reject the file (or make a rewrite unsafe): unknown
 * instructions, instructions before the first FROM other than ARG, an unterminated
 * heredoc, a continuation that runs into the end of the file, malformed mounts.
 * Returns the first problem, or null.
 */
export function findSyntaxError(doc: DockerfileDoc): ParseError | null {
  let seenFrom = false;
  for (const ins of doc.instructions) {
    if (!KNOWN_INSTRUCTIONS.has(ins.keyword)) {
      return new ParseError(`unknown instruction: ${ins.ast.getInstruction()}`, ins.line + 1);
    }
    if (ins.keyword === 'FROM') {
      seenFrom = true;
      if (!ins.ast.getArguments().length) return new ParseError('FROM requires an image', ins.line + 1);
    } else if (!seenFrom && ins.keyword !== 'ARG') {
      return new ParseError(`${ins.keyword} before the first FROM`, ins.line + 1);
    }
    if (ins.keyword === 'RUN') {
      for (const f of ins.flags) {
        if (!['mount', 'network', 'security', 'device'].includes(f.name.toLowerCase())) {
          return new ParseError(`unknown RUN flag --${f.name}`, doc.lineOfOffset(f.start));
        }
        if (f.name.toLowerCase() === 'mount') {
          const m = parseMount(f);
          if (!m.target) return new ParseError('--mount without a target', doc.lineOfOffset(f.start));
        }
      }
      const heredocs = (ins.ast as unknown as { getHeredocs?: () => HeredocAst[] }).getHeredocs?.() ?? [];
      for (const h of heredocs) {
        const end = (h as unknown as { getDelimiterRange(): unknown }).getDelimiterRange();
        if (!end) return new ParseError(`heredoc <<${h.getName()} is not terminated`, ins.line + 1);
      }
    }
  }
  if (doc.instructions.length && !seenFrom) {
    return new ParseError('no FROM instruction', doc.instructions[0].line + 1);
  }
  return null;
}
