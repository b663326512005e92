/**
 * uv and poetry (pyproject.toml + lock), pipenv (Pipfile + Pipfile.lock): workspace members,
 * local path sources and path dependencies are inputs too; one that is the project itself
 * needs its source.
 */
import { localPythonInput, readArgs, readToml, specFiles, type ReaderArgs } from './reader';
import { isTable, stringsAt, tableAt, type TomlTable } from './toml';

/** `{ path = "..." }` entries of a dependency table. */
function pathEntries(table: TomlTable | null): [string, string][] {
  return Object.entries(table ?? {}).flatMap(([name, v]) =>
    isTable(v) && typeof v.path === 'string' ? [[name, v.path] as [string, string]] : [],
  );
}

export function pyproject(r: ReaderArgs): void {
  const p = r.project;
  const { flags } = readArgs(r, [
    '--extra',
    '--group',
    '--only-group',
    '--no-group',
    '--python',
    '-p',
    '--package',
    '--directory',
    '--project',
    '-E',
    '--extras',
    '--with',
    '--without',
    '--only',
    '-C',
  ]);
  if (!specFiles(r)) return;
  const file = `${p.cwd}/pyproject.toml`;
  const toml = readToml(r, file);
  if (!toml) return;
  const name = p.display(file);
  if (r.inv.manager.id === 'uv') {
    if (
      (flags.has('--locked') || flags.has('--frozen')) &&
      !r.inputs.require(`${p.cwd}/uv.lock`, flags.has('--locked') ? '--locked' : '--frozen')
    )
      return;
    const ws = tableAt(toml, 'tool', 'uv', 'workspace');
    const exclude = stringsAt(ws, 'exclude').flatMap((g) => p.globDirs(p.cwd, g));
    const members = stringsAt(ws, 'members')
      .flatMap((g) => p.globDirs(p.cwd, g))
      .filter((m) => !exclude.includes(m));
    for (const m of members)
      if (!r.inputs.require(`${m}/pyproject.toml`, `a member of the workspace in ${name}`)) return;
    for (const [dep, path] of pathEntries(tableAt(toml, 'tool', 'uv', 'sources'))) {
      const d = p.resolve(path);
      if (!members.includes(d)) localPythonInput(r, d, `${name}: source ${dep} = { path = "${path}" }`);
    }
    if (members.length) r.inputs.warmup = `${r.text} --no-install-workspace`;
    return;
  }
  // poetry
  const poetry = tableAt(toml, 'tool', 'poetry');
  const groups = Object.values(tableAt(poetry ?? {}, 'group') ?? {}).filter(isTable);
  for (const t of [
    tableAt(poetry ?? {}, 'dependencies'),
    tableAt(poetry ?? {}, 'dev-dependencies'),
    ...groups.map((g) => tableAt(g, 'dependencies')),
  ]) {
    for (const [dep, path] of pathEntries(t))
      localPythonInput(r, p.resolve(path), `${name}: ${dep} = { path = "${path}" }`);
  }
}

export function pipfile(r: ReaderArgs): void {
  const p = r.project;
  if (!specFiles(r)) return;
  const toml = readToml(r, `${p.cwd}/Pipfile`);
  if (!toml) return;
  for (const section of ['packages', 'dev-packages']) {
    for (const [dep, path] of pathEntries(tableAt(toml, section)))
      localPythonInput(r, p.resolve(path), `Pipfile: ${dep} = { path = "${path}" }`);
  }
}
