import type { PackageManager } from './types';

/** .NET / NuGet. Cache targets: see the managers branch; here: recognition and deps. */
export const dotnet: PackageManager = {
  id: 'dotnet',
  summary:
    'dotnet restore / publish: project files, solution, NuGet and props files, `dotnet restore` before the code',
  examples: ['dotnet publish -c Release -o /out', 'dotnet restore'],
  commands: [{ tools: ['dotnet'], subcommands: ['restore', 'build', 'publish', 'test', 'pack', 'run'] }],
  caches: [],
  deps: [
    {
      installs: ['restore', 'build', 'publish', 'test', 'pack', 'run'],
      manifests: [],
      reader: 'dotnet',
      warmup: { args: ['restore'] },
      depsOnly: { subcommands: ['restore'] },
    },
  ],
};
