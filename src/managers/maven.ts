import type { PackageManager } from './types';

/** Maven. Cache targets: see the managers branch; here: recognition and deps. */
export const maven: PackageManager = {
  id: 'maven',
  summary: 'mvn / ./mvnw: pom.xml (+ modules, .mvn/) and `mvn dependency:go-offline` before the code',
  examples: ['mvn -B package -DskipTests', './mvnw package'],
  commands: [
    {
      tools: ['mvn', 'mvnw'],
      subcommands: ['*'],
      optionsWithValue: ['-f', '--file', '-s', '--settings', '-P', '-pl', '-T', '-D', '-gs', '-l'],
    },
  ],
  caches: [],
  deps: [
    {
      installs: ['*'],
      manifests: [],
      reader: 'maven',
      warmup: { args: ['-B', 'dependency:go-offline'] },
      depsOnly: {
        subcommands: [
          'dependency:go-offline',
          'dependency:resolve',
          'de.qaware.maven:go-offline-maven-plugin:resolve-dependencies',
        ],
      },
    },
  ],
};
