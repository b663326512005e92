import type { PackageManager } from './types';

/**
 * Maven (`mvn`, the wrapper `./mvnw`, the daemon `mvnd`): the local repository
 * `~/.m2/repository`, not the whole `~/.m2`, which holds settings.xml (mirrors, credentials)
 * that Dockerfiles often COPY in. Maven's resolver does not lock the local repository across
 * processes by default, hence `sharing=locked`.
 */
export const maven: PackageManager = {
  id: 'maven',
  summary: 'mvn, ./mvnw, mvnd: the local repository ~/.m2/repository, locked',
  examples: ['mvn -B dependency:go-offline', './mvnw package -DskipTests'],
  commands: [
    {
      tools: ['mvn', 'mvnw', 'mvnd'],
      subcommands: ['*'],
      optionsWithValue: [
        '-f',
        '--file',
        '-s',
        '--settings',
        '-gs',
        '--global-settings',
        '-t',
        '--toolchains',
        '-P',
        '--activate-profiles',
        '-pl',
        '--projects',
        '-rf',
        '--resume-from',
        '-T',
        '--threads',
        '-l',
        '--log-file',
        '-D',
        '--define',
        '-b',
        '--builder',
      ],
    },
  ],
  runtimeTools: ['mvn', 'mvnw', 'mvnd'],
  offlineFlags: ['-o', '--offline'],
  caches: [
    {
      name: 'maven',
      // the system property maven.repo.local (command line, MAVEN_ARGS, the project's
      // .mvn/maven.config, MAVEN_OPTS, .mvn/jvm.config), then <localRepository> in the
      // user's settings (or `-s`), then in the global ones (or `-gs`)
      sources: [
        { option: '-Dmaven.repo.local' },
        { envOption: 'MAVEN_ARGS', option: '-Dmaven.repo.local' },
        { projectFile: { names: ['.mvn/maven.config'], key: 'maven.repo.local', format: 'args' } },
        { envOption: 'MAVEN_OPTS', option: '-Dmaven.repo.local' },
        { projectFile: { names: ['.mvn/jvm.config'], key: 'maven.repo.local', format: 'args' } },
        {
          configFile: {
            paths: ['~/.m2/settings.xml'],
            key: 'localRepository',
            format: 'xml',
            pathOptions: ['-s', '--settings'],
            optionsIn: { files: ['.mvn/maven.config'], env: ['MAVEN_ARGS'] },
          },
        },
        {
          configFile: {
            paths: [
              '$MAVEN_HOME/conf/settings.xml',
              '/usr/share/maven/conf/settings.xml',
              '/etc/maven/settings.xml',
            ],
            key: 'localRepository',
            format: 'xml',
            pathOptions: ['-gs', '--global-settings'],
            optionsIn: { files: ['.mvn/maven.config'], env: ['MAVEN_ARGS'] },
          },
        },
        { home: '.m2/repository' },
      ],
      sharing: 'locked',
      store: true,
    },
  ],
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
