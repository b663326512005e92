import type { PackageManager } from './types';

/**
 * Yarn, classic (v1) and Berry (v2+): a RUN cannot tell which one `yarn` is, so both global
 * caches are mounted and each version fills its own. v1 keeps its cache in
 * `~/.cache/yarn` (for root: /usr/local/share/.cache/yarn). Berry keeps a global cache in
 * `~/.yarn/berry/cache` (the default from Yarn 4, and the mirror it fetches from before
 * Yarn 4); a project's own `.yarn/cache` is never mounted, since with zero-installs it is part
 * of the sources. Yarn v1 is not safe to run twice at once on one cache, hence `sharing=locked`.
 */
export const yarn: PackageManager = {
  id: 'yarn',
  summary: 'yarn v1 and Berry: the v1 cache and the Berry global cache (never .yarn/cache), v1 locked',
  examples: ['yarn install --frozen-lockfile', 'yarn install --immutable'],
  commands: [
    {
      tools: ['yarn', 'yarnpkg'],
      subcommands: ['', 'install', 'add', 'upgrade', 'up', 'global add', 'dlx', 'workspaces focus', 'import'],
      optionsWithValue: [
        '--cache-folder',
        '--modules-folder',
        '--cwd',
        '--mutex',
        '--network-timeout',
        '--registry',
        '--global-folder',
        '--link-folder',
        '--use-yarnrc',
      ],
    },
  ],
  caches: [
    {
      name: 'yarn',
      sources: [
        { option: '--cache-folder' },
        { env: 'YARN_CACHE_FOLDER' },
        { env: 'XDG_CACHE_HOME', suffix: '/yarn' },
        { home: '.cache/yarn', rootHome: '/usr/local/share' },
      ],
      sharing: 'locked',
    },
    {
      name: 'yarn-berry',
      sources: [{ env: 'YARN_GLOBAL_FOLDER', suffix: '/cache' }, { home: '.yarn/berry/cache' }],
    },
  ],
  defeatingCommands: [{ tools: ['yarn', 'yarnpkg'], subcommand: 'cache clean' }],
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
