import type { PackageManager } from './types';

const truthy = (v: string) => !/^(0|false|no|off|)$/i.test(v.trim());

export const uv: PackageManager = {
  id: 'uv',
  summary: 'uv pip / uv sync / uv tool: the uv cache (with UV_LINK_MODE=copy)',
  examples: ['uv sync --locked', 'uv pip install --system -r requirements.txt'],
  commands: [
    {
      tools: ['uv'],
      subcommands: [
        'pip install',
        'pip sync',
        'pip compile',
        'sync',
        'add',
        'lock',
        'tool install',
        'run',
        'export',
        'venv',
        'build',
      ],
      optionsWithValue: [
        '--cache-dir',
        '--directory',
        '--project',
        '--python',
        '-p',
        '--color',
        '--config-file',
      ],
    },
    { tools: ['uvx'], subcommands: ['*'], optionsWithValue: ['--from', '--with', '--python', '-p'] },
  ],
  offlineEnv: [{ name: 'UV_OFFLINE', values: ['1', 'true', 'yes', 'on'] }],
  caches: [
    {
      name: 'uv',
      sources: [
        { option: '--cache-dir' },
        { env: 'UV_CACHE_DIR' },
        { env: 'XDG_CACHE_HOME', suffix: '/uv' },
        { home: '.cache/uv' },
      ],
    },
  ],
  disablingEnv: [{ name: 'UV_NO_CACHE', disables: truthy }],
  defeatingFlags: ['--no-cache', '-n'],
  defeatingCommands: [
    { tools: ['uv'], subcommand: 'cache clean' },
    { tools: ['uv'], subcommand: 'cache prune' },
  ],
  // the cache is on another filesystem than the environment: hard links cannot cross it
  setup: { env: { UV_LINK_MODE: 'copy' } },
  deps: [
    {
      installs: ['sync'],
      manifests: ['pyproject.toml'],
      optional: ['uv.lock', '.python-version', 'uv.toml'],
      reader: 'pyproject',
      warmup: { append: ['--no-install-project'] },
      depsOnly: { flags: ['--no-install-project', '--no-install-workspace', '--only-deps'] },
      outputs: ['.venv'],
    },
    { installs: ['pip install', 'pip sync'], manifests: [], reader: 'requirements' },
  ],
};
