import type { CommandPattern } from './types';

/**
 * C/C++ builds that go through a compiler cache (`CC="ccache gcc" make`, CMake's
 * `CMAKE_C_COMPILER_LAUNCHER=sccache`): the build commands, recognised only while one of the
 * compiler variables names the cache tool.
 */
export function compilerLaunch(tool: string): CommandPattern {
  return {
    tools: ['make', 'gmake', 'cmake', 'ninja', 'meson', 'cc', 'gcc', 'g++', 'c++', 'clang', 'clang++'],
    subcommands: ['*', ''],
    whenEnv: {
      names: ['CC', 'CXX', 'CMAKE_C_COMPILER_LAUNCHER', 'CMAKE_CXX_COMPILER_LAUNCHER'],
      matches: launcher(tool),
    },
  };
}

/** A variable value that runs the tool: `sccache`, `/usr/bin/ccache`, `ccache gcc`. */
export function launcher(tool: string): RegExp {
  return new RegExp(`^(?:\\S*/)?${tool}(?:\\s.*)?$`);
}
