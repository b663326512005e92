import type { PackageManager } from './types';

const userHome = (suffix: string) => [
  { option: '--gradle-user-home', suffix },
  { option: '-g', suffix },
  { option: '-Dgradle.user.home', suffix },
  { envOption: 'GRADLE_OPTS', option: '-Dgradle.user.home', suffix },
  { env: 'GRADLE_USER_HOME', suffix },
  { home: `.gradle${suffix}` },
];

/**
 * Gradle (`gradle`, the wrapper `./gradlew`): `~/.gradle/caches` (dependencies, transforms,
 * compiled build scripts) and, for the wrapper, `~/.gradle/wrapper` (the Gradle distributions it
 * downloads). Not the whole `~/.gradle`: it holds gradle.properties (credentials, JVM options)
 * and init scripts that Dockerfiles COPY in. Gradle's cross-process locks do not reach other
 * containers, hence `sharing=locked`.
 */
export const gradle: PackageManager = {
  id: 'gradle',
  summary: 'gradle, ./gradlew: ~/.gradle/caches and the wrapper distributions, locked',
  examples: ['gradle build --no-daemon', './gradlew dependencies --no-daemon'],
  commands: [
    {
      tools: ['gradle', 'gradlew'],
      subcommands: ['*'],
      optionsWithValue: [
        '-p',
        '--project-dir',
        '-g',
        '--gradle-user-home',
        '-b',
        '--build-file',
        '-c',
        '--settings-file',
        '-I',
        '--init-script',
        '-x',
        '--exclude-task',
        '--console',
        '--warning-mode',
        '-D',
        '-P',
        '--max-workers',
        '--priority',
        '--include-build',
      ],
    },
  ],
  runtimeTools: ['gradle', 'gradlew'],
  offlineFlags: ['--offline'],
  caches: [
    { name: 'gradle', sources: userHome('/caches'), sharing: 'locked', store: true },
    { name: 'gradle-wrapper', sources: userHome('/wrapper'), tools: ['gradlew'], sharing: 'locked' },
  ],
  deps: [
    {
      installs: ['*'],
      manifests: [],
      reader: 'gradle',
      warmup: { args: ['dependencies', '--no-daemon'] },
      depsOnly: { subcommands: ['dependencies', 'androidDependencies'] },
    },
  ],
};
