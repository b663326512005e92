/**
 * pip (and `uv pip`): the files `pip install` reads — requirements and constraints files and
 * everything they include, `--find-links` folders, local paths and archives named as
 * requirements. Installing the project itself (`.`, `-e .`) needs its source.
 */
import { localPythonInput, programPath, readArgs, tlsFile, type ReaderArgs } from './reader';
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
  const { options, written, positionals, unknown: unknownWords } = readArgs(r, WITH_VALUE);
  const p = r.project;
  // `raw`: the argument as written, whose variables say why
  const unknown = (what: string, raw = '') => {
    const why = raw && r.unknownWhy(raw);
    r.inputs.refuse(`${what} is only known when the image builds${why ? ` (${why})` : ''}`);
  };
  // a remote URL with a variable in it (`-c https://.../constraints-${VERSION}.txt`) names no local file
  const remote = (opt: string, k: number) => remoteUrl((written.get(opt)?.[k] ?? '').replace(/^["']/, ''));
  for (const opt of ['-r', '--requirement', '-c', '--constraint', '--overrides']) {
    (options.get(opt) ?? []).forEach((v, k) => {
      if (v === null) {
        if (!remote(opt, k)) unknown(`the file given to ${opt}`, written.get(opt)?.[k]);
      } else if (!isUrl(v)) requirementsFile(r, p.resolve(v), new Set());
    });
  }
  for (const opt of ['-e', '--editable']) {
    for (const [k, v] of (options.get(opt) ?? []).entries()) {
      if (v === null) unknown(`the path given to ${opt}`, written.get(opt)?.[k]);
      else requirement(r, v, `\`${opt} ${v}\``, true);
    }
  }
  for (const opt of ['--cert', '--client-cert'])
    for (const v of options.get(opt) ?? []) tlsFile(r, v, `${opt} ${v ?? ''}`.trim());
  for (const opt of ['-f', '--find-links']) {
    for (const [k, v] of (options.get(opt) ?? []).entries()) {
      if (v === null && remote(opt, k)) continue;
      if (v === null) unknown(`the folder given to ${opt}`, written.get(opt)?.[k]);
      else if (!isUrl(v) || v.startsWith('file:')) r.inputs.require(p.resolve(fileUrlPath(v)), `${opt} ${v}`);
    }
  }
  // the same, set in pip's environment, config files or stored settings: what the copy brings must come first
  for (const setting of fileSettings(r)) follow(r, setting);
  for (const v of options.get('--group') ?? []) {
    const file = v?.includes(':') ? v.slice(0, v.lastIndexOf(':')) : 'pyproject.toml';
    r.inputs.require(p.resolve(file), `--group ${v}`);
  }
  for (const opt of ['-t', '--target', '--prefix', '--root']) {
    for (const v of options.get(opt) ?? []) if (v !== null) r.inputs.output(p.resolve(v));
  }
  let u = 0;
  for (const v of positionals) {
    if (v === null) unknown('a requirement', unknownWords[u++]?.raw);
    else requirement(r, v, `\`${v}\``, false);
  }
}

/**
 * pip's options that name files an install reads, as settings: the key in a config file
 * (the long option's name) and the variable (`PIP_` and the key in capitals). A key pip has
 * no option for (`constraints`) it ignores.
 */
const FILE_SETTINGS = [
  { key: 'find-links', env: 'PIP_FIND_LINKS' },
  { key: 'constraint', env: 'PIP_CONSTRAINT' },
  { key: 'requirement', env: 'PIP_REQUIREMENT' },
  { key: 'editable', env: 'PIP_EDITABLE' },
  { key: 'cert', env: 'PIP_CERT' },
  { key: 'client-cert', env: 'PIP_CLIENT_CERT' },
] as const;
type FileKey = (typeof FILE_SETTINGS)[number]['key'];
const KEYS: readonly string[] = FILE_SETTINGS.map((s) => s.key);
/** The config sections `pip install` reads (DEFAULT's keys are in every section). */
const SECTIONS = ['global', 'install', 'default'];

/** A setting of pip that names files: its value (null: only known when the image builds) and where it is set. */
interface FileSetting {
  key: FileKey;
  value: string | null;
  where: string;
}

/** What a setting names: find-links folders, requirements and constraints files, editable projects. */
function follow(r: ReaderArgs, s: FileSetting): void {
  const p = r.project;
  if (s.value === null) {
    r.inputs.refuse(`${s.where} is only known when the image builds`);
    return;
  }
  if (s.key === 'cert' || s.key === 'client-cert') {
    tlsFile(r, s.value, s.where);
    return;
  }
  for (const v of s.value.split(/\s+/).filter(Boolean)) {
    if (v.includes('$')) {
      r.inputs.refuse(`${v} (${s.where}) is only known when the image builds`);
      continue;
    }
    if (s.key === 'editable') {
      requirement(r, v, s.where, true);
      continue;
    }
    if (isUrl(v) && !v.startsWith('file:')) continue;
    const image = p.resolve(fileUrlPath(v));
    if (!within(image, p.copy.dest)) continue;
    if (s.key === 'find-links') r.inputs.require(image, s.where);
    else requirementsFile(r, image, new Set());
  }
}

/**
 * The settings naming files that pip's environment gives the install (`ENV PIP_FIND_LINKS=x`,
 * `PIP_CONSTRAINT=x pip install`), that its config files give (see {@link pipConfigFiles}),
 * and that `pip config set` stored. Which of several wins is not worked out: all are followed.
 */
function* fileSettings(r: ReaderArgs): Generator<FileSetting> {
  for (const { key, env } of FILE_SETTINGS) {
    const e = r.env(env);
    if (e) yield { key, value: e.value, where: `$${env}` };
  }
  for (const f of pipConfigFiles(r)) {
    const unread = `${f.name}${f.how ? ` (${f.how})` : ''} may name files pip reads (${KEYS.join(', ')}), and the tool cannot read it`;
    // a secret (a private index's credentials, most often) is a guess, not a refusal
    if (f.text === null && f.mounted) r.inputs.guess(unread);
    else if (f.text === null) r.inputs.refuse(unread);
    else yield* configSettings(f.text, `${f.name}${f.how ? `, ${f.how}` : ''}`);
  }
  for (const section of SECTIONS.slice(0, 2)) {
    for (const key of KEYS as FileKey[]) {
      const st = r.stored(`${section}.${key}`);
      if (st) yield { key, value: st.value, where: `the ${key} that ${st.by} stores` };
    }
  }
}

/**
 * The pip config files the install may read, when the manager reads pip's: the one
 * PIP_CONFIG_FILE names; the global ones (`pip/pip.conf` in each of $XDG_CONFIG_DIRS,
 * default /etc/xdg, then /etc/pip.conf); the user's (~/.pip/pip.conf, then
 * $XDG_CONFIG_HOME/pip/pip.conf, default ~/.config); the environment's (`pip.conf` in
 * sys.prefix: $VIRTUAL_ENV, or the prefix of a pip run by its path). Those the copy brings
 * come first with the manifests. Any other `pip.conf` the build puts somewhere may be one of
 * these too (a venv found through PATH, a home the tool does not know): it counts as well.
 */
function pipConfigFiles(
  r: ReaderArgs,
): { name: string; how: string | null; text: string | null; mounted?: boolean }[] {
  const conf = r.inv.manager.caches
    .flatMap((c) => c.sources)
    .flatMap((s) => ('configFile' in s ? [s.configFile] : []))[0];
  if (!conf) return [];
  const p = r.project;
  const wanted: string[] = [];
  let named: string | null = null;
  if (conf.pathEnv) {
    const e = r.env(conf.pathEnv);
    if (e?.value === null) r.inputs.refuse(`$${conf.pathEnv} is only known when the image builds`);
    // pip reads no config file at all then
    else if (e?.value === '/dev/null') return [];
    else if (e?.value) wanted.push((named = p.resolve(e.value)));
  }
  const known = (name: string, fallback: string | null): string[] => {
    const e = r.env(name);
    return ((e ? e.value : fallback) ?? '').split(':').filter((d) => d.startsWith('/'));
  };
  const homeEnv = r.env('HOME');
  const home = homeEnv ? homeEnv.value : r.home;
  for (const d of known('XDG_CONFIG_DIRS', '/etc/xdg')) wanted.push(`${d}/pip/pip.conf`);
  for (const d of known('XDG_CONFIG_HOME', home && `${home}/.config`)) wanted.push(`${d}/pip/pip.conf`);
  for (const c of conf.paths)
    if (!c.startsWith('~/') || home !== null) wanted.push(c.replace(/^~/, home ?? ''));
  for (const d of known('VIRTUAL_ENV', null)) wanted.push(`${d}/pip.conf`);
  // pip reads <venv>/pip.conf of the environment it runs from: `$VENV/bin/pip` too
  const program = programPath(r);
  if (program === null)
    r.inputs.refuse(`the folder ${r.inv.n.toolWords[0].raw} runs from is only known when the image builds`);
  const tool = /^(\/.*)\/bin\/[^/]+$/.exec(program ?? '');
  if (tool) wanted.push(`${tool[1]}/pip.conf`);
  const paths = [...new Set(wanted.map((w) => p.resolve(w)))];
  const out: { name: string; how: string | null; text: string | null; mounted?: boolean }[] = [];
  const placed = r.placed(paths);
  for (const path of paths) {
    const f = placed.find((x) => x.path === path);
    const name = p.display(path);
    if (f && !f.byCopy) out.push({ name, how: f.how, text: f.text, mounted: f.mounted });
    // brought by the copy (or, where the copy puts files, said to be there by PIP_CONFIG_FILE): it comes first too
    else if (
      (f || (path === named && within(path, p.copy.dest))) &&
      r.inputs.require(path, path === named ? `$${conf.pathEnv}` : undefined)
    )
      out.push({ name, how: null, text: p.read(path) });
  }
  // another user's own config file is not read (in a home the tool knows is not this one)
  const otherUsers = (at: string) =>
    home !== null && /\/(\.pip|\.config\/pip)\/pip\.conf$/.test(at) && !within(at, home);
  const others = r
    .named(['pip.conf'])
    .filter((f) => !f.byCopy && (f.path === null || (!paths.includes(f.path) && !otherUsers(f.path))));
  // the last one put at each path
  for (const [k, f] of others.entries())
    if (f.path === null || !others.slice(k + 1).some((g) => g.path === f.path))
      out.push({ name: f.path ?? 'a pip.conf', how: f.how, text: f.text });
  return out;
}

/** The settings naming files in a pip config file's `[global]` and `[install]` sections. */
function configSettings(text: string, file: string): FileSetting[] {
  const out: FileSetting[] = [];
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
    const value = kv ? kv[2] : /^\s+\S/.test(line) && key ? line.trim() : null;
    // pip's names: any case, `_` for `-`, a leading `--` allowed
    if (kv) key = kv[1].trim().toLowerCase().replace(/_/g, '-').replace(/^--/, '');
    if (value === null || key === null || !SECTIONS.includes(section) || !KEYS.includes(key)) continue;
    out.push({ key: key as FileKey, value, where: `${key} in ${file}` });
  }
  return out;
}

/** A URL pip fetches (not a `file:` one), or a VCS requirement (`git+https://...`). */
function remoteUrl(v: string): boolean {
  return (isUrl(v) && !v.startsWith('file:')) || /^[a-z]+\+/.test(v);
}

/** `name[extras] @ url`: a requirement from a direct URL. */
const DIRECT_URL = /^[A-Za-z0-9._-]+(\[[^\]]*\])?\s*@\s*(\S+)/;

function isUrl(v: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(v) || v.startsWith('file:');
}

function fileUrlPath(v: string): string {
  return v.startsWith('file://') ? v.slice('file://'.length) : v.startsWith('file:') ? v.slice(5) : v;
}

/** One requirement: a name (nothing to copy), a URL, or a local path or archive (an input, or the project itself). */
function requirement(r: ReaderArgs, spec: string, what: string, editable: boolean): void {
  const p = r.project;
  const at = DIRECT_URL.exec(spec);
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
  localPythonInput(r, p.resolve(path), what);
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
    // pip puts environment variables in (`${TOKEN}` in an index URL is common): only a
    // variable in what names a local file or requirement keeps the tool from reading it
    const variable = () => r.inputs.refuse(`${where} names a file through an environment variable`);
    if (line.startsWith('-')) {
      const [opt, value] = optionOf(line);
      const names = ['-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-f', '--find-links'];
      if (names.includes(opt) && value.includes('${') && !remoteUrl(value)) {
        variable();
        return;
      }
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
    const spec = line.split(/\s+--/)[0].split(';')[0].trim();
    // a variable in a version or marker changes no file; in the name or path it may
    const at = DIRECT_URL.exec(spec);
    if (!remoteUrl(spec) && !(at && remoteUrl(at[2])) && /^[^<>=!~@]*\$\{/.test(spec)) {
      variable();
      return;
    }
    requirement(r, spec, where, false);
  });
}

/** `-r x`, `-rx`, `--requirement=x`, `--requirement x` as [option, value]. */
function optionOf(line: string): [string, string] {
  const [first, second = ''] = line.split(/\s+/);
  const eq = first.indexOf('=');
  if (first.startsWith('--')) return eq > 0 ? [first.slice(0, eq), first.slice(eq + 1)] : [first, second];
  return first.length > 2 ? [first.slice(0, 2), first.slice(2).replace(/^=/, '')] : [first, second];
}
