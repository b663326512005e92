import type { PackageManager } from './types';
import { NPMRC_PATHS } from './npm';

/**
 * pnpm's content-addressable store (never node_modules, which pnpm fills from the store by
 * hard links, or by copies when the store is on another file system, as a mount is).
 */
export const pnpm: PackageManager = {
  id: 'pnpm',
  summary: 'pnpm install/fetch/add: the content-addressable store (never node_modules)',
  examples: ['pnpm install --frozen-lockfile', 'pnpm fetch --prod'],
  commands: [
    {
      tools: ['pnpm'],
      subcommands: ['install', 'i', 'add', 'fetch', 'update', 'up', 'upgrade', 'dlx', 'deploy', 'import'],
      optionsWithValue: ['--store-dir', '-C', '--dir', '--filter', '-F', '--reporter', '--config.store-dir'],
    },
    { tools: ['pnpx'], subcommands: ['*'] },
  ],
  offlineFlags: ['--offline'],
  caches: [
    {
      name: 'pnpm',
      sources: [
        { option: '--store-dir' },
        { env: 'npm_config_store_dir' },
        { env: 'NPM_CONFIG_STORE_DIR' },
        {
          projectFile: {
            names: ['pnpm-workspace.yaml'],
            key: 'storeDir',
            format: 'yaml',
            folderOptions: ['-C', '--dir'],
          },
        },
        {
          projectFile: { names: ['.npmrc'], key: 'store-dir', format: 'ini', folderOptions: ['-C', '--dir'] },
        },
        {
          configFile: {
            paths: ['${XDG_CONFIG_HOME:-~/.config}/pnpm/rc', ...NPMRC_PATHS],
            key: 'store-dir',
            format: 'ini',
          },
        },
        {
          setting: {
            tools: ['pnpm', 'npm'],
            commands: ['config set', 'set'],
            key: 'store-dir',
            globalFlags: ['-g', '--global', '--location=global'],
          },
        },
        { env: 'PNPM_HOME', suffix: '/store' },
        { env: 'XDG_DATA_HOME', suffix: '/pnpm/store' },
        { home: '.local/share/pnpm/store' },
      ],
    },
  ],
  defeatingCommands: [{ tools: ['pnpm'], subcommand: 'store prune' }],
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
