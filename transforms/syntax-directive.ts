/**
 * syntax-directive: `# syntax=docker/dockerfile:1` as the first line when the file uses
 * BuildKit-only syntax, and a dead `# syntax=` line (below a comment or blank line) made live.
 */
import type { DockerfileDoc } from '../src/dockerfile';
import { Recorder, type Transform, type TransformContext } from '../src/transform';

const ID = 'syntax-directive';

const RUN_FLAGS = new Set(['mount', 'network', 'security', 'device']);
const COPY_FLAGS = new Set(['link', 'chmod', 'parents', 'exclude', 'checksum', 'keep-git-dir', 'unpack']);

/** The first BuildKit-only feature the file uses, as a short description with its line, or null. */
export function buildKitFeature(doc: DockerfileDoc): { line: number; what: string } | null {
  for (const ins of doc.instructions) {
    const line = ins.line + 1;
    if (ins.keyword === 'RUN') {
      const f = ins.flags.find((x) => RUN_FLAGS.has(x.name.toLowerCase()));
      if (f) return { line, what: `RUN --${f.name}` };
    }
    if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
      const f = ins.flags.find((x) => COPY_FLAGS.has(x.name.toLowerCase()));
      if (f) return { line, what: `${ins.keyword} --${f.name}` };
    }
    if (['RUN', 'COPY', 'ADD'].includes(ins.keyword)) {
      const heredocs = (ins.ast as unknown as { getHeredocs?: () => unknown[] }).getHeredocs?.() ?? [];
      if (heredocs.length) return { line, what: `a heredoc in ${ins.keyword}` };
    }
  }
  return null;
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
    if (dead) {
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
