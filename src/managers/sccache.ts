import { CARGO_COMPILES } from './cargo';
import { compilerLaunch, launcher } from './compilers';
import type { PackageManager } from './types';

/**
 * sccache's local disk cache, for builds that go through it: cargo with
 * `RUSTC_WRAPPER=sccache`, CMake with a `sccache` compiler launcher, `CC="sccache gcc"`, or
 * sccache run directly.
 */
export const sccache: PackageManager = {
  id: 'sccache',
  summary: 'sccache (RUSTC_WRAPPER=sccache, compiler launchers): its local disk cache',
  examples: ['RUSTC_WRAPPER=sccache cargo build --release', 'sccache gcc -c main.c'],
  commands: [
    { tools: ['sccache'], subcommands: ['*'] },
    {
      tools: ['cargo'],
      subcommands: CARGO_COMPILES,
      whenEnv: { names: ['RUSTC_WRAPPER', 'CARGO_BUILD_RUSTC_WRAPPER'], matches: launcher('sccache') },
    },
    ...compilerLaunch('sccache'),
  ],
  caches: [
    {
      name: 'sccache',
      sources: [
        { env: 'SCCACHE_DIR' },
        { env: 'XDG_CACHE_HOME', suffix: '/sccache' },
        { home: '.cache/sccache' },
      ],
    },
  ],
};
