import type { PackageManager } from './types';

/** Pipenv. Cache targets: see the managers branch; here: recognition and deps. */
export const pipenv: PackageManager = {
  id: 'pipenv',
  summary: 'pipenv install / sync: Pipfile + Pipfile.lock before the code',
  examples: ['pipenv install --deploy --system'],
  commands: [{ tools: ['pipenv'], subcommands: ['install', 'sync'] }],
  caches: [],
  deps: [
    {
      installs: ['install', 'sync'],
      manifests: ['Pipfile'],
      optional: ['Pipfile.lock'],
      reader: 'pipfile',
      outputs: ['.venv'],
    },
  ],
};
