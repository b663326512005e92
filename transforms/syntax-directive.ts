/**
 * syntax-directive: `# syntax=docker/dockerfile:1` as the first line when the file uses
 * BuildKit-only syntax, and a dead `# syntax=` line (below a comment or blank line) made live.
 */
import type { DockerfileDoc } from '../src/dockerfile';
import { Recorder, type Transform, type TransformContext } from '../src/transform';

const ID = 'syntax-directive';

const RUN_FLAGS = new Set(['mount', 'network', 'security', 'device']);
const COPY_FLAGS = new Set(['link', 'chmod', 'parents', 'exclude', 'checksum', 'keep-git-dir', 'unpack']);

/**
 * The first stable docker/dockerfile version that reads a feature, for those the tool is
 * sure of (RUN --mount: 1.2; RUN --network: 1.3; heredocs and COPY --link: 1.4); the others are taken to need
 * a version the tool cannot name.
 */
const SINCE: Record<string, [number, number]> = {
  'RUN --network': [1, 3],
  'RUN --mount': [1, 2],
  'COPY --link': [1, 4],
  'ADD --link': [1, 4],
};
const HEREDOC_SINCE: [number, number] = [1, 4];

interface Feature {
  line: number;
  what: string;
  /** The oldest docker/dockerfile version that reads it, when known. */
  since: [number, number] | null;
}

/** The BuildKit-only features the file uses, in file order, each with its line. */
function buildKitFeatures(doc: DockerfileDoc): Feature[] {
  const out: Feature[] = [];
  for (const ins of doc.instructions) {
    const line = ins.line + 1;
    const flags =
      ins.keyword === 'RUN' ? RUN_FLAGS : ins.keyword === 'COPY' || ins.keyword === 'ADD' ? COPY_FLAGS : null;
    for (const f of flags ? ins.flags.filter((x) => flags.has(x.name.toLowerCase())) : []) {
      const what = `${ins.keyword} --${f.name}`;
      out.push({ line, what, since: SINCE[`${ins.keyword} --${f.name.toLowerCase()}`] ?? null });
    }
    if (['RUN', 'COPY', 'ADD'].includes(ins.keyword)) {
      const heredocs = (ins.ast as unknown as { getHeredocs?: () => unknown[] }).getHeredocs?.() ?? [];
      if (heredocs.length) out.push({ line, what: `a heredoc in ${ins.keyword}`, since: HEREDOC_SINCE });
    }
  }
  return out;
}

/** The first BuildKit-only feature the file uses, as a short description with its line, or null. */
export function buildKitFeature(doc: DockerfileDoc): { line: number; what: string } | null {
  return buildKitFeatures(doc)[0] ?? null;
}

/**
 * The version a syntax value pins docker/dockerfile to (`docker/dockerfile:1.3`,
 * `docker.io/docker/dockerfile:1.0-experimental`, a mirror's `registry.example.com/docker/dockerfile:1.2.1`),
 * or null when it follows the latest 1.x (`docker/dockerfile:1`, `:1-labs`) or names
 * another frontend.
 */
function pinnedVersion(value: string): [number, number] | null {
  const m =
    /^(?:[^\s/]+\/)*docker\/dockerfile(?:-upstream)?:(\d+)\.(\d+)(?:\.\d+)?(?:-[a-z]+)?(?:@\S+)?$/i.exec(
      value,
    );
  return m ? [Number(m[1]), Number(m[2])] : null;
}

const atLeast = (v: [number, number], min: [number, number]) =>
  v[0] > min[0] || (v[0] === min[0] && v[1] >= min[1]);

/** A `# syntax=` comment line above the first instruction that BuildKit does not read as a directive. */
function deadSyntaxLine(doc: DockerfileDoc): { line: number; value: string } | null {
  const limit = doc.instructions.length ? doc.instructions[0].line : doc.lines.lineCount;
  for (let l = 0; l < limit; l++) {
    if (doc.directives.some((d) => d.line === l)) continue;
    const m = /^#[ \t]*syntax[ \t]*=[ \t]*(\S+)[ \t]*$/i.exec(doc.lines.lineText(l));
    if (m) return { line: l, value: m[1] };
  }
  return null;
}

export const syntaxDirective: Transform = {
  id: ID,
  summary:
    'adds `# syntax=docker/dockerfile:1` when the file needs BuildKit features, and revives a dead syntax line',
  apply(ctx: TransformContext) {
    const rec = new Recorder(ID);
    const { doc, options } = ctx;
    if (options.syntax === false || !doc.instructions.length) return rec;
    if (doc.directives.some((d) => d.name === 'syntax')) return rec;
    const dead = deadSyntaxLine(doc);
    // a dead line pinning a version older than the file needs would break the build once live
    const pinned = dead && pinnedVersion(dead.value);
    const tooNew = pinned
      ? buildKitFeatures(doc).find((f) => !f.since || !atLeast(pinned, f.since))
      : undefined;
    if (dead && tooNew) {
      rec.note(
        dead.line + 1,
        `left # syntax=${dead.value} where BuildKit ignores it: made live, it would build ${tooNew.what} (line ${tooNew.line}) with a version ${tooNew.since ? `older than ${tooNew.since.join('.')}, which does not read it` : 'the tool cannot tell reads it'}`,
      );
    } else if (dead) {
      const start = doc.lines.lineStart(dead.line);
      const end = doc.lines.lineEndWithEol(dead.line);
      rec.fix(
        dead.line + 1,
        `moved the syntax directive to the first line (below a comment or blank line BuildKit ignores it)`,
        [
          { start: 0, end: 0, text: `# syntax=${dead.value}${doc.eol}` },
          { start, end, text: '' },
        ],
      );
      return rec;
    }
    const feature = buildKitFeature(doc);
    if (!feature) return rec;
    rec.fix(1, `added # syntax=${options.syntax} (the file uses ${feature.what})`, [
      { start: 0, end: 0, text: `# syntax=${options.syntax}${doc.eol}` },
    ]);
    return rec;
  },
};
