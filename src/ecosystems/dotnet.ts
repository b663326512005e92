/**
 * .NET: the project or solution the command names (or the one in its folder), every project
 * it references, the props, NuGet and SDK files from each project's folder up, the files
 * they `<Import>`, and the local package sources (NuGet config, `RestoreSources`,
 * `--source`); then `dotnet restore` with the same runtime and sources.
 */
import { readArgs, type ReaderArgs } from './reader';

const PROJECT = /\.(csproj|fsproj|vbproj|sln|slnx)$/i;
const SHARED = [
  'Directory.Build.props',
  'Directory.Build.targets',
  'Directory.Packages.props',
  'nuget.config',
  'NuGet.Config',
  'NuGet.config',
  'global.json',
];
const WITH_VALUE = [
  '-c',
  '--configuration',
  '-r',
  '--runtime',
  '-o',
  '--output',
  '-f',
  '--framework',
  '-s',
  '--source',
  '--configfile',
  '-v',
  '--verbosity',
  '-p',
  '--property',
  '-a',
  '--arch',
  '--os',
];

/** Options of the build that `dotnet restore` takes too and that change what it restores. */
const KEPT_OPTIONS = ['-r', '--runtime', '-a', '--arch', '--os', '-s', '--source', '--configfile'];
const KEPT_FLAGS = ['--use-current-runtime', '--ucr'];

export function dotnet(r: ReaderArgs): void {
  const p = r.project;
  const { positionals, options } = readArgs(r, WITH_VALUE);
  let target = positionals.find((v) => v !== null && (PROJECT.test(v) || p.isDirectory(p.resolve(v))));
  if (positionals.some((v) => v === null))
    return r.inputs.refuse('the project it builds is only known when the image builds');
  let file: string;
  if (target && PROJECT.test(target)) file = p.resolve(target);
  else {
    const dir = target ? p.resolve(target) : p.cwd;
    const found = p.list(dir).filter((n) => PROJECT.test(n) && p.available(`${dir}/${n}`));
    const slns = found.filter((n) => /\.slnx?$/i.test(n));
    const pick = slns.length === 1 ? slns : found;
    if (pick.length !== 1)
      return r.inputs.refuse(
        `${p.display(dir)} has ${pick.length ? 'several' : 'no'} project or solution files`,
      );
    file = `${dir}/${pick[0]}`;
    target = undefined;
  }
  const projects = new Set<string>();
  if (!collect(r, file, projects)) return;
  const msbuild: string[] = [...projects];
  const configs: string[] = [];
  for (const proj of projects) {
    const dir = proj.slice(0, proj.lastIndexOf('/'));
    r.inputs.optional(`${dir}/packages.lock.json`);
    for (let d = dir; ; d = d.slice(0, d.lastIndexOf('/')) || '/') {
      for (const s of SHARED) {
        const f = `${d === '/' ? '' : d}/${s}`;
        if (!r.inputs.optional(f) || p.source(f) === null) continue;
        if (/^nuget\.config$/i.test(s)) configs.push(f);
        else if (/\.(props|targets)$/.test(s)) msbuild.push(f);
      }
      if (d === '/' || d === p.copy.dest || !d.startsWith(p.copy.dest)) break;
    }
  }
  for (const v of options.get('--configfile') ?? []) {
    if (v === null) return r.inputs.refuse('the NuGet config it reads is only known when the image builds');
    if (r.inputs.require(p.resolve(v), `--configfile ${v}`)) configs.push(p.resolve(v));
  }
  for (const opt of ['-s', '--source'])
    for (const v of options.get(opt) ?? []) localSource(r, v, p.cwd, `${opt} ${v ?? ''}`.trim());
  for (const f of new Set(msbuild)) if (!imports(r, f, new Set())) return;
  for (const f of new Set(configs)) nugetSources(r, f);
  // what decides which packages the build restores (its runtime: `-r`, or `-a`/`--os` with
  // `--use-current-runtime`, as `docker init` writes) and where from, as written
  const kept: string[] = [];
  r.args.forEach((w, i) => {
    const v = w.value ?? '';
    const option = KEPT_OPTIONS.find(
      (o) => v === o || v.startsWith(o + '=') || (o === '-r' && /^-r./.test(v)),
    );
    if (KEPT_FLAGS.includes(v) || (option && v !== option)) kept.push(' ' + w.raw);
    else if (option && r.args[i + 1]) kept.push(` ${w.raw} ${r.args[i + 1].raw}`);
  });
  const tool = r.inv.n.toolWords.map((w) => w.raw).join(' ');
  r.inputs.warmup = `${tool} restore${target ? ' ' + target : ''}${kept.join('')}`;
}

const folderOf = (file: string) => file.slice(0, file.lastIndexOf('/')) || '/';

/**
 * An MSBuild path as written in `file`: backslashes turned, the properties naming the
 * file's own folder put in; null when another property is in it (only MSBuild knows it).
 */
function msbuildPath(value: string, file: string): string | null {
  const dir = folderOf(file);
  const v = value
    .trim()
    .replace(/\\/g, '/')
    .replace(/\$\((MSBuildThisFileDirectory|MSBuildProjectDirectory)\)\/?/g, `${dir}/`);
  return v.includes('$(') || v.includes('%') ? null : v;
}

/**
 * The files an MSBuild file `<Import>`s (outside the SDK's own), recursively: each is
 * copied first; one under a `Condition` only when it is there. An import whose path only
 * MSBuild knows, or a wildcard, stops the move. Also the local folders its
 * `RestoreSources`/`RestoreAdditionalProjectSources` name.
 */
function imports(r: ReaderArgs, file: string, seen: Set<string>): boolean {
  const p = r.project;
  if (seen.has(file)) return true;
  seen.add(file);
  const text = p.read(file) ?? '';
  const name = p.display(file);
  for (const m of text.matchAll(/<Import\b([^>]*)>/g)) {
    const attrs = m[1];
    if (/\bSdk\s*=/.test(attrs)) continue;
    const project = /\bProject\s*=\s*"([^"]*)"/.exec(attrs)?.[1];
    if (project === undefined) continue;
    const path = msbuildPath(project, file);
    if (path === null || /[*?]/.test(path)) {
      r.inputs.refuse(`${name} imports ${project}, a path only MSBuild knows`);
      return false;
    }
    const target = p.resolve(path, folderOf(file));
    // outside what the copy brings: the image has it already (or the build fails as before)
    if (p.source(target) === null) continue;
    const conditional = /\bCondition\s*=/.test(attrs);
    if (conditional ? !r.inputs.optional(target) : !r.inputs.require(target, `imported by ${name}`)) {
      if (conditional) continue;
      return false;
    }
    if (!imports(r, target, seen)) return false;
  }
  for (const m of text.matchAll(/<(RestoreSources|RestoreAdditionalProjectSources)\b[^>]*>([^<]*)</g)) {
    for (const part of m[2].split(';')) {
      const v = part.trim();
      if (!v || /^\$\((RestoreSources|RestoreAdditionalProjectSources)\)$/.test(v)) continue;
      const path = msbuildPath(v, file);
      localSource(r, path, folderOf(file), `${m[1]} in ${name}`);
    }
  }
  return true;
}

/**
 * A package source: a URL is fetched; a local folder (relative to `base`) that the copy
 * brings must come first. Null: only the build knows it.
 */
function localSource(r: ReaderArgs, value: string | null, base: string, where: string): void {
  if (value === null) {
    r.inputs.refuse(`${where} names a package source only known when the image builds`);
    return;
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return;
  const path = r.project.resolve(value.replace(/\\/g, '/'), base);
  if (r.project.source(path) !== null) r.inputs.require(path, where);
}

/** The local folders a NuGet config's `<packageSources>` name (relative to the config's folder). */
function nugetSources(r: ReaderArgs, file: string): void {
  const text = r.project.read(file) ?? '';
  const sources = /<packageSources\b[^>]*>([\s\S]*?)<\/packageSources>/i.exec(text)?.[1] ?? '';
  const name = r.project.display(file);
  for (const m of sources.matchAll(/<add\b[^>]*\bvalue\s*=\s*"([^"]*)"/gi)) {
    const v = m[1];
    localSource(r, /%[^%]+%|\$\(/.test(v) ? null : v, folderOf(file), `packageSources in ${name}`);
  }
}

/** A project or solution and the projects it references, recursively. */
function collect(r: ReaderArgs, file: string, out: Set<string>): boolean {
  const p = r.project;
  if (out.has(file)) return true;
  if (!r.inputs.require(file)) return false;
  const text = p.read(file) ?? '';
  const dir = file.slice(0, file.lastIndexOf('/'));
  if (/\.slnx?$/i.test(file)) {
    const refs = [
      ...text.matchAll(/^Project\([^)]*\)\s*=\s*"[^"]*",\s*"([^"]+\.(?:cs|fs|vb)proj)"/gm),
      ...text.matchAll(/<Project\s+Path="([^"]+)"/g),
    ];
    for (const m of refs) if (!collect(r, p.resolve(m[1].replace(/\\/g, '/'), dir), out)) return false;
    return true;
  }
  out.add(file);
  for (const m of text.matchAll(/<ProjectReference\s+Include="([^"]+)"/g))
    if (!collect(r, p.resolve(m[1].replace(/\\/g, '/'), dir), out)) return false;
  return true;
}
