/**
 * Composer: composer.json and composer.lock; `path` repositories (globs allowed) and
 * `artifact` folders are inputs, as are the TLS files its config and repositories name.
 */
import { localInput, readJson, specFiles, tlsFile, type ReaderArgs } from './reader';

export function composer(r: ReaderArgs): void {
  const p = r.project;
  if (!specFiles(r)) return;
  const json = readJson(r, `${p.cwd}/composer.json`);
  if (!json) return;
  const repos = Array.isArray(json.repositories) ? json.repositories : Object.values(json.repositories ?? {});
  for (const repo of repos as { type?: unknown; url?: unknown; options?: unknown }[]) {
    // a repository's own CA file (`options.ssl.cafile`)
    const ssl = (repo?.options as { ssl?: Record<string, unknown> } | undefined)?.ssl;
    for (const key of ['cafile', 'capath', 'local_cert', 'local_pk'])
      if (typeof ssl?.[key] === 'string')
        tlsFile(r, ssl[key], `composer.json: repository options.ssl.${key}`);
    if (typeof repo?.url !== 'string') continue;
    // a folder of package archives
    if (repo.type === 'artifact') {
      r.inputs.require(p.resolve(repo.url), `composer.json: artifact repository ${repo.url}`);
      continue;
    }
    if (repo.type !== 'path') continue;
    const what = `composer.json: path repository ${repo.url}`;
    if (/[*?]/.test(repo.url)) for (const d of p.globDirs(p.cwd, repo.url)) localInput(r, d, what);
    else localInput(r, p.resolve(repo.url), what);
  }
  // cweagans/composer-patches: its patches file and local patch files (the plugin runs under --no-scripts too)
  const extra = (json.extra ?? {}) as Record<string, unknown>;
  const lists = [extra.patches];
  if (typeof extra['patches-file'] === 'string') {
    const file = p.resolve(extra['patches-file']);
    if (r.inputs.require(file, 'composer.json extra.patches-file')) lists.push(readJson(r, file)?.patches);
  }
  for (const perPackage of lists.flatMap((l) => Object.values((l ?? {}) as Record<string, unknown>))) {
    if (!perPackage || typeof perPackage !== 'object') continue;
    for (const patch of Object.values(perPackage as Record<string, unknown>)) {
      const at = typeof patch === 'string' ? patch : (patch as { url?: unknown } | null)?.url;
      if (typeof at === 'string' && !/^[a-z][a-z0-9+.-]*:\/\//i.test(at))
        r.inputs.require(p.resolve(at), 'composer.json extra.patches');
    }
  }
  // TLS files of composer's config (`cafile`, a CA folder `capath`)
  const config = (json.config ?? {}) as Record<string, unknown>;
  vendorDir(r, config);
  for (const key of ['cafile', 'capath'])
    if (typeof config[key] === 'string') tlsFile(r, config[key], `composer.json config.${key}`);
}

/**
 * The folder composer installs the packages in (an output of the install, see {@link
 * Inputs.output}): `COMPOSER_VENDOR_DIR`, else composer.json's `config.vendor-dir`, else
 * `vendor`, relative to the project.
 */
function vendorDir(r: ReaderArgs, config: Record<string, unknown>): void {
  const e = r.env('COMPOSER_VENDOR_DIR');
  const dir = e ? e.value : typeof config['vendor-dir'] === 'string' ? config['vendor-dir'] : 'vendor';
  if (dir === null || dir.includes('{$') || dir.includes('$'))
    r.inputs.refuse(
      `the folder composer installs the packages in (${e ? (r.unknownWhy('$COMPOSER_VENDOR_DIR') ?? '$COMPOSER_VENDOR_DIR') : 'composer.json config.vendor-dir'}) is only known when the image builds`,
    );
  else if (!dir.startsWith('~')) r.inputs.output(r.project.resolve(dir));
}
