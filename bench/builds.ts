/**
 * Rebuild benchmark: every image of the e2e suite (test/e2e/projects.ts), original Dockerfile vs the one
 * `cachify --write --no-syntax` writes, built on the real BuildKit behind DOCKER_HOST: cold, after a
 * code-only change, after a dependency change; on the link as it is and throttled with tc. Prints the tables
 * and rewrites the builds section of docs/benchmarks.md.
 *
 *   npm run bench:builds [-- --runs 3 --throttled-runs 2 --projects node-npm,c-apt --rate 40mbit
 *                            --no-throttle --dev cbk0 --logs DIR --json FILE --no-docs]
 *   npm run bench:builds -- --from-json FILE   # the doc again from an earlier run's figures, no builds
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseArgs } from 'util';
import {
  BuildResult,
  REPO_ROOT,
  buildWork,
  dockerStatus,
  dockerUnavailableMessage,
  dockerfileSteps,
} from '../test/e2e/harness';
import {
  ImageSpec,
  ProjectRun,
  ProjectSpec,
  VARIANTS,
  Variant,
  imagesWithDepsChange,
  selectProjects,
  stepStateMismatches,
} from '../test/e2e/projects';
import { LinkResult, Meta, Row, Sample, Scenario, linkSection, renderMarkdown } from './builds-report';
import { isInterrupted, onInterrupt } from './interrupt';
import { replaceSection } from './markdown-section';
import { Throttle, ThrottleSpec, tcAddArgs } from './throttle';

const USAGE = `npm run bench:builds [-- options]
  --runs N            runs per image on the fast link (default 3); wall times are medians
  --throttled-runs N  runs on the throttled link (default 2)
  --projects a,b      only these projects (default: all the e2e suite builds)
  --rate R            tc rate of the throttled link (default 40mbit)
  --dev D             the builder's bridge (default cbk0)
  --no-throttle       skip the throttled link
  --logs DIR          keep every build log under DIR
  --json FILE         write every measurement (all runs) as JSON
  --from-json FILE    build nothing: render the tables and the doc again from an earlier run's --json
  --no-docs           do not rewrite docs/benchmarks.md`;

interface Options {
  runs: number;
  throttledRuns: number;
  projects: ProjectSpec[];
  throttle?: ThrottleSpec;
  logs?: string;
  docs: boolean;
  json?: string;
  fromJson?: string;
  /** The options that change the figures, as given (not --logs, --json, --no-docs): for the doc. */
  figureArgs: string[];
}

function positiveInt(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name}: expected a whole number >= 1, got ${value}`);
  return n;
}

const OPTIONS = {
  runs: { type: 'string', default: '3' },
  'throttled-runs': { type: 'string', default: '2' },
  projects: { type: 'string', default: '' },
  rate: { type: 'string', default: '40mbit' },
  dev: { type: 'string', default: 'cbk0' },
  'no-throttle': { type: 'boolean', default: false },
  logs: { type: 'string' },
  json: { type: 'string' },
  'from-json': { type: 'string' },
  'no-docs': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** Options that change where the results go, not the results. */
const OUTPUT_OPTIONS = ['logs', 'json', 'from-json', 'no-docs', 'help'];

function parseOptions(argv: string[]): Options {
  const { values, tokens } = parseArgs({ args: argv, options: OPTIONS, tokens: true });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  return {
    runs: positiveInt('runs', values.runs),
    throttledRuns: positiveInt('throttled-runs', values['throttled-runs']),
    projects: selectProjects(values.projects.split(',').filter(Boolean), '--projects'),
    throttle: values['no-throttle'] ? undefined : { dev: values.dev, rate: values.rate },
    logs: values.logs === undefined ? undefined : path.resolve(values.logs),
    json: values.json === undefined ? undefined : path.resolve(values.json),
    fromJson: values['from-json'] === undefined ? undefined : path.resolve(values['from-json']),
    docs: !values['no-docs'],
    figureArgs: tokens.flatMap((t) =>
      t.kind === 'option' && !OUTPUT_OPTIONS.includes(t.name)
        ? [t.value === undefined ? `--${t.name}` : `--${t.name} ${t.value}`]
        : [],
    ),
  };
}

// ---------------------------------------------------------------------------------------------
// Measuring

function sample(r: BuildResult): Sample {
  const steps = dockerfileSteps(r.steps).filter((s) => !/^FROM /i.test(s.instruction ?? ''));
  return {
    seconds: r.durationMs / 1000,
    ran: steps.filter((s) => !s.cached).length,
    steps: steps.length,
    work: buildWork(r.steps),
  };
}

/** The rows of a link, in table order: per project and image, cold, code-only change, dependency change. */
function emptyRows(projects: ProjectSpec[]): Row[] {
  const rows: Row[] = [];
  for (const p of projects)
    for (const img of p.images) {
      const scenarios: Scenario[] = imagesWithDepsChange(p).includes(img)
        ? ['cold', 'code', 'deps']
        : ['cold', 'code'];
      for (const scenario of scenarios)
        rows.push({ image: imageName(p, img), scenario, samples: { original: [], rewritten: [] } });
    }
  return rows;
}

const imageName = (p: ProjectSpec, img: ImageSpec): string =>
  p.images.length === 1 ? p.name : `${p.name}/${img.name}`;

/**
 * One run of one project: cold builds of every image, then the code-only change, then the dependency
 * changes, each built in both variants (in `order`). Returns what did not behave as the e2e suite expects.
 */
async function benchProject(
  project: ProjectSpec,
  order: readonly Variant[],
  rows: Row[],
  logDir: string | undefined,
  where: string,
): Promise<string[]> {
  const problems: string[] = [];
  const check = (img: ImageSpec, scenario: Scenario, f: () => string[] | void): void => {
    try {
      for (const p of f() ?? []) problems.push(`${where}, ${imageName(project, img)}, ${scenario}: ${p}`);
    } catch (e) {
      problems.push(
        `${where}, ${imageName(project, img)}, ${scenario}: ${(e as Error).message.split('\n')[0]}`,
      );
    }
  };
  const run = new ProjectRun(project, logDir, `bench-${project.name}`);
  const offInterrupt = onInterrupt(() => run.dispose());
  const both = async (img: ImageSpec, scenario: Scenario): Promise<Record<Variant, BuildResult>> => {
    const row = rows.find((r) => r.image === imageName(project, img) && r.scenario === scenario);
    if (!row) throw new Error(`no row for ${imageName(project, img)} ${scenario}`);
    const results = {} as Record<Variant, BuildResult>;
    for (const v of order) {
      results[v] = await run.build(img, v, scenario);
      row.samples[v].push(sample(results[v]));
      process.stderr.write(
        `  ${imageName(project, img)} ${scenario} ${v}: ${(results[v].durationMs / 1000).toFixed(1)} s\n`,
      );
    }
    return results;
  };
  try {
    await run.prepare();
    for (const img of project.images) {
      const r = await both(img, 'cold');
      check(img, 'cold', () => img.checkCold?.(r.original, r.rewritten));
    }
    for (const img of project.images) {
      run.applyCodeChange(img);
      const r = await both(img, 'code');
      for (const v of VARIANTS) check(img, 'code', () => stepStateMismatches(r[v], img.afterCodeChange[v]));
      check(img, 'code', () => img.checkCodeChange?.(r.original, r.rewritten));
    }
    for (const img of imagesWithDepsChange(project)) {
      run.applyDepsChange(img);
      const r = await both(img, 'deps');
      check(img, 'deps', () => img.depsChange?.check?.(r.original, r.rewritten));
    }
  } finally {
    offInterrupt();
    await run.dispose();
  }
  return problems;
}

async function benchLink(
  opts: Options,
  title: string,
  runs: number,
  logName: string,
  problems: string[],
): Promise<Omit<LinkResult, 'title' | 'rate' | 'tc'>> {
  const started = Date.now();
  const rows = emptyRows(opts.projects);
  for (let i = 0; i < runs; i++) {
    // alternate which variant builds first: the second download of a file may meet a warmer mirror
    const order: Variant[] = i % 2 === 0 ? ['original', 'rewritten'] : ['rewritten', 'original'];
    for (const project of opts.projects) {
      const where = `${title}, run ${i + 1}/${runs}`;
      process.stderr.write(`${where}: ${project.name}\n`);
      const logDir = opts.logs && path.join(opts.logs, `${logName}-run${i + 1}`);
      problems.push(...(await benchProject(project, order, rows, logDir, where)));
    }
  }
  return { runs, rows, seconds: (Date.now() - started) / 1000 };
}

// ---------------------------------------------------------------------------------------------
// Where it ran

function commandOutput(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 30_000 });
  return r.status === 0 ? r.stdout.trim() : '';
}

function machine(): string {
  const cpus = os.cpus();
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  return (
    `${cpus.length} CPUs (${cpus[0]?.model.trim() ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB ` +
    `memory, Linux ${os.release()}, load average ${load} at the end (a shared machine)`
  );
}

function versions(): string {
  const server = commandOutput('docker', [
    'version',
    '--format',
    '{{.Server.Version}} (API {{.Server.APIVersion}})',
  ]);
  const buildx = commandOutput('docker', ['buildx', 'version']);
  const inspect = commandOutput('docker', ['buildx', 'inspect']);
  const buildkit = /BuildKit version:\s*(\S+)/.exec(inspect)?.[1];
  const driver = /Driver:\s*(\S+)/.exec(inspect)?.[1];
  const bk =
    buildkit === undefined
      ? 'BuildKit version not reported'
      : /^v?0\.0\.0/.test(buildkit)
        ? `BuildKit version not reported by this daemon build (\`docker buildx inspect\`: ${buildkit})`
        : `BuildKit ${buildkit}`;
  return (
    `Docker Engine ${server || 'unknown'}, ${buildx || 'buildx unknown'}, builder driver ${driver ?? 'unknown'}, ` +
    `${bk}; Node ${process.version}`
  );
}

// ---------------------------------------------------------------------------------------------

/** Prints the summary and writes the JSON and the doc section. */
function report(opts: Options, meta: Meta, links: LinkResult[]): void {
  const markdown = renderMarkdown(meta, links);
  console.log(markdown.slice(markdown.indexOf('### What the figures say')));
  if (opts.json) {
    fs.writeFileSync(opts.json, JSON.stringify({ meta, links }, null, 2) + '\n');
    console.error(`wrote ${opts.json}`);
  }
  if (opts.docs) {
    const doc = path.join(REPO_ROOT, 'docs/benchmarks.md');
    replaceSection(doc, 'builds', markdown);
    console.error(`wrote ${path.relative(process.cwd(), doc)} (section builds)`);
  }
}

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  if (opts.fromJson) {
    // the figures of an earlier run (its --json), rendered again: no builds
    const saved = JSON.parse(fs.readFileSync(opts.fromJson, 'utf8')) as { meta: Meta; links: LinkResult[] };
    for (const link of saved.links) console.log(linkSection(link).join('\n'));
    report({ ...opts, json: undefined }, { ...saved.meta, date: new Date(saved.meta.date) }, saved.links);
    return;
  }
  const status = dockerStatus();
  if (!status.available) throw new Error(dockerUnavailableMessage(status));
  const started = Date.now();
  const problems: string[] = [];
  const links: LinkResult[] = [];
  const show = (link: LinkResult): void => {
    links.push(link);
    console.log(linkSection(link).join('\n'));
  };

  show({ title: 'Fast link (no throttle)', ...(await benchLink(opts, 'fast', opts.runs, 'fast', problems)) });

  if (opts.throttle) {
    const spec = opts.throttle;
    const title = `Throttled link (${spec.rate})`;
    const tc = `tc ${tcAddArgs(spec).join(' ')}`;
    const throttle = Throttle.apply(spec);
    if (typeof throttle === 'string') {
      console.error(`throttle: ${throttle}`);
      show({ title, rate: spec.rate, runs: 0, rows: [], seconds: 0, skipped: `\`${tc}\`: ${throttle}` });
    } else {
      try {
        const result = await benchLink(
          opts,
          `throttled ${spec.rate}`,
          opts.throttledRuns,
          'throttled',
          problems,
        );
        show({ title, rate: spec.rate, tc, ...result });
      } finally {
        throttle.remove();
      }
    }
  }

  const args = opts.figureArgs.length > 0 ? ` -- ${opts.figureArgs.join(' ')}` : '';
  const meta: Meta = {
    date: new Date(started),
    command: `npm run bench:builds${args}`,
    machine: machine(),
    versions: versions(),
    totalSeconds: (Date.now() - started) / 1000,
    problems,
  };
  report(opts, meta, links);
}

main().catch((e: unknown) => {
  if (isInterrupted()) return; // a build failed because the clean-up removed its context: the clean-up exits
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
