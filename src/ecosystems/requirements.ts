/**
 * pip (and `uv pip`): the files `pip install` reads — requirements and constraints files and
 * everything they include, `--find-links` folders, local paths and archives named as
 * requirements. Installing the project itself (`.`, `-e .`) needs its source.
 */
import { localInput, readArgs, type ReaderArgs } from './reader';
import { within } from './files';

const WITH_VALUE = [
  '-r',
  '--requirement',
  '-c',
  '--constraint',
  '-e',
  '--editable',
  '-f',
  '--find-links',
  '-i',
  '--index-url',
  '--extra-index-url',
  '-t',
  '--target',
  '--prefix',
  '--root',
  '--src',
  '--platform',
  '--python-version',
  '--implementation',
  '--abi',
  '--upgrade-strategy',
  '-C',
  '--config-settings',
  '--global-option',
  '--no-binary',
  '--only-binary',
  '--progress-bar',
  '--cache-dir',
  '--log',
  '--proxy',
  '--retries',
  '--timeout',
  '--exists-action',
  '--trusted-host',
  '--cert',
  '--client-cert',
  '--python',
  '-p',
  '--report',
  '--root-user-action',
  '--keyring-provider',
  '--use-feature',
  '--use-deprecated',
  '--group',
  '--overrides',
  '--index-strategy',
  '--resolution',
  '--extra',
  '--link-mode',
];

const ARCHIVE = /\.(whl|tar\.gz|tgz|tar\.bz2|tar\.xz|zip)$/i;

export function requirements(r: ReaderArgs): void {
  const { options, positionals } = readArgs(r, WITH_VALUE);
  const p = r.project;
  const unknown = (what: string) => r.inputs.refuse(`${what} is only known when the image builds`);
  for (const opt of ['-r', '--requirement', '-c', '--constraint', '--overrides']) {
    for (const v of options.get(opt) ?? []) {
      if (v === null) unknown(`the file given to ${opt}`);
      else if (!isUrl(v)) requirementsFile(r, p.resolve(v), new Set());
    }
  }
  for (const opt of ['-e', '--editable']) {
    for (const v of options.get(opt) ?? []) {
      if (v === null) unknown(`the path given to ${opt}`);
      else requirement(r, v, `\`${opt} ${v}\``, true);
    }
  }
  for (const opt of ['-f', '--find-links']) {
    for (const v of options.get(opt) ?? []) {
      if (v === null) unknown(`the folder given to ${opt}`);
      else if (!isUrl(v) || v.startsWith('file:')) r.inputs.require(p.resolve(fileUrlPath(v)), `${opt} ${v}`);
    }
  }
  // the same, set in the environment (`ENV PIP_FIND_LINKS=/srv/wheels`): what the copy brings must come first
  for (const [name, list] of [
    ['PIP_FIND_LINKS', false],
    ['PIP_CONSTRAINT', true],
    ['PIP_REQUIREMENT', true],
    ['PIP_CONFIG_FILE', false],
  ] as const) {
    const e = r.env(name);
    if (!e) continue;
    if (e.value === null) {
      unknown(`$${name}`);
      continue;
    }
    for (const v of e.value.split(/\s+/).filter(Boolean)) {
      if (isUrl(v) && !v.startsWith('file:')) continue;
      const image = p.resolve(fileUrlPath(v));
      if (!within(image, p.copy.dest)) continue;
      if (list) requirementsFile(r, image, new Set());
      else if (r.inputs.require(image, `${name}=${v}`) && name === 'PIP_CONFIG_FILE') configFiles(r, image);
    }
  }
  for (const v of options.get('--group') ?? []) {
    const file = v?.includes(':') ? v.slice(0, v.lastIndexOf(':')) : 'pyproject.toml';
    r.inputs.require(p.resolve(file), `--group ${v}`);
  }
  for (const opt of ['-t', '--target', '--prefix', '--root']) {
    for (const v of options.get(opt) ?? []) if (v !== null) r.inputs.output(p.resolve(v));
  }
  for (const v of positionals) {
    if (v === null) unknown('a requirement');
    else requirement(r, v, `\`${v}\``, false);
  }
}

/**
 * What a pip config file the copy brings names for the install: `find-links`, `constraint`
 * and `requirement` in its `[global]` or `[install]` section (relative to the working folder).
 */
function configFiles(r: ReaderArgs, image: string): void {
  const p = r.project;
  const text = p.read(image);
  if (text === null) return;
  let section = '';
  let key: string | null = null;
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*[#;]/.test(line)) continue;
    const head = /^\s*\[([^\]]*)\]/.exec(line);
    if (head) {
      section = head[1].trim().toLowerCase();
      key = null;
      continue;
    }
    const kv = /^(\S[^=:]*?)\s*[=:]\s*(.*)$/.exec(line);
    // an indented line goes on with the value above it
    const values = kv ? kv[2] : /^\s+\S/.test(line) && key ? line.trim() : null;
    if (kv) key = kv[1].trim().toLowerCase().replace(/_/g, '-');
    if (values === null || key === null || !['global', 'install'].includes(section)) continue;
    if (!['find-links', 'constraint', 'requirement'].includes(key)) continue;
    for (const v of values.split(/\s+/).filter(Boolean)) {
      if (v.includes('$')) {
        r.inputs.refuse(`${p.display(image)} sets ${key} to a path only known when the image builds`);
        continue;
      }
      if (isUrl(v) && !v.startsWith('file:')) continue;
      const at = p.resolve(fileUrlPath(v));
      if (!within(at, p.copy.dest)) continue;
      if (key === 'find-links') r.inputs.require(at, `${key} in ${p.display(image)}`);
      else requirementsFile(r, at, new Set());
    }
  }
}

function isUrl(v: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(v) || v.startsWith('file:');
}

function fileUrlPath(v: string): string {
  return v.startsWith('file://') ? v.slice('file://'.length) : v.startsWith('file:') ? v.slice(5) : v;
}

/** One requirement: a name (nothing to copy), a URL, or a local path or archive (an input, or the project itself). */
function requirement(r: ReaderArgs, spec: string, what: string, editable: boolean): void {
  const p = r.project;
  const at = /^[A-Za-z0-9._-]+(\[[^\]]*\])?\s*@\s*(\S+)/.exec(spec);
  let path: string | null = null;
  if (at) path = at[2].startsWith('file:') ? fileUrlPath(at[2]) : null;
  else if (spec.startsWith('file:')) path = fileUrlPath(spec);
  else if (isUrl(spec) || /^[a-z]+\+/.test(spec)) path = null;
  else if (
    editable ||
    spec.startsWith('.') ||
    spec.startsWith('/') ||
    spec.includes('/') ||
    ARCHIVE.test(spec)
  )
    path = spec.replace(/\[[^\]]*\]$/, '');
  else {
    // a bare name that is an installable folder here is installed from that folder (pip's rule)
    const name = spec.replace(/[[<>=!~;\s].*$/, '');
    const dir = p.resolve(name);
    if (name && (p.available(`${dir}/setup.py`) || p.available(`${dir}/pyproject.toml`))) path = name;
  }
  if (path === null) return;
  if (path.includes('$')) {
    r.inputs.refuse(`${what} names a path that is only known when the image builds`);
    return;
  }
  localInput(r, p.resolve(path), what);
}

/** A requirements or constraints file and what it includes (`-r`, `-c` relative to the file; local paths). */
function requirementsFile(r: ReaderArgs, file: string, seen: Set<string>): void {
  const p = r.project;
  if (seen.has(file)) return;
  seen.add(file);
  if (!r.inputs.require(file)) return;
  const text = p.read(file) ?? '';
  const dir = file.slice(0, file.lastIndexOf('/')) || '/';
  const name = p.display(file);
  const lines = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) return;
    const where = `${name} line ${i + 1}: \`${line}\``;
    if (line.includes('${')) {
      r.inputs.refuse(`${where} uses an environment variable`);
      return;
    }
    if (line.startsWith('-')) {
      const [opt, value] = optionOf(line);
      if (['-r', '--requirement', '-c', '--constraint'].includes(opt) && value && !isUrl(value))
        requirementsFile(r, p.resolve(value, dir), seen);
      else if (['-e', '--editable'].includes(opt) && value) requirement(r, value, where, true);
      else if (
        ['-f', '--find-links'].includes(opt) &&
        value &&
        (!isUrl(value) || value.startsWith('file:'))
      ) {
        // pip reads a relative --find-links next to the requirements file when it is there, else from the working folder
        const local = fileUrlPath(value);
        const nextToFile = p.resolve(local, dir);
        r.inputs.require(p.available(nextToFile) ? nextToFile : p.resolve(local), where);
      }
      return;
    }
    requirement(r, line.split(/\s+--/)[0].split(';')[0].trim(), where, false);
  });
}

/** `-r x`, `-rx`, `--requirement=x`, `--requirement x` as [option, value]. */
function optionOf(line: string): [string, string] {
  const [first, second = ''] = line.split(/\s+/);
  const eq = first.indexOf('=');
  if (first.startsWith('--')) return eq > 0 ? [first.slice(0, eq), first.slice(eq + 1)] : [first, second];
  return first.length > 2 ? [first.slice(0, 2), first.slice(2).replace(/^=/, '')] : [first, second];
}
