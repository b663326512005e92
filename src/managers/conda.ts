import type { PackageManager } from './types';

const TOOLS = ['conda', 'mamba', 'micromamba'];

/**
 * conda, mamba and micromamba. The package cache is `<root prefix>/pkgs`; environments (which
 * the image needs) are elsewhere (`<root prefix>/envs` or a `--prefix`). conda hard-links from
 * the package cache into environments and copies when it cannot (the mount is another file
 * system), so environments stay whole. conda is not safe to run twice at once on one package
 * cache, hence `sharing=locked`.
 */
export const conda: PackageManager = {
  id: 'conda',
  summary: 'conda, mamba, micromamba: the package cache <root prefix>/pkgs, locked',
  examples: ['conda install -y numpy && conda clean -afy', 'micromamba install -y -n base -f env.yaml'],
  commands: [
    {
      tools: TOOLS,
      subcommands: ['install', 'create', 'update', 'upgrade', 'env create', 'env update', 'search'],
      optionsWithValue: [
        '-n',
        '--name',
        '-p',
        '--prefix',
        '-c',
        '--channel',
        '-f',
        '--file',
        '-r',
        '--root-prefix',
        '--rc-file',
      ],
    },
  ],
  caches: [
    {
      name: 'conda',
      sources: [
        { env: 'CONDA_PKGS_DIRS', list: ',' },
        // micromamba (and mamba 2): -r/--root-prefix, then MAMBA_ROOT_PREFIX
        { option: '--root-prefix', suffix: '/pkgs' },
        { option: '-r', suffix: '/pkgs' },
        { env: 'MAMBA_ROOT_PREFIX', suffix: '/pkgs' },
        // conda run by its full path: /opt/conda/bin/conda
        { toolPrefix: '/pkgs' },
        { env: 'CONDA_DIR', suffix: '/pkgs' },
        { imagePath: 'conda-root', suffix: '/pkgs' },
      ],
      unresolved:
        'where conda is installed is not known (set CONDA_PKGS_DIRS, or run it as <prefix>/bin/conda)',
      sharing: 'locked',
    },
  ],
  defeatingCommands: [{ tools: TOOLS, subcommand: 'clean' }],
};
