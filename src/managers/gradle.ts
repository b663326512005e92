import type { PackageManager } from './types';

/** Gradle. Cache targets: see the managers branch; here: recognition and deps. */
export const gradle: PackageManager = {
  id: 'gradle',
  summary:
    'gradle / ./gradlew: settings and build scripts, gradle/ and `gradle dependencies` before the code',
  examples: ['gradle build --no-daemon', './gradlew bootJar'],
  commands: [
    {
      tools: ['gradle', 'gradlew'],
      subcommands: ['*'],
      optionsWithValue: [
        '-p',
        '--project-dir',
        '-x',
        '--exclude-task',
        '-P',
        '-D',
        '-b',
        '-c',
        '-g',
        '--gradle-user-home',
      ],
    },
  ],
  caches: [],
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
