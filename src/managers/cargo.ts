import type { PackageManager } from './types';

/** Cargo. Cache targets: see the managers branch; here: recognition and deps. */
export const cargo: PackageManager = {
  id: 'cargo',
  summary: 'cargo build: Cargo.toml + Cargo.lock and a placeholder build of the dependencies before the code',
  examples: ['cargo build --release --locked'],
  commands: [{ tools: ['cargo'], subcommands: ['build', 'install', 'test', 'run', 'fetch', 'b', 't', 'r'] }],
  caches: [],
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
      // the reader writes the placeholder build; `cargo fetch` reads only the manifests
      warmup: { args: ['fetch'] },
      depsOnly: { subcommands: ['fetch'] },
      outputs: ['target'],
    },
  ],
};
