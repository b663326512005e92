import type { PackageManager } from './types';

/** pnpm. Cache targets: see the managers branch; here: recognition and deps. */
export const pnpm: PackageManager = {
  id: 'pnpm',
  summary:
    'pnpm install / pnpm fetch: package.json, pnpm-lock.yaml, pnpm-workspace.yaml, .pnpmfile.cjs, patches/',
  examples: ['pnpm install --frozen-lockfile', 'pnpm fetch'],
  commands: [
    {
      tools: ['pnpm'],
      subcommands: ['install', 'i', 'add', 'fetch'],
      optionsWithValue: ['-C', '--dir', '--filter', '-F', '--store-dir'],
    },
  ],
  caches: [],
  deps: [
    {
      installs: ['install', 'i', 'add'],
      manifests: ['package.json'],
      optional: ['pnpm-lock.yaml', 'pnpm-workspace.yaml', '.pnpmfile.cjs', '.npmrc'],
      folders: ['patches'],
      reader: 'node',
      outputs: ['node_modules'],
    },
    // `pnpm fetch` reads only the lock file: it is the dependency-only step of pnpm's Docker guide
    {
      installs: ['fetch'],
      manifests: ['pnpm-lock.yaml'],
      optional: ['pnpm-workspace.yaml', '.npmrc', '.pnpmfile.cjs'],
    },
  ],
};
