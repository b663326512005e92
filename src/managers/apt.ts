import type { PackageManager } from './types';

/** Sub-commands that read the package lists (and download into /var/cache/apt). */
const INSTALLING = [
  'install',
  'upgrade',
  'dist-upgrade',
  'full-upgrade',
  'build-dep',
  'reinstall',
  'download',
  'source',
  'satisfy',
];

/** Debian/Ubuntu apt. Needs keep-cache (the `apt-keep-cache` transform) for /var/cache/apt to fill. */
export const apt: PackageManager = {
  id: 'apt',
  summary: 'apt-get / apt on Debian and Ubuntu: package archives and lists, locked',
  examples: ['apt-get update && apt-get install -y curl', 'apt install -y gcc'],
  os: ['debian', 'ubuntu', 'unknown'],
  commands: [
    {
      tools: ['apt-get', 'apt', 'aptitude'],
      subcommands: ['update', ...INSTALLING, 'remove', 'purge', 'autoremove', 'autopurge', 'autoclean'],
      optionsWithValue: [
        '-o',
        '--option',
        '-c',
        '--config-file',
        '-t',
        '--target-release',
        '-a',
        '--host-architecture',
        '--default-release',
      ],
    },
  ],
  caches: [
    { name: 'apt-cache', sources: [{ path: '/var/cache/apt' }], rootOwned: true, sharing: 'locked' },
    {
      name: 'apt-lib',
      sources: [{ path: '/var/lib/apt' }],
      rootOwned: true,
      sharing: 'locked',
      narrow: {
        path: '/var/lib/apt/lists',
        commands: [
          { tools: ['apt-mark'], subcommand: '*' },
          { tools: ['apt-get', 'apt', 'aptitude'], subcommand: 'autoremove' },
          { tools: ['apt-get', 'apt', 'aptitude'], subcommand: 'autopurge' },
        ],
        flags: ['--auto-remove', '--autoremove'],
        reason:
          'uses auto-install marks (apt-mark / autoremove), which live in /var/lib/apt/extended_states and must stay in the image',
      },
    },
  ],
  defeatingCommands: [
    { tools: ['apt-get', 'apt'], subcommand: 'clean' },
    { tools: ['apt-get', 'apt'], subcommand: 'autoclean' },
  ],
  allOrNothing: true,
  requiresBefore: {
    subcommands: INSTALLING,
    before: ['update'],
    reason:
      'installs without an earlier apt-get update in this Dockerfile, so it relies on package lists from the base image that a /var/lib/apt mount would hide',
  },
};
