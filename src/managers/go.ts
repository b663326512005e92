import type { PackageManager } from './types';

/** Go modules. Cache targets: see the managers branch; here: recognition and deps. */
export const go: PackageManager = {
  id: 'go',
  summary: 'go build / go mod download: go.mod + go.sum, `go mod download` before the code',
  examples: ['go build -o /app ./cmd/server', 'go mod download'],
  commands: [
    {
      tools: ['go'],
      subcommands: ['build', 'install', 'test', 'run', 'vet', 'generate', 'mod download', 'get'],
    },
  ],
  caches: [],
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
