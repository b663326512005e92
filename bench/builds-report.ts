/**
 * Figures and Markdown of the rebuild benchmark (builds.ts): medians over runs, one table per link speed,
 * totals, and an interpretation computed from the figures.
 */
import type { BuildWork } from '../test/e2e/harness';
import type { Variant } from '../test/e2e/projects';

export type Scenario = 'cold' | 'code' | 'deps';

export const SCENARIO_LABEL: Record<Scenario, string> = {
  cold: 'cold build',
  code: 'code-only change',
  deps: 'dependency change',
};

/** One build. */
export interface Sample {
  /** Wall time of `docker build`. */
  seconds: number;
  /** Dockerfile steps (FROM excluded) that ran, and all of them. */
  ran: number;
  steps: number;
  work: BuildWork;
}

/** One image and scenario: the samples of each variant, one per run. */
export interface Row {
  image: string;
  scenario: Scenario;
  samples: Record<Variant, Sample[]>;
}

export interface LinkResult {
  /** e.g. `fast link (no throttle)`. */
  title: string;
  /** tc rate when throttled. */
  rate?: string;
  /** The tc command that throttled the link. */
  tc?: string;
  runs: number;
  rows: Row[];
  /** Why this link was not measured (tc failed). */
  skipped?: string;
  seconds: number;
}

export interface Meta {
  date: Date;
  command: string;
  machine: string;
  versions: string;
  totalSeconds: number;
  /** Checks of the builds that failed (steps cached/ran as the e2e suite expects, the project's own checks). */
  problems: string[];
}

// ---------------------------------------------------------------------------------------------
// Figures

export function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const range = (xs: number[]): [number, number] => [Math.min(...xs), Math.max(...xs)];

/** `5.6` for one run, `5.6 (5.1–6.3)` for several: the median and the range. */
export function fmtSeconds(xs: number[]): string {
  const m = median(xs).toFixed(1);
  if (xs.length < 2) return m;
  const [lo, hi] = range(xs);
  return `${m} (${lo.toFixed(1)}–${hi.toFixed(1)})`;
}

/** A count that should not vary between runs: `42`, or `42–43` when it did. */
export function fmtCount(xs: number[]): string {
  const [lo, hi] = range(xs);
  return lo === hi ? String(lo) : `${lo}–${hi}`;
}

/** apt's units (SI): `241 kB`, `54.0 MB`; `0` for nothing. */
export function fmtBytes(bytes: number): string {
  if (bytes === 0) return '0';
  if (bytes < 1e6) return `${Math.round(bytes / 1e3)} kB`;
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** `-89%`, and whether the two variants' ranges overlap (the difference is within run-to-run noise). */
export function change(original: number[], rewritten: number[]): { pct: string; noise: boolean } {
  const o = median(original);
  const pct = Math.round(((median(rewritten) - o) / o) * 100);
  const [olo, ohi] = range(original);
  const [rlo, rhi] = range(rewritten);
  const noise = original.length > 1 && rewritten.length > 1 && olo <= rhi && rlo <= ohi;
  return { pct: `${pct > 0 ? '+' : pct < 0 ? '−' : '±'}${Math.abs(pct)}%`, noise };
}

/** `1 deb`, `42 debs`, `1–2 debs`, `6 apt indexes`. */
const counted = (xs: number[], noun: string): string =>
  `${fmtCount(xs)} ${noun}${Math.max(...xs) === 1 ? '' : noun.endsWith('x') ? 'es' : 's'}`;

const pick = (samples: Sample[], f: (s: Sample) => number): number[] => samples.map(f);

const wallChange = (r: Row): { pct: string; noise: boolean } =>
  change(
    pick(r.samples.original, (s) => s.seconds),
    pick(r.samples.rewritten, (s) => s.seconds),
  );

/** What one variant downloaded (medians; counts as ranges when they varied), `none` when nothing. */
export function workCell(samples: Sample[]): string {
  const parts: string[] = [];
  const w = (f: (w: BuildWork) => number): number[] => pick(samples, (s) => f(s.work));
  const debs = w((x) => x.aptPackages);
  if (Math.max(...debs) > 0)
    parts.push(`${counted(debs, 'deb')} (${fmtBytes(median(w((x) => x.aptPackageBytes)))})`);
  const lists = w((x) => x.aptIndexFiles);
  if (Math.max(...lists) > 0)
    parts.push(`${counted(lists, 'apt index')} (${fmtBytes(median(w((x) => x.aptIndexBytes)))})`);
  const tgz = w((x) => x.npmTarballs);
  if (Math.max(...tgz) > 0) parts.push(counted(tgz, 'npm tarball'));
  const wheels = w((x) => x.pipWheelsBuilt);
  if (Math.max(...wheels) > 0) parts.push(`${counted(wheels, 'wheel')} built`);
  return parts.length > 0 ? parts.join(' + ') : 'none';
}

const stepsCell = (samples: Sample[]): string =>
  `${fmtCount(pick(samples, (s) => s.ran))}/${fmtCount(pick(samples, (s) => s.steps))}`;

// ---------------------------------------------------------------------------------------------
// Totals: per scenario, the sum over images of each image's median

export interface Totals {
  scenario: Scenario;
  images: number;
  seconds: Record<Variant, number>;
  ran: Record<Variant, number>;
  steps: Record<Variant, number>;
  aptBytes: Record<Variant, number>;
  debs: Record<Variant, number>;
  npmTarballs: Record<Variant, number>;
  wheelsBuilt: Record<Variant, number>;
}

export function totals(rows: Row[]): Totals[] {
  const out: Totals[] = [];
  for (const scenario of ['cold', 'code', 'deps'] as const) {
    const these = rows.filter((r) => r.scenario === scenario);
    if (these.length === 0) continue;
    const sum = (v: Variant, f: (s: Sample) => number): number =>
      these.reduce((acc, r) => acc + median(pick(r.samples[v], f)), 0);
    const both = (f: (s: Sample) => number): Record<Variant, number> => ({
      original: sum('original', f),
      rewritten: sum('rewritten', f),
    });
    out.push({
      scenario,
      images: these.length,
      seconds: both((s) => s.seconds),
      ran: both((s) => s.ran),
      steps: both((s) => s.steps),
      aptBytes: both((s) => s.work.aptPackageBytes + s.work.aptIndexBytes),
      debs: both((s) => s.work.aptPackages),
      npmTarballs: both((s) => s.work.npmTarballs),
      wheelsBuilt: both((s) => s.work.pipWheelsBuilt),
    });
  }
  return out;
}

/** Whether any count (steps run, debs, apt indexes, npm tarballs, wheels built) differed between runs. */
export function countsVary(row: Row): boolean {
  const counts = (x: Sample): number[] => [
    x.ran,
    x.work.aptPackages,
    x.work.aptIndexFiles,
    x.work.npmTarballs,
    x.work.pipWheelsBuilt,
  ];
  return (['original', 'rewritten'] as const).some((v) => {
    const [first, ...rest] = row.samples[v].map((x) => counts(x).join(','));
    return rest.some((c) => c !== first);
  });
}

/** The lowest and highest download rates apt reported in the builds of a link (bytes/s); undefined if none. */
export function aptRateRange(link: LinkResult): [number, number] | undefined {
  const rates = link.rows.flatMap((r) =>
    (['original', 'rewritten'] as const).flatMap((v) => r.samples[v].flatMap((s) => s.work.aptRates)),
  );
  return rates.length === 0 ? undefined : range(rates);
}

// ---------------------------------------------------------------------------------------------
// Markdown

function imagesTable(link: LinkResult): string[] {
  const lines = [
    '| image | build | original s | cachified s | wall | steps run: original | cachified | downloaded: original | cachified |',
    '|---|---|--:|--:|--:|--:|--:|---|---|',
  ];
  for (const r of link.rows) {
    const o = r.samples.original;
    const w = r.samples.rewritten;
    const c = wallChange(r);
    lines.push(
      `| ${r.image} | ${SCENARIO_LABEL[r.scenario]} | ${fmtSeconds(pick(o, (s) => s.seconds))} | ` +
        `${fmtSeconds(pick(w, (s) => s.seconds))} | ${c.pct}${c.noise ? ' ~' : ''} | ${stepsCell(o)} | ` +
        `${stepsCell(w)} | ${workCell(o)} | ${workCell(w)} |`,
    );
  }
  return lines;
}

const arrow = (
  t: Record<Variant, number>,
  fmt: (n: number) => string = (n) => String(Math.round(n)),
): string => `${fmt(t.original)} → ${fmt(t.rewritten)}`;

/** Steps run of all steps, summed: `4/7 → 3/9`. */
const ranOf = (t: Totals): string =>
  `${Math.round(t.ran.original)}/${t.steps.original} → ${Math.round(t.ran.rewritten)}/${t.steps.rewritten}`;

function totalsTable(link: LinkResult): string[] {
  const lines = [
    '| all images | images | wall s: original → cachified | steps run | apt downloaded | npm tarballs | wheels built |',
    '|---|--:|--:|--:|--:|--:|--:|',
  ];
  for (const t of totals(link.rows)) {
    lines.push(
      `| ${SCENARIO_LABEL[t.scenario]} | ${t.images} | ${arrow(t.seconds, (n) => n.toFixed(1))} | ` +
        `${ranOf(t)} | ${arrow(t.aptBytes, fmtBytes)} | ${arrow(t.npmTarballs)} | ` +
        `${arrow(t.wheelsBuilt)} |`,
    );
  }
  return lines;
}

export function linkSection(link: LinkResult): string[] {
  const runs = `${link.runs} run${link.runs === 1 ? '' : 's'}`;
  const head = `### ${link.title}${link.skipped ? '' : `: median of ${runs}`}`;
  if (link.skipped) return [head, '', `Not measured: ${link.skipped}`, ''];
  return [
    head,
    '',
    ...(link.tc ? [`Throttle: \`${link.tc}\` (removed afterwards).`, ''] : []),
    ...imagesTable(link),
    '',
    ...totalsTable(link),
    '',
    `(${(link.seconds / 60).toFixed(1)} min for these builds.)`,
    '',
  ];
}

const imagesN = (t: Totals): string => `${t.images} image${t.images === 1 ? '' : 's'}`;

/** Whether both variants downloaded the same amounts (apt bytes, npm tarballs, wheels built). */
const sameWork = (t: Totals): boolean =>
  [t.aptBytes, t.npmTarballs, t.wheelsBuilt].every((x) => x.original === x.rewritten);

/** `3.1 → 0.9 s (−72%)`. */
const wallOf = (t: Totals): string =>
  `${arrow(t.seconds, (n) => n.toFixed(1))} s (${change([t.seconds.original], [t.seconds.rewritten]).pct})`;

/** Bullet points computed from the figures, then what they cannot show. */
export function interpretation(links: LinkResult[], problems: string[]): string[] {
  const out: string[] = [];
  const measured = links.filter((l) => !l.skipped);
  for (const link of measured) {
    const t = totals(link.rows);
    const get = (s: Scenario): Totals | undefined => t.find((x) => x.scenario === s);
    out.push(`- **${link.title}**, original → cachified, summed over the images (medians):`);
    const code = get('code');
    if (code)
      out.push(
        `  - code-only change (${imagesN(code)}): steps run ${ranOf(code)}; downloaded ` +
          `${arrow(code.aptBytes, fmtBytes)} apt, ${arrow(code.npmTarballs)} npm tarballs, ` +
          `${arrow(code.wheelsBuilt)} wheels built; wall ${wallOf(code)}.`,
      );
    const deps = get('deps');
    if (deps)
      out.push(
        `  - dependency change (${imagesN(deps)}): steps run ${ranOf(deps)}; downloaded ` +
          `${arrow(deps.debs)} debs (${arrow(deps.aptBytes, fmtBytes)} apt with indexes), ` +
          `${arrow(deps.npmTarballs)} npm tarballs, ${arrow(deps.wheelsBuilt)} wheels built; wall ${wallOf(deps)}.`,
      );
    const cold = get('cold');
    if (cold)
      out.push(
        `  - cold (${imagesN(cold)}): ${sameWork(cold) ? 'the same downloads' : 'downloads'} (${arrow(cold.aptBytes, fmtBytes)} apt, ` +
          `${arrow(cold.npmTarballs)} npm tarballs); steps ${arrow(cold.steps)} (the cachified files have ` +
          `extra COPY/RUN steps); wall ${wallOf(cold)}.`,
      );
    if (link.runs > 1) {
      const noise = link.rows.filter((r) => wallChange(r).noise).length;
      out.push(
        `  - in ${noise} of ${link.rows.length} rows (marked ~) the two variants' ranges of wall time ` +
          `overlap: there the difference is within run-to-run noise.`,
      );
      const spread = (xs: number[]): string => `${fmtSeconds(xs).replace(/^\S+ \((.*)\)$/, '$1')} s`;
      const stalled = link.rows.flatMap((r) => {
        const o = pick(r.samples.original, (x) => x.seconds);
        const w = pick(r.samples.rewritten, (x) => x.seconds);
        const wide = (xs: number[]): boolean => Math.max(...xs) > 2 * Math.min(...xs) + 1;
        return wide(o) || wide(w)
          ? [`${r.image} ${SCENARIO_LABEL[r.scenario]} (original ${spread(o)}, cachified ${spread(w)})`]
          : [];
      });
      if (stalled.length > 0)
        out.push(
          `  - rows where a run took over twice as long as the fastest (plus a second): ${stalled.join('; ')}. ` +
            `Their medians, and the totals they enter, say more about the outlier than about the Dockerfile.`,
        );
    }
  }
  const fast = measured.find((l) => !l.rate);
  const slow = measured.find((l) => l.rate);
  const fastRates = fast && aptRateRange(fast);
  if (fastRates) {
    const rate = ([lo, hi]: [number, number]): string => `${fmtBytes(lo)}/s to ${fmtBytes(hi)}/s`;
    let line = `- apt reported download rates from ${rate(fastRates)} on the fast link`;
    const slowRates = slow && aptRateRange(slow);
    if (slow && slowRates) {
      line +=
        ` and from ${rate(slowRates)} under ${slow.rate}` +
        (slowRates[1] < fastRates[1]
          ? ': the throttle took effect.'
          : '. **The throttle did not slow apt down: distrust that table.**');
      if (fastRates[0] < slowRates[1])
        line +=
          ' Some fetches on the fast link were slower than the throttle: the mirror stalls now and then ' +
          '(typically on the 9.4 MB `bookworm/main` Packages index), which is where the widest min–max ' +
          "ranges come from; a stall can make a row's median on the fast link slower than on the throttled one.";
    } else line += '.';
    out.push(line);
  }
  const deps = measured.flatMap((l) => totals(l.rows)).find((t) => t.scenario === 'deps');
  if (deps && deps.ran.rewritten > deps.ran.original)
    out.push(
      '- Steps run is a count, not a cost: on a dependency change the cachified files re-run more, smaller ' +
        'steps (the manifest COPY, the install, the code COPY, the build) but download and build less.',
    );
  const varying = measured.flatMap((l) => l.rows.filter(countsVary).map((r) => `${r.image} ${r.scenario}`));
  out.push(
    '- The robust signal is the counts: steps re-run and what was downloaded ' +
      (varying.length === 0
        ? 'were the same in every run of every row.'
        : `varied between runs only in: ${varying.join(', ')}.`) +
      ' Wall time is noisier: the Debian mirror is fast from here (see the apt rates), so downloads ' +
      'are a small part of an apt step and dpkg dominates once they are gone; this is a shared 2-core ' +
      'machine; the npm and Debian servers vary. On a code-only change the time saved is steps not re-run; on ' +
      'a dependency change it is downloads not repeated, worth seconds only when the link is slow (compare ' +
      'the two tables).',
    '- npm sizes are not measured (npm 9 logs no sizes), only tarballs fetched. PyPI is unreachable here, so ' +
      'pip installs local wheels: its figure is wheels built from the one sdist, the work the pip cache saves.',
    '- A cold cachified build runs the same installs plus a keep-cache RUN and extra manifest COPY steps, and ' +
      'fills the cache mounts: it is not expected to be faster. The cold rows show how large the run-to-run ' +
      'noise is.',
  );
  if (problems.length > 0)
    out.push(
      `- **${problems.length} build check(s) failed** (a step cached or re-run other than the e2e suite expects):`,
      ...problems.map((p) => `  - ${p}`),
    );
  else
    out.push(
      '- Every build behaved as the e2e suite expects (the steps it says are CACHED or re-run, its own checks).',
    );
  return out;
}

export function renderMarkdown(meta: Meta, links: LinkResult[]): string {
  const d = meta.date
    .toISOString()
    .replace('T', ' ')
    .replace(/:\d\d\.\d+Z$/, ' UTC');
  return [
    `Measured ${d} with \`${meta.command}\` (the whole run took ${(meta.totalSeconds / 60).toFixed(1)} min).`,
    '',
    `- Machine: ${meta.machine}.`,
    `- ${meta.versions}.`,
    '- Every image the e2e suite builds (`test/e2e/projects.ts`): the original Dockerfile vs the one ' +
      '`cachify --write --no-syntax` writes. In each run, each variant of each project starts on a cold ' +
      'virtual builder of its own (salted copies of the base images, an empty cache-mount namespace; ' +
      '`FreshBuilds` in `test/e2e/harness.ts`), is built cold, then after a code-only change (one line ' +
      'added to a source file), then after the dependency change where the suite has one (node-npm: add ' +
      '`is-number`; python-pip: add a wheel; c-apt: add `patch` to the apt line). The variant built first ' +
      'alternates between runs.',
    '- Columns: wall = `docker build` wall time, median (min–max) over the runs, and the change from original ' +
      'to cachified (~: the ranges overlap); steps run = Dockerfile steps (FROM excluded) that ran rather ' +
      'than came `CACHED`, of all steps; downloaded = apt `Get:` lines (packages and index files, with ' +
      "apt's sizes), npm tarball fetches (`--loglevel http`), wheels pip built from sdists.",
    '',
    ...links.flatMap(linkSection),
    '### What the figures say',
    '',
    ...interpretation(links, meta.problems),
  ].join('\n');
}
