/**
 * The package-manager registry: its invariants, and docs/managers.md, whose table is rendered
 * from it (CACHIFY_WRITE_DOCS=1 rewrites the table in place).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DockerfileDoc } from '../src/dockerfile';
import { MANAGERS } from '../src/managers';
import { managersSummaryTable, managersTable } from '../src/managers/docs';
import { findInvocations, subcommandWords } from '../src/managers/resolve';
import { initShellParser } from '../src/shell';

const DOC = path.join(__dirname, '..', 'docs', 'managers.md');
const START =
  '<!-- managers-table:start (generated from src/managers; CACHIFY_WRITE_DOCS=1 npx jest managers) -->';
const END = '<!-- managers-table:end -->';
const README_START =
  '<!-- managers-summary:start (generated from src/managers; CACHIFY_WRITE_DOCS=1 npx jest managers) -->';

beforeAll(() => initShellParser());

test('manager ids are unique and every target name starts with its manager id (cache ids)', () => {
  const ids = MANAGERS.map((m) => m.id);
  expect(new Set(ids).size).toBe(ids.length);
  const names = MANAGERS.flatMap((m) => m.caches.map((t) => t.name));
  expect(new Set(names).size).toBe(names.length);
  for (const m of MANAGERS)
    for (const t of m.caches) expect(t.name === m.id || t.name.startsWith(m.id + '-')).toBe(true);
});

test.each(MANAGERS.map((m) => [m.id, m] as const))(
  '%s: its examples are recognised as its commands',
  (_id, m) => {
    expect(m.summary.length).toBeGreaterThan(10);
    expect(m.examples.length).toBeGreaterThan(0);
    for (const example of m.examples) {
      const doc = new DockerfileDoc(`FROM scratch\nRUN ${example}\n`, '\n');
      const found = findInvocations(doc.run(1)).map((i) => i.manager.id);
      expect({ example, found: found.includes(m.id) }).toEqual({ example, found: true });
    }
  },
);

test.each([
  ['mvn -s ci-settings.xml -B -pl web -am package -DskipTests', 'package'],
  ['mvn -f backend/pom.xml -B package', 'package'],
  ['npm --prefix web ci', 'ci'],
  ['yarn --cwd web global add left-pad', 'global add'],
  ['pnpm --dir web install --frozen-lockfile', 'install'],
  ['yarn --cwd web', ''],
])('the sub-command of `%s` is its words after the options before it and their values', (cmd, sub) => {
  const doc = new DockerfileDoc(`FROM scratch\nRUN ${cmd}\n`, '\n');
  const [inv] = findInvocations(doc.run(1));
  expect(subcommandWords(inv).map((w) => w.value)).toEqual(sub.split(' ').filter(Boolean));
});

/** The text between the markers must be the rendered table; CACHIFY_WRITE_DOCS=1 rewrites it. */
function expectGenerated(file: string, start: string, table: string): void {
  const text = fs.readFileSync(file, 'utf8');
  const from = text.indexOf(start);
  const to = text.indexOf(END, from);
  expect(from).toBeGreaterThanOrEqual(0);
  expect(to).toBeGreaterThan(from);
  const current = text.slice(from + start.length + 1, to - 1);
  if (current !== table && process.env.CACHIFY_WRITE_DOCS === '1') {
    fs.writeFileSync(file, text.slice(0, from + start.length + 1) + table + '\n' + text.slice(to));
    return;
  }
  expect(current).toBe(table);
  for (const m of MANAGERS) expect(current).toContain(m.id);
}

test('docs/managers.md has the table of every manager, as rendered from the registry', () => {
  expectGenerated(DOC, START, managersTable());
});

test('README.md has the summary table of every manager, as rendered from the registry', () => {
  expectGenerated(path.join(__dirname, '..', 'README.md'), README_START, managersSummaryTable());
});
