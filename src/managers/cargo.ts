import type { PackageManager } from './types';

/** Cargo sub-commands that compile (and so run RUSTC_WRAPPER). */
export const CARGO_COMPILES = [
  'build',
  'b',
  'check',
  'c',
  'test',
  't',
  'bench',
  'run',
  'r',
  'install',
  'clippy',
  'rustc',
  'chef cook',
  'auditable build',
];

/** cargo-cache's options that delete files from CARGO_HOME (`-r all`, `--remove-if-older-than`). */
const CARGO_CACHE_REMOVES = [
  '-r',
  '--remove-dir',
  '-o',
  '--remove-if-older-than',
  '-y',
  '--remove-if-younger-than',
];
const CARGO_CACHE_DRY = ['-n', '--dry-run'];
const CHECKOUTS = 'the git checkouts in the image';

const HOME_SOURCES = (suffix: string) => [{ env: 'CARGO_HOME', suffix }, { home: `.cargo${suffix}` }];

/**
 * Cargo: the registry (index, downloaded .crate files, their sources) and git dependencies'
 * databases under CARGO_HOME (the official images set CARGO_HOME=/usr/local/cargo). Cargo's own
 * lock for them, `$CARGO_HOME/.package-cache`, is outside the mounts, hence `sharing=locked`.
 * `target/` is a build output, not a cache: it is mounted only when the same RUN copies the
 * built files out of it and nothing later reads it.
 */
export const cargo: PackageManager = {
  id: 'cargo',
  summary: 'cargo build/install/fetch: registry and git caches (+ target/ when the RUN copies binaries out)',
  examples: ['cargo build --release --locked', 'cargo install --path . --root /usr/local'],
  commands: [
    {
      tools: ['cargo'],
      subcommands: [...CARGO_COMPILES, 'doc', 'd', 'fetch', 'vendor', 'update', 'generate-lockfile'],
      optionsWithValue: [
        '--target-dir',
        '--manifest-path',
        '-p',
        '--package',
        '--bin',
        '--target',
        '-j',
        '--jobs',
        '--features',
        '-F',
        '--profile',
        '--root',
        '--config',
        '-Z',
      ],
    },
  ],
  runtimeTools: ['cargo'],
  offlineFlags: ['--offline', '--frozen'],
  offlineEnv: [{ name: 'CARGO_NET_OFFLINE', values: ['true', '1'] }],
  caches: [
    { name: 'cargo-registry', sources: HOME_SOURCES('/registry'), sharing: 'locked', store: true },
    { name: 'cargo-git', sources: HOME_SOURCES('/git/db'), sharing: 'locked', store: true },
    {
      name: 'cargo-target',
      sources: [
        { option: '--target-dir' },
        { env: 'CARGO_TARGET_DIR' },
        { option: '--manifest-path', unsupported: 'the target folder of another manifest is not known' },
        { workdir: 'target' },
      ],
      output: true,
      sharing: 'locked',
    },
  ],
  // cargo-cache (`cargo install cargo-cache`), unless it only pretends (`-n`)
  defeatingCommands: [
    // --autoclean: the extracted crate sources (in the registry mount, extracted again from the
    // downloaded crates without a download) and the git checkouts (not mounted)
    {
      tools: ['cargo'],
      subcommand: 'cache',
      withFlags: ['-a', '--autoclean', '-e', '--autoclean-expensive'],
      withoutFlags: CARGO_CACHE_DRY,
      inImage: `${CHECKOUTS} (and in the registry mount only the crates' extracted sources, which cargo extracts again without a download)`,
    },
    // removing folders, old or surplus crates: downloads in the mounts, and checkouts with them
    ...[
      { subcommand: 'cache', withFlags: CARGO_CACHE_REMOVES },
      { subcommand: 'cache trim' },
      { subcommand: 'cache clean-unref' },
    ].flatMap((c) => [
      { tools: ['cargo'], ...c, withoutFlags: CARGO_CACHE_DRY, target: 'cargo-registry' },
      { tools: ['cargo'], ...c, withoutFlags: CARGO_CACHE_DRY, target: 'cargo-git' },
      { tools: ['cargo'], ...c, withoutFlags: CARGO_CACHE_DRY, inImage: CHECKOUTS },
    ]),
    {
      tools: ['cargo'],
      subcommand: 'cache',
      withFlags: ['-k', '--keep-duplicate-crates'],
      withoutFlags: CARGO_CACHE_DRY,
      target: 'cargo-registry',
    },
  ],
  deps: [
    {
      installs: ['build', 'b', 'install', 'test', 't', 'run', 'r'],
      manifests: ['Cargo.toml'],
      optional: [
        'Cargo.lock',
        '.cargo/config.toml',
        '.cargo/config',
        'rust-toolchain.toml',
        'rust-toolchain',
      ],
      reader: 'cargo',
      // the reader writes the placeholder build; `cargo fetch` reads only the manifests, and
      // cargo-chef's `cook` builds the dependencies from its recipe (a stage that cooks
      // before copying the code needs no placeholder build)
      warmup: { args: ['fetch'] },
      depsOnly: { subcommands: ['fetch', 'chef cook'] },
      outputs: ['target'],
    },
  ],
};
