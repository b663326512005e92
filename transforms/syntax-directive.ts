/**
 * syntax-directive: `# syntax=docker/dockerfile:1` as the first line when the file uses
 * BuildKit-only syntax, and a dead `# syntax=` line (below a comment or blank line) made live.
 */
import type { DockerfileDoc } from '../src/dockerfile';
import { featureSince, pinTooOld } from '../src/frontend';
import { Recorder, type Transform, type TransformContext } from '../src/transform';

const ID = 'syntax-directive';

const RUN_FLAGS = new Set(['mount', 'network', 'security', 'device']);
const COPY_FLAGS = new Set(['link', 'chmod', 'parents', 'exclude', 'checksum', 'keep-git-dir', 'unpack']);

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
      out.push({ line, what, since: featureSince(`${ins.keyword} --${f.name.toLowerCase()}`) });
    }
    if (['RUN', 'COPY', 'ADD'].includes(ins.keyword)) {
      const heredocs = (ins.ast as unknown as { getHeredocs?: () => unknown[] }).getHeredocs?.() ?? [];
      if (heredocs.length)
        out.push({ line, what: `a heredoc in ${ins.keyword}`, since: featureSince('heredoc') });
    }
  }
  return out;
}

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
    const features = buildKitFeatures(doc);
    // a dead line pinning a version older than the file needs would break the build once live
    const tooNew = dead && features.find((f) => pinTooOld(dead.value, f.since));
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
    const feature = features[0];
    if (!feature) return rec;
    rec.fix(1, `added # syntax=${options.syntax} (the file uses ${feature.what})`, [
      { start: 0, end: 0, text: `# syntax=${options.syntax}${doc.eol}` },
    ]);
    return rec;
  },
};
