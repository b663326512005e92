/**
 * Random shell texts near the quick parser's subset (src/shell-quick.ts): mostly inside
 * it, with pieces just outside it mixed in, so both its answers and its refusals are met.
 */

/** A small seeded generator (mulberry32): the same seed gives the same texts. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = [
  'apt-get',
  'pip',
  'npm',
  'echo',
  'rm',
  'cd',
  'sh',
  'bash',
  'go',
  'cargo',
  'make',
  'cp',
  'true',
  ':',
  '"$CMD"',
  '$PIP',
  '/usr/bin/env',
  './build.sh',
  'x\\y',
  'if',
  'export',
  'unset',
  'done',
  '[',
  '!',
  'local',
  'in',
  'for',
  '{',
  'A=1',
  'ls2',
  '1',
  '\\ a',
  'é',
];
const ARGS = [
  'install',
  '-y',
  '--no-install-recommends',
  'curl',
  'ca-certificates',
  '-rf',
  '/var/lib/apt/lists/*',
  '--mount=x',
  'x=1',
  'a=$b',
  '--opt=${X}',
  '${X:-a}',
  '${Y:=/b/c}',
  '${Z:1}',
  '${W#x}',
  '"$HOME/.cache"',
  "'a b'",
  '"a \\"q\\" $Y"',
  '*.txt',
  '~/x',
  'a#b',
  'x\\;y',
  '\\$z',
  '2',
  '-1',
  '0x1f',
  '1.2.3',
  'a\\ b',
  'é',
  '!x',
  '%s',
  '=x',
  '==',
  '=~',
  'done',
  'if',
  'fi',
  '$1',
  '${1}',
  '"$"',
  '"$@"',
  '$?',
  '$(date)',
  '`x`',
  '{a,b}',
  '[x]',
  '#c',
  'a"b"c',
  "'q'r",
  '\\\\',
  '"${A}${B}"',
  '"x\ny"',
  "'-c'",
  '-c',
  "'apt-get update && rm -rf /x'",
  '"a;b"',
  'a,b',
  '@x',
  '+x',
  'x+',
  '"\\$x"',
  '$A$B',
  '$A-b',
  '$A.b',
  '"a\tb"',
  'x\\',
  '$',
  '${',
  '"${X:-y}"',
  '"$A"s',
  'a\\ ',
  '\\ ',
  '\\\t',
];
const ASSIGNS = [
  'A=1',
  'B=',
  'C="x y"',
  'D=$E',
  'F+=1',
  'G=a=b',
  'H=${I}',
  "J='k'",
  'K=(a b)',
  'L==x',
  'M=#x',
];
const REDIRECTS = [
  '> f',
  '>>/etc/x',
  '2>&1',
  '&> /dev/null',
  '<in',
  '>&2',
  '2>/dev/null',
  '<<EOF',
  '>|x',
  '2>&-',
  '> "$F"',
  '>$HOME/x',
  '1> o',
  '&>>log',
  '<&0',
  '> ',
  '<(x)',
  '>f g',
  '2 > f',
];
const JOINS = [
  ' && ',
  ' || ',
  ' | ',
  '; ',
  '\n',
  ' &&\n  ',
  ' & ',
  ';; ',
  ' |& ',
  ';\n',
  '\n\n',
  ' ;',
  '&&',
  '|',
  '\t&&\t',
];

/** One random script of 1 to `maxCommands` commands. */
export function randomScript(next: () => number, maxCommands = 6): string {
  const pick = <T>(xs: T[]): T => xs[Math.floor(next() * xs.length)];
  const command = (): string => {
    const parts: string[] = [];
    const rare = () => next() < 0.15;
    while (next() < 0.2) parts.push(pick(ASSIGNS));
    if (!(parts.length && next() < 0.3)) {
      parts.push(rare() ? pick(NAMES) : pick(NAMES.slice(0, 14)));
      const n = Math.floor(next() * 5);
      for (let i = 0; i < n; i++) parts.push(rare() ? pick(ARGS) : pick(ARGS.slice(0, 9)));
    }
    let text = parts.join(next() < 0.1 ? '\t' : ' ');
    while (next() < 0.2) text += (next() < 0.8 ? ' ' : '') + pick(REDIRECTS);
    return text;
  };
  let out = next() < 0.1 ? pick([' ', '\n', '\t']) : '';
  const n = 1 + Math.floor(next() * maxCommands);
  for (let i = 0; i < n; i++) {
    if (i) out += next() < 0.85 ? pick(JOINS.slice(0, 5)) : pick(JOINS);
    out += command();
  }
  if (next() < 0.1) out += pick([';', '\n', ' ', ' &&', ' # c']);
  return out;
}
