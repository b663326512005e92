/**
 * cache-mounts: `RUN --mount=type=cache,...` for every package manager a RUN uses, with
 * targets that follow the stage's user and environment, and removal of what defeats the
 * cache (flags, clean commands, `rm` of the cache, a disabling ENV) only where a mount is added.
 */
import { normalizePath, type StageState } from '../src/stage';
import { matchSubcommand, normalizeCommand, toolMatches } from '../src/commands';
import type { DockerfileDoc, RunAnalysis } from '../src/dockerfile';
import {
  deleteInstruction,
  insertLinesBefore,
  insertRunFlags,
  keyword,
  removeAssignment,
  removeCommand,
  removeWord,
  type TextEdit,
} from '../src/edits';
import { MANAGERS } from '../src/managers';
import {
  findInvocations,
  matchCommands,
  resolveTarget,
  within,
  type Invocation,
  type ResolvedTarget,
} from '../src/managers/resolve';
import type { PackageManager } from '../src/managers/types';
import { expandWord, type ShellCommand, type ShellWord } from '../src/shell';
import { Recorder, type Transform, type TransformContext } from '../src/transform';

const ID = 'cache-mounts';

export interface RunPlan {
  index: number;
  line: number;
  st: StageState;
  run: RunAnalysis;
  /** Invocations per manager id. */
  uses: Map<string, Invocation[]>;
  /** Targets to add per manager id (resolved), or the reason a manager gets none. */
  add: Map<string, ResolvedTarget[]>;
  skip: Map<string, string>;
  /** `VAR=x` prefixes that turn a manager's cache off, to drop with its mount. */
  inline: Map<string, { edit: TextEdit; what: string }[]>;
}

/** An ENV instruction whose variable turns a manager's cache off. */
interface DisablingEnvUse {
  manager: string;
  name: string;
  /** Instruction index of the ENV. */
  envIndex: number;
  envLine: number;
}

export interface MountPlan {
  plans: RunPlan[];
  notes: { line: number; message: string }[];
  /** ENV instructions whose disabling variables can go, by instruction index. */
  envRemovals: Map<number, { names: Set<string>; managers: Set<string> }>;
}

/** Decides, without editing, which RUNs get which cache mounts (shared with apt-keep-cache). */
export function planMounts(ctx: TransformContext): MountPlan {
  const { doc, model } = ctx;
  const plans: RunPlan[] = [];
  const notes: MountPlan['notes'] = [];
  const windowsStages = new Set<number>();

  // 1. what each RUN uses, and where those caches are
  for (const ins of doc.instructions) {
    if (ins.keyword !== 'RUN') continue;
    const st = model.stateBefore(ins.index);
    if (!st) continue;
    if (st.os === 'windows') {
      if (!windowsStages.has(st.stage)) {
        windowsStages.add(st.stage);
        notes.push({
          line: ins.line + 1,
          message: 'Windows stage: no cache mounts (Windows containers do not support them)',
        });
      }
      continue;
    }
    const run = doc.run(ins.index);
    const invs = findInvocations(run);
    if (!invs.length) continue;
    const plan: RunPlan = {
      index: ins.index,
      line: ins.line + 1,
      st,
      run,
      uses: new Map(),
      add: new Map(),
      skip: new Map(),
      inline: new Map(),
    };
    for (const inv of invs) {
      const list = plan.uses.get(inv.manager.id) ?? [];
      list.push(inv);
      plan.uses.set(inv.manager.id, list);
    }
    plans.push(plan);
  }

  const narrowedGroups = narrowings(plans, model.lineage.bind(model));
  for (const plan of plans) {
    for (const [id, invs] of plan.uses) {
      const m = managerById(id);
      if (plan.run.hasErrors) {
        plan.skip.set(id, 'the shell in this RUN could not be parsed');
        continue;
      }
      if (m.os && !m.os.includes(plan.st.os)) {
        plan.skip.set(id, `${m.id} does not belong in a ${plan.st.os} stage`);
        continue;
      }
      const targets: ResolvedTarget[] = [];
      let reason: string | null = null;
      for (const t of m.caches) {
        const narrowed = narrowedGroups.get(
          `${id}:${t.name}:${rootOf(plan.st.stage, model.lineage.bind(model))}`,
        );
        const r = resolveTarget(t, invs, plan.run, plan.st, narrowed !== undefined);
        if (!r.ok) {
          reason = r.reason;
          break;
        }
        const existing = plan.run.info.mounts.find(
          (mt) =>
            mt.target !== null &&
            (within(r.target.path, normalizePath(mt.target)) ||
              within(normalizePath(mt.target), r.target.path)),
        );
        if (existing) {
          if (existing.type !== 'cache') {
            reason = `it already mounts a ${existing.type} at ${existing.target}`;
            break;
          }
          continue; // already cached
        }
        targets.push(r.target);
      }
      if (reason) plan.skip.set(id, reason);
      else if (targets.length) plan.add.set(id, targets);
    }
  }

  // 2. managers that must be mounted on every RUN of a lineage or on none
  for (const m of MANAGERS.filter((x) => x.allOrNothing || x.requiresBefore)) {
    const groups = new Map<number, RunPlan[]>();
    for (const p of plans) {
      if (!p.uses.has(m.id)) continue;
      const root = rootOf(p.st.stage, model.lineage.bind(model));
      groups.set(root, [...(groups.get(root) ?? []), p]);
    }
    for (const group of groups.values()) {
      let blocker: { line: number; reason: string } | null = null;
      if (m.allOrNothing) {
        const bad = group.find((p) => p.skip.has(m.id));
        if (bad) blocker = { line: bad.line, reason: bad.skip.get(m.id)! };
      }
      if (!blocker && m.requiresBefore)
        blocker = missingPrerequisite(m, group, plans, model.lineage.bind(model));
      if (!blocker || !group.some((p) => p.add.has(m.id))) continue;
      for (const p of group) {
        p.add.delete(m.id);
        if (!p.skip.has(m.id)) {
          p.skip.set(
            m.id,
            p.line === blocker.line
              ? blocker.reason
              : `all ${m.id} RUNs of a stage share its state and line ${blocker.line} cannot be mounted: ${blocker.reason}`,
          );
        }
      }
    }
  }

  // 3. environment variables that turn a cache off
  const envRemovals = new Map<number, { names: Set<string>; managers: Set<string> }>();
  const envUses: DisablingEnvUse[] = [];
  for (const p of plans) {
    for (const id of [...p.add.keys()]) {
      const m = managerById(id);
      for (const d of m.disablingEnv ?? []) {
        const disables = d.disables ?? (() => true);
        for (const inv of p.uses.get(id)!) {
          if (!inv.n.env.has(d.name)) continue;
          const w = inv.n.env.get(d.name);
          if (w && w.value !== null && !disables(w.value)) continue;
          const removal = inlineEnvRemoval(inv, d.name, ctx);
          if (!removal) {
            p.add.delete(id);
            p.skip.set(id, `${d.name} is set for the command in a way the tool cannot remove`);
          } else p.inline.set(id, [...(p.inline.get(id) ?? []), removal]);
        }
        if (!p.add.has(id) || p.uses.get(id)!.some((inv) => inv.n.env.has(d.name))) continue;
        if (p.run.scripts.some((s) => s.assignments.some((a) => a.name === d.name))) {
          p.add.delete(id);
          p.skip.set(id, `the RUN sets ${d.name} itself`);
          continue;
        }
        const v = p.st.env.get(d.name) ?? p.st.args.get(d.name);
        if (!v) continue;
        if (v.value !== null && !disables(v.value)) continue;
        if (v.origin !== 'env') {
          p.add.delete(id);
          p.skip.set(
            id,
            v.origin === 'image'
              ? `the base image sets ${d.name}, which turns the cache off`
              : `${v.why}, and ${d.name} turns the cache off`,
          );
          continue;
        }
        const envIndex = doc.instructions.findIndex((i) => i.line + 1 === v.line);
        envUses.push({ manager: id, name: d.name, envIndex, envLine: v.line });
      }
    }
  }
  for (const use of envUses) {
    const affected = plans.filter(
      (p) => p.uses.has(use.manager) && (p.st.env.get(use.name)?.line ?? -1) === use.envLine,
    );
    const blocker = affected.find((p) => !p.add.has(use.manager) && !alreadyMounted(p, use.manager));
    if (blocker) {
      for (const p of affected) {
        if (p.add.delete(use.manager)) {
          p.skip.set(
            use.manager,
            `ENV ${use.name} on line ${use.envLine} turns the cache off and also applies to line ${blocker.line}, which gets no mount`,
          );
        }
      }
      continue;
    }
    const e = envRemovals.get(use.envIndex) ?? { names: new Set(), managers: new Set() };
    e.names.add(use.name);
    e.managers.add(use.manager);
    envRemovals.set(use.envIndex, e);
  }

  return { plans, notes, envRemovals };
}

export const cacheMounts: Transform = {
  id: ID,
  summary: 'adds BuildKit cache mounts for the package managers each RUN uses, and drops what defeats them',
  apply(ctx: TransformContext) {
    const rec = new Recorder(ID);
    const { doc, model } = ctx;
    const { plans, notes, envRemovals } = planMounts(ctx);
    for (const n of notes) rec.note(n.line, n.message);

    // 4. one fix per RUN: its mounts and the removals they allow
    for (const p of plans) {
      for (const [id, why] of p.skip) rec.note(p.line, `no ${id} cache mount: ${why}`);
      if (!p.add.size) continue;
      const ins = doc.instructions[p.index];
      const flags: string[] = [];
      const edits: TextEdit[] = [];
      const removed: string[] = [];
      const added: ResolvedTarget[] = [];
      for (const m of MANAGERS) {
        const targets = p.add.get(m.id);
        if (!targets) continue;
        for (const r of p.inline.get(m.id) ?? []) {
          edits.push(r.edit);
          removed.push(r.what);
        }
        for (const t of targets) {
          flags.push(mountFlag(t, ctx.options.cacheIdPrefix));
          added.push(t);
        }
        for (const inv of p.uses.get(m.id)!) {
          inv.n.args.forEach((w) => {
            if (w.value !== null && (m.defeatingFlags ?? []).includes(w.value)) {
              edits.push(removeWord(doc, inv.cmd.argv, inv.cmd.argv.indexOf(w)));
              removed.push(w.value);
            }
          });
        }
        for (const { cmd } of matchCommands(p.run, m.defeatingCommands ?? [])) {
          const e = removeCommand(cmd);
          if (e) {
            edits.push(e);
            removed.push(commandText(cmd));
          } else
            rec.note(
              p.line,
              `left \`${commandText(cmd)}\` in place (it cannot be removed alone); it empties the ${m.id} cache`,
            );
        }
      }
      for (const r of rmOfCaches(doc, p, added)) {
        edits.push(r.edit);
        removed.push(r.what);
      }
      edits.push(insertRunFlags(doc, ins, p.run.info, flags));
      const where = added.map((t) => t.path).join(', ');
      rec.fix(
        p.line,
        `cache mount${added.length > 1 ? 's' : ''} for ${[...p.add.keys()].join(', ')} at ${where}${removed.length ? `; removed ${removed.map((x) => '`' + x + '`').join(', ')}` : ''}`,
        edits,
      );
    }

    // 5. ENV that turned a cache off, now that every RUN it applies to is mounted
    for (const [envIndex, e] of envRemovals) {
      const edit = removeEnvPairs(ctx, envIndex, e.names);
      if (edit) {
        rec.fix(
          doc.instructions[envIndex].line + 1,
          `removed ENV ${[...e.names].join(', ')} (the image no longer sets it): it turned off the ${[...e.managers].join(', ')} cache, which every RUN it applies to now mounts`,
          [edit.edit],
          edit.removesInstruction ? { removes: ['ENV'] } : {},
        );
      }
    }

    // 6. per-stage setup (ENV UV_LINK_MODE=copy), before the first mounted RUN of the stage
    const done = new Set<string>();
    for (const p of plans) {
      for (const id of p.add.keys()) {
        const setup = managerById(id).setup?.env;
        if (!setup) continue;
        const lineage = model.lineage(p.st.stage);
        for (const [name, value] of Object.entries(setup)) {
          if (p.st.env.has(name) || lineage.some((s) => done.has(`${s}:${name}`))) continue;
          done.add(`${p.st.stage}:${name}`);
          rec.fix(
            p.line,
            `ENV ${name}=${value} for the ${id} cache mount`,
            [insertLinesBefore(doc, p.index, [`${keyword(doc, 'ENV')} ${name}=${value}`])],
            { adds: ['ENV'] },
          );
        }
      }
    }
    return rec;
  },
};

function managerById(id: string): PackageManager {
  const m = MANAGERS.find((x) => x.id === id);
  if (!m) throw new Error(`unknown manager ${id}`);
  return m;
}

function rootOf(stage: number, lineage: (s: number) => number[]): number {
  const l = lineage(stage);
  return l[l.length - 1];
}

function alreadyMounted(p: RunPlan, manager: string): boolean {
  return !p.skip.has(manager) && !p.add.has(manager);
}

/** Per lineage root: targets that must use their narrower path. Key: `manager:target:root`. */
function narrowings(plans: RunPlan[], lineage: (s: number) => number[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of MANAGERS) {
    for (const t of m.caches) {
      if (!t.narrow) continue;
      for (const p of plans) {
        const hit = p.run.commands.some((cmd) => {
          const n = normalizeCommand(cmd);
          if (!n) return false;
          if (
            t.narrow!.commands.some(
              (c) => toolMatches(n.tool, c.tools) && matchSubcommand(n.args, [c.subcommand]) !== null,
            )
          )
            return true;
          return (
            m.commands.some((pat) => toolMatches(n.tool, pat.tools)) &&
            n.args.some((a) => a.value !== null && t.narrow!.flags.includes(a.value))
          );
        });
        if (hit) out.set(`${m.id}:${t.name}:${rootOf(p.st.stage, lineage)}`, t.narrow.reason);
      }
    }
  }
  return out;
}

/** The first RUN of a group that runs a sub-command before its prerequisite ran in its lineage. */
function missingPrerequisite(
  m: PackageManager,
  group: RunPlan[],
  plans: RunPlan[],
  lineage: (s: number) => number[],
): { line: number; reason: string } | null {
  const req = m.requiresBefore!;
  for (const p of group) {
    const invs = p.uses.get(m.id)!;
    for (const inv of invs) {
      if (!req.subcommands.includes(inv.subcommand)) continue;
      const inRun = invs.some((o) => o.index < inv.index && req.before.includes(o.subcommand));
      const stages = lineage(p.st.stage);
      const earlier = plans.some(
        (o) =>
          o.index < p.index &&
          stages.includes(o.st.stage) &&
          (o.uses.get(m.id) ?? []).some((x) => req.before.includes(x.subcommand)),
      );
      if (!inRun && !earlier) return { line: p.line, reason: `line ${p.line} ${req.reason}` };
    }
  }
  return null;
}

function mountFlag(t: ResolvedTarget, prefix: string | null): string {
  let s = '--mount=type=cache';
  if (prefix) s += `,id=${prefix}-${t.target.name}`;
  s += `,target=${t.path}`;
  if (t.target.sharing) s += `,sharing=${t.target.sharing}`;
  if (t.uid !== null) s += `,uid=${t.uid}`;
  if (t.gid !== null) s += `,gid=${t.gid}`;
  return s;
}

function commandText(cmd: ShellCommand): string {
  return cmd.argv.map((w) => w.raw).join(' ');
}

/** `VAR=x pip ...` or `env VAR=x pip ...`: the edit that drops the assignment, and its text. */
function inlineEnvRemoval(
  inv: Invocation,
  name: string,
  ctx: TransformContext,
): { edit: TextEdit; what: string } | null {
  const ai = inv.cmd.assigns.findIndex((a) => a.name === name);
  if (ai >= 0) {
    const a = inv.cmd.assigns[ai];
    return { edit: removeAssignment(inv.cmd, ai), what: ctx.doc.text.slice(a.start, a.end) };
  }
  const wi = inv.cmd.argv.findIndex((w) => w.raw.startsWith(name + '='));
  if (wi > 0) return { edit: removeWord(ctx.doc, inv.cmd.argv, wi), what: inv.cmd.argv[wi].raw };
  return null;
}

/** `rm` arguments that would empty (or fail on) a cache mount this RUN now has. */
function rmOfCaches(
  doc: DockerfileDoc,
  p: RunPlan,
  added: ResolvedTarget[],
): { edit: TextEdit; what: string }[] {
  const out: { edit: TextEdit; what: string }[] = [];
  if (!added.length) return out;
  for (const cmd of p.run.commands) {
    const n = normalizeCommand(cmd);
    if (!n || n.tool !== 'rm') continue;
    const operands = n.args.filter((w) => !(w.value ?? '').startsWith('-'));
    const hits: ShellWord[] = operands.filter((w) => {
      const v = expandWord(
        w,
        (x) => p.st.env.get(x)?.value ?? (x === 'HOME' ? p.st.user.home : null),
        p.st.env.get('HOME')?.value ?? p.st.user.home,
      );
      if (v === null || !v.startsWith('/')) return false;
      const glob = v.search(/[*?[]/);
      const literal = normalizePath(glob >= 0 ? v.slice(0, glob) : v);
      return added.some((t) => within(literal, t.path) || within(t.path, literal));
    });
    if (!hits.length) continue;
    if (hits.length === operands.length) {
      const e = removeCommand(cmd);
      if (e) out.push({ edit: e, what: commandText(cmd) });
    } else {
      for (const w of hits)
        out.push({ edit: removeWord(doc, cmd.argv, cmd.argv.indexOf(w)), what: `rm ${w.raw}` });
    }
  }
  return out;
}

/** Removes some NAME=value pairs of an ENV instruction (the whole instruction when none remain). */
function removeEnvPairs(
  ctx: TransformContext,
  envIndex: number,
  names: Set<string>,
): { edit: TextEdit; removesInstruction: boolean } | null {
  const ins = ctx.doc.instructions[envIndex];
  const ast = ins.ast as unknown as {
    getProperties(): { getName(): string; getRange(): { start: never; end: never } }[];
  };
  const props = ast.getProperties();
  const keep = props.filter((p) => !names.has(p.getName()));
  if (!keep.length) return { edit: deleteInstruction(ctx.doc, envIndex), removesInstruction: true };
  if (names.size !== 1) return null;
  const i = props.findIndex((p) => names.has(p.getName()));
  const span = (r: { start: never; end: never }) => ({
    start: ctx.doc.lines.offset(r.start),
    end: ctx.doc.lines.offset(r.end),
  });
  const spans = [span(ins.ast.getInstructionRange() as never), ...props.map((p) => span(p.getRange()))];
  return { edit: removeWord(ctx.doc, spans, i + 1), removesInstruction: false };
}
