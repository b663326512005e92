/**
 * Real builds of the example projects, original Dockerfile vs cachified Dockerfile, on a real BuildKit.
 *
 * Per project: (1) cold builds of both, same image output; (2) a code-only change: which steps come from
 * the layer cache; (3) a dependency change: what the package manager downloads.
 *
 * Each variant (original, cachified) of each project gets its own FreshBuilds (see harness.ts): per-run
 * copies of the base images and a per-run cache mount namespace, so its first build is cold whatever ran on
 * this builder before, and its later builds reuse what the earlier ones left, as on a developer's machine
 * or a CI runner with a warm builder.
 * Code changes embed a per-run nonce that the image prints first: a stale layer cannot pass for the new one.
 *
 * Env: CACHIFY_E2E=skip (skip when no daemon), CACHIFY_E2E_PROJECTS=node-npm,c-apt (subset),
 *      CACHIFY_E2E_REPORT=file.json (write the measurements), CACHIFY_E2E_LOGS=dir (keep every build log).
 */
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import {
  BuildError,
  BuildResult,
  REPO_ROOT,
  Workspace,
  aptDownloads,
  aptIndexFetches,
  applyOverlay,
  cacheMountSpecs,
  describeSteps,
  dockerBuild,
  findStep,
  FreshBuilds,
  npmFetches,
  npmTarballDownloads,
  pipBuiltWheels,
  pipCachedWheels,
  pipProcessed,
  replaceOnce,
  run,
  runImage,
} from './harness';
import { describeWithDocker } from './jest-docker';

jest.setTimeout(20 * 60_000);

const FIXTURES = path.join(REPO_ROOT, '__fixtures__');
const PROJECTS = path.join(FIXTURES, 'projects');

type Kind = 'npm' | 'apt' | 'pip';

interface StepStates {
  cached?: RegExp[];
  ran?: RegExp[];
}

interface ImageSpec {
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

interface ProjectSpec {
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
  exclude: ['expected.Dockerfile'],
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

const ALL_PROJECTS: ProjectSpec[] = [
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
        expect(pipCachedWheels(findStep(original.steps, /pip install/).output)).toEqual([]);
        const out = findStep(rewritten.steps, /pip install/).output;
        expect(pipCachedWheels(out)).toEqual(['tinymoney-1.2.0-py3-none-any.whl']);
        expect(out).toContain(
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
      expect(findStep(original.steps, /go build/).output).toEqual([
        'example.com/hello/greet',
        'example.com/hello',
      ]);
      expect(findStep(rewritten.steps, /go build/).output).toEqual(['example.com/hello']);
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
      expect(compiled(original, /cargo build/)).toEqual(['Compiling hello v0.1.0 (/usr/src/hello)']);
      expect(compiled(rewritten, /cargo build --release$/)).toEqual([
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
        // uid only: `useradd -u 1001` does not fix the gid; uid ownership is all pip needs
        mounts: ['type=cache,target=/home/app/.cache/pip,uid=1001'],
        probe: { cmd: NO_PKG_CACHE('/home/app/.cache'), output: 'absent\n' },
        codeChange: {
          file: 'worker/__main__.py',
          anchor: 'def main() -> None:\n',
          line: (n) => `    print("${n}")\n`,
        },
        afterCodeChange: { original: { ran: [/pip install/] }, rewritten: { cached: [/pip install/] } },
        checkCold: (_original, rewritten) => {
          // Without uid=1001 the mount is root's and pip (as app) says
          // "The directory '/home/app/.cache/pip' or its parent directory is not owned or is not writable ..."
          const out = findStep(rewritten.steps, /pip install/).output;
          expect(out.filter((l) => /not owned|not writable|cache has been disabled/i.test(l))).toEqual([]);
          expect(out).toContain('Successfully installed tinycase-1.0.0 tinymoney-1.2.0 tinyslug-0.3.0');
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
const rewrite: (dir: string) => Promise<void> = rewriteWithCachify;

/** The real thing: `cachify --write --no-syntax <dir>` (built CLI; run `npm run build` first). */
export async function rewriteWithCachify(dir: string): Promise<void> {
  const cli = path.join(REPO_ROOT, 'dist/src/cli.js');
  if (!fs.existsSync(cli)) throw new Error(`${cli} not found: run \`npm run build\` first`);
  const r = await run(process.execPath, [cli, '--write', '--no-syntax', dir], { timeoutMs: 120_000 });
  if (r.code !== 0) throw new Error(`cachify --write exited with ${r.code}:\n${r.stderr}${r.stdout}`);
}

// ---------------------------------------------------------------------------------------------

/**
 * The work a dependency step did that a cache could have saved: npm tarballs and apt packages downloaded,
 * wheels pip built from sdists (offline, pip has nothing to download).
 */
function fetched(kind: Kind, output: string[]): string[] {
  switch (kind) {
    case 'npm':
      return npmTarballDownloads(output);
    case 'apt':
      return aptDownloads(output)
        .map((d) => d.pkg)
        .sort();
    case 'pip':
      return pipBuiltWheels(output);
  }
}

function measure(
  step: { pattern: RegExp; kind: Kind },
  result: BuildResult,
): { cached: boolean; fetched: string[]; seconds?: number } & Record<string, unknown> {
  const s = findStep(result.steps, step.pattern);
  return {
    cached: s.cached,
    seconds: s.seconds,
    fetched: fetched(step.kind, s.output),
    ...details(step.kind, s.output),
  };
}

/** Extra figures for the report. */
function details(kind: Kind, output: string[]): Record<string, unknown> {
  switch (kind) {
    case 'npm':
      return {
        npmRequests: npmFetches(output).map((f) => `${f.method} ${f.status} ${f.url} ${f.cache}`.trim()),
      };
    case 'apt':
      return {
        aptPackages: aptDownloads(output).length,
        aptIndexes: aptIndexFetches(output),
        aptFetched: output.filter((l) => /^Fetched /.test(l)),
      };
    case 'pip':
      return { pipProcessed: pipProcessed(output), pipUsedCache: pipCachedWheels(output) };
  }
}

function expectStepStates(result: BuildResult, states: StepStates): void {
  for (const p of states.cached ?? []) expect([p, findStep(result.steps, p).cached]).toEqual([p, true]);
  for (const p of states.ran ?? []) expect([p, findStep(result.steps, p).cached]).toEqual([p, false]);
}

const selected = (process.env.CACHIFY_E2E_PROJECTS ?? '').split(',').filter(Boolean);
const unknown = selected.filter((s) => !ALL_PROJECTS.some((p) => p.name === s));
if (unknown.length > 0) throw new Error(`CACHIFY_E2E_PROJECTS: unknown project(s) ${unknown.join(', ')}`);
const projects = selected.length > 0 ? ALL_PROJECTS.filter((p) => selected.includes(p.name)) : ALL_PROJECTS;

const report: Record<string, unknown> = {};
const logDir = process.env.CACHIFY_E2E_LOGS;
function saveLog(name: string, log: string): void {
  if (!logDir) return;
  fs.mkdirSync(logDir, { recursive: true });
  fs.writeFileSync(path.join(logDir, name), log);
}
afterAll(() => {
  if (process.env.CACHIFY_E2E_REPORT) {
    fs.writeFileSync(process.env.CACHIFY_E2E_REPORT, JSON.stringify(report, null, 2) + '\n');
  }
});

describeWithDocker('original vs cachified builds', () => {
  for (const project of projects) {
    describe(project.name, () => {
      const ws = new Workspace(project.name);
      // one virtual builder per variant: identical Dockerfiles (a file cachify left alone) cannot share layers
      const fresh = {
        original: new FreshBuilds(ws, `${project.name}-orig`),
        rewritten: new FreshBuilds(ws, `${project.name}-rewr`),
      };
      const nonce = `n${randomBytes(4).toString('hex')}`;
      let originalDir = '';
      let rewrittenDir = '';
      const cold = new Map<string, { original: BuildResult; rewritten: BuildResult }>();
      const rep = (img: ImageSpec): Record<string, unknown> =>
        (report[`${project.name}/${img.name}`] ??= {}) as Record<string, unknown>;

      const build = async (img: ImageSpec, which: 'original' | 'rewritten', step: string) => {
        const dir = path.join(which === 'original' ? originalDir : rewrittenDir, img.context);
        const logName = `${project.name}-${img.name}-${which}-${step}.log`;
        try {
          const result = await dockerBuild({
            dir,
            dockerfile: img.dockerfile,
            tag: ws.tag(`${img.name}-${which}-${step}`),
            ...(await fresh[which].optionsFor(fs.readFileSync(path.join(dir, img.dockerfile), 'utf8'))),
          });
          saveLog(logName, result.log);
          return result;
        } catch (e) {
          if (e instanceof BuildError) saveLog(logName, e.log);
          throw e;
        }
      };

      beforeAll(async () => {
        originalDir = ws.copyProject(project.root, project.exclude);
        rewrittenDir = ws.copyProject(project.root, project.exclude);
        await rewrite(rewrittenDir);
      });

      afterAll(async () => {
        await ws.cleanup();
        await fresh.original.dispose();
        await fresh.rewritten.dispose();
      });

      test('the cachified Dockerfiles are exactly the reviewed ones and carry the expected cache mounts', () => {
        for (const img of project.images) {
          const text = fs.readFileSync(path.join(rewrittenDir, img.context, img.dockerfile), 'utf8');
          expect([img.name, text]).toEqual([img.name, fs.readFileSync(img.expected, 'utf8')]);
          expect([img.name, cacheMountSpecs(text)]).toEqual([img.name, img.mounts]);
        }
      });

      test('cold builds: both images print the same output; the cachified build fetches what the original does', async () => {
        for (const img of project.images) {
          const original = await build(img, 'original', 'cold');
          const rewritten = await build(img, 'rewritten', 'cold');
          cold.set(img.name, { original, rewritten });
          expect(await runImage(original.tag)).toBe(img.output);
          expect(await runImage(rewritten.tag)).toBe(img.output);
          if (img.probe) {
            expect(await runImage(original.tag, img.probe.cmd, { entrypoint: '' })).toBe(img.probe.output);
            expect(await runImage(rewritten.tag, img.probe.cmd, { entrypoint: '' })).toBe(img.probe.output);
          }
          const r = rep(img);
          r.cold = {
            originalSeconds: original.durationMs / 1000,
            rewrittenSeconds: rewritten.durationMs / 1000,
          };
          if (img.depsStep) {
            const o = measure(img.depsStep, original);
            const w = measure(img.depsStep, rewritten);
            expect(o.fetched.length).toBeGreaterThan(0);
            expect(w.fetched).toEqual(o.fetched);
            Object.assign(r.cold as object, { original: o, rewritten: w });
          }
          img.checkCold?.(original, rewritten);
        }
      });

      test('code-only change: the cachified build reuses the dependency layers', async () => {
        for (const img of project.images) {
          for (const dir of [originalDir, rewrittenDir]) {
            const file = path.join(dir, img.context, img.codeChange.file);
            replaceOnce(file, img.codeChange.anchor, img.codeChange.anchor + img.codeChange.line(nonce));
          }
          const original = await build(img, 'original', 'code');
          const rewritten = await build(img, 'rewritten', 'code');
          expect(await runImage(original.tag)).toBe(`${nonce}\n${img.output}`);
          expect(await runImage(rewritten.tag)).toBe(`${nonce}\n${img.output}`);
          expectStepStates(original, img.afterCodeChange.original);
          expectStepStates(rewritten, img.afterCodeChange.rewritten);
          const r = rep(img);
          r.codeChange = {
            original: describeSteps(original.steps),
            rewritten: describeSteps(rewritten.steps),
            originalSeconds: original.durationMs / 1000,
            rewrittenSeconds: rewritten.durationMs / 1000,
          };
          if (img.depsStep) {
            // a step that ran again did all its work again; a cached one printed nothing
            const o = measure(img.depsStep, original);
            const w = measure(img.depsStep, rewritten);
            const coldWork = measure(img.depsStep, cold.get(img.name)!.original).fetched;
            expect(o.fetched).toEqual(o.cached ? [] : coldWork);
            expect(w.fetched).toEqual(w.cached ? [] : coldWork);
            Object.assign(r.codeChange as object, { originalDeps: o, rewrittenDeps: w });
          }
          img.checkCodeChange?.(original, rewritten);
        }
      });

      const withDeps = project.images.filter((i) => i.depsChange && i.depsStep);
      (withDeps.length > 0 ? test : test.skip)(
        'dependency change: the cachified build fetches only what is new',
        async () => {
          for (const img of withDeps) {
            const change = img.depsChange!;
            const step = img.depsStep!;
            change.apply(path.join(originalDir, img.context));
            change.apply(path.join(rewrittenDir, img.context));
            const original = await build(img, 'original', 'deps');
            const rewritten = await build(img, 'rewritten', 'deps');
            expect(await runImage(original.tag)).toBe(`${nonce}\n${img.output}`);
            expect(await runImage(rewritten.tag)).toBe(`${nonce}\n${img.output}`);
            const coldWork = measure(step, cold.get(img.name)!.original).fetched;
            const expectedOriginal =
              change.original === 'cold+new' ? [...coldWork, ...change.added].sort() : change.original;
            const o = measure(step, original);
            const w = measure(step, rewritten);
            expect([o.cached, w.cached]).toEqual([false, false]);
            expect(o.fetched).toEqual(expectedOriginal);
            expect(w.fetched).toEqual(change.rewritten);
            change.check?.(original, rewritten);
            rep(img).depsChange = {
              original: o,
              rewritten: w,
              originalSeconds: original.durationMs / 1000,
              rewrittenSeconds: rewritten.durationMs / 1000,
            };
          }
        },
      );
    });
  }
});
