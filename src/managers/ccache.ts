import { compilerLaunch } from './compilers';
import type { PackageManager } from './types';

const truthy = (v: string) => !/^(0|false|no|off|)$/i.test(v.trim());

/**
 * ccache, for builds that go through it: `ccache gcc ...`, `CC="ccache gcc"`, or a CMake
 * `ccache` compiler launcher. ccache 4 keeps its cache in `~/.cache/ccache` (or
 * `$XDG_CACHE_HOME/ccache`); it still uses `~/.ccache` when that folder exists, which a
 * Dockerfile cannot show. Its lock files are inside the cache, so it is safe to share.
 */
export const ccache: PackageManager = {
  id: 'ccache',
  summary: 'ccache (ccache gcc, CC="ccache gcc", compiler launchers): its cache',
  examples: ['ccache gcc -c main.c', 'CC="ccache gcc" make -j4'],
  commands: [
    {
      tools: ['ccache'],
      // `ccache -M 5G` writes its settings into the cache folder, so it is recognised too
      subcommands: ['*', ''],
      optionsWithValue: ['-M', '--max-size', '-F', '--max-files', '-o', '--set-config', '-d', '--dir'],
    },
    ...compilerLaunch('ccache'),
  ],
  caches: [
    {
      name: 'ccache',
      sources: [
        { env: 'CCACHE_DIR' },
        { env: 'XDG_CACHE_HOME', suffix: '/ccache' },
        { home: '.cache/ccache' },
      ],
    },
  ],
  disablingEnv: [{ name: 'CCACHE_DISABLE', disables: truthy }],
  defeatingCommands: [{ tools: ['ccache'], subcommand: '', withFlags: ['-C', '--clear'] }],
};
