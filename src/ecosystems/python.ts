/**
 * uv and poetry (pyproject.toml + lock), pipenv (Pipfile + Pipfile.lock): workspace members,
 * local path sources and path dependencies are inputs too; one that is the project itself
 * needs its source.
 */
import { localPythonInput, readArgs, readToml, specFiles, type ReaderArgs } from './reader';
import { isTable, stringsAt, tableAt, type TomlTable } from './toml';
import { PIPENV_OPTIONS_WITH_VALUE } from '../managers/pipenv';

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
  poetryVenv(r);
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

/** The words Poetry and Pipenv read as true (`POETRY_VIRTUALENVS_IN_PROJECT=1`). */
const TRUE = /^(true|1|yes|on)$/i;

/**
 * Where Poetry installs, as it bears on a `.venv` in the context (an output of the install,
 * see {@link Inputs.output}): in the project's `.venv` with `virtualenvs.in-project` true;
 * also, with it not set, in a `.venv` it finds there (the context's, after the copy). Not with
 * it false, nor inside an active virtualenv (`VIRTUAL_ENV`), which Poetry installs into.
 */
function poetryVenv(r: ReaderArgs): void {
  if (r.env('VIRTUAL_ENV')) return;
  const venv = `${r.project.cwd}/.venv`;
  const setting = poetryInProject(r);
  if (setting === true) r.inputs.output(venv);
  else if (setting === null)
    r.inputs.output(
      venv,
      'Poetry uses a .venv it finds in the project while virtualenvs.in-project is not false, so before the copy it would install into another virtualenv than it does now',
    );
  else if (typeof setting === 'string')
    r.inputs.output(venv, `${setting}: with it true, or not set, Poetry installs into the project's .venv`);
}

/**
 * Poetry's `virtualenvs.in-project` as it reads it: its variable, the project's poetry.toml,
 * `poetry config` in an earlier RUN, the user's config.toml; null when nothing sets it; a
 * string saying why where the tool cannot tell.
 */
function poetryInProject(r: ReaderArgs): boolean | null | string {
  const e = r.env('POETRY_VIRTUALENVS_IN_PROJECT');
  if (e)
    return e.value === null
      ? (r.unknownWhy('$POETRY_VIRTUALENVS_IN_PROJECT') ??
          'POETRY_VIRTUALENVS_IN_PROJECT is only known when the image builds')
      : TRUE.test(e.value);
  const fromToml = (text: string | null, where: string): boolean | string | undefined => {
    if (text === null) return `the tool cannot read ${where}`;
    const v = tableAt(readToml(r, where, text) ?? {}, 'virtualenvs')?.['in-project'];
    return typeof v === 'boolean' ? v : typeof v === 'string' ? TRUE.test(v) : undefined;
  };
  const local = `${r.project.cwd}/poetry.toml`;
  if (r.project.available(local)) {
    const v = fromToml(r.project.read(local), local);
    if (v !== undefined) return v;
  }
  const stored = r.stored('virtualenvs.in-project');
  if (stored)
    return stored.value === null
      ? `${stored.by} sets virtualenvs.in-project to a value only known when the image builds`
      : TRUE.test(stored.value);
  const dir = r.env('POETRY_CONFIG_DIR');
  const config = dir
    ? dir.value === null
      ? null
      : `${dir.value}/config.toml`
    : r.home && `${r.home}/.config/pypoetry/config.toml`;
  if (dir && config === null)
    return r.unknownWhy('$POETRY_CONFIG_DIR') ?? 'POETRY_CONFIG_DIR is only known when the image builds';
  for (const f of config ? r.placed([config]) : []) {
    const v = fromToml(f.text, f.path);
    if (v !== undefined) return v;
  }
  return null;
}

export function pipfile(r: ReaderArgs): void {
  const p = r.project;
  if (!specFiles(r)) return;
  // Pipenv installs into a `.venv` folder of the project when there is one (or where a `.venv`
  // file says), also without PIPENV_VENV_IN_PROJECT; not with --system, nor inside an active
  // virtualenv (VIRTUAL_ENV, unless PIPENV_IGNORE_VIRTUALENVS)
  const { flags } = readArgs(r, PIPENV_OPTIONS_WITH_VALUE);
  const active = r.env('VIRTUAL_ENV') && !r.env('PIPENV_IGNORE_VIRTUALENVS');
  if (!flags.has('--system') && !active) {
    const inProject = r.env('PIPENV_VENV_IN_PROJECT');
    r.inputs.output(
      `${p.cwd}/.venv`,
      inProject?.value && TRUE.test(inProject.value)
        ? undefined
        : 'Pipenv installs into a .venv it finds in the project, so before the copy it would install into another virtualenv than it does now',
    );
  }
  const toml = readToml(r, `${p.cwd}/Pipfile`);
  if (!toml) return;
  for (const section of ['packages', 'dev-packages']) {
    for (const [dep, path] of pathEntries(tableAt(toml, section)))
      localPythonInput(r, p.resolve(path), `Pipfile: ${dep} = { path = "${path}" }`);
  }
}
