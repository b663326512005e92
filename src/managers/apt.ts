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

/** apt-cache sub-commands that read the package lists (and so need them as fresh as an install does). */
const QUERYING = ['show', 'showpkg', 'showsrc', 'policy', 'madison', 'search', 'depends', 'rdepends'];

/**
 * apt in the words of a command that is not itself an apt invocation (`su -c "apt-get install
 * -y jq"`, `nice sh -c '...'`, `find … -exec apt-get install …`): the tool in a word of its own
 * (not a path like /etc/apt/…), an installing sub-command after it before any shell separator.
 */
export const APT_IN_WORDS = new RegExp(
  `(?<![\\w/.-])apt(-get|itude)?\\s[^\\n|;&]*?\\b(${INSTALLING.join('|')})\\b`,
);

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
    // reads the lists only: a RUN that runs it without its own update stops the lists mount
    { tools: ['apt-cache'], subcommands: QUERYING },
  ],
  caches: [
    { name: 'apt-cache', sources: [{ path: '/var/cache/apt' }], rootOwned: true, sharing: 'locked' },
    // Only the lists, not all of /var/lib/apt: /var/lib/apt/extended_states holds the
    // auto-install marks, which belong in the image (apt-mark, autoremove) and must not be
    // shared between builds. Measured on BuildKit 0.25: the same downloads are saved, and
    // `apt-mark showauto` lists 39 packages in the image instead of 0.
    { name: 'apt-lists', sources: [{ path: '/var/lib/apt/lists' }], rootOwned: true, sharing: 'locked' },
  ],
  defeatingCommands: [
    { tools: ['apt-get', 'apt'], subcommand: 'clean' },
    { tools: ['apt-get', 'apt'], subcommand: 'autoclean' },
    // apt 2.7+: clean, and the package lists too
    { tools: ['apt-get', 'apt'], subcommand: 'distclean' },
    { tools: ['apt-get', 'apt'], subcommand: 'dist-clean' },
  ],
  allOrNothing: true,
  requiresBefore: {
    subcommands: [...INSTALLING, ...QUERYING],
    before: ['update'],
    name: 'apt-get update',
    reason:
      'reads package lists an earlier step left; with /var/lib/apt/lists mounted those would be in the cache mount only, which BuildKit may empty (or another build may change) while it keeps the earlier layers',
    inScripts: {
      uses: new RegExp(`\\bapt(-get|itude)?\\b[^\\n]*\\b(${INSTALLING.join('|')})\\b`),
    },
  },
};
