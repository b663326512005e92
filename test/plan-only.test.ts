/**
 * planMounts(ctx, only) plans some managers alone (apt-keep-cache asks for apt): each
 * manager's plan must be the one the full plan has for it. Checked for apt and for every
 * manager a file uses, on every fixture's input and expected output.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FsBuildContext } from '../src/context';
import { DockerfileDoc } from '../src/dockerfile';
import { initShellParser } from '../src/shell';
import { StageModel } from '../src/stage';
import { DEFAULT_OPTIONS, type TransformContext } from '../src/transform';
import { planMounts, type MountPlan } from '../transforms/cache-mounts';
import { fixtureCases } from './helpers/fixture-cases';

beforeAll(() => initShellParser());

/** What the plan decides for one manager: per RUN, and the ENV lines it clears. */
function decisions(plan: MountPlan, id: string): unknown {
  return {
    runs: plan.plans
      .filter((p) => p.uses.has(id))
      .map((p) => ({
        line: p.line,
        add: p.add.get(id)?.map((t) => [t.path, t.target.name, t.existing ?? false]) ?? null,
        skip: p.skip.get(id) ?? null,
        uncovered: p.uncovered.has(id),
        inline: p.inline.get(id)?.map((r) => [r.edit, r.what]) ?? [],
        setupDone: p.setupDone.has(id),
      })),
    env: [...plan.envRemovals]
      .filter(([, e]) => e.managers.has(id))
      .map(([index, e]) => [index, [...e.names].sort()]),
  };
}

const texts = fixtureCases().flatMap((c) =>
  ['Dockerfile', 'expected.Dockerfile']
    .filter((f) => fs.existsSync(path.join(c.dir, f)))
    .map((f) => [`${c.group}/${c.name}/${f}`, c.dir, path.join(c.dir, f)] as const),
);

test.each(texts)('%s: each manager planned alone as in the full plan', (_label, dir, file) => {
  const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const doc = new DockerfileDoc(text, text.includes('\r\n') ? '\r\n' : '\n');
  const ctx: TransformContext = {
    doc,
    model: new StageModel(doc),
    options: DEFAULT_OPTIONS,
    file: 'Dockerfile',
    context: new FsBuildContext(dir, file),
  };
  const full = planMounts(ctx);
  const used = new Set(full.plans.flatMap((p) => [...p.uses.keys()]));
  for (const id of new Set(['apt', ...used])) {
    expect([id, decisions(planMounts(ctx, new Set([id])), id)]).toEqual([id, decisions(full, id)]);
  }
});
