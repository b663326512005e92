import type { PackageManager } from './types';

/** Composer. Cache targets: see the managers branch; here: recognition and deps. */
export const composer: PackageManager = {
  id: 'composer',
  summary:
    'composer install: composer.json + composer.lock, `composer install --no-scripts --no-autoloader` before the code',
  examples: ['composer install --no-dev --prefer-dist'],
  commands: [
    {
      tools: ['composer', 'composer.phar'],
      subcommands: ['install', 'i', 'update', 'require'],
      optionsWithValue: ['-d', '--working-dir'],
    },
  ],
  caches: [],
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
