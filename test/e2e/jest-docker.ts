/** Jest-only part of the e2e harness: suites that need a Docker daemon. */
import { dockerStatus, dockerUnavailableMessage } from './harness';

export const SKIP_ENV = 'CACHIFY_E2E';

/**
 * `describe` for suites that need a Docker daemon with BuildKit.
 * - daemon answers: runs the suite;
 * - no daemon and CACHIFY_E2E=skip: skips it visibly (describe.skip plus a console line);
 * - no daemon otherwise: throws, so the suite fails instead of passing with nothing tested.
 */
export function describeWithDocker(name: string, fn: () => void): void {
  const status = dockerStatus();
  if (status.available) {
    describe(`${name} (docker ${status.detail})`, fn);
    return;
  }
  if (process.env[SKIP_ENV] === 'skip') {
    console.warn(`SKIPPED e2e suite "${name}": ${dockerUnavailableMessage(status)}`);
    describe.skip(`${name} [SKIPPED: no Docker daemon]`, fn);
    return;
  }
  throw new Error(
    `e2e suite "${name}" needs a Docker daemon: ${dockerUnavailableMessage(status)}\n` +
      `Or set ${SKIP_ENV}=skip to skip these suites on purpose.`,
  );
}
