import type { PackageManager } from './types';

/**
 * Bundler and RubyGems. Both install gems INTO GEM_HOME (or BUNDLE_PATH), which the image needs;
 * the downloaded .gem archives go to the `cache/` folder beside them, and only that folder is
 * mounted (`$GEM_HOME/cache`; the official ruby images set GEM_HOME=/usr/local/bundle), with
 * Bundler's user cache `~/.bundle/cache` (the gem servers' compact index). With BUNDLE_PATH
 * set, Bundler installs under `$BUNDLE_PATH/ruby/<ABI version>/`, which a Dockerfile does not
 * show, so there is no mount. Concurrent installs write .gem files in place, hence
 * `sharing=locked`.
 */
export const bundler: PackageManager = {
  id: 'bundler',
  summary: 'bundle install, gem install: the .gem archive cache beside GEM_HOME (never the gems), locked',
  examples: ['bundle install --jobs 4', 'gem install bundler -v 2.5.0'],
  commands: [
    {
      tools: ['bundle', 'bundler'],
      subcommands: ['', 'install', 'update', 'add', 'lock', 'cache', 'package'],
      optionsWithValue: [
        '--gemfile',
        '--jobs',
        '-j',
        '--retry',
        '--path',
        '--without',
        '--with',
        '--binstubs',
      ],
    },
    {
      tools: ['gem'],
      subcommands: ['install', 'i', 'update', 'fetch'],
      optionsWithValue: [
        '-v',
        '--version',
        '-i',
        '--install-dir',
        '-n',
        '--bindir',
        '--source',
        '-s',
        '--platform',
      ],
    },
  ],
  caches: [
    {
      name: 'bundler',
      sources: [
        { option: '--install-dir', suffix: '/cache' },
        { option: '-i', suffix: '/cache' },
        {
          option: '--path',
          unsupported: 'bundle install --path puts gems under <path>/ruby/<ABI version>, which is not known',
        },
        {
          env: 'BUNDLE_PATH',
          unsupported: 'BUNDLE_PATH puts gems under $BUNDLE_PATH/ruby/<ABI version>, which is not known',
        },
        { env: 'GEM_HOME', suffix: '/cache' },
      ],
      unresolved: 'GEM_HOME is not set, so where gems (and their cache) go depends on the Ruby build',
      sharing: 'locked',
    },
    {
      // Bundler's own cache: the compact index of the gem servers (rubygems.org's is large)
      name: 'bundler-index',
      sources: [
        { env: 'BUNDLE_USER_CACHE' },
        { env: 'BUNDLE_USER_HOME', suffix: '/cache' },
        { home: '.bundle/cache' },
      ],
      tools: ['bundle', 'bundler'],
      sharing: 'locked',
    },
  ],
  deps: [
    {
      installs: ['install', ''],
      manifests: ['Gemfile'],
      optional: ['Gemfile.lock', '.bundle/config'],
      reader: 'gemfile',
    },
  ],
};
