/**
 * What a `# syntax=` value says about the Dockerfile frontend that builds the file: the
 * docker/dockerfile version it pins, and whether that version reads a BuildKit-only
 * feature. Shared by cache-mounts (no mounts under a live pin that does not read them) and
 * syntax-directive (a dead pin is not made live when it would not read the file).
 */

/**
 * The first docker/dockerfile version that reads a feature, for those the tool is sure of
 * (RUN --mount: 1.2; RUN --network: 1.3, dockerfile/1.3.0 release notes; heredocs and
 * `--link`: 1.4). Any other feature is taken to need a version the tool cannot name.
 */
const SINCE: Record<string, [number, number]> = {
  'RUN --mount': [1, 2],
  'RUN --network': [1, 3],
  'COPY --link': [1, 4],
  'ADD --link': [1, 4],
  heredoc: [1, 4],
};

/** The first version that reads a feature (`RUN --mount`, `COPY --link`, `heredoc`), when known. */
export function featureSince(feature: string): [number, number] | null {
  return SINCE[feature] ?? null;
}

/**
 * The version a syntax value pins docker/dockerfile to (`docker/dockerfile:1.3`,
 * `docker.io/docker/dockerfile:1.0-experimental`, a mirror's
 * `registry.example.com/docker/dockerfile:1.2.1`), or null when it follows the latest 1.x
 * (`docker/dockerfile:1`, `:1-labs`) or names another frontend. A channel suffix is read
 * as its version: the tool does not credit `-labs`/`-experimental` with more.
 */
function pinnedVersion(value: string): [number, number] | null {
  const m =
    /^(?:[^\s/]+\/)*docker\/dockerfile(?:-upstream)?:(\d+)\.(\d+)(?:\.\d+)?(?:-[a-z]+)?(?:@\S+)?$/i.exec(
      value,
    );
  return m ? [Number(m[1]), Number(m[2])] : null;
}

/**
 * Whether the frontend a syntax value pins may not read a feature: a pinned version older
 * than the feature's first (or any pin, for a feature whose first version is not known).
 * False for a value that pins no version.
 */
export function pinTooOld(value: string, since: [number, number] | null): boolean {
  const v = pinnedVersion(value);
  if (!v) return false;
  return !since || v[0] < since[0] || (v[0] === since[0] && v[1] < since[1]);
}
