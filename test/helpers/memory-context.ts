/** An in-memory build context for tests. */
import { DockerIgnore, type BuildContext } from '../../src/context';

/** A build context made of `files` (folders implied), with an optional .dockerignore text. */
export function memoryContext(files: Record<string, string>, dockerignore = ''): BuildContext {
  const rules = new DockerIgnore(dockerignore);
  const dirs = new Set<string>(['']);
  for (const f of Object.keys(files)) {
    const parts = f.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
  }
  const exists = (p: string) => p in files || dirs.has(p);
  return {
    dir: '/ctx',
    ignoreFile: dockerignore ? '/ctx/.dockerignore' : null,
    exists,
    isDirectory: (p) => dirs.has(p),
    read: (p) => files[p] ?? null,
    list: (p) =>
      [...Object.keys(files), ...dirs]
        .filter((x) => x !== '' && x.slice(0, Math.max(0, x.lastIndexOf('/'))) === p)
        .map((x) => x.slice(x.lastIndexOf('/') + 1))
        .filter((x, k, all) => all.indexOf(x) === k)
        .sort(),
    ignored: (p) => rules.ignored(p),
    available: (p) => exists(p) && !rules.ignored(p),
  };
}
