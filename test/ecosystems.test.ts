/** The readers of src/ecosystems on in-memory build contexts: what each install is found to read. */
import { memoryContext } from './helpers/memory-context';
import { DockerfileDoc } from '../src/dockerfile';
import { READERS, Inputs, ProjectFiles, specFiles } from '../src/ecosystems';
import { directiveArgs } from '../src/ecosystems/gomod';
import { parseToml, TomlError } from '../src/ecosystems/toml';
import { findInvocations } from '../src/managers/resolve';
import { pythonImports } from '../src/downloads';
import { initShellParser } from '../src/shell';

beforeAll(() => initShellParser());

/** Runs the reader of the first install in `run`, as if `COPY . /app` and `WORKDIR cwd`. */
function inputsOf(
  files: Record<string, string>,
  run: string,
  opts: { ignore?: string; cwd?: string; env?: Record<string, string> } = {},
): Inputs {
  const doc = new DockerfileDoc(`FROM x\nRUN ${run}\n`, '\n');
  const inv = findInvocations(doc.run(1)).find((i) => i.manager.deps)!;
  const spec = inv.manager.deps!.find(
    (s) => s.installs.includes(inv.subcommand) || s.installs.includes('*'),
  )!;
  const project = new ProjectFiles(
    memoryContext(files, opts.ignore),
    { src: '', dest: '/app' },
    opts.cwd ?? '/app',
  );
  const inputs = new Inputs(project);
  const words = inv.subcommand.split(' ').filter(Boolean).length;
  const r = {
    inputs,
    project,
    inv,
    spec,
    args: inv.n.args.slice(words),
    text: doc.text.slice(inv.cmd.start, inv.cmd.end),
    value: (w: { value: string | null }) => w.value,
    unknownWhy: () => null,
    env: (name: string) => (opts.env && name in opts.env ? { value: opts.env[name] } : null),
    home: '/root',
    // only the copy puts files into the image
    placed: (at: readonly string[]) =>
      at
        .filter((p) => project.available(p))
        .map((path) => ({ path, text: project.read(path), how: 'copied', byCopy: true })),
    named: () => [],
    stored: () => null,
  };
  if (spec.reader) READERS[spec.reader](r);
  else specFiles(r);
  return inputs;
}

const paths = (i: Inputs) => i.files.map((f) => f.path.replace('/app/', '') + (f.folder ? '/' : ''));

describe('toml', () => {
  test('tables, arrays of tables, dotted keys, inline tables, multi-line arrays and strings', () => {
    const t = parseToml(
      [
        '# comment',
        '[package]',
        'name = "a" # trailing',
        "version = '1.0'",
        'tool.x.y = true',
        '[workspace]',
        'members = [',
        '  "crates/*", # one',
        '  "tools/cli",',
        ']',
        '[[bin]]',
        'name = "b"',
        '[[bin]]',
        'name = "c"',
        '[dependencies]',
        'serde = { version = "1", features = ["derive"] }',
        'desc = """',
        'two\\',
        '   lines"""',
        'n = 1_000',
      ].join('\n'),
    );
    expect(t).toEqual({
      package: { name: 'a', version: '1.0', tool: { x: { y: true } } },
      workspace: { members: ['crates/*', 'tools/cli'] },
      bin: [{ name: 'b' }, { name: 'c' }],
      dependencies: { serde: { version: '1', features: ['derive'] }, desc: 'twolines', n: 1000 },
    });
  });
  test('rejects what it cannot read', () => {
    expect(() => parseToml('[a\nb = 1')).toThrow(TomlError);
    expect(() => parseToml('a = "unterminated')).toThrow(TomlError);
  });
});

describe('pip requirements', () => {
  test('find-links, constraints and the config file named in the environment, when the copy brings them', () => {
    const files = {
      'requirements.txt': 'flask\n',
      'wheels/x.whl': 'w',
      'constraints/platform.txt': 'flask<3\n',
      'pip.conf': '[global]\n',
    };
    const env = {
      PIP_FIND_LINKS: '/app/wheels https://example.com/simple',
      PIP_CONSTRAINT: 'constraints/platform.txt',
      PIP_CONFIG_FILE: '/app/pip.conf',
    };
    const i = inputsOf(files, 'pip install -r requirements.txt', { env });
    expect(i.refusal).toBeNull();
    expect(paths(i)).toEqual(['requirements.txt', 'wheels/', 'constraints/platform.txt', 'pip.conf']);
    // what the config file names comes too
    const conf = inputsOf(
      {
        ...files,
        'pip.conf':
          '[global]\nno-index = true\nfind-links =\n    /app/wheels\n[install]\nconstraint = constraints/platform.txt\n',
      },
      'pip install -r requirements.txt',
      { env: { PIP_CONFIG_FILE: '/app/pip.conf' } },
    );
    expect(conf.refusal).toBeNull();
    expect(paths(conf)).toEqual(['requirements.txt', 'pip.conf', 'wheels/', 'constraints/platform.txt']);
    // pip's spellings of a key count; other sections, and keys pip has no option for, do not
    const keys = inputsOf(
      {
        ...files,
        'req/extra.txt': 'idna\n',
        'pip.conf':
          '[DEFAULT]\n--find-links = wheels\n[wheel]\nconstraint = missing.txt\n[install]\nconstraints = missing.txt\nREQUIREMENT: req/extra.txt\n',
      },
      'pip install flask',
      { env: { PIP_CONFIG_FILE: 'pip.conf' } },
    );
    expect(keys.refusal).toBeNull();
    expect(paths(keys)).toEqual(['pip.conf', 'wheels/', 'req/extra.txt']);
    // outside what the copy brings: nothing to do
    expect(
      paths(inputsOf(files, 'pip install -r requirements.txt', { env: { PIP_FIND_LINKS: '/wheels' } })),
    ).toEqual(['requirements.txt']);
  });
  test('includes, constraints (relative to the including file), find-links, archives', () => {
    const i = inputsOf(
      {
        'requirements.txt':
          '-r requirements/base.txt\n--constraint=constraints.txt\n./dist/lib-1.0-py3-none-any.whl\n',
        'requirements/base.txt':
          '-rcommon.txt  # nested\nflask>=2 ; python_version > "3.8" --hash=sha256:00\n',
        'requirements/common.txt': 'idna\n',
        'constraints.txt': 'flask<3\n',
        'dist/lib-1.0-py3-none-any.whl': 'w',
        'wheels/x.whl': 'w',
      },
      'pip install -f wheels -r requirements.txt',
    );
    expect(i.refusal).toBeNull();
    expect(paths(i)).toEqual([
      'requirements.txt',
      'requirements/base.txt',
      'requirements/common.txt',
      'constraints.txt',
      'dist/lib-1.0-py3-none-any.whl',
      'wheels/',
    ]);
  });
  test('the project itself needs its source, on the command line or in a file', () => {
    expect(inputsOf({ 'setup.py': '' }, 'pip install -e .').refusal).toBe(
      '`-e .` installs the project itself, which needs its source',
    );
    expect(inputsOf({ 'r.txt': 'a\n-e .\n' }, 'python -m pip install -r r.txt').refusal).toBe(
      'r.txt line 2: `-e .` installs the project itself, which needs its source',
    );
  });
  test('a bare name that is an installable folder here is a local path', () => {
    expect(inputsOf({ 'mylib/setup.py': '' }, 'pip install mylib').files.map((f) => f.path)).toEqual([
      '/app/mylib',
    ]);
    expect(inputsOf({}, 'pip install flask').files).toEqual([]);
  });
  test('missing, ignored, and variable files refuse', () => {
    expect(inputsOf({}, 'pip install -r req.txt').refusal).toBe('req.txt is not in the build context');
    expect(inputsOf({ 'req.txt': 'a' }, 'pip install -r req.txt', { ignore: '*.txt' }).refusal).toBe(
      'req.txt is excluded by .dockerignore',
    );
    expect(inputsOf({ 'r.txt': '-r ${X}.txt' }, 'pip install -r r.txt').refusal).toBe(
      'r.txt line 1: `-r ${X}.txt` names a file through an environment variable',
    );
    expect(inputsOf({ 'r.txt': './libs/${LIB}' }, 'pip install -r r.txt').refusal).toBe(
      'r.txt line 1: `./libs/${LIB}` names a file through an environment variable',
    );
  });
  test('variables in URLs and versions name no file', () => {
    const text = [
      '--extra-index-url https://__token__:${TOKEN}@pypi.example.com/simple',
      '-e git+https://${TOKEN}@git.example.com/lib.git#egg=lib',
      'acme==${ACME_VERSION}',
      'tool @ https://files.example.com/${TOOL}.whl',
      'https://files.example.com/${OTHER}.whl',
    ].join('\n');
    const got = inputsOf({ 'r.txt': text }, 'pip install -r r.txt');
    expect(got.refusal).toBeNull();
    expect(got.files.map((f) => f.path)).toEqual(['/app/r.txt']);
    expect(
      inputsOf({}, 'pip install -c "https://example.com/constraints-${V}.txt" flask').refusal,
    ).toBeNull();
    expect(inputsOf({}, 'pip install -c "constraints-${V}.txt" flask').refusal).toBe(
      'the file given to -c is only known when the image builds',
    );
  });
});

describe('node', () => {
  const base = {
    'package.json': '{"name":"r","workspaces":["packages/*","!packages/skip"]}',
    'package-lock.json': '{}',
  };
  test("Yarn 1's offline mirror named in .yarnrc comes along", () => {
    const files = {
      'package.json': '{"name":"r"}',
      'yarn.lock': '',
      '.yarnrc': 'yarn-offline-mirror "./npm-packages-offline-cache"\n',
      'npm-packages-offline-cache/left-pad-1.3.0.tgz': 'x',
    };
    const i = inputsOf(files, 'yarn install --offline --frozen-lockfile');
    expect(i.refusal).toBeNull();
    expect(paths(i)).toContain('npm-packages-offline-cache/');
  });
  test('workspace members, lock, .npmrc; members that are ignored are left out', () => {
    const i = inputsOf(
      {
        ...base,
        '.npmrc': 'x',
        'packages/a/package.json':
          '{"name":"a","dependencies":{"b":"file:../b","ext":"file:../../vendor/ext"}}',
        'packages/b/package.json': '{"name":"b"}',
        'packages/skip/package.json': '{"name":"s"}',
        'packages/gone/package.json': '{"name":"g"}',
        'vendor/ext/package.json': '{}',
      },
      'npm ci',
      { ignore: 'packages/gone' },
    );
    expect(i.refusal).toBeNull();
    expect(paths(i)).toEqual([
      'package.json',
      'package-lock.json',
      '.npmrc',
      'packages/a/package.json',
      'packages/b/package.json',
      'vendor/ext/',
    ]);
    expect(i.outputs).toEqual([
      '/app/node_modules',
      '/app/packages/a/node_modules',
      '/app/packages/b/node_modules',
    ]);
  });
  test('lifecycle scripts: refused unless harmless or turned off', () => {
    const pkg = (s: string) => ({ 'package.json': JSON.stringify({ scripts: { postinstall: s } }) });
    expect(inputsOf(pkg('node x.js'), 'npm ci').refusal).toBe(
      'package.json has a postinstall script (`node x.js`) that may read files not copied before the install',
    );
    expect(inputsOf(pkg('node x.js'), 'npm ci --ignore-scripts').refusal).toBeNull();
    expect(inputsOf(pkg('echo done && husky install'), 'npm ci').refusal).toBeNull();
    expect(inputsOf({ ...pkg('husky install'), '.git/HEAD': 'x' }, 'npm ci').refusal).not.toBeNull();
    const patched = inputsOf({ ...pkg('patch-package'), 'patches/a.patch': 'x' }, 'yarn');
    expect(patched.refusal).toBeNull();
    expect(paths(patched)).toEqual(['package.json', 'patches/']);
  });
  test('global installs read nothing; --prefix moves the project', () => {
    expect(inputsOf({}, 'npm install -g typescript').files).toEqual([]);
    expect(paths(inputsOf({ 'web/package.json': '{}' }, 'npm ci --prefix web'))).toEqual([
      'web/package.json',
    ]);
  });
  test('pnpm workspace file and patched dependencies', () => {
    const i = inputsOf(
      {
        'package.json': '{"pnpm":{"patchedDependencies":{"x@1":"patches/x.patch"}}}',
        'pnpm-workspace.yaml': 'packages:\n  - apps/*\n',
        'apps/w/package.json': '{}',
        'patches/x.patch': '',
      },
      'pnpm install --frozen-lockfile',
    );
    expect(paths(i)).toEqual([
      'package.json',
      'pnpm-workspace.yaml',
      'patches/',
      'apps/w/package.json',
      'patches/x.patch',
    ]);
  });
});

describe('go', () => {
  test('go.mod syntax: single lines and blocks', () => {
    expect(
      directiveArgs('module m\nreplace a => ./a // c\nreplace (\n  b v1 => ../b\n)\n', 'replace'),
    ).toEqual([
      ['a', '=>', './a'],
      ['b', 'v1', '=>', '../b'],
    ]);
  });
  test('module found upwards, local replace targets, go.work', () => {
    const i = inputsOf(
      {
        'go.mod': 'module m\nreplace x => ./lib/x\n',
        'go.sum': '',
        'lib/x/go.mod': 'module x\n',
        'cmd/main.go': '',
      },
      'go build ./...',
      { cwd: '/app/cmd' },
    );
    expect(i.refusal).toBeNull();
    expect(paths(i)).toEqual(['go.mod', 'go.sum', 'lib/x/go.mod']);
  });
  test('replace outside the copy, vendor/, and pkg@version', () => {
    expect(inputsOf({ 'go.mod': 'module m\nreplace x => ../x\n' }, 'go build').refusal).toBe(
      'go.mod replaces x with ../x, which is outside what the COPY brings in',
    );
    expect(inputsOf({ 'go.mod': 'module m\n', 'vendor/modules.txt': '' }, 'go build').refusal).toMatch(
      /^vendor is in the build context/,
    );
    expect(inputsOf({}, 'go install golang.org/x/tools/gopls@latest').files).toEqual([]);
  });
});

describe('cargo', () => {
  test('workspace members and the placeholder build', () => {
    const i = inputsOf(
      {
        'Cargo.toml': '[workspace]\nmembers = ["crates/*"]\n',
        'Cargo.lock': '',
        'crates/app/Cargo.toml': '[package]\nname = "app"\n[dependencies]\ncore = { path = "../core" }\n',
        'crates/core/Cargo.toml': '[package]\nname = "core"\n',
      },
      'cargo build --release --bin app',
    );
    expect(i.refusal).toBeNull();
    expect(paths(i)).toEqual(['Cargo.toml', 'Cargo.lock', 'crates/app/Cargo.toml', 'crates/core/Cargo.toml']);
    expect(i.warmup).toBe(
      "mkdir -p crates/app/src && echo 'fn main() {}' > crates/app/src/main.rs && touch crates/app/src/lib.rs && " +
        "mkdir -p crates/core/src && echo 'fn main() {}' > crates/core/src/main.rs && touch crates/core/src/lib.rs && " +
        'cargo build --release && rm -rf crates/app/src crates/core/src ' +
        'target/release/.fingerprint/app-???????????????? target/release/.fingerprint/core-????????????????',
    );
  });
});

describe('python downloads', () => {
  test('imports', () => {
    expect(pythonImports('import os, mypkg.sub; from transformers import AutoModel')).toEqual([
      'os',
      'mypkg',
      'transformers',
    ]);
  });
});
