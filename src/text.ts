/**
 * Raw bytes <-> text. The engine works on the text without its BOM; everything else
 * (line endings, final newline) stays inside the text and is preserved by editing in place.
 */
export interface SourceText {
  /** Decoded text, BOM removed. */
  text: string;
  /** The file started with a UTF-8 byte-order mark. */
  bom: boolean;
  /** The file's dominant line ending, used for lines the tool inserts. */
  eol: '\n' | '\r\n';
}

export class DecodeError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

// ignoreBOM: keep the BOM in the decoded text so it can be detected and written back
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeSource(buf: Uint8Array): SourceText {
  const nul = buf.indexOf(0);
  if (nul >= 0) {
    throw new DecodeError('binary file (contains a NUL byte), not a Dockerfile', lineOfByte(buf, nul));
  }
  let text: string;
  try {
    text = decoder.decode(buf);
  } catch {
    throw new DecodeError('not valid UTF-8 text, not a Dockerfile', firstInvalidUtf8Line(buf));
  }
  const bom = text.charCodeAt(0) === 0xfeff;
  if (bom) text = text.slice(1);
  return { text, bom, eol: detectEol(text) };
}

export function encodeSource(src: { text: string; bom: boolean }): Buffer {
  return Buffer.from((src.bom ? '\ufeff' : '') + src.text, 'utf8');
}

export function detectEol(text: string): '\n' | '\r\n' {
  let crlf = 0;
  let lf = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    if (i > 0 && text.charCodeAt(i - 1) === 13) crlf++;
    else lf++;
  }
  return crlf > lf ? '\r\n' : '\n';
}

function lineOfByte(buf: Uint8Array, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (buf[i] === 10) line++;
  return line;
}

function firstInvalidUtf8Line(buf: Uint8Array): number {
  let start = 0;
  for (let i = 0; i <= buf.length; i++) {
    if (i === buf.length || buf[i] === 10) {
      try {
        decoder.decode(buf.subarray(start, i));
      } catch {
        return lineOfByte(buf, start);
      }
      start = i + 1;
    }
  }
  return 1;
}

/** How many line feeds a text holds. */
export function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** Line starts of a text, for offset <-> (line, character) conversions. */
export class LineIndex {
  readonly starts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  get lineCount(): number {
    return this.starts.length;
  }
  offset(pos: { line: number; character: number }): number {
    if (pos.line >= this.starts.length) return this.text.length;
    return Math.min(this.starts[pos.line] + pos.character, this.text.length);
  }
  /** 0-based line of an offset. */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
  lineStart(line: number): number {
    return this.starts[line];
  }
  /** Offset of the end of a line's content (before "\r\n" or "\n"). */
  lineEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    const nl = this.starts[line + 1] - 1;
    return nl > this.starts[line] && this.text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
  }
  /** Offset just after a line's line ending (start of the next line, or end of text). */
  lineEndWithEol(line: number): number {
    return line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
  }
  lineText(line: number): string {
    return this.text.slice(this.starts[line], this.lineEnd(line));
  }
}
