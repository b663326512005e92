/**
 * src/ast-patch.ts keeps dockerfile-ast's arguments, flags and heredocs on each instruction:
 * what the library answers must not change. A child process with the library alone (no
 * patch) and this process (patched) describe every instruction of every fixture and of a
 * generated corpus; the descriptions must be equal, whichever method is asked first.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import '../src/ast-patch';
import { generate } from '../bench/generate';
import { tempDir } from './helpers/tmp';

/** Describes each instruction; `order` says which of flags and arguments is asked first. Runs here and in the child. */
function describe_(parse: (t: string) => unknown, text: string, order: 'flags' | 'args'): unknown {
  type Ranged = { getRange(): unknown };
  type Ins = {
    getKeyword(): string;
    getArguments(): (Ranged & { getValue(): string })[];
    getArgumentsRange(): unknown;
    getFlags?(): (Ranged & { getName(): string; getValue(): string | null })[];
    getHeredocs?(): {
      getName(): string;
      getStartRange(): unknown;
      getContentRange(): unknown;
      getDelimiterRange(): unknown;
    }[];
  };
  const doc = parse(text) as { getInstructions(): Ins[] };
  return doc.getInstructions().map((i) => {
    const flags = () => i.getFlags?.().map((f) => [f.getName(), f.getValue(), f.getRange()]);
    const args = () => i.getArguments().map((a) => [a.getValue(), a.getRange()]);
    const first = order === 'flags' ? [flags(), args()] : [args(), flags()].reverse();
    return {
      keyword: i.getKeyword(),
      flags: first[0],
      args: first[1],
      again: args(),
      range: i.getArgumentsRange(),
      heredocs: i
        .getHeredocs?.()
        .map((h) => [h.getName(), h.getStartRange(), h.getContentRange(), h.getDelimiterRange()]),
    };
  });
}

function texts(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) walk(abs);
      else if (/Dockerfile|Containerfile/.test(e.name)) out.push(fs.readFileSync(abs, 'utf8'));
    }
  };
  walk(path.join(__dirname, '..', '__fixtures__'));
  // escapes, continuations and comments in every combination the argument scan handles
  out.push(
    'FROM a\nRUN echo \\$HOME \\\\ \\\n  # c\n  b \\  \n\n  c\\\r\n d \\ \te\nRUN x \\',
    '# escape=`\nFROM a\nRUN echo `$x `` `\n  y ` \n  z`\r\n  w\nCOPY --chown=a:b `\n  --from=x s d\n',
    'FROM a\r\nRUN --mount=type=cache,target=/x \\\r\n    --network=none \\\r\n    cmd  arg\t\targ2 \\ \r\n',
    'FROM a\nRUN <<EOF bash\necho 1\nEOF\nCOPY <<A <<B /d/\na\nA\nb\nB\nRUN \\\n#only\n\nENV A=1 \\\n B="2 3" C=4\n',
    'FROM a\nRUN a\\\n\\\n\\\nb\nARG X\\\n=1\nLABEL \\\n  a=b\\ c\nRUN \\',
  );
  const corpus = tempDir('cachify-memo-');
  generate(corpus, { count: 150, seed: 3 });
  walk(corpus);
  return out;
}

test('patched dockerfile-ast answers exactly as the library alone', () => {
  const all = texts();
  expect(all.length).toBeGreaterThan(400);
  const input = path.join(tempDir('cachify-memo-in-'), 'texts.json');
  fs.writeFileSync(input, JSON.stringify(all));
  // the same function, run where nothing patched the library
  const script = `
    const { DockerfileParser } = require('dockerfile-ast');
    const describe_ = ${describe_.toString()};
    const texts = JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8'));
    process.stdout.write(JSON.stringify(texts.map((t) => [describe_((x) => DockerfileParser.parse(x), t, 'flags'), describe_((x) => DockerfileParser.parse(x), t, 'args')])));
  `;
  const plain = JSON.parse(
    execFileSync(process.execPath, ['-e', script, input], {
      cwd: path.join(__dirname, '..'),
      maxBuffer: 1 << 30,
      encoding: 'utf8',
    }),
  ) as unknown[];
  const parse = (x: string) => DockerfileParser.parse(x);
  const patched = all.map((t) => [describe_(parse, t, 'flags'), describe_(parse, t, 'args')]);
  expect(JSON.parse(JSON.stringify(patched))).toEqual(plain);
});
