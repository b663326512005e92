import type { PackageManager } from './types';

/** bun. Cache targets: see the managers branch; here: recognition and deps. */
export const bun: PackageManager = {
  id: 'bun',
  summary: 'bun install: package.json, bun.lock(b), bunfig.toml before the code',
  examples: ['bun install --frozen-lockfile'],
  commands: [
    { tools: ['bun'], subcommands: ['install', 'i', 'add'], optionsWithValue: ['--cwd', '--cache-dir'] },
  ],
  caches: [],
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
