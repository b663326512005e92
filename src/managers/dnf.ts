import type { PackageManager } from './types';

const TOOLS = ['dnf', 'dnf-3', 'dnf4', 'dnf5', 'yum', 'microdnf', 'tdnf'];

/** Sub-commands that download packages (the others only read metadata). */
const INSTALLING = [
  'install',
  'in',
  'localinstall',
  'reinstall',
  'upgrade',
  'update',
  'up',
  'upgrade-minimal',
  'update-minimal',
  'downgrade',
  'distro-sync',
  'distrosync',
  'dsync',
  'swap',
  'groupinstall',
  'groupupdate',
  'group install',
  'group upgrade',
  'group update',
  'groups install',
  'module install',
  'builddep',
];

/**
 * The RPM family on Fedora, RHEL and its rebuilds, Amazon Linux: dnf (4 and 5), yum (which is
 * dnf on EL8 and later) and microdnf (the minimal images). Each keeps repository metadata under
 * its cache folder, and downloaded packages too once `keepcache` is on (it is off by default, so
 * `--setopt=keepcache=1` is added where the mount is). Which folder depends on the tool and its
 * version, so every folder the tool may use is mounted: `dnf` is dnf4 (/var/cache/dnf) or dnf5
 * (/var/cache/libdnf5, Fedora 41 and later); `yum` is yum 3 (/var/cache/yum) or dnf4; microdnf
 * uses /var/cache/yum.
 */
/** With `--installroot` the cache is the install root's (dnf5-installroot(7), dnf(8)): not these folders. */
const INSTALLROOT = {
  option: '--installroot',
  unsupported: 'with --installroot dnf keeps its cache inside the install root',
};

export const dnf: PackageManager = {
  id: 'dnf',
  summary: 'dnf, dnf5, yum, microdnf: repository metadata and (with keepcache) packages, locked',
  examples: ['dnf install -y gcc && dnf clean all', 'microdnf install -y shadow-utils'],
  os: ['rhel', 'unknown'],
  commands: [
    {
      tools: TOOLS,
      subcommands: [
        ...INSTALLING,
        'module enable',
        'download',
        'makecache',
        'check-update',
        'check-upgrade',
        'search',
        'info',
        'list',
        'provides',
        'whatprovides',
        'repoquery',
      ],
      optionsWithValue: [
        '-c',
        '--config',
        '--setopt',
        '--releasever',
        '--installroot',
        '--repo',
        '--repoid',
        '--enablerepo',
        '--disablerepo',
        '-x',
        '--exclude',
        '-d',
        '--debuglevel',
        '-e',
        '--errorlevel',
        '--forcearch',
        '--setvar',
        '--use-host-config',
      ],
    },
  ],
  caches: [
    {
      name: 'dnf',
      sources: [INSTALLROOT, { path: '/var/cache/dnf' }],
      tools: ['dnf', 'dnf-3', 'dnf4', 'yum'],
      rootOwned: true,
      sharing: 'locked',
    },
    {
      name: 'dnf-libdnf5',
      sources: [INSTALLROOT, { path: '/var/cache/libdnf5' }],
      tools: ['dnf', 'dnf5'],
      rootOwned: true,
      sharing: 'locked',
    },
    {
      name: 'dnf-yum',
      sources: [INSTALLROOT, { path: '/var/cache/yum' }],
      tools: ['yum', 'microdnf'],
      rootOwned: true,
      sharing: 'locked',
    },
    {
      name: 'dnf-tdnf',
      sources: [INSTALLROOT, { path: '/var/cache/tdnf' }],
      tools: ['tdnf'],
      rootOwned: true,
      sharing: 'locked',
    },
  ],
  defeatingCommands: [{ tools: TOOLS, subcommand: 'clean' }],
  requiredFlags: [
    {
      flag: '--setopt=keepcache=1',
      present: [/--setopt=keepcache=.*/, /keepcache=.*/],
      subcommands: INSTALLING,
    },
  ],
};
