import type { PackageManager, SettingSource } from './types';

/** Bundler's boolean settings: these values are false, any other is true. */
const TRUE = /^(?!(?:false|f|no|n|0)?$)/i;

/** `bundle config set [--local|--global] <key> <value>` (and Bundler 1's `bundle config <key> <value>`). */
function bundleConfig(key: string): SettingSource {
  // --local stores it in the application's config, which every user reads
  return { tools: ['bundle', 'bundler'], commands: ['config set', 'config'], key, globalFlags: ['--local'] };
}

/**
 * Bundler and RubyGems. Both install gems INTO GEM_HOME (or BUNDLE_PATH), which the image needs;
 * the downloaded .gem archives go to the `cache/` folder beside them, and only that folder is
 * mounted (`$GEM_HOME/cache`; the official ruby images set GEM_HOME=/usr/local/bundle), with
 * Bundler's user cache `~/.bundle/cache` (the gem servers' compact index, and the .gem archives
 * too where Bundler's `global_gem_cache` is on, the default of recent versions). With an install
 * `path` (`BUNDLE_PATH`, `--path`, `bundle config set path`), or in deployment mode (`path`
 * vendor/bundle), Bundler installs under `<path>/ruby/<ABI version>/` and keeps the .gem
 * archives in its `cache/`, which a Dockerfile does not show: no mount there (the user cache
 * still gets one). Concurrent installs write .gem files in place, hence `sharing=locked`.
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
          // an explicit path wins over deployment mode's
          elsewhere:
            'Bundler installs gems, with their .gem archives, under <path>/ruby/<ABI version>, not in GEM_HOME',
          tools: ['bundle', 'bundler'],
          options: ['--path'],
          vars: [{ name: 'BUNDLE_PATH' }],
          settings: [{ setting: bundleConfig('path') }],
        },
        {
          elsewhere:
            'Bundler is in deployment mode and installs gems, with their .gem archives, under vendor/bundle/ruby/<ABI version> in the application, not in GEM_HOME',
          tools: ['bundle', 'bundler'],
          flags: ['--deployment'],
          vars: [{ name: 'BUNDLE_DEPLOYMENT', matches: TRUE }],
          settings: [{ setting: bundleConfig('deployment'), matches: TRUE }],
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
      // where deployment mode installs the gems
      outputs: ['vendor/bundle'],
    },
  ],
};
