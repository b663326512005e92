/**
 * Real builds of the example projects (projects.ts), original Dockerfile vs cachified Dockerfile, on a real
 * BuildKit.
 *
 * Per project: (1) cold builds of both, same image output; (2) a code-only change: which steps come from
 * the layer cache; (3) a dependency change: what the package manager downloads.
 *
 * Each variant (original, cachified) of each project is built on a virtual builder of its own (ProjectRun in
 * projects.ts, FreshBuilds in harness.ts): its first build is cold whatever ran on this builder before.
 *
 * Env: CACHIFY_E2E=skip (skip when no daemon), CACHIFY_E2E_PROJECTS=node-npm,c-apt (subset),
 *      CACHIFY_E2E_REPORT=file.json (write the measurements), CACHIFY_E2E_LOGS=dir (where every build log
 *      is kept; default: a new folder under the temporary folder, named in failed assertions).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  BuildResult,
  aptDownloads,
  aptIndexFetches,
  cacheMountSpecs,
  describeSteps,
  findStep,
  npmFetches,
  npmTarballDownloads,
  pipBuiltWheels,
  pipCachedWheels,
  pipProcessed,
  runImage,
} from './harness';
import { describeWithDocker } from './jest-docker';
import {
  ImageSpec,
  Kind,
  ProjectRun,
  imagesWithDepsChange,
  selectProjects,
  stepStateMismatches,
} from './projects';

jest.setTimeout(20 * 60_000);

const LOGS = process.env.CACHIFY_E2E_LOGS || fs.mkdtempSync(path.join(os.tmpdir(), 'cachify-e2e-logs-'));

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

const projects = selectProjects(
  (process.env.CACHIFY_E2E_PROJECTS ?? '').split(',').filter(Boolean),
  'CACHIFY_E2E_PROJECTS',
);

const report: Record<string, unknown> = {};
afterAll(() => {
  if (process.env.CACHIFY_E2E_REPORT) {
    fs.writeFileSync(process.env.CACHIFY_E2E_REPORT, JSON.stringify(report, null, 2) + '\n');
  }
});

describeWithDocker('original vs cachified builds', () => {
  for (const project of projects) {
    describe(project.name, () => {
      // every build's log is kept, for a failed assertion to point at (see LOGS)
      const projectRun = new ProjectRun(project, LOGS);
      const { nonce } = projectRun;
      const build = projectRun.build.bind(projectRun);
      const cold = new Map<string, { original: BuildResult; rewritten: BuildResult }>();
      const rep = (img: ImageSpec): Record<string, unknown> =>
        (report[`${project.name}/${img.name}`] ??= {}) as Record<string, unknown>;

      beforeAll(() => projectRun.prepare());
      afterAll(() => projectRun.dispose());

      test('the cachified Dockerfiles are exactly the reviewed ones and carry the expected cache mounts', () => {
        for (const img of project.images) {
          const text = projectRun.dockerfileText(img, 'rewritten');
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
            // the logs' paths show in a failure's diff
            expect({ logs: [original.logFile, rewritten.logFile], fetched: w.fetched }).toEqual({
              logs: [original.logFile, rewritten.logFile],
              fetched: o.fetched,
            });
            Object.assign(r.cold as object, { original: o, rewritten: w });
          }
          img.checkCold?.(original, rewritten);
        }
      });

      test('code-only change: the cachified build reuses the dependency layers', async () => {
        for (const img of project.images) {
          projectRun.applyCodeChange(img);
          const original = await build(img, 'original', 'code');
          const rewritten = await build(img, 'rewritten', 'code');
          expect(await runImage(original.tag)).toBe(`${nonce}\n${img.output}`);
          expect(await runImage(rewritten.tag)).toBe(`${nonce}\n${img.output}`);
          expect(stepStateMismatches(original, img.afterCodeChange.original)).toEqual([]);
          expect(stepStateMismatches(rewritten, img.afterCodeChange.rewritten)).toEqual([]);
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
            // the logs' paths show in a failure's diff
            expect({ log: original.logFile, fetched: o.fetched }).toEqual({
              log: original.logFile,
              fetched: o.cached ? [] : coldWork,
            });
            expect({ log: rewritten.logFile, fetched: w.fetched }).toEqual({
              log: rewritten.logFile,
              fetched: w.cached ? [] : coldWork,
            });
            Object.assign(r.codeChange as object, { originalDeps: o, rewrittenDeps: w });
          }
          img.checkCodeChange?.(original, rewritten);
        }
      });

      const withDeps = imagesWithDepsChange(project);
      (withDeps.length > 0 ? test : test.skip)(
        'dependency change: the cachified build fetches only what is new',
        async () => {
          for (const img of withDeps) {
            const change = img.depsChange!;
            const step = img.depsStep!;
            projectRun.applyDepsChange(img);
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
            // the logs' paths show in a failure's diff
            expect({ log: original.logFile, fetched: o.fetched }).toEqual({
              log: original.logFile,
              fetched: expectedOriginal,
            });
            expect({ log: rewritten.logFile, fetched: w.fetched }).toEqual({
              log: rewritten.logFile,
              fetched: change.rewritten,
            });
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
