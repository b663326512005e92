/** The layers under the transforms: shell segments and words, edits, the stage model, .dockerignore. */
import { DockerfileDoc, findSyntaxError, readDirectives } from '../src/dockerfile';
import { DockerIgnore } from '../src/context';
import { applyEdits, removeWord, sortEdits, OverlapError } from '../src/edits';
import { normalizeCommand } from '../src/commands';
import {
  continuationSegment,
  initShellParser,
  parseShell,
  identitySegment,
  segmentOffset,
  type ShellCommand,
} from '../src/shell';
import { runsBefore } from '../src/shell-flow';
import { StageModel, substitute } from '../src/stage';
import { LineIndex, decodeSource, detectEol } from '../src/text';

beforeAll(() => initShellParser());

const doc = (text: string) => new DockerfileDoc(text, detectEol(text));

describe('continuation segments', () => {
  test('join lines, drop comment and blank lines, map every character back', () => {
    const text = 'RUN a \\\n  # note\n\n  b\\\r\n  c';
    const seg = continuationSegment(text, 4, text.length, '\\');
    expect(seg.text).toBe('a   b  c');
    for (let i = 0; i < seg.text.length; i++) expect(text[segmentOffset(seg, i)]).toBe(seg.text[i]);
    expect(segmentOffset(seg, seg.text.length)).toBe(text.length);
  });
  test('a word split across a continuation stays one word', () => {
    const text = 'RUN apt-get ins\\\ntall -y x';
    const seg = continuationSegment(text, 4, text.length, '\\');
    expect(seg.text).toBe('apt-get install -y x');
  });
  test('backtick escape', () => {
    const text = 'RUN a `\n    b';
    expect(continuationSegment(text, 4, text.length, '`').text).toBe('a     b');
  });
});

describe('shell words and commands', () => {
  const cmds = (s: string) => parseShell(identitySegment(s, 0)).commands;
  test('literal values after quote removal; variables kept as parts', () => {
    const [c] = cmds(`pip install "a b" 'c$d' e\\ f "$HOME/x" \${X}y`);
    expect(c.argv.map((w) => w.value)).toEqual(['pip', 'install', 'a b', 'c$d', 'e f', null, null]);
    expect(c.argv[5].parts).toEqual([{ variable: 'HOME' }, { lit: '/x' }]);
    expect(c.argv[6].parts).toEqual([{ variable: 'X' }, { lit: 'y' }]);
  });
  test('certainty and guards', () => {
    const c = cmds('a && b || c; if d; then e; fi; f | g');
    const by = (n: string) => c.find((x) => x.argv[0].value === n)!;
    expect([by('a').certain, by('b').certain, by('c').certain]).toEqual([true, true, false]);
    expect(by('c').guarded).toBe(true);
    expect(by('d').guarded).toBe(true);
    expect(by('e').certain).toBe(false);
    expect(by('f').certain).toBe(true);
  });
  test('removal spans keep the rest well-formed', () => {
    const s = 'apt-get update && rm -rf /x && echo ok; rm y; echo z';
    const removed = (i: number) => {
      const r = cmds(s)[i].removal!;
      return s.slice(0, r.start) + s.slice(r.end);
    };
    expect(removed(1)).toBe('apt-get update && echo ok; rm y; echo z');
    expect(removed(0)).toBe('rm -rf /x && echo ok; rm y; echo z');
    expect(removed(3)).toBe('apt-get update && rm -rf /x && echo ok; echo z');
    expect(removed(4)).toBe('apt-get update && rm -rf /x && echo ok; rm y');
    expect(cmds('a || rm -rf /x')[1].removal).toBeNull();
    expect(cmds('rm -rf /x')[0].removal).toBeNull();
  });
  test('normalisation strips wrappers and reads python -m', () => {
    const n = (s: string) => {
      const x = normalizeCommand(cmds(s)[0])!;
      return [x.tool, x.args.map((w) => w.value).join(' '), [...x.env.keys()].join(','), x.sudo];
    };
    expect(n('sudo -u app env A=1 python3.12 -m pip install x')).toEqual(['pip', 'install x', 'A', true]);
    expect(n('DEBIAN_FRONTEND=noninteractive /usr/bin/apt-get -y install curl')).toEqual([
      'apt-get',
      '-y install curl',
      'DEBIAN_FRONTEND',
      false,
    ]);
    expect(n('python -c "import x"')).toEqual(['python', '-c import x', '', false]);
  });
  test("which commands run in the script's own shell (where a cd moves later commands)", () => {
    const own = (s: string) => cmds(s).map((c) => `${c.argv[0].value}:${c.ownShell ? 'own' : 'child'}`);
    expect(own('cd a && b; { cd c; }; if x; then cd d; fi')).toEqual([
      'cd:own',
      'b:own',
      'cd:own',
      'x:own',
      'cd:own',
    ]);
    expect(own('(cd a && b) && c')).toEqual(['cd:child', 'b:child', 'c:own']);
    // the commands of a substitution are not walked at all
    expect(own('cd a | b; echo $(cd c)')).toEqual(['cd:child', 'b:child', 'echo:own']);
    expect(own('cd a & b')).toEqual(['cd:child', 'b:own']);
    expect(own("sh -c 'cd a' && b")).toEqual(['sh:own', 'cd:child', 'b:own']);
  });
  test('a redirection belongs to the command before it, not to the whole && chain or pipeline', () => {
    // tree-sitter-bash parses `a && b > f` as the list redirected; the shell redirects b only
    const redir = (s: string) =>
      cmds(s).map(
        (c) =>
          `${c.argv[0].value}:${c.redirects.map((r) => `${r.op}${r.target.raw}${r.shared ? '*' : ''}`).join(',')}`,
      );
    expect(redir('echo a >> /f && echo b >> /g && npm ci')).toEqual(['echo:>>/f', 'echo:>>/g', 'npm:']);
    expect(redir('a | b > /f')).toEqual(['a:', 'b:>/f']);
    expect(redir('a && b | c > /f')).toEqual(['a:', 'b:', 'c:>/f']);
    expect(redir('a || b > /f && c')).toEqual(['a:', 'b:>/f', 'c:']);
    expect(redir('! a > /f')).toEqual(['a:>/f']);
    // a group's redirection: every command inside writes there
    expect(redir('a && { b; c; } > /f')).toEqual(['a:', 'b:>/f*', 'c:>/f*']);
    expect(redir('for i in 1; do echo $i; done > /f')).toEqual(['echo:>/f*']);
  });
  test('sh -c with a literal script contributes its commands', () => {
    const c = cmds(`sh -c 'pip install x && npm ci'`);
    expect(c.map((x) => x.argv[0].value)).toEqual(['sh', 'pip', 'npm']);
    expect(c[1].start).toBe(7);
  });
});

describe('shell flow: what surely ran before a command', () => {
  /** For each command `I...`: whether one of the commands `U...` surely ran before it. */
  const after = (text: string) => {
    const script = parseShell(identitySegment(text, 0));
    const name = (c: ShellCommand) => c.argv[0]?.value ?? '';
    const us = script.commands.filter((c) => /^U\d*$/.test(name(c)));
    return script.commands.filter((c) => /^I\d*$/.test(name(c))).map((c) => runsBefore([script], c, us));
  };
  test.each([
    ['U && I', true],
    ['U; I', true],
    ['U || true && I', true],
    ['if x; then U && I; fi', true],
    ['if x; then U; I; fi', true],
    ['if U; then I; fi', true],
    ['if U; then x; else I; fi', true],
    ['if x; then :; elif U; then I; fi', true],
    ['if x; then U; else U; fi; I', true],
    ['if x; then U; elif y; then U; else U; fi; I', true],
    ['if ! U; then x; fi; I', true],
    ['case a in x) U;; *) U;; esac; I', true],
    ['for x in a; do U; I; done', true],
    ['while U; do I; done', true],
    ['until U; do sleep 1; done; I', true],
    ['U | tee log; I', true],
    ['{ U; } > log; I', true],
    ['(U); I', true],
    ['U; f() { I; }; f', true],
    ["sh -c 'U' && I", true],
    ["U && sh -c 'I'", true],
    ["if x; then sh -c 'U && I'; fi", true],
    // on some paths only, or side by side
    ['x || U; I', false],
    ['x || U && I', false],
    ['x && U || y; I', false],
    ['[ -z "$(ls /x)" ] && U; I', false],
    ['if x; then U; fi && I', false],
    ['if x; then U; fi; I', false],
    ['if x; then U; else I; fi', false],
    ['if x; then U; elif y; then U; fi; I', false],
    ['if x; then :; elif U; then :; fi; I', false],
    ['case a in x) U;; y) U;; esac; I', false],
    ['case a in x) U;; *) :;; esac; I', false],
    ['case a in x) U;; "*") U;; esac; I', false],
    ['for x in a; do U; done; I', false],
    ['while x; do U; done; I', false],
    ['f() { U; }; I', false],
    ['f() { I; }; U; f', false],
    ['U & I', false],
    ['U | I', false],
    ['diff <(U) x; I', false],
    ['[[ -n "$x" || -n $(U) ]]; I', false],
    ["sh -c 'x || U' && I", false],
    ['I; U', false],
  ])('%s: %s', (text, expected) => {
    expect(after(text)).toEqual([expected]);
  });
  test('each branch of a case, in its own branch (the official postgres image)', () => {
    const text = 'set -ex; case "$a" in amd64|arm64) U; I1;; *) U; I2;; esac; rm -rf x';
    expect(after(text)).toEqual([true, true]);
    expect(after('case "$a" in amd64) U; I1;; *) I2;; esac')).toEqual([true, false]);
  });
  test('not across the scripts of a RUN, whose order the flow does not tell', () => {
    const [a, b] = ['U', 'I'].map((t) => parseShell(identitySegment(t, 0)));
    expect(runsBefore([a, b], b.commands[0], a.commands)).toBe(false);
  });
});

describe('RUN anatomy', () => {
  test('shell, exec, heredoc-script and heredoc-fed-to-shell forms', () => {
    const d = doc(
      'FROM x\nRUN a && b\nRUN ["sh", "-c", "pip install y"]\nRUN <<EOF\napt-get update\nEOF\nRUN bash <<EOS\nnpm ci\nEOS\nRUN python3 <<PY\nimport os\nPY\n',
    );
    const runs = d.instructions.filter((i) => i.keyword === 'RUN').map((i) => d.run(i.index));
    expect(runs.map((r) => r.info.form)).toEqual(['shell', 'exec', 'heredoc', 'shell', 'shell']);
    expect(runs[1].commands.map((c) => c.argv[0].value)).toEqual(['sh', 'pip']);
    expect(runs[2].commands.map((c) => c.argv.map((w) => w.value).join(' '))).toEqual(['apt-get update']);
    expect(runs[3].commands.map((c) => c.argv[0].value)).toEqual(['bash', 'npm']);
    expect(runs[4].commands.map((c) => c.argv[0].value)).toEqual(['python3']);
  });
  test('exec-form word offsets point at the JSON strings', () => {
    const text = 'FROM x\nRUN ["pip", "install", "--no-cache-dir", "y"]\n';
    const d = doc(text);
    const words = d.run(1).commands[0].argv;
    expect(words.map((w) => text.slice(w.start, w.end))).toEqual([
      '"pip"',
      '"install"',
      '"--no-cache-dir"',
      '"y"',
    ]);
    expect(applyEdits(text, [removeWord(d, words, 2)])).toBe('FROM x\nRUN ["pip", "install", "y"]\n');
  });
  test('directives only before any comment, blank line or instruction', () => {
    expect(readDirectives(new LineIndex('# syntax=a\n# escape=`\nFROM x\n')).map((x) => x.name)).toEqual([
      'syntax',
      'escape',
    ]);
    expect(readDirectives(new LineIndex('# hello\n# syntax=a\nFROM x\n'))).toEqual([]);
    expect(readDirectives(new LineIndex('# unknown=1\n# syntax=a\n'))).toEqual([]);
    expect(doc('# escape=`\nFROM x\n').escape).toBe('`');
  });
  test('syntax errors are named with their line', () => {
    expect(findSyntaxError(doc('FROM x\nRUN a\nCOPPY a b\n'))).toMatchObject({
      line: 3,
      message: 'unknown instruction: COPPY',
    });
    expect(findSyntaxError(doc('RUN a\n'))).toMatchObject({ line: 1 });
    expect(findSyntaxError(doc('FROM x\nRUN <<EOF\nhello\n'))).toMatchObject({ line: 2 });
    expect(findSyntaxError(doc('ARG A=1\nFROM x\n'))).toBeNull();
    // secret and ssh mounts have default targets; cache, bind and tmpfs mounts need one
    expect(findSyntaxError(doc('FROM x\nRUN --mount=type=secret,id=t --mount=type=ssh a\n'))).toBeNull();
    expect(findSyntaxError(doc('FROM x\nRUN --mount=type=cache,id=t a\n'))).toMatchObject({
      line: 2,
      message: '--mount=type=cache without a target',
    });
    expect(findSyntaxError(doc('FROM x\nRUN --mount=src=. a\n'))).toMatchObject({ line: 2 });
  });
});

describe('removeWord', () => {
  const cases: [string, number, string][] = [
    ['RUN pip install --no-cache-dir x\n', 2, 'RUN pip install x\n'],
    ['RUN pip install x --no-cache-dir\n', 3, 'RUN pip install x\n'],
    ['RUN pip install \\\n    --no-cache-dir \\\n    x\n', 2, 'RUN pip install \\\n    x\n'],
    ['RUN pip install \\\n    --no-cache-dir x\n', 2, 'RUN pip install \\\n    x\n'],
    ['RUN pip install x \\\n    --no-cache-dir\nCMD y\n', 3, 'RUN pip install x\nCMD y\n'],
  ];
  test.each(cases)('%j without word %i', (text, index, expected) => {
    const d = doc('FROM x\n' + text);
    const words = d.run(1).commands[0].argv;
    expect(applyEdits(d.text, [removeWord(d, words, index)])).toBe('FROM x\n' + expected);
  });
});

describe('edits', () => {
  test('overlapping edits are refused', () => {
    expect(() =>
      sortEdits([
        { start: 0, end: 3, text: '' },
        { start: 2, end: 4, text: '' },
      ]),
    ).toThrow(OverlapError);
    expect(() =>
      sortEdits([
        { start: 1, end: 1, text: 'a' },
        { start: 1, end: 1, text: 'b' },
      ]),
    ).toThrow(OverlapError);
    expect(
      applyEdits('abcdef', [
        { start: 4, end: 5, text: 'X' },
        { start: 0, end: 1, text: '' },
      ]),
    ).toBe('bcdXf');
  });
});

describe('stage model', () => {
  const userAt = (text: string, line: number) => {
    const d = doc(text);
    const i = d.instructions.findIndex((x) => x.line + 1 === line);
    return new StageModel(d).stateBefore(i)!.user;
  };
  test('useradd / groupadd / adduser / busybox adduser', () => {
    expect(
      userAt('FROM debian\nRUN groupadd -g 900 g && useradd -u 901 -g g -m u\nUSER u\nRUN x\n', 4),
    ).toMatchObject({ uid: 901, gid: 900, home: '/home/u' });
    expect(userAt('FROM debian\nRUN useradd --uid=5 --home-dir /srv/u u\nUSER u\nRUN x\n', 4)).toMatchObject({
      uid: 5,
      gid: null,
      home: '/srv/u',
    });
    expect(
      userAt('FROM debian\nRUN adduser --disabled-password --gecos "" --uid 1001 app\nUSER app\nRUN x\n', 4),
    ).toMatchObject({ uid: 1001, home: '/home/app' });
    expect(
      userAt('FROM alpine\nRUN addgroup -g 70 g && adduser -D -u 71 -G g -h /w w\nUSER w\nRUN x\n', 4),
    ).toMatchObject({ uid: 71, gid: 70, home: '/w' });
    expect(userAt('FROM debian\nRUN adduser --system app\nUSER app\nRUN x\n', 4)).toMatchObject({
      uid: null,
      home: null,
    });
  });
  test('uids from build arguments are not known', () => {
    const u = userAt('FROM debian\nARG UID=1000\nRUN useradd -u $UID app\nUSER app\nRUN x\n', 5);
    expect(u.uid).toBeNull();
    expect(u.why).toContain('build argument');
  });
  test('known image users, numeric USER, inheritance through FROM <stage>', () => {
    expect(userAt('FROM node:18-alpine\nUSER node\nRUN x\n', 3)).toMatchObject({
      uid: 1000,
      gid: 1000,
      home: '/home/node',
    });
    expect(userAt('FROM node:18\nUSER 1000:1000\nRUN x\n', 3)).toMatchObject({
      name: 'node',
      home: '/home/node',
    });
    expect(userAt('FROM debian AS a\nRUN useradd -u 7 s\nUSER s\nFROM a\nRUN x\n', 5)).toMatchObject({
      uid: 7,
    });
    expect(userAt('FROM debian AS a\nUSER nobody\nFROM debian\nRUN x\n', 4)).toMatchObject({ uid: 0 });
  });
  test('ENV expansion, ARG values unknown, image env, WORKDIR', () => {
    const d = doc(
      'ARG V=3\nFROM golang:1.22\nARG X=1\nENV A=/a B=${A}/b C=$X\nWORKDIR src\nWORKDIR ../w\nRUN x\n',
    );
    const st = new StageModel(d).stateBefore(6)!;
    expect(st.env.get('GOPATH')?.value).toBe('/go');
    expect(st.env.get('B')?.value).toBe('/a/b');
    expect(st.env.get('C')?.value).toBeNull();
    expect(st.workdir).toBe('/go/w');
  });
  test('OS families and Windows', () => {
    const os = (from: string) => new StageModel(doc(`FROM ${from}\nRUN x\n`)).stateBefore(1)!.os;
    expect(
      [
        'python:3.12-alpine',
        'python:3.12-slim',
        'ubuntu:24.04',
        'fedora:40',
        'mcr.microsoft.com/windows/servercore:ltsc2022',
        'acme/base:1',
      ].map(os),
    ).toEqual(['alpine', 'debian', 'ubuntu', 'rhel', 'windows', 'unknown']);
  });
  test('substitute', () => {
    const get = (n: string) => ({ A: 'a', E: '' })[n] ?? null;
    expect(substitute('$A/${A}/${B:-d}/${E:-e}/${A:+p}/\\$A', get)).toBe('a/a/d/e/p/$A');
    expect(substitute('${B}', get)).toBeNull();
  });
});

describe('.dockerignore', () => {
  const ig = new DockerIgnore(
    '# comment\n*.md\n!README.md\nnode_modules\n**/*.pyc\ndocs/\ntmp/*\n!tmp/keep\n',
  );
  test.each([
    ['CHANGELOG.md', true],
    ['README.md', false],
    ['sub/notes.md', false],
    ['node_modules/a/package.json', true],
    ['a/b/c.pyc', true],
    ['docs/x/requirements.txt', true],
    ['tmp/a', true],
    ['tmp/keep', false],
    ['package.json', false],
  ])('%s ignored: %s', (p, ignored) => expect(ig.ignored(p as string)).toBe(ignored));
});

describe('text', () => {
  test('BOM and EOL', () => {
    const s = decodeSource(Buffer.from('\ufeffFROM x\r\nRUN y\r\n'));
    expect(s).toEqual({ text: 'FROM x\r\nRUN y\r\n', bom: true, eol: '\r\n' });
  });
});
