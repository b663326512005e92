/**
 * DockerfileDoc.edited parses again only the instructions an edit touches. Whatever the
 * edit, the document it gives must be the one a parse of the whole new text gives: same
 * instructions, offsets, lines, flags, arguments, heredocs and exec-form strings.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DockerfileDoc, setIncrementalParsing, type EditedSpan } from '../src/dockerfile';
import { applyEdits } from '../src/edits';
import { initShellParser } from '../src/shell';

beforeAll(() => initShellParser());
afterEach(() => setIncrementalParsing(true));

/** Everything a transform can read of a document's instructions. */
function shape(doc: DockerfileDoc): unknown {
  return {
    escape: doc.escape,
    directives: doc.directives,
    stages: doc.stages,
    instructions: doc.instructions.map((i) => {
      const analysis = i.keyword === 'RUN' ? doc.run(i.index) : null;
      const run = analysis?.info;
      return {
        index: i.index,
        keyword: i.keyword,
        start: i.start,
        end: i.end,
        line: i.line,
        endLine: i.endLine,
        argsStart: i.argsStart,
        flags: i.flags,
        text: doc.text.slice(i.start, i.end),
        args: i.ast.getArguments().map((a) => a.getValue()),
        run: run && {
          form: run.form,
          bodyStart: run.bodyStart,
          heredocs: run.heredocs,
          execArgv: run.execArgv?.map((w) => [w.value, w.start, w.end]) ?? null,
          segments: run.segments.map((s) => [s.text, Array.from(s.map)]),
          mounts: run.mounts.map((m) => [m.type, m.target, m.flag.start, m.flag.end]),
          commands: analysis.commands.map((c) => [
            c.start,
            c.end,
            c.removal,
            c.argv.map((w) => [w.raw, w.start]),
          ]),
          steps: analysis.scripts.map((x) => x.steps.map((st) => [st.start, st.end, st.text])),
        },
      };
    }),
  };
}

function fullParse(text: string, eol: '\n' | '\r\n'): DockerfileDoc {
  setIncrementalParsing(false);
  try {
    return new DockerfileDoc(text, eol);
  } finally {
    setIncrementalParsing(true);
  }
}

/** Applies the edits both ways and expects the same document. */
function check(before: string, edits: EditedSpan[]): DockerfileDoc {
  const eol = before.includes('\r\n') ? '\r\n' : '\n';
  const doc = new DockerfileDoc(before, eol);
  // analysed before the edit: what is known of the RUNs that only move is carried over
  for (const i of doc.instructions) if (i.keyword === 'RUN') doc.run(i.index);
  const text = applyEdits(before, edits);
  const edited = doc.edited(text, edits);
  expect(shape(edited)).toEqual(shape(fullParse(text, eol)));
  return edited;
}

const at = (text: string, needle: string, n = 0) => {
  let i = -1;
  for (let k = 0; k <= n; k++) i = text.indexOf(needle, i + 1);
  if (i < 0) throw new Error(`${needle} not in text`);
  return i;
};
const insert = (text: string, needle: string, add: string, n = 0): EditedSpan => {
  const i = at(text, needle, n);
  return { start: i, end: i, text: add };
};
const replace = (text: string, needle: string, by: string): EditedSpan => {
  const i = at(text, needle);
  return { start: i, end: i + needle.length, text: by };
};

const BASE = [
  '# syntax=docker/dockerfile:1',
  'FROM debian AS build',
  'RUN apt-get update && \\',
  '    # a comment inside',
  '    apt-get install -y curl',
  'COPY . .',
  'RUN <<EOF',
  'set -e',
  'make',
  'EOF',
  'CMD ["./app", "--port", "80"]',
  'FROM build',
  'RUN --mount=type=cache,target=/root/.cache pip install -r requirements.txt',
  '',
].join('\n');

describe('an edited document is the one a whole parse gives', () => {
  test('a flag added to one RUN, instructions after it move', () => {
    check(BASE, [insert(BASE, 'apt-get update', '--mount=type=cache,target=/var/cache/apt \\\n    ')]);
  });

  test('edits in several separate places', () => {
    check(BASE, [
      insert(BASE, 'apt-get update', '--mount=type=cache,target=/x '),
      replace(BASE, 'make', 'make -j4\nmake install'),
      insert(BASE, 'pip install', '--mount=type=cache,target=/y '),
    ]);
  });

  test('instructions inserted and removed', () => {
    check(BASE, [
      insert(BASE, 'COPY . .', 'COPY go.mod ./\nRUN go mod download\n'),
      replace(BASE, 'FROM build\n', ''),
    ]);
  });

  test('an edit that leaves a line ending with the escape character joins the next instruction', () => {
    const doc = check(BASE, [replace(BASE, 'COPY . .', 'COPY . . \\')]);
    const copy = doc.instructions.find((i) => i.keyword === 'COPY')!;
    expect(doc.text.slice(copy.start, copy.end)).toContain('RUN <<EOF');
  });

  test('an edit that leaves a heredoc without its delimiter swallows what follows', () => {
    check(BASE, [replace(BASE, 'EOF\nCMD', 'EOT\nCMD')]);
  });

  test('an edit that closes a heredoc early', () => {
    check(BASE, [replace(BASE, 'set -e\n', 'set -e\nEOF\nRUN echo\n')]);
  });

  test('edits among the parser directives and before the first instruction', () => {
    check(BASE, [{ start: 0, end: 0, text: '# escape=`\n' }]);
    check(BASE, [replace(BASE, '# syntax=docker/dockerfile:1\n', '')]);
    check(BASE, [{ start: 0, end: 0, text: '# a comment\n' }]);
    const plain = BASE.slice(BASE.indexOf('\n') + 1);
    check(plain, [{ start: 0, end: 0, text: '# syntax=docker/dockerfile:1\n' }]);
  });

  test('a line that reads as an escape directive inside the edited lines', () => {
    check(BASE, [insert(BASE, 'COPY . .', '# escape=`\n')]);
  });

  test('backtick escape, CRLF line endings', () => {
    const text = BASE.replace('# syntax=docker/dockerfile:1', '# escape=`')
      .replace(/\\\n/g, '`\n')
      .replace(/\n/g, '\r\n');
    check(text, [insert(text, 'apt-get update', '--mount=type=cache,target=/x `\r\n    ')]);
    check(text, [replace(text, 'COPY . .', 'COPY . . `')]);
    check(text, [replace(text, 'make\r\n', '')]);
  });

  test('a comment or blank line edited between instructions', () => {
    const text = BASE.replace('COPY . .', '# about the copy\n\nCOPY . .');
    check(text, [replace(text, '# about the copy', '# about the copy, longer')]);
    check(text, [replace(text, '\n\nCOPY', '\nCOPY')]);
  });

  test('an empty file, and a file that loses every instruction', () => {
    check('', [{ start: 0, end: 0, text: 'FROM scratch\n' }]);
    check('FROM scratch\n', [{ start: 0, end: 13, text: '' }]);
  });

  test('the RUNs before the first edit keep their analysis; those after it have theirs moved', () => {
    const doc = new DockerfileDoc(BASE, '\n');
    const runs = doc.instructions.filter((i) => i.keyword === 'RUN').map((i) => doc.run(i.index));
    const edit = insert(BASE, 'pip install', '--mount=type=cache,target=/y ');
    const next = doc.edited(applyEdits(BASE, [edit]), [edit]);
    const again = next.instructions.filter((i) => i.keyword === 'RUN').map((i) => next.run(i.index));
    expect(again[0]).toBe(runs[0]);
    expect(again[2]).not.toBe(runs[2]);
    expect(again[2].info.bodyStart).toBe(runs[2].info.bodyStart + edit.text.length);
  });

  test('a RUN that only moved is not read again, through several edits', () => {
    const doc = new DockerfileDoc(BASE, '\n');
    const last = doc.instructions.filter((i) => i.keyword === 'RUN').pop()!;
    const before = doc.run(last.index);
    const first = insert(BASE, 'apt-get update', '--mount=type=cache,target=/x ');
    const text1 = applyEdits(BASE, [first]);
    const second = insert(text1, 'COPY . .', 'COPY go.mod ./\nRUN go mod download\n');
    const text2 = applyEdits(text1, [second]);
    // the middle document is never analysed: the move is handed on through it
    const next = doc.edited(text1, [first]).edited(text2, [second]);
    const read = jest.spyOn(next, 'runInfo');
    const moved = next.run(next.instructions.length - 1);
    expect(read).not.toHaveBeenCalled();
    const shift = first.text.length + second.text.length;
    expect(moved.commands.map((c) => c.start)).toEqual(before.commands.map((c) => c.start + shift));
    expect(moved.info.mounts[0].flag.start).toBe(before.info.mounts[0].flag.start + shift);
  });
});

/** Every fixture Dockerfile, edited in many small ways at many places. */
describe('edits at every line of every fixture', () => {
  const root = path.join(__dirname, '..', '__fixtures__');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/Dockerfile$/.test(e.name)) files.push(p);
    }
  };
  walk(root);

  test.each(files.map((f) => [path.relative(root, f)]))('%s', (rel) => {
    const text = fs.readFileSync(path.join(root, rel), 'utf8').replace(/^\ufeff/, '');
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const starts = [0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    for (const [k, s] of starts.entries()) {
      const end = k + 1 < starts.length ? starts[k + 1] : text.length;
      const lineEnd = text[end - 1] === '\n' ? end - (text[end - 2] === '\r' ? 2 : 1) : end;
      const edits: EditedSpan[][] = [
        [{ start: s, end: s, text: `RUN echo ${k}${eol}` }],
        [{ start: lineEnd, end: lineEnd, text: ' \\' }],
        [{ start: s, end: end, text: '' }],
        [{ start: lineEnd, end: lineEnd, text: ' x' }],
        [{ start: s, end: s, text: `EOF${eol}` }],
      ];
      if (s > 0)
        edits.push([
          { start: 0, end: 0, text: `# c${eol}` },
          { start: s, end: s, text: `ENV A=${k}${eol}` },
        ]);
      for (const e of edits) check(text, e);
    }
  });
});
