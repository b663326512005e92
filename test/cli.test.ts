/**
 * The built `cachify` binary, run as users run it, on throw-away folders.
 * (`npm test` builds first; the binary is dist/src/cli.js.)
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { composeBuilds, discover } from '../src/discover';
import { tempDir } from './helpers/tmp';

const BIN = path.join(__dirname, '..', 'dist', 'src', 'cli.js');

function cachify(cwd: string, ...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function tree(files: Record<string, string | Buffer>): string {
  const dir = tempDir('cachify-cli-');
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

const PIP = 'FROM python:3.11\nRUN pip install --no-cache-dir -r requirements.txt\n';
const PIP_OUT =
  '# syntax=docker/dockerfile:1\nFROM python:3.11\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt\n';
const CLEAN = 'FROM debian:bookworm\nCOPY app /app\nCMD ["/app"]\n';
const GARBAGE = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3]);

beforeAll(() => {
  if (!fs.existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build first (npm test does)`);
});

describe('dry run (default)', () => {
  test('prints a diff git apply takes, writes nothing, exits 0', () => {
    const dir = tree({ 'svc/Dockerfile': PIP, 'svc/requirements.txt': 'flask\n' });
    const r = cachify(dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'diff --git a/svc/Dockerfile b/svc/Dockerfile',
        '--- a/svc/Dockerfile',
        '+++ b/svc/Dockerfile',
        '@@ -1,2 +1,3 @@',
        '+# syntax=docker/dockerfile:1',
        ' FROM python:3.11',
        '-RUN pip install --no-cache-dir -r requirements.txt',
        '+RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt',
        '',
      ].join('\n'),
    );
    expect(fs.readFileSync(path.join(dir, 'svc/Dockerfile'), 'utf8')).toBe(PIP);
    expect(r.stderr).toBe(
      [
        'svc/Dockerfile',
        '  line 2: cache-mounts: cache mount for pip at /root/.cache/pip; removed `--no-cache-dir`',
        '  line 1: syntax-directive: added # syntax=docker/dockerfile:1 (the file uses RUN --mount)',
        '1 file: 1 changed, 0 unchanged, 0 failed (dry run: nothing written; use --write)',
        '',
      ].join('\n'),
    );
    // the diff applies and gives exactly what --write gives
    fs.writeFileSync(path.join(dir, 'p.diff'), r.stdout);
    execOk('git', ['init', '-q'], dir);
    execOk('git', ['apply', 'p.diff'], dir);
    expect(fs.readFileSync(path.join(dir, 'svc/Dockerfile'), 'utf8')).toBe(PIP_OUT);
  });

  test('diff of a file without final newline and with CRLF applies byte-exactly', () => {
    const input = 'FROM node:18\r\nRUN npm ci && npm cache clean --force';
    const dir = tree({ Dockerfile: input });
    const r = cachify(dir, '--no-syntax');
    expect(r.stdout).toContain('\\ No newline at end of file');
    fs.writeFileSync(path.join(dir, 'p.diff'), r.stdout);
    execOk('git', ['init', '-q'], dir);
    execOk('git', ['apply', 'p.diff'], dir);
    expect(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8')).toBe(
      'FROM node:18\r\nRUN --mount=type=cache,target=/root/.npm npm ci',
    );
  });
});

describe('--write', () => {
  test('writes in place, keeps the file mode, and a second run changes nothing', () => {
    const dir = tree({ Dockerfile: PIP });
    const file = path.join(dir, 'Dockerfile');
    fs.chmodSync(file, 0o640);
    const r = cachify(dir, '--write');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(fs.readFileSync(file, 'utf8')).toBe(PIP_OUT);
    expect(fs.statSync(file).mode & 0o777).toBe(0o640);
    expect(fs.readdirSync(dir)).toEqual(['Dockerfile']); // no temp files left behind
    const again = cachify(dir, '--write');
    expect(again.stderr).toBe('1 file: 0 changed, 1 unchanged, 0 failed\n');
    expect(cachify(dir, '--check').code).toBe(0);
  });
});

describe('--check', () => {
  test('exits 1 when a file would change and writes nothing', () => {
    const dir = tree({ Dockerfile: PIP });
    const r = cachify(dir, '--check');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.endsWith('1 file: 1 would change, 0 unchanged, 0 failed\n')).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8')).toBe(PIP);
  });
  test('exits 0 when nothing would change', () => {
    const dir = tree({ Dockerfile: CLEAN });
    expect(cachify(dir, '--check')).toEqual({
      code: 0,
      stdout: '',
      stderr: '1 file: 0 would change, 1 unchanged, 0 failed\n',
    });
  });
  test('--write and --check together are refused', () => {
    const r = cachify(tree({ Dockerfile: CLEAN }), '--write', '--check');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('cachify: Arguments write and check are mutually exclusive\n');
  });
});

describe('bad input', () => {
  test('garbage exits 2 naming the file; the other files are still processed; garbage untouched', () => {
    const dir = tree({
      'a/Dockerfile': PIP,
      'b/Dockerfile': GARBAGE,
      'c/Dockerfile': 'FROM debian\nHELLO world\n',
    });
    const r = cachify(dir, '--write', '--quiet');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      [
        'b/Dockerfile:1: error: binary file (contains a NUL byte), not a Dockerfile (file left unchanged)',
        'c/Dockerfile:2: error: unknown instruction: HELLO (file left unchanged)',
        '3 files: 1 changed, 0 unchanged, 2 failed',
        '',
      ].join('\n'),
    );
    expect(fs.readFileSync(path.join(dir, 'a/Dockerfile'), 'utf8')).toBe(PIP_OUT);
    expect(Buffer.compare(fs.readFileSync(path.join(dir, 'b/Dockerfile')), GARBAGE)).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'c/Dockerfile'), 'utf8')).toBe('FROM debian\nHELLO world\n');
  });
  test('a path that does not exist exits 2 and names it', () => {
    const dir = tree({ Dockerfile: CLEAN });
    const r = cachify(dir, 'nope/Dockerfile', 'Dockerfile');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'nope/Dockerfile: error: no such file or directory\n2 files: 0 changed, 1 unchanged, 1 failed\n',
    );
  });
  test('invalid UTF-8 names the line', () => {
    const dir = tree({
      Dockerfile: Buffer.concat([
        Buffer.from('FROM debian\nRUN echo '),
        Buffer.from([0xc3, 0x28]),
        Buffer.from('\n'),
      ]),
    });
    const r = cachify(dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'Dockerfile:2: error: not valid UTF-8 text, not a Dockerfile (file left unchanged)',
    );
  });
  test('an unknown transform id is an error', () => {
    const r = cachify(tree({ Dockerfile: CLEAN }), '--only', 'nope');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'cachify: unknown transform "nope" (known: apt-keep-cache, deps-before-code, downloads-before-code, cache-mounts, syntax-directive)\n',
    );
  });
});

describe('discovery', () => {
  test('finds Dockerfile names, skips .git, node_modules and .gitignored paths', () => {
    const dir = tree({
      Dockerfile: CLEAN,
      'api/Dockerfile.prod': CLEAN,
      'api/Dockerfile.prod.dockerignore': 'node_modules\n',
      'web/web.Dockerfile': CLEAN,
      'jobs/batch.dockerfile': CLEAN,
      'tools/Containerfile': CLEAN,
      'docs/Dockerfile.md': '# docs\n',
      'node_modules/x/Dockerfile': GARBAGE,
      '.git/Dockerfile': GARBAGE,
      'build/Dockerfile': GARBAGE,
      'vendor/keep/Dockerfile': CLEAN,
      'vendor/skip/Dockerfile': GARBAGE,
      '.gitignore': 'build/\nvendor/*\n!vendor/keep/\n',
    });
    fs.mkdirSync(path.join(dir, '.git', 'refs'), { recursive: true });
    const r = cachify(dir, '--check');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('6 files: 0 would change, 6 unchanged, 0 failed\n');
  });
  test('.gitignore of the repository root applies to a subfolder run', () => {
    const dir = tree({
      '.gitignore': 'generated/\n',
      'svc/generated/Dockerfile': GARBAGE,
      'svc/Dockerfile': CLEAN,
    });
    fs.mkdirSync(path.join(dir, '.git'));
    const r = cachify(path.join(dir, 'svc'), '--check', '.');
    expect(r.stderr).toBe('1 file: 0 would change, 1 unchanged, 0 failed\n');
  });
  test('an explicit file is processed whatever its name', () => {
    const dir = tree({ 'build.docker': PIP });
    const r = cachify(dir, '--check', 'build.docker');
    expect(r.code).toBe(1);
  });
  test('the walk reports each Dockerfile once as it finds it, with the context known so far', () => {
    const dir = tree({
      'a/Dockerfile': CLEAN,
      'b/Dockerfile': CLEAN,
      'c/Containerfile': CLEAN,
      'compose.yaml': 'services:\n  d:\n    build:\n      context: d\n      dockerfile: build.docker\n',
      'd/build.docker': CLEAN,
      // names a/Dockerfile's context after the walk has reported it
      'z/compose.yaml': 'services:\n  a:\n    build: ../a\n',
    });
    const heard: [string, string | null, number][] = [];
    const found = discover([dir, path.join(dir, 'a', 'Dockerfile')], dir, (f, n) =>
      heard.push([f.display, f.context && path.relative(dir, f.context), n]),
    );
    // the compose-named Dockerfile last, when the walk is over
    expect(heard).toEqual([
      ['a/Dockerfile', null, 1],
      ['b/Dockerfile', null, 2],
      ['c/Containerfile', null, 3],
      ['d/build.docker', 'd', 4],
    ]);
    expect(found.files.map((f) => [f.display, f.context && path.relative(dir, f.context)])).toEqual([
      ['a/Dockerfile', 'a'],
      ['b/Dockerfile', null],
      ['c/Containerfile', null],
      ['d/build.docker', 'd'],
    ]);
  });
  test('a compose file names Dockerfiles and their contexts', () => {
    const dir = tree({
      'compose.yaml':
        'services:\n  api:\n    build:\n      context: ./src\n      dockerfile: ../docker/api.docker\n',
      'docker/api.docker': PIP,
      'src/requirements.txt': 'flask\n',
    });
    const r = cachify(dir, '--check');
    expect(r.code).toBe(1);
    expect(r.stderr.endsWith('1 file: 1 would change, 0 unchanged, 0 failed\n')).toBe(true);
  });
});

describe('folders that cannot be listed', () => {
  // root lists any folder: run the CLI as nobody then (setpriv, util-linux)
  const asRoot = process.getuid?.() === 0;
  const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => fs.existsSync(p));
  const runs = !asRoot || !!setpriv;
  (runs ? test : test.skip)('are reported as errors, and the other files are still processed', () => {
    const dir = tree({ Dockerfile: 'FROM alpine\n', 'locked/Dockerfile': 'FROM alpine\n' });
    fs.chmodSync(dir, 0o755);
    fs.chmodSync(path.join(dir, 'locked'), 0o000);
    try {
      const cmd = asRoot
        ? [setpriv!, '--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN, dir]
        : [process.execPath, BIN, dir];
      const r = spawnSync(cmd[0], cmd.slice(1), { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('locked: error: cannot list the folder: EACCES');
      expect(r.stderr).toContain('2 files: 0 changed, 1 unchanged, 1 failed');
    } finally {
      fs.chmodSync(path.join(dir, 'locked'), 0o755);
    }
  });
});

describe('compose merge keys', () => {
  test('a service that takes its build from a YAML anchor (`<<: *py`) gets that Dockerfile', () => {
    const dir = tree({
      'docker-compose.yml':
        'x-py: &py\n  dockerfile: ../../docker/python.Dockerfile\nservices:\n  api:\n    build:\n      <<: *py\n      context: services/api\n',
      'docker/python.Dockerfile': PIP,
      'services/api/requirements.txt': 'flask\n',
    });
    expect(composeBuilds(path.join(dir, 'docker-compose.yml'))).toEqual([
      {
        service: 'api',
        context: path.join(dir, 'services/api'),
        dockerfile: path.join(dir, 'docker/python.Dockerfile'),
      },
    ]);
  });
});

describe('the bundled example repository', () => {
  test('--write --no-syntax gives the reviewed Dockerfiles the real-builder suite builds', () => {
    const dir = tempDir('cachify-shop-');
    fs.cpSync(path.join(__dirname, '..', 'examples', 'shop'), dir, { recursive: true });
    const r = cachify(dir, '--write', '--no-syntax', '--quiet');
    expect(r).toEqual({ code: 0, stdout: '', stderr: '3 files: 3 changed, 0 unchanged, 0 failed\n' });
    const expected = path.join(__dirname, '..', '__fixtures__', 'examples-expected', 'shop');
    for (const [file, reviewed] of [
      ['api/Dockerfile', 'api/expected.Dockerfile'],
      ['worker/Dockerfile', 'worker/expected.Dockerfile'],
      ['gateway/deploy/gateway.Dockerfile', 'gateway/deploy/expected.gateway.Dockerfile'],
    ]) {
      expect([file, fs.readFileSync(path.join(dir, file), 'utf8')]).toEqual([
        file,
        fs.readFileSync(path.join(expected, reviewed), 'utf8'),
      ]);
    }
    expect(cachify(dir, '--check', '--no-syntax').code).toBe(0);
  });
});

describe('options', () => {
  test('--list names every transform and manager', () => {
    const r = cachify(os.tmpdir(), '--list');
    expect(r.code).toBe(0);
    for (const id of ['apt-keep-cache', 'cache-mounts', 'syntax-directive', 'apt', 'pip', 'uv', 'npm']) {
      expect(r.stdout).toMatch(new RegExp(`^  ${id} +\\S`, 'm'));
    }
  });
  test('--no-syntax, --syntax, --only, --skip, --cache-id-prefix', () => {
    const dir = tree({ Dockerfile: PIP });
    expect(cachify(dir, '--no-syntax', '--quiet').stdout).not.toContain('# syntax');
    expect(cachify(dir, '--syntax', 'docker/dockerfile:1.7', '--quiet').stdout).toContain(
      '+# syntax=docker/dockerfile:1.7\n',
    );
    expect(cachify(dir, '--only', 'syntax-directive', '--quiet').stdout).toBe('');
    const skip = cachify(dir, '--skip', 'syntax-directive,apt-keep-cache', '--quiet').stdout;
    expect(skip).toContain('+RUN --mount=type=cache,target=/root/.cache/pip pip install');
    expect(skip).not.toContain('# syntax');
    expect(cachify(dir, '--cache-id-prefix', 'acme', '--quiet', '--no-syntax').stdout).toContain(
      '+RUN --mount=type=cache,id=acme-pip,target=/root/.cache/pip pip install -r requirements.txt\n',
    );
  });
  test('--version prints the package version', () => {
    const r = cachify(os.tmpdir(), '--version');
    expect(r.stdout.trim()).toBe(
      JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')).version,
    );
  });
});

function execOk(cmd: string, args: string[], cwd: string): void {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
}
