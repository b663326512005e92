import type { PackageManager } from './types';

/**
 * Pipenv. It runs pip with `PIP_CACHE_DIR` set to its own cache folder, so one mount serves
 * both; the virtualenvs live elsewhere (WORKON_HOME or the project's .venv).
 */
/** pipenv's options that take a value (the dependency reader skips them too). */
export const PIPENV_OPTIONS_WITH_VALUE = [
  '--python',
  '--pypi-mirror',
  '-r',
  '--requirements',
  '--categories',
  '-i',
  '--index',
];

export const pipenv: PackageManager = {
  id: 'pipenv',
  summary: 'pipenv install/sync/lock: the pipenv cache (which its pip uses too)',
  examples: ['pipenv install --deploy --system', 'pipenv sync'],
  commands: [
    {
      tools: ['pipenv'],
      subcommands: ['install', 'sync', 'lock', 'update', 'upgrade', 'requirements'],
      optionsWithValue: PIPENV_OPTIONS_WITH_VALUE,
    },
  ],
  caches: [
    {
      name: 'pipenv',
      sources: [
        { env: 'PIPENV_CACHE_DIR' },
        { env: 'XDG_CACHE_HOME', suffix: '/pipenv' },
        { home: '.cache/pipenv' },
      ],
    },
  ],
  // pip, which pipenv runs, turns its cache off for any value of PIP_NO_CACHE_DIR
  disablingEnv: [{ name: 'PIP_NO_CACHE_DIR' }],
  // --clear empties pipenv's and pip's caches before installing
  defeatingFlags: ['--clear'],
  deps: [
    {
      installs: ['install', 'sync'],
      manifests: ['Pipfile'],
      optional: ['Pipfile.lock'],
      reader: 'pipfile',
    },
  ],
};
