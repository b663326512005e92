/**
 * deps-before-code: when a stage installs dependencies after a broad copy of the build
 * context, the manifests are copied first and the install runs before the code arrives:
 *
 *   COPY <manifests> <same destination>     (same --chown/--chmod/--link)
 *   RUN <install>                           (or a dependency-only step: go mod download, ...)
 *   COPY . .                                (the original copy, unchanged)
 *   RUN <the rest>
 *
 * The broad COPY moves down rather than the install moving up, so every instruction it
 * passes stays as written; each must keep its meaning (see src/reorder.ts). What the install
 * reads comes from the manager tables and the readers of src/ecosystems, checked against the
 * real build context and its .dockerignore. Anything that cannot be shown safe is refused
 * with the file or instruction that stopped it.
 */
import { matchSubcommand, normalizeCommand } from '../src/commands';
import { copiedFiles, placedFiles, placedFolder } from '../src/copied';
import type { DockerfileDoc } from '../src/dockerfile';
import {
  READERS,
  specFiles,
  tlsFromEnv,
  Inputs,
  ProjectFiles,
  type EarlierFile,
  type ReaderArgs,
} from '../src/ecosystems';
import type { TextEdit } from '../src/edits';
import { keyword } from '../src/edits';
import {
  envValue,
  findInvocations,
  storedValue,
  subcommandWords,
  type Invocation,
} from '../src/managers/resolve';
import type { DepsSpec } from '../src/managers/types';
import {
  broadCopy,
  commandVerdict,
  commandsWithCwd,
  copyLines,
  insertAfter,
  instructionBlock,
  passVerdict,
  runVerdict,
  SHELL_STATE,
  inert,
  type BroadCopy,
  type CommandAt,
  type Verdict,
} from '../src/reorder';
import { expandWord, type ShellCommand, type ShellScript, type ShellStep } from '../src/shell';
import { mountPath, normalizePath, type StageModel } from '../src/stage';
import { Recorder, type Transform, type TransformContext } from '../src/transform';
import { expandKnown, unknownVariables, variableAt } from '../src/variables';

const ID = 'deps-before-code';

/** One dependency install found in a RUN after the broad copy. */
interface Install {
  inv: Invocation;
  spec: DepsSpec;
  at: CommandAt;
  /** The RUN it is in. */
  index: number;
  inputs: Inputs;
  style: 'move' | 'warmup';
  /** The dependency-only command (warmup style). */
  warmup: string | null;
  /** Text of the invocation as written. */
  shown: string;
}

/** What happens to one RUN after the copy. */
type RunOutcome =
  | { kind: 'whole'; installs: Install[]; guesses: string[] }
  | {
      kind: 'split';
      installs: Install[];
      guesses: string[];
      k: number;
      warmups: Install[];
      /** Dependency-only steps not added, with why. */
      dropped: { install: Install; reason: string }[];
    }
  | { kind: 'warmup'; installs: Install[]; guesses: string[] }
  | { kind: 'other'; verdict: Verdict }
  | { kind: 'refused'; install: Install | null; reason: string }
  | { kind: 'done' };

export const depsBeforeCode: Transform = {
  id: ID,
  summary: 'copies manifests and installs dependencies before the broad COPY of the code',
  apply(ctx: TransformContext) {
    const rec = new Recorder(ID);
    const { doc, model } = ctx;
    for (const stage of doc.stages) {
      const st = model.stateBefore(stage.from + 1 <= stage.last ? stage.from + 1 : stage.from);
      if (!st || st.os === 'windows') continue;
      for (let c = stage.from + 1; c <= stage.last; c++) {
        const scan = broadCopy(doc, model, ctx.context, c);
        if (!scan) continue;
        if ('problem' in scan) {
          const later = firstInstallAfter(doc, c, stage.last);
          if (later) rec.note(later.line, `\`${later.shown}\` stays after the copy: ${scan.problem}`);
          continue;
        }
        if (!ctx.context) {
          const later = firstInstallAfter(doc, c, stage.last);
          if (later)
            rec.note(
              later.line,
              `\`${later.shown}\` stays after \`${scan.copy.text}\`: the build context is not known`,
            );
          continue;
        }
        planCopy(ctx, rec, scan.copy, stage.last);
        inLaterStages(ctx, rec, scan.copy, stage.index);
      }
    }
    return rec;
  },
};

/**
 * Installs in the stages built on the copy's stage (`FROM base AS api`) stay after the copy:
 * the tool moves installs within a stage only. Each such stage's first install gets a line,
 * unless a copy of that stage's own, or of a stage between, comes before it (that copy's
 * scan speaks for it).
 */
function inLaterStages(ctx: TransformContext, rec: Recorder, copy: BroadCopy, stage: number): void {
  const { doc, model } = ctx;
  const anyCopy = (from: number, last: number) => {
    for (let i = from + 1; i <= last; i++) if (broadCopy(doc, model, ctx.context, i) !== null) return true;
    return false;
  };
  for (const d of model.descendants(stage).slice(1)) {
    const s = doc.stages[d];
    const later = firstInstallAfter(doc, s.from, s.last);
    if (!later) continue;
    // a copy of the stage's own before the install, or in a stage between, is the one it follows
    const lineage = model.lineage(d);
    const between = lineage.slice(1, lineage.indexOf(stage)).map((x) => doc.stages[x]);
    if (anyCopy(s.from, later.index - 1) || between.some((x) => anyCopy(x.from, x.last))) continue;
    rec.note(
      later.line,
      `\`${later.shown}\` stays after \`${copy.text}\` (line ${copy.line}): that copy is in the stage this one builds on, and the tool moves an install only within the stage of the copy`,
    );
  }
}

/** Scans down from the broad COPY, decides how far it moves, and records the fix or the refusal. */
function planCopy(ctx: TransformContext, rec: Recorder, copy: BroadCopy, last: number): void {
  const { doc, model } = ctx;
  const moved: Install[] = [];
  const warmups: Install[] = [];
  let guesses: string[] = [];
  let pendingGuesses: string[] = [];
  let final: { kind: 'after' | 'before' | 'split'; index: number; k?: number } | null = null;
  // where the scan ended, and why when that leaves installs below the copy
  let ended = false;
  let blocker: { index: number; reason: string } | null = null;
  // instructions the copy moves below that are not installs
  const passed: number[] = [];
  // the RUN the scan stopped at, when it stopped at one that needs the code (not a blocker)
  let stoppedAt: { index: number; why: string; refused?: string } | null = null;
  for (let i = copy.index + 1; i <= last && !ended; i++) {
    const ins = doc.instructions[i];
    const o: RunOutcome =
      ins.keyword === 'RUN'
        ? runOutcome(ctx, copy, i)
        : { kind: 'other', verdict: passVerdict(doc, model, copy, i) };
    switch (o.kind) {
      case 'done':
        ended = true;
        break;
      case 'other':
        if (o.verdict.kind === 'stop') blocker = { index: i, reason: o.verdict.reason };
        else {
          passed.push(i);
          if (o.verdict.kind === 'guess') pendingGuesses.push(o.verdict.reason);
        }
        break;
      case 'refused':
        if (o.install && !unrelated(copy, o.reason))
          rec.note(
            ins.line + 1,
            `\`${o.install.shown}\` stays after \`${copy.text}\` (line ${copy.line}): ${o.reason}`,
          );
        else blocker = { index: i, reason: o.reason };
        if (!blocker)
          stoppedAt = {
            index: i,
            why: 'whose install stays after the copy',
            refused: o.install?.inv.manager.id,
          };
        ended = true;
        break;
      case 'whole':
      case 'split':
      case 'warmup':
        if (o.kind === 'split')
          for (const d of o.dropped)
            rec.note(
              ins.line + 1,
              `\`${d.install.shown}\` gets no dependency-only step before \`${copy.text}\`: ${d.reason}`,
            );
        moved.push(...(o.kind === 'warmup' ? [] : o.installs));
        addWarmups(warmups, o.kind === 'warmup' ? o.installs : o.kind === 'split' ? o.warmups : []);
        guesses = [...guesses, ...pendingGuesses, ...o.guesses];
        pendingGuesses = [];
        final = { kind: o.kind === 'whole' ? 'after' : o.kind === 'split' ? 'split' : 'before', index: i };
        if (o.kind === 'split') final.k = o.k;
        ended = o.kind !== 'whole';
        if (ended) stoppedAt = { index: i, why: 'which needs the code' };
        break;
    }
    if (blocker) ended = true;
  }
  if (stoppedAt) laterInstalls(ctx, rec, copy, stoppedAt, last, [...moved, ...warmups]);
  // a copy of the context that stops the scan is planned itself, with this one above it
  const nextCopy = blocker && broadCopy(doc, model, ctx.context, blocker.index);
  if (blocker && !unrelated(copy, blocker.reason) && !(nextCopy && 'copy' in nextCopy)) {
    const later = firstInstallAfter(doc, blocker.index - 1, last);
    // after a copy of a sub-folder (`COPY gradle gradle`, `COPY api/ api/`), a dependency-only
    // step, or an install whose dependency-only step runs before the copy, has nothing to gain
    if (later && !(copy.src !== '' && (depsOnly(later.inv, later.spec) || warmBefore(doc, copy, later))))
      rec.note(
        later.line,
        `\`${later.shown}\` stays after \`${copy.text}\` (line ${copy.line}): ${blocker.reason}`,
      );
  }
  if (!final) return;
  // a dependency-only step that an install moved whole already performs is not added again
  // (`dotnet restore X` moved, `dotnet publish X` after the copy needs no second restore);
  // nor one the same command on a larger project does, with the same options and everything
  // it reads (`dotnet restore Shop.sln` restores src/Shop.Api/Shop.Api.csproj)
  const redundant = (w: Install) =>
    moved.some(
      (m) =>
        m.at.cwd === w.at.cwd &&
        (plainText(m.inv) === withoutTargetEnv(w.warmup ?? '') ||
          (m.inv.manager.id === w.inv.manager.id &&
            withoutInputs(plainText(m.inv), m) === withoutInputs(withoutTargetEnv(w.warmup ?? ''), w) &&
            w.inputs.files.every((f) => m.inputs.files.some((g) => g.path === f.path)))),
    );
  const added = warmups.filter((w) => !redundant(w));
  const all = [...moved, ...added];
  // a copy of a folder that holds only what the installs read (`COPY requirements/
  // requirements/`) already is the manifests' copy: moving the install above it gains nothing
  if (onlyInputs(ctx, copy, all)) return;
  const files = new Map<string, { source: string; image: string; folder: boolean }>();
  for (const inst of all) {
    for (const f of inst.inputs.files) {
      const source = inst.inputs.project.source(f.path)!;
      if (!/^[A-Za-z0-9._@+=,:~/-]+$/.test(source)) {
        rec.note(
          doc.lineOfOffset(inst.at.cmd.start),
          `\`${inst.shown}\` stays after \`${copy.text}\`: the tool does not write COPY lines for the file name ${source}`,
        );
        return;
      }
      if (!files.has(f.path)) files.set(f.path, { source, image: f.path, folder: f.folder });
    }
  }
  // a file inside a folder that is copied whole needs no line of its own
  // and one an earlier COPY already put there from the same file of the context needs none
  const needed = [...files.values()].filter(
    (f) => ![...files.values()].some((o) => o.folder && f.image.startsWith(o.image + '/')),
  );
  const placed = placedFiles(
    doc,
    model,
    ctx.context,
    copy.index,
    needed.filter((f) => !f.folder).map((f) => f.image),
  );
  // the COPY lines of earlier files the steps read (they must stay above them)
  const used = new Set(all.flatMap((x) => [...x.inputs.project.earlierLines]));
  const already = (f: { source: string; image: string; folder: boolean }) => {
    const last = f.folder ? undefined : placed.filter((x) => x.path === f.image).pop();
    if (last?.how !== `copied from ${f.source}`) return false;
    used.add(last.line);
    return true;
  };
  const items = needed.filter((f) => !already(f));
  // dependency-only steps alone also go above the copies of the code right above this one
  const from = moved.length ? copy.index : copyRun(ctx, copy, passed, used);
  const lowered = loweredArgs(doc, copy, from, passed, final, [...moved, ...added]);
  const edits = buildEdits(doc, copy, from, items, final, added, !moved.length && !passed.length, lowered);
  const names = items.map((f) => f.source + (f.folder ? '/' : ''));
  const copyShown = `\`${copy.text}\``;
  const parts: string[] = [];
  if (moved.length)
    parts.push(
      `${moved.map((m) => `\`${m.shown}\``).join(', ')} now run${moved.length === 1 ? 's' : ''} before ${copyShown}`,
    );
  const before =
    from < copy.index
      ? `\`${doc.text.slice(doc.instructions[from].start, doc.instructions[from].end)}\``
      : copyShown;
  for (const w of added) parts.push(`\`${w.warmup}\` (for \`${w.shown}\`) added before ${before}`);
  const stamps = [...(lowered.above === null ? [] : range(lowered.above, from)), ...lowered.passed].map(
    (i) =>
      `\`${doc.text.slice(doc.instructions[i].start, doc.instructions[i].end)}\` (line ${doc.instructions[i].line + 1})`,
  );
  const message = `${parts.join('; ')}${names.length ? `, with only ${names.join(', ')} copied first` : needed.length || used.size ? ', with the files it reads already copied' : ''}${final.kind === 'split' ? `; line ${doc.instructions[final.index].line + 1} is split there` : ''}${stamps.length ? `; ${stamps.join(', ')} now ${stamps.length === 1 ? 'comes' : 'come'} after it, so a new value does not run it again` : ''}`;
  const unsafe = [...new Set(guesses)];
  rec.fix(
    doc.instructions[from].line + 1,
    unsafe.length ? `${message} (a guess: ${unsafe.join('; ')})` : message,
    edits.edits,
    {
      safety: unsafe.length ? 'unsafe' : 'safe',
      adds: edits.adds,
    },
  );
}

/** Whether every file a sub-folder copy brings is one the installs read (at most 200 files looked at). */
function onlyInputs(ctx: TransformContext, copy: BroadCopy, installs: Install[]): boolean {
  const c = ctx.context;
  if (copy.src === '' || !c || !installs.length) return false;
  const read = installs.flatMap((i) =>
    i.inputs.files.map((f) => ({ src: i.inputs.project.source(f.path), folder: f.folder })),
  );
  const covered = (rel: string) =>
    read.some((f) => f.src !== null && (f.src === rel || (f.folder && rel.startsWith(f.src + '/'))));
  let budget = 200;
  const walk = (dir: string): boolean => {
    for (const name of c.list(dir)) {
      const rel = `${dir}/${name}`;
      if (c.ignored(rel)) continue;
      if (--budget < 0) return false;
      if (c.isDirectory(rel) ? !covered(rel) && !walk(rel) : !covered(rel)) return false;
    }
    return true;
  };
  return c.isDirectory(copy.src) ? walk(copy.src) : covered(copy.src);
}

/**
 * The first of the COPYs of the build context right above the copy (nothing but comments
 * between) that can go below the dependency-only steps with it: those that put no file the
 * steps read, and can pass what the copy passes (kubebuilder's `COPY cmd/main.go
 * cmd/main.go`, `COPY api/ api/` above `COPY internal/ internal/`).
 */
function copyRun(ctx: TransformContext, copy: BroadCopy, passed: number[], used: Set<number>): number {
  const { doc, model } = ctx;
  const stage = doc.stageOf(copy.index)!;
  let from = copy.index;
  for (let j = copy.index - 1; j > stage.from; j--) {
    // ADD may unpack an archive: what it puts where is not known
    if (doc.instructions[j].keyword !== 'COPY') break;
    const scan = broadCopy(doc, model, ctx.context, j, true);
    if (!scan || 'problem' in scan || used.has(scan.copy.line)) break;
    const other = scan.copy;
    const verdict = (i: number) =>
      doc.instructions[i].keyword === 'RUN'
        ? runVerdict(doc, model, other, i)
        : passVerdict(doc, model, other, i);
    if (passed.some((i) => verdict(i).kind !== 'pass')) break;
    from = j;
  }
  return from;
}

/**
 * A COPY of one sub-folder of the context that does not bring the files an install reads
 * is not what the install waits for: a refusal there says nothing useful.
 */
function unrelated(copy: BroadCopy, reason: string): boolean {
  return copy.src !== '' && reason.endsWith('is not brought in by the copy');
}

/** Adds dependency-only steps, once each (two `go` commands of one RUN need one `go mod download`). */
function addWarmups(list: Install[], more: Install[]): void {
  for (const w of more) if (!list.some((x) => x.warmup === w.warmup && x.at.cwd === w.at.cwd)) list.push(w);
}

/**
 * Installs in the RUNs below the one the scan stopped at (`RUN cd web && npm ci && npm run
 * build`, then `RUN npm ci --prefix admin`) stay after the copy: the tool moves installs
 * only up to the first RUN that needs the code. Each gets a line saying so, unless an
 * install of the same command already runs before the copy.
 */
function laterInstalls(
  ctx: TransformContext,
  rec: Recorder,
  copy: BroadCopy,
  /** `refused`: the manager of an install refused there (its later installs share its reason). */
  stoppedAt: { index: number; why: string; refused?: string },
  last: number,
  done: Install[],
): void {
  const { doc } = ctx;
  const stopLine = doc.instructions[stoppedAt.index].line + 1;
  for (let i = stoppedAt.index + 1; i <= last; i++) {
    const ins = doc.instructions[i];
    // the stage's later copies of the context are planned on their own
    if (ins.keyword === 'COPY' || ins.keyword === 'ADD') return;
    if (ins.keyword !== 'RUN') continue;
    for (const inv of findInvocations(doc.run(i))) {
      const spec = specFor(inv);
      if (!spec || (copy.src !== '' && depsOnly(inv, spec)) || inv.manager.id === stoppedAt.refused) continue;
      const warmup = spec.warmup && !depsOnly(inv, spec);
      // a dependency-only step of the manager already runs before the copy, or the same install does
      const text = plainText(inv);
      if (done.some((d) => (warmup ? d.inv.manager.id === inv.manager.id : plainText(d.inv) === text)))
        continue;
      const why = `it runs after line ${stopLine}, ${stoppedAt.why} (installs move only up to there)`;
      rec.note(
        ins.line + 1,
        warmup
          ? `\`${shownOf(inv)}\` gets no dependency-only step before \`${copy.text}\` (line ${copy.line}): ${why}`
          : `\`${shownOf(inv)}\` stays after \`${copy.text}\` (line ${copy.line}): ${why}`,
      );
      break;
    }
  }
}

/** The first dependency install after instruction `from` in the stage (for refusal notes). */
function firstInstallAfter(
  doc: DockerfileDoc,
  from: number,
  last: number,
): { index: number; line: number; shown: string; inv: Invocation; spec: DepsSpec } | null {
  for (let i = from + 1; i <= last; i++) {
    if (doc.instructions[i].keyword !== 'RUN') continue;
    const inv = findInvocations(doc.run(i)).find((x) => specFor(x));
    if (inv)
      return { index: i, line: doc.instructions[i].line + 1, shown: shownOf(inv), inv, spec: specFor(inv)! };
  }
  return null;
}

/**
 * A warm-up's command without the line continuations and the `VAR=x` prefixes that only
 * choose the platform it builds for (`CGO_ENABLED=0 GOOS=linux go mod download` downloads
 * what `go mod download` does); other prefixes (GOPROXY, GOFLAGS) stay and make it differ.
 */
function withoutTargetEnv(text: string): string {
  let t = text
    .replace(/\\\r?\n/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  for (let m; (m = /^(CGO_ENABLED|GOOS|GOARCH|GOARM|GOAMD64|GO386)=("[^"]*"|'[^']*'|\S*) /.exec(t));)
    t = t.slice(m[0].length);
  return t;
}

/** A command's text without the words that name the files it reads (its project or solution). */
function withoutInputs(text: string, inst: Install): string {
  const cwd = inst.at.cwd;
  if (cwd === null) return text;
  return text
    .split(' ')
    .filter((word) => {
      const at = normalizePath(word.startsWith('/') ? word : `${cwd}/${word}`);
      return !inst.inputs.files.some((f) => f.path === at);
    })
    .join(' ');
}

/** The invocation's words without their quoting (a word that needs expansion stays as written). */
function plainText(inv: Invocation): string {
  return inv.cmd.argv.map((w) => expandWord(w, () => null) ?? w.raw).join(' ');
}

function shownOf(inv: Invocation): string {
  return inv.cmd.argv.map((w) => w.raw).join(' ');
}

function specFor(inv: Invocation): DepsSpec | null {
  return (
    inv.manager.deps?.find(
      (s) =>
        s.installs.includes('*') ||
        s.installs.includes(inv.subcommand) ||
        matchSubcommand(inv.n.args, s.installs) !== null,
    ) ?? null
  );
}

function depsOnly(inv: Invocation, spec: DepsSpec): boolean {
  const d = spec.depsOnly;
  if (!d) return false;
  if (d.subcommands && matchSubcommand(inv.n.args, d.subcommands) !== null) return true;
  return inv.n.args.some((w) => w.value !== null && (d.flags ?? []).includes(w.value.replace(/=.*$/, '')));
}

/** What one RUN after the copy does and how much of it can run before the code. */
function runOutcome(ctx: TransformContext, copy: BroadCopy, index: number): RunOutcome {
  const { doc, model } = ctx;
  const run = doc.run(index);
  const st = model.stateBefore(index)!;
  const line = doc.instructions[index].line + 1;
  const invs = findInvocations(run).filter((inv) => specFor(inv));
  if (!invs.length) return { kind: 'other', verdict: runVerdict(doc, model, copy, index) };
  if (run.hasErrors)
    return { kind: 'refused', install: null, reason: `the shell on line ${line} could not be parsed` };
  const cmds = commandsWithCwd(doc, model, index);
  const installs = new Map<number, Install>();
  for (const inv of invs) {
    const at = cmds.find((c) => c.cmd === inv.cmd)!;
    installs.set(inv.index, analyzeInstall(ctx, copy, inv, at, index, st));
  }
  const list = [...installs.values()];
  // a dependency-only step for this manager already runs before the copy
  if (list.every((x) => x.style === 'warmup' && alreadyWarm(doc, model, copy, x))) return { kind: 'done' };
  const script = run.scripts[0];
  const splittable = run.info.form === 'shell' && run.scripts.length === 1 && !run.info.heredocs.length;
  const steps: ShellStep[] = splittable ? script.steps : [];
  const stepOf = (cmd: number) => (splittable ? script.commands[cmd].step : -1);
  // the longest run of leading steps that can go before the code, ending on a movable install
  let k = -1;
  // steps k+1..clear all provably need no code
  let clear = -1;
  const guesses: string[] = [];
  let pending: string[] = [];
  let blocker: { install: Install | null; reason: string } | null = null;
  const unit = splittable ? steps.map((_, i) => i) : [0];
  const inertStep = (i: number) =>
    cmds.filter((c) => c.step === i).every((c) => inert(c.cmd)) || restatable(doc, index, i);
  for (const i of unit) {
    const inStep = list.filter((x) => !splittable || stepOf(x.inv.index) === i);
    const stepCmds = cmds.filter((c) => !splittable || c.step === i);
    if (inStep.length) {
      const bad = inStep.find((x) => x.inputs.refusal || x.style === 'warmup');
      if (bad) {
        if (bad.inputs.refusal) blocker = { install: bad, reason: bad.inputs.refusal };
        // configuration steps before a dependency-only step go before the code with it
        // (`poetry config virtualenvs.create false && poetry install`)
        else if (splittable && clear === i - 1 && clear > k) {
          const between = unit.slice(k + 1, i);
          if (!between.every(inertStep)) k = clear;
        }
        break;
      }
      const others = stepCmds.filter((c) => !inStep.some((x) => x.inv.cmd === c.cmd));
      const v = worst(others.map((c) => commandVerdict(c, copy, st, line)));
      if (v.kind === 'stop') {
        blocker = { install: inStep[0], reason: v.reason };
        break;
      }
      if (v.kind === 'guess') pending.push(v.reason);
      for (const x of inStep) pending.push(...x.inputs.guesses);
      guesses.push(...pending);
      pending = [];
      k = i;
      clear = i;
      continue;
    }
    const v = worst(stepCmds.map((c) => commandVerdict(c, copy, st, line)));
    if (v.kind === 'stop') {
      blocker = { install: null, reason: v.reason };
      break;
    }
    if (v.kind === 'guess') pending.push(v.reason);
    else {
      if (clear === i - 1) clear = i;
      // steps right after an install that provably need no code go with it (`npm cache clean`)
      if (k >= 0 && k === i - 1) k = i;
    }
  }
  const lastUnit = unit[unit.length - 1];
  if (k === lastUnit) return { kind: 'whole', installs: list, guesses };
  // a dependency-only step runs alone: what runs before its install in this RUN (after the
  // split) must change nothing it depends on, or it would not do what the install does
  const dropped: { install: Install; reason: string }[] = [];
  const warmable = (x: Install): boolean => {
    if (x.style !== 'warmup' || x.inputs.refusal || alreadyWarm(doc, ctx.model, copy, x)) return false;
    const sameWarmup = (c: CommandAt) => list.some((y) => y.inv.cmd === c.cmd && y.warmup === x.warmup);
    let other: string | undefined;
    if (x.at.step >= 0) {
      // top-level steps of the first script: shell state is restated before the warm-up
      const from = splittable ? k + 1 : 0;
      const s = script.steps.findIndex(
        (_, i) =>
          i >= from && i < x.at.step && !inertStep(i) && !cmds.filter((c) => c.step === i).every(sameWarmup),
      );
      if (s >= 0) other = script.steps[s].text;
    } else {
      const before = cmds.slice(
        0,
        cmds.findIndex((c) => c.cmd === x.inv.cmd),
      );
      const c = before.find((b) => (!inert(b.cmd) || changesShell(b.cmd)) && !sameWarmup(b));
      if (c) other = c.cmd.argv.map((w) => w.raw).join(' ');
    }
    if (other === undefined) return true;
    dropped.push({
      install: x,
      reason: `\`${other}\` runs before it on line ${line}, and a dependency-only step without it could differ`,
    });
    return false;
  };
  const rest = list.filter((x) => splittable && stepOf(x.inv.index) > k);
  const restWarmups = rest.filter(warmable);
  if (k >= 0) {
    // a package removal after the split would only hide, in a later layer, what the first half
    // installed (`apk add --virtual .build-deps ... && apk del .build-deps`): the image grows
    // (only where the layers reach the final image: a builder stage's size does not matter)
    const finalStage = doc.stages.length - 1;
    const shipped = model.lineage(finalStage).includes(st.stage);
    const removal = shipped && cmds.find((c) => c.step > k && removesPackages(c.cmd));
    if (removal)
      return {
        kind: 'refused',
        install: list[0],
        reason: `\`${removal.cmd.argv.map((w) => w.raw).join(' ')}\` later on line ${line} removes packages; split from the install, it would leave them in the image's layers`,
      };
    const op = steps[k + 1].op;
    // under `set -e`, `a; b` stops after a failing `a` as `a && b` does
    if (op !== '&&' && !(op === ';' && errexitBefore(script, k)))
      return {
        kind: 'refused',
        install: list[0],
        reason: `line ${line} cannot be split at the \`${op === ';' ? ';' : 'newline'}\` after it`,
      };
    return {
      kind: 'split',
      installs: list.filter((x) => !splittable || stepOf(x.inv.index) <= k),
      guesses,
      k,
      warmups: restWarmups,
      dropped,
    };
  }
  const warm = list.filter(warmable);
  if (!warm.length && dropped.length) return { kind: 'refused', ...dropped[0] };
  if (warm.length) {
    // the warm-up runs in the folder its install runs in: buildEdits restates the cd steps before it
    return { kind: 'warmup', installs: warm, guesses: warm.flatMap((x) => x.inputs.guesses) };
  }
  if (blocker) return { kind: 'refused', install: blocker.install ?? list[0], reason: blocker.reason };
  return { kind: 'done' };
}

function worst(vs: Verdict[]): Verdict {
  return vs.find((v) => v.kind === 'stop') ?? vs.find((v) => v.kind === 'guess') ?? { kind: 'pass' };
}

/** Reads what an install needs and decides its style. */
function analyzeInstall(
  ctx: TransformContext,
  copy: BroadCopy,
  inv: Invocation,
  at: CommandAt,
  index: number,
  st: NonNullable<ReturnType<StageModel['stateBefore']>>,
): Install {
  const spec = specFor(inv)!;
  const shown = shownOf(inv);
  const doc = ctx.doc;
  const style = spec.warmup && !depsOnly(inv, spec) ? 'warmup' : 'move';
  // an install (or its dependency-only step) may read files and folders an earlier COPY put in
  // the image (kubebuilder's `COPY go.mod go.mod` before `COPY api/ api/`, `COPY --from=build
  // /wheels /wheels` for `--find-links /wheels`, `COPY .mvn .mvn`): they are there before the
  // copy, and a dependency-only step goes in after the last COPY that brings one
  const earlier = (image: string): EarlierFile => {
    const f = placedFiles(doc, ctx.model, ctx.context, copy.index, [image]).pop();
    if (f) return f.how.startsWith('copied from ') ? { text: f.text, line: f.line } : null;
    const d = placedFolder(doc, ctx.model, ctx.context, copy.index, image);
    return d && { text: null, line: d.line, folder: true };
  };
  // (an install that moves whole, only past a copy of the whole context: after a copy of a
  // sub-folder its readers would look for the project's other files through that copy)
  const project = new ProjectFiles(
    ctx.context!,
    copy,
    at.cwd ?? '/',
    style === 'warmup' || copy.src === '' ? earlier : undefined,
  );
  const inputs = new Inputs(project);
  const install: Install = { inv, spec, at, index, inputs, style, warmup: null, shown };
  if (at.cwd === null) {
    inputs.refuse(
      'the folder it runs in is not known to the tool (a variable, or a `cd` inside a group, subshell, branch or loop)',
    );
    return install;
  }
  // the arguments around the sub-command: options before it keep their values (`mvn -s ci.xml package`)
  const sub = subcommandWords(inv);
  const args = inv.n.args.filter((w) => !sub.includes(w));
  if (args.some((w) => w.value !== null && (spec.needsSource ?? []).includes(w.value))) {
    inputs.refuse(`${shown} needs the project's source`);
    return install;
  }
  const text = doc.text.slice(inv.cmd.start, inv.cmd.end);
  const run = doc.run(index);
  const r: ReaderArgs = {
    inputs,
    project,
    inv,
    spec,
    args,
    text,
    value: (w) => expandKnown(w, (n) => variableAt(n, inv.cmd, run, st).value, st.user.home),
    unknownWhy: (text) => unknownVariables(text, inv.cmd, run, st),
    env: (name) => {
      const e = envValue(name, inv, run, st);
      return e.set ? { value: e.value } : null;
    },
    home: st.user.home,
    placed: (paths) => {
      const all = placedFiles(doc, ctx.model, ctx.context, index, paths, inv.index);
      return paths.flatMap((path) => {
        // the install's own secret or bind mount there covers whatever is in the image
        const mt = run.info.mounts.find(
          (m) => ['secret', 'bind'].includes(m.type.toLowerCase()) && mountPath(m, st) === path,
        );
        if (mt) {
          const how = `mounted by \`--${mt.flag.name}=${mt.flag.value ?? ''}\` on line ${doc.instructions[index].line + 1}`;
          return [{ path, text: null, how, byCopy: false, mounted: true }];
        }
        const f = all.filter((x) => x.path === path).pop();
        return f
          ? [{ path, text: f.text, how: `${f.how} on line ${f.line}`, byCopy: f.line === copy.line }]
          : [];
      });
    },
    named: (names) =>
      copiedFiles(doc, ctx.model, ctx.context, index, names, null, inv.index).map((f) => ({
        path: f.path,
        text: f.text,
        how: `${f.how} on line ${f.line}`,
        byCopy: f.line === copy.line,
      })),
    stored: (key) => storedValue(key, inv, run, st),
  };
  if (spec.reader) READERS[spec.reader](r);
  else specFiles(r);
  tlsFromEnv(r);
  for (const f of project.unreadable)
    inputs.refuse(
      `it reads ${f}, which an earlier instruction put there with a content the tool does not know`,
    );
  // a placeholder build above files an earlier COPY put in its folder would remove them
  if (project.earlierLines.size)
    for (const d of inputs.scratch.filter((x) => project.source(x) === null))
      inputs.refuse(
        `its dependency-only step fills and then removes ${d}, which the copy does not bring back (an earlier COPY may have put files there)`,
      );
  // what the install (or its dependency-only step) writes where the copy then lays the
  // context's own copy over it (a host node_modules or .venv) is a mix of both
  for (const out of inputs.outputs) {
    if (project.available(out))
      inputs.refuse(
        `${project.display(out)} is in the build context (not in .dockerignore): ${inputs.outputWhy.get(out) ?? `${copy.text} would overwrite what the install writes there`}`,
      );
  }
  if (style !== 'move') {
    const prefix = doc.text.slice(inv.cmd.start, inv.n.toolWords[inv.n.toolWords.length - 1].end);
    const w = spec.warmup!;
    install.warmup =
      inputs.warmup ?? ('args' in w ? `${prefix} ${w.args.join(' ')}` : `${text} ${w.append.join(' ')}`);
  }
  return install;
}

/** A RUN before the copy in this stage already runs this install's dependency-only step. */
function alreadyWarm(doc: DockerfileDoc, model: StageModel, copy: BroadCopy, x: Install): boolean {
  const stage = doc.stageOf(copy.index)!;
  const text = plainText(x.inv);
  for (let i = stage.from + 1; i < copy.index; i++) {
    if (doc.instructions[i].keyword !== 'RUN') continue;
    const run = doc.run(i);
    const body = doc.text.slice(run.info.bodyStart, doc.instructions[i].end);
    if (x.warmup && body.includes(x.warmup)) return true;
    // the same command in the same folder before the code arrives: the build's own
    // dependency-only step (`mkdir src && echo "fn main() {}" > src/main.rs && cargo build
    // --release && rm -rf src ...` before `COPY src ./src`)
    const invs = findInvocations(run).filter(
      (o) => o.manager.id === x.inv.manager.id && plainText(o) === text,
    );
    if (invs.length) {
      const cmds = commandsWithCwd(doc, model, i);
      if (invs.some((o) => cmds.find((c) => c.cmd === o.cmd)?.cwd === x.at.cwd && x.at.cwd !== null))
        return true;
    }
  }
  return warmBefore(doc, copy, x);
}

/** A RUN before the copy in this stage runs a dependency-only command of the install's manager. */
function warmBefore(doc: DockerfileDoc, copy: BroadCopy, x: { inv: Invocation; spec: DepsSpec }): boolean {
  const stage = doc.stageOf(copy.index)!;
  for (let i = stage.from + 1; i < copy.index; i++) {
    if (doc.instructions[i].keyword !== 'RUN') continue;
    if (findInvocations(doc.run(i)).some((o) => o.manager.id === x.inv.manager.id && depsOnly(o, x.spec)))
      return true;
  }
  return false;
}

/** from, from + 1, ..., to - 1 */
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);

/**
 * Build arguments CI sets to a new value for every build (a version, a commit, a date): an
 * install below one of them runs again each time, since a RUN after an ARG sees it. The
 * tool takes no other names: a package manager may read its own from the environment
 * (`PIP_*`, `YARN_*`, `GO*`...).
 */
const BUILD_STAMPS = new Set([
  'VERSION',
  'APP_VERSION',
  'BUILD_VERSION',
  'RELEASE_VERSION',
  'RELEASE',
  'TAG',
  'GIT_TAG',
  'COMMIT',
  'COMMIT_SHA',
  'COMMIT_HASH',
  'GIT_COMMIT',
  'GIT_SHA',
  'GIT_REVISION',
  'REVISION',
  'SHA',
  'VCS_REF',
  'SOURCE_COMMIT',
  'BUILD_DATE',
  'BUILD_TIME',
  'BUILD_TIMESTAMP',
  'BUILD_NUMBER',
  'BUILD_ID',
]);

/** Commands that read no variable they are not given by name. */
const STAMP_BLIND = new Set([
  ...SHELL_STATE,
  'true',
  ':',
  'rm',
  'mkdir',
  'ln',
  'chmod',
  'chown',
  'cp',
  'mv',
  'echo',
  'printf',
]);
/** Stands for a RUN that may read any variable (see {@link loweredArgs}). */
const RUN_MARK = '\0run';

/** The names an `ARG` declares when all are build stamps with no default or a literal one; else null. */
function stampNames(doc: DockerfileDoc, index: number): string[] | null {
  const ins = doc.instructions[index];
  if (ins.keyword !== 'ARG' || ins.argsStart === null) return null;
  const words = doc.text.slice(ins.argsStart, ins.end).trim().split(/\s+/);
  const names = words.map((w) => /^([A-Za-z_]\w*)(?:=[\w.:/+-]*)?$/.exec(w)?.[1] ?? '');
  return names.length && names.every((n) => BUILD_STAMPS.has(n)) ? names : null;
}

/**
 * The build-stamp ARGs ({@link BUILD_STAMPS}) that go below the install with the copy: those
 * right above the copies that move (with only comments between), and those the copy passes.
 * Not when anything that ends up above such an ARG names it (the install's part of its RUN,
 * a dependency-only step, the COPY lines, an instruction the copy passes), nor when a RUN
 * that is not an install ends up above it (a RUN sees every ARG before it, named or not).
 */
function loweredArgs(
  doc: DockerfileDoc,
  copy: BroadCopy,
  from: number,
  passed: number[],
  final: { kind: 'after' | 'before' | 'split'; index: number; k?: number },
  installs: Install[],
): { above: number | null; passed: number[] } {
  const none = { above: null, passed: [] };
  const installRuns = new Set(installs.map((x) => x.index));
  // the texts that end up above a lowered ARG, each with the instruction it belongs to
  const above: { index: number; text: string }[] = [];
  for (const i of installRuns) {
    const split = i === final.index && final.kind === 'split';
    if (!split && i === final.index && final.kind !== 'after') continue;
    const run = doc.run(i);
    const end = split ? run.scripts[0].steps[final.k!].end : doc.instructions[i].end;
    // only package managers and shell housekeeping: anything else may read any variable
    const invs = new Set(findInvocations(run).map((x) => x.cmd));
    const other = run.commands.some(
      (c) => c.start < end && !invs.has(c) && !STAMP_BLIND.has(normalizeCommand(c)?.tool ?? ''),
    );
    above.push({ index: i, text: other ? RUN_MARK : doc.text.slice(doc.instructions[i].start, end) });
  }
  for (const w of installs) if (w.warmup) above.push({ index: w.index, text: w.warmup });
  const stamps = new Map<number, string[]>();
  // (the scan may have gone on past the last install: only what the copy moves below counts)
  for (const i of passed.filter((x) => x < final.index)) {
    const names = stampNames(doc, i);
    if (names) stamps.set(i, names);
    else if (doc.instructions[i].keyword === 'RUN' && !installRuns.has(i))
      above.push({ index: i, text: RUN_MARK });
    else above.push({ index: i, text: doc.text.slice(doc.instructions[i].start, doc.instructions[i].end) });
  }
  // the COPY lines written from the copies that move end up above ARGs right above those copies
  above.push({
    index: from,
    text: doc.text.slice(doc.instructions[from].start, doc.instructions[copy.index].end),
  });
  // an ARG is read by what stays above it and comes after it
  const free = (names: string[], at: number) =>
    !above.some(
      (a) =>
        a.index > at && (a.text === RUN_MARK || names.some((n) => new RegExp(`\\$\\{?${n}\\b`).test(a.text))),
    );
  const lowered = [...stamps].filter(([i, names]) => free(names, i)).map(([i]) => i);
  // and those right above the copies that move (with only comments between)
  const stage = doc.stageOf(copy.index)!;
  let top: number | null = null;
  for (let j = from - 1; j > stage.from; j--) {
    const names = stampNames(doc, j);
    if (!names || !free(names, j)) break;
    top = j;
  }
  return top === null && !lowered.length ? none : { above: top, passed: lowered };
}

/**
 * The edits: manifests COPY where the broad COPY (and the copies of code right above it,
 * from `from`) was; those copies (with their comments) after the moved part. With only
 * dependency-only steps and nothing passed, the copies stay and the steps go in above them.
 * Build-stamp ARGs ({@link loweredArgs}) go down with the copies.
 */
function buildEdits(
  doc: DockerfileDoc,
  copy: BroadCopy,
  from: number,
  files: { source: string; image: string; folder: boolean }[],
  final: { kind: 'after' | 'before' | 'split'; index: number; k?: number },
  warmups: Install[],
  nothingPassed: boolean,
  lowered: { above: number | null; passed: number[] },
): { edits: TextEdit[]; adds: string[] } {
  const first = instructionBlock(doc, lowered.above ?? from);
  const end = doc.afterInstruction(copy.index);
  let text = doc.text.slice(first.start, end);
  if (!/\n$/.test(text)) text += doc.eol;
  for (const i of lowered.passed) text += instructionBlock(doc, i).text;
  const block = { start: first.start, end, text };
  const lines = copyLines(doc, copy, files);
  const eol = doc.eol;
  const adds = lines.map(() => 'COPY');
  const runKw = keyword(doc, 'RUN');
  const warmText = warmups
    .map((w) => {
      const flags = doc.instructions[w.index].flags.map((f) => doc.text.slice(f.start, f.end)).join(' ');
      const cds = restatements(doc, w.index, w.at.step);
      adds.push('RUN');
      return `${runKw} ${flags ? flags + ' ' : ''}${cds}${w.warmup}${eol}`;
    })
    .join('');
  if (final.kind === 'before' && nothingPassed) {
    const text = lines.map((l) => l + eol).join('') + warmText;
    return { edits: [insertAfter(doc, (lowered.above ?? from) - 1, text)], adds };
  }
  const edits: TextEdit[] = [
    { start: block.start, end: block.end, text: lines.map((l) => l + eol).join('') },
    ...lowered.passed.map((i) => ({ ...instructionBlock(doc, i), text: '' })),
  ];
  const moving = warmText + block.text;
  if (final.kind === 'after') edits.push(insertAfter(doc, final.index, moving));
  else if (final.kind === 'before') {
    const at = doc.anchorBefore(final.index);
    edits.push({ start: at, end: at, text: moving });
  } else {
    const ins = doc.instructions[final.index];
    const run = doc.run(final.index);
    const steps = run.scripts[0].steps;
    const k = final.k!;
    const head = doc.text.slice(ins.start, run.info.bodyStart);
    const first = head + doc.text.slice(steps[0].start, steps[k].end);
    const restate = restatements(doc, final.index, k + 1);
    const rest = head + restate + doc.text.slice(steps[k + 1].start, ins.end);
    const suppress = suppressionLines(doc, final.index);
    // comment lines of the continuation between the two halves go above the second
    const indent = /^[ \t]*/.exec(doc.lines.lineText(ins.line))![0];
    const comments = doc.text
      .slice(steps[k].end, steps[k + 1].start)
      .split('\n')
      .slice(1)
      .filter((l) => /^[ \t]*#/.test(l))
      .map((l) => indent + l.trim() + eol)
      .join('');
    edits.push({
      start: ins.start,
      end: ins.end,
      text: first + eol + moving + suppress + comments + indent + rest,
    });
    adds.push('RUN');
  }
  return { edits, adds };
}

/**
 * Whether `set -e` (`-eux`, `-o errexit`) is in force after step `upTo` of the script: set
 * by a command that surely runs in the script's own shell, and not turned off after.
 */
function errexitBefore(script: ShellScript, upTo: number): boolean {
  let on = false;
  for (const c of script.commands) {
    if (c.step > upTo || c.argv[0]?.value !== 'set') continue;
    const args = c.argv.slice(1).map((w) => w.value);
    if (!c.ownShell || !c.certain || c.guarded || args.includes(null)) return false;
    for (let j = 0; j < args.length; j++) {
      const a = args[j]!;
      if (a === '--' || !/^[-+]/.test(a)) break;
      if (a === '-o' || a === '+o') {
        if (args[j + 1] === 'errexit') on = a === '-o';
        j++;
      } else if (/^-[a-zA-Z]*e/.test(a)) on = true;
      else if (/^\+[a-zA-Z]*e/.test(a)) on = false;
      // `-eo pipefail`: the option's value follows
      if (/^[-+][a-zA-Z]*o$/.test(a) && a.length > 2) j++;
    }
  }
  return on;
}

/** `cd`, `export`, `set`, `source` and assignment steps before step `upTo`, restated as `a && b && `. */
function restatements(doc: DockerfileDoc, index: number, upTo: number): string {
  if (upTo <= 0) return '';
  const run = doc.run(index);
  if (!run.scripts.length) return '';
  const out = run.scripts[0].steps
    .slice(0, upTo)
    .filter((_, i) => restatable(doc, index, i))
    .map((step) => doc.text.slice(step.start, step.end).replace(/\r+$/, ''));
  return out.length ? out.join(' && ') + ' && ' : '';
}

/** Tools and the sub-commands of theirs that remove installed packages. */
const REMOVALS: [RegExp, string[]][] = [
  [/^(apt-get|apt|aptitude)$/, ['purge', 'remove', 'autoremove']],
  [/^apk$/, ['del']],
  [/^(dnf|yum|microdnf|dnf5|tdnf)$/, ['remove', 'erase', 'autoremove']],
  [/^zypper$/, ['remove', 'rm']],
  [/^(pip|pip3|uv)$/, ['uninstall', 'pip uninstall']],
  [/^(npm|pnpm|yarn)$/, ['uninstall', 'remove', 'rm', 'prune']],
];

/** `apt-get purge`, `apk del`, `pip uninstall`...: a command that removes installed packages. */
function removesPackages(cmd: ShellCommand): boolean {
  const n = normalizeCommand(cmd);
  if (!n) return false;
  return REMOVALS.some(([tool, subs]) => tool.test(n.tool) && matchSubcommand(n.args, subs) !== null);
}

/** Whether step `i` of a RUN is one {@link restatements} repeats (`cd`, `export`, `VAR=x`). */
function restatable(doc: DockerfileDoc, index: number, i: number): boolean {
  const script = doc.run(index).scripts[0];
  const step = script?.steps[i];
  if (!step) return false;
  const cmd = step.commands.length === 1 ? script.commands[step.commands[0]] : null;
  const n = cmd && normalizeCommand(cmd);
  return (!!n && SHELL_STATE.has(n.tool)) || (!cmd && DECLARATION.test(step.text));
}

/** A step that only sets variables: `VAR=x`, `export VAR=x`. */
const DECLARATION = /^(export\s+)?[A-Za-z_][A-Za-z0-9_]*=/;

/** `cd`, `export`, `unset`, `umask`: shell state a dependency-only step would need restated. */
function changesShell(cmd: ShellCommand): boolean {
  const n = normalizeCommand(cmd);
  return !!n && SHELL_STATE.has(n.tool) && n.tool !== 'set';
}

/** `# hadolint ignore=` lines above an instruction, repeated above the second half of a split. */
function suppressionLines(doc: DockerfileDoc, index: number): string {
  const ins = doc.instructions[index];
  const from = doc.lines.lineOf(doc.anchorBefore(index));
  const out: string[] = [];
  for (let l = from; l < ins.line; l++) {
    const t = doc.lines.lineText(l);
    if (/^\s*#\s*hadolint\s+ignore=/.test(t)) out.push(t + doc.eol);
  }
  return out.join('');
}
