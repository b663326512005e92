import type { PackageManager } from './types';

const SCCACHE = /^(?:\S*\/)?sccache(?:\s.*)?$/;

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
      subcommands: [
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
      ],
      whenEnv: { names: ['RUSTC_WRAPPER', 'CARGO_BUILD_RUSTC_WRAPPER'], matches: SCCACHE },
    },
    {
      tools: ['make', 'gmake', 'cmake', 'ninja', 'meson', 'cc', 'gcc', 'g++', 'c++', 'clang', 'clang++'],
      subcommands: ['*', ''],
      whenEnv: {
        names: ['CC', 'CXX', 'CMAKE_C_COMPILER_LAUNCHER', 'CMAKE_CXX_COMPILER_LAUNCHER'],
        matches: SCCACHE,
      },
    },
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
