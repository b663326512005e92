import type { PackageManager, SettingSource } from './types';

/**
 * `go env -w KEY=value`: stored in the running user's go env file, read by every later go
 * command of that user unless the variable is set in the environment (which is why each
 * comes after its `env` source). `go env KEY` only prints; `go env -u KEY` removes it.
 */
function goEnv(key: string): SettingSource {
  return { tools: ['go'], commands: ['env'], key, writeFlags: ['-w'], unsetFlags: ['-u'], pairsOnly: true };
}

/**
 * Go: the module cache (GOMODCACHE, default `$GOPATH/pkg/mod`; the official images set
 * GOPATH=/go) and the build cache (GOCACHE, default `~/.cache/go-build`), each also as stored by
 * `go env -w`. Both are designed for concurrent use. `go version`, `go env`, `go fmt`... use neither and are not recognised.
 */
export const go: PackageManager = {
  id: 'go',
  summary: 'go build/test/install, go mod download: the module cache and the build cache',
  examples: ['go mod download', 'CGO_ENABLED=0 go build -o /out/app ./cmd/app'],
  commands: [
    {
      // tonistiigi/xx's xx-go runs go with the target platform's GOOS/GOARCH/CC set
      tools: ['go', 'xx-go'],
      subcommands: [
        'build',
        'install',
        'test',
        'run',
        'vet',
        'generate',
        'get',
        'list',
        'mod download',
        'mod tidy',
        'mod vendor',
        'mod verify',
        'mod graph',
        'mod why',
        'work sync',
        'work vendor',
        'tool',
      ],
      optionsWithValue: [
        '-C',
        '-o',
        '-ldflags',
        '-gcflags',
        '-tags',
        '-p',
        '-mod',
        '-modfile',
        '-pkgdir',
        '-exec',
      ],
    },
  ],
  runtimeTools: ['go'],
  offlineEnv: [{ name: 'GOPROXY', values: ['off'] }],
  caches: [
    {
      name: 'go-mod',
      sources: [
        { env: 'GOMODCACHE' },
        { setting: goEnv('GOMODCACHE') },
        { env: 'GOPATH', list: ':', suffix: '/pkg/mod' },
        { setting: goEnv('GOPATH'), list: ':', suffix: '/pkg/mod' },
        { home: 'go/pkg/mod' },
      ],
      store: true,
    },
    {
      name: 'go-build',
      sources: [
        { env: 'GOCACHE' },
        { setting: goEnv('GOCACHE') },
        { env: 'XDG_CACHE_HOME', suffix: '/go-build' },
        { home: '.cache/go-build' },
      ],
    },
  ],
  defeatingCommands: [
    { tools: ['go'], subcommand: 'clean', withFlags: ['-modcache'], target: 'go-mod' },
    { tools: ['go'], subcommand: 'clean', withFlags: ['-cache', '-fuzzcache'], target: 'go-build' },
  ],
  deps: [
    {
      installs: ['build', 'install', 'test', 'run', 'vet', 'mod download'],
      manifests: [],
      reader: 'gomod',
      warmup: { args: ['mod', 'download'] },
      depsOnly: { subcommands: ['mod download'] },
    },
  ],
};
