/** Composer: composer.json and composer.lock; `path` repositories are inputs (globs allowed), as are TLS files its config names. */
import { localInput, readJson, specFiles, tlsFile, type ReaderArgs } from './reader';

export function composer(r: ReaderArgs): void {
  const p = r.project;
  if (!specFiles(r)) return;
  const json = readJson(r, `${p.cwd}/composer.json`);
  if (!json) return;
  const repos = Array.isArray(json.repositories) ? json.repositories : Object.values(json.repositories ?? {});
  for (const repo of repos as { type?: unknown; url?: unknown }[]) {
    if (repo?.type !== 'path' || typeof repo.url !== 'string') continue;
    const what = `composer.json: path repository ${repo.url}`;
    if (/[*?]/.test(repo.url)) for (const d of p.globDirs(p.cwd, repo.url)) localInput(r, d, what);
    else localInput(r, p.resolve(repo.url), what);
  }
  // TLS files of composer's config (`cafile`, a CA folder `capath`)
  const config = (json.config ?? {}) as Record<string, unknown>;
  for (const key of ['cafile', 'capath'])
    if (typeof config[key] === 'string') tlsFile(r, config[key], `composer.json config.${key}`);
}
