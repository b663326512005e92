/**
 * A quick parser for the common subset of shell in RUN bodies: simple commands with
 * assignments and redirections, joined by `&&`, `||`, `|`, `;` and newlines, whose words
 * are plain text, quotes, `$NAME`, `${NAME}` and `${NAME:-word}`. It builds the tree that
 * tree-sitter-bash builds for the same text (node types, fields and ranges the walk in
 * src/shell.ts reads), for a fraction of the cost: most RUN bodies are in this subset.
 *
 * It gives up (null) on anything else: keywords, subshells, groups, substitutions,
 * heredocs, comments, background jobs, globs in brackets or braces, odd whitespace. The
 * caller then asks tree-sitter. test/shell-quick.test.ts checks that both parsers give the
 * same analysis for every RUN of the fixtures and corpus-like generated scripts.
 */
import { Node } from './shell-tree';

/** Thrown to give up; caught at the top. */
const GIVE_UP = new Error('outside the quick subset');

/** Command names that tree-sitter-bash parses as something other than a simple command. */
const RESERVED = new Set([
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'for',
  'select',
  'while',
  'until',
  'do',
  'done',
  'case',
  'esac',
  'in',
  'function',
  'declare',
  'typeset',
  'export',
  'readonly',
  'local',
  'unset',
  'unsetenv',
]);

/**
 * Characters that end a word (tree-sitter-bash's SPECIAL_CHARACTERS): quotes, redirections,
 * braces, brackets, parentheses, backquote, dollar, operators, backslash and whitespace.
 */
const SPECIAL = new Uint8Array(128);
for (const c of `'"<>{}[]()\`$|&;\\ \t\n\r\v\f`) SPECIAL[c.charCodeAt(0)] = 1;

function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}
function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57);
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The right operand of a list (lists lean left: never a list itself). */
function lastOperand(list: Node): Node {
  return list.children[list.children.length - 1];
}

/** Puts `node` in place of a list's right operand (the same node when a pipeline grew), and extends the list. */
function replaceLast(list: Node, node: Node): void {
  if (node !== lastOperand(list)) {
    node.parent = list;
    list.children[list.children.length - 1] = node;
    list.namedChildren[list.namedChildren.length - 1] = node;
  }
  list.endIndex = node.endIndex;
}

/** The tree of `text`, or null when it is not in the quick subset. */
export function quickTree(text: string): Node | null {
  try {
    return new QuickParser(text).program();
  } catch (e) {
    if (e === GIVE_UP) return null;
    throw e;
  }
}

class QuickParser {
  private pos = 0;
  private id = 0;
  /** The statement being read has a pipeline of three or more commands. */
  private longPipe = false;
  private readonly len: number;
  constructor(private readonly s: string) {
    this.len = s.length;
  }

  private node(type: string, start: number, end: number, named = true): Node {
    return new Node(this.id++, type, named, start, end, this.s);
  }

  private code(at = this.pos): number {
    return at < this.len ? this.s.charCodeAt(at) : -1;
  }

  /** Spaces and tabs. */
  private blanks(): void {
    while (this.pos < this.len) {
      const c = this.s.charCodeAt(this.pos);
      if (c !== 32 && c !== 9) return;
      this.pos++;
    }
  }

  /** Spaces, tabs and line breaks. */
  private blankLines(): void {
    while (this.pos < this.len) {
      const c = this.s.charCodeAt(this.pos);
      if (c !== 32 && c !== 9 && c !== 10) return;
      this.pos++;
    }
  }

  program(): Node {
    const root = this.node('program', 0, this.len);
    this.blankLines();
    while (this.pos < this.len) {
      this.longPipe = false;
      root.append(this.statement());
      this.blanks();
      const c = this.code();
      // tree-sitter reads on past a line break after `a | b | c` (`c` takes the next line's words)
      if (this.longPipe && c === 10) throw GIVE_UP;
      if (c === 59 /* ; */) {
        root.append(this.node(';', this.pos, this.pos + 1, false));
        this.pos++;
        this.blanks();
        if (this.code() === 59) throw GIVE_UP;
      } else if (c !== 10 && c !== -1) {
        throw GIVE_UP;
      }
      this.blankLines();
    }
    return root;
  }

  /**
   * Commands joined by `&&`, `||` and `|`, as the shell groups them (and as the copy of a
   * tree-sitter tree is regrouped, src/shell.ts): lists lean left, and a pipeline or a
   * redirection takes the last operand of a list (`a && b > f` redirects `b`).
   */
  private statement(): Node {
    let cur = this.simple(true);
    for (;;) {
      this.blanks();
      const c = this.code();
      if (this.atRedirect()) {
        const target = cur.type === 'list' ? lastOperand(cur) : cur;
        if (target.type === 'variable_assignment' || target.type === 'variable_assignments') throw GIVE_UP;
        if (cur.type === 'list') replaceLast(cur, this.redirected(target));
        else cur = this.redirected(cur);
        continue;
      }
      const next = this.code(this.pos + 1);
      if ((c === 38 /* & */ && next === 38) || (c === 124 /* | */ && next === 124)) {
        const op = this.node(c === 38 ? '&&' : '||', this.pos, this.pos + 2, false);
        this.pos += 2;
        this.blankLines();
        cur = this.join('list', cur, op, this.simple(true));
        continue;
      }
      if (c === 124 && next !== 38 /* |& */) {
        // tree-sitter splits `a | b > f | c` and `a && b > f | c` in ways of its own
        const target = cur.type === 'list' ? lastOperand(cur) : cur;
        if (
          target.type === 'redirected_statement' &&
          (cur.type === 'list' || target.namedChildren[0].type !== 'command')
        )
          throw GIVE_UP;
        const op = this.node('|', this.pos, this.pos + 1, false);
        this.pos++;
        this.blankLines();
        const right = this.simple(false);
        if (cur.type === 'list') replaceLast(cur, this.pipe(target, op, right));
        else cur = this.pipe(cur, op, right);
        continue;
      }
      return cur;
    }
  }

  /** `left | right`: a pipeline that is not redirected grows, anything else starts one. */
  private pipe(left: Node, op: Node, right: Node): Node {
    if (left.type === 'variable_assignment' || left.type === 'variable_assignments') throw GIVE_UP;
    if (left.type === 'pipeline') {
      this.longPipe = true;
      left.append(op);
      left.append(right);
      left.endIndex = right.endIndex;
      return left;
    }
    return this.join('pipeline', left, op, right);
  }

  /** A list or pipeline of two operands and the operator between them. */
  private join(type: 'list' | 'pipeline', left: Node, op: Node, right: Node): Node {
    const node = this.node(type, left.startIndex, right.endIndex);
    node.append(left);
    node.append(op);
    node.append(right);
    return node;
  }

  private atRedirect(): boolean {
    let i = this.pos;
    while (isDigit(this.code(i))) i++;
    const c = this.code(i);
    if (c === 62 /* > */ || c === 60 /* < */) return true;
    return i === this.pos && c === 38 && this.code(i + 1) === 62; // &>
  }

  /** `body` followed by one or more file redirections. */
  private redirected(body: Node): Node {
    const node = this.node('redirected_statement', body.startIndex, body.endIndex);
    node.append(body, 'body');
    while (this.atRedirect()) {
      const r = this.fileRedirect();
      node.append(r, 'redirect');
      node.endIndex = r.endIndex;
      this.blanks();
    }
    // tree-sitter takes words after a redirection as more destinations of it
    if (this.pos < this.len && !this.atOperator()) throw GIVE_UP;
    return node;
  }

  private atOperator(): boolean {
    const c = this.code();
    return c === 10 || c === 59 || c === 124 || (c === 38 && this.code(this.pos + 1) === 38);
  }

  private fileRedirect(): Node {
    const start = this.pos;
    const r = this.node('file_redirect', start, start);
    while (isDigit(this.code())) this.pos++;
    if (this.pos > start) r.append(this.node('file_descriptor', start, this.pos), 'descriptor');
    const ops = ['&>>', '&>', '>>', '>&', '<&', '>', '<'];
    const op = ops.find((o) => this.s.startsWith(o, this.pos));
    if (!op) throw GIVE_UP;
    const after = this.code(this.pos + op.length);
    // heredocs, here-strings, `<>`, `>|`, process substitution, `>&-`: not in the subset
    if (after === 60 || after === 62 || after === 124 || after === 40 || after === 45 || after === 38)
      throw GIVE_UP;
    // `2&>f`: no descriptor goes before `&>`
    if (op[0] === '&' && this.pos > start) throw GIVE_UP;
    r.append(this.node(op, this.pos, this.pos + op.length, false));
    this.pos += op.length;
    this.blanks();
    if (op === '>&' || op === '<&') {
      // tree-sitter reads a descriptor here as a number, anything else as a file
      if (!isDigit(this.code())) throw GIVE_UP;
    }
    const dest = this.literal();
    if (!dest) throw GIVE_UP;
    r.append(dest, 'destination');
    r.endIndex = dest.endIndex;
    return r;
  }

  /** Whether the word starting here ends the command (an operator, a terminator, the end). */
  private atCommandEnd(): boolean {
    const c = this.code();
    return c === -1 || c === 10 || c === 59 || c === 124 || c === 38;
  }

  /**
   * A simple command (`NAME=v ... cmd args`) or bare assignments. `first`: the first in
   * its statement or after `&&`/`||`, where assignments alone may stand.
   */
  private simple(first: boolean): Node {
    const start = this.pos;
    const assigns: Node[] = [];
    for (;;) {
      const a = this.assignment();
      if (!a) break;
      assigns.push(a);
      this.blanks();
    }
    if (this.atCommandEnd() || this.atRedirect()) {
      if (!assigns.length || !first || this.atRedirect()) throw GIVE_UP;
      if (assigns.length === 1) return assigns[0];
      // tree-sitter goes on past a line break after two or more: `A=1 B=2\ncmd` is one command
      if (this.code() !== 59 && this.code() !== -1) throw GIVE_UP;
      const group = this.node('variable_assignments', start, assigns[assigns.length - 1].endIndex);
      for (const a of assigns) group.append(a);
      return group;
    }
    const nameStart = this.pos;
    const c = this.code();
    if (c === 33 /* ! */ || c === 61 /* = */ || c === 35 /* # */) throw GIVE_UP;
    // a number where a command starts: tree-sitter may take it for an argument of the line before
    if (isDigit(c) || (c === 45 /* - */ && isDigit(this.code(this.pos + 1)))) throw GIVE_UP;
    const name = this.literal();
    if (!name) throw GIVE_UP;
    if (name.type === 'word' && RESERVED.has(name.text)) throw GIVE_UP;
    // tree-sitter may read `--opt=x` after an assignment as one more assignment
    if (name.text.includes('=')) throw GIVE_UP;
    // nor does it always read `a#b` there as a word
    if (name.text.includes('#')) throw GIVE_UP;
    const cmd = this.node('command', assigns.length ? assigns[0].startIndex : nameStart, name.endIndex);
    for (const a of assigns) cmd.append(a);
    const nameNode = this.node('command_name', name.startIndex, name.endIndex);
    nameNode.append(name);
    cmd.append(nameNode, 'name');
    for (;;) {
      this.blanks();
      if (this.atCommandEnd() || this.atRedirect()) break;
      const ch = this.code();
      if (ch === 61 || ch === 35) throw GIVE_UP; // `==`/`=~` arguments, comments
      const arg = this.literal();
      if (!arg) throw GIVE_UP;
      cmd.append(arg, 'argument');
      cmd.endIndex = arg.endIndex;
    }
    return cmd;
  }

  /** `NAME=value` or `NAME=` at the current position, else null (nothing consumed). */
  private assignment(): Node | null {
    const start = this.pos;
    if (!isNameStart(this.code())) return null;
    let i = start + 1;
    while (isNameChar(this.code(i))) i++;
    if (this.code(i) === 43 /* + */ && this.code(i + 1) === 61) throw GIVE_UP;
    if (this.code(i) !== 61) return null;
    const node = this.node('variable_assignment', start, i + 1);
    node.append(this.node('variable_name', start, i), 'name');
    node.append(this.node('=', i, i + 1, false));
    this.pos = i + 1;
    const c = this.code();
    if (c === 61 || c === 40 /* ( */ || c === 35) throw GIVE_UP;
    if (c === -1 || c === 32 || c === 9 || c === 10 || c === 59 || c === 124 || c === 38) return node;
    const value = this.literal();
    if (!value) throw GIVE_UP;
    node.append(value, 'value');
    node.endIndex = value.endIndex;
    return node;
  }

  /** A word: pieces (plain text, quotes, expansions) with nothing between them; null when none starts here. */
  private literal(): Node | null {
    const start = this.pos;
    let first: Node | null = null;
    let pieces: Node[] | null = null;
    for (;;) {
      const piece = this.piece();
      if (!piece) break;
      if (!first) first = piece;
      else (pieces ??= [first]).push(piece);
    }
    // `-y2>f`: tree-sitter may take the word's last digits for a file descriptor
    if (first && (this.code() === 60 || this.code() === 62)) throw GIVE_UP;
    if (!pieces) return first;
    const cat = this.node('concatenation', start, this.pos);
    for (const p of pieces) cat.append(p);
    return cat;
  }

  private piece(): Node | null {
    const c = this.code();
    if (c === 39 /* ' */) {
      const close = this.s.indexOf("'", this.pos + 1);
      if (close < 0) throw GIVE_UP;
      const node = this.node('raw_string', this.pos, close + 1);
      this.pos = close + 1;
      return node;
    }
    if (c === 34 /* " */) return this.string();
    if (c === 36 /* $ */) return this.expansion();
    if (c === -1 || c === 35 /* # */) return null;
    if (c < 128 && SPECIAL[c] && c !== 92) {
      // `{`, `}`, `[`, `]`, `(`, `)`, a backquote right after a word: not in the subset
      if (c === 123 || c === 125 || c === 91 || c === 93 || c === 40 || c === 41 || c === 96) throw GIVE_UP;
      return null;
    }
    return this.word();
  }

  private word(): Node {
    const start = this.pos;
    while (this.pos < this.len) {
      const c = this.s.charCodeAt(this.pos);
      if (c === 92 /* \ */) {
        const next = this.code(this.pos + 1);
        // `\ ` inside a word is part of it; at its start (or before a line break) it is whitespace
        if (next === -1 || next === 10 || next === 13 || next === 9 || next === 11 || next === 12)
          throw GIVE_UP;
        if (next === 32 && this.pos === start) throw GIVE_UP;
        this.pos += 2;
        continue;
      }
      // tree-sitter's \s also takes non-ASCII spaces: words stay ASCII here
      if (c >= 128) throw GIVE_UP;
      if (SPECIAL[c]) break;
      this.pos++;
    }
    if (this.pos === start) throw GIVE_UP;
    return this.node('word', start, this.pos);
  }

  /** `$NAME`, `${NAME}` or `${NAME<op>word}` with op one of `:- - := = :+ + :? ?`. */
  private expansion(): Node {
    const start = this.pos;
    const c = this.code(start + 1);
    if (isNameStart(c)) {
      let i = start + 2;
      while (isNameChar(this.code(i))) i++;
      const node = this.node('simple_expansion', start, i);
      node.append(this.node('$', start, start + 1, false));
      node.append(this.node('variable_name', start + 1, i));
      this.pos = i;
      return node;
    }
    if (c !== 123 /* { */ || !isNameStart(this.code(start + 2))) throw GIVE_UP;
    let i = start + 3;
    while (isNameChar(this.code(i))) i++;
    const node = this.node('expansion', start, start);
    node.append(this.node('${', start, start + 2, false));
    node.append(this.node('variable_name', start + 2, i));
    if (this.code(i) !== 125) {
      const op = /^:?[-=+?]/.exec(this.s.slice(i, i + 2))?.[0];
      if (!op) throw GIVE_UP;
      node.append(this.node(op, i, i + op.length, false), 'operator');
      i += op.length;
      const wordStart = i;
      while (i < this.len && /[A-Za-z0-9_./:@%+,-]/.test(this.s[i])) i++;
      if (i === wordStart || this.code(i) !== 125) throw GIVE_UP;
      node.append(this.node('word', wordStart, i));
    }
    node.append(this.node('}', i, i + 1, false));
    node.endIndex = i + 1;
    this.pos = i + 1;
    return node;
  }

  /** A double-quoted string with plain text and `$NAME`/`${NAME}` expansions. */
  private string(): Node {
    const start = this.pos;
    const node = this.node('string', start, start);
    node.append(this.node('"', start, start + 1, false));
    this.pos++;
    for (;;) {
      const c = this.code();
      if (c === -1 || c === 96 /* ` */) throw GIVE_UP;
      if (c === 34) break;
      if (c === 36) {
        node.append(this.expansion());
        continue;
      }
      const from = this.pos;
      while (this.pos < this.len) {
        const d = this.s.charCodeAt(this.pos);
        if (d === 34 || d === 36 || d === 96) break;
        if (d === 92) {
          if (this.pos + 1 >= this.len) throw GIVE_UP;
          this.pos += 2;
          continue;
        }
        this.pos++;
      }
      node.append(this.node('string_content', from, this.pos));
    }
    node.append(this.node('"', this.pos, this.pos + 1, false));
    this.pos++;
    node.endIndex = this.pos;
    return node;
  }
}
