/**
 * The parsed Dockerfile: dockerfile-ast for instructions, plus what the transforms need
 * on top of it, all expressed as offsets into the (BOM-less) text: parser directives as
 * BuildKit reads them, RUN anatomy (form, flags, mounts, heredocs, shell segments) and
 * the lazily parsed shell commands of each RUN.
 */
import './ast-patch';
import { DockerfileParser, type Instruction as AstInstruction } from 'dockerfile-ast';
import { countNewlines, LineIndex } from './text';
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
  /**
   * What to add to the line of a position the ast gives to get this text's line: 0 when
   * the whole text was parsed, else the ast comes from parsing a fragment of this text or
   * of an earlier version of it (see {@link DockerfileDoc.edited}). Convert with
   * {@link DockerfileDoc.astOffset}.
   */
  astLine: number;
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
/** Shells that run a script given to them (`sh x.sh`, `bash -c '...'`). */
export const SHELL_NAMES = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh']);
/** `<<EOF`, `<<-EOF`, `<<'EOF'`, `<<"EOF"` (not `<<<`). */
const HEREDOC_MARKER = /(?<!<)<<(?!<)-?[ \t]*(["']?)([A-Za-z_][\w.-]*)\1/g;

/** An edit {@link DockerfileDoc.edited} was made by: what [start, end) of the earlier text became. */
export interface EditedSpan {
  start: number;
  end: number;
  text: string;
}

/** Off: every document is parsed whole (for tests that compare both ways). */
let incremental = true;
export function setIncrementalParsing(on: boolean): void {
  incremental = on;
}

type Parsed = { instructions: Instruction[]; astEscape: string };

export class DockerfileDoc {
  readonly lines: LineIndex;
  readonly escape: string;
  readonly directives: Directive[];
  readonly instructions: Instruction[];
  readonly stages: Stage[];
  /** The escape character dockerfile-ast parsed the text with. */
  private readonly astEscape: string;
  private readonly runCache = new Map<number, RunAnalysis>();
  /**
   * RUNs whose text an edit only moved (see {@link reparse}): what was found of them in the
   * document this one was edited from, and by how much they moved. Their analysis is that
   * one with its offsets moved, for the cost of finding the shell texts again in the parse
   * cache, instead of reading the instruction again.
   */
  private readonly movedRuns = new Map<number, { info: RunInfo; delta: number }>();

  /**
   * Parses `text`; or, given the document it was made from and the edits that made it,
   * parses again only the instructions the edits touched (see {@link reparse}).
   */
  constructor(
    readonly text: string,
    readonly eol: '\n' | '\r\n',
    from?: { doc: DockerfileDoc; edits: readonly EditedSpan[] },
  ) {
    this.lines = new LineIndex(text);
    this.directives = readDirectives(this.lines);
    const esc = this.directives.find((d) => d.name === 'escape')?.value;
    this.escape = esc === '`' ? '`' : '\\';
    const parsed = (from && incremental && this.reparse(from.doc, from.edits)) || this.parse();
    this.instructions = parsed.instructions;
    this.astEscape = parsed.astEscape;
    this.stages = this.computeStages();
  }

  private loneCrCount: number | undefined;
  /** How many CRs of the text end no line (a CR alone is a line break to dockerfile-ast, not to LineIndex). */
  get loneCrs(): number {
    return (this.loneCrCount ??= this.text.match(/\r(?!\n)/g)?.length ?? 0);
  }

  /** The document that `edits` of this one (already applied to give `text`) make. */
  edited(text: string, edits: readonly EditedSpan[]): DockerfileDoc {
    return new DockerfileDoc(text, this.eol, { doc: this, edits });
  }

  private parse(): Parsed {
    const ast = DockerfileParser.parse(this.text);
    return {
      instructions: ast.getInstructions().map((a, index) => this.instruction(a, index, 0)),
      astEscape: ast.getEscapeCharacter(),
    };
  }

  /**
   * The instructions of this text, from those of `prev` and the edits that made this text
   * of it: only the lines of the instructions an edit touches are parsed again (a region
   * per group of edits), those between regions are the same instructions moved. A
   * Dockerfile instruction ends where its own text says (a line that does not end with
   * the escape character, or a heredoc's delimiter), so the rest of the text parses as it
   * did as long as every region ends with a finished instruction, the parser directives
   * are as they were, and no `# escape=` line is in a region. Otherwise (null) the whole
   * text is parsed.
   */
  private reparse(prev: DockerfileDoc, edits: readonly EditedSpan[]): Parsed | null {
    // a CR alone ends a line for the parser, not for LineIndex: lines of fragments would not add up
    if (!edits.length || this.loneCrs > 0 || prev.loneCrs > 0) return null;
    const old = prev.lines;
    const all = prev.instructions;
    const firstLine = all.length ? all[0].line : Infinity;
    // regions of the old text: whole lines, whole instructions, and the edits within them
    const regions: { l0: number; l1: number; first: number; last: number; delta: number; lines: number }[] =
      [];
    let k = 0;
    for (const e of [...edits].sort((x, y) => x.start - y.start)) {
      let l0 = old.lineOf(e.start);
      let l1 = old.lineOf(e.end);
      while (k < all.length && all[k].endLine < l0) k++;
      const first = k;
      let last = k - 1;
      for (let j = k; j < all.length && all[j].line <= l1; j++) last = j;
      if (last >= first) {
        l0 = Math.min(l0, all[first].line);
        l1 = Math.max(l1, all[last].endLine);
      }
      const delta = e.text.length - (e.end - e.start);
      const lines = countNewlines(e.text) - countNewlines(prev.text.slice(e.start, e.end));
      const r = regions[regions.length - 1];
      if (r && l0 <= r.l1) {
        r.l1 = Math.max(r.l1, l1);
        r.last = Math.max(r.last, last);
        r.delta += delta;
        r.lines += lines;
      } else {
        regions.push({ l0, l1, first, last, delta, lines });
      }
    }
    const out: Instruction[] = [];
    let delta = 0;
    let lineDelta = 0;
    let next = 0; // next old instruction to place
    const moved = (ins: Instruction): Instruction => {
      if (ins.keyword === 'RUN') prev.carryRun(ins.index, out.length, delta, lineDelta, this);
      if (delta === 0 && lineDelta === 0 && out.length === ins.index) return ins;
      return {
        index: out.length,
        keyword: ins.keyword,
        start: ins.start + delta,
        end: ins.end + delta,
        line: ins.line + lineDelta,
        endLine: ins.endLine + lineDelta,
        argsStart: ins.argsStart === null ? null : ins.argsStart + delta,
        flags: ins.flags.length
          ? ins.flags.map((f) => ({
              name: f.name,
              value: f.value,
              start: f.start + delta,
              end: f.end + delta,
            }))
          : ins.flags,
        ast: ins.ast,
        astLine: ins.astLine + lineDelta,
      };
    };
    for (const r of regions) {
      while (next < r.first) out.push(moved(all[next++]));
      // lines before the first instruction hold the parser directives: parse from the top then
      const prelude = out.length === 0 && r.l0 <= firstLine;
      const from = prelude ? 0 : old.lineStart(r.l0) + delta;
      const to = old.lineEndWithEol(r.l1) + delta + r.delta;
      if (to < from || to > this.text.length) return null;
      const fragment = this.text.slice(from, to);
      if (!prelude && /^[ \t]*#[ \t]*escape[ \t]*=/im.test(fragment)) return null;
      const ast = DockerfileParser.parse(prelude ? fragment : `# escape=${prev.astEscape}\n${fragment}`);
      if (ast.getEscapeCharacter() !== prev.astEscape) return null;
      const astLine = prelude ? 0 : r.l0 + lineDelta - 1;
      let parsed: Instruction | null = null;
      for (const a of ast.getInstructions()) out.push((parsed = this.instruction(a, out.length, astLine)));
      if (parsed && this.leftOpen(parsed, to, prev.astEscape)) return null;
      next = r.last + 1;
      delta += r.delta;
      lineDelta += r.lines;
    }
    while (next < all.length) out.push(moved(all[next++]));
    return { instructions: out, astEscape: prev.astEscape };
  }

  /**
   * Hands what is known of RUN `index` on to `doc`, where its text is unchanged, moved by
   * `delta` characters and `lines` lines, and is RUN `to`. Unmoved, the analysis holds as
   * it is; moved, a RUN with heredocs is read again (it knows their lines). Nothing holds
   * when the escape character changed (it decides where the shell text continues).
   */
  private carryRun(index: number, to: number, delta: number, lines: number, doc: DockerfileDoc): void {
    if (doc.escape !== this.escape) return;
    const known = this.runCache.get(index);
    if (known && delta === 0 && lines === 0) {
      doc.runCache.set(to, known);
      return;
    }
    const moved = known ? { info: known.info, delta: 0 } : this.movedRuns.get(index);
    if (moved && !moved.info.heredocs.length)
      doc.movedRuns.set(to, { info: moved.info, delta: moved.delta + delta });
  }

  /**
   * Whether an instruction parsed from a fragment ending at `to` would go on past it in
   * the whole text: a heredoc without its delimiter, or a last line (not blank, not a
   * comment) that ends with the escape character.
   */
  private leftOpen(ins: Instruction, to: number, escape: string): boolean {
    if (unterminatedHeredoc(ins)) return true;
    for (let l = this.lines.lineOf(Math.max(ins.start, to - 1)); l >= ins.line; l--) {
      const t = this.lines.lineText(l).replace(/[ \t]+$/, '');
      if (t === '' || /^[ \t]*#/.test(t)) continue;
      return t.endsWith(escape);
    }
    return false;
  }

  /** The offset in this text of a position the instruction's ast gives. */
  astOffset(ins: Instruction, pos: { line: number; character: number }): number {
    return this.lines.offset({ line: pos.line + ins.astLine, character: pos.character });
  }

  private instruction(ast: AstInstruction, index: number, astLine: number): Instruction {
    const at = (pos: { line: number; character: number }) =>
      this.lines.offset({ line: pos.line + astLine, character: pos.character });
    const r = ast.getRange();
    const start = at(r.start);
    const end = at(r.end);
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
            start: at(f.getRange().start),
            end: at(f.getRange().end),
          }))
        : [];
    return {
      index,
      keyword: ast.getKeyword().toUpperCase(),
      start,
      end,
      line: r.start.line + astLine,
      endLine: r.end.line + astLine,
      argsStart: args ? at(args.start) : null,
      flags,
      ast,
      astLine,
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
      const ins = this.instructions[instrIndex];
      const moved = this.movedRuns.get(instrIndex);
      r = this.analyzeRun(moved ? this.movedInfo(ins, moved.info, moved.delta) : this.runInfo(ins));
      this.runCache.set(instrIndex, r);
    }
    return r;
  }

  /** {@link runInfo} of a RUN without heredocs whose text is `info`'s moved by `delta`. */
  private movedInfo(ins: Instruction, info: RunInfo, delta: number): RunInfo {
    return {
      form: info.form,
      bodyStart: ins.argsStart ?? ins.end,
      multiline: info.multiline,
      indent: info.indent,
      mounts: mountsOf(ins),
      heredocs: [],
      segments: info.segments.map((s) => ({ text: s.text, map: s.map.map((x) => x + delta) })),
      execArgv:
        info.execArgv && info.execArgv.map((w) => ({ ...w, start: w.start + delta, end: w.end + delta })),
      ...(info.markers && { markers: info.markers }),
    };
  }

  private analyzeRun(info: RunInfo): RunAnalysis {
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
        ownShell: true,
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
    const mounts = mountsOf(ins);
    const bodyStart = ins.argsStart ?? ins.end;
    const multiline = ins.endLine > ins.line;
    const indent = this.continuationIndent(ins);
    const heredocAst = heredocsOf(ins);
    const heredocs = heredocAst.map((h) => {
      const c = h.getContentRange();
      const marker = this.astOffset(ins, h.getStartRange().end);
      return {
        name: h.getName(),
        markerLine: this.lines.lineOf(marker),
        contentStart: c ? this.astOffset(ins, c.start) : marker,
        contentEnd: c ? this.astOffset(ins, c.end) : marker,
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
      const blanked = cmdSeg.text.replace(HEREDOC_MARKER, (m, _q, name: string, pos: number) => {
        if (!heredocs.some((h) => h.name === name)) return m;
        markers.push({ name, pos });
        return ' '.repeat(m.length);
      });
      segments.push({ text: blanked, map: cmdSeg.map });
      return { ...base, form: 'shell', segments, execArgv: null, markers };
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
        start: this.astOffset(ins, r.start),
        end: this.astOffset(ins, r.end),
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

type AstRange = { start: { line: number; character: number }; end: { line: number; character: number } };

/** What the tool reads of dockerfile-ast's heredocs (its `getHeredocs()` is not in the instruction types). */
export interface HeredocAst {
  getName(): string;
  getStartRange(): AstRange;
  getNameRange(): AstRange;
  getContentRange(): AstRange | null;
}

/** The heredocs of an instruction (RUN, COPY), in order. */
export function heredocsOf(ins: Instruction): HeredocAst[] {
  return (ins.ast as unknown as { getHeredocs?: () => HeredocAst[] }).getHeredocs?.() ?? [];
}

interface JsonStringAst {
  getValue(): string;
  getRange(): { start: { line: number; character: number }; end: { line: number; character: number } };
}

function mountsOf(ins: Instruction): Mount[] {
  return ins.flags.filter((f) => f.name.toLowerCase() === 'mount').map(parseMount);
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

/** The name of the first heredoc of an instruction that has no delimiter line, or null. */
function unterminatedHeredoc(ins: Instruction): string | null {
  const heredocs = (ins.ast as unknown as { getHeredocs?: () => HeredocAst[] }).getHeredocs?.() ?? [];
  const open = heredocs.find((h) => !(h as unknown as { getDelimiterRange(): unknown }).getDelimiterRange());
  return open ? open.getName() : null;
}

const RUN_FLAGS = new Set(['mount', 'network', 'security', 'device']);
/** Mount types without a default target (secret and ssh mounts have one: /run/secrets/<id>, the agent socket). */
const TARGETED_MOUNTS = new Set(['cache', 'bind', 'tmpfs']);

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
        if (!RUN_FLAGS.has(f.name.toLowerCase())) {
          return new ParseError(`unknown RUN flag --${f.name}`, doc.lineOfOffset(f.start));
        }
        if (f.name.toLowerCase() === 'mount') {
          const m = parseMount(f);
          if (!m.target && TARGETED_MOUNTS.has(m.type.toLowerCase()))
            return new ParseError(`--mount=type=${m.type} without a target`, doc.lineOfOffset(f.start));
        }
      }
      const open = unterminatedHeredoc(ins);
      if (open) return new ParseError(`heredoc <<${open} is not terminated`, ins.line + 1);
    }
  }
  if (doc.instructions.length && !seenFrom) {
    return new ParseError('no FROM instruction', doc.instructions[0].line + 1);
  }
  return null;
}
