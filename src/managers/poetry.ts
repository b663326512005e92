import type { PackageManager } from './types';

/**
 * Poetry. Its cache folder also holds the virtualenvs it creates (`virtualenvs.path` defaults to
 * `{cache-dir}/virtualenvs`), which the image needs at run time, so only the two download caches
 * inside it are mounted: `cache/` (repository metadata) and `artifacts/` (wheels and sdists).
 */
export const poetry: PackageManager = {
  id: 'poetry',
  summary: 'poetry install/add/lock: its repository cache and artifacts (never its virtualenvs)',
  examples: ['poetry install --no-root --no-interaction', 'poetry install --only main'],
  commands: [
    {
      tools: ['poetry'],
      subcommands: ['install', 'add', 'update', 'lock', 'sync'],
      optionsWithValue: [
        '-C',
        '--directory',
        '-P',
        '--project',
        '--with',
        '--without',
        '--only',
        '-E',
        '--extras',
      ],
    },
  ],
  caches: ['cache', 'artifacts'].map((sub) => ({
    name: `poetry-${sub}`,
    sources: [
      { env: 'POETRY_CACHE_DIR', suffix: `/${sub}` },
      { setting: { tools: ['poetry'], commands: ['config'], key: 'cache-dir' }, suffix: `/${sub}` },
      { env: 'XDG_CACHE_HOME', suffix: `/pypoetry/${sub}` },
      { home: `.cache/pypoetry/${sub}` },
    ],
  })),
  defeatingFlags: ['--no-cache'],
  defeatingCommands: [{ tools: ['poetry'], subcommand: 'cache clear' }],
  deps: [
    {
      installs: ['install', 'sync'],
      manifests: ['pyproject.toml'],
      optional: ['poetry.lock', 'poetry.toml'],
      reader: 'pyproject',
      warmup: { append: ['--no-root'] },
      depsOnly: { flags: ['--no-root', '--no-directory'] },
    },
  ],
};
