import type { PackageManager } from './types';

/** Bundler. Cache targets: see the managers branch; here: recognition and deps. */
export const bundler: PackageManager = {
  id: 'bundler',
  summary: 'bundle install: Gemfile + Gemfile.lock before the code',
  examples: ['bundle install --jobs 4'],
  commands: [
    {
      tools: ['bundle', 'bundler'],
      subcommands: ['install', ''],
      optionsWithValue: ['--gemfile', '--jobs', '-j', '--path', '--without', '--with', '--retry'],
    },
  ],
  caches: [],
  deps: [
    {
      installs: ['install', ''],
      manifests: ['Gemfile'],
      optional: ['Gemfile.lock', '.bundle/config'],
      reader: 'gemfile',
    },
  ],
};
