/**
 * The declarative description of a package manager. Each manager is one module in this
 * folder exporting a {@link PackageManager}; `index.ts` lists them. Transforms never
 * special-case a manager: everything they need to know is stated here.
 */
import type { OsFamily } from '../images';
import type { ConfigFormat } from '../copied';

/** How an invocation is recognised. */
export interface CommandPattern {
  /**
   * Tool names after normalisation: the basename of argv[0], wrappers (`sudo`, `env`,
   * `exec`...) stripped, `python3.12 -m pip` read as `pip`. Strings match exactly,
   * regular expressions match the whole name.
   */
  tools: (string | RegExp)[];
  /**
   * Sub-command paths that use the cache: `['install']`, `['pip install', 'sync']`.
   * A path is matched against the leading positional arguments (options are skipped).
   * `'*'` matches any sub-command; `''` matches an invocation with no sub-command.
   */
  subcommands: string[];
  /** Options taking a value that may precede the sub-command (`apt-get -o X install`). */
  optionsWithValue?: string[];
  /**
   * The pattern counts only while one of these variables (the command's own `VAR=x` prefix,
   * an `export` in the RUN, or the stage ENV) has a value matching `matches`: sccache is in
   * use for `cargo build` only when `RUSTC_WRAPPER=sccache`. An unknown value does not match,
   * unless `partly`: then the value is matched with the parts only the build knows as
   * U+FFFD (`/usr/lib/ccache:$PATH` → `/usr/lib/ccache:\uFFFD`).
   */
  whenEnv?: { names: string[]; matches: RegExp; partly?: boolean };
  /**
   * The pattern counts only while the command itself defines one of these CMake variables
   * (`-DNAME=value`, `-DNAME:TYPE=value`, `-D NAME=value`) with a value matching `matches`:
   * `cmake -DCMAKE_CXX_COMPILER_LAUNCHER=ccache` builds through ccache.
   */
  whenDefine?: { names: string[]; matches: RegExp };
}

/** Where a cache directory is, tried in order; the first that applies wins. */
export type PathSource =
  /**
   * The value of a command-line option of the invocation (`--cache-dir X`, `--cache-dir=X`).
   * `unsupported`: when the option is given, the cache is somewhere the tool cannot work out.
   */
  | { option: string; suffix?: string; unsupported?: string }
  /**
   * An environment variable (stage ENV, image ENV, or a `VAR=x` prefix of the command) plus a
   * suffix. `list`: the variable holds a list with this separator and its first entry counts
   * (GOPATH `a:b`, CONDA_PKGS_DIRS `a,b`). `unsupported`: when the variable is set, the cache is
   * somewhere the tool cannot work out, for this reason (no mount).
   */
  | {
      env: string;
      suffix?: string;
      list?: string;
      unsupported?: string;
      /**
       * Other major versions of the tool read the same variable for a folder the image needs
       * (Yarn 2+ keeps the packages Plug'n'Play loads at run time in `$YARN_CACHE_FOLDER` while
       * its global cache is off): the source gives no mount unless the build shows that none of
       * those versions runs.
       */
      sharedWith?: { majors: Majors; why: string };
    }
  /**
   * An option inside a variable that holds command-line words, e.g. `-Dmaven.repo.local=X` in
   * MAVEN_OPTS: `envOption: 'MAVEN_OPTS', option: '-Dmaven.repo.local'`.
   */
  | { envOption: string; option: string; suffix?: string }
  /**
   * Relative to the home of the user running the command. `rootHome`: the home the tool uses
   * instead when that user is root (yarn v1 puts root's cache under /usr/local/share).
   */
  | { home: string; rootHome?: string }
  /** Relative to the working directory of the command (WORKDIR, when the RUN does not `cd`). */
  | { workdir: string }
  /** `<prefix>` of a tool invoked by its absolute path `<prefix>/bin/<tool>`, plus a suffix. */
  | { toolPrefix: string }
  /** A location the base image is known to have (`paths` in images.ts), plus a suffix. */
  | { imagePath: string; suffix?: string }
  /**
   * A setting the tool stored with one of its own commands, in an earlier RUN of the
   * stage's lineage or earlier in the same RUN (the last one of its kind wins; the user's
   * own over a global one, a site one over both): `<tool> <command>
   * <key> <value>` or `... <key>=<value>` (`npm config set cache /x`, `pnpm config set
   * store-dir /x`, `pip config set global.cache-dir /x`, `poetry config cache-dir /x`).
   * A setting stored without one of `globalFlags` is its user's own and does not apply
   * to another user; one the tool cannot read (not literal, not run for certain, or
   * stored by a user it cannot tell apart) means no mount.
   */
  | {
      setting: SettingSource;
      suffix?: string;
      /** The setting holds a list with this separator, and its first entry counts (GOPATH `a:b`). */
      list?: string;
    }
  /**
   * A setting in a config file of the project that the build copies from its context into
   * the folder the command runs in, or a folder above it (`cache=/x` in `.npmrc`,
   * `storeDir: /x` in `pnpm-workspace.yaml`). The file copied last to the folder nearest
   * the command counts. A value that is not an absolute path (a relative one, `${VAR}`),
   * or a file copied where the tool cannot tell, means no mount.
   */
  | {
      projectFile: {
        names: string[];
        key: string;
        format: ConfigFormat;
        /** Options that give the tool another project folder than its working one (`npm --prefix /app`). */
        folderOptions?: string[];
        /**
         * What the tool reads a relative value against, where it is resolved instead of refused:
         * `cwd`, the folder the command runs in, whatever `folderOptions` say (npm resolves path
         * settings against its process's folder); `project`, the folder the tool works in after
         * `folderOptions` (Composer's `cache-dir`), and only when the file is in that folder.
         */
        relative?: 'cwd' | 'project';
      };
      suffix?: string;
      /** When such a file sets the key, the cache is somewhere the tool cannot work out, for this reason (no mount). */
      unsupported?: string;
    }
  /**
   * A setting in a config file the build puts at one of the tool's own user or global
   * config locations (`COPY .npmrc /root/.npmrc`, `COPY pip.conf /etc/pip.conf`; `~/` is
   * the running user's home; `$VAR/` where the stage's variable points), highest
   * precedence first: the last file put at a path counts. A file there that the tool
   * cannot read (from another stage, with a variable) means no mount; so does one that a
   * settings command may have changed too.
   */
  | {
      configFile: ConfigFileSource;
      suffix?: string;
      /** When such a file sets the key, the cache is somewhere the tool cannot work out, for this reason (no mount). */
      unsupported?: string;
    }
  /**
   * Where the manager keeps this cache somewhere the tool cannot mount, for the invocations of
   * `tools` (all when absent): when the invocation has one of `flags` or `options`, or one of
   * `vars` is set (to a value matching `matches`, when given), or one of `settings` was stored
   * (to such a value), the target is left out and the report gives `elsewhere` as the reason
   * ("with BUNDLE_DEPLOYMENT=1, <elsewhere>");
   * the manager's other targets still apply. A value the tool cannot read counts. Bundler's
   * `path` and deployment settings put the .gem archives under `<path>/ruby/<ABI version>/`.
   */
  | {
      elsewhere: string;
      tools?: (string | RegExp)[];
      flags?: string[];
      options?: string[];
      vars?: { name: string; matches?: RegExp }[];
      settings?: { setting: SettingSource; matches?: RegExp }[];
    }
  /** A fixed absolute path. */
  | { path: string };

/** Config files at a tool's own user or global locations (see {@link PathSource} `configFile`). */
export interface ConfigFileSource {
  /**
   * `~/` is the running user's home; `$VAR/...` is under where the variable points (left out
   * when the stage does not set it); `${VAR:-default}...` is under where the variable points
   * when it is set (on the command, in the RUN or the stage; a value the tool cannot read means
   * no mount), else under `default`, which may be such a form again.
   */
  paths: string[];
  key: string;
  format: ConfigFormat;
  /** An ini file with sections: the key counts in these (and before any section). */
  sections?: string[];
  /**
   * A variable naming one more config file, read before the others, which win over
   * it (`PIP_CONFIG_FILE`); `/dev/null` there turns all of them off.
   */
  pathEnv?: string;
  /** Options naming the file the tool reads instead of those (`mvn -s settings.xml`). */
  pathOptions?: string[];
  /**
   * Where the tool also takes command-line options from (`.mvn/maven.config`, found as a
   * project file; MAVEN_ARGS): one of {@link pathOptions} there means the file is not known.
   */
  optionsIn?: { files?: string[]; env?: string[] };
}

/** A tool's own command that stores a setting (see {@link PathSource} `setting`). */
export interface SettingSource {
  tools: (string | RegExp)[];
  /** The command words before the key: `config set`, `set`, `config`. */
  commands: string[];
  key: string;
  /**
   * Flags that store the setting for every user (`--global`, `-g`, `--location=global`);
   * a user's own setting wins over such a one.
   */
  globalFlags?: string[];
  /** Flags that store the setting for every user of an environment, over their own (pip's `--site`). */
  siteFlags?: string[];
  /** The command stores a setting only with one of these flags (`go env -w`; `go env X` reads). */
  writeFlags?: string[];
  /** With one of these flags the command removes the setting (`go env -u X`): the default applies again. */
  unsetFlags?: string[];
  /** Only `<key>=<value>` stores the setting (`go env -w GOCACHE=/x`). */
  pairsOnly?: boolean;
  /**
   * Without one of `globalFlags` the command stores the setting in the project file of the folder
   * it runs in (`composer config cache-dir /x` edits ./composer.json), which is not followed:
   * no mount, for this reason.
   */
  projectWithoutGlobal?: string;
}

export interface CacheTarget {
  /** Short name, unique per manager, used for mount ids (`<prefix>-<name>`). */
  name: string;
  sources: PathSource[];
  /** Written as root whatever the stage user (OS package managers): no uid/gid on the mount. */
  rootOwned?: boolean;
  /** Mount option `sharing=` (OS package managers need `locked`). */
  sharing?: 'shared' | 'private' | 'locked';
  /**
   * The target applies only to RUNs where the manager runs one of these tools (dnf4 and dnf5
   * keep their caches in different folders; only `gradlew` downloads a Gradle distribution).
   */
  tools?: (string | RegExp)[];
  /**
   * The major versions of the tool that keep this cache (Yarn 1's and Berry's caches are in
   * different folders): the target applies to an invocation unless the build shows (see
   * {@link PackageManager.versions}) that another version runs it.
   */
  majors?: Majors;
  /** Why no cache location is known when none of the sources applies (for the report). */
  unresolved?: string;
  /**
   * A build output folder rather than a download cache (cargo's `target/`): its content is what
   * the RUN produces, so it is mounted only when a later command of the same RUN copies something
   * out of it (`cp`/`mv`/`install`) and no later instruction reads it; otherwise it is left out
   * without blocking the manager's other targets.
   */
  output?: boolean;
  /**
   * Where the dependencies live, not a copy of what is installed elsewhere (Go's module cache,
   * Maven's local repository): later RUNs build from it and download only what it lacks. So
   * when a RUN downloads into it with credentials that only it mounts (`--mount=type=ssh`,
   * `type=secret`), the lineage gets no mount there: a later RUN without them would have to
   * download again whenever BuildKit emptied the mount, and would fail.
   */
  store?: boolean;
}

/** An environment variable that turns the cache off. */
export interface DisablingEnv {
  name: string;
  /** Whether a given value disables the cache (default: any value does). */
  disables?: (value: string) => boolean;
}

/**
 * A command that empties a cache (`npm cache clean --force`, `apt-get clean`). Where it empties
 * only mounted caches it goes with the mounts; where it empties only what no mount holds it
 * stays; where it empties both (several entries match one command: Berry's `yarn cache clean
 * --all`), it can neither go (the files in the image would stay) nor stay (it would empty the
 * mount on every build), and the caches it empties get no mount.
 */
export interface DefeatingCommand {
  tools: (string | RegExp)[];
  /** Sub-command path, as in {@link CommandPattern.subcommands}. */
  subcommand: string;
  /**
   * Only when one of these flags is present (`go clean -modcache`, not a plain `go clean`);
   * a long flag also as `--flag=value`.
   */
  withFlags?: string[];
  /** Not when one of these flags is present (`yarn cache clean --mirror` leaves the project's cache folder). */
  withoutFlags?: string[];
  /**
   * It empties only this cache target's folder (its `name`), and only where the target applies
   * to the RUN (the version of the tool that keeps it may run). Where it applies but gets no
   * mount, the folder is in the image: `kept` says what the command empties there (for the
   * report, as {@link inImage}; default: that target's cache). Absent: it empties the
   * manager's caches.
   */
  target?: string;
  kept?: string;
  /**
   * What it empties that no cache mount holds (cargo-cache's git checkouts), for the report: a
   * noun phrase that says it is in the image. With `target`, only where that target applies.
   */
  inImage?: string;
  /**
   * Only where the manager's stage setting ({@link StageSetup.setting}) has this value for the
   * RUN once its setup is in place (Berry's `yarn cache clean` empties the global cache while
   * enableGlobalCache is true, the project's cache folder while it is false). Where the tool
   * cannot tell the value, the entry may apply.
   */
  setting?: string;
}

/**
 * A flag the manager needs for its cache to fill or to stay correct, added to each invocation
 * where the mount is added (dnf `--setopt=keepcache=1`; apk `--update-cache`, since the package
 * index now lives in the mount rather than in the image).
 */
export interface RequiredFlag {
  flag: string;
  /** Words that already say the same (`-U` for `--update-cache`); strings match exactly, RegExps whole words. */
  present?: (string | RegExp)[];
  /** Only on these sub-commands (default: every recognised invocation). */
  subcommands?: string[];
  /** Not needed when an earlier command of the same RUN ran one of these sub-commands (`apk update`). */
  unlessAfter?: string[];
  /** Not added to an invocation with one of these words (`apk add --no-network` may not fetch indexes). */
  unlessWith?: (string | RegExp)[];
  /**
   * What the flag does lasts for the rest of the RUN (apk's fresh indexes, in the mount): only
   * the first command that surely runs needs it. Otherwise every command needs its own
   * (`--setopt=keepcache=1`).
   */
  once?: boolean;
}

/** Something a stage needs once before the manager's first cached run. */
export interface StageSetup {
  /** `ENV name=value` to add before the first mounted RUN of the stage, unless the lineage sets `name`. */
  env?: Record<string, string>;
  /** Only when this cache target (its `name`) is mounted. */
  forTarget?: string;
  /** Why, for the report. */
  why?: string;
  /**
   * The setting the ENV gives, as the build may give it already (the variable itself, or the
   * project's config file: `enableGlobalCache` in `.yarnrc.yml`). Given the ENV's value, the
   * ENV is not needed; given another value (or one the tool cannot read), it is the project's
   * own choice, which the ENV would override: then `forTarget` gets no mount, for `conflict`.
   */
  setting?: ToolSetting;
  /** Why `forTarget` cannot be mounted while the setting has another value than the ENV's. */
  conflict?: string;
  /**
   * The setting's value when nothing sets it, per major version: where it is the ENV's value
   * already (Yarn 2 and 3 keep the global cache off), no ENV is needed. Where the version is
   * not known, the ENV goes in.
   */
  defaults?: { majors: Majors; value: string }[];
  /** Settings with which the ENV is not needed at all (Yarn's `nodeLinker: node-modules` copies packages out of the cache). */
  needlessWith?: { setting: ToolSetting; values: string[] }[];
}

/** A range of major versions of a tool, bounds included (Yarn 1: `{ max: 1 }`; Yarn 2 and later: `{ min: 2 }`). */
export interface Majors {
  min?: number;
  max?: number;
}

/**
 * A setting of a tool, read as the tool reads it: its environment variable (the command's own
 * prefix, the RUN's assignments, the stage ENV) first, then the project's config file nearest
 * the command's folder among those the build copies there or above it, then a config file the
 * build puts at one of the user's own locations.
 */
export interface ToolSetting {
  env: string;
  projectFile?: {
    names: string[];
    key: string;
    format: 'ini' | 'yaml' | 'yarnrc';
    /** Options that give the tool another project folder than its working one (`yarn --cwd web`). */
    folderOptions?: string[];
  };
  configFile?: { paths: string[]; key: string; format: 'ini' | 'yaml' | 'yarnrc' };
  /** A value as the tool reads it (`1` and `true` alike): null for one it would not take. */
  parse?: (value: string) => string | null;
}

/**
 * What a version signal says: the major versions it allows, 'unknown' when it chooses a version
 * the tool cannot read (`corepack prepare yarn@$V --activate`), null when it says nothing.
 */
export type MajorsSignal = Majors | 'unknown' | null;

/**
 * How a build tells which major version of a tool runs a command, for a tool whose versions
 * keep their caches in different places (Yarn 1 and Yarn 2+). The signals narrow the versions
 * that may run; where they disagree, or none says anything, the version is not known and every
 * target applies ({@link CacheTarget.majors}).
 */
export interface VersionSignals {
  /**
   * Files the build puts in the command's folder or a folder above it (the project's
   * `package.json`, `yarn.lock`, `.yarnrc.yml`), read as the text of each says. A file that
   * may or may not be there (copied by a pattern to a folder the tool cannot work out) only
   * counts when it disagrees: the version is then not known.
   */
  files: { names: string[]; majors: (text: string) => MajorsSignal }[];
  /**
   * Commands of earlier RUNs of the stage lineage, or earlier in the same RUN, that choose the
   * version: the project's (`project`: `yarn set version 4`, for commands in the folder it
   * runs in or one below) or the image's (`corepack prepare yarn@4 --activate`).
   */
  commands: {
    tools: (string | RegExp)[];
    /** Sub-command paths, as in {@link CommandPattern.subcommands}. */
    subcommands: string[];
    /** What the command's words after the sub-command say (`value` null: only known when the image builds). */
    majors: (words: { value: string | null; raw: string }[]) => MajorsSignal;
    project?: boolean;
  }[];
  /**
   * Sub-commands and flags of the invocation itself that only some versions accept, the others
   * failing on them (Yarn 2+ rejects `yarn install --production`, Yarn 1 has no `yarn dlx`):
   * they decide over the other signals, since only with such a version does the build go on.
   * With `flags`, the invocation needs one of them (and one of `subcommands`, when given).
   */
  invocation: { subcommands?: string[]; flags?: string[]; majors: Majors }[];
  /**
   * Flags that only suggest a version, since the others take them too (Yarn 2+ still takes
   * `--frozen-lockfile`): used only while the other signals leave the version unknown, and
   * only to leave out targets, never to decide what is safe.
   */
  hints?: { subcommands?: string[]; flags: string[]; majors: Majors }[];
  /** Options that give the tool another project folder than its working one (`yarn --cwd web`). */
  folderOptions?: string[];
}

export interface PackageManager {
  id: string;
  /** One line for `--list` and the README. */
  summary: string;
  /** Example commands, for docs. */
  examples: string[];
  commands: CommandPattern[];
  caches: CacheTarget[];
  disablingEnv?: DisablingEnv[];
  /**
   * Flags of a recognised invocation that bypass the cache (`--no-cache-dir`); removed where the
   * mount is added. A removed flag makes room for a {@link RequiredFlag} of the same invocation.
   * `--no-cac[he-dir]`: the tool also takes the flag cut short, down to the part before `[`.
   */
  defeatingFlags?: string[];
  defeatingCommands?: DefeatingCommand[];
  requiredFlags?: RequiredFlag[];
  setup?: StageSetup;
  /** How the build shows which major version of the tool runs (for targets with {@link CacheTarget.majors}). */
  versions?: VersionSignals;
  /**
   * Tools that need this manager's cache at run time, because the cache is where the
   * dependencies live rather than a copy of something installed elsewhere (Go's module cache,
   * Maven's local repository). A stage whose CMD/ENTRYPOINT runs one of them (`go run .`,
   * `mvn spring-boot:run`) gets no mount: every container start would download it all again.
   */
  runtimeTools?: (string | RegExp)[];
  /** Restrict to these OS families (e.g. apt: debian/ubuntu). Absent: any non-Windows stage. */
  os?: OsFamily[];
  /**
   * Options with which an invocation downloads nothing and uses what earlier RUNs put in the
   * cache folder (`dotnet publish --no-restore`, `mvn -o`, `cargo build --offline`): the
   * cache must then stay in the image, so no RUN of the stage lineage gets the mount (a
   * mount BuildKit emptied while it kept the earlier layers would make the build fail).
   */
  offlineFlags?: string[];
  /** Environment values that do the same (`GOPROXY=off`), compared in lower case. */
  offlineEnv?: { name: string; values: string[] }[];
  /**
   * Where the mount goes, an offline flag not preceded in its RUN by a fetching invocation
   * is dropped instead (`dotnet publish --no-restore` restores what the mount lacks).
   */
  dropOfflineFlags?: boolean;
  /**
   * All RUNs of a stage lineage that use this manager must be mounted alike, or none
   * (apt: lists written by `apt-get update` into a mount are not in the image).
   */
  allOrNothing?: boolean;
  /**
   * Commands of this manager that must run earlier in the same RUN before a mounted
   * invocation, on every path the shell can take to it (not only in a branch, or after
   * `||`). apt: `apt-get update` before `apt-get install` when /var/lib/apt/lists is
   * mounted, since lists an earlier step left (in the base image, or in a mount of an
   * earlier RUN that BuildKit may empty while it keeps that RUN's layer) may not be there.
   */
  requiresBefore?: {
    subcommands: string[];
    before: string[];
    /** The prerequisite as the report names it: "apt-get update". */
    name: string;
    /** What the sub-command does without it, after "so it": "reads package lists ...". */
    reason: string;
    /**
     * A script a RUN runs from a file the build copied (`RUN /tmp/install-deps.sh`) whose
     * text matches `uses` runs the manager where no mount can go: none in the lineage then.
     */
    inScripts?: { uses: RegExp };
  };
  /** Manifest and lock files, and how to install dependencies before the code is copied (one entry per kind of install). */
  deps?: DepsSpec[];
}

/**
 * How a manager's dependency install can run before the code is copied (deps-before-code):
 * which files it reads, and the dependency-only step when the install itself cannot move.
 * Paths are relative to the folder the install runs in.
 */
export interface DepsSpec {
  /** Sub-command paths (as in {@link CommandPattern.subcommands}) that install the project's dependencies. */
  installs: string[];
  /** Files the install cannot run without. */
  manifests: string[];
  /** Files it reads when they are there: lock files and configuration. */
  optional?: string[];
  /** Folders it reads when they are there (`patches/`). */
  folders?: string[];
  /** Reads the manifests for more inputs (workspaces, includes, local paths, scripts): a module of src/ecosystems. */
  reader?: ReaderId;
  /** Folders the install writes inside the project: a copy of the context that brings its own undoes the install. */
  outputs?: string[];
  /**
   * The dependency-only step added before the copy when the install itself needs the code; the
   * original install stays after the copy. `args`: the tool with these arguments (`go mod download`);
   * `append`: the original command with these flags added (`poetry install --no-root`).
   * Absent: the install itself moves before the copy.
   */
  warmup?: { args: string[] } | { append: string[] };
  /** Invocations that are dependency-only already (sub-commands or flags): they move instead. */
  depsOnly?: { subcommands?: string[]; flags?: string[] };
  /** Flags after which the install reads the project's source (`pip install -e`): no move. */
  needsSource?: string[];
  /**
   * Sub-commands that take no packages, only options (`npm ci`): a word only the build knows
   * (`npm ci $INSTALL_FLAGS`) can only hold options; `moves` are those that would change
   * where it installs or what it reads (for the report).
   */
  optionsOnly?: { subcommands: string[]; moves: string[] };
}

/** The readers of src/ecosystems, by name. */
export type ReaderId =
  | 'requirements'
  | 'node'
  | 'gomod'
  | 'cargo'
  | 'pyproject'
  | 'pipfile'
  | 'gemfile'
  | 'composer'
  | 'maven'
  | 'gradle'
  | 'dotnet';
