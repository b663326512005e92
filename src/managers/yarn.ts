import type { PackageManager } from './types';

/**
 * Yarn, classic (v1) and Berry (v2+): a RUN cannot tell which one `yarn` is, so both global
 * caches are mounted and each version fills its own (only v1's when the RUN uses a flag only v1
 * knows). v1 keeps its cache in
 * `~/.cache/yarn` (for root: /usr/local/share/.cache/yarn). Berry keeps a global cache in
 * `~/.yarn/berry/cache` (the default from Yarn 4, and the mirror it fetches from before
 * Yarn 4); a project's own `.yarn/cache` is never mounted, since with zero-installs it is part
 * of the sources. Yarn v1 is not safe to run twice at once on one cache, hence `sharing=locked`.
 */
/** Flags only Yarn v1 knows (Berry rejects them or calls them deprecated): no Berry cache for such a RUN. */
const V1_ONLY_FLAGS = [
  '--frozen-lockfile',
  '--pure-lockfile',
  '--production',
  '--prefer-offline',
  '--no-lockfile',
  '--ignore-engines',
  '--network-timeout',
  '--non-interactive',
  '--no-progress',
  '--silent',
  '--check-files',
  '--flat',
  '--har',
  '--ignore-scripts',
  '--ignore-optional',
  '--modules-folder',
  '--cache-folder',
];

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
  offlineFlags: ['--offline'],
  caches: [
    {
      name: 'yarn',
      sources: [
        { option: '--cache-folder' },
        { env: 'YARN_CACHE_FOLDER' },
        {
          projectFile: {
            names: ['.yarnrc'],
            key: 'cache-folder',
            format: 'yarnrc',
            folderOptions: ['--cwd'],
          },
        },
        { configFile: { paths: ['~/.yarnrc'], key: 'cache-folder', format: 'yarnrc' } },
        {
          setting: {
            tools: ['yarn'],
            commands: ['config set'],
            key: 'cache-folder',
            globalFlags: ['-g', '--global'],
          },
        },
        { env: 'XDG_CACHE_HOME', suffix: '/yarn' },
        { home: '.cache/yarn', rootHome: '/usr/local/share' },
      ],
      sharing: 'locked',
    },
    {
      name: 'yarn-berry',
      sources: [
        { env: 'YARN_GLOBAL_FOLDER', suffix: '/cache' },
        {
          projectFile: {
            names: ['.yarnrc.yml'],
            key: 'globalFolder',
            format: 'yaml',
            folderOptions: ['--cwd'],
          },
          suffix: '/cache',
        },
        { configFile: { paths: ['~/.yarnrc.yml'], key: 'globalFolder', format: 'yaml' }, suffix: '/cache' },
        { home: '.yarn/berry/cache' },
      ],
      notWithFlags: V1_ONLY_FLAGS,
      notForSubcommands: ['global add'],
    },
  ],
  // Yarn 4 keeps packages only in its global cache by default, and Plug'n'Play loads them from
  // there at run time: a mounted global cache would leave the image without them
  // (yarnpkg/berry#6499). With the global cache off, packages go to the project's .yarn/cache
  // in the image, and the global folder (the mount) still serves as Yarn's download mirror.
  setup: {
    env: { YARN_ENABLE_GLOBAL_CACHE: 'false' },
    forTarget: 'yarn-berry',
    why: "Yarn 4's Plug'n'Play loads packages from its global cache at run time; this keeps them in the image and uses the mount as Yarn's download mirror",
  },
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
