/**
 * The example projects the e2e suite (projects.test.ts) and the rebuild benchmark (bench/builds.ts) build,
 * original Dockerfile vs cachified Dockerfile, and one run of one project on the builder (ProjectRun).
 *
 * Per image: the exact output, the expected cache mounts, a code-only change and, where there is one, a
 * dependency change; the checks throw (node's assert), so they work under jest and in the benchmark.
 */
import { strict as assert } from 'assert';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import {
  BuildError,
  BuildResult,
  FreshBuilds,
  REPO_ROOT,
  Workspace,
  applyOverlay,
  dockerBuild,
  findStep,
  pipCachedWheels,
  replaceOnce,
  run,
} from './harness';

const FIXTURES = path.join(REPO_ROOT, '__fixtures__');
const PROJECTS = path.join(FIXTURES, 'projects');

export type Kind = 'npm' | 'apt' | 'pip';

export interface StepStates {
  cached?: RegExp[];
  ran?: RegExp[];
}

export interface ImageSpec {
  name: string;
  /** Build context, relative to the project root. */
  context: string;
  /** Dockerfile, relative to the context. */
  dockerfile: string;
  /** The hand-cachified Dockerfile (what cachify should produce). */
  expected: string;
  /** Exact stdout of the image (original and cachified alike). */
  output: string;
  /** Exact cache mounts of the cachified Dockerfile. */
  mounts: string[];
  /** The dependency install step, whose downloads are counted. */
  depsStep?: { pattern: RegExp; kind: Kind };
  /** A probe run in both images: same exact output (e.g. no package cache left in the image). */
  probe?: { cmd: string[]; output: string };
  /** A code-only change: `line(nonce)` is inserted after `anchor` and makes the image print the nonce first. */
  codeChange: { file: string; anchor: string; line: (nonce: string) => string };
  afterCodeChange: { original: StepStates; rewritten: StepStates };
  checkCold?: (original: BuildResult, rewritten: BuildResult) => void;
  checkCodeChange?: (original: BuildResult, rewritten: BuildResult) => void;
  depsChange?: {
    /** Applied to the build context of both the original and the cachified copy. */
    apply: (contextDir: string) => void;
    /** What the original fetches (`cold+new`: what it fetched cold plus `added`). */
    original: string[] | 'cold+new';
    added: string[];
    /** What the cachified build fetches. */
    rewritten: string[];
    check?: (original: BuildResult, rewritten: BuildResult) => void;
  };
}

export interface ProjectSpec {
  name: string;
  root: string;
  /** Files of the fixture directory that are not part of the project. */
  exclude: string[];
  images: ImageSpec[];
}

const APT_MOUNTS = [
  'type=cache,target=/var/cache/apt,sharing=locked',
  'type=cache,target=/var/lib/apt/lists,sharing=locked',
];
const GO_MOUNTS = ['type=cache,target=/go/pkg/mod', 'type=cache,target=/root/.cache/go-build'];
const NO_PKG_CACHE = (p: string): string[] => [
  'sh',
  '-c',
  `test -e ${p} && echo left in image || echo absent`,
];
const APT_LEFTOVERS = [
  'sh',
  '-c',
  'ls /var/cache/apt/archives/*.deb /var/cache/apt/*.bin /var/lib/apt/lists/*_Packages* 2>/dev/null | wc -l',
];

const single = (
  name: string,
  spec: Omit<ImageSpec, 'name' | 'context' | 'dockerfile' | 'expected'>,
): ProjectSpec => ({
  name,
  root: path.join(PROJECTS, name),
  exclude: ['expected.Dockerfile', 'expected.report'],
  images: [
    {
      name,
      context: '.',
      dockerfile: 'Dockerfile',
      expected: path.join(PROJECTS, name, 'expected.Dockerfile'),
      ...spec,
    },
  ],
});

export const ALL_PROJECTS: ProjectSpec[] = [
  single('node-npm', {
    output:
      '200 /health {"ok":true,"uptimeBudget":"2m"}\n200 /hello <p>Hello, &lt;cachify &amp; friends&gt;</p>\n',
    mounts: ['type=cache,target=/root/.npm'],
    depsStep: { pattern: /npm ci/, kind: 'npm' },
    probe: { cmd: NO_PKG_CACHE('/root/.npm/_cacache'), output: 'absent\n' },
    codeChange: {
      file: 'index.js',
      anchor: "server.listen(0, '127.0.0.1', async () => {\n",
      line: (n) => `  console.log('${n}');\n`,
    },
    afterCodeChange: { original: { ran: [/npm ci/] }, rewritten: { cached: [/npm ci/] } },
    depsChange: {
      apply: (dir) => applyOverlay(dir, path.join(FIXTURES, 'project-changes/node-npm/deps')),
      original: ['escape-html-1.0.3.tgz', 'is-number-7.0.0.tgz', 'ms-2.1.3.tgz'],
      added: ['is-number-7.0.0.tgz'],
      rewritten: ['is-number-7.0.0.tgz'],
    },
  }),
  single('python-pip', {
    output:
      'Hello, Ada Lovelace!\ncoffee beans    $12.50\noat milk         $2.99\ndiscount        -$1.50\ntotal           $13.99\n',
    mounts: ['type=cache,target=/root/.cache/pip'],
    depsStep: { pattern: /pip install/, kind: 'pip' },
    probe: { cmd: NO_PKG_CACHE('/root/.cache/pip'), output: 'absent\n' },
    codeChange: { file: 'app.py', anchor: 'def main() -> None:\n', line: (n) => `    print("${n}")\n` },
    afterCodeChange: { original: { ran: [/pip install/] }, rewritten: { cached: [/pip install/] } },
    depsChange: {
      // adds the wheel of tinyslug; for pip the work counted is wheels built from sdists: the original
      // builds tinymoney's wheel again, the cachified build takes it from the pip cache mount
      apply: (dir) => applyOverlay(dir, path.join(FIXTURES, 'project-changes/python-pip/deps')),
      original: ['tinymoney'],
      added: [],
      rewritten: [],
      check: (original, rewritten) => {
        assert.deepEqual(pipCachedWheels(findStep(original.steps, /pip install/).output), []);
        const out = findStep(rewritten.steps, /pip install/).output;
        assert.deepEqual(pipCachedWheels(out), ['tinymoney-1.2.0-py3-none-any.whl']);
        assertContains(
          out,
          'Successfully installed tinycase-1.0.0 tinygreet-1.0.0 tinymoney-1.2.0 tinyslug-0.3.0',
        );
      },
    },
  }),
  single('go', {
    output: '+----------------+\n| Hello, gopher! |\n+----------------+\n',
    mounts: GO_MOUNTS,
    codeChange: { file: 'main.go', anchor: 'func main() {\n', line: (n) => `\tfmt.Println("${n}")\n` },
    afterCodeChange: {
      original: { ran: [/go build/] },
      rewritten: { cached: [/go mod download/], ran: [/go build/] },
    },
    checkCodeChange: (original, rewritten) => {
      // `go build -v` lists the packages it compiles: with /root/.cache/go-build mounted, the unchanged
      // package comes from the Go build cache.
      assert.deepEqual(findStep(original.steps, /go build/).output, [
        'example.com/hello/greet',
        'example.com/hello',
      ]);
      assert.deepEqual(findStep(rewritten.steps, /go build/).output, ['example.com/hello']);
    },
  }),
  single('rust', {
    output: 'crab inventory\nclaws      2\nlegs       8\nshells     1\n',
    mounts: [
      'type=cache,target=/usr/local/cargo/registry,sharing=locked',
      'type=cache,target=/usr/local/cargo/git/db,sharing=locked',
    ],
    codeChange: { file: 'src/main.rs', anchor: 'fn main() {\n', line: (n) => `    println!("${n}");\n` },
    // no crates, so nothing to download; the dependency-only build (a placeholder main) is reused
    // and the real build compiles the new code, not the placeholder (the image prints the change)
    afterCodeChange: {
      original: { ran: [/cargo build/] },
      rewritten: { cached: [/fn main\(\) \{\}/], ran: [/cargo build --release$/] },
    },
    checkCodeChange: (original, rewritten) => {
      const compiled = (r: BuildResult, step: RegExp): string[] =>
        findStep(r.steps, step)
          .output.map((l) => l.trim())
          .filter((l) => l.startsWith('Compiling '));
      assert.deepEqual(compiled(original, /cargo build/), ['Compiling hello v0.1.0 (/usr/src/hello)']);
      assert.deepEqual(compiled(rewritten, /cargo build --release$/), [
        'Compiling hello v0.1.0 (/usr/src/hello)',
      ]);
    },
  }),
  single('c-apt', {
    output: 'samples: 6\nsum: 108\nmax: 42\n',
    mounts: APT_MOUNTS,
    depsStep: { pattern: /apt-get install/, kind: 'apt' },
    probe: { cmd: APT_LEFTOVERS, output: '0\n' },
    codeChange: { file: 'src/main.c', anchor: 'int main(void) {\n', line: (n) => `    puts("${n}");\n` },
    afterCodeChange: {
      // the original already installs before COPY: its apt layer is reused too
      original: { cached: [/apt-get install/], ran: [/^RUN make/] },
      rewritten: { cached: [/Keep-Downloaded-Packages/, /apt-get install/], ran: [/^RUN make/] },
    },
    depsChange: {
      apply: (dir) =>
        replaceOnce(path.join(dir, 'Dockerfile'), 'gcc libc6-dev make', 'gcc libc6-dev make patch'),
      original: 'cold+new',
      added: ['patch'],
      rewritten: ['patch'],
    },
  }),
  // Yarn 4 with Plug'n'Play: packages live in Yarn's cache and are read from it at run time, so a
  // mounted global cache alone would leave the image without them (the rewrite turns it off);
  // package.json, yarn.lock and .yarnrc.yml show Yarn 4, so Yarn 1's cache gets no mount
  single('node-yarn-berry', {
    output: '...ok\n',
    mounts: ['type=cache,target=/root/.npm', 'type=cache,target=/root/.yarn/berry/cache'],
    probe: {
      // the zip Plug'n'Play loads is in the image, wherever Yarn put it
      cmd: [
        'sh',
        '-c',
        'ls /root/.yarn/berry/cache/left-pad-* /app/.yarn/cache/left-pad-* 2>/dev/null | wc -l',
      ],
      output: '1\n',
    },
    codeChange: {
      file: 'index.js',
      anchor: 'const leftPad = require("left-pad");\n',
      line: (n) => `console.log("${n}");\n`,
    },
    afterCodeChange: { original: { ran: [/yarn install/] }, rewritten: { cached: [/yarn install/] } },
  }),
  {
    name: 'shop',
    root: path.join(REPO_ROOT, 'examples/shop'),
    exclude: [],
    images: [
      {
        name: 'api',
        context: 'api',
        dockerfile: 'Dockerfile',
        expected: path.join(FIXTURES, 'examples-expected/shop/api/expected.Dockerfile'),
        output:
          'GET /products -> 200\ntee-01 Cache tee (47.08KB, cache 5m)\nmug-02 Layer mug (1.46MB, cache 5m)\n',
        mounts: ['type=cache,target=/root/.npm'],
        probe: { cmd: NO_PKG_CACHE('/root/.npm/_cacache'), output: 'absent\n' },
        codeChange: {
          file: 'server.js',
          anchor: "server.listen(0, '127.0.0.1', () => {\n",
          line: (n) => `  console.log('${n}');\n`,
        },
        afterCodeChange: { original: { ran: [/npm ci/] }, rewritten: { cached: [/npm ci/] } },
      },
      {
        name: 'worker',
        context: 'worker',
        dockerfile: 'Dockerfile',
        expected: path.join(FIXTURES, 'examples-expected/shop/worker/expected.Dockerfile'),
        output:
          'order 101 for grace-hopper: 2 item(s), $37.00\norder 102 for ken-thompson: 1 item(s), $12.00\ndrained 2 orders\n',
        // none: pip runs as app, and BuildKit would make the missing /home/app/.cache root's
        // for a mount at /home/app/.cache/pip (cache-mounts refuses it, with a line); the
        // install still moves above the copy
        mounts: [],
        probe: { cmd: NO_PKG_CACHE('/home/app/.cache'), output: 'absent\n' },
        codeChange: {
          file: 'worker/__main__.py',
          anchor: 'def main() -> None:\n',
          line: (n) => `    print("${n}")\n`,
        },
        afterCodeChange: { original: { ran: [/pip install/] }, rewritten: { cached: [/pip install/] } },
        checkCold: (_original, rewritten) => {
          // pip (as app) must not find a cache folder it cannot write: "The directory
          // '/home/app/.cache/pip' or its parent directory is not owned or is not writable ..."
          const out = findStep(rewritten.steps, /pip install/).output;
          assert.deepEqual(
            out.filter((l) => /not owned|not writable|cache has been disabled/i.test(l)),
            [],
          );
          assertContains(out, 'Successfully installed tinycase-1.0.0 tinymoney-1.2.0 tinyslug-0.3.0');
        },
      },
      {
        name: 'gateway',
        context: 'gateway',
        dockerfile: 'deploy/gateway.Dockerfile',
        expected: path.join(FIXTURES, 'examples-expected/shop/gateway/deploy/expected.gateway.Dockerfile'),
        output:
          'gateway routes:\n  /orders/  -> http://worker:9000\n  /api/     -> http://api:8080\n  /         -> http://api:8080/static\nmaintenance window: 2024-07-01 04:00 CEST\n',
        mounts: [...GO_MOUNTS, ...APT_MOUNTS],
        depsStep: { pattern: /apt-get install/, kind: 'apt' },
        probe: { cmd: APT_LEFTOVERS, output: '0\n' },
        codeChange: {
          file: 'cmd/gateway/main.go',
          anchor: 'func main() {\n',
          line: (n) => `\tfmt.Println("${n}")\n`,
        },
        afterCodeChange: {
          original: { ran: [/go build/], cached: [/apt-get install/] },
          rewritten: { cached: [/go mod download/, /apt-get install/], ran: [/go build/] },
        },
      },
    ],
  },
];

// ---------------------------------------------------------------------------------------------
// How a project is cachified: the real CLI, as users run it.

/** The real thing: `cachify --write --no-syntax <dir>` (built CLI; run `npm run build` first). */
export async function rewriteWithCachify(dir: string): Promise<void> {
  const cli = path.join(REPO_ROOT, 'dist/src/cli.js');
  if (!fs.existsSync(cli)) throw new Error(`${cli} not found: run \`npm run build\` first`);
  const r = await run(process.execPath, [cli, '--write', '--no-syntax', dir], { timeoutMs: 120_000 });
  if (r.code !== 0) throw new Error(`cachify --write exited with ${r.code}:\n${r.stderr}${r.stdout}`);
}

/** The projects named (all when `names` is empty); throws on a name that is not a project. */
export function selectProjects(names: string[], what: string): ProjectSpec[] {
  const unknown = names.filter((s) => !ALL_PROJECTS.some((p) => p.name === s));
  if (unknown.length > 0)
    throw new Error(
      `${what}: unknown project(s) ${unknown.join(', ')} (known: ${ALL_PROJECTS.map((p) => p.name).join(', ')})`,
    );
  return names.length > 0 ? ALL_PROJECTS.filter((p) => names.includes(p.name)) : ALL_PROJECTS;
}

/** Images of a project that have a dependency change and a step to measure it on. */
export function imagesWithDepsChange(project: ProjectSpec): ImageSpec[] {
  return project.images.filter((i) => i.depsChange && i.depsStep);
}

/** Patterns of `states` whose step was not in that state: `cached /npm ci/: ran`; [] when all match. */
export function stepStateMismatches(result: BuildResult, states: StepStates): string[] {
  const out: string[] = [];
  for (const [want, patterns] of [
    ['cached', states.cached ?? []],
    ['ran', states.ran ?? []],
  ] as const) {
    for (const p of patterns) {
      const cached = findStep(result.steps, p).cached;
      if (cached !== (want === 'cached')) out.push(`${want} ${p}: ${cached ? 'CACHED' : 'ran'}`);
    }
  }
  return out;
}

function assertContains(lines: string[], line: string): void {
  assert.ok(lines.includes(line), `expected the line ${JSON.stringify(line)} in:\n${lines.join('\n')}`);
}

// ---------------------------------------------------------------------------------------------

export type Variant = 'original' | 'rewritten';
export const VARIANTS: readonly Variant[] = ['original', 'rewritten'];

/**
 * One run of a project: a copy of it as it is (original) and a copy rewritten by cachify, each built on a
 * virtual builder of its own (FreshBuilds: salted base images and a cache-mount namespace), so the first
 * build of each variant is cold whatever ran on this builder before, and its later builds reuse what the
 * earlier ones left, as on a developer's machine or a CI runner with a warm builder.
 * Code changes embed a per-run nonce that the image prints first: a stale layer cannot pass for the new one.
 */
export class ProjectRun {
  readonly ws: Workspace;
  readonly nonce = `n${randomBytes(4).toString('hex')}`;
  private readonly fresh: Record<Variant, FreshBuilds>;
  private readonly dirs: Record<Variant, string> = { original: '', rewritten: '' };

  constructor(
    readonly project: ProjectSpec,
    /** Keeps every build log here, as `<project>-<image>-<variant>-<step>.log`, when set. */
    private readonly logDir?: string,
    label: string = project.name,
  ) {
    this.ws = new Workspace(label);
    // one virtual builder per variant: identical Dockerfiles (a file cachify left alone) cannot share layers
    this.fresh = {
      original: new FreshBuilds(this.ws, `${label}-orig`),
      rewritten: new FreshBuilds(this.ws, `${label}-rewr`),
    };
  }

  /** Copies the project twice and cachifies one copy. */
  async prepare(): Promise<void> {
    this.dirs.original = this.ws.copyProject(this.project.root, this.project.exclude);
    this.dirs.rewritten = this.ws.copyProject(this.project.root, this.project.exclude);
    await rewriteWithCachify(this.dirs.rewritten);
  }

  /** The build context of an image in one variant's copy. */
  contextDir(img: ImageSpec, which: Variant): string {
    if (!this.dirs[which]) throw new Error('ProjectRun: prepare() first');
    return path.join(this.dirs[which], img.context);
  }

  dockerfileText(img: ImageSpec, which: Variant): string {
    return fs.readFileSync(path.join(this.contextDir(img, which), img.dockerfile), 'utf8');
  }

  async build(img: ImageSpec, which: Variant, step: string): Promise<BuildResult> {
    const logName = `${this.project.name}-${img.name}-${which}-${step}.log`;
    try {
      const result = await dockerBuild({
        dir: this.contextDir(img, which),
        dockerfile: img.dockerfile,
        tag: this.ws.tag(`${img.name}-${which}-${step}`),
        ...(await this.fresh[which].optionsFor(this.dockerfileText(img, which))),
      });
      const logFile = this.saveLog(logName, result.log);
      return logFile ? { ...result, logFile } : result;
    } catch (e) {
      const logFile = e instanceof BuildError && this.saveLog(logName, e.log);
      if (logFile) (e as Error).message += `\n(whole log: ${logFile})`;
      throw e;
    }
  }

  /** The image's code-only change (with this run's nonce), in both copies. */
  applyCodeChange(img: ImageSpec): void {
    const { file, anchor, line } = img.codeChange;
    for (const which of VARIANTS)
      replaceOnce(path.join(this.contextDir(img, which), file), anchor, anchor + line(this.nonce));
  }

  /** The image's dependency change, in both copies. */
  applyDepsChange(img: ImageSpec): void {
    if (!img.depsChange) throw new Error(`${this.project.name}/${img.name} has no dependency change`);
    for (const which of VARIANTS) img.depsChange.apply(this.contextDir(img, which));
  }

  /** Removes the copies and images and prunes both variants' cache mounts. */
  async dispose(): Promise<void> {
    await this.ws.cleanup();
    await this.fresh.original.dispose();
    await this.fresh.rewritten.dispose();
  }

  /** Saves a log in the log folder, when there is one; returns its path. */
  private saveLog(name: string, log: string): string | null {
    if (!this.logDir) return null;
    fs.mkdirSync(this.logDir, { recursive: true });
    const file = path.join(this.logDir, name);
    fs.writeFileSync(file, log);
    return file;
  }
}
