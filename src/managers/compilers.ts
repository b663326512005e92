import type { CommandPattern } from './types';

/** CMake's per-language compiler launchers, as cache variables and as environment variables. */
const LAUNCHERS = ['C', 'CXX', 'CUDA', 'HIP', 'OBJC', 'OBJCXX', 'Fortran'].map(
  (lang) => `CMAKE_${lang}_COMPILER_LAUNCHER`,
);

/**
 * C/C++ builds that go through a compiler cache: the build commands, recognised while one of
 * the compiler variables names the cache tool (`CC="ccache gcc" make`, CMake's
 * `CMAKE_C_COMPILER_LAUNCHER=sccache` in the environment), and a CMake run that sets a
 * launcher on its own command line (`cmake -B build -DCMAKE_CXX_COMPILER_LAUNCHER=ccache`),
 * which the build it configures uses.
 */
/** Commands that build C/C++ code (directly, or through the build they run). */
export const BUILD_TOOLS = [
  'make',
  'gmake',
  'cmake',
  'ninja',
  'meson',
  'cc',
  'gcc',
  'g++',
  'c++',
  'clang',
  'clang++',
];

export function compilerLaunch(tool: string): CommandPattern[] {
  return [
    {
      tools: BUILD_TOOLS,
      subcommands: ['*', ''],
      whenEnv: { names: ['CC', 'CXX', ...LAUNCHERS], matches: launcher(tool) },
    },
    {
      tools: ['cmake'],
      subcommands: ['*', ''],
      whenDefine: { names: LAUNCHERS, matches: launcher(tool) },
    },
  ];
}

/**
 * A variable value that runs the tool: `sccache`, `/usr/bin/ccache`, `ccache gcc`, or a CMake
 * list that starts with it (`ccache;--flag`).
 */
export function launcher(tool: string): RegExp {
  return new RegExp(`^(?:\\S*/)?${tool}(?:[\\s;].*)?$`);
}
