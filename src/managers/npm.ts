import type { PackageManager } from './types';

/**
 * Where npm reads its user config (NPM_CONFIG_USERCONFIG, else ~/.npmrc) and its global one
 * (NPM_CONFIG_GLOBALCONFIG, else `<prefix>/etc/npmrc`, the prefix being NPM_CONFIG_PREFIX or the
 * node install's, /usr/local in the node images), the user's first; pnpm reads the same files.
 */
export const NPMRC_PATHS = [
  '${NPM_CONFIG_USERCONFIG:-${npm_config_userconfig:-~/.npmrc}}',
  '${NPM_CONFIG_GLOBALCONFIG:-${npm_config_globalconfig:-${NPM_CONFIG_PREFIX:-${npm_config_prefix:-/usr/local}}/etc/npmrc}}',
];

export const npm: PackageManager = {
  id: 'npm',
  summary: 'npm ci / npm install: the npm cache (_cacache)',
  examples: ['npm ci', 'npm install --omit=dev'],
  commands: [
    {
      tools: ['npm'],
      subcommands: [
        'ci',
        'install',
        'i',
        'add',
        'isntall',
        'in',
        'ins',
        'inst',
        'insta',
        'instal',
        'install-clean',
        'clean-install',
        'install-ci-test',
        'cit',
        'update',
        'up',
        'upgrade',
        'exec',
        'x',
        'pack',
        'rebuild',
      ],
      optionsWithValue: [
        '--prefix',
        '-C',
        '--cache',
        '--registry',
        '--loglevel',
        '-w',
        '--workspace',
        '--userconfig',
      ],
    },
    { tools: ['npx'], subcommands: ['*'], optionsWithValue: ['-p', '--package', '-c', '--call'] },
  ],
  offlineFlags: ['--offline'],
  offlineEnv: [
    { name: 'npm_config_offline', values: ['true'] },
    { name: 'NPM_CONFIG_OFFLINE', values: ['true'] },
  ],
  caches: [
    {
      name: 'npm',
      sources: [
        { option: '--cache' },
        { env: 'npm_config_cache' },
        { env: 'NPM_CONFIG_CACHE' },
        {
          projectFile: {
            names: ['.npmrc'],
            key: 'cache',
            format: 'ini',
            folderOptions: ['--prefix', '-C'],
            // npm reads path settings against the folder it runs in, whatever --prefix says
            relative: 'cwd',
          },
        },
        { configFile: { paths: NPMRC_PATHS, key: 'cache', format: 'ini' } },
        {
          setting: {
            tools: ['npm'],
            commands: ['config set', 'set'],
            key: 'cache',
            globalFlags: ['-g', '--global', '--location=global'],
          },
        },
        { home: '.npm' },
      ],
    },
  ],
  defeatingCommands: [
    { tools: ['npm'], subcommand: 'cache clean' },
    { tools: ['npm'], subcommand: 'cache rm' },
    { tools: ['npm'], subcommand: 'cache clear' },
  ],
  deps: [
    {
      installs: [
        'ci',
        'install',
        'i',
        'isntall',
        'in',
        'ins',
        'inst',
        'insta',
        'instal',
        'add',
        'clean-install',
        'install-clean',
        'ic',
      ],
      manifests: ['package.json'],
      optional: ['package-lock.json', 'npm-shrinkwrap.json', '.npmrc'],
      folders: ['patches'],
      reader: 'node',
      outputs: ['node_modules'],
      optionsOnly: {
        subcommands: ['ci', 'clean-install', 'install-clean', 'ic'],
        moves: ['--prefix', '--userconfig', '--cafile'],
      },
    },
  ],
};
