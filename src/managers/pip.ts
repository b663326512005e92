import type { ConfigFileSource, PackageManager } from './types';

/** pip's config files (its user, site and global ones, and PIP_CONFIG_FILE's), read for `key`. */
const pipConfig = (key: string): ConfigFileSource => ({
  paths: ['~/.config/pip/pip.conf', '~/.pip/pip.conf', '/etc/pip.conf', '/etc/xdg/pip/pip.conf'],
  key,
  format: 'ini',
  sections: ['global', 'install', 'download', 'wheel'],
  pathEnv: 'PIP_CONFIG_FILE',
});

export const pip: PackageManager = {
  id: 'pip',
  summary: 'pip, pip3, python -m pip: the wheel and HTTP cache',
  examples: ['pip install -r requirements.txt', 'python3 -m pip install --no-cache-dir .'],
  commands: [
    {
      tools: ['pip', /pip\d(\.\d+)?/],
      subcommands: ['install', 'download', 'wheel'],
      optionsWithValue: [
        '--cache-dir',
        '--log',
        '--proxy',
        '--retries',
        '--timeout',
        '--exists-action',
        '--trusted-host',
        '--cert',
        '--client-cert',
        '--python',
      ],
    },
  ],
  caches: [
    {
      name: 'pip',
      sources: [
        // a config file's no-cache-dir (any value, as for PIP_NO_CACHE_DIR) turns the cache
        // off whatever else says where it is; the file cannot be edited from here
        {
          configFile: pipConfig('no-cache-dir'),
          unsupported: 'that turns the pip cache off',
        },
        { option: '--cache-dir' },
        { env: 'PIP_CACHE_DIR' },
        { configFile: pipConfig('cache-dir') },
        {
          setting: {
            tools: ['pip', /pip\d(\.\d+)?/],
            commands: ['config set'],
            key: 'global.cache-dir',
            globalFlags: ['--global'],
            siteFlags: ['--site'],
          },
        },
        { env: 'XDG_CACHE_HOME', suffix: '/pip' },
        { home: '.cache/pip' },
      ],
    },
  ],
  // pip turns its cache off for any valid value of PIP_NO_CACHE_DIR, "0" and "false" included
  disablingEnv: [{ name: 'PIP_NO_CACHE_DIR' }],
  // pip takes any unambiguous prefix of a long option: `--no-cache` is `--no-cache-dir`
  defeatingFlags: ['--no-cac[he-dir]'],
  defeatingCommands: [
    { tools: ['pip', /pip\d(\.\d+)?/], subcommand: 'cache purge' },
    { tools: ['pip', /pip\d(\.\d+)?/], subcommand: 'cache remove' },
  ],
  deps: [{ installs: ['install'], manifests: [], reader: 'requirements' }],
};
