import type { PackageManager } from './types';

/**
 * Bun's install cache. `install.cache` in bunfig.toml (the project's, or the global
 * `$XDG_CONFIG_HOME/.bunfig.toml` or `~/.bunfig.toml`: both count, to be safe) and `cache=` in .npmrc (read since
 * bun 1.1.18) move it, but which one a given bun follows is not certain: many 1.0 and 1.1
 * releases ignored bunfig's `cache.dir` (oven-sh/bun#6423, #12990), and later ones let .npmrc's
 * `cache` win over it (#16274). So either one means no mount.
 */
const UNSURE =
  'which folder bun keeps its cache in then depends on its version (some ignore the setting, later ones let .npmrc win over bunfig.toml)';

export const bun: PackageManager = {
  id: 'bun',
  summary: 'bun install/add: the global install cache',
  examples: ['bun install --frozen-lockfile', 'bun add zod'],
  commands: [
    {
      tools: ['bun'],
      subcommands: ['install', 'i', 'add', 'a', 'update', 'x'],
      optionsWithValue: ['--cache-dir', '--cwd', '-c', '--config', '--registry', '--backend', '--filter'],
    },
    { tools: ['bunx'], subcommands: ['*'] },
  ],
  caches: [
    {
      name: 'bun',
      sources: [
        { option: '--cache-dir' },
        // which of these a given bun follows is not certain: the tool refuses rather than guess
        {
          projectFile: {
            names: ['bunfig.toml'],
            key: 'install.cache',
            format: 'toml',
            folderOptions: ['--cwd'],
          },
          unsupported: UNSURE,
        },
        {
          configFile: {
            paths: ['$XDG_CONFIG_HOME/.bunfig.toml', '~/.bunfig.toml'],
            key: 'install.cache',
            format: 'toml',
          },
          unsupported: UNSURE,
        },
        {
          projectFile: { names: ['.npmrc'], key: 'cache', format: 'ini', folderOptions: ['--cwd'] },
          unsupported: UNSURE,
        },
        { configFile: { paths: ['~/.npmrc'], key: 'cache', format: 'ini' }, unsupported: UNSURE },
        { env: 'BUN_INSTALL_CACHE_DIR' },
        { env: 'BUN_INSTALL', suffix: '/install/cache' },
        { env: 'XDG_CACHE_HOME', suffix: '/.bun/install/cache' },
        { home: '.bun/install/cache' },
      ],
    },
  ],
  // --no-cache: bun ignores its manifest cache
  defeatingFlags: ['--no-cache'],
  defeatingCommands: [{ tools: ['bun'], subcommand: 'pm cache rm' }],
  deps: [
    {
      installs: ['install', 'i', 'add'],
      manifests: ['package.json'],
      optional: ['bun.lockb', 'bun.lock', 'bunfig.toml', '.npmrc'],
      folders: ['patches'],
      reader: 'node',
      outputs: ['node_modules'],
    },
  ],
};
