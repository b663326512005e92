import type { PackageManager } from './types';

const SUBCOMMANDS = [
  'install',
  'i',
  'update',
  'u',
  'upgrade',
  'require',
  'r',
  'create-project',
  'global require',
  'global install',
  'global update',
  'reinstall',
];

/**
 * PHP's Composer: its cache (never `vendor/`). Without COMPOSER_CACHE_DIR or COMPOSER_HOME,
 * Composer 2 uses `~/.composer/cache` whenever that folder exists (the mount makes it exist),
 * even where XDG would otherwise apply (an XDG_* variable or /etc/xdg gives `~/.cache/composer`),
 * unless `~/.config/composer` exists (a global config or auth.json copied there), which a
 * mount cannot follow; the official composer image sets COMPOSER_HOME=/tmp.
 * `--no-cache` sets COMPOSER_CACHE_DIR=/dev/null, which is how an ENV can turn it off too.
 * `config.cache-dir` in the project's composer.json, then in the global
 * `$COMPOSER_HOME/config.json` (what `composer config --global cache-dir` writes), wins over
 * COMPOSER_HOME but not over COMPOSER_CACHE_DIR.
 */
export const composer: PackageManager = {
  id: 'composer',
  summary: 'composer install/update/require: the Composer cache (never vendor/)',
  examples: ['composer install --no-dev --no-scripts', 'composer install --no-cache --prefer-dist'],
  commands: [
    {
      tools: ['composer', 'composer.phar'],
      subcommands: SUBCOMMANDS,
      optionsWithValue: ['-d', '--working-dir', '--stability', '-s'],
    },
    {
      // php composer.phar install, php /usr/bin/composer install
      tools: ['php', /php\d(\.\d+)?/],
      subcommands: ['composer.phar', '/usr/bin/composer', '/usr/local/bin/composer'].flatMap((c) =>
        SUBCOMMANDS.map((s) => `${c} ${s}`),
      ),
      optionsWithValue: ['-d', '-c', '-f', '-z', '--working-dir'],
    },
  ],
  caches: [
    {
      name: 'composer',
      sources: [
        { env: 'COMPOSER_CACHE_DIR' },
        // the project's composer.json wins over the global config.json; both read a relative
        // cache-dir against the folder Composer works in (the project's, after -d)
        {
          projectFile: {
            names: ['composer.json'],
            key: 'config.cache-dir',
            format: 'json',
            folderOptions: ['-d', '--working-dir'],
            relative: 'project',
          },
        },
        {
          configFile: {
            paths: ['${COMPOSER_HOME:-~/.composer}/config.json'],
            key: 'config.cache-dir',
            format: 'json',
          },
        },
        {
          setting: {
            tools: ['composer', 'composer.phar'],
            commands: ['config'],
            key: 'cache-dir',
            globalFlags: ['-g', '--global'],
            unsetFlags: ['--unset'],
            projectWithoutGlobal:
              'stores cache-dir in the composer.json of the folder it runs in, which the tool does not follow',
          },
        },
        { env: 'COMPOSER_HOME', suffix: '/cache' },
        { home: '.composer/cache' },
      ],
    },
  ],
  disablingEnv: [{ name: 'COMPOSER_CACHE_DIR', disables: (v) => v === '/dev/null' }],
  defeatingFlags: ['--no-cache'],
  defeatingCommands: [
    { tools: ['composer', 'composer.phar'], subcommand: 'clear-cache' },
    { tools: ['composer', 'composer.phar'], subcommand: 'clearcache' },
    { tools: ['composer', 'composer.phar'], subcommand: 'cc' },
  ],
  deps: [
    {
      installs: ['install', 'i'],
      manifests: ['composer.json'],
      optional: ['composer.lock', 'auth.json'],
      reader: 'composer',
      warmup: { append: ['--no-scripts', '--no-autoloader'] },
      depsOnly: { flags: ['--no-autoloader'] },
    },
  ],
};
