/**
 * Shell analysis of RUN bodies with tree-sitter-bash (WebAssembly).
 *
 * A RUN body is first turned into a {@link Segment}: the text the shell really receives
 * (continuations joined, comment lines inside continuations dropped, CRLF folded) with a
 * map from every character back to its offset in the Dockerfile. The tree-sitter walk
 * then yields plain objects (no tree-sitter nodes escape this module) whose offsets are
 * offsets into the original Dockerfile, so transforms can edit the bytes in place.
 */
import { readFileSync } from 'node:fs';
import { Parser, Language, type Tree } from 'web-tree-sitter';
import { Node, fieldId, useFieldIds } from './shell-tree';
import { quickTree } from './shell-quick';
import type { FlowFrame, FlowKind, FlowStep } from './shell-flow';

let parser: Parser | null = null;
let initializing: Promise<void> | null = null;

/** Loads the WebAssembly parser once per process (or worker). */
export function initShellParser(): Promise<void> {
  if (parser) return Promise.resolve();
  initializing ??= (async () => {
    await Parser.init();
    // bytes, not a path: loading by path uses a dynamic import() that jest's VM and some bundlers reject
    const lang = await Language.load(readFileSync(require.resolve('tree-sitter-bash/tree-sitter-bash.wasm')));
    const p = new Parser();
    p.setLanguage(lang);
    useFieldIds((name) => lang.fieldIdForName(name) ?? -1);
    parser = p;
  })();
  return initializing;
}

function getParser(): Parser {
  if (!parser) throw new Error('shell parser not initialised: await initShellParser() first');
  return parser;
}

/** Shell text plus the Dockerfile offset of each of its characters (and of its end). */
export interface Segment {
  text: string;
  map: Int32Array;
}

export function segmentOffset(seg: Segment, index: number): number {
  return seg.map[Math.min(index, seg.text.length)];
}

/** A segment whose characters sit unchanged at `start` in the Dockerfile. */
export function identitySegment(text: string, start: number): Segment {
  const map = new Int32Array(text.length + 1);
  for (let i = 0; i <= text.length; i++) map[i] = start + i;
  return { text, map };
}

class SegmentBuilder {
  private parts: string[] = [];
  private map: Int32Array;
  private n = 0;
  /** `size`: how many characters it will likely hold (it grows past that). */
  constructor(size: number) {
    this.map = new Int32Array(Math.max(16, size + 1));
  }
  private room(k: number): void {
    if (this.n + k + 1 <= this.map.length) return;
    const grown = new Int32Array(Math.max(this.map.length * 2, this.n + k + 1));
    grown.set(this.map.subarray(0, this.n));
    this.map = grown;
  }
  /** Characters [from, to) of `text`, each at its own offset. */
  push(text: string, from: number, to: number): void {
    if (to <= from) return;
    this.room(to - from);
    this.parts.push(text.slice(from, to));
    for (let i = from; i < to; i++) this.map[this.n++] = i;
  }
  /** One character (one UTF-16 unit) standing for the text at `offset`. */
  pushChar(ch: string, offset: number): void {
    this.room(1);
    this.parts.push(ch);
    this.map[this.n++] = offset;
  }
  finish(end: number): Segment {
    this.room(0);
    this.map[this.n] = end;
    return { text: this.parts.join(''), map: this.map.slice(0, this.n + 1) };
  }
}

/**
 * What the shell receives for a shell-form instruction body spanning [start, end):
 * lines ending with the escape character are joined (escape and trailing blanks removed),
 * comment lines and blank lines inside the continuation are dropped, CR before LF dropped.
 */
export function continuationSegment(text: string, start: number, end: number, escape: string): Segment {
  const b = new SegmentBuilder(end - start);
  let pos = start;
  let first = true;
  while (pos < end) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0 || nl >= end) nl = end;
    let contentEnd = nl;
    if (contentEnd > pos && text.charCodeAt(contentEnd - 1) === 13) contentEnd--;
    const line = text.slice(pos, contentEnd);
    if (!first && (/^[ \t]*$/.test(line) || /^[ \t]*#/.test(line))) {
      pos = nl + 1;
      continue;
    }
    first = false;
    let trimmed = contentEnd;
    while (trimmed > pos && (text[trimmed - 1] === ' ' || text[trimmed - 1] === '\t')) trimmed--;
    if (trimmed > pos && text[trimmed - 1] === escape && nl < end) {
      b.push(text, pos, trimmed - 1);
    } else {
      b.push(text, pos, contentEnd);
      if (nl < end) b.pushChar('\n', contentEnd);
    }
    pos = nl + 1;
  }
  return b.finish(end);
}

/** Verbatim text (a heredoc body) with CR before LF dropped. */
export function verbatimSegment(text: string, start: number, end: number): Segment {
  const b = new SegmentBuilder(end - start);
  for (let i = start; i < end;) {
    const cr = text.indexOf('\r\n', i);
    if (cr < 0 || cr >= end) {
      b.push(text, i, end);
      break;
    }
    if (cr + 1 >= end) {
      b.push(text, i, cr);
      break;
    }
    // the line break stands for both characters: a span that starts or ends at it keeps CR and LF together
    b.push(text, i, cr);
    b.pushChar('\n', cr);
    i = cr + 2;
  }
  return b.finish(end);
}

/** The decoded value of a JSON string token at [start, end) (quotes included), with its map. */
export function jsonStringSegment(text: string, start: number, end: number): Segment | null {
  if (text[start] !== '"' || text[end - 1] !== '"') return null;
  const b = new SegmentBuilder(end - start);
  const simple: Record<string, string> = {
    '"': '"',
    '\\': '\\',
    '/': '/',
    b: '\b',
    f: '\f',
    n: '\n',
    r: '\r',
    t: '\t',
  };
  for (let i = start + 1; i < end - 1; i++) {
    const ch = text[i];
    if (ch !== '\\') {
      b.pushChar(ch, i);
      continue;
    }
    const next = text[i + 1];
    if (next === 'u') {
      const hex = text.slice(i + 2, i + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) return null;
      b.pushChar(String.fromCharCode(parseInt(hex, 16)), i);
      i += 5;
    } else if (next in simple) {
      b.pushChar(simple[next], i);
      i++;
    } else {
      return null;
    }
  }
  return b.finish(end - 1);
}

/** A piece of a shell word: literal text, a variable reference, or something only the shell knows. */
export type WordPart = { lit: string } | { variable: string } | { dynamic: string };

export interface ShellWord {
  /** Value after quote removal when the word is fully literal, else null. */
  value: string | null;
  parts: WordPart[];
  /** The word as written in the shell text. */
  raw: string;
  /** Dockerfile offsets. */
  start: number;
  end: number;
}

export interface Assignment {
  name: string;
  value: ShellWord | null;
  start: number;
  end: number;
}

export interface ShellCommand {
  /** Command name and arguments, redirections excluded. */
  argv: ShellWord[];
  /** `VAR=value` prefixes. */
  assigns: Assignment[];
  /**
   * Files the command's redirections name (`> out`, `< in`, `>> log`), with their operator;
   * shared: the redirection is a group's (`{ a; b; } > f`), other commands write there too.
   */
  redirects: { op: string; target: ShellWord; shared?: boolean }[];
  start: number;
  end: number;
  /** Runs whenever the script reaches it: not in a branch, a loop, a function, or after `||`. */
  certain: boolean;
  /** Its failure is tolerated (`cmd || x`, an `if` condition, `! cmd`). */
  guarded: boolean;
  /**
   * Runs in the script's own shell process, so a `cd` here moves the later commands: not
   * in a subshell, a pipeline, a command substitution, a backgrounded statement or an
   * `sh -c` script.
   */
  ownShell: boolean;
  /** Dockerfile span that removes this command together with one connector, or null when it cannot be removed alone. */
  removal: { start: number; end: number } | null;
  /** Index of the top-level step (see {@link ShellScript.steps}) this command belongs to. */
  step: number;
  /**
   * The compound commands around it, outermost first, with the part of each that holds it
   * (src/shell-flow.ts tells from these whether a command surely ran before another).
   * Absent: a command on its own (an exec-form RUN's).
   */
  flow?: readonly FlowStep[];
}

export interface ShellStep {
  start: number;
  end: number;
  /** The connector before this step (null for the first). */
  op: '&&' | ';' | '\n' | null;
  /** Simple commands inside this step (indexes into {@link ShellScript.commands}). */
  commands: number[];
  /** Source text of the step as the shell sees it. */
  text: string;
}

export interface ShellScript {
  commands: ShellCommand[];
  /** Top-level statements and `&&`-chained commands, in order. */
  steps: ShellStep[];
  /** The text did not parse (or tree-sitter misread it, see spansLineBreak): do not rewrite the body. */
  hasErrors: boolean;
  /**
   * `export NAME=value` / `NAME=value` statements at any level: where each starts, and, as for
   * {@link ShellCommand}, whether it runs whenever the script reaches it and in the script's own
   * shell process (so that the commands after it see the value).
   */
  assignments: {
    name: string;
    exported: boolean;
    value: ShellWord | null;
    start: number;
    certain: boolean;
    ownShell: boolean;
  }[];
  /** Names the script `unset`s or exports without value. */
  touched: Set<string>;
}

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'busybox']);

/**
 * Scripts already parsed, by shell text, with offsets into that text. A file's RUNs are
 * analysed again for every transform that changed the file (and many files share RUNs),
 * while the text of a RUN rarely changes: a hit costs a copy with the offsets moved
 * instead of a tree-sitter parse. Oldest entries go first past the limit.
 */
const parsed = new Map<string, { text: string; script: ShellScript }>();
const PARSED_LIMIT = 1024;

/** Parses the shell text of a segment. */
export function parseShell(seg: Segment): ShellScript {
  let entry = parsed.get(seg.text);
  if (entry) {
    parsed.delete(seg.text);
  } else {
    entry = { text: seg.text, script: parseText(seg.text) };
    if (parsed.size >= PARSED_LIMIT) parsed.delete(parsed.keys().next().value as string);
  }
  // the entry's own text as the key: the segment's is a new string for every call, and
  // written into this long-lived map it would outlive young-generation collections
  parsed.set(entry.text, entry);
  return relocate(entry.script, seg.map);
}

/** The script of a text, offsets relative to the text; its word parts are frozen (shared by every copy). */
function parseText(text: string): ShellScript {
  return scriptOfText(text, 'quick') ?? scriptOfText(text, 'tree-sitter')!;
}

/**
 * The script of a text read by one parser: the quick parser (null when the text is not
 * in its subset) or tree-sitter. Exported for the test that compares the two.
 */
export function scriptOfText(text: string, parserName: 'quick' | 'tree-sitter'): ShellScript | null {
  let root: Node | null;
  let hasErrors = false;
  const p = getParser();
  if (parserName === 'quick') {
    root = quickTree(text);
    if (!root) return null;
  } else {
    const tree = p.parse(text);
    if (!tree) throw new Error('tree-sitter returned no tree');
    try {
      root = syntaxTree(tree, text);
      hasErrors = tree.rootNode.hasError || spansLineBreak(root);
    } finally {
      tree.delete();
    }
  }
  const out: ShellScript = { commands: [], steps: [], hasErrors, assignments: [], touched: new Set() };
  new Walker(identitySegment(text, 0), out).program(root);
  return out;
}

function syntaxTree(tree: Tree, source: string): Node {
  const cursor = tree.walk();
  let id = 0;
  try {
    const copy = (parent: Node | null): Node => {
      const node = new Node(
        id++,
        cursor.nodeType,
        cursor.nodeIsNamed,
        cursor.startIndex,
        cursor.endIndex,
        source,
      );
      node.parent = parent;
      if (cursor.gotoFirstChild()) {
        node.children = [];
        node.namedChildren = [];
        node.fields = [];
        do {
          const field = cursor.currentFieldId;
          const child = copy(node);
          node.children.push(child);
          node.fields.push(field);
          if (child.isNamed) node.namedChildren.push(child);
        } while (cursor.gotoNextSibling());
        cursor.gotoParent();
      }
      if (node.type === 'pipeline') return regroupPipeline(node);
      if (node.type === 'list') return leanLeft(node, () => id++);
      if (node.type === 'redirected_statement') return redirectLast(node);
      return node;
    };
    return copy(null);
  } finally {
    cursor.delete();
  }
}

/**
 * tree-sitter-bash reads `a | b | c && d` as `a | (b | c && d)`: a pipeline of three or
 * more commands followed by `&&` or `||` ends in a list. The shell binds `|` tighter, so
 * no bare list is ever part of a pipeline: this regroups such a pipeline into the list's
 * first operand, `(a | b | c) && d`, which is what the quick parser builds too. Gives the
 * node to put in the pipeline's place.
 */
function regroupPipeline(p: Node): Node {
  const list = p.children[p.children.length - 1];
  if (!list || list.type !== 'list') return p;
  let host = list;
  while (host.namedChildren[0]?.type === 'list') host = host.namedChildren[0];
  const first = host.namedChildren[0];
  if (!first || host.children[0] !== first) return p;
  const merged = p.like(p.id, 'pipeline', p.startIndex, first.endIndex);
  p.children.slice(0, -1).forEach((c, i) => merged.appendWithField(c, p.fields[i]));
  if (first.type === 'pipeline') first.children.forEach((c, i) => merged.appendWithField(c, first.fields[i]));
  else merged.appendWithField(first, 0);
  merged.parent = host;
  host.children[0] = merged;
  host.namedChildren[0] = merged;
  for (let n: Node | null = host; n; n = n === list ? null : n.parent) n.startIndex = p.startIndex;
  list.parent = p.parent;
  return list;
}

/**
 * Whether a simple command of the tree goes on past a line break outside its words: a
 * misreading (tree-sitter-bash reads `a | b | c\nd || e` as `... | c d || e`), after which
 * the tree cannot be trusted. A line break inside a word (a quoted one, a `$(...)`) is fine.
 */
function spansLineBreak(node: Node): boolean {
  if (node.type === 'command' && node.text.includes('\n')) {
    const kids = node.children;
    for (let i = 1; i < kids.length; i++) {
      const gap = node.text.slice(
        kids[i - 1].endIndex - node.startIndex,
        kids[i].startIndex - node.startIndex,
      );
      if (/(^|[^\\])\r?\n/.test(gap)) return true;
    }
  }
  return node.children.some(spansLineBreak);
}

/**
 * tree-sitter-bash reads `a && b > f` as the list redirected; the shell redirects `b`
 * alone. The redirections go to the list's right operand (the quick parser builds the
 * same): `a && (b > f)`. Gives the node to put in the redirected statement's place.
 */
function redirectLast(r: Node): Node {
  const list = r.children[0];
  if (!list || list.type !== 'list' || r.fields[0] !== fieldId('body') || list.children.length !== 3)
    return r;
  const right = list.children[2];
  const moved = r.like(r.id, 'redirected_statement', right.startIndex, r.endIndex);
  r.children.forEach((c, i) => moved.appendWithField(c === list ? right : c, r.fields[i]));
  moved.parent = list;
  list.children[2] = moved;
  list.namedChildren[list.namedChildren.length - 1] = moved;
  list.endIndex = r.endIndex;
  list.parent = r.parent;
  return list;
}

/**
 * A list whose right operand is a list, which only {@link regroupPipeline} makes
 * (`a && b | c | d || e` comes out as `a && ((b | c | d) || e)`): rebuilt leaning left, as
 * the shell reads `&&` and `||` and as tree-sitter builds every other list.
 */
function leanLeft(list: Node, newId: () => number): Node {
  const right = list.children[2];
  if (list.children.length !== 3 || right.type !== 'list') return list;
  const operands: Node[] = [];
  const operators: Node[] = [];
  const flatten = (n: Node): boolean => {
    if (n.type !== 'list') {
      operands.push(n);
      return true;
    }
    if (n.children.length !== 3) return false;
    if (!flatten(n.children[0])) return false;
    operators.push(n.children[1]);
    return flatten(n.children[2]);
  };
  if (!flatten(list)) return list;
  let cur = operands[0];
  for (let i = 0; i < operators.length; i++) {
    const next = list.like(newId(), 'list', cur.startIndex, operands[i + 1].endIndex);
    next.appendWithField(cur, 0);
    next.appendWithField(operators[i], 0);
    next.appendWithField(operands[i + 1], 0);
    cur = next;
  }
  cur.parent = list.parent;
  return cur;
}

/** A copy of a script whose offsets (indexes into its text) become `map[offset]`. */
function relocate(s: ShellScript, map: Int32Array): ShellScript {
  const word = (w: ShellWord): ShellWord => ({
    value: w.value,
    parts: freeze(w.parts),
    raw: w.raw,
    start: map[w.start],
    end: map[w.end],
  });
  const maybeWord = (w: ShellWord | null) => (w ? word(w) : null);
  return {
    commands: s.commands.map((c) => ({
      argv: c.argv.map(word),
      assigns: c.assigns.map((a) => ({
        name: a.name,
        value: maybeWord(a.value),
        start: map[a.start],
        end: map[a.end],
      })),
      redirects: c.redirects.map((r) =>
        r.shared ? { op: r.op, target: word(r.target), shared: true } : { op: r.op, target: word(r.target) },
      ),
      start: map[c.start],
      end: map[c.end],
      certain: c.certain,
      guarded: c.guarded,
      ownShell: c.ownShell,
      removal: c.removal && { start: map[c.removal.start], end: map[c.removal.end] },
      step: c.step,
      // no offsets in it: shared by every copy (frozen)
      flow: c.flow,
    })),
    steps: s.steps.map((st) => ({
      start: map[st.start],
      end: map[st.end],
      op: st.op,
      commands: st.commands.slice(),
      text: st.text,
    })),
    hasErrors: s.hasErrors,
    assignments: s.assignments.map((a) => ({
      name: a.name,
      exported: a.exported,
      value: maybeWord(a.value),
      start: map[a.start],
      certain: a.certain,
      ownShell: a.ownShell,
    })),
    touched: new Set(s.touched),
  };
}

function freeze(parts: WordPart[]): WordPart[] {
  if (!Object.isFrozen(parts)) {
    for (const p of parts) Object.freeze(p);
    Object.freeze(parts);
  }
  return parts;
}

/** Nodes a redirection after them applies to the last part of (see Walker.redirectedBy). */
const TRAILING = new Set(['list', 'pipeline', 'negated_command', 'redirected_statement']);
/** Compound commands: a redirection after one applies to every command inside. */
const GROUPS = new Set([
  'compound_statement',
  'subshell',
  'while_statement',
  'for_statement',
  'c_style_for_statement',
  'if_statement',
  'case_statement',
]);

/** Nodes whose commands run in a child shell: a `cd` there does not move the script. */
const SUBSHELLS = new Set(['subshell', 'pipeline', 'command_substitution', 'process_substitution']);

const SEQUENCES = new Set([
  'program',
  'compound_statement',
  'subshell',
  'do_group',
  'if_statement',
  'elif_clause',
  'else_clause',
  'case_item',
]);

type Ctx = { certain: boolean; guarded: boolean };

class Walker {
  private step = -1;
  private readonly operators = new Map<number, string | null>();
  private readonly parents = new Map<number, Node | null>();
  /** The compound commands around the node being walked (see {@link ShellCommand.flow}). */
  private readonly flow: FlowStep[] = [];
  /** Frames made so far: the id of the next one. */
  private frames = 0;
  constructor(
    private readonly seg: Segment,
    private readonly out: ShellScript,
  ) {}

  private off(i: number): number {
    return segmentOffset(this.seg, i);
  }

  program(root: Node): void {
    let op: ShellStep['op'] = null;
    const seq = this.frame('seq');
    let slot = 0;
    const kids = root.children;
    for (let i = 0; i < kids.length; i++) {
      const child = kids[i];
      if (!child) continue;
      if (!child.isNamed) {
        if (child.type === ';' || child.type === '&') op = ';';
        continue;
      }
      if (child.type === 'comment') continue;
      const stepOp = op ?? (this.out.steps.length ? '\n' : null);
      this.within(seq, slot++, () =>
        this.inBackground(kids[i + 1]?.type === '&', () => this.topLevel(child, stepOp)),
      );
      op = null;
    }
  }

  /** A new compound command of the flow. */
  private frame(kind: FlowKind, size = 0, complete = false): FlowFrame {
    return Object.freeze({ id: this.frames++, kind, size, complete });
  }

  /** Walks what `walk` walks inside slot `slot` of `frame`. */
  private within(frame: FlowFrame, slot: number, walk: () => void): void {
    this.flow.push(Object.freeze({ frame, slot }));
    walk();
    this.flow.pop();
  }

  private inBackground(background: boolean, walk: () => void): void {
    if (background) this.within(this.frame('background'), 0, walk);
    else walk();
  }

  /**
   * The children of `node` that are statements (and that `pick` takes), one after the
   * other in a `seq` frame; one followed by `&` runs in the background.
   */
  private statements(node: Node, ctx: Ctx, pick?: (child: Node, i: number) => boolean): void {
    const seq = this.frame('seq');
    let slot = 0;
    const kids = node.children;
    for (let i = 0; i < kids.length; i++) {
      const c = kids[i];
      if (!c || !c.isNamed || c.type === 'comment' || (pick && !pick(c, i))) continue;
      this.within(seq, slot++, () => this.inBackground(kids[i + 1]?.type === '&', () => this.visit(c, ctx)));
    }
  }

  /** The operands of an `&&` (or `||`) chain, which leans left: `a && b && c` is ((a && b) && c). */
  private operands(list: Node, op: string | null): Node[] {
    const kids = list.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
    const first = kids[0];
    if (first && first.type === 'list' && this.listOperator(first) === op)
      return [...this.operands(first, op), ...kids.slice(1)];
    return kids;
  }

  /**
   * No subshell, pipeline or substitution between the command and the top of the script,
   * and nothing on the way sent to the background with `&`.
   */
  private inOwnShell(node: Node): boolean {
    for (let n = node, p = this.parentOf(node); p; n = p, p = this.parentOf(p)) {
      if (SUBSHELLS.has(p.type)) return false;
      const kids = p.children;
      if (kids[kids.indexOf(n) + 1]?.type === '&') return false;
    }
    return true;
  }

  /** A top-level statement: `&&` lists are split into steps, anything else is one step. */
  private topLevel(node: Node, op: ShellStep['op']): void {
    if (node.type === 'list' && this.listOperator(node) === '&&') {
      const kids = this.operands(node, '&&');
      if (kids.length >= 2) {
        const chain = this.frame('and');
        kids.forEach((k, i) => this.within(chain, i, () => this.topLevel(k, i ? '&&' : op)));
        return;
      }
    }
    this.topStep(node, op);
  }

  private topStep(node: Node, op: ShellStep['op']): void {
    this.out.steps.push({
      start: this.off(node.startIndex),
      end: this.off(node.endIndex),
      op,
      commands: [],
      text: node.text,
    });
    this.step = this.out.steps.length - 1;
    this.visit(node, { certain: true, guarded: false });
  }

  private listOperator(node: Node): string | null {
    let op = this.operators.get(node.id);
    if (op === undefined) {
      op = null;
      for (const c of node.children) {
        if (c && !c.isNamed && (c.type === '&&' || c.type === '||')) {
          op = c.type;
          break;
        }
      }
      this.operators.set(node.id, op);
    }
    return op;
  }

  /**
   * A node's parent. tree-sitter finds it by walking down from the root, and the removal
   * spans of an `&&` chain climb the whole chain from each of its commands: asked once per node.
   */
  private parentOf(node: Node): Node | null {
    let p = this.parents.get(node.id);
    if (p === undefined) this.parents.set(node.id, (p = node.parent));
    return p;
  }

  private visit(node: Node, ctx: Ctx): void {
    switch (node.type) {
      case 'command':
        this.command(node, ctx);
        return;
      case 'list': {
        const op = this.listOperator(node);
        const chain = this.frame(op === '||' ? 'or' : 'and');
        this.operands(node, op).forEach((k, i) =>
          this.within(chain, i, () =>
            this.visit(k, op === '||' ? { certain: ctx.certain && i === 0, guarded: true } : ctx),
          ),
        );
        return;
      }
      case 'if_statement': {
        const clauses = node.namedChildren.filter((c) => c?.type === 'elif_clause');
        const otherwise = node.namedChildren.find((c) => c?.type === 'else_clause');
        const frame = this.frame('if', 2 * clauses.length + 3, !!otherwise);
        const inBranch = { certain: false, guarded: ctx.guarded };
        this.clause(node, frame, 0, { certain: ctx.certain, guarded: true }, inBranch);
        clauses.forEach((c, k) => this.clause(c, frame, 2 * k + 2, inBranch, inBranch));
        if (otherwise) this.within(frame, frame.size - 1, () => this.statements(otherwise, inBranch));
        return;
      }
      case 'while_statement':
      case 'until_statement': {
        const frame = this.frame('loop');
        const isCondition = (c: Node) =>
          node.childForFieldName('condition')?.id === c.id || isConditionChild(node, c);
        this.within(frame, 0, () => this.statements(node, { certain: false, guarded: true }, isCondition));
        this.within(frame, 1, () => {
          for (const c of node.namedChildren)
            if (c && c.type !== 'comment' && !isCondition(c))
              this.visit(c, { certain: false, guarded: ctx.guarded });
        });
        return;
      }
      case 'negated_command':
        this.within(this.frame('not'), 0, () => {
          for (const c of node.namedChildren) if (c) this.visit(c, { certain: ctx.certain, guarded: true });
        });
        return;
      case 'for_statement':
      case 'c_style_for_statement': {
        const frame = this.frame('for');
        const body = node.childForFieldName('body');
        for (const c of node.namedChildren)
          if (c)
            this.within(frame, c === body ? 1 : 0, () =>
              this.visit(c, { certain: false, guarded: ctx.guarded }),
            );
        return;
      }
      case 'case_statement': {
        const inBranch = { certain: false, guarded: ctx.guarded };
        const items = node.namedChildren.filter((c): c is Node => c?.type === 'case_item');
        const value = fieldId('value');
        const patterns = (item: Node) => item.children.filter((_, i) => item.fields[i] === value);
        const anything = items.some((item) => patterns(item).some((p) => p.text === '*'));
        const frame = this.frame('case', items.length + 1, anything);
        for (const c of node.namedChildren) {
          if (!c) continue;
          const i = items.indexOf(c);
          if (i < 0) {
            this.within(frame, 0, () => this.visit(c, inBranch));
            continue;
          }
          this.within(frame, i + 1, () => {
            const ps = patterns(c);
            for (const p of ps) if (p.isNamed) this.visit(p, inBranch);
            this.statements(c, inBranch, (x) => !ps.includes(x));
          });
        }
        return;
      }
      case 'function_definition':
        this.within(this.frame('function'), 0, () => {
          for (const c of node.namedChildren) if (c) this.visit(c, { certain: false, guarded: ctx.guarded });
        });
        return;
      case 'pipeline': {
        // one frame for the commands side by side, however the parser nested them (the
        // quick parser reads `a | b | c > f && d` as the pipeline redirected, tree-sitter
        // as `a | (b | c) > f`)
        const pipe = this.frame('pipe');
        let slot = 0;
        const parts = (p: Node): void => {
          for (const c of p.namedChildren) {
            if (!c || c.type === 'comment') continue;
            const body = c.type === 'redirected_statement' ? c.childForFieldName('body') : null;
            if (c.type === 'pipeline') parts(c);
            else if (body?.type === 'pipeline') {
              parts(body);
              for (const r of c.namedChildren)
                if (r && r !== body) this.within(pipe, slot - 1, () => this.visit(r, ctx));
            } else this.within(pipe, slot++, () => this.visit(c, ctx));
          }
        };
        parts(node);
        return;
      }
      case 'program':
      case 'compound_statement':
      case 'subshell':
      case 'do_group':
      case 'command_substitution':
        this.statements(node, ctx);
        return;
      case 'process_substitution':
        this.within(this.frame('background'), 0, () => this.statements(node, ctx));
        return;
      case 'test_command':
        this.within(this.frame('test'), 0, () => {
          for (const c of node.namedChildren) if (c) this.visit(c, ctx);
        });
        return;
      case 'declaration_command':
        this.declaration(node, ctx);
        return;
      case 'unset_command':
        for (const c of node.namedChildren) if (c && c.type !== 'comment') this.out.touched.add(c.text);
        return;
      case 'variable_assignment': {
        const a = this.assignment(node);
        if (a) this.out.assignments.push(this.assigned(a, node, false, ctx));
        return;
      }
      case 'heredoc_body':
      case 'comment':
        return;
      default:
        for (const c of node.namedChildren) if (c) this.visit(c, ctx);
    }
  }

  /**
   * An `if` or `elif` clause: its conditions (the statements before `then`) in slot `at` of
   * the `if` frame, its body in slot `at + 1`.
   */
  private clause(node: Node, frame: FlowFrame, at: number, condition: Ctx, body: Ctx): void {
    const then = node.children.findIndex((c) => c?.type === 'then');
    const inBody = (c: Node, i: number) => then >= 0 && i > then && !isClauseChild(c);
    this.within(frame, at, () =>
      this.statements(node, condition, (c, i) => !inBody(c, i) && !isClauseChild(c)),
    );
    this.within(frame, at + 1, () => this.statements(node, body, inBody));
  }

  /** An assignment statement as {@link ShellScript.assignments} lists it. */
  private assigned(
    a: Assignment,
    node: Node,
    exported: boolean,
    ctx: { certain: boolean },
  ): ShellScript['assignments'][number] {
    return {
      name: a.name,
      exported,
      value: a.value,
      start: a.start,
      certain: ctx.certain,
      ownShell: this.inOwnShell(node),
    };
  }

  private declaration(node: Node, ctx: { certain: boolean }): void {
    const keyword = node.child(0)?.type;
    for (const c of node.namedChildren) {
      if (!c) continue;
      if (c.type === 'variable_assignment') {
        const a = this.assignment(c);
        if (a) this.out.assignments.push(this.assigned(a, c, keyword === 'export', ctx));
      } else if (c.type === 'variable_name' || c.type === 'word') {
        this.out.touched.add(c.text);
      }
    }
  }

  private assignment(node: Node): Assignment | null {
    const name = node.childForFieldName('name');
    if (!name) return null;
    const valueNode = node.childForFieldName('value');
    return {
      name: name.text,
      value: valueNode ? this.word(valueNode) : emptyWord(this.off(node.endIndex)),
      start: this.off(node.startIndex),
      end: this.off(node.endIndex),
    };
  }

  private command(node: Node, ctx: { certain: boolean; guarded: boolean }): void {
    const argv: ShellWord[] = [];
    const assigns: Assignment[] = [];
    const redirects: ShellCommand['redirects'] = [];
    const holders = [{ of: node, shared: false }, ...this.redirectedBy(node)];
    for (const { of, shared } of holders) {
      for (const r of of.namedChildren) {
        if (!r || r.type !== 'file_redirect') continue;
        const dest =
          r.childForFieldName('destination') ?? r.namedChildren.find((x) => x?.type !== 'file_descriptor');
        const op = r.children.find((x) => x && !x.isNamed)?.type ?? '>';
        if (dest)
          redirects.push(shared ? { op, target: this.word(dest), shared } : { op, target: this.word(dest) });
      }
    }
    for (const c of node.namedChildren) {
      if (!c) continue;
      if (c.type === 'variable_assignment') {
        const a = this.assignment(c);
        if (a) assigns.push(a);
      } else if (c.type === 'command_name') {
        const w = c.namedChild(0);
        argv.push(w ? this.word(w) : this.word(c));
      } else if (c.type.endsWith('_redirect') || c.type === 'comment') {
        continue;
      } else {
        argv.push(this.word(c));
      }
    }
    const cmd: ShellCommand = {
      argv,
      assigns,
      redirects,
      start: this.off(node.startIndex),
      end: this.off(node.endIndex),
      certain: ctx.certain,
      guarded: ctx.guarded,
      ownShell: this.inOwnShell(node),
      removal: this.removal(node),
      step: this.step,
      flow: Object.freeze(this.flow.slice()),
    };
    this.out.commands.push(cmd);
    if (this.step >= 0) this.out.steps[this.step].commands.push(this.out.commands.length - 1);
    this.nestedShell(argv, node, ctx);
  }

  /**
   * The redirected statements whose redirections apply to this command. tree-sitter-bash
   * parses `a && b > f` (and `a | b > f`) as the whole list redirected, while the shell
   * redirects only `b`: a redirection goes to the last command of a list, pipeline or `!`
   * it follows, and to every command of a group (`{ a; b; } > f`: shared, so neither
   * command's own output is all the file gets).
   */
  private redirectedBy(node: Node): { of: Node; shared: boolean }[] {
    const out: { of: Node; shared: boolean }[] = [];
    for (let up = this.parentOf(node); up; up = this.parentOf(up)) {
      if (up.type !== 'redirected_statement') continue;
      // where its redirections go: down the last parts of its body
      let b = up.childForFieldName('body');
      while (b && b.id !== node.id && TRAILING.has(b.type)) {
        b =
          b.type === 'redirected_statement'
            ? b.childForFieldName('body')
            : (b.namedChildren.filter((c) => c && c.type !== 'comment').pop() ?? null);
      }
      if (!b) continue;
      if (b.id === node.id) out.push({ of: up, shared: false });
      else if (this.inGroup(node, b)) out.push({ of: up, shared: true });
    }
    return out;
  }

  /** Whether the output of `node` goes where that of the group `group` goes (not into a `$(...)`). */
  private inGroup(node: Node, group: Node): boolean {
    if (!GROUPS.has(group.type)) return false;
    for (let a = this.parentOf(node); a; a = this.parentOf(a)) {
      if (a.id === group.id) return true;
      if (a.type === 'command' || a.type === 'command_substitution' || a.type === 'process_substitution')
        return false;
    }
    return false;
  }

  /** `sh -c '...'` with a literal script: its commands count as this script's commands. */
  private nestedShell(argv: ShellWord[], node: Node, ctx: { certain: boolean; guarded: boolean }): void {
    const name = argv[0]?.value;
    if (!name || !SHELLS.has(basename(name))) return;
    const ci = argv.findIndex((w, i) => i > 0 && w.value !== null && /^-[a-z]*c[a-z]*$/.test(w.value));
    if (ci < 0 || ci + 1 >= argv.length) return;
    const scriptNode = node.namedChildren.find(
      (c) => c && this.off(c.startIndex) === argv[ci + 1].start && c.type === 'raw_string',
    );
    if (!scriptNode) return;
    const inner: Segment = {
      text: scriptNode.text.slice(1, -1),
      map: this.seg.map.slice(scriptNode.startIndex + 1, scriptNode.endIndex),
    };
    const sub = parseShell(inner);
    if (sub.hasErrors) this.out.hasErrors = true;
    const baseIndex = this.out.commands.length;
    // the script's frames go inside the shell command's, numbered after this script's
    const base = this.frames;
    const frames = new Map<number, FlowFrame>();
    const moved = (s: FlowStep): FlowStep => {
      let f = frames.get(s.frame.id);
      if (!f) {
        frames.set(s.frame.id, (f = Object.freeze({ ...s.frame, id: base + s.frame.id })));
        this.frames = Math.max(this.frames, f.id + 1);
      }
      return Object.freeze({ frame: f, slot: s.slot });
    };
    for (const c of sub.commands) {
      this.out.commands.push({
        ...c,
        certain: ctx.certain && c.certain,
        guarded: ctx.guarded || c.guarded,
        ownShell: false,
        step: this.step,
        flow: Object.freeze([...this.flow, ...(c.flow ?? []).map(moved)]),
      });
    }
    if (this.step >= 0) {
      for (let i = baseIndex; i < this.out.commands.length; i++) this.out.steps[this.step].commands.push(i);
    }
    // another shell process: its assignments reach only its own later commands
    this.out.assignments.push(
      ...sub.assignments.map((a) => ({ ...a, certain: ctx.certain && a.certain, ownShell: false })),
    );
    sub.touched.forEach((t) => this.out.touched.add(t));
  }

  /**
   * The span that removes a command and one adjacent connector, when that leaves a
   * well-formed script with the same meaning for the rest: the command (or its
   * redirected statement, or its `cmd || true`) must sit in a sequence of statements or an
   * `&&` chain, and must not be the only statement of its sequence.
   */
  private removal(cmdNode: Node): { start: number; end: number } | null {
    let stmt = cmdNode;
    const up = this.parentOf(stmt);
    if (up?.type === 'redirected_statement') stmt = up;
    let parent = this.parentOf(stmt);
    // `cmd || true` (or `|| :`) goes whole: it never fails, so the rest runs as it did
    if (
      parent?.type === 'list' &&
      this.listOperator(parent) === '||' &&
      parent.namedChildCount === 2 &&
      parent.namedChild(0)?.id === stmt.id &&
      /^(true|:)$/.test(parent.namedChild(1)?.text.trim() ?? '')
    ) {
      stmt = parent;
      parent = this.parentOf(stmt);
    }
    if (!parent) return null;
    if (parent.type === 'list') {
      if (this.listOperator(parent) !== '&&') return null;
      for (let a: Node | null = parent; a && a.type === 'list'; a = this.parentOf(a)) {
        if (this.listOperator(a) !== '&&') return null;
        const above = this.parentOf(a);
        if (above && above.type !== 'list' && !SEQUENCES.has(above.type)) return null;
      }
      const left = parent.namedChild(0);
      const right = parent.namedChild(parent.namedChildCount - 1);
      if (!left || !right) return null;
      if (right.id === stmt.id) return this.span(left.endIndex, stmt.endIndex);
      // leftmost command of a chain: delete up to the start of what follows it
      return this.span(stmt.startIndex, right.startIndex);
    }
    if (!SEQUENCES.has(parent.type)) return null;
    // a case branch's patterns (`a|b)`) are its children too: they are not statements
    const patterns = parent.type === 'case_item' ? fieldId('value') : -2;
    const siblings = parent.namedChildren.filter(
      (c): c is Node =>
        !!c &&
        c.type !== 'comment' &&
        !isConditionChild(parent, c) &&
        !isClauseChild(c) &&
        parent.fields[parent.children.indexOf(c)] !== patterns,
    );
    const i = siblings.findIndex((c) => c.id === stmt.id);
    if (i < 0 || siblings.length < 2) return null;
    const after = nextToken(parent, stmt);
    if (after && after.type === '&') return null;
    if (i + 1 < siblings.length) return this.span(stmt.startIndex, siblings[i + 1].startIndex);
    return this.span(siblings[i - 1].endIndex, after && after.type === ';' ? after.endIndex : stmt.endIndex);
  }

  private span(a: number, b: number): { start: number; end: number } {
    return { start: this.off(a), end: this.off(b) };
  }

  word(node: Node): ShellWord {
    const parts: WordPart[] = [];
    collectParts(node, parts);
    const merged = mergeParts(parts);
    return {
      value: merged.every((p) => 'lit' in p) ? merged.map((p) => (p as { lit: string }).lit).join('') : null,
      parts: merged,
      raw: node.text,
      start: this.off(node.startIndex),
      end: this.off(node.endIndex),
    };
  }
}

function emptyWord(at: number): ShellWord {
  return { value: '', parts: [], raw: '', start: at, end: at };
}

function isConditionChild(parent: Node, child: Node): boolean {
  if (
    parent.type !== 'if_statement' &&
    parent.type !== 'while_statement' &&
    parent.type !== 'until_statement' &&
    parent.type !== 'elif_clause'
  )
    return false;
  // tree-sitter-bash marks every condition statement with the "condition" field
  const i = parent.children.indexOf(child);
  return i >= 0 && parent.fields[i] === fieldId('condition');
}

function isClauseChild(c: Node): boolean {
  return c.type === 'elif_clause' || c.type === 'else_clause';
}

function nextToken(parent: Node, node: Node): Node | null {
  let found = false;
  for (const c of parent.children) {
    if (!c) continue;
    if (found) return c;
    if (c.id === node.id) found = true;
  }
  return null;
}

function collectParts(node: Node, parts: WordPart[]): void {
  switch (node.type) {
    case 'word':
    case 'number':
      parts.push({ lit: unescapeWord(node.text) });
      return;
    case 'raw_string':
      parts.push({ lit: node.text.slice(1, -1) });
      return;
    case 'string': {
      // "...": string_content pieces and expansions; the quotes are anonymous children
      let last = node.startIndex + 1;
      for (const c of node.namedChildren) {
        if (!c) continue;
        if (c.startIndex > last) parts.push({ lit: unescapeDouble(sliceNode(node, last, c.startIndex)) });
        if (c.type === 'string_content') parts.push({ lit: unescapeDouble(c.text) });
        else collectParts(c, parts);
        last = c.endIndex;
      }
      if (node.endIndex - 1 > last)
        parts.push({ lit: unescapeDouble(sliceNode(node, last, node.endIndex - 1)) });
      return;
    }
    case 'simple_expansion': {
      const name = node.namedChild(0);
      parts.push(name && name.type === 'variable_name' ? { variable: name.text } : { dynamic: node.text });
      return;
    }
    case 'expansion': {
      const kids = node.namedChildren;
      if (kids.length === 1 && kids[0]?.type === 'variable_name' && node.text === '${' + kids[0].text + '}') {
        parts.push({ variable: kids[0].text });
      } else parts.push({ dynamic: node.text });
      return;
    }
    case 'concatenation': {
      // literal characters joined with expansions (e.g. '=' in a=$b) are left unnamed by tree-sitter
      let last = node.startIndex;
      for (const c of node.namedChildren) {
        if (!c) continue;
        if (c.startIndex > last) parts.push({ lit: unescapeWord(sliceNode(node, last, c.startIndex)) });
        collectParts(c, parts);
        last = c.endIndex;
      }
      if (node.endIndex > last) parts.push({ lit: unescapeWord(sliceNode(node, last, node.endIndex)) });
      return;
    }
    default:
      parts.push({ dynamic: node.text });
  }
}

function sliceNode(node: Node, from: number, to: number): string {
  return node.text.slice(from - node.startIndex, to - node.startIndex);
}

function mergeParts(parts: WordPart[]): WordPart[] {
  const out: WordPart[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if ('lit' in p && last && 'lit' in last) out[out.length - 1] = { lit: last.lit + p.lit };
    else out.push(p);
  }
  return out;
}

function unescapeWord(s: string): string {
  return s.replace(/\\(.)/gs, '$1');
}

function unescapeDouble(s: string): string {
  return s.replace(/\\([$`"\\\n])/g, (_, c: string) => (c === '\n' ? '' : c));
}

export function basename(p: string): string {
  const i = p.lastIndexOf('/');
  return i >= 0 ? p.slice(i + 1) : p;
}

/**
 * The commands inside the command substitutions (`$(cat VERSION)`, `` `cat x` ``) of a
 * word: the walk does not list them, yet they run, read and write like the others. Null
 * when a substitution's text does not parse.
 */
export function substitutedCommands(w: ShellWord): ShellCommand[] | null {
  const out: ShellCommand[] = [];
  for (const p of w.parts) {
    if (!('dynamic' in p)) continue;
    const t = p.dynamic;
    const inner =
      t.startsWith('$(') && t.endsWith(')') ? t.slice(2, -1) : /^`.*`$/s.test(t) ? t.slice(1, -1) : null;
    if (inner === null) continue;
    // bash's `$(< FILE)` reads the file as `$(cat FILE)` does
    const text = /^\s*<(?![<(])/.test(inner) ? `cat ${inner.replace(/^\s*</, '')}` : inner;
    const script = parseShell(identitySegment(text, 0));
    if (script.hasErrors) return null;
    out.push(...script.commands);
    for (const c of script.commands) {
      for (const x of [...c.argv, ...c.assigns.flatMap((a) => (a.value ? [a.value] : []))]) {
        const nested = substitutedCommands(x);
        if (nested === null) return null;
        out.push(...nested);
      }
    }
  }
  return out;
}

/**
 * The value of a word with `$VAR`/`${VAR}` replaced from `vars`; null when a part is
 * dynamic or a variable is unknown. `~` at the start expands to `home` when given.
 */
export function expandWord(
  word: ShellWord,
  lookup: (name: string) => string | null | undefined,
  home?: string | null,
  /** Put in place of an expansion whose value is not known, instead of giving null. */
  unknown?: string,
): string | null {
  let out = '';
  for (const p of word.parts) {
    if ('lit' in p) out += p.lit;
    else if ('variable' in p) {
      const v = lookup(p.variable);
      if (v === null || v === undefined) {
        if (unknown === undefined) return null;
        out += unknown;
      } else out += v;
    } else if (unknown === undefined) return null;
    else out += unknown;
  }
  if (out.startsWith('~') && (out.length === 1 || out[1] === '/') && word.raw.startsWith('~')) {
    if (!home) return unknown === undefined ? null : unknown + out.slice(1);
    out = home + out.slice(1);
  }
  return out;
}
