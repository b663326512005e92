/**
 * Cargo: Cargo.toml and Cargo.lock, every workspace member's Cargo.toml, path dependencies,
 * and a dependency-only build with placeholder sources (the fingerprints of the project's own
 * crates are removed afterwards, so the real build recompiles them). Explicit targets
 * (`[[bin]]`, `[lib] path`, `build = ...`) leave no safe placeholder: cache mounts only.
 */
import { normalizePath } from '../stage';
import { readArgs, readToml, specFiles, tlsFile, type ReaderArgs } from './reader';
import { isTable, stringsAt, tableAt, type TomlTable } from './toml';

const WITH_VALUE = [
  '--manifest-path',
  '--profile',
  '--target',
  '--target-dir',
  '-p',
  '--package',
  '--features',
  '-F',
  '-j',
  '--jobs',
  '--bin',
  '--example',
  '--test',
  '--bench',
  '--color',
  '--config',
  '-Z',
  '--exclude',
  '--path',
  '--root',
  '--version',
  '--git',
  '--branch',
  '--tag',
  '--rev',
];
const KEPT_FLAGS = [
  '--release',
  '-r',
  '--locked',
  '--frozen',
  '--offline',
  '--all-features',
  '--no-default-features',
  '--workspace',
  '--all',
];
// the packages to build: the placeholder builds their dependencies, not the whole workspace's
const KEPT_VALUES = ['--profile', '--target', '--features', '-F', '-p', '--package', '--exclude'];

export function cargo(r: ReaderArgs): void {
  const { flags, options, positionals } = readArgs(r, WITH_VALUE);
  const p = r.project;
  if (r.inv.subcommand === 'install' && !options.has('--path')) {
    if (positionals.length) return; // `cargo install ripgrep`: from the registry
  }
  if (options.has('--target-dir') || options.has('--manifest-path')) {
    r.inputs.refuse('it names its own manifest or target folder');
    return;
  }
  const root = p.cwd;
  if (!specFiles(r, root)) return;
  const manifest = readToml(r, `${root}/Cargo.toml`);
  if (!manifest) return;
  const packages: { dir: string; name: string; toml: TomlTable }[] = [];
  const pkg = tableAt(manifest, 'package');
  if (pkg && typeof pkg.name === 'string') packages.push({ dir: root, name: pkg.name, toml: manifest });
  const ws = tableAt(manifest, 'workspace');
  const exclude = stringsAt(ws, 'exclude').map((e) => p.resolve(e, root));
  for (const glob of stringsAt(ws, 'members')) {
    for (const dir of p.globDirs(root, glob)) {
      if (exclude.includes(dir) || packages.some((x) => x.dir === dir)) continue;
      if (!r.inputs.require(`${dir}/Cargo.toml`)) return;
      const toml = readToml(r, `${dir}/Cargo.toml`);
      const name = toml && tableAt(toml, 'package')?.name;
      if (!toml || typeof name !== 'string') return;
      packages.push({ dir, name, toml });
    }
  }
  if (!packages.length) {
    r.inputs.refuse('Cargo.toml has no [package] and no workspace members');
    return;
  }
  for (const x of packages) {
    const explicit = explicitTargets(x.toml);
    if (explicit) {
      r.inputs.refuse(
        `${p.display(`${x.dir}/Cargo.toml`)} declares ${explicit}: no placeholder build can stand in for it (cache mounts only)`,
      );
      return;
    }
    for (const dep of pathDependencies(x.toml)) {
      const d = p.resolve(dep, x.dir);
      if (!packages.some((m) => m.dir === d)) r.inputs.require(d, `path dependency of ${x.name}`);
    }
  }
  // the root manifest's [workspace.dependencies], [patch.*] and [replace] name crates by path too
  for (const dep of workspacePaths(manifest)) {
    const d = p.resolve(dep, root);
    if (!packages.some((m) => m.dir === d)) r.inputs.require(d, 'path dependency of the workspace');
  }
  const config = cargoConfig(r, root);
  if (config === undefined) return;
  // crates vendored (`cargo vendor`: a directory source) or in a local registry
  for (const src of Object.values((config && tableAt(config, 'source')) ?? {}).filter(isTable)) {
    for (const k of ['directory', 'local-registry']) {
      const dir = src[k];
      if (typeof dir === 'string')
        r.inputs.require(p.resolve(dir, root), `${k} source of .cargo/config.toml`);
    }
  }
  // the CA bundle of cargo's HTTP client
  const http = config ? tableAt(config, 'http') : null;
  if (typeof http?.cainfo === 'string') tlsFile(r, http.cainfo, '.cargo/config.toml http.cainfo', root);
  // the placeholder build
  const rel = (d: string) => (d === root ? '' : d.slice(root === '/' ? 1 : root.length + 1) + '/');
  const setup = packages.map(
    (x) =>
      `mkdir -p ${rel(x.dir)}src && echo 'fn main() {}' > ${rel(x.dir)}src/main.rs && touch ${rel(x.dir)}src/lib.rs`,
  );
  const kept = r.args.filter((w, i) => {
    const v = w.value ?? '';
    const prev = r.args[i - 1]?.value ?? '';
    return (
      KEPT_FLAGS.includes(v) ||
      KEPT_VALUES.some((o) => v.startsWith(o + '=')) ||
      KEPT_VALUES.includes(v) ||
      KEPT_VALUES.includes(prev)
    );
  });
  const tool = r.inv.n.toolWords.map((w) => w.raw).join(' ');
  const build =
    r.inv.subcommand === 'build'
      ? `${tool} build${kept.map((w) => ' ' + w.raw).join('')}`
      : `${tool} fetch${flags.has('--locked') ? ' --locked' : ''}`;
  const profileFlag = options.get('--profile')?.[0];
  const profile = profileFlag
    ? (({ dev: 'debug', test: 'debug', release: 'release', bench: 'release' } as Record<string, string>)[
        profileFlag
      ] ?? profileFlag)
    : flags.has('--release') || flags.has('-r')
      ? 'release'
      : 'debug';
  const triples = targetTriples(r, options, config);
  if (!triples) return;
  const outs = (triples.length ? triples : ['']).map((t) =>
    normalizePath(`/target/${t ? t + '/' : ''}${profile}`).slice(1),
  );
  const cleanup = [
    ...packages.map((x) => `${rel(x.dir)}src`),
    ...(r.inv.subcommand === 'build'
      ? outs.flatMap((out) => packages.map((x) => `${out}/.fingerprint/${x.name}-????????????????`))
      : []),
  ];
  r.inputs.warmup = `${setup.join(' && ')} && ${build} && rm -rf ${cleanup.join(' ')}`;
  r.inputs.scratch.push(...packages.map((x) => p.resolve('src', x.dir)));
}

/**
 * The target triples the build compiles for ([] for the host's): they are part of the folder
 * that holds the fingerprints the placeholder build must remove, or the real build would
 * keep the placeholder binary. `--target` first, then CARGO_BUILD_TARGET, then `[build]
 * target` of the project's .cargo/config.toml. Null (refused) when one is only known when
 * the image builds, or the target folder itself moves.
 */
function targetTriples(
  r: ReaderArgs,
  options: Map<string, (string | null)[]>,
  config: TomlTable | null,
): string[] | null {
  const refuse = (why: string) => {
    r.inputs.refuse(`${why}: the placeholder build's fingerprints could not be found to remove`);
    return null;
  };
  if (options.has('--config')) return refuse('it sets cargo configuration on its command line (--config)');
  for (const name of ['CARGO_TARGET_DIR', 'CARGO_BUILD_TARGET_DIR'])
    if (r.env(name)) return refuse(`${name} moves its target folder`);
  const build = config ? tableAt(config, 'build') : null;
  if (build?.['target-dir'] !== undefined) return refuse('.cargo/config.toml sets build.target-dir');
  const flag = options.get('--target');
  if (flag) {
    if (flag.some((t) => t === null || t.includes('$')))
      return refuse('its --target is only known when the image builds');
    return flag as string[];
  }
  const env = r.env('CARGO_BUILD_TARGET');
  if (env)
    return env.value === null
      ? refuse('CARGO_BUILD_TARGET is only known when the image builds')
      : [env.value];
  const target = build?.target;
  if (target === undefined) return [];
  const list = Array.isArray(target) ? target : [target];
  if (!list.every((t): t is string => typeof t === 'string' && !t.includes('$') && !t.endsWith('.json')))
    return refuse('.cargo/config.toml sets a build.target the tool does not read');
  return list;
}

/** The project's .cargo/config.toml (or legacy .cargo/config): null when it has none, undefined when it does not parse (refused). */
function cargoConfig(r: ReaderArgs, root: string): TomlTable | null | undefined {
  for (const f of ['.cargo/config.toml', '.cargo/config']) {
    const text = r.project.read(`${root}/${f}`);
    if (text === null) continue;
    return readToml(r, `${root}/${f}`, text) ?? undefined;
  }
  return null;
}

/** Paths of crates the root manifest names outside its packages' own dependencies. */
function workspacePaths(toml: TomlTable): string[] {
  const out: string[] = [];
  const entries = [
    ...Object.values(tableAt(toml, 'workspace', 'dependencies') ?? {}),
    ...Object.values(tableAt(toml, 'patch') ?? {})
      .filter(isTable)
      .flatMap((t) => Object.values(t)),
    ...Object.values(tableAt(toml, 'replace') ?? {}),
  ];
  for (const v of entries) if (isTable(v) && typeof v.path === 'string') out.push(v.path);
  return out;
}

function explicitTargets(toml: TomlTable): string | null {
  for (const k of ['bin', 'example', 'test', 'bench']) if (Array.isArray(toml[k])) return `[[${k}]] targets`;
  if (tableAt(toml, 'lib')?.path !== undefined) return 'a [lib] path';
  const build = tableAt(toml, 'package')?.build;
  if (build !== undefined && build !== false) return 'a build script';
  return null;
}

function pathDependencies(toml: TomlTable): string[] {
  const out: string[] = [];
  const tables = [toml, ...Object.values(tableAt(toml, 'target') ?? {}).filter(isTable)];
  for (const t of tables) {
    for (const k of ['dependencies', 'dev-dependencies', 'build-dependencies']) {
      for (const v of Object.values(tableAt(t, k) ?? {}))
        if (isTable(v) && typeof v.path === 'string') out.push(v.path);
    }
  }
  return out;
}
