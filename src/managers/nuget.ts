import type { PackageManager } from './types';

/**
 * .NET's NuGet global packages folder (`~/.nuget/packages`, or NUGET_PACKAGES), which
 * `dotnet restore` fills and build/publish/test restore into. NuGet's cross-process lock lives
 * in the temp folder, not in the packages folder, hence `sharing=locked`.
 */
export const nuget: PackageManager = {
  id: 'nuget',
  summary: 'dotnet restore/build/publish/test, nuget restore: the global packages folder, locked',
  examples: ['dotnet restore', 'dotnet publish -c Release -o /app'],
  commands: [
    {
      tools: ['dotnet'],
      subcommands: [
        'restore',
        'build',
        'publish',
        'test',
        'pack',
        'run',
        'tool install',
        'tool restore',
        'add package',
        'workload restore',
      ],
      optionsWithValue: [
        '-c',
        '--configuration',
        '-o',
        '--output',
        '-r',
        '--runtime',
        '-f',
        '--framework',
        '-s',
        '--source',
        '--packages',
        '-v',
        '--verbosity',
        '-p',
        '--property',
        '-a',
        '--arch',
        '--os',
      ],
    },
    { tools: ['nuget', 'nuget.exe'], subcommands: ['restore', 'install'] },
  ],
  runtimeTools: ['dotnet'],
  // `dotnet publish --no-restore` after a mounted `dotnet restore` in an earlier RUN would
  // fail (NETSDK1064) once BuildKit empties the mount while it keeps that layer: with the
  // mount, it restores instead, from the mount's packages (Microsoft's own template)
  offlineFlags: ['--no-restore'],
  dropOfflineFlags: true,
  caches: [
    {
      name: 'nuget',
      sources: [{ option: '--packages' }, { env: 'NUGET_PACKAGES' }, { home: '.nuget/packages' }],
      sharing: 'locked',
      store: true,
    },
  ],
  defeatingCommands: [
    { tools: ['dotnet'], subcommand: 'nuget locals global-packages', withFlags: ['-c', '--clear'] },
    // `all` also empties the HTTP cache, the temp and the plugins caches, which no mount holds
    { tools: ['dotnet'], subcommand: 'nuget locals all', withFlags: ['-c', '--clear'] },
    {
      tools: ['dotnet'],
      subcommand: 'nuget locals all',
      withFlags: ['-c', '--clear'],
      inImage: "NuGet's HTTP cache, temp folder and plugins cache in the image",
    },
  ],
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
