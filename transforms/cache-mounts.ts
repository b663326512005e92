/**
 * cache-mounts: `RUN --mount=type=cache,...` for every package manager a RUN uses, with
 * targets that follow the stage's user and environment, and removal of what defeats the
 * cache (flags, clean commands, `rm` of the cache, a disabling ENV) only where a mount is added.
 */
import * as path from 'node:path';
import {
  literalFolder,
  mountPath,
  normalizePath,
  substitute,
  type StageModel,
  type StageState,
  type Var,
} from '../src/stage';
import { normalizeCommand, optionValue, toolMatches, wholeMatch } from '../src/commands';
import {
  SHELL_NAMES,
  type DockerfileDoc,
  type Instruction,
  type Mount,
  type RunAnalysis,
} from '../src/dockerfile';
import { copiedFiles, copyParts, lineageCommands, placedFiles } from '../src/copied';
import { within } from '../src/ecosystems/files';
import { patternTakes } from '../src/context';
import {
  deleteInstruction,
  insertLinesBefore,
  insertRunFlags,
  keyword,
  removeAssignment,
  removeCommand,
  mergeDeletions,
  removeWord,
  type TextEdit,
} from '../src/edits';
import { MANAGERS } from '../src/managers';
import { APT_IN_WORDS } from '../src/managers/apt';
import {
  cwdAt,
  findInvocations,
  invocationMajors,
  matchCommands,
  setupValue,
  resolveTarget,
  setupNeed,
  subcommandWords,
  targetApplies,
  targetInvocations,
  turnsOff,
  type CopiedLookup,
  type Invocation,
  type ResolvedTarget,
} from '../src/managers/resolve';
import type { CacheTarget, PackageManager, RequiredFlag } from '../src/managers/types';
import { expandWord, identitySegment, parseShell, type ShellCommand, type ShellWord } from '../src/shell';
import { runsBefore } from '../src/shell-flow';
import { Recorder, type Transform, type TransformContext } from '../src/transform';
import { Memo } from '../src/memo';
import { featureSince, pinTooOld } from '../src/frontend';

const ID = 'cache-mounts';

/** A cache target of a RUN: one to mount, or one an existing mount of the RUN already holds. */
export type PlannedTarget = ResolvedTarget & { existing?: boolean };

export interface RunPlan {
  index: number;
  line: number;
  st: StageState;
  run: RunAnalysis;
  /** Invocations per manager id. */
  uses: Map<string, Invocation[]>;
  /**
   * Targets to add per manager id (resolved), or the reason a manager gets none. A manager whose
   * caches the RUN's own cache mounts already hold, and that something turns off, has them here
   * as `existing`: no new mount, but what turns the cache off goes as it would with one.
   */
  add: Map<string, PlannedTarget[]>;
  skip: Map<string, string>;
  /** Managers whose cache an existing cache mount of the RUN touches without surely holding it. */
  uncovered: Set<string>;
  /** `VAR=x` prefixes that turn a manager's cache off, to drop with its mount. */
  inline: Map<string, { edit: TextEdit; what: string }[]>;
  /** Managers whose stage setup this RUN does not need (the build already gives its setting). */
  setupDone: Set<string>;
  /**
   * Per manager: where the caches its clean-up commands may empty are ({@link CacheWhere});
   * `mounted` holds only the targets the RUN's own mounts (or another manager's) hold,
   * those in `add` count too.
   */
  where: Map<string, CacheWhere>;
}

/**
 * Where a manager's caches are for one RUN: the targets that apply to it (the others belong to
 * another version of the tool), those a mount holds, and the value of the manager's stage
 * setting ({@link setupValue}; null: not known).
 */
interface CacheWhere {
  applicable: Set<string>;
  mounted: Set<string>;
  setting: string | null;
}

/** An ENV instruction whose variable turns a manager's cache off. */
interface DisablingEnvUse {
  manager: string;
  name: string;
  /**
   * The ENVs that set it for the RUN, the one in force first, then each it overrides that
   * turns the cache off too (in this stage or a parent stage): all go, or a RUN still sees one.
   */
  defs: { index: number; line: number }[];
  /** What the RUNs see once they are gone (an ENV that leaves the cache on, the base image's, none). */
  revealed: Var | undefined;
}

export interface MountPlan {
  plans: RunPlan[];
  notes: { line: number; message: string }[];
  /** ENV instructions whose disabling variables can go, by instruction index. */
  envRemovals: Map<number, { names: Set<string>; managers: Set<string> }>;
}

/**
 * Decides, without editing, which RUNs get which cache mounts (shared with apt-keep-cache).
 * `only`: plan these managers alone, and skip the notes that are not about a manager's
 * mounts. Every decision about a manager's mounts is made from that manager's own
 * invocations, targets and RUN groups (the only place two managers of a RUN meet is a
 * folder one of them already mounts), so a manager's plan is the same either way
 * (test/plan-only.test.ts checks every manager a fixture uses); apt-keep-cache asks for
 * apt alone.
 */
export function planMounts(ctx: TransformContext, only?: ReadonlySet<string>): MountPlan {
  const { doc, model } = ctx;
  const plans: RunPlan[] = [];
  const notes: MountPlan['notes'] = [];
  const windowsStages = new Set<number>();
  // a frontend pinned before RUN --mount was stable (1.2) does not read the flag
  const syntax = doc.directives.find((d) => d.name === 'syntax');
  if (syntax && pinTooOld(syntax.value, featureSince('RUN --mount'))) {
    notes.push({
      line: syntax.line + 1,
      message: `no cache mounts: the file pins ${syntax.value}, which does not read RUN --mount (docker/dockerfile:1.2 and later do)`,
    });
    return { plans, notes, envRemovals: new Map() };
  }

  // 1. what each RUN uses, and where those caches are
  const unsupportedSeen = new Set<string>();
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
    let invs = findInvocations(run, MANAGERS, st);
    if (only) invs = invs.filter((i) => only.has(i.manager.id));
    else if (!run.hasErrors) {
      if (!invs.some((i) => i.manager.id === 'go')) {
        const hint = opaqueGoBuildNote(run, st, ins.line + 1);
        if (hint) notes.push(hint);
      }
      notes.push(...unsupportedManagers(run, ins.line + 1, unsupportedSeen));
      notes.push(...switchedUserScripts(run, ins.line + 1));
    }
    if (!invs.length) continue;
    const plan: RunPlan = {
      index: ins.index,
      line: ins.line + 1,
      st,
      run,
      uses: new Map(),
      add: new Map(),
      skip: new Map(),
      uncovered: new Set(),
      inline: new Map(),
      setupDone: new Set(),
      where: new Map(),
    };
    for (const inv of invs) {
      const list = plan.uses.get(inv.manager.id) ?? [];
      list.push(inv);
      plan.uses.set(inv.manager.id, list);
    }
    plans.push(plan);
  }

  // the commands each stage's image starts with: found once, when a manager needs them
  let atStart: ReturnType<typeof startupCommands> | null = null;
  for (const plan of plans) {
    const lookup = lookupFor(ctx, plan);
    for (const [id, invs] of plan.uses) {
      const m = managerById(id);
      if (plan.run.hasErrors) {
        plan.skip.set(id, 'the shell in this RUN could not be parsed');
        continue;
      }
      // a cache mount whose target BuildKit does not resolve to a known folder (`~/.pnpm-store`,
      // `$HOME/.cache`): the tool cannot tell which cache it already provides
      const opaque = plan.run.info.mounts.find(
        (mt) => mt.type === 'cache' && mountPath(mt, plan.st) === null,
      );
      if (opaque) {
        plan.skip.set(
          id,
          `it already has a cache mount at ${opaque.target ?? '(no target)'}, a folder the tool cannot work out`,
        );
        continue;
      }
      if (m.os && !m.os.includes(plan.st.os)) {
        plan.skip.set(
          id,
          `${m.id} does not belong in ${/^[aeiou]/.test(plan.st.os) ? 'an' : 'a'} ${plan.st.os} stage`,
        );
        continue;
      }
      const startup = m.runtimeTools
        ? model
            .descendants(plan.st.stage)
            .flatMap((s) => (atStart ??= startupCommands(ctx)).get(s) ?? [])
            .find((c) => toolMatches(c.tool, m.runtimeTools!))
        : undefined;
      if (startup) {
        plan.skip.set(
          id,
          `the image runs \`${startup.text}\` when it starts (line ${startup.line}), which needs what ${id} keeps in its cache to be in the image`,
        );
        continue;
      }
      const targets: ResolvedTarget[] = [];
      // targets the RUN's own cache mounts hold; all of them (`held`), or some not for certain
      const covered: ResolvedTarget[] = [];
      let held = true;
      let notHeld: string | null = null;
      let reason: string | null = null;
      const added = [...plan.add.values()].flat();
      const majors = (inv: Invocation) =>
        invocationMajors(inv, { run: plan.run, st: plan.st, copied: lookup });
      const applying = m.caches.filter((c) => targetApplies(c, invs, majors));
      const where: CacheWhere = {
        applicable: new Set(applying.map((t) => t.name)),
        mounted: new Set(),
        setting: null,
      };
      plan.where.set(id, where);
      for (const t of applying) {
        const r = resolveTarget(t, invs, plan.run, plan.st, lookup);
        if (!r.ok) {
          if (t.output) continue; // an output folder never blocks the download caches
          if (r.leftOut) {
            // the manager keeps this cache where no mount can go: the others still count
            notes.push({ line: plan.line, message: `no ${t.name} mount: ${r.reason}` });
            continue;
          }
          reason = r.reason;
          break;
        }
        if (t.output) {
          const blocked =
            outputBlocked(ctx, plan, invs, r.target.path) ?? builtBefore(ctx, plan, m, t, r.target.path);
          if (blocked === 'not copied out') continue;
          if (blocked) {
            notes.push({ line: plan.line, message: `no ${t.name} mount at ${r.target.path}: ${blocked}` });
            continue;
          }
        }
        const copiedOut =
          !t.output &&
          (copiedFromStage(ctx, plan, r.target.path) ??
            copiedInto(ctx, plan, r.target.path) ??
            deletesInto(plan, r.target.path));
        if (copiedOut) {
          notes.push({ line: plan.line, message: `no ${t.name} mount at ${r.target.path}: ${copiedOut}` });
          held = false;
          continue;
        }
        const overlaps = (p: string) => within(r.target.path, p) || within(p, r.target.path);
        // a mount whose folder is not known may be this one
        const existing = plan.run.info.mounts.find((mt) => {
          const at = mountPath(mt, plan.st);
          return at === null ? mt.target !== null : overlaps(at);
        });
        if (existing) {
          if (existing.type !== 'cache') {
            if (t.output) continue;
            reason = `it already mounts a ${existing.type} at ${existing.target}`;
            break;
          }
          where.mounted.add(t.name);
          // already cached: for certain when a cache mount holds the whole folder, writable by the user
          const whys = plan.run.info.mounts.map((mt) => notHolding(mt, r.target, plan.st));
          if (whys.includes(null)) {
            covered.push(r.target);
            // the system package managers lock their cache and fail, rather than wait, when
            // another process holds it: a shared mount fails when two builds use it at once
            const holder = plan.run.info.mounts[whys.indexOf(null)];
            const sharing = holder.options.get('sharing') ?? 'shared';
            // (private gives each build its own copy: no clash, only a colder cache)
            if (t.rootOwned && t.sharing && sharing === 'shared')
              notes.push({
                line: plan.line,
                message: `the RUN's own cache mount of ${holder.target} has sharing=${sharing}: ${id} locks that cache and fails when another build holds it, so two builds at once can fail; sharing=${t.sharing} (which the tool gives the mounts it adds) makes one wait for the other`,
              });
          } else if (!t.output) {
            held = false;
            notHeld ??= whys.find((w) => w !== '') ?? null;
          }
          continue;
        }
        // another manager of this RUN already mounts it (yum and dnf share /var/cache/dnf)
        if (added.some((a) => overlaps(a.path))) {
          where.mounted.add(t.name);
          continue;
        }
        // not this folder; the manager's others may still be mounted
        if (r.target.rootParent) {
          notes.push({
            line: plan.line,
            message: `no ${t.name} mount at ${r.target.path}: ${r.target.rootParent}`,
          });
          continue;
        }
        targets.push(r.target);
      }
      if (!held) {
        plan.uncovered.add(id);
        const off = notHeld && !targets.length && !reason ? cacheDefeat(m, invs, plan, covered) : null;
        if (off) notes.push({ line: plan.line, message: `left ${off}: ${notHeld}` });
      }
      // the stage setup for a target (Yarn's ENV YARN_ENABLE_GLOBAL_CACHE=false): needed, not
      // needed since the build already gives its setting, or in conflict with it (no mount)
      const setupTarget = targets.find((t) => t.target.name === m.setup?.forTarget);
      if (!reason && setupTarget) {
        const need = setupNeed(
          m,
          targetInvocations(setupTarget.target, invs, majors),
          plan.run,
          plan.st,
          lookup,
        );
        if ('refuse' in need) {
          targets.splice(targets.indexOf(setupTarget), 1);
          if (targets.length)
            notes.push({
              line: plan.line,
              message: `no ${setupTarget.target.name} mount at ${setupTarget.path}: ${need.refuse}`,
            });
          else reason = need.refuse;
        } else {
          if (!need.need) plan.setupDone.add(id);
          where.setting = setupValue(
            m,
            targetInvocations(setupTarget.target, invs, majors),
            plan.run,
            plan.st,
            lookup,
            need.need,
          );
        }
      }
      // a clean-up command that empties a cache to mount and files in the image: no mount there
      if (!reason) reason = blockCleanUps(doc, plan, m, targets, notes);
      // under a user the tool only assumes is root, a cache in a home folder may be another
      // user's: mounting it is harmless, but what turns the cache off cannot go, or that
      // user's cache would be left in the image
      const assumed = (ts: ResolvedTarget[]) =>
        plan.st.user.assumed && ts.some((t) => t.via === 'home') ? cacheDefeat(m, invs, plan, ts) : null;
      const defeat = reason ? null : assumed(targets);
      if (defeat)
        reason = `the base image ${plan.st.image ?? ''} is not one the tool knows and may run as a user other than root, whose cache would then stay in the image without ${defeat}`;
      const above = reason ? null : rmAbove(plan, id, targets);
      if (above)
        reason = `\`${above}\` removes the folder around the cache with whatever else is in it: with a mount there it would fail, and without it those other files would stay in the image`;
      const stuck = reason ? null : rmOfCaches(doc, plan, targets).find((r) => !r.edits && r.fails);
      if (stuck)
        reason = `\`${stuck.what}\` cannot be removed alone (it is in a branch or a loop), and with a mount there it would fail`;
      if (reason) plan.skip.set(id, reason);
      else if (targets.length) plan.add.set(id, targets);
      else if (covered.length && held) {
        // the RUN's own mounts hold the caches: what turns them off goes, as with a new mount
        const off =
          cacheDefeat(m, invs, plan, covered) ??
          (rmOfCaches(doc, plan, covered).length
            ? `\`rm\` of ${covered.map((t) => t.path).join(', ')}`
            : null);
        const unsure = off && assumed(covered);
        if (unsure)
          notes.push({
            line: plan.line,
            message: `left ${unsure}: the base image ${plan.st.image ?? ''} is not one the tool knows and may run as a user other than root, whose ${id} cache the RUN's mount may not hold`,
          });
        else if (off)
          plan.add.set(
            id,
            covered.map((t) => ({ ...t, existing: true })),
          );
      }
    }
  }

  // 2. managers that must be mounted on every RUN of a lineage or on none
  for (const m of MANAGERS) {
    if (only && !only.has(m.id)) continue;
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
      if (!blocker && m.requiresBefore) blocker = missingPrerequisite(ctx, m, group);
      // an offline RUN reads what it and the RUNs before it leave in the image's cache:
      // those stay unmounted, the RUNs after it do not matter to it
      const offline = blocker ? null : offlineUse(ctx, m, group);
      if (!blocker && m.requiresBefore?.inScripts && group.some((p) => p.add.has(m.id)))
        blocker = scriptWithoutPrerequisite(ctx, m, group[0].st.stage);
      if (!blocker) dropStoresWithoutCredentials(m, group, notes);
      if (!blocker) dropStoresBeforeOpaqueBuilds(ctx, m, group, notes);
      const upTo = blocker ? Infinity : (offline?.line ?? -1);
      blocker ??= offline;
      if (!blocker || !group.some((p) => p.add.has(m.id))) continue;
      for (const p of group) {
        if (p.line > upTo) continue;
        p.add.delete(m.id);
        if (!p.skip.has(m.id)) {
          p.skip.set(
            m.id,
            p.line === blocker.line
              ? blocker.reason
              : blocker === offline
                ? `what this RUN leaves in the ${m.id} cache is read by line ${blocker.line}: ${blocker.reason}`
                : `all ${m.id} RUNs of a stage share its state and line ${blocker.line} cannot be mounted: ${blocker.reason}`,
          );
        }
      }
    }
  }

  // what section 2 left out of a RUN's mounts is in the image: a clean-up command may now
  // empty both a mount and the image
  for (const p of plans) {
    for (const [id, targets] of p.add) {
      if (targets.every((t) => t.existing)) continue;
      const kept = [...targets];
      const reason = blockCleanUps(doc, p, managerById(id), kept, notes);
      if (reason) {
        p.add.delete(id);
        p.skip.set(id, reason);
      } else if (kept.length !== targets.length) p.add.set(id, kept);
    }
  }

  // 3. environment variables that turn a cache off
  const envRemovals = new Map<number, { names: Set<string>; managers: Set<string> }>();
  const envUses: DisablingEnvUse[] = [];
  for (const p of plans) {
    for (const id of [...p.add.keys()]) {
      const m = managerById(id);
      for (const d of m.disablingEnv ?? []) {
        for (const inv of p.uses.get(id)!) {
          if (!inv.n.env.has(d.name) || !turnsOff(d, inv.n.env.get(d.name)?.value)) continue;
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
        if (!turnsOff(d, v.value)) continue;
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
        // `ENV PIP_NO_CACHE_DIR=1` in a parent stage and again here: removing only this one
        // leaves the parent's in force
        const defs: DisablingEnvUse['defs'] = [];
        let at: Var | undefined = v;
        while (at && at.origin === 'env' && turnsOff(d, at.value)) {
          const line = at.line;
          const index = doc.instructions.findIndex((i) => i.line + 1 === line);
          defs.push({ index, line });
          at = ctx.model.stateBefore(index)?.env.get(d.name);
        }
        envUses.push({ manager: id, name: d.name, defs, revealed: at });
      }
    }
  }
  for (const use of envUses) {
    const lines = new Set(use.defs.map((x) => x.line));
    const affected = plans.filter(
      (p) => p.uses.has(use.manager) && lines.has(p.st.env.get(use.name)?.line ?? -1),
    );
    const d = managerById(use.manager).disablingEnv!.find((x) => x.name === use.name)!;
    const envs = use.defs.map((x) => x.line).sort((a, b) => a - b);
    const envLines = `${envs.length > 1 ? 'lines' : 'line'} ${envs.join(', ')} ${envs.length > 1 ? 'turn' : 'turns'}`;
    // what the RUNs see once the ENVs are gone must leave the cache on
    const revealed =
      use.revealed && use.revealed.origin !== 'env' && turnsOff(d, use.revealed.value)
        ? `the base image sets ${use.name} too`
        : null;
    const arg = affected.find((p) => {
      const a = p.st.args.get(use.name);
      return !use.revealed && !!a && turnsOff(d, a.value);
    });
    const unremovable = use.defs.find((x) => !removeEnvPairs(ctx, x.index, new Set([use.name])));
    const held = revealed
      ? `ENV ${use.name} on ${envLines} the cache off, and without it ${revealed}`
      : arg
        ? `ENV ${use.name} on ${envLines} the cache off, and without it ARG ${use.name} on line ${arg.st.args.get(use.name)!.line} would`
        : unremovable
          ? `ENV ${use.name} on line ${unremovable.line} turns the cache off, and the tool cannot remove it`
          : null;
    // the ENVs stay: the RUNs they reach get no new mount, and the reason
    const keep = (why: string) => {
      for (const p of affected) {
        const had = p.add.get(use.manager);
        if (!had || !p.add.delete(use.manager)) continue;
        if (had.every((t) => t.existing))
          notes.push({ line: p.line, message: `${use.manager} cache already mounted, but ${why}` });
        else p.skip.set(use.manager, why);
      }
    };
    if (held) {
      keep(held);
      continue;
    }
    const blocker = affected.find((p) => !p.add.has(use.manager) && !alreadyMounted(p, use.manager));
    if (blocker) {
      keep(
        `ENV ${use.name} on ${envLines} the cache off and also ${envs.length > 1 ? 'apply' : 'applies'} to line ${blocker.line}, ${blocker.uncovered.has(use.manager) ? `whose own cache mount may not hold all of the ${use.manager} cache` : 'which gets no mount'}`,
      );
      continue;
    }
    for (const x of use.defs) {
      const e = envRemovals.get(x.index) ?? { names: new Set(), managers: new Set() };
      e.names.add(use.name);
      e.managers.add(use.manager);
      envRemovals.set(x.index, e);
    }
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
    const existingIds = cacheIds(doc, model);
    for (const p of plans) {
      for (const [id, why] of p.skip) rec.note(p.line, `no ${id} cache mount: ${why}`);
      if (!p.add.size) continue;
      const ins = doc.instructions[p.index];
      const flags: string[] = [];
      const edits: TextEdit[] = [];
      const removed: string[] = [];
      const flagsAdded: string[] = [];
      const added: PlannedTarget[] = [];
      for (const m of MANAGERS) {
        const targets = p.add.get(m.id);
        if (!targets) continue;
        for (const r of p.inline.get(m.id) ?? []) {
          edits.push(r.edit);
          removed.push(r.what);
        }
        for (const t of targets) {
          if (!t.existing)
            flags.push(mountFlag(t, existingIds.get(t.path) ?? null, ctx.options.cacheIdPrefix));
          added.push(t);
        }
        for (const inv of p.uses.get(m.id)!) {
          const dropped: ShellWord[] = [];
          const offline = m.dropOfflineFlags ? unfetchedOffline(m, inv, p.uses.get(m.id)!) : null;
          inv.n.args.forEach((w) => {
            if (defeatingFlag(m, w) || w === offline) {
              dropped.push(w);
              removed.push(w.value!);
            }
          });
          if (offline)
            rec.note(
              p.line,
              `removed \`${offline.value}\`: the ${m.id} packages an earlier RUN downloaded are in the cache mount now, not in the image; without the flag this command restores them from the cache`,
            );
          // a required flag takes the place of a dropped one; the others go after the sub-command
          const required = requiredFlagsFor(m, inv, p.uses.get(m.id)!).map((rf) => rf.flag);
          flagsAdded.push(...required);
          while (required.length && dropped.length)
            edits.push(replaceWord(p.run, dropped.shift()!, required.shift()!));
          if (required.length) edits.push(insertFlags(doc, p.run, inv, required));
          for (const w of dropped) edits.push(removeWord(doc, inv.cmd.argv, inv.cmd.argv.indexOf(w)));
        }
        const where = p.where.get(m.id);
        const mounted = new Set([...(where?.mounted ?? []), ...targets.map((t) => t.target.name)]);
        for (const c of where ? cleanUps(m, p.run, where, mounted) : []) {
          const e = c.mounts.length && !c.image.length ? removeCommand(doc, c.cmd) : null;
          if (e) {
            edits.push(...e);
            removed.push(commandText(c.cmd));
          } else if (c.mounts.length && !c.image.length)
            // only where the RUN's own mounts hold the cache: a new mount is kept off for it
            rec.note(
              p.line,
              `left \`${commandText(c.cmd)}\` in place (it cannot be removed alone); it empties the ${m.id} cache`,
            );
          else if (!c.mounts.length)
            rec.note(
              p.line,
              `left \`${commandText(c.cmd)}\` in place: it empties ${[...new Set(c.image)].join(' and ')}`,
            );
        }
      }
      for (const r of rmOfCaches(doc, p, added)) {
        if (r.edits) {
          edits.push(...r.edits);
          removed.push(r.what);
        } else
          rec.note(
            p.line,
            `left \`${r.what}\` in place (it cannot be removed alone); it empties the cache mount each build`,
          );
      }
      if (flags.length) edits.push(insertRunFlags(doc, ins, p.run.info, flags));
      if (!edits.length) continue;
      const list = (xs: string[]) => [...new Set(xs)].map((x) => '`' + x + '`').join(', ');
      const what = (existing: boolean) => {
        const ts = added.filter((t) => !t.existing === !existing);
        const ids = [...p.add].filter(([, t]) => t.some((x) => !x.existing === !existing)).map(([id]) => id);
        const where = ts.map((t) => t.path).join(', ');
        if (!ts.length) return [];
        return existing
          ? [`${ids.join(', ')} cache${ts.length > 1 ? 's' : ''} at ${where} already mounted`]
          : [`cache mount${ts.length > 1 ? 's' : ''} for ${ids.join(', ')} at ${where}`];
      };
      rec.fix(
        p.line,
        [
          ...what(false),
          ...what(true),
          ...(removed.length ? [`removed ${list(removed)}`] : []),
          ...(flagsAdded.length ? [`added ${list(flagsAdded)}`] : []),
        ].join('; '),
        mergeDeletions(doc.text, uniqueEdits(edits)),
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
        const { env: setup, forTarget, why } = managerById(id).setup ?? {};
        if (!setup || p.setupDone.has(id)) continue;
        if (forTarget && !p.add.get(id)!.some((t) => t.target.name === forTarget)) continue;
        const lineage = model.lineage(p.st.stage);
        for (const [name, value] of Object.entries(setup)) {
          if (p.st.env.has(name) || lineage.some((s) => done.has(`${s}:${name}`))) continue;
          done.add(`${p.st.stage}:${name}`);
          rec.fix(
            p.line,
            `ENV ${name}=${value} for the ${id} cache mount${why ? ` (${why})` : ''}`,
            [insertLinesBefore(doc, p.index, [`${keyword(doc, 'ENV')} ${name}=${value}`])],
            { adds: ['ENV'] },
          );
        }
      }
    }
    return rec;
  },
};

/** How resolving a RUN's caches reads what the build put into the image before it. */
function lookupFor(ctx: TransformContext, plan: RunPlan): CopiedLookup {
  const { doc, model, context } = ctx;
  return {
    byName: (names, near, before) => copiedFiles(doc, model, context, plan.index, names, near, before),
    at: (paths, before) => placedFiles(doc, model, context, plan.index, paths, before),
    commands: (before) => lineageCommands(doc, model, plan.index, before),
  };
}

/** A clean-up command of a manager in a RUN ({@link PackageManager.defeatingCommands}), and what it empties. */
interface CleanUp {
  cmd: ShellCommand;
  /** The mounted targets it empties (names); `null` for all of the manager's. */
  mounts: (string | null)[];
  /** What it empties in the image, for the report. */
  image: string[];
  /** What it empties depends on a setting the tool cannot tell (an entry's `setting`). */
  unsure: boolean;
}

/** The tools of each manager's clean-up commands. */
const cleanUpTools = new WeakMap<PackageManager, (string | RegExp)[]>();

/**
 * The manager's clean-up commands in a RUN, given where its caches are: `mounted` are the
 * targets a mount holds (those added, those the RUN's own mounts hold).
 */
function cleanUps(m: PackageManager, run: RunAnalysis, where: CacheWhere, mounted: Set<string>): CleanUp[] {
  const found = new Map<ShellCommand, CleanUp>();
  // the RUN's commands of the manager's tools, once (most RUNs have none)
  let tools = cleanUpTools.get(m);
  if (!tools) cleanUpTools.set(m, (tools = (m.defeatingCommands ?? []).flatMap((d) => d.tools)));
  const candidates = run.commands.filter((cmd) => {
    const n = normalizeCommand(cmd);
    return !!n && toolMatches(n.tool, tools);
  });
  if (!candidates.length) return [];
  const here = { ...run, commands: candidates };
  for (const d of m.defeatingCommands ?? []) {
    const holds =
      d.setting === undefined ? true : where.setting === null ? null : where.setting === d.setting;
    if (holds === false || (d.target && !where.applicable.has(d.target))) continue;
    const inImage =
      d.inImage ??
      (d.target && !mounted.has(d.target) ? (d.kept ?? `the ${d.target} cache in the image`) : null);
    for (const { cmd } of matchCommands(here, [d])) {
      let c = found.get(cmd);
      if (!c) found.set(cmd, (c = { cmd, mounts: [], image: [], unsure: false }));
      if (inImage !== null) c.image.push(inImage);
      else c.mounts.push(d.target ?? null);
      if (holds === null) c.unsure = true;
    }
  }
  return [...found.values()];
}

/** The clean-up commands of a RUN that go with these mounts: they empty only what the mounts hold. */
function removableCleanUps(m: PackageManager, plan: RunPlan, targets: ResolvedTarget[]): CleanUp[] {
  const where = plan.where.get(m.id);
  if (!where) return [];
  const mounted = new Set([...where.mounted, ...targets.map((t) => t.target.name)]);
  return cleanUps(m, plan.run, where, mounted).filter((c) => c.mounts.length && !c.image.length);
}

/**
 * Takes out of `targets` (the mounts planned for a manager in a RUN) those a clean-up command
 * of the RUN would empty on every build while it cannot go: it also empties files in the image
 * (which would then stay there), or it cannot be removed alone (a pipeline, a branch). Notes
 * each target taken out while others stay; returns the reason when none stays.
 */
function blockCleanUps(
  doc: DockerfileDoc,
  plan: RunPlan,
  m: PackageManager,
  targets: ResolvedTarget[],
  notes: MountPlan['notes'],
): string | null {
  const where = plan.where.get(m.id);
  if (!where || !m.defeatingCommands) return null;
  for (;;) {
    const mounted = new Set([...where.mounted, ...targets.map((t) => t.target.name)]);
    let hit: { blocked: ResolvedTarget[]; why: string } | null = null;
    for (const c of cleanUps(m, plan.run, where, mounted)) {
      const blocked = targets.filter((t) => c.mounts.some((x) => x === null || x === t.target.name));
      if (!blocked.length) continue;
      const text = `\`${commandText(c.cmd)}\``;
      const names = [...new Set(blocked.map((t) => t.target.name))];
      const caches = `the ${names.join(' and ')} cache${names.length > 1 ? 's' : ''}`;
      if (c.image.length) {
        const image = [...new Set(c.image)].join(' and ');
        const setting = m.setup?.setting?.env;
        hit = {
          blocked,
          why: c.unsure
            ? `${text} empties either ${caches}, which this RUN would mount, or ${image}, as ${setting ?? 'a setting'} says, which the tool cannot tell: it cannot go, and with a mount it may empty the mount on every build`
            : `${text} empties both ${caches}, which this RUN would mount, and ${image}: it cannot go, and with a mount it would empty the mount on every build`,
        };
      } else if (!removeCommand(doc, c.cmd)) {
        hit = {
          blocked,
          why: `${text} empties ${caches} and cannot be removed alone (it is in a pipeline, a branch or a loop): with a mount it would empty the mount on every build`,
        };
      }
      if (hit) break;
    }
    if (!hit) return null;
    for (const t of hit.blocked) targets.splice(targets.indexOf(t), 1);
    if (!targets.length) return hit.why;
    for (const t of hit.blocked)
      notes.push({ line: plan.line, message: `no ${t.target.name} mount at ${t.path}: ${hit.why}` });
  }
}

/** What in a RUN (or its stage's environment) turns a manager's cache off, as it is written; null: nothing. */
function cacheDefeat(
  m: PackageManager,
  invs: Invocation[],
  plan: RunPlan,
  targets: ResolvedTarget[],
): string | null {
  for (const inv of invs) {
    const flag = inv.n.args.find((w) => defeatingFlag(m, w));
    if (flag) return `\`${flag.raw}\``;
  }
  const [clean] = removableCleanUps(m, plan, targets);
  if (clean) return `\`${commandText(clean.cmd)}\``;
  for (const d of m.disablingEnv ?? []) {
    const staged = plan.st.env.get(d.name) ?? plan.st.args.get(d.name);
    // the command's own `VAR=x` prefix wins over the stage's ENV
    const off = invs.some((inv) =>
      inv.n.env.has(d.name)
        ? turnsOff(d, inv.n.env.get(d.name)?.value)
        : !!staged && turnsOff(d, staged.value),
    );
    if (off) return d.name;
  }
  return null;
}

/** A flag of the manager's invocation that bypasses its cache (`--no-cache-dir`). */
function defeatingFlag(m: PackageManager, w: ShellWord): boolean {
  const v = w.value;
  if (v === null) return false;
  return (m.defeatingFlags ?? []).some((f) => {
    const cut = f.indexOf('[');
    if (cut < 0) return f === v;
    // `--no-cac[he-dir]`: any of --no-cac ... --no-cache-dir
    return v.startsWith(f.slice(0, cut)) && (f.slice(0, cut) + f.slice(cut + 1, -1)).startsWith(v);
  });
}

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
  return !p.skip.has(manager) && !p.add.has(manager) && !p.uncovered.has(manager);
}

/**
 * Why a mount of the RUN does not hold this cache for certain (null: it does; '': it has
 * nothing to do with it). It does when it is a cache mount of the cache's folder or one above
 * it that the user running the manager can write (`uid=`/`gid=`/`mode=`; BuildKit's defaults
 * are root and 0755); its `id` and `sharing` do not matter.
 */
function notHolding(mt: Mount, t: ResolvedTarget, st: StageState): string | null {
  const at = mountPath(mt, st);
  if (mt.type !== 'cache' || at === null || !(within(t.path, at) || within(at, t.path))) return '';
  const mount = `the RUN's cache mount at ${mt.target}`;
  if (!within(t.path, at)) return `${mount} holds only part of the ${t.target.name} cache (${t.path})`;
  const flag = (k: string) => /^(true|1)?$/i.test(mt.options.get(k) ?? 'unset');
  if (flag('ro') || flag('readonly') || /^(false|0)$/i.test(mt.options.get('rw') ?? ''))
    return `${mount} is read-only`;
  if (t.uid === null) return null; // root
  const num = (k: string) => {
    const v = mt.options.get(k);
    return v === undefined ? 0 : /^\d+$/.test(v) ? Number(v) : NaN;
  };
  const mode = mt.options.has('mode') ? parseInt(mt.options.get('mode')!, 8) : 0o755;
  const writable =
    (num('uid') === t.uid && (mode & 0o200) !== 0) ||
    (t.gid !== null && num('gid') === t.gid && (mode & 0o020) !== 0) ||
    (mode & 0o002) !== 0;
  return writable
    ? null
    : `${mount} is not writable by uid ${t.uid} (it has no matching uid=, gid= or mode=)`;
}

/**
 * A RUN of the lineage group of `stage` that runs a script copied from the build context
 * whose text runs one of the manager's sub-commands (see `requiresBefore.inScripts`):
 * `RUN /tmp/install-build-deps.sh` runs apt-get install where no mount can go.
 */
function scriptWithoutPrerequisite(
  ctx: TransformContext,
  m: PackageManager,
  stage: number,
): { line: number; reason: string } | null {
  const { doc, model } = ctx;
  const { uses } = m.requiresBefore!.inScripts!;
  for (const { ins, st, run } of lineageRuns(ctx, rootOf(stage, model.lineage.bind(model)))) {
    const hidden = hiddenUse(doc, run, m, APT_IN_WORDS);
    for (const [i, cmd] of run.commands.entries()) {
      // a `-c` script the shell analysis did not take apart (`bash -c "apt-get install -y jq"`)
      const inline = unparsedShellScript(cmd, run);
      if (inline !== null && uses.test(inline))
        return {
          line: ins.line + 1,
          reason: `line ${ins.line + 1} runs \`${commandText(cmd)}\`, whose script the tool does not rewrite: it would read what a mounted RUN keeps out of the image, and leave its own downloads in it`,
        };
      if (cmd === hidden)
        return {
          line: ins.line + 1,
          reason: `line ${ins.line + 1} runs \`${commandText(cmd)}\`, which runs apt in words the tool does not take apart: it gets no mount, so it would read what a mounted RUN keeps out of the image, and leave its own downloads in it`,
        };
      const file = scriptFile(cmd, () => cwdAt(run, i, st), st);
      if (!file) continue;
      const text = placedFiles(doc, model, ctx.context, ins.index, [file], i).pop()?.text;
      if (!text) continue;
      const use = uses.exec(text);
      if (!use) continue;
      const from = text.lastIndexOf('\n', use.index) + 1;
      const to = text.indexOf('\n', use.index);
      const shown = text.slice(from, to < 0 ? undefined : to).trim();
      return {
        line: ins.line + 1,
        reason: `line ${ins.line + 1} runs ${file}, whose \`${shown}\` gets no mount (a script the tool does not rewrite): it would read what a mounted RUN keeps out of the image, and leave its own downloads in it`,
      };
    }
  }
  return null;
}

/**
 * The first command of a RUN that runs the manager in words the tool does not take apart
 * (`words`, as {@link APT_IN_WORDS}: `su -c "apt-get install -y jq"`, `find … -exec apt-get
 * install`): not itself an invocation of the manager, and holding no command the analysis
 * found (a parsed `sh -c '…'`); null when none does.
 */
export function hiddenUse(
  doc: DockerfileDoc,
  run: RunAnalysis,
  m: PackageManager,
  words: RegExp,
): ShellCommand | null {
  // most RUNs have no such words at all: one test of their whole text
  const cmds = run.commands;
  if (!cmds.length) return null;
  let from = cmds[0].start;
  let to = cmds[0].end;
  for (const c of cmds) {
    if (c.start < from) from = c.start;
    if (c.end > to) to = c.end;
  }
  if (!words.test(doc.text.slice(from, to))) return null;
  const invs = new Set(findInvocations(run, [m]).map((i) => i.cmd));
  return (
    run.commands.find(
      (cmd) =>
        !invs.has(cmd) &&
        words.test(doc.text.slice(cmd.start, cmd.end)) &&
        !run.commands.some((o) => o !== cmd && o.start >= cmd.start && o.end <= cmd.end),
    ) ?? null
  );
}

/**
 * The text of a `sh -c '…'`-style script argument that the RUN's analysis did not parse as a
 * script of its own (a double-quoted one), as written; null for other commands.
 */
function unparsedShellScript(cmd: ShellCommand, run: RunAnalysis): string | null {
  const argv = cmd.argv;
  if (!argv[0]?.value || !SHELL_NAMES.has(path.posix.basename(argv[0].value))) return null;
  const c = argv.findIndex((x, j) => j > 0 && /^-[a-z]*c[a-z]*$/.test(x.value ?? ''));
  const script = c > 0 ? argv[c + 1] : undefined;
  if (!script) return null;
  // parsed scripts have their commands inside the word
  if (run.commands.some((o) => o !== cmd && o.start >= script.start && o.end <= script.end)) return null;
  return script.value ?? script.raw;
}

/** The script file a command runs (`/tmp/x.sh`, `./x.sh`, `bash x.sh`), as an absolute path; null for anything else. */
function scriptFile(cmd: ShellCommand, cwd: () => string | null, st: StageState): string | null {
  const argv = cmd.argv;
  let w = argv[0];
  if (w?.value && SHELL_NAMES.has(path.posix.basename(w.value))) {
    // options up to the script: `-o pipefail` takes a value, `--` ends them; with `-c` the
    // script is a string, with `-s` it comes on stdin (`curl ... | sh -s -- -b /usr/local/bin`)
    let k = 1;
    for (; k < argv.length; k++) {
      const v = argv[k].value ?? '-';
      if (v === '--') {
        k++;
        break;
      }
      if (v === '-o' || v === '+o') k++;
      else if (!/^[-+]/.test(v)) break;
    }
    if (k >= argv.length || argv.slice(1, k).some((x) => /^-[a-z]*[cs]/.test(x.value ?? ''))) return null;
    w = argv[k];
  } else if (!w?.value?.includes('/')) return null;
  const v = w?.value ? expandWord(w, (x) => st.env.get(x)?.value ?? null, st.user.home) : null;
  if (!v) return null;
  if (v.startsWith('/')) return normalizePath(v);
  const dir = cwd();
  return dir === null ? null : normalizePath(`${dir}/${v}`);
}

/** The offline flag of an invocation with no fetching invocation before it in its RUN (see `offlineFlags`). */
function unfetchedOffline(m: PackageManager, inv: Invocation, all: Invocation[]): ShellWord | null {
  const offline = (i: Invocation) =>
    i.n.args.find((w) => w.value !== null && (m.offlineFlags ?? []).includes(w.value)) ?? null;
  const flag = offline(inv);
  return flag && !all.some((o) => o.index < inv.index && !offline(o)) ? flag : null;
}

/**
 * The last RUN of a group that runs the manager so that it downloads nothing (see
 * `offlineFlags`) and relies on what earlier RUNs left in its cache: not after a fetching
 * invocation in the same RUN, and not with a flag the mount lets go (a defeating flag).
 */
function offlineUse(
  ctx: TransformContext,
  m: PackageManager,
  group: RunPlan[],
): { line: number; reason: string } | null {
  // the last one: the RUNs before it fill the cache it reads
  for (const p of [...group].reverse()) {
    const ins = ctx.doc.instructions[p.index];
    const noNetwork = ins.flags.some((f) => f.name.toLowerCase() === 'network' && f.value === 'none');
    for (const inv of p.uses.get(m.id)!) {
      let how: string | null = null;
      if (noNetwork) how = 'RUN --network=none';
      else {
        const flag = unfetchedOffline(m, inv, p.uses.get(m.id)!);
        if (flag && !(p.add.has(m.id) && m.dropOfflineFlags)) how = flag.value;
        for (const e of m.offlineEnv ?? []) {
          const v = inv.n.env.has(e.name)
            ? (inv.n.env.get(e.name)?.value ?? null)
            : p.st.env.get(e.name)?.value;
          if (v !== undefined && v !== null && e.values.includes(v.toLowerCase())) how ??= `${e.name}=${v}`;
        }
      }
      if (!how) continue;
      return {
        line: p.line,
        reason: `line ${p.line} runs \`${commandText(inv.cmd)}\`, which with ${how} downloads nothing and can only use what is in the image's ${m.id} cache (from earlier RUNs or the base image): that must stay in the image, where a mount BuildKit may empty would not keep it`,
      };
    }
  }
  return null;
}

/**
 * The credentials a RUN mounts (`--mount=type=ssh`, `type=secret`), by type and id (an ssh
 * mount's id defaults to `default`, a secret's to the base name of its target), with the flag
 * as written.
 */
function credentialMounts(mounts: Mount[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const mt of mounts) {
    const type = mt.type.toLowerCase();
    if (type !== 'ssh' && type !== 'secret') continue;
    const id = mt.options.get('id') ?? (type === 'ssh' ? 'default' : path.posix.basename(mt.target ?? ''));
    out.set(`${type}:${id}`, `--${mt.flag.name}=${mt.flag.value ?? ''}`);
  }
  return out;
}

/**
 * Store caches (see {@link CacheTarget.store}) of a lineage where a RUN runs the manager
 * without credentials that an earlier RUN of it mounted: no RUN of the group gets them (an
 * earlier download into the mount, or a later mount over the downloads in the image, would
 * leave that RUN to download again without the credentials). Its other caches stay.
 */
function dropStoresWithoutCredentials(m: PackageManager, group: RunPlan[], notes: MountPlan['notes']): void {
  if (!m.caches.some((c) => c.store) || !group.some((p) => p.add.get(m.id)?.some((t) => t.target.store)))
    return;
  const seen = new Map<string, { line: number; flag: string }>();
  let gap: { line: number; reason: string } | null = null;
  for (const p of group) {
    const creds = credentialMounts(p.run.info.mounts);
    const missing = [...seen].filter(([k]) => !creds.has(k)).map(([, v]) => v);
    if (missing.length) {
      const lines = [...new Set(missing.map((x) => x.line))];
      const flags = missing.map((x) => `\`${x.flag}\``).join(' and ');
      const by = lines.length > 1 ? `lines ${lines.join(' and ')} download` : `line ${lines[0]} downloads`;
      const cmd = commandText(p.uses.get(m.id)![0].cmd);
      gap = {
        line: p.line,
        reason: `line ${p.line} runs \`${cmd}\` without ${flags}, which ${by} with: once BuildKit empties the mount, it would download again without ${missing.length > 1 ? 'them' : 'it'} and fail, so the downloads stay in the image`,
      };
      break;
    }
    for (const [k, flag] of creds) if (!seen.has(k)) seen.set(k, { line: p.line, flag });
  }
  if (!gap) return;
  const { line, reason } = gap;
  dropStores(
    m,
    group,
    (p) => (p.line === line ? reason : `the ${m.id} RUNs of a stage share its downloads, and ${reason}`),
    notes,
  );
}

/** Takes the store caches of `m` off these RUNs' mounts (its other caches stay), with the reason. */
function dropStores(
  m: PackageManager,
  plans: RunPlan[],
  reason: (p: RunPlan) => string,
  notes: MountPlan['notes'],
): void {
  for (const p of plans) {
    const targets = p.add.get(m.id);
    const dropped = targets?.filter((t) => t.target.store) ?? [];
    if (!targets || !dropped.length) continue;
    const kept = targets.filter((t) => !t.target.store);
    const why = reason(p);
    if (kept.length) {
      p.add.set(m.id, kept);
      for (const t of dropped)
        notes.push({ line: p.line, message: `no ${t.target.name} mount at ${t.path}: ${why}` });
    } else {
      p.add.delete(m.id);
      p.skip.set(m.id, why);
    }
  }
}

/** The RUNs of the stages whose lineage starts at stage `root`, in file order, with the state before each. */
function* lineageRuns(
  ctx: TransformContext,
  root: number,
): Generator<{ ins: Instruction; st: StageState; run: RunAnalysis }> {
  const { doc, model } = ctx;
  for (const ins of doc.instructions) {
    if (ins.keyword !== 'RUN') continue;
    const st = model.stateBefore(ins.index);
    if (st && rootOf(st.stage, model.lineage.bind(model)) === root)
      yield { ins, st, run: doc.run(ins.index) };
  }
}

/** Build runners that may run any package manager the tool cannot see (`make build` running `go build`). */
const OPAQUE_BUILDERS = new Set([
  'make',
  'gmake',
  'mage',
  'task',
  'just',
  'goreleaser',
  'bazel',
  'bazelisk',
  'xx-cargo',
]);

/**
 * Package managers the tool has no cache recipe for, by the first words of their commands
 * that download: the report says they were seen and left alone, so a bulk migration can
 * tell "nothing to do" from "not supported".
 */
const UNSUPPORTED: { tool: string; sub: RegExp; name: string }[] = [
  // any sbt task resolves the build's dependencies first (`sbt http/assembly`)
  { tool: 'sbt', sub: /./, name: 'sbt' },
  {
    tool: 'mix',
    sub: /^(deps\.get|deps\.compile|compile|release|local\.hex|local\.rebar)/,
    name: 'mix (Elixir)',
  },
  { tool: 'rebar3', sub: /^(get-deps|compile|release|as)/, name: 'rebar3' },
  { tool: 'deno', sub: /^(cache|install|compile)/, name: 'deno' },
  { tool: 'pipx', sub: /^(install|inject|upgrade)/, name: 'pipx' },
  { tool: 'dart', sub: /^(pub get|pub upgrade|compile)/, name: 'dart pub' },
  { tool: 'flutter', sub: /^(pub get|build|precache)/, name: 'flutter' },
  { tool: 'swift', sub: /^(build|package resolve)/, name: 'SwiftPM' },
  { tool: 'cabal', sub: /^(update|install|build|v2-)/, name: 'cabal' },
  { tool: 'stack', sub: /^(setup|build|install)/, name: 'stack' },
  { tool: 'lein', sub: /^(deps|uberjar|install)/, name: 'Leiningen' },
  { tool: 'opam', sub: /^(install|init|update)/, name: 'opam' },
  { tool: 'pacman', sub: /^-S/, name: 'pacman' },
  { tool: 'cpanm', sub: /./, name: 'cpanminus' },
  { tool: 'conan', sub: /^(install|create|build)/, name: 'Conan' },
  { tool: 'vcpkg', sub: /^install/, name: 'vcpkg' },
  { tool: 'luarocks', sub: /^install/, name: 'luarocks' },
];

/** The note for the first command of each such manager in the file (`seen`: those already noted). */
function unsupportedManagers(
  run: RunAnalysis,
  line: number,
  seen: Set<string>,
): { line: number; message: string }[] {
  const out: { line: number; message: string }[] = [];
  for (const cmd of run.commands) {
    const n = normalizeCommand(cmd);
    const u = n && UNSUPPORTED.find((x) => x.tool === n.tool);
    if (!u || seen.has(u.name)) continue;
    // the sub-command, with or without the options before it (`sbt -Dx=1 stage`, `pacman -Syu`)
    const all = n.args.map((w) => w.value ?? '');
    const words = all.filter((v) => !v.startsWith('-'));
    if (!u.sub.test(all.join(' ')) && !u.sub.test(words.join(' '))) continue;
    seen.add(u.name);
    out.push({
      line,
      message: `\`${commandText(cmd)}\`: the tool has no cache recipe for ${u.name}, so it adds no mount and moves nothing for it`,
    });
  }
  return out;
}

/** Tools that run a script as another user, given with `-c`: `su node -c 'npm ci'`, `runuser -l app -c '...'`. */
const SCRIPT_AS_USER = new Set(['su', 'runuser']);

/**
 * Package-manager commands in a script that `su USER -c` (or `runuser`) runs: the tool does
 * not follow them (su may start a login shell and resets HOME and other variables; which it
 * does depends on its options and the system), so no mount, and a line saying so.
 */
function switchedUserScripts(run: RunAnalysis, line: number): { line: number; message: string }[] {
  const out: { line: number; message: string }[] = [];
  for (const cmd of run.commands) {
    // `runuser -l USER -c` is not one of the switchers normalizeCommand reads
    const n = normalizeCommand(cmd);
    const tool = n?.tool ?? path.posix.basename(cmd.argv[0]?.value ?? '');
    if (!SCRIPT_AS_USER.has(tool)) continue;
    const args = n?.args ?? cmd.argv.slice(1);
    const script = optionValue(args, '-c') ?? optionValue(args, '--command');
    if (!script?.value) continue;
    const inner = parseShell(identitySegment(script.value, 0));
    const ids = new Set<string>();
    for (const { manager } of findInvocations({ ...run, scripts: [inner], commands: inner.commands }))
      // apt's (all-or-nothing) is reported with the lineage's refusal, which names this RUN
      if (!manager.allOrNothing) ids.add(manager.id);
    if (ids.size)
      out.push({
        line,
        message: `\`${commandText(cmd)}\`: the tool does not follow what ${tool} -c runs (it may reset HOME and the environment), so no ${[...ids].join(', ')} mount for it`,
      });
  }
  return out;
}

/**
 * A RUN in a stage that has Go, running a build runner (`make build`) or a script of its own
 * (`./build.sh`), and no go command the tool sees: no mount, as the tool cannot tell what it
 * runs, but a note that says which one is safe to add by hand if it runs go. Go's build
 * cache is keyed by the content of what it compiles, and nothing of it is needed in the
 * image; the module cache is not (the build may need the modules an earlier layer downloaded).
 */
function opaqueGoBuildNote(
  run: RunAnalysis,
  st: StageState,
  line: number,
): { line: number; message: string } | null {
  const known = (name: string) => st.env.get(name)?.value ?? null;
  const path = known('PATH') ?? st.env.get('PATH')?.shape ?? '';
  if (!st.env.has('GOPATH') && !st.env.has('GOROOT') && !/(^|:)[^:]*\/go\/bin\/?(:|$)/.test(path))
    return null;
  const cmd = run.commands.find((c, i) => {
    const n = normalizeCommand(c);
    return (n && OPAQUE_BUILDERS.has(n.tool)) || scriptFile(c, () => cwdAt(run, i, st), st);
  });
  if (!cmd) return null;
  const xdg = known('XDG_CACHE_HOME');
  const target = st.env.has('GOCACHE')
    ? known('GOCACHE')
    : st.env.has('XDG_CACHE_HOME')
      ? xdg && `${xdg}/go-build`
      : st.user.home && `${st.user.home}/.cache/go-build`;
  const where = target
    ? `--mount=type=cache,target=${normalizePath(target)}`
    : 'a cache mount at `go env GOCACHE`';
  return {
    line,
    message: `no cache mount: \`${commandText(cmd)}\` runs commands the tool cannot see; if it runs go build, ${where} (Go's build cache) is safe to add by hand, not the module cache (the build may need the modules in the image)`,
  };
}

/**
 * Store caches (the module cache, the registry: where the dependencies themselves live) are
 * not mounted when a later RUN of the lineage runs a build the tool cannot see into: a build
 * runner (`make build-go`) or a script (`./build.sh`). Its own commands get no mount, and with
 * the downloads in the mount rather than the image they would find nothing: download again on
 * every build, or fail where only the mounted RUN could fetch (a private proxy, `GOPROXY=off`).
 */
function dropStoresBeforeOpaqueBuilds(
  ctx: TransformContext,
  m: PackageManager,
  group: RunPlan[],
  notes: MountPlan['notes'],
): void {
  const stored = group.filter((p) => p.add.get(m.id)?.some((t) => t.target.store));
  if (!stored.length) return;
  const { model } = ctx;
  const mine = new Set(group.map((p) => p.index));
  let found: { line: number; text: string } | null = null;
  for (const { ins, st, run } of lineageRuns(ctx, rootOf(stored[0].st.stage, model.lineage.bind(model)))) {
    if (found) break;
    if (ins.index <= stored[0].index || mine.has(ins.index)) continue;
    for (const [i, cmd] of run.commands.entries()) {
      const n = normalizeCommand(cmd);
      const script = scriptFile(cmd, () => cwdAt(run, i, st), st);
      if ((n && OPAQUE_BUILDERS.has(n.tool)) || script) {
        found = { line: ins.line + 1, text: commandText(cmd) };
        break;
      }
    }
  }
  if (!found) return;
  const reason = `line ${found.line} runs \`${found.text}\`, which may run ${m.id} where no mount can go: it would find the downloads neither in the image nor in the cache, so they stay in the image`;
  dropStores(m, stored, () => reason, notes);
}

/**
 * The first RUN of a group that runs a sub-command without its prerequisite surely run
 * before it in the same RUN: on every path the shell can take to it (the official images
 * update and install in each branch of a `case`), not only in a branch, after `||`, or in
 * the background.
 */
function missingPrerequisite(
  ctx: TransformContext,
  m: PackageManager,
  group: RunPlan[],
): { line: number; reason: string } | null {
  const req = m.requiresBefore!;
  for (const p of group) {
    const invs = p.uses.get(m.id)!;
    const prerequisites = invs.filter((o) => req.before.includes(o.subcommand));
    for (const inv of invs) {
      if (!req.subcommands.includes(inv.subcommand)) continue;
      const earlier = prerequisites.filter((o) => o.index < inv.index);
      if (
        runsBefore(
          p.run.scripts,
          inv.cmd,
          earlier.map((o) => o.cmd),
        )
      )
        continue;
      const what = `\`${inv.n.tool} ${inv.subcommand}\``;
      // the one the reader would take for it: the last before it, else the first after it
      const named = earlier[earlier.length - 1] ?? prerequisites[0];
      const lineOf = (o: Invocation) => ctx.doc.lineOfOffset(o.cmd.start);
      return {
        line: p.line,
        reason: named
          ? `line ${lineOf(inv)} runs ${what}, but its \`${named.n.tool} ${named.subcommand}\` on line ${lineOf(named)} does not run before it on every path: where it does not, it ${req.reason}`
          : `line ${p.line} runs ${what} without ${req.name} in the same RUN, so it ${req.reason}`,
      };
    }
  }
  return null;
}

/**
 * The ids the file's own cache mounts give their folders (`id=pnpm,target=/pnpm/store`): a
 * new mount of the same folder takes the same id, so it shares that cache rather than
 * starting another one under the default id (the target path).
 */
function cacheIds(doc: DockerfileDoc, model: StageModel): Map<string, string> {
  const ids = new Map<string, string>();
  for (const ins of doc.instructions) {
    if (ins.keyword !== 'RUN' || !ins.flags.some((f) => f.name.toLowerCase() === 'mount')) continue;
    const st = model.stateBefore(ins.index);
    if (!st) continue;
    for (const mt of doc.run(ins.index).info.mounts) {
      const id = mt.options.get('id');
      const at = mt.type === 'cache' && id && !id.includes('$') ? mountPath(mt, st) : null;
      if (at && !ids.has(at)) ids.set(at, id!);
    }
  }
  return ids;
}

function mountFlag(t: ResolvedTarget, id: string | null, prefix: string | null): string {
  let s = '--mount=type=cache';
  if (id) s += `,id=${id}`;
  else if (prefix) s += `,id=${prefix}-${t.target.name}`;
  s += `,target=${t.path}`;
  if (t.target.sharing) s += `,sharing=${t.target.sharing}`;
  if (t.uid !== null) s += `,uid=${t.uid}`;
  if (t.gid !== null) s += `,gid=${t.gid}`;
  return s;
}

export function commandText(cmd: ShellCommand): string {
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

/**
 * The path of an `rm` or `find` operand, absolute (a relative one from the working
 * directory when it is known), with the stage's ENV and the user's home put in; null when
 * only the build knows it.
 */
function operandPath(p: RunPlan, cwd: string | null, w: ShellWord): string | null {
  const v = expandWord(
    w,
    (x) => p.st.env.get(x)?.value ?? (x === 'HOME' ? p.st.user.home : null),
    p.st.env.get('HOME')?.value ?? p.st.user.home,
  );
  return absoluteFrom(cwd, v);
}

function absoluteFrom(cwd: string | null, v: string | null): string | null {
  if (v !== null && !v.startsWith('/') && cwd) return `${cwd}/${v}`;
  return v !== null && v.startsWith('/') ? v : null;
}

/**
 * An `rm` of the RUN whose operand is a folder above a target, or a glob that takes the
 * target's folder with others (`rm -rf /root/.cache` with /root/.cache/pip, `rm -rf
 * /var/cache/*` with /var/cache/apt): as written, the command it is. A folder of the
 * manager's own (named for it: `$CARGO_HOME/git`, `/tmp/poetry_cache`, `~/.bundle`) holds
 * only its caches, and its rm goes as one of the target itself does.
 */
function rmAbove(p: RunPlan, id: string, targets: ResolvedTarget[]): string | null {
  if (!targets.length) return null;
  for (const [index, cmd] of p.run.commands.entries()) {
    const n = normalizeCommand(cmd);
    if (!n || n.tool !== 'rm') continue;
    const cwd = cwdAt(p.run, index, p.st);
    for (const w of n.args) {
      if ((w.value ?? '').startsWith('-') || braceAlternatives(w)) continue;
      const v = operandPath(p, cwd, w);
      if (v === null) continue;
      const { dir, glob } = literalFolder(v);
      const own = (seg: string) => {
        const name = seg.toLowerCase().replace(/^\.+/, '');
        return name.includes(id) || (name.length >= 3 && id.includes(name));
      };
      if (dir.split('/').some(own)) continue;
      const above = (t: ResolvedTarget) =>
        glob ? !within(dir, t.path) && patternTakes(v, t.path) : t.path !== dir && within(t.path, dir);
      if (targets.some(above)) return commandText(cmd);
    }
  }
  return null;
}

/**
 * An `rm` (or part of one) that would empty or fail on a cache mount: the edits that remove
 * it, or null when it cannot be removed alone (`fails`: on the mount point itself).
 */
type RmOfCache = { edits: TextEdit[]; what: string } | { edits: null; what: string; fails: boolean };

/** `rm` arguments that would empty (or fail on) a cache mount this RUN now has. */
function rmOfCaches(doc: DockerfileDoc, p: RunPlan, added: ResolvedTarget[]): RmOfCache[] {
  const out: RmOfCache[] = [];
  if (!added.length) return out;
  p.run.commands.forEach((cmd, index) => {
    const n = normalizeCommand(cmd);
    if (!n || (n.tool !== 'rm' && n.tool !== 'find')) return;
    const cwd = cwdAt(p.run, index, p.st);
    if (n.tool === 'find') {
      out.push(...findOfCaches(doc, cmd, n.args, cwd, added));
      return;
    }
    const operands = n.args.filter((w) => !(w.value ?? '').startsWith('-'));
    // a part removed is shown as the command it would be on its own (`rm -rf ~/.bundle/`)
    const options = n.args
      .filter((w) => (w.value ?? '').startsWith('-'))
      .map((w) => w.raw + ' ')
      .join('');
    // a glob of what is inside a mount (`/var/lib/apt/lists/*`) empties it; anything else
    // (the mount's folder, one above it) would have rm fail on the mount point
    const insideMount = (v: string | null): boolean => {
      const f = v === null ? null : literalFolder(v);
      return !!f?.glob && added.some((t) => within(f.dir, t.path));
    };
    // relative operands (`rm -rf target`) name a mount too when the working directory is known
    const hitsMount = (v: string | null): boolean => {
      if (v === null) return false;
      const { dir, glob } = literalFolder(v);
      if (!glob) return added.some((t) => within(dir, t.path) || within(t.path, dir));
      // a glob: all it matches is in a mount (`/var/lib/apt/lists/*`), or it matches a
      // mount's folder or one above it (`/tmp/*` with /tmp/cache mounted); `/tmp/*.phar` is neither
      return added.some((t) => within(dir, t.path) || patternTakes(v, t.path));
    };
    const value = (w: ShellWord) => operandPath(p, cwd, w);
    // bash (a SHELL instruction) expands `{a,b}`: `rm -rf /var/lib/{apt,cache}/` removes /var/lib/apt
    const braces = bracesExpand(p.st, p.uses);
    const rewrites: { edits: TextEdit[]; what: string }[] = [];
    const hits: ShellWord[] = operands.filter((w) => {
      const alts = braces ? braceAlternatives(w) : null;
      if (!alts) return hitsMount(value(w));
      const hit = alts.words.map((a) => hitsMount(absoluteFrom(cwd, a)));
      if (!hit.includes(true)) return false;
      if (!hit.includes(false)) return true;
      // only some: the others stay in the group (`/var/lib/{cache,log}/`)
      const rest = alts.items.filter((_, k) => !hit[k]);
      const text = alts.prefix + (rest.length > 1 ? `{${rest.join(',')}}` : rest[0]) + alts.suffix;
      rewrites.push({
        edits: [{ start: w.start, end: w.end, text }],
        what: `rm ${options}${alts.words.filter((_, k) => hit[k]).join(' ')}`,
      });
      return false;
    });
    out.push(...rewrites);
    if (!hits.length) return;
    if (hits.length === operands.length) {
      const edits = removeCommand(doc, cmd);
      if (edits) out.push({ edits, what: commandText(cmd) });
      // in a branch or a loop: it stays, and only what it empties decides whether that is fine
      else out.push({ edits: null, what: commandText(cmd), fails: hits.some((w) => !insideMount(value(w))) });
    } else {
      for (const w of hits)
        out.push({ edits: [removeWord(doc, cmd.argv, cmd.argv.indexOf(w))], what: `rm ${options}${w.raw}` });
    }
  });
  return out;
}

/**
 * A `find` that deletes (`-delete`, `-exec rm`): its starting points as absolute paths (of
 * a glob, the folder that holds all it matches; null for one the tool cannot read: a
 * variable, a relative path without a known working directory) and where its expression
 * begins. Null for any other find.
 */
function findDeletion(
  args: ShellWord[],
  cwd: string | null,
): { starts: { word: ShellWord; path: string | null }[]; expression: number } | null {
  // find [-H] [-L] [-P] [-D opts] [-Olevel] starting-point... expression
  let k = 0;
  while (k < args.length && /^-([HLP]|O\d*)$/.test(args[k].value ?? '')) k++;
  if (args[k]?.value === '-D') k += 2;
  const starts: { word: ShellWord; path: string | null }[] = [];
  for (; k < args.length; k++) {
    let v = args[k].value;
    if (v === null || v.startsWith('-') || v === '(' || v === '!' || v === ',') break;
    if (!v.startsWith('/') && cwd) v = `${cwd}/${v}`;
    // a glob stands for the folder its literal part names (`vendor/bundle/ruby/*/gems/`)
    starts.push({ word: args[k], path: v.startsWith('/') ? literalFolder(v).dir : null });
  }
  const expr = args.slice(k).map((w) => w.value);
  const deletes =
    expr.includes('-delete') ||
    expr.some((v, i) => (v === '-exec' || v === '-execdir') && /^(\/bin\/)?rm$/.test(expr[i + 1] ?? ''));
  return starts.length && deletes ? { starts, expression: k } : null;
}

/**
 * A `find` that deletes under a folder this RUN now has a cache mount at (`find
 * /var/lib/apt/lists -type f -delete`): it would empty the cache on every build, or fail on
 * the mount's folder itself. The whole command goes when all its starting points are in
 * mounts, else those starting points. One that starts above a mount keeps the mount off
 * (see {@link deletesInto}).
 */
function findOfCaches(
  doc: DockerfileDoc,
  cmd: ShellCommand,
  args: ShellWord[],
  cwd: string | null,
  added: ResolvedTarget[],
): { edits: TextEdit[]; what: string }[] {
  const found = findDeletion(args, cwd);
  if (!found) return [];
  const hits = found.starts.filter((x) => x.path !== null && added.some((t) => within(x.path!, t.path)));
  if (!hits.length) return [];
  if (hits.length === found.starts.length) {
    const edits = removeCommand(doc, cmd);
    return edits ? [{ edits, what: commandText(cmd) }] : [];
  }
  // a part removed is shown as the command it would be on its own
  const expression = args
    .slice(found.expression)
    .map((w) => ' ' + w.raw)
    .join('');
  return hits.map(({ word }) => ({
    edits: [removeWord(doc, cmd.argv, cmd.argv.indexOf(word))],
    what: `find ${word.raw}${expression}`,
  }));
}

/**
 * A `find` of the RUN that deletes from a folder above a cache's (`find /opt/conda/ -type f
 * -name '*.a' -delete` next to /opt/conda/pkgs): with a mount it would delete some of the
 * cache's files, which every later build then uses without them (conda links its
 * environments from the extracted packages in pkgs).
 */
function deletesInto(plan: RunPlan, path: string): string | null {
  for (const [i, cmd] of plan.run.commands.entries()) {
    const n = normalizeCommand(cmd);
    if (!n || n.tool !== 'find') continue;
    const found = findDeletion(n.args, cwdAt(plan.run, i, plan.st));
    const above = found?.starts.find((x) => x.path === null || (within(path, x.path) && x.path !== path));
    if (above)
      return `\`${commandText(cmd)}\` deletes files under ${above.path ?? above.word.raw}, and with a mount it would delete them from the cache every later build uses`;
  }
  return null;
}

/**
 * Whether a RUN's shell expands braces: bash, zsh, ksh (a SHELL instruction), and `/bin/sh`
 * where it is bash: on the Red Hat, SUSE and Arch families, known by the image or by the
 * RUN's own package manager (dnf, zypper). Dash (Debian, Ubuntu) and busybox ash (Alpine)
 * do not.
 */
function bracesExpand(st: StageState, uses: ReadonlyMap<string, unknown>): boolean {
  const shell = path.posix.basename(st.shell[0] ?? 'sh');
  if (['bash', 'zsh', 'ksh', 'mksh'].includes(shell)) return true;
  if (shell !== 'sh') return false;
  return ['rhel', 'suse', 'arch'].includes(st.os) || uses.has('dnf') || uses.has('zypper');
}

/**
 * A literal word with one brace group of plain alternatives (`/var/lib/{apt,cache,log}/`):
 * its prefix, alternatives, suffix and the words it expands to. Null for other words (no
 * group, quotes, variables, ranges, nested or several groups: not rewritten).
 */
function braceAlternatives(
  w: ShellWord,
): { prefix: string; items: string[]; suffix: string; words: string[] } | null {
  const m = /^([^{}'"$\\`]*)\{([^{}'"$\\`]*,[^{}'"$\\`]*)\}([^{}'"$\\`]*)$/.exec(w.raw);
  if (!m || m[2].includes('..')) return null;
  const items = m[2].split(',');
  return { prefix: m[1], items, suffix: m[3], words: items.map((x) => m[1] + x + m[3]) };
}

/** The same edit reached twice (a command two managers both recognise) is made once. */
function uniqueEdits(edits: TextEdit[]): TextEdit[] {
  const seen = new Set<string>();
  return edits.filter((e) => {
    const key = `${e.start}:${e.end}:${e.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The required flags ({@link RequiredFlag}) an invocation still lacks. */
function requiredFlagsFor(m: PackageManager, inv: Invocation, all: Invocation[]): RequiredFlag[] {
  const hasWord = (i: Invocation, words: (string | RegExp)[]) =>
    i.n.args.some(
      (a) =>
        a.value !== null &&
        words.some((x) => (typeof x === 'string' ? a.value === x : wholeMatch(x).test(a.value!))),
    );
  const has = (i: Invocation, rf: RequiredFlag) => hasWord(i, [rf.flag, ...(rf.present ?? [])]);
  const applies = (i: Invocation, rf: RequiredFlag) =>
    (!rf.subcommands || rf.subcommands.includes(i.subcommand)) && !hasWord(i, rf.unlessWith ?? []);
  return (m.requiredFlags ?? []).filter(
    (rf) =>
      applies(inv, rf) &&
      !has(inv, rf) &&
      // an earlier command that surely runs has it, or gets it here, or ran `apk update`
      !all.some(
        (o) =>
          o.index < inv.index &&
          (has(o, rf) ||
            (!!rf.once && o.cmd.certain && applies(o, rf)) ||
            (rf.unlessAfter ?? []).includes(o.subcommand)),
      ),
  );
}

/** Is the word an element of an exec-form JSON array (it needs quotes)? */
function isJsonWord(run: RunAnalysis, w: ShellWord): boolean {
  return !!run.info.execArgv?.includes(w);
}

function replaceWord(run: RunAnalysis, w: ShellWord, flag: string): TextEdit {
  return { start: w.start, end: w.end, text: isJsonWord(run, w) ? JSON.stringify(flag) : flag };
}

/** Inserts flags after the invocation's sub-command (or after the tool when it has none). */
function insertFlags(doc: DockerfileDoc, run: RunAnalysis, inv: Invocation, flags: string[]): TextEdit {
  const argv = inv.cmd.argv;
  const sub = subcommandWords(inv);
  const after = sub.length ? sub[sub.length - 1] : inv.n.toolWords[inv.n.toolWords.length - 1];
  if (isJsonWord(run, after)) {
    const next = argv[argv.indexOf(after) + 1];
    const sep = next ? doc.text.slice(after.end, next.start) : ', ';
    return { start: after.end, end: after.end, text: flags.map((f) => sep + JSON.stringify(f)).join('') };
  }
  return { start: after.end, end: after.end, text: flags.map((f) => ' ' + f).join('') };
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
    start: ctx.doc.astOffset(ins, r.start),
    end: ctx.doc.astOffset(ins, r.end),
  });
  const spans = [span(ins.ast.getInstructionRange() as never), ...props.map((p) => span(p.getRange()))];
  return { edit: removeWord(ctx.doc, spans, i + 1), removesInstruction: false };
}

/**
 * Per stage: the commands its image runs when a container starts (the CMD and ENTRYPOINT in
 * force at the end of the stage, inherited through `FROM <stage>`), for
 * {@link PackageManager.runtimeTools}.
 */
function startupCommands(ctx: TransformContext): Map<number, { tool: string; line: number; text: string }[]> {
  const { doc, model } = ctx;
  const last = new Map<number, { cmd?: number; entrypoint?: number }>();
  for (const ins of doc.instructions) {
    if (ins.keyword !== 'CMD' && ins.keyword !== 'ENTRYPOINT') continue;
    const st = model.stateBefore(ins.index);
    if (!st) continue;
    const e = last.get(st.stage) ?? {};
    if (ins.keyword === 'CMD') e.cmd = ins.index;
    else e.entrypoint = ins.index;
    last.set(st.stage, e);
  }
  const inherited = (stage: number, kind: 'cmd' | 'entrypoint') =>
    model
      .lineage(stage)
      .map((s) => last.get(s)?.[kind])
      .find((i) => i !== undefined);
  const out = new Map<number, { tool: string; line: number; text: string }[]>();
  for (const f of model.finals) {
    const found: { tool: string; line: number; text: string }[] = [];
    for (const index of [inherited(f.stage, 'cmd'), inherited(f.stage, 'entrypoint')]) {
      if (index === undefined) continue;
      for (const cmd of doc.run(index).commands) {
        const n = normalizeCommand(cmd);
        if (n)
          found.push({
            tool: n.tool,
            line: doc.instructions[index].line + 1,
            text: cmd.argv.map((w) => w.value ?? w.raw).join(' '),
          });
      }
    }
    out.set(f.stage, found);
  }
  return out;
}

const COPY_TOOLS = new Set(['cp', 'mv', 'install', 'rsync']);

/**
 * Why an output folder ({@link CacheTarget.output}) cannot be mounted on this RUN: 'not copied
 * out' when no later command of the RUN copies something out of it, else the later instruction
 * that still reads it (null: safe to mount).
 */
/**
 * An earlier RUN of the stage lineage that runs the manager with its output in the same
 * folder (a placeholder dependency build, `cargo chef cook`): what it left there is in the
 * image's layers, and a mount on this RUN would hide it and build it all again.
 */
function builtBefore(
  ctx: TransformContext,
  plan: RunPlan,
  m: PackageManager,
  t: CacheTarget,
  path: string,
): string | null {
  const { doc, model } = ctx;
  const stages = model.lineage(plan.st.stage);
  for (const ins of doc.instructions.slice(0, plan.index)) {
    if (ins.keyword !== 'RUN') continue;
    const st = model.stateBefore(ins.index);
    if (!st || !stages.includes(st.stage)) continue;
    const run = doc.run(ins.index);
    const invs = findInvocations(run, MANAGERS, st).filter((i) => i.manager.id === m.id);
    if (!invs.length) continue;
    const r = resolveTarget(t, invs, run, st);
    if (r.ok && r.target.path === path)
      return `an earlier RUN (\`${commandText(invs[0].cmd)}\`) already builds into ${path}, and a mount would hide what it left there`;
  }
  return null;
}

/** Indexes of the COPY/ADD instructions with --from (asked for every cache of every RUN). */
function fromCopies(doc: DockerfileDoc): number[] {
  let list = fromCopiesOf.get(doc);
  if (!list) {
    list = doc.instructions
      .filter(
        (ins) =>
          (ins.keyword === 'COPY' || ins.keyword === 'ADD') &&
          ins.flags.some((f) => f.name.toLowerCase() === 'from'),
      )
      .map((ins) => ins.index);
    fromCopiesOf.set(doc, list);
  }
  return list;
}
const fromCopiesOf = new Memo<DockerfileDoc, number[]>();

/**
 * A later `COPY --from=<this stage or one built on it>` that copies the folder, or one
 * above or inside it (`COPY --from=deps /root/.m2 /root/.m2`): with a mount there, what the
 * RUN downloads is not in the stage, and the copy gets an empty folder or none.
 */
function copiedFromStage(ctx: TransformContext, plan: RunPlan, path: string): string | null {
  const { doc, model } = ctx;
  const later = fromCopies(doc).filter((i) => i > plan.index);
  if (!later.length) return null;
  const { names } = descendantNames(doc, model, plan.st.stage);
  for (const i of later) {
    const ins = doc.instructions[i];
    const st = model.stateBefore(i);
    const copy = st && copyParts(ins, st);
    if (!st || !copy?.from || !names.has(copy.from.toLowerCase())) continue;
    const hit = copy.sources.find((src) => {
      const p = fromSourceBound(src, st);
      return within(path, p) || within(p, path);
    });
    if (hit === undefined) continue;
    // a variable only the build knows (an ARG can be overridden) may name the cache folder
    const variable = /\$\{?(\w+)/.exec(hit)?.[1];
    const unknown =
      variable && (st.env.get(variable)?.value ?? null) === null
        ? `, which may be or hold ${path} (${variable} is only known when the image builds)`
        : '';
    return `line ${ins.line + 1} copies ${hit} out of the stage${unknown}: with a mount there, the copy would not get what this RUN downloads`;
  }
  return null;
}

/**
 * An earlier COPY or ADD of the lineage that puts files at or under a cache's folder
 * (`COPY debs/ /var/cache/apt/archives/`, then `apt-get install ./...deb` from there): a
 * mount there would hide them from the RUN.
 */
function copiedInto(ctx: TransformContext, plan: RunPlan, path: string): string | null {
  const { doc, model } = ctx;
  const lineage = model.lineage(plan.st.stage);
  for (let i = plan.index - 1; i >= 0; i--) {
    const ins = doc.instructions[i];
    if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') continue;
    const st = model.stateBefore(i);
    if (!st || !lineage.includes(st.stage)) continue;
    const dest = copyParts(ins, st)?.dest;
    if (dest && within(normalizePath(dest), path))
      return `line ${ins.line + 1} puts files there, which a mount would hide from this RUN`;
  }
  return null;
}

/**
 * The folder a `COPY --from` source names, or holds whatever it names: its variables are
 * read from the copying stage's ENV (as BuildKit expands them); one that stage does not
 * set (an ARG, which a build may override) and a glob may name anything below the folder
 * the literal part before them spells (`/app/target/release/${APP}`: `/app/target/release`;
 * `${VENV}`: `/`).
 */
function fromSourceBound(raw: string, st: StageState): string {
  const src = /^(["'])(.*)\1$/.exec(raw)?.[2] ?? raw;
  let unknown = false;
  const v = substitute(src, (n) => {
    const e = st.env.get(n)?.value ?? null;
    if (e === null) unknown = true;
    return e;
  });
  const known = v !== null && !unknown ? v : src;
  const cut = known.search(v !== null && !unknown ? /[*?[]/ : /[$*?[]/);
  const literal = cut < 0 ? known : known.slice(0, known.lastIndexOf('/', cut) + 1);
  return normalizePath('/' + literal);
}

/** The stages built on `stage` (itself included), and the names `COPY --from` may give them (index or alias). */
function descendantNames(
  doc: DockerfileDoc,
  model: StageModel,
  stage: number,
): { stages: Set<number>; names: Set<string> } {
  const stages = new Set(model.descendants(stage));
  const names = new Set(
    [...stages].flatMap((s) => [String(s), doc.stages[s]?.name ?? '']).filter((x) => x !== ''),
  );
  return { stages, names };
}

function outputBlocked(
  ctx: TransformContext,
  plan: RunPlan,
  invs: Invocation[],
  path: string,
): string | null {
  const { doc, model } = ctx;
  const last = Math.max(...invs.map((i) => i.index));
  const copied = plan.run.commands.some((cmd, index) => {
    if (index <= last) return false;
    const n = normalizeCommand(cmd);
    if (!n || !COPY_TOOLS.has(n.tool)) return false;
    const operands = n.args.filter((w) => !(w.value ?? '-').startsWith('-'));
    const sources = n.args.some((w) => w.value === '-t' || w.value?.startsWith('--target-directory'))
      ? operands
      : operands.slice(0, -1);
    const cwd = cwdAt(plan.run, index, plan.st);
    return sources.some((w) => {
      const v = w.value!.replace(/[*?[].*$/, '');
      const abs = v.startsWith('/') ? v : cwd ? `${cwd}/${v}` : null;
      return abs !== null && within(normalizePath(abs), path);
    });
  });
  if (!copied) return 'not copied out';
  // the folder is not in the image: nothing after this RUN may read it
  const cwd = plan.st.workdir;
  const rel = cwd && within(path, cwd) && path !== cwd ? path.slice(cwd.length).replace(/^\/+/, '') : null;
  const mentions = (text: string) =>
    text.includes(path) ||
    (rel !== null &&
      new RegExp(
        `(^|[\\s"'=,\\[])(\\./)?${rel.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(/|[\\s"',\\]]|$)`,
      ).test(text));
  const { stages, names } = descendantNames(doc, model, plan.st.stage);
  for (const ins of doc.instructions.slice(plan.index + 1)) {
    const st = model.stateBefore(ins.index);
    const inLineage = ins.keyword !== 'FROM' && st !== null && stages.has(st.stage);
    const from = ins.flags.find((f) => f.name.toLowerCase() === 'from')?.value?.toLowerCase();
    const copiesFrom = from !== undefined && names.has(from);
    if ((inLineage || copiesFrom) && mentions(doc.text.slice(ins.start, ins.end)))
      return `line ${ins.line + 1} reads it after this RUN, and its content would not be in the image`;
  }
  return null;
}
