/**
 * `npm run bench`: how fast `cachify --check` goes through a large monorepo, end to end in
 * one process (start-up, discovery, every file, the report), against the floor of a bare
 * dockerfile-ast parse of the same files (bench/floor.ts). Prints a table and rewrites the
 * throughput section of docs/benchmarks.md.
 *
 *   node dist/bench/throughput.js [--files 3000,10000] [--seed 1] [--runs 3]
 *                                 [--max-load L] [--no-docs] [--keep]
 *
 * --max-load waits (up to 10 minutes per run) for the 1-minute load average to fall
 * below L before each timed run: the machine may be shared. The load average is recorded
 * next to the figures either way.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { poolSize } from '../src/pool';
import { generate, type Corpus } from './generate';

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'src', 'cli.js');
const FLOOR = path.join(__dirname, 'floor.js');
const PRELOAD = path.join(__dirname, 'rss.js');
const DOC = path.join(ROOT, 'docs', 'benchmarks.md');
const START = '<!-- throughput:start -->';
const END = '<!-- throughput:end -->';

export const TARGETS = { filesPerSecond: 1000, floorRatio: 3, rssMb: 300, rssAtFiles: 10000 };

interface Args {
  files: number[];
  seed: number;
  runs: number;
  maxLoad: number | null;
  docs: boolean;
  keep: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { files: [3000, 10000], seed: 1, runs: 3, maxLoad: null, docs: true, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const v = () => {
      const x = argv[++i];
      if (x === undefined) throw new Error(`${argv[i - 1]} needs a value`);
      return x;
    };
    switch (argv[i]) {
      case '--files':
        a.files = v().split(',').map(Number);
        break;
      case '--seed':
        a.seed = Number(v());
        break;
      case '--runs':
        a.runs = Number(v());
        break;
      case '--max-load':
        a.maxLoad = Number(v());
        break;
      case '--no-docs':
        a.docs = false;
        break;
      case '--keep':
        a.keep = true;
        break;
      default:
        throw new Error(`unknown option ${argv[i]}`);
    }
  }
  if (a.files.some((n) => !Number.isInteger(n) || n < 1) || !(a.runs >= 1))
    throw new Error('bad --files/--runs');
  return a;
}

/** One timed run of a command. */
interface Sample {
  wallS: number;
  cpuS: number;
  rssMb: number;
  load: number;
  /** CPU the rest of the machine used meanwhile, in cores (all CPUs' busy time less the run's own). */
  others: number;
  code: number;
  stdout: string;
  stderr: string;
}

/** Busy time of all CPUs since boot, in seconds (what the machine did, whoever did it). */
function busySeconds(): number {
  return (
    os.cpus().reduce((sum, c) => sum + c.times.user + c.times.nice + c.times.sys + c.times.irq, 0) / 1000
  );
}

async function waitForLoad(max: number | null): Promise<void> {
  if (max === null) return;
  const until = Date.now() + 10 * 60_000;
  while (os.loadavg()[0] >= max && Date.now() < until) await new Promise((r) => setTimeout(r, 5000));
}

/** Runs `node <args>` once with the usage preload; output goes to files, read afterwards. */
async function measure(args: string[], cwd: string, tmp: string, maxLoad: number | null): Promise<Sample> {
  await waitForLoad(maxLoad);
  const usage = path.join(tmp, 'usage.json');
  const [out, err] = ['stdout', 'stderr'].map((s) => path.join(tmp, s));
  const fds = [fs.openSync(out, 'w'), fs.openSync(err, 'w')];
  fs.rmSync(usage, { force: true });
  const load = os.loadavg()[0];
  const busy0 = busySeconds();
  const t0 = process.hrtime.bigint();
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(process.execPath, ['--require', PRELOAD, ...args], {
      cwd,
      stdio: ['ignore', fds[0], fds[1]],
      env: { ...process.env, NO_COLOR: '1', CACHIFY_BENCH_USAGE: usage },
    });
    child.on('error', reject);
    child.on('exit', (c) => resolve(c ?? -1));
  });
  const wallS = Number(process.hrtime.bigint() - t0) / 1e9;
  const busy = busySeconds() - busy0;
  fds.forEach((fd) => fs.closeSync(fd));
  const u = JSON.parse(fs.readFileSync(usage, 'utf8')) as { maxRssKb: number; cpuMs: number };
  return {
    wallS,
    cpuS: u.cpuMs / 1000,
    rssMb: u.maxRssKb / 1024,
    load: Math.max(load, os.loadavg()[0]),
    others: Math.max(0, busy - u.cpuMs / 1000) / wallS,
    code,
    stdout: fs.readFileSync(out, 'utf8'),
    stderr: fs.readFileSync(err, 'utf8'),
  };
}

interface Row {
  files: number;
  what: string;
  wallS: number;
  filesPerS: number;
  cpuS: number;
  rssMb: number;
  ratio: number;
  load: number;
  others: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

/** What the report says that points at a problem in the tool (not in the files). */
function anomalies(report: string): Record<string, number> {
  const count = (re: RegExp) => (report.match(re) ?? []).length;
  return {
    'internal errors': count(/internal error/g),
    'changes dropped by the verify step': count(/changes dropped for this file/g),
    'fixes skipped as conflicting': count(/skipped \((conflicts with another change|internal conflict)\)/g),
  };
}

interface Measured {
  corpus: Corpus;
  rows: Row[];
  summary: string;
  anomalies: Record<string, number>;
  identical: boolean;
}

async function benchmark(n: number, a: Args): Promise<Measured> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `cachify-bench-${n}-`));
  const dir = path.join(tmp, 'repo');
  const corpus = generate(dir, { count: n, seed: a.seed });
  const runs: Record<string, { args: string[]; samples: Sample[] }> = {
    floor: { args: [FLOOR, dir], samples: [] },
    'cachify --check': { args: [CLI, '--check', dir], samples: [] },
    'cachify --check --jobs 1': { args: [CLI, '--check', '--jobs', '1', dir], samples: [] },
  };
  // interleaved, so a burst of load elsewhere hits every kind of run alike
  for (let r = 0; r < a.runs; r++) {
    for (const [what, run] of Object.entries(runs)) {
      const s = await measure(run.args, tmp, tmp, a.maxLoad);
      run.samples.push(s);
      process.stderr.write(
        `  ${n} files, ${what}: ${s.wallS.toFixed(2)} s, ${s.rssMb.toFixed(0)} MB, load ${s.load.toFixed(2)}\n`,
      );
    }
  }
  const floorCount = Number(runs.floor.samples[0].stdout.trim());
  const check = runs['cachify --check'].samples;
  const single = runs['cachify --check --jobs 1'].samples;
  const summary = check[0].stderr.trim().split('\n').pop() ?? '';
  if (floorCount !== n || !summary.startsWith(`${n} files:`))
    throw new Error(`expected ${n} files, the floor parsed ${floorCount}, cachify said: ${summary}`);
  if (check.some((s) => s.code !== 2) || single.some((s) => s.code !== 2))
    throw new Error('cachify --check should exit 2 (the corpus has files that do not parse)');
  const identical = [...check, ...single].every((s) => s.stderr === check[0].stderr && s.stdout === '');
  const floorWall = median(runs.floor.samples.map((s) => s.wallS));
  const rows = Object.entries(runs).map(([what, run]): Row => {
    const wallS = median(run.samples.map((s) => s.wallS));
    return {
      files: n,
      what,
      wallS,
      filesPerS: n / wallS,
      cpuS: median(run.samples.map((s) => s.cpuS)),
      rssMb: Math.max(...run.samples.map((s) => s.rssMb)),
      ratio: wallS / floorWall,
      load: Math.max(...run.samples.map((s) => s.load)),
      others: Math.max(...run.samples.map((s) => s.others)),
    };
  });
  if (!a.keep) fs.rmSync(tmp, { recursive: true, force: true });
  return { corpus, rows, summary, anomalies: anomalies(check[0].stderr), identical };
}

function table(rows: Row[]): string {
  const head =
    '| files | run | wall (s) | files/s | CPU (s) | peak RSS (MB) | × floor | load avg (1 min) | other work (cores) |';
  const sep = '|---:|---|---:|---:|---:|---:|---:|---:|---:|';
  const lines = rows.map(
    (r) =>
      `| ${r.files.toLocaleString('en-US')} | ${r.what === 'floor' ? 'floor: dockerfile-ast parse' : `\`${r.what}\``} | ${r.wallS.toFixed(2)} | ${Math.round(r.filesPerS).toLocaleString('en-US')} | ${r.cpuS.toFixed(1)} | ${Math.round(r.rssMb)} | ${r.what === 'floor' ? '1' : r.ratio.toFixed(2)} | ${r.load.toFixed(2)} | ${r.others.toFixed(2)} |`,
  );
  return [head, sep, ...lines].join('\n');
}

function verdicts(all: Measured[]): string[] {
  const out: string[] = [];
  for (const m of all) {
    const main = m.rows.find((r) => r.what === 'cachify --check')!;
    const n = main.files.toLocaleString('en-US');
    const ok = (b: boolean) => (b ? 'met' : '**not met**');
    out.push(
      `- ${n} files: ≥ ${TARGETS.filesPerSecond.toLocaleString('en-US')} files/s end to end — ${ok(main.filesPerS >= TARGETS.filesPerSecond)} (${Math.round(main.filesPerS)}); within ${TARGETS.floorRatio}× the floor — ${ok(main.ratio <= TARGETS.floorRatio)} (${main.ratio.toFixed(2)}×)` +
        (main.files >= TARGETS.rssAtFiles
          ? `; peak RSS < ${TARGETS.rssMb} MB — ${ok(main.rssMb < TARGETS.rssMb)} (${Math.round(main.rssMb)} MB)`
          : ''),
    );
  }
  return out;
}

/** What the CLI does by default with `n` files on this machine. */
function workers(n: number): string {
  const k = poolSize(undefined, n);
  return k > 1 ? `${k} worker threads` : 'no worker threads';
}

function section(all: Measured[], a: Args): string {
  const mem = (os.totalmem() / 2 ** 30).toFixed(0);
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const kinds = Object.keys(all[0].corpus.kinds).length;
  const lines = [
    START,
    `Command: \`npm run bench\` (\`node dist/bench/throughput.js --files ${a.files.join(',')} --seed ${a.seed} --runs ${a.runs}\`), ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
    `Machine: ${os.availableParallelism()} CPUs (${cpu}), ${mem} GiB memory, Node.js ${process.version}, ${os.platform()} ${os.release()}.`,
    '',
    `Corpus: \`bench/generate.ts\`, seed ${a.seed}: a monorepo of service folders with manifests, lock files, compose files and \`.dockerignore\`s; ${kinds} kinds of project covering every package manager; 5–150 lines per Dockerfile; heredocs, continuations with comments, CRLF, BOM, lowercase keywords, already-cachified files, and ${all.map((m) => m.corpus.broken).join(' / ')} files that do not parse. The files are in the page cache (just written).`,
    '',
    `Each figure is the median wall time of ${a.runs} runs, interleaved, of one process from start to exit (its peak RSS covers all its threads; CPU is user + system of all threads). \`cachify --check\` uses its default: ${a.files.map((n) => `${workers(n)} for ${n.toLocaleString('en-US')} files`).join(', ')} on this machine; the floor reads and parses the same files with \`DockerfileParser.parse\` in one thread and does nothing else. The load average is the highest seen at the start or end of a run; it counts the benchmark's own runs too (a run with workers keeps two threads busy, and the 1-minute average lags), so *other work* gives what the rest of the machine used during the run: the busy time of all CPUs less the run's own CPU, per second of the run (at most, over the runs).`,
    '',
    table(all.flatMap((m) => m.rows)),
    '',
    'Targets (for `cachify --check`, default jobs):',
    '',
    ...verdicts(all),
    '',
    `The report was the same with and without workers: ${all.every((m) => m.identical) ? 'yes' : '**no**'}. Its summary: ${all.map((m) => `\`${m.summary}\``).join('; ')}. ` +
      `In it, pointing at the tool rather than the files: ${Object.entries(all[all.length - 1].anomalies)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ')} (${all[all.length - 1].corpus.dockerfiles.toLocaleString('en-US')} files).`,
    END,
  ];
  return lines.join('\n');
}

function writeDocs(text: string): void {
  const doc = fs.readFileSync(DOC, 'utf8');
  const s = doc.indexOf(START);
  const e = doc.indexOf(END);
  if (s < 0 || e < s) throw new Error(`${DOC}: markers ${START} / ${END} not found`);
  fs.writeFileSync(DOC, doc.slice(0, s) + text + doc.slice(e + END.length));
}

async function main(): Promise<void> {
  const a = parseArgs(process.argv.slice(2));
  for (const f of [CLI, FLOOR, PRELOAD])
    if (!fs.existsSync(f)) throw new Error(`${f} missing: npm run build`);
  const all: Measured[] = [];
  for (const n of a.files) {
    process.stderr.write(`${n} files (seed ${a.seed})...\n`);
    all.push(await benchmark(n, a));
  }
  const text = section(all, a);
  process.stdout.write(text.split('\n').slice(1, -1).join('\n') + '\n');
  if (a.docs) {
    writeDocs(text);
    process.stdout.write(`\n${path.relative(process.cwd(), DOC)} updated\n`);
  }
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`bench: ${(e as Error).message}\n`);
    process.exitCode = 1;
  });
}
