/**
 * The quick shell parser (src/shell-quick.ts) stands in for tree-sitter on the texts it
 * takes: for each of them, the analysis (commands, words, steps, removal spans,
 * redirections, assignments) must be exactly tree-sitter's. Checked over the shell text of
 * every RUN of every fixture, input and expected output, with the scripts nested in them
 * (`sh -c '...'`, `$(...)`), and over seeded random scripts made near the edge of the subset.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DockerfileDoc } from '../src/dockerfile';
import { initShellParser, scriptOfText, type ShellScript } from '../src/shell';
import { fixtureCases } from './helpers/fixture-cases';
import { randomScript, rng } from './helpers/shell-gen';

beforeAll(() => initShellParser());

/** A script as plain data (the set of touched names sorted). */
function plain(s: ShellScript): unknown {
  return { ...s, touched: [...s.touched].sort() };
}

/** Compares both parsers on `text`; true when the quick parser took it. */
function agree(text: string): boolean {
  const quick = scriptOfText(text, 'quick');
  if (!quick) return false;
  const full = scriptOfText(text, 'tree-sitter')!;
  try {
    expect(plain(quick)).toEqual(plain(full));
  } catch (e) {
    throw new Error(`the parsers differ on ${JSON.stringify(text)}\n${(e as Error).message}`);
  }
  return true;
}

/** Shell texts nested in a script's words: `sh -c` scripts and `$(...)` substitutions. */
function nestedTexts(s: ShellScript): string[] {
  const out: string[] = [];
  for (const c of s.commands) {
    for (const w of c.argv) {
      if (w.value !== null && w.value.includes(' ')) out.push(w.value);
      for (const p of w.parts)
        if ('dynamic' in p && p.dynamic.startsWith('$(')) out.push(p.dynamic.slice(2, -1));
    }
  }
  return out;
}

function fixtureTexts(): string[] {
  const texts = new Set<string>();
  for (const c of fixtureCases()) {
    for (const file of fs.readdirSync(c.dir)) {
      if (!/^Dockerfile/.test(file) && !file.endsWith('.Dockerfile')) continue;
      const text = fs.readFileSync(path.join(c.dir, file), 'utf8');
      let doc: DockerfileDoc;
      try {
        doc = new DockerfileDoc(text, text.includes('\r\n') ? '\r\n' : '\n');
      } catch {
        continue; // fixtures of files that do not parse
      }
      for (const ins of doc.instructions) {
        if (ins.keyword !== 'RUN') continue;
        const run = doc.run(ins.index);
        for (const seg of run.info.segments) texts.add(seg.text);
        for (const s of run.scripts) for (const t of nestedTexts(s)) texts.add(t);
      }
    }
  }
  return [...texts];
}

describe('the quick parser reads its subset as tree-sitter does', () => {
  test('the shell text of every fixture RUN', () => {
    const texts = fixtureTexts();
    let taken = 0;
    for (const t of texts) if (agree(t)) taken++;
    // most RUN bodies are in the subset; the rest go to tree-sitter
    expect(texts.length).toBeGreaterThan(500);
    expect(taken / texts.length).toBeGreaterThan(0.6);
    expect(taken).toBeLessThan(texts.length);
  });

  test('seeded random scripts near the edge of the subset', () => {
    // SHELL_FUZZ_SEED / SHELL_FUZZ_COUNT: a longer or different search, run by hand
    const next = rng(Number(process.env.SHELL_FUZZ_SEED ?? 20261124));
    let taken = 0;
    const n = Number(process.env.SHELL_FUZZ_COUNT ?? 30000);
    for (let i = 0; i < n; i++) if (agree(randomScript(next))) taken++;
    // both answers are met often: texts it takes and texts it leaves to tree-sitter
    expect(taken).toBeGreaterThan(n * 0.2);
    expect(taken).toBeLessThan(n * 0.8);
  });

  test.each([
    ['a && b > f && c'],
    ['a > f && b > g'],
    ['a && b | c | d || e'],
    ['FOO=1 BAR= cmd x=$y 2>&1 >/dev/null'],
    ['A=1 B=2'],
    ['A=1 && b'],
    ['echo ${X:-a} "${Y}z" $A-b'],
    ["sh -c 'apt-get update && rm -rf /var/lib/apt/lists/*'"],
    ['pip install -r requirements.txt;\n\npip cache purge;'],
    ['curl -fsSL https://x/key | gpg --dearmor | tee /k.gpg > /dev/null && apt-get update'],
    ['a | b | c && d || e | f | g && h'],
    ['a 2>&1 | b | c && d > f && e'],
  ])('taken and the same: %j', (text) => {
    expect(agree(text)).toBe(true);
  });

  test.each([
    ['if true; then a; fi'],
    ['echo $(date)'],
    ['a & b'],
    ['cat <<EOF'],
    ['echo {a,b}'],
    ['export A=1'],
    ['a # comment'],
    ['a && b >f c'],
    ['A+=1 b'],
    ['( cd x && make )'],
    ['echo "a$"'],
    ['echo x\\\n y'],
    ['npm ci \\\n  && npm run build'],
    ['a | b > f | c'],
    ['x && a > f | b'],
    ['A=1 --mount=x'],
  ])('left to tree-sitter: %j', (text) => {
    expect(scriptOfText(text, 'quick')).toBeNull();
  });
});
