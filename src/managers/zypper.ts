import type { PackageManager } from './types';

/**
 * openSUSE and SLE's zypper. The mount keeps repository metadata (raw and solv), the bulk of
 * what zypper downloads; packages are kept too where a repository has `keeppackages` on
 * (`zypper modifyrepo --keep-packages`), which zypper has no per-command switch for.
 */
export const zypper: PackageManager = {
  id: 'zypper',
  summary: 'zypper on openSUSE/SLE: repository metadata (and kept packages), locked',
  examples: ['zypper --non-interactive install gcc && zypper clean --all', 'zypper -n in -y curl'],
  os: ['suse', 'unknown'],
  commands: [
    {
      tools: ['zypper'],
      subcommands: [
        'install',
        'in',
        'update',
        'up',
        'dist-upgrade',
        'dup',
        'patch',
        'refresh',
        'ref',
        'source-install',
        'si',
        'install-new-recommends',
        'inr',
        'search',
        'se',
        'info',
        'if',
        'download',
      ],
      optionsWithValue: [
        '-c',
        '--config',
        '-R',
        '--root',
        '-C',
        '--cache-dir',
        '--raw-cache-dir',
        '--solv-cache-dir',
        '--pkg-cache-dir',
        '-D',
        '--reposd-dir',
        '--releasever',
        '-p',
        '--plus-repo',
        '--installroot',
      ],
    },
  ],
  caches: [
    {
      name: 'zypper',
      sources: [
        { option: '--cache-dir' },
        { option: '-C' },
        // the cache is then the root's (`zypper --root /mnt/rootfs install ...`)
        { option: '--root', unsupported: 'with --root zypper keeps its cache inside that root' },
        { option: '-R', unsupported: 'with --root zypper keeps its cache inside that root' },
        { path: '/var/cache/zypp' },
      ],
      rootOwned: true,
      sharing: 'locked',
    },
  ],
  defeatingCommands: [
    { tools: ['zypper'], subcommand: 'clean' },
    { tools: ['zypper'], subcommand: 'cc' },
  ],
};
