import type { PackageManager } from './types';

/** Poetry. Cache targets: see the managers branch; here: recognition and deps. */
export const poetry: PackageManager = {
  id: 'poetry',
  summary: 'poetry install: pyproject.toml + poetry.lock, `poetry install --no-root` before the code',
  examples: ['poetry install --no-interaction', 'poetry install --only main --no-root'],
  commands: [
    {
      tools: ['poetry'],
      subcommands: ['install', 'sync'],
      optionsWithValue: ['-C', '--directory', '-P', '--project'],
    },
  ],
  caches: [],
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
