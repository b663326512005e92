/**
 * Worker threads (src/pool.ts) must not change anything a user sees: on a generated
 * monorepo the built binary gives the same diff, report and exit code, and writes the same
 * bytes, with --jobs 1 (no workers) and --jobs 2/3, also when a worker dies mid-run.
 * (ts-jest runs the TypeScript sources, where no compiled worker exists: these tests run
 * the build in dist/, which `npm test` makes first.)
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generate } from '../bench/generate';
import { tempDir } from './helpers/tmp';

const DIST = path.join(__dirname, '..', 'dist', 'src');
const BIN = path.join(DIST, 'cli.js');

function cachify(
  cwd: string,
  args: string[],
  env: Record<string, string> = {},
): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Every file under `dir`, relative path -> bytes. */
function snapshot(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const rel of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const abs = path.join(dir, rel);
    if (fs.statSync(abs).isFile()) out.set(rel, fs.readFileSync(abs));
  }
  return out;
}

// more than the 200 files from which a run uses workers by default
const FILES = 210;
let corpus: string;
/** The dry run without workers, that every other run is compared with. */
let one: ReturnType<typeof cachify>;

jest.setTimeout(120_000);

beforeAll(() => {
  if (!fs.existsSync(path.join(DIST, 'worker.js')))
    throw new Error('dist/src/worker.js is missing: npm run build');
  corpus = path.join(tempDir('cachify-pool-'), 'repo');
  const c = generate(corpus, { count: FILES, seed: 7 });
  expect(c.dockerfiles).toBe(FILES);
  expect(c.broken).toBeGreaterThan(0); // the bad files must not stop the others
  one = cachify(corpus, ['--jobs', '1']);
});

describe('--jobs', () => {
  test('the dry run prints the same diff and report, in the same order, with and without workers', () => {
    expect(one.code).toBe(2);
    expect(one.stderr).toMatch(
      new RegExp(`^${FILES} files: \\d+ changed, \\d+ unchanged, [1-9]\\d* failed`, 'm'),
    );
    for (const jobs of ['2', '3']) {
      const many = cachify(corpus, ['--jobs', jobs]);
      expect({ jobs, ...many }).toEqual({ jobs, ...one });
    }
  });

  test('--check: same report and exit code', () => {
    const check = cachify(corpus, ['--check', '--jobs', '1']);
    expect(cachify(corpus, ['--check', '--jobs', '2'])).toEqual(check);
    // without --jobs: workers with more than 2 CPUs (more than 200 files here), one thread on 2
    expect(cachify(corpus, ['--check'])).toEqual(check);
  });

  test('--write writes the same bytes and leaves no temporary files', () => {
    const copies = ['1', '2'].map((jobs) => {
      const dir = tempDir(`cachify-pool-w${jobs}-`);
      fs.cpSync(corpus, dir, { recursive: true });
      return { jobs, dir, run: cachify(dir, ['--write', '--quiet', '--jobs', jobs]) };
    });
    expect(copies[1].run).toEqual(copies[0].run);
    const [a, b] = copies.map((c) => snapshot(c.dir));
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [rel, bytes] of a) expect([rel, Buffer.compare(bytes, b.get(rel)!)]).toEqual([rel, 0]);
    expect(snapshot(corpus).size).toBe(a.size); // nothing added next to the written files
  });

  test('a worker that dies on a file loses nothing: the output is the same', () => {
    const victim = one.stdout.match(/^diff --git a\/(\S+) /m)![1];
    const r = cachify(corpus, ['--jobs', '2'], { CACHIFY_TEST_WORKER_EXIT: victim });
    expect(r).toEqual(one);
  });

  test('workers that keep dying: the main thread does the rest, with the same output', () => {
    // Dockerfile, Containerfile, x.Dockerfile: most files kill the worker that takes them
    const r = cachify(corpus, ['--jobs', '2'], { CACHIFY_TEST_WORKER_EXIT: 'e' });
    expect(r).toEqual(one);
  });

  test('a Dockerfile given to a worker before a compose file names its context is processed again', () => {
    const dir = tempDir('cachify-pool-late-');
    fs.cpSync(corpus, dir, { recursive: true });
    // walked first, so sent to a worker in the first batch; the compose file is met last
    const first = path.join(dir, 'aaa-first');
    fs.mkdirSync(path.join(first, 'ctx'), { recursive: true });
    fs.writeFileSync(
      path.join(first, 'Dockerfile'),
      'FROM python:3.11-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n',
    );
    fs.writeFileSync(path.join(first, 'ctx', 'requirements.txt'), 'flask==3.0.0\n');
    const without = cachify(dir, ['--jobs', '1']);
    fs.mkdirSync(path.join(dir, 'zzz-late'));
    fs.writeFileSync(
      path.join(dir, 'zzz-late', 'compose.yaml'),
      'services:\n  first:\n    build:\n      context: ../aaa-first/ctx\n      dockerfile: ../Dockerfile\n',
    );
    const seq = cachify(dir, ['--jobs', '1']);
    // the context changes the file's outcome (else this test could not fail)
    expect(seq.stdout).not.toEqual(without.stdout);
    expect(cachify(dir, ['--jobs', '2'])).toEqual(seq);
  });

  test('--jobs must be a whole number, 1 or more', () => {
    for (const bad of ['0', '-1', '1.5', 'x']) {
      expect(cachify(corpus, ['--check', '--jobs', bad])).toEqual({
        code: 2,
        stdout: '',
        stderr: 'cachify: --jobs must be a whole number, 1 or more\n',
      });
    }
  });
});

test('how many workers by default, and with --jobs', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { poolSize } = require(path.join(DIST, 'pool.js')) as typeof import('../src/pool');
  expect([500, 1000, 1001].map((files) => poolSize(undefined, files, 2))).toEqual([1, 1, 2]);
  expect([200, 201].map((files) => poolSize(undefined, files, 4))).toEqual([1, 4]);
  expect(poolSize(undefined, 50_000, 1)).toBe(1);
  expect([poolSize(1, 5000, 8), poolSize(3, 2, 8), poolSize(3, 1, 8)]).toEqual([1, 2, 1]);
});

describe('run() from the build', () => {
  test('with workers it returns the same summary as without', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const built = require(path.join(DIST, 'run.js')) as typeof import('../src/run');
    const options = { syntax: 'docker/dockerfile:1', unsafe: false, cacheIdPrefix: null, cwd: corpus };
    const outs: string[][] = [[], []];
    const summaries = [];
    for (const [k, jobs] of [1, 2].entries()) {
      const io = { out: (s: string) => outs[k].push(s), err: () => {} };
      summaries.push(await built.run(['.'], { ...options, mode: 'diff', jobs }, io));
    }
    const [seq, pooled] = summaries;
    expect(pooled).toEqual(seq);
    expect(outs[1]).toEqual(outs[0]);
    expect(Buffer.isBuffer(pooled.results[0].output)).toBe(true);
  });
});
