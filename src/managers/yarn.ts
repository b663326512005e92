import type { PackageManager } from './types';

/** Yarn (classic and Berry). Cache targets: see the managers branch; here: recognition and deps. */
export const yarn: PackageManager = {
  id: 'yarn',
  summary: 'yarn install: package.json, yarn.lock, .yarnrc(.yml) and .yarn/ before the code',
  examples: ['yarn install --frozen-lockfile', 'yarn --immutable'],
  commands: [
    {
      tools: ['yarn', 'yarnpkg'],
      subcommands: ['install', '', 'add', 'global add'],
      optionsWithValue: ['--cwd', '--cache-folder', '--modules-folder', '--mutex', '--network-timeout'],
    },
  ],
  caches: [],
  deps: [
    {
      installs: ['install', '', 'add'],
      manifests: ['package.json'],
      optional: ['yarn.lock', '.yarnrc', '.yarnrc.yml', '.npmrc'],
      folders: ['.yarn/releases', '.yarn/plugins', '.yarn/patches', '.yarn/cache', 'patches'],
      reader: 'node',
      outputs: ['node_modules'],
    },
  ],
};
