/**
 * Changes to dockerfile-ast that leave every answer as it was (test/ast-patch.test.ts
 * compares them with the library alone) and make parsing a file several times cheaper.
 * Imported for its effect, once, by the module that parses.
 *
 * - Memoized: the library recomputes an instruction's arguments on every call, and its own
 *   constructors call it three or four times per RUN, CMD and ENTRYPOINT before the tool
 *   asks again for flags, ranges and heredocs (over a hundred calls per parsed file);
 *   heredocs are likewise found again on every call. All of it depends only on the
 *   instruction's text and escape character, which never change after parsing, so the
 *   first result is kept on the instance and every caller gets its own copy of the array
 *   (the library's callers shift() the flags off the array they are given).
 * - The argument scan itself ({@link scanArguments}) is the library's, step for step,
 *   except that it gathers each argument's characters as slices of the text instead of
 *   one string concatenation per character (a quarter of all the memory the tool
 *   allocated).
 * - The parser's byte order mark test compares a character code instead of encoding it.
 */
import { Argument, Instruction, ModifiableInstruction } from 'dockerfile-ast';
import { Util } from 'dockerfile-ast/lib/util';

type Method = (this: Memo) => unknown[];

interface Memo {
  [key: symbol]: unknown[] | number | undefined;
}

const PATCHED = Symbol.for('cachify.ast-memo');
/** Calls of getFlags/getArguments in progress on an instance (see below). */
const BUSY = Symbol('cachify.busy');

function patch(proto: object, name: string, wrap: (compute: Method, key: symbol) => Method): void {
  const methods = proto as Record<string, Method>;
  const key = Symbol(`cachify.${name}`);
  methods[name] = wrap(methods[name], key);
}

const once = (compute: Method, key: symbol): Method =>
  function (this: Memo) {
    const value = (this[key] ??= compute.call(this)) as unknown[];
    return value.slice();
  };

const root = Instruction.prototype as unknown as Record<symbol, boolean>;
if (!root[PATCHED]) {
  root[PATCHED] = true;
  patch(Instruction.prototype, 'getRawArguments', (_, key) => once(scanArguments as unknown as Method, key));
  patch(Instruction.prototype, 'getHeredocs', once);
  // The parser asks twice per parse whether the text starts with a byte order mark, each
  // time by encoding the first character into a new Buffer and copying that into a new
  // Uint8Array. The answer is whether that character is U+FEFF (a lone surrogate encodes
  // as U+FFFD, not as the mark).
  Util.isUTF8BOM = (char: string) => char.charCodeAt(0) === 0xfeff;
  // The arguments after the flags. getFlags finds the flags by calling getArguments while
  // they are still incomplete, so only a call made outside getFlags (and not from inside
  // another getArguments) is kept: by its end the flags are complete.
  patch(
    ModifiableInstruction.prototype,
    'getFlags',
    (compute) =>
      function (this: Memo) {
        this[BUSY] = ((this[BUSY] as number | undefined) ?? 0) + 1;
        try {
          return compute.call(this);
        } finally {
          (this[BUSY] as number)--;
        }
      },
  );
  patch(
    ModifiableInstruction.prototype,
    'getArguments',
    (compute, key) =>
      function (this: Memo) {
        const known = this[key] as unknown[] | undefined;
        if (known) return known.slice();
        if (this[BUSY]) return compute.call(this);
        this[BUSY] = 1;
        let value: unknown[];
        try {
          value = compute.call(this);
        } finally {
          this[BUSY] = 0;
        }
        this[key] = value;
        return value.slice();
      },
  );
}

const [SPACE, TAB, CR, LF, DOLLAR, HASH] = [32, 9, 13, 10, 36, 35];

interface Position {
  line: number;
  character: number;
}

type Range = { start: Position; end: Position };

/** What {@link scanArguments} needs of an instruction (dockerfile-ast keeps these fields public in JS). */
interface ScannedInstruction {
  escapeChar: string;
  document: { offsetAt(p: Position): number; positionAt(offset: number): Position };
  getInstructionRange(): Range;
  getTextContent(): string;
}

/**
 * An argument whose range is worked out from its offsets when first asked for. Most
 * arguments (the words of a RUN's shell command) are never asked: this saves two line
 * lookups and three objects for each of them. It is still the library's Argument, whose
 * methods read `this.range` (an accessor here, see below).
 */
class PlacedArgument extends Argument {
  placed: Range | undefined = undefined;
  constructor(
    value: string,
    readonly doc: ScannedInstruction['document'],
    readonly startOffset: number,
    readonly endOffset: number,
  ) {
    // the base constructor's `this.range = undefined` goes to the setter, which ignores it
    super(value, undefined as unknown as Range);
  }
}
Object.defineProperty(PlacedArgument.prototype, 'range', {
  get(this: PlacedArgument): Range {
    return (this.placed ??= {
      start: this.doc.positionAt(this.startOffset),
      end: this.doc.positionAt(this.endOffset),
    });
  },
  set(this: PlacedArgument, r: Range | undefined) {
    if (r) this.placed = r;
  },
});

/**
 * dockerfile-ast's Instruction.getRawArguments (lib/instruction.js, MIT, Remy Suen), with
 * the argument text kept as ranges of `fullArgs`: every character the library appends is
 * `fullArgs[i]`, `fullArgs[i] + fullArgs[i + 1]` or `fullArgs[i + 1]`, so consecutive
 * appends extend one slice and only a gap (a line continuation, an escape) starts another.
 */
function scanArguments(this: ScannedInstruction): Argument[] {
  const args: Argument[] = [];
  const doc = this.document;
  const range = this.getInstructionRange();
  const extra = doc.offsetAt(range.end) - doc.offsetAt(range.start);
  const fullArgs = this.getTextContent().substring(extra);
  const offset = doc.offsetAt(range.start) + extra;
  // '\\' or '`' (the parser allows no other)
  const escape = this.escapeChar.charCodeAt(0);
  let start = false;
  let comment = false;
  let found = -1;
  // whether a space or tab was found that is part of an escaped newline sequence
  let escapedWhitespaceDetected = false;
  // whether the scan is in an escaped newline sequence
  let escaping = false;
  let escapeMarker = -1;
  // the argument so far: `done`, then fullArgs[runStart, runEnd)
  let done = '';
  let runStart = 0;
  let runEnd = 0;
  const append = (from: number, to: number) => {
    if (runStart === runEnd) runStart = from;
    else if (from !== runEnd) {
      done += fullArgs.substring(runStart, runEnd);
      runStart = from;
    }
    runEnd = to;
  };
  const take = (end: number) => {
    const value = done + fullArgs.substring(runStart, runEnd);
    args.push(new PlacedArgument(value, doc, offset + found, offset + end));
    done = '';
    runStart = runEnd = 0;
    found = -1;
  };
  for (let i = 0; i < fullArgs.length; i++) {
    const char = fullArgs.charCodeAt(i);
    if (char === SPACE || char === TAB || char === CR || char === LF) {
      if (escaping) {
        escapedWhitespaceDetected = true;
        if (char === CR || char === LF) {
          // reached a newline, any previously detected whitespace should be ignored
          escapedWhitespaceDetected = false;
          if (comment) {
            // reached a newline, no longer in a comment
            comment = false;
            start = true;
          }
        }
        continue;
      } else if (found !== -1) {
        take(escapeMarker === -1 ? i : escapeMarker);
        escapeMarker = -1;
      }
    } else if (char === escape) {
      // NaN past the end, as charAt's ''
      const next = fullArgs.charCodeAt(i + 1);
      if (next === SPACE || next === TAB) {
        whitespaceCheck: for (let j = i + 2; j < fullArgs.length; j++) {
          switch (fullArgs.charCodeAt(j)) {
            case SPACE:
            case TAB:
              continue;
            case CR:
            case LF:
              if (fullArgs.charCodeAt(j) === CR) j++;
              comment = false;
              escaping = true;
              start = true;
              if (found !== -1) escapeMarker = i;
              i = j;
              break whitespaceCheck;
            default:
              escapeMarker = i;
              if (found === -1) i = j - 1;
              break whitespaceCheck;
          }
        }
      } else if (next === CR || next === LF) {
        comment = false;
        escaping = true;
        start = true;
        if (found !== -1 && escapeMarker === -1) escapeMarker = i;
        i += next === CR ? 2 : 1;
      } else {
        if (escapedWhitespaceDetected && escapeMarker !== -1) take(escapeMarker);
        escapeMarker = -1;
        escapedWhitespaceDetected = false;
        escaping = false;
        if (next === DOLLAR) append(i, i + 2);
        else if (i + 1 >= fullArgs.length)
          break; // reached the end
        else append(i + 1, i + 2);
        if (found === -1) found = i;
        i++;
      }
    } else if (!comment) {
      if (start && char === HASH) {
        comment = true;
      } else {
        if (escapedWhitespaceDetected && escapeMarker !== -1) take(escapeMarker);
        escapedWhitespaceDetected = false;
        escaping = false;
        escapeMarker = -1;
        append(i, i + 1);
        if (found === -1) found = i;
      }
      // non-whitespace character detected, reset
      start = false;
    }
  }
  if (found !== -1) take(escapeMarker === -1 ? fullArgs.length : escapeMarker);
  return args;
}
