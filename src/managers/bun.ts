import type { PackageManager } from './types';

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
