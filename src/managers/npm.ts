import type { PackageManager } from './types';

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
  caches: [
    {
      name: 'npm',
      sources: [
        { option: '--cache' },
        { env: 'npm_config_cache' },
        { env: 'NPM_CONFIG_CACHE' },
        { home: '.npm' },
      ],
    },
  ],
  defeatingCommands: [
    { tools: ['npm'], subcommand: 'cache clean' },
    { tools: ['npm'], subcommand: 'cache rm' },
    { tools: ['npm'], subcommand: 'cache clear' },
  ],
};
