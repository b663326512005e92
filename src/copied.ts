/**
 * Configuration files a build copies from its context into the image (a project's `.npmrc`,
 * `.yarnrc.yml`, `pnpm-workspace.yaml`): where they land and what they say. A tool reads
 * such a file from its project folder, so a setting in it can move the tool's cache.
 */
import * as path from 'node:path';
import { patternMatches, patternTakes, type BuildContext } from './context';
import { heredocsOf, type DockerfileDoc, type Instruction } from './dockerfile';
import { within } from './ecosystems/files';
import { resolveDest, remoteSource } from './reorder';
import { normalizePath, type StageModel, type StageState } from './stage';
import { readableText, writtenFiles, type WrittenFile } from './written';
import { Memo } from './memo';
import { normalizeCommand, type Normalized } from './commands';
import { cwdAt } from './managers/resolve';

/** A config file of the context copied into the image by a COPY/ADD before the RUN (or bind-mounted into it). */
export interface CopiedFile {
  /** Path in the build context ('/'-separated, relative to its root). */
  rel: string;
  /** Where it lands in the image; null when a glob or a variable may put it somewhere unknown. */
  path: string | null;
  /** 1-based line of the COPY/ADD. */
  line: number;
  /** Its text, or null when it cannot be read. */
  text: string | null;
  /** How it got there, for messages: `copied`, `bind-mounted`, or `written by \`echo ... > .npmrc\``. */
  how: string;
  /** Appended to what the file held (only before {@link merged}). */
  append?: boolean;
}

/**
 * The files named one of `names` that the COPY/ADD instructions of the lineage of the
 * stage of instruction `index` bring from the build context before it, in build order:
 * those at the top of a copied folder, and those a copied folder puts in `near` or a
 * folder between it and the top (where a tool running in `near` looks for them).
 * Without a build context nothing is known: [].
 */
export function copiedFiles(
  doc: DockerfileDoc,
  model: StageModel,
  ctx: BuildContext | null,
  index: number,
  names: readonly string[],
  near: string | null = null,
  /** Also the files the commands of RUN `index` before this one write (see {@link forLineage}). */
  before?: number,
): CopiedFile[] {
  const out: CopiedFile[] = [];
  forLineage(
    doc,
    model,
    index,
    before,
    (i, st) => {
      if (ctx) out.push(...copiedBy(doc, ctx, i, st, names, near));
    },
    (w) => {
      const name = names.find((x) => (w.path === null ? w.raw.includes(x) : w.path.endsWith(`/${x}`)));
      if (name)
        out.push({
          rel: w.path ?? w.raw,
          path: w.path,
          line: w.line,
          text: w.path === null ? null : readableText(w.text),
          how: `written by ${w.by}`,
          append: w.append,
        });
    },
    names,
  );
  // what the RUN's own bind mounts show it hides what is in the image there
  const st = model.stateBefore(index);
  if (ctx && st && before !== undefined) out.push(...boundBy(doc, ctx, index, st, names, near));
  return merged(out);
}

/**
 * Calls `visit` for each instruction of the stage lineage of instruction `index` before it,
 * in build order, and `written` for each file the RUNs among them write; then, when
 * `before` is given, for each file the commands of RUN `index` before its command
 * `before` write.
 */
function forLineage(
  doc: DockerfileDoc,
  model: StageModel,
  index: number,
  before: number | undefined,
  visit: (i: number, st: StageState) => void,
  written: (w: WrittenFile) => void,
  /** File names asked about: a RUN whose text has none of them (and no `rm`) writes none of them. */
  names: readonly string[],
): void {
  const texts = runTexts(doc);
  const mayWrite = (i: number) => {
    const run = texts[i];
    return run !== null && (run.rm || names.some((n) => run.text.includes(n)));
  };
  for (const [i, state] of lineageBefore(doc, model, index)) {
    visit(i, state);
    if (mayWrite(i)) writtenFiles(doc, state, i).forEach(written);
  }
  const state = model.stateBefore(index);
  if (before !== undefined && state && mayWrite(index))
    writtenFiles(doc, state, index, before).forEach(written);
}

/** Each RUN's text, and whether it runs `rm` (null: not a RUN), for {@link forLineage}. */
function runTexts(doc: DockerfileDoc): ({ text: string; rm: boolean } | null)[] {
  let texts = runTextsOf.get(doc);
  if (!texts) {
    texts = doc.instructions.map((ins) => {
      if (ins.keyword !== 'RUN') return null;
      const text = doc.text.slice(ins.start, ins.end);
      return { text, rm: /\brm\b/.test(text) };
    });
    runTextsOf.set(doc, texts);
  }
  return texts;
}

const runTextsOf = new Memo<DockerfileDoc, ({ text: string; rm: boolean } | null)[]>();

/** The instructions of the stage lineage of instruction `index` before it, in build order, with the state before each. */
function lineageBefore(doc: DockerfileDoc, model: StageModel, index: number): [number, StageState][] {
  let byIndex = lineagesOf.get(model);
  if (!byIndex) lineagesOf.set(model, (byIndex = new Map()));
  let out = byIndex.get(index);
  if (!out) byIndex.set(index, (out = lineageList(doc, model, index)));
  return out;
}

const lineagesOf = new Memo<StageModel, Map<number, [number, StageState][]>>();

function lineageList(doc: DockerfileDoc, model: StageModel, index: number): [number, StageState][] {
  const stage = doc.stageOf(index);
  if (!stage) return [];
  const out: [number, StageState][] = [];
  for (const s of [...model.lineage(stage.index)].reverse()) {
    const st = doc.stages[s];
    const last = s === stage.index ? index - 1 : st.last;
    for (let i = st.from + 1; i <= last; i++) {
      const state = model.stateBefore(i);
      if (state) out.push([i, state]);
    }
  }
  return out;
}

/** A command a RUN of the stage lineage runs (see {@link lineageCommands}). */
export interface LineageCommand {
  n: Normalized;
  /** The folder it runs in; null when not known. */
  cwd: string | null;
  /** Runs whenever its RUN does. */
  certain: boolean;
  /** 1-based line of its RUN. */
  line: number;
}

/**
 * The commands the earlier RUNs of the stage lineage of RUN `index` run, and those of RUN
 * `index` itself before its command `before`, in build order.
 */
export function lineageCommands(
  doc: DockerfileDoc,
  model: StageModel,
  index: number,
  before: number,
): LineageCommand[] {
  // asked for every invocation of a versioned tool: the earlier RUNs are read once per document
  let byIndex = earlierCommands.get(doc);
  if (!byIndex) earlierCommands.set(doc, (byIndex = new Map()));
  let earlier = byIndex.get(index);
  if (!earlier) {
    earlier = [];
    for (const [i, st] of lineageBefore(doc, model, index))
      if (doc.instructions[i].keyword === 'RUN') earlier.push(...runCommands(doc, i, st));
    byIndex.set(index, earlier);
  }
  const st = model.stateBefore(index);
  return st ? [...earlier, ...runCommands(doc, index, st, before)] : earlier;
}
const earlierCommands = new WeakMap<DockerfileDoc, Map<number, LineageCommand[]>>();

/** The commands of a RUN (those before its command `before`, when given). */
function runCommands(doc: DockerfileDoc, index: number, st: StageState, before?: number): LineageCommand[] {
  const run = doc.run(index);
  const line = doc.instructions[index].line + 1;
  return run.commands.slice(0, before).flatMap((cmd, k) => {
    const n = normalizeCommand(cmd);
    return n ? [{ n, cwd: cwdAt(run, k, st), certain: cmd.certain, line }] : [];
  });
}

/**
 * The files in build order, with each appended text (`>>`) put after what its file held
 * before (unknown when that is unknown); a file appended to without an earlier one here
 * is taken to start empty, as a file the base image does not have.
 */
function merged<T extends { path: string | null; text: string | null; append?: boolean }>(files: T[]): T[] {
  const last = new Map<string, T>();
  return files.map((f) => {
    let out = f;
    const prev = f.path === null ? undefined : last.get(f.path);
    if (f.append && prev)
      out = { ...f, text: prev.text === null || f.text === null ? null : prev.text + f.text };
    if (f.path !== null) last.set(f.path, out);
    return out;
  });
}

function copiedBy(
  doc: DockerfileDoc,
  ctx: BuildContext,
  index: number,
  st: StageState,
  names: readonly string[],
  near: string | null,
): CopiedFile[] {
  const copy = copyParts(doc.instructions[index], st);
  if (!copy || copy.from) return [];
  const { line, dest, intoFolder } = copy;
  if (copy.heredoc)
    return heredocFiles(doc, index, copy)
      .filter((f) => names.some((n) => f.path.endsWith(`/${n}`)))
      .map((f) => ({ rel: f.path, path: f.path, line, text: f.text, how: 'copied from a heredoc' }));
  const out: CopiedFile[] = [];
  for (const raw of copy.sources.filter((a) => !remoteSource(a))) {
    const src = normalizePath('/' + raw).slice(1);
    if (raw.startsWith('..')) continue;
    const glob = /[*?[\]]/.test(src) || /\$/.test(src);
    if (glob) {
      // a glob may or may not take a file, and where it lands then is not worked out, unless it
      // names the file itself and copies into a folder (`COPY package.json yarn.lock* ./`)
      const variable = src.includes('$');
      out.push(
        ...folderFiles(ctx, globFolder(src), dest, null, names, line, 'copied', (rel) =>
          variable
            ? 'somewhere'
            : !patternTakes(src, rel)
              ? 'no'
              : intoFolder && patternMatches(src, rel)
                ? 'here'
                : 'somewhere',
        ),
      );
      continue;
    }
    // a folder of the context: its files land below the destination
    if (src === '' || ctx.isDirectory(src)) {
      out.push(...folderFiles(ctx, src, dest, near, names, line, 'copied'));
      // a name with folders (`.mvn/maven.config`): a copy of its folder (`COPY .mvn .mvn`)
      for (const name of names.filter((n) => n.includes('/') && dest !== null)) {
        const dir = name.slice(0, name.lastIndexOf('/'));
        const rel = [src, name.slice(dir.length + 1)].filter(Boolean).join('/');
        if (dest!.endsWith(`/${dir}`) && ctx.available(rel))
          out.push({
            rel,
            path: normalizePath(`${dest}/${name.slice(dir.length + 1)}`),
            line,
            text: ctx.read(rel),
            how: 'copied',
          });
      }
      continue;
    }
    const at = (name: string) =>
      dest === null ? null : intoFolder ? normalizePath(`${dest}/${name}`) : dest;
    const base = path.posix.basename(src);
    // by its name, or with its folders where it lands (`COPY .mvn/maven.config .mvn/`)
    const name = names.find((n) => n === base || (n.endsWith(`/${base}`) && !!at(base)?.endsWith(`/${n}`)));
    if (!name || !ctx.available(src)) continue;
    out.push({ rel: src, path: at(base), line, text: ctx.read(src), how: 'copied' });
  }
  return out;
}

/**
 * The files named one of `names` that context folder `folder` brings to `dest` (null: not
 * known): those at its top, and, with `near`, those in its folders on the way down to `near`.
 * `takes` tells whether a file comes along and lands where the folder does ('here'), may come
 * along to a place not worked out ('somewhere'), or does not ('no').
 */
function folderFiles(
  ctx: BuildContext,
  folder: string,
  dest: string | null,
  near: string | null,
  names: readonly string[],
  line: number,
  how: string,
  takes: (rel: string) => 'here' | 'somewhere' | 'no' = () => 'here',
): CopiedFile[] {
  const out: CopiedFile[] = [];
  const below = dest !== null && near !== null && within(near, dest) ? near.slice(dest.length) : '';
  const subs = [''];
  for (const part of below.split('/').filter(Boolean)) subs.push(`${subs[subs.length - 1]}/${part}`);
  for (const sub of subs) {
    for (const name of names) {
      const rel = [folder, sub.slice(1), name].filter(Boolean).join('/');
      const taken = ctx.available(rel) ? takes(rel) : 'no';
      if (taken === 'no') continue;
      const at = taken === 'somewhere' || dest === null ? null : normalizePath(`${dest}${sub}/${name}`);
      out.push({ rel, path: at, line, text: ctx.read(rel), how });
    }
  }
  return out;
}

/**
 * The files named one of `names` that the RUN's own bind mounts of the build context show it
 * (`--mount=type=bind,source=yarn.lock,target=yarn.lock`, or a folder down to `near`).
 */
function boundBy(
  doc: DockerfileDoc,
  ctx: BuildContext,
  index: number,
  st: StageState,
  names: readonly string[],
  near: string | null,
): CopiedFile[] {
  if (doc.instructions[index].keyword !== 'RUN') return [];
  const out: CopiedFile[] = [];
  const line = doc.instructions[index].line + 1;
  for (const mt of doc.run(index).info.mounts) {
    if (mt.type !== 'bind' || mt.options.has('from')) continue;
    const raw = mt.options.get('source') ?? mt.options.get('src') ?? '.';
    const t = mt.target;
    if (raw.startsWith('..') || /[$*?[\]]/.test(raw) || t === null || /[$~]/.test(t)) continue;
    const target = t.startsWith('/')
      ? normalizePath(t)
      : st.workdir === null
        ? null
        : normalizePath(`${st.workdir}/${t}`);
    const src = normalizePath('/' + raw).slice(1);
    if (src === '' || ctx.isDirectory(src))
      out.push(...folderFiles(ctx, src, target, near, names, line, 'bind-mounted'));
    else if (target !== null && names.includes(path.posix.basename(target)) && ctx.available(src))
      out.push({ rel: src, path: target, line, text: ctx.read(src), how: 'bind-mounted' });
  }
  return out;
}

export interface CopyParts {
  /** 1-based line of the COPY/ADD. */
  line: number;
  /** Sources as written (none for a heredoc). */
  sources: string[];
  /** The destination in the image; null when a variable in it is not known. */
  dest: string | null;
  /** The sources go into the destination folder (several sources, or a trailing `/`). */
  intoFolder: boolean;
  /** `--from=<stage or image>`: the sources are not in the build context. */
  from: string | null;
  /** The sources are heredocs of the Dockerfile (their destination: the last word of the first line). */
  heredoc: boolean;
}

/** What a COPY/ADD copies and where (shell or JSON form); null for other instructions and bad ones. */
export function copyParts(ins: Instruction, st: StageState): CopyParts | null {
  // every lookup of every cache of every RUN reads the COPYs above it again
  let parts = partsOf.get(ins);
  if (parts === undefined) partsOf.set(ins, (parts = readCopy(ins, st)));
  return parts;
}
const partsOf = new Memo<Instruction, CopyParts | null>();

function readCopy(ins: Instruction, st: StageState): CopyParts | null {
  if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') return null;
  const flag = ins.flags.find((f) => f.name.toLowerCase() === 'from');
  const base = { line: ins.line + 1, from: flag ? (flag.value ?? '') : null };
  const content = ins.ast.getArgumentsContent() ?? '';
  if (/<</.test(content)) {
    const first = content.split('\n')[0];
    const words = first.trim().split(/\s+/);
    const destRaw = words[words.length - 1];
    const dest = resolveDest(destRaw, st);
    // one heredoc is the file itself, unless the destination ends with `/`; several go into it
    const intoFolder = destRaw.endsWith('/') || heredocsOf(ins).length > 1;
    return { ...base, sources: [], dest, intoFolder, heredoc: true };
  }
  let args: string[];
  if (!content.trimStart().startsWith('[')) args = ins.ast.getArguments().map((a) => a.getValue());
  else {
    try {
      const parsed = JSON.parse(content) as unknown;
      if (!Array.isArray(parsed) || !parsed.every((a) => typeof a === 'string')) return null;
      args = parsed;
    } catch {
      return null;
    }
  }
  if (args.length < 2) return null;
  const destRaw = args[args.length - 1];
  const dest = resolveDest(destRaw, st);
  return {
    ...base,
    sources: args.slice(0, -1),
    dest,
    // `.`, `..` and the WORKDIR name a folder that is there: a file goes into it
    intoFolder: args.length > 2 || /(^|\/)\.{0,2}$/.test(destRaw) || (dest !== null && dest === st.workdir),
    heredoc: false,
  };
}

/**
 * The files a COPY of heredocs writes (`COPY <<EOF /etc/pip.conf`, `COPY <<a.txt <<b.txt
 * /dir/`: named after their heredoc in a folder), with their text when it is what BuildKit
 * writes: not when a `$` in an unquoted heredoc would be expanded. `<<-` strips leading tabs.
 */
function heredocFiles(
  doc: DockerfileDoc,
  index: number,
  copy: CopyParts,
): { path: string; text: string | null }[] {
  const ins = doc.instructions[index];
  if (copy.dest === null) return [];
  return heredocsOf(ins).map((h) => {
    const start = h.getStartRange();
    const marker = doc.text.slice(
      doc.astOffset(ins, start.start),
      doc.astOffset(ins, h.getNameRange().end) + 1,
    );
    const c = h.getContentRange();
    let text: string | null = c ? doc.text.slice(doc.astOffset(ins, c.start), doc.astOffset(ins, c.end)) : '';
    // BuildKit writes each line of the body with its line ending
    if (text && !text.endsWith('\n')) text += '\n';
    if (/^<<-/.test(marker)) text = text.replace(/^\t+/gm, '');
    if (!/^<<-?\s*["']/.test(marker) && text.includes('$')) text = null;
    const path = copy.intoFolder ? normalizePath(`${copy.dest}/${h.getName()}`) : copy.dest!;
    return { path, text };
  });
}

/** A file a COPY/ADD puts at one of the absolute paths asked for. */
export interface PlacedFile {
  path: string;
  /** 1-based line of the COPY/ADD. */
  line: number;
  /** How it got there, for messages: `copied from <path of the context>`, `written by \`cmd\``. */
  how: string;
  /** Its text, or null when it cannot be read (another stage, a heredoc, no context). */
  text: string | null;
  /** Appended to what the file held (only before {@link merged}). */
  append?: boolean;
}

/**
 * The files the COPY/ADD instructions of the lineage of the stage of instruction `index`
 * put at one of `paths` (absolute) before it, in build order: a file copied to that path
 * or into its folder, or the matching file of a copied folder or glob.
 */
export function placedFiles(
  doc: DockerfileDoc,
  model: StageModel,
  ctx: BuildContext | null,
  index: number,
  paths: readonly string[],
  /** Also the files the commands of RUN `index` before this one write. */
  before?: number,
): PlacedFile[] {
  const out: PlacedFile[] = [];
  const how = (w: WrittenFile) => `written by ${w.by}`;
  forLineage(
    doc,
    model,
    index,
    before,
    (i, st) => out.push(...placedBy(doc, ctx, i, st, paths)),
    (w) => {
      const text = readableText(w.text);
      for (const p of paths) {
        // a path the tool cannot work out may be this one when it spells the file's name
        if (
          w.path === null
            ? w.raw.includes(path.posix.basename(p))
            : w.path === p || (!!w.removed && within(p, w.path))
        )
          out.push({
            path: p,
            line: w.line,
            how: how(w),
            text: w.path === null ? null : text,
            append: w.append,
          });
      }
    },
    paths.map((p) => path.posix.basename(p)),
  );
  return merged(out);
}

/**
 * The last COPY/ADD of the lineage of the stage of instruction `index` before it that puts
 * something at or inside folder `dir` (absolute): a copy to a path there, or a copied
 * context folder that holds it. What another stage, a URL or a variable source puts there
 * counts: the folder is there, whatever is in it. Null when none does.
 */
export function placedFolder(
  doc: DockerfileDoc,
  model: StageModel,
  ctx: BuildContext | null,
  index: number,
  dir: string,
): { line: number; how: string } | null {
  let out: { line: number; how: string } | null = null;
  for (const [i, st] of lineageBefore(doc, model, index)) {
    const copy = copyParts(doc.instructions[i], st);
    if (!copy || copy.dest === null) continue;
    const { line, dest, intoFolder, from } = copy;
    if (copy.heredoc) {
      if (within(dest, dir) && dest !== dir) out = { line, how: 'copied from a heredoc' };
      continue;
    }
    for (const raw of copy.sources) {
      const src = normalizePath('/' + raw).slice(1);
      const landing = intoFolder ? normalizePath(`${dest}/${path.posix.basename(src)}`) : dest;
      if (from !== null || remoteSource(raw) || !ctx || src.includes('$')) {
        if (within(landing, dir))
          out = { line, how: `copied from ${from !== null ? `--from=${from}` : raw}` };
        continue;
      }
      if (raw.startsWith('..')) continue;
      // a glob that matches nothing stops the build: its destination is there
      if (/[*?[\]]/.test(src)) {
        if (within(dest, dir)) out = { line, how: `copied from ${raw}` };
        continue;
      }
      if (!ctx.available(src)) continue;
      if (src === '' || ctx.isDirectory(src)) {
        // the folder copied is dir or inside it, or holds it
        const rel = within(dir, dest)
          ? [src, dir.slice(dest === '/' ? 1 : dest.length + 1)].filter(Boolean).join('/')
          : null;
        if (within(dest, dir) || (rel !== null && ctx.isDirectory(rel) && ctx.available(rel)))
          out = { line, how: `copied from ${rel ?? src}` };
      } else if (within(landing, dir) && landing !== dir) out = { line, how: `copied from ${src}` };
    }
  }
  return out;
}

function placedBy(
  doc: DockerfileDoc,
  ctx: BuildContext | null,
  index: number,
  st: StageState,
  paths: readonly string[],
): PlacedFile[] {
  const copy = copyParts(doc.instructions[index], st);
  if (!copy || copy.dest === null) return [];
  const { line, dest, intoFolder, from } = copy;
  if (copy.heredoc)
    return heredocFiles(doc, index, copy)
      .filter((f) => paths.includes(f.path))
      .map((f) => ({ path: f.path, line, how: 'copied from a heredoc', text: f.text }));
  const out: PlacedFile[] = [];
  for (const raw of copy.sources) {
    const src = normalizePath('/' + raw).slice(1);
    const landing = intoFolder ? normalizePath(`${dest}/${path.posix.basename(src)}`) : dest;
    if (from !== null || remoteSource(raw) || !ctx) {
      // what another stage, a URL or an unknown context holds is not known
      if (paths.includes(landing))
        out.push({
          path: landing,
          line,
          how: `copied from ${from !== null ? `--from=${from}` : raw}`,
          text: null,
        });
      continue;
    }
    if (raw.startsWith('..')) continue;
    if (src.includes('$')) {
      // a variable names the source: whatever lands at the path is not known
      if (paths.includes(landing)) out.push({ path: landing, line, how: `copied from ${raw}`, text: null });
      continue;
    }
    const glob = /[*?[\]]/.test(src);
    const folder = glob ? null : src === '' || ctx.isDirectory(src) ? src : null;
    for (const p of paths) {
      let rel: string | null = null;
      if (folder !== null) {
        if (within(p, dest) && p !== dest)
          rel = [folder, p.slice(dest === '/' ? 1 : dest.length + 1)].filter(Boolean).join('/');
      } else if (glob) {
        const candidate = [globFolder(src), path.posix.basename(p)].filter(Boolean).join('/');
        if (path.posix.dirname(p) === dest && patternTakes(src, candidate)) rel = candidate;
      } else if (landing === p) rel = src;
      if (rel !== null && ctx.available(rel))
        out.push({ path: p, line, how: `copied from ${rel}`, text: ctx.read(rel) });
    }
  }
  return out;
}

/** The folder part of a glob before its first pattern character ('' for the root). */
function globFolder(src: string): string {
  const first = src.search(/[*?[\]$]/);
  const slash = src.lastIndexOf('/', first);
  return slash < 0 ? '' : src.slice(0, slash);
}

/**
 * How a config file is written: `key=value` (ini, with sections), `key: value` (yaml),
 * `key value` (yarnrc), Java properties defined on a command line (args: `-Dkey=value`,
 * `-D key=value`, `--define key=value`, as in Maven's `.mvn/maven.config` and `jvm.config`),
 * or a top-level element (xml: `<key>value</key>`, as in Maven's settings.xml, where
 * `${user.home}` and `${env.HOME}` are the home folder, written `~`).
 */
export type ConfigFormat = 'ini' | 'yaml' | 'yarnrc' | 'args' | 'xml' | 'json' | 'toml';

/**
 * The value a config file gives a top-level key: undefined when it does not set it, null
 * when it sets it to something only known when the image builds (`${VAR}`) or the file
 * cannot be read.
 */
export function configValue(
  text: string | null,
  key: string,
  format: ConfigFormat,
  /** An ini file's sections in which the key counts (it always counts before the first section). */
  sections?: readonly string[],
): string | null | undefined {
  if (text === null) return null;
  if (format === 'args' || format === 'xml')
    return known(format === 'args' ? argsValue(text, key) : xmlValue(text, key));
  if (format === 'json') return jsonValue(text, key);
  if (format === 'toml') return tomlValue(text, key);
  let found: string | undefined;
  const k = key.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
  const re =
    format === 'ini'
      ? new RegExp(`^\\s*${k}\\s*=\\s*(.*?)\\s*$`)
      : format === 'yaml'
        ? new RegExp(`^["']?${k}["']?\\s*:\\s*(.*?)\\s*$`)
        : new RegExp(`^\\s*["']?${k}["']?\\s+(.*?)\\s*$`);
  let inSection = true;
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*[#;]/.test(line)) continue;
    const section = format === 'ini' && /^\s*\[([^\]]*)\]/.exec(line);
    if (section) {
      inSection = !!sections?.includes(section[1].trim().toLowerCase());
      continue;
    }
    if (!inSection) continue;
    const m = re.exec(line);
    if (!m) continue;
    let v = m[1];
    if (format === 'yaml') v = v.replace(/\s+#.*$/, '');
    if (/^(["']).*\1$/.test(v)) v = v.slice(1, -1);
    found = v;
  }
  return known(found);
}

/** A value found (undefined: none), or null when only the build knows it (a variable, nothing). */
function known(found: string | undefined): string | null | undefined {
  if (found === undefined) return undefined;
  return /\$\{|\$[A-Za-z_]/.test(found) || found === '' ? null : found;
}

/**
 * The string at a dotted path of a JSON document (`config.cache-dir` in composer.json); null
 * when the text is not JSON or the path holds something else than a literal string.
 */
function jsonValue(text: string, key: string): string | null | undefined {
  let at: unknown;
  try {
    at = JSON.parse(text);
  } catch {
    return null;
  }
  for (const part of key.split('.')) {
    if (typeof at !== 'object' || at === null || Array.isArray(at)) return undefined;
    if (!Object.prototype.hasOwnProperty.call(at, part)) return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return typeof at === 'string' ? known(at) : null;
}

/**
 * The string a TOML file gives a dotted key (`install.cache.dir` in bunfig.toml), however it is
 * written (`[install.cache]` + `dir = …`, `[install]` + `cache.dir = …`); null when the key, or
 * one under it, holds something else than a basic string on one line (a table, an inline
 * table, a boolean, a multi-line string), or a key above it is an inline table.
 */
function tomlValue(text: string, key: string): string | null | undefined {
  const bare = (k: string) =>
    k
      .split('.')
      .map((x) => x.trim().replace(/^(["'])(.*)\1$/, '$2'))
      .join('.');
  let table = '';
  let found: string | null | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*(#|$)/.test(line)) continue;
    const header = /^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$/.exec(line);
    if (header) {
      table = bare(header[1]);
      // `[install.cache]` itself sets install.cache to a table
      if (table === key || table.startsWith(key + '.')) found = null;
      continue;
    }
    const m = /^\s*((?:"[^"]*"|'[^']*'|[A-Za-z0-9_.\s-])+?)\s*=\s*(.*?)\s*$/.exec(line);
    if (!m) continue;
    const full = (table ? table + '.' : '') + bare(m[1]);
    if (full === key) {
      const v = /^"([^"\\]*)"\s*(#.*)?$|^'([^']*)'\s*(#.*)?$/.exec(m[2]);
      found = v ? known(v[1] ?? v[3]) : null;
    } else if (full.startsWith(key + '.') || key.startsWith(full + '.')) found = null;
  }
  return found;
}

/** The last definition of a property among command-line words (`#` starts a comment line). */
function argsValue(text: string, key: string): string | undefined {
  const words = text
    .split(/\r?\n/)
    .filter((l) => !/^\s*#/.test(l))
    .join(' ')
    .split(/\s+/)
    .filter(Boolean);
  let found: string | undefined;
  words.forEach((w, i) => {
    const def = ['-D', '--define'].includes(w) ? words[i + 1] : w.replace(/^(-D|--define=)/, '');
    if (def !== w && def?.startsWith(key + '='))
      found = def.slice(key.length + 1).replace(/^(["'])(.*)\1$/, '$2');
  });
  return found;
}

/** The text of a top-level element, comments aside; the home folder's properties as `~`. */
function xmlValue(text: string, key: string): string | undefined {
  const body = text.replace(/<!--[\s\S]*?-->/g, '');
  const m = new RegExp(`<${key}\\s*>([^<]*)</${key}\\s*>`).exec(body);
  return m?.[1].trim().replace(/\$\{(user\.home|env\.HOME)\}/g, '~');
}
