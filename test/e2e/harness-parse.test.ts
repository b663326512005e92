/**
 * The plain-log parser against logs captured from the real builder (Docker 28.5, BuildKit 0.25) with the
 * projects in __fixtures__/projects. Needs no Docker daemon.
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  aptBytes,
  aptDownloads,
  aptFetchRates,
  aptIndexBytes,
  aptIndexFetches,
  baseImages,
  buildArgsFor,
  buildWork,
  cacheMountSpecs,
  describeSteps,
  dockerfileSteps,
  findStep,
  mountTarget,
  npmFetches,
  npmTarballDownloads,
  parsePlainLog,
  pipBuiltWheels,
  pipCachedWheels,
  pipProcessed,
} from './harness';

const log = (name: string): string => fs.readFileSync(path.join(__dirname, 'logs', name), 'utf8');

describe('parsePlainLog', () => {
  test('a cold build of c-apt (original Dockerfile): every step, in order, none cached but FROM', () => {
    const steps = parsePlainLog(log('c-apt-original-cold.log'));
    expect(steps.map((s) => [s.id, s.name, s.cached])).toEqual([
      [0, 'building with "default" instance using docker driver', false],
      [1, '[internal] load build definition from Dockerfile', false],
      [2, '[internal] load metadata for docker.io/library/debian:bookworm', false],
      [3, '[internal] load .dockerignore', false],
      [4, '[1/5] FROM docker.io/library/debian:bookworm', true],
      [5, '[internal] load build context', false],
      [
        6,
        '[2/5] RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev make && rm -rf /var/lib/apt/lists/*',
        false,
      ],
      [7, '[3/5] WORKDIR /src', false],
      [8, '[4/5] COPY . .', false],
      [9, '[5/5] RUN make && make install', false],
      [10, 'exporting to image', false],
    ]);
    const apt = findStep(steps, /apt-get install/);
    expect(apt).toMatchObject({ stage: '', index: 2, total: 5, done: true, seconds: 9.2, cached: false });
    expect(apt.instruction).toBe(
      'RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev make && rm -rf /var/lib/apt/lists/*',
    );
    expect(apt.output[0]).toBe('Get:1 http://deb.debian.org/debian bookworm InRelease [151 kB]');
    expect(apt.output).toHaveLength(249); // grep -cE "^#6 [0-9]+\.[0-9]+( |$)" c-apt-original-cold.log
    expect(findStep(steps, /^RUN make/).output).toEqual([
      'cc -O2 -Wall -Wextra -std=c11 -c -o src/main.o src/main.c',
      'cc -O2 -Wall -Wextra -std=c11 -c -o src/stats.o src/stats.c',
      'cc -O2 -Wall -Wextra -std=c11 -o stats src/main.o src/stats.o',
      'install -m 0755 stats /usr/local/bin/stats',
    ]);
    expect(steps[1].status).toEqual(['transferring dockerfile: 239B done']);
    expect(steps[10].status).toEqual([
      'exporting layers',
      'exporting layers 0.7s done',
      'writing image sha256:725e0066346cf767dd0b9d311f8dc8b5f624caf40efe402bb8ab42c846fbb37e done',
      'naming to docker.io/library/cfy-c done',
    ]);
  });

  test('a rebuild after a code-only change (cachified c-apt): CACHED steps are recognised', () => {
    const steps = parsePlainLog(log('c-apt-expected-code-change.log'));
    expect(describeSteps(steps)).toEqual([
      `CACHED [stage-0 2/6] RUN rm -f /etc/apt/apt.conf.d/docker-clean; echo 'Binary::apt::APT::Keep-Downloaded-Packages "true";' > /etc/apt/apt.conf.d/keep-cache`,
      'CACHED [stage-0 3/6] RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev make',
      'CACHED [stage-0 4/6] WORKDIR /src',
      'ran    [stage-0 5/6] COPY . .',
      'ran    [stage-0 6/6] RUN make && make install',
    ]);
    const apt = findStep(steps, /apt-get install/);
    expect(apt).toMatchObject({
      cached: true,
      done: false,
      output: [],
      stage: 'stage-0',
      index: 3,
      total: 6,
    });
    expect(findStep(steps, /^COPY/).cached).toBe(false);
  });

  test('multi-stage output that interleaves: repeated headers and "#N ..." continue the same step', () => {
    const steps = parsePlainLog(log('shop-gateway-expected-cold.log'));
    const download = findStep(steps, /go mod download/);
    expect(download).toMatchObject({ id: 10, stage: 'build', index: 4, total: 6, done: true, seconds: 0.3 });
    expect(download.output).toEqual(['go: no module dependencies to download']);
    expect(download.status).toEqual([]);
    expect(dockerfileSteps(steps).map((s) => `${s.stage} ${s.index}/${s.total}`)).toEqual([
      'build 1/6',
      'stage-1 1/4',
      'build 2/6',
      'build 3/6',
      'build 4/6',
      'stage-1 2/4',
      'build 5/6',
      'build 6/6',
      'stage-1 3/4',
      'stage-1 4/4',
    ]);
    // BuildKit joins the backslash continuations of the RUN into one line
    expect(findStep(steps, /apt-get/).instruction).toBe(
      'RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update     && apt-get install -y --no-install-recommends         ca-certificates         tzdata',
    );
  });

  test('a failed step keeps its output and error; the summary after the log is not attributed to it', () => {
    const steps = parsePlainLog(log('failed-run.log'));
    expect(steps).toHaveLength(6);
    const failed = findStep(steps, /ls \/nope/);
    expect(failed).toMatchObject({
      id: 5,
      done: false,
      cached: false,
      error:
        'process "/bin/sh -c echo about to fail && ls /nope" did not complete successfully: exit code: 2',
      output: ['about to fail', "ls: cannot access '/nope': No such file or directory"],
      status: [],
    });
  });

  test('edge cases: CRLF, empty output lines, unknown status lines, lines without #N', () => {
    const steps = parsePlainLog(
      [
        '#3 [2/2] RUN printf "a\\n\\nb"',
        '#3 0.101 a',
        '#3 0.101',
        '#3 0.102 ',
        '#3 0.103 b #4 not a header',
        '#3 0.104 (Reading database ... \r(Reading database ... 5%',
        'some summary line',
        '#3 sha256:abc 1.2MB / 3MB 0.3s',
        '#3 DONE 12s',
        '',
      ].join('\r\n'),
    );
    expect(steps).toEqual([
      {
        id: 3,
        name: '[2/2] RUN printf "a\\n\\nb"',
        stage: '',
        index: 2,
        total: 2,
        instruction: 'RUN printf "a\\n\\nb"',
        cached: false,
        done: true,
        seconds: 12,
        output: ['a', '', '', 'b #4 not a header', '(Reading database ... \r(Reading database ... 5%'],
        status: ['sha256:abc 1.2MB / 3MB 0.3s'],
      },
    ]);
  });
});

describe('findStep', () => {
  const steps = parsePlainLog(log('c-apt-original-cold.log'));
  test('throws when no step or several steps match', () => {
    expect(() => findStep(steps, /npm ci/)).toThrow('expected exactly one step matching /npm ci/, found 0');
    expect(() => findStep(steps, /^RUN /)).toThrow('found 2');
  });
  test('ignores BuildKit internal vertices', () => {
    expect(() => findStep(steps, /load build context/)).toThrow('found 0');
  });
});

describe('apt downloads', () => {
  test('a cold install: 42 packages, index files are not packages', () => {
    const out = findStep(parsePlainLog(log('c-apt-original-cold.log')), /apt-get/).output;
    const debs = aptDownloads(out);
    expect(debs).toHaveLength(42);
    expect(debs[0]).toEqual({
      n: 1,
      uri: 'http://deb.debian.org/debian',
      dist: 'bookworm/main',
      pkg: 'binutils-common',
      arch: 'amd64',
      version: '2.40-2',
      size: '2487 kB',
    });
    expect(debs.map((d) => d.n)).toEqual(Array.from({ length: 42 }, (_, i) => i + 1));
    expect(debs.map((d) => d.pkg)).toEqual(
      expect.arrayContaining(['gcc-12', 'libc6-dev', 'make', 'binutils']),
    );
    expect(aptIndexFetches(out)).toEqual({ get: 6, hit: 0 });
  });

  test('with warm apt cache mounts, adding one package downloads only that package', () => {
    const out = findStep(parsePlainLog(log('c-apt-expected-deps-change.log')), /apt-get/).output;
    expect(aptDownloads(out).map((d) => `${d.pkg} ${d.version} ${d.size}`)).toEqual(['patch 2.7.6-7 128 kB']);
    expect(aptIndexFetches(out)).toEqual({ get: 3, hit: 0 });
    expect(out).toContain('0 upgraded, 43 newly installed, 0 to remove and 6 not upgraded.');
  });

  test('security-suite and arch "all" packages', () => {
    const out = findStep(parsePlainLog(log('shop-gateway-expected-cold.log')), /apt-get/).output;
    expect(aptDownloads(out).map((d) => [d.dist, d.pkg, d.arch])).toEqual([
      ['bookworm-security/main', 'tzdata', 'all'],
      ['bookworm-security/main', 'libssl3', 'amd64'],
      ['bookworm-security/main', 'openssl', 'amd64'],
      ['bookworm-security/main', 'ca-certificates', 'all'],
    ]);
  });

  test('Hit: lines, diffs and lines apt prints about downloads are not package downloads', () => {
    const out = [
      'Hit:1 http://deb.debian.org/debian bookworm InRelease',
      'Get:2 http://deb.debian.org/debian bookworm-updates/main amd64 Packages T-2024-06-01-2013.49-F-2024-06-01-2013.49.pdiff [1234 B]',
      'Need to get 128 kB of archives.',
      'Fetched 128 kB in 0s (12.4 MB/s)',
      'Get:3 http://deb.debian.org/debian bookworm/main amd64 patch amd64 2.7.6-7 [128 kB]',
    ];
    expect(aptDownloads(out).map((d) => d.pkg)).toEqual(['patch']);
    expect(aptIndexFetches(out)).toEqual({ get: 1, hit: 1 });
  });
});

describe('apt sizes and rates', () => {
  test('apt size notation in bytes (SI units)', () => {
    expect(['6924 B', '151 kB', '55.4 kB', '54.0 MB', '1,234 kB', '1.5 GB'].map(aptBytes)).toEqual([
      6924, 151_000, 55_400, 54_000_000, 1_234_000, 1_500_000_000,
    ]);
    expect(() => aptBytes('12 parsecs')).toThrow('not an apt size');
  });

  test('index bytes and the rates of the Fetched lines', () => {
    const out = findStep(parsePlainLog(log('c-apt-original-cold.log')), /apt-get/).output;
    expect(aptIndexBytes(out)).toBe(151_000 + 55_400 + 34_800 + 8_790_000 + 6_924 + 377_000);
    expect(aptFetchRates(out)).toEqual([8_140_000, 222_000_000]);
    expect(aptFetchRates(['Fetched 54.0 MB in 1min 3s (857 kB/s)'])).toEqual([857_000]);
  });
});

describe('buildWork', () => {
  test('a cold apt build: packages and index files with their bytes', () => {
    const w = buildWork(parsePlainLog(log('c-apt-original-cold.log')));
    expect(w).toMatchObject({ aptPackages: 42, aptIndexFiles: 6, npmTarballs: 0, pipWheelsBuilt: 0 });
    expect(w.aptIndexBytes).toBe(9_415_124);
    expect(Math.round(w.aptPackageBytes / 1e5) / 10).toBe(54.0); // apt: "Fetched 54.0 MB"
  });

  test('npm tarballs and pip wheels, summed over every step', () => {
    expect(buildWork(parsePlainLog(log('node-npm-expected-cold.log')))).toMatchObject({
      npmTarballs: 2,
      aptPackages: 0,
    });
    expect(buildWork(parsePlainLog(log('python-pip-original-deps-change.log')))).toMatchObject({
      pipWheelsBuilt: 1,
      pipWheelsCached: 0,
    });
    expect(buildWork(parsePlainLog(log('python-pip-expected-deps-change.log')))).toMatchObject({
      pipWheelsBuilt: 0,
      pipWheelsCached: 1,
    });
  });
});

describe('npm fetches', () => {
  test('npm 9 --loglevel=http: audit POSTs and tarball GETs with their cache note', () => {
    const out = findStep(parsePlainLog(log('node-npm-expected-cold.log')), /npm ci/).output;
    expect(npmFetches(out)).toEqual([
      {
        method: 'POST',
        status: 405,
        url: 'https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
        ms: 59,
        cache: '',
      },
      {
        method: 'POST',
        status: 405,
        url: 'https://registry.npmjs.org/-/npm/v1/security/audits/quick',
        ms: 5,
        cache: '',
      },
      {
        method: 'GET',
        status: 200,
        url: 'https://registry.npmjs.org/escape-html/-/escape-html-1.0.3.tgz',
        ms: 56,
        cache: 'cache miss',
      },
      {
        method: 'GET',
        status: 200,
        url: 'https://registry.npmjs.org/ms/-/ms-2.1.3.tgz',
        ms: 60,
        cache: 'cache miss',
      },
    ]);
    expect(npmTarballDownloads(out)).toEqual(['escape-html-1.0.3.tgz', 'ms-2.1.3.tgz']);
  });

  test('with a warm npm cache mount, only the added package is fetched (cached tarballs print nothing)', () => {
    const out = findStep(parsePlainLog(log('node-npm-expected-deps-change.log')), /npm ci/).output;
    expect(npmTarballDownloads(out)).toEqual(['is-number-7.0.0.tgz']);
  });

  test('scoped packages, cache hits and packuments', () => {
    const out = [
      'npm http fetch GET 200 https://registry.npmjs.org/@types%2fnode 120ms (cache revalidated)',
      'npm http fetch GET 200 https://registry.npmjs.org/@types/node/-/node-20.1.0.tgz 31ms (cache miss)',
      'npm http fetch GET 200 https://registry.npmjs.org/ms/-/ms-2.1.3.tgz 2ms (cache hit)',
      'npm http fetch GET 304 https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz 14ms (cache stale)',
      'npm http fetch GET 200 https://registry.npmjs.org/ms 14ms',
      'npm WARN deprecated left-pad@1.3.0: use String.prototype.padStart()',
    ];
    expect(npmFetches(out).map((f) => f.cache)).toEqual([
      'cache revalidated',
      'cache miss',
      'cache hit',
      'cache stale',
      '',
    ]);
    expect(npmTarballDownloads(out)).toEqual(['@types/node-20.1.0.tgz', 'left-pad-1.3.0.tgz']);
  });
});

describe('pip', () => {
  test('--no-cache-dir: the sdist is built again (into an ephemeral cache)', () => {
    const out = findStep(parsePlainLog(log('python-pip-original-deps-change.log')), /pip install/).output;
    expect(pipProcessed(out)).toEqual([
      'tinycase-1.0.0-py3-none-any.whl',
      'tinygreet-1.0.0-py3-none-any.whl',
      'tinymoney-1.2.0.tar.gz',
      'tinyslug-0.3.0-py3-none-any.whl',
    ]);
    expect(pipBuiltWheels(out)).toEqual(['tinymoney']);
    expect(pipCachedWheels(out)).toEqual([]);
  });

  test('with the pip cache mounted: the wheel built earlier comes from the cache', () => {
    const out = findStep(parsePlainLog(log('python-pip-expected-deps-change.log')), /pip install/).output;
    expect(pipProcessed(out)).toEqual([
      'tinycase-1.0.0-py3-none-any.whl',
      'tinygreet-1.0.0-py3-none-any.whl',
      'tinyslug-0.3.0-py3-none-any.whl',
    ]);
    expect(pipBuiltWheels(out)).toEqual([]);
    expect(pipCachedWheels(out)).toEqual(['tinymoney-1.2.0-py3-none-any.whl']);
  });
});

describe('Dockerfile helpers', () => {
  test('cacheMountSpecs finds every cache mount once, wherever type= is, and skips other mounts', () => {
    const df = [
      'RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\',
      '    --mount=target=/var/lib/apt,type=cache,sharing=locked apt-get update',
      'RUN --mount=type=secret,id=npmrc,target=/root/.npmrc --mount=type=cache,target=/root/.npm npm ci',
      'RUN --mount=type=cache,target=/var/cache/apt,sharing=locked apt-get install -y gcc',
      'RUN --mount=type=cache,target=/home/app/.cache/pip,uid=1001,gid=1001 pip install -r r.txt',
    ].join('\n');
    const specs = cacheMountSpecs(df);
    expect(specs).toEqual([
      'type=cache,target=/var/cache/apt,sharing=locked',
      'target=/var/lib/apt,type=cache,sharing=locked',
      'type=cache,target=/root/.npm',
      'type=cache,target=/home/app/.cache/pip,uid=1001,gid=1001',
    ]);
    expect(specs.map(mountTarget)).toEqual([
      '/var/cache/apt',
      '/var/lib/apt',
      '/root/.npm',
      '/home/app/.cache/pip',
    ]);
    expect(mountTarget('type=cache,dst=/x')).toBe('/x');
    expect(() => mountTarget('type=cache,id=x')).toThrow('cache mount without a target');
  });

  test('baseImages: FROM images, not stages or scratch, each once', () => {
    const df = [
      '# syntax=docker/dockerfile:1',
      'FROM --platform=$BUILDPLATFORM golang:1.19 AS build',
      'RUN go build',
      'from build as test',
      'FROM debian:bookworm-slim',
      'COPY --from=build /out /out',
      'FROM scratch AS export',
      'FROM \\',
      '  debian:bookworm-slim',
      'FROM test',
      '',
    ].join('\n');
    expect(baseImages(df)).toEqual(['golang:1.19', 'debian:bookworm-slim']);
    expect(() => baseImages('ARG BASE=node:18\nFROM ${BASE}\n')).toThrow(
      'build arguments in FROM are not supported',
    );
  });

  test('buildArgsFor', () => {
    expect(
      buildArgsFor({
        dir: '/tmp/p',
        tag: 't:1',
        dockerfile: 'deploy/x.Dockerfile',
        noCache: true,
        buildArgs: { A: '1', BUILDKIT_CACHE_MOUNT_NS: 'ns' },
        buildContexts: { 'debian:bookworm': 'docker-image://copy:1' },
      }),
    ).toEqual([
      'build',
      '--progress=plain',
      '-t',
      't:1',
      '-f',
      '/tmp/p/deploy/x.Dockerfile',
      '--no-cache',
      '--build-arg',
      'A=1',
      '--build-arg',
      'BUILDKIT_CACHE_MOUNT_NS=ns',
      '--build-context',
      'debian:bookworm=docker-image://copy:1',
      '/tmp/p',
    ]);
    expect(buildArgsFor({ dir: '/tmp/p', tag: 't' })).toEqual([
      'build',
      '--progress=plain',
      '-t',
      't',
      '/tmp/p',
    ]);
  });
});
