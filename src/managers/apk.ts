import type { PackageManager } from './types';

/**
 * Alpine's apk. apk keeps downloaded packages (and the repository indexes) only when
 * /etc/apk/cache exists, so the cache is mounted right there: the mount makes the folder exist
 * for the RUN, and BuildKit removes the mount point afterwards, so the image keeps no cache
 * setting. `--no-cache` is dropped where the mount is added; since the indexes now live in the
 * mount rather than in the image, every mounted command fetches fresh ones (`--update-cache`,
 * as `--no-cache` did) unless `apk update` ran before it in the same RUN.
 */
export const apk: PackageManager = {
  id: 'apk',
  summary: 'apk on Alpine: packages and indexes in /etc/apk/cache (so apk keeps them), locked',
  examples: ['apk add --no-cache curl', 'apk update && apk add --virtual .build-deps gcc'],
  os: ['alpine', 'unknown'],
  commands: [
    {
      tools: ['apk'],
      // sub-commands that download, or read the indexes (which now live in the mount)
      subcommands: [
        'add',
        'upgrade',
        'update',
        'fix',
        'fetch',
        'cache download',
        'cache sync',
        'search',
        'info',
        'policy',
        'list',
        'dot',
        'version',
      ],
      optionsWithValue: [
        '-X',
        '--repository',
        '-p',
        '--root',
        '--arch',
        '--cache-dir',
        '--cache-max-age',
        '--keys-dir',
        '--repositories-file',
        '--timeout',
        '--wait',
        '-t',
        '--virtual',
      ],
    },
  ],
  caches: [
    {
      name: 'apk',
      sources: [{ option: '--cache-dir' }, { path: '/etc/apk/cache' }],
      rootOwned: true,
      sharing: 'locked',
    },
  ],
  defeatingFlags: ['--no-cache'],
  defeatingCommands: [
    { tools: ['apk'], subcommand: 'cache clean' },
    { tools: ['apk'], subcommand: 'cache purge' },
  ],
  requiredFlags: [
    {
      flag: '--update-cache',
      // apk takes a long option cut short: `--update` is `--update-cache`
      present: [/-[a-zA-Z]*U[a-zA-Z]*/, /--update(-(c(a(c(he?)?)?)?)?)?/],
      subcommands: ['add', 'upgrade', 'fix', 'fetch', 'cache download', 'cache sync'],
      unlessAfter: ['update'],
      unlessWith: ['--no-network'],
      once: true,
    },
  ],
  // the indexes an `apk update` writes are in the mount: a later RUN without it would not see them
  allOrNothing: true,
};
