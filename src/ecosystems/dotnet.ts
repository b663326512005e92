/**
 * .NET: the project or solution the command names (or the one in its folder), every project
 * it references, and the props, NuGet and SDK files from each project's folder up; then
 * `dotnet restore` with the same runtime and sources.
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
  const { positionals } = readArgs(r, WITH_VALUE);
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
  for (const proj of projects) {
    const dir = proj.slice(0, proj.lastIndexOf('/'));
    r.inputs.optional(`${dir}/packages.lock.json`);
    for (let d = dir; ; d = d.slice(0, d.lastIndexOf('/')) || '/') {
      for (const s of SHARED) r.inputs.optional(`${d === '/' ? '' : d}/${s}`);
      if (d === '/' || d === p.copy.dest || !d.startsWith(p.copy.dest)) break;
    }
  }
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
