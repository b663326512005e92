import { BUILD_TOOLS, compilerLaunch } from './compilers';
import type { PackageManager } from './types';

const truthy = (v: string) => !/^(0|false|no|off|)$/i.test(v.trim());

/**
 * A PATH whose ccache folder of compiler-named links (Debian and Alpine: /usr/lib/ccache[/bin],
 * Fedora: /usr/lib64/ccache) comes before the compilers': only known folders that hold no
 * compiler before it (`ENV PATH=/usr/lib/ccache:$PATH`, `/opt/venv/bin:/usr/lib/ccache:...`).
 */
const MASQUERADE =
  /^(?:(?!(?:\/usr)?(?:\/local)?\/s?bin\/?(?::|$))[^:\uFFFD]*:)*\/usr\/lib(?:64)?\/ccache(?:\/bin)?\/?(?::|$)/;

/**
 * ccache, for builds that go through it: `ccache gcc ...`, `CC="ccache gcc"`, a CMake
 * `ccache` compiler launcher, or its compiler links first in PATH. ccache 4 keeps its cache in `~/.cache/ccache` (or
 * `$XDG_CACHE_HOME/ccache`); it still uses `~/.ccache` when that folder exists, which a
 * Dockerfile cannot show. Its lock files are inside the cache, so it is safe to share.
 */
export const ccache: PackageManager = {
  id: 'ccache',
  summary:
    'ccache (ccache gcc, CC="ccache gcc", compiler launchers, /usr/lib/ccache first in PATH): its cache',
  examples: ['ccache gcc -c main.c', 'CC="ccache gcc" make -j4'],
  commands: [
    {
      tools: ['ccache'],
      // `ccache -M 5G` writes its settings into the cache folder, so it is recognised too
      subcommands: ['*', ''],
      optionsWithValue: ['-M', '--max-size', '-F', '--max-files', '-o', '--set-config', '-d', '--dir'],
    },
    ...compilerLaunch('ccache'),
    // the compilers themselves are ccache's links, as its Debian package documents
    {
      tools: BUILD_TOOLS,
      subcommands: ['*', ''],
      whenEnv: { names: ['PATH'], matches: MASQUERADE, partly: true },
    },
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
