/**
 * Fixture pairs, compared byte for byte.
 *
 * __fixtures__/<transform id | "pipeline" | "projects">/<case>/
 *   Dockerfile            the input (any other files in the folder are its build context)
 *   expected.Dockerfile   the exact output; absent: the input must come out unchanged
 *   expected.report       optional: the exact report lines (`line N: transform: message`)
 *   expected.error        optional: the input must fail with exactly this `line N: message`
 *   options.json          optional: engine options ({"only": [...], "unsafe": true, "syntax": false,
 *                         "cacheIdPrefix": "p", "context": "sub/dir"}); default: only the folder's transform
 *
 * Invariants checked for every case: the output parses, and a second run over it changes nothing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { processFile, selectTransforms, type FileResult } from '../src/engine';
import { FsBuildContext } from '../src/context';
import { initShellParser } from '../src/shell';
import { DEFAULT_OPTIONS, type EngineOptions } from '../src/transform';
import { TRANSFORMS } from '../transforms';
import { reportItems } from '../src/report';
import { fixtureCases, type Case } from './helpers/fixture-cases';

function optionsFor(c: Case): EngineOptions & { context?: string } {
  const file = path.join(c.dir, 'options.json');
  const given = fs.existsSync(file)
    ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<EngineOptions> & { context?: string })
    : {};
  // projects/: the real-builder suite's projects, rewritten as it builds them (all transforms, no syntax line)
  if (c.group === 'projects') return { ...DEFAULT_OPTIONS, syntax: false, ...given, strict: true };
  const only = c.group === 'pipeline' ? undefined : [c.group];
  return { ...DEFAULT_OPTIONS, only, ...given, strict: true };
}

function run(c: Case, bytes: Uint8Array): FileResult {
  const options = optionsFor(c);
  const context = new FsBuildContext(
    options.context ? path.join(c.dir, options.context) : c.dir,
    path.join(c.dir, 'Dockerfile'),
  );
  return processFile(
    { display: 'Dockerfile', bytes, context },
    selectTransforms(TRANSFORMS, options),
    options,
  );
}

beforeAll(() => initShellParser());

const all = fixtureCases();

test('there are fixtures', () => {
  expect(all.length).toBeGreaterThan(0);
});

describe.each(all.map((c) => [`${c.group}/${c.name}`, c] as const))('%s', (_label, c) => {
  const input = fs.readFileSync(path.join(c.dir, 'Dockerfile'));
  const expectedFile = path.join(c.dir, 'expected.Dockerfile');
  const errorFile = path.join(c.dir, 'expected.error');
  const reportFile = path.join(c.dir, 'expected.report');

  if (fs.existsSync(errorFile)) {
    test('fails with the expected error and no output', () => {
      const r = run(c, input);
      expect(r.status).toBe('failed');
      expect(`line ${r.error?.line}: ${r.error?.message}\n`).toBe(fs.readFileSync(errorFile, 'utf8'));
      expect(r.output).toBeUndefined();
    });
    return;
  }

  test('output is exactly the expected bytes', () => {
    const r = run(c, input);
    expect(r.status).not.toBe('failed');
    const expected = fs.existsSync(expectedFile) ? fs.readFileSync(expectedFile) : input;
    // compare as text first for a readable failure, then as bytes
    expect(r.output!.toString('utf8')).toBe(expected.toString('utf8'));
    expect(Buffer.compare(r.output!, expected)).toBe(0);
    expect(r.status).toBe(fs.existsSync(expectedFile) ? 'changed' : 'unchanged');
  });

  test('a second run changes nothing', () => {
    const once = run(c, input);
    const twice = run(c, once.output!);
    expect(twice.status).toBe('unchanged');
    expect(twice.output!.toString('utf8')).toBe(once.output!.toString('utf8'));
  });

  if (fs.existsSync(reportFile)) {
    test('report is exactly as expected', () => {
      const r = run(c, input);
      expect(
        reportItems(r)
          .map((l) => l + '\n')
          .join(''),
      ).toBe(fs.readFileSync(reportFile, 'utf8'));
    });
  }
});
