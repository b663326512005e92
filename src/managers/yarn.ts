import { configValue } from '../copied';
import type { Majors, MajorsSignal, PackageManager, ToolSetting } from './types';

/**
 * Yarn, classic (v1) and Berry (v2+), which keep their caches in different folders. v1 keeps its
 * cache in `~/.cache/yarn` (for root: /usr/local/share/.cache/yarn); Yarn v1 is not safe to run
 * twice at once on one cache, hence `sharing=locked`. Berry keeps a global cache in
 * `~/.yarn/berry/cache` (where packages stay from Yarn 4 on, and the mirror it fetches through
 * before that); a project's own `.yarn/cache` is never mounted, since with zero-installs it is
 * part of the sources. Which of them runs a command is read from what the build shows (see
 * `versions`); where nothing does, both caches are mounted and each version fills its own.
 */
const V1: Majors = { max: 1 };
const YARN = ['yarn', 'yarnpkg'];
const BERRY: Majors = { min: 2 };

/** Flags of `yarn install`/`add` that Yarn 2+ rejects (an error, or an option it does not know): only Yarn 1 gets past them. */
const BERRY_REJECTS = [
  '--pure-lockfile',
  '--production',
  '--prefer-offline',
  '--no-lockfile',
  '--ignore-engines',
  '--non-interactive',
  '--no-progress',
  '--check-files',
  '--flat',
  '--har',
  '--ignore-scripts',
  '--ignore-optional',
  '--modules-folder',
  '--cache-folder',
];

/** Yarn 1 flags that Yarn 2+ still takes (with a warning, or silently): Yarn 1 is only likely. */
const V1_LIKELY = ['--frozen-lockfile', '--network-timeout', '--silent'];

/**
 * The versions a Yarn version spec names: `4.1.0`, `^3`, `yarn@4.1.0+sha512.…` (corepack),
 * `classic`, `stable`, `berry`, a release file (`.yarn/releases/yarn-4.1.0.cjs`). 'unknown' for
 * a spec the tool cannot read (`${YARN_VERSION}`).
 */
function specMajors(spec: string | null): MajorsSignal {
  if (spec === null) return 'unknown';
  const v = spec.replace(/^yarn@/, '').split('+')[0];
  if (v === 'classic') return V1;
  if (['berry', 'stable', 'latest', 'canary', 'rc', 'from'].includes(v)) return BERRY;
  const n = /^[\^~=v]*(\d+)(\.|$)/.exec(v) ?? /(?:^|\/)yarn-(\d+)\.[^/]*\.c?js$/.exec(v);
  if (n) return +n[1] <= 1 ? V1 : { min: +n[1], max: +n[1] };
  if (/(?:^|\/)yarn-(berry|sources|canary|rc)\.c?js$/.test(v)) return BERRY;
  return 'unknown';
}

/** The Yarn spec among a command's operands (`yarn@4`, `@yarnpkg/cli-dist@4`; `yarn` alone: any); null when none names Yarn. */
function yarnOperand(words: { value: string | null; raw: string }[]): MajorsSignal {
  for (const w of words) {
    const text = w.value ?? w.raw.replace(/^["']/, '');
    if (text.startsWith('-')) continue;
    const m = /^(yarn|@yarnpkg\/cli-dist)(@|$)/.exec(text);
    if (w.value === null) {
      // a variable may name Yarn, or its version
      if (m || text.startsWith('$')) return 'unknown';
      continue;
    }
    if (!m) continue;
    const version = text.slice(m[0].length);
    if (m[1] === 'yarn') return version ? specMajors(version) : null;
    // npm's @yarnpkg/cli-dist is Berry
    return version ? specMajors(version) : BERRY;
  }
  return null;
}

/** What `"packageManager": "yarn@4.1.0"` in a package.json says. */
function packageManager(text: string): MajorsSignal {
  let field: unknown;
  try {
    field = (JSON.parse(text) as { packageManager?: unknown } | null)?.packageManager;
  } catch {
    field = /"packageManager"\s*:\s*"([^"]*)"/.exec(text)?.[1];
  }
  return typeof field === 'string' && field.startsWith('yarn@') ? specMajors(field) : null;
}

/** A boolean setting as Yarn 2+ reads it. */
const yarnBoolean = (v: string) =>
  ['true', '1'].includes(v) ? 'true' : ['false', '0'].includes(v) ? 'false' : null;

/** A Berry setting: `YARN_<NAME>`, the `.yarnrc.yml` files from the command's folder up, then `~/.yarnrc.yml`. */
const berrySetting = (env: string, key: string, parse?: (v: string) => string | null): ToolSetting => ({
  env,
  projectFile: { names: ['.yarnrc.yml'], key, format: 'yaml', folderOptions: ['--cwd'] },
  configFile: { paths: ['~/.yarnrc.yml'], key, format: 'yaml' },
  parse,
});

export const yarn: PackageManager = {
  id: 'yarn',
  summary:
    'yarn v1 and Berry: the v1 cache (locked) and the Berry global cache (never .yarn/cache), each where the build shows that version may run',
  examples: ['yarn install --frozen-lockfile', 'yarn install --immutable'],
  commands: [
    {
      tools: ['yarn', 'yarnpkg'],
      subcommands: ['', 'install', 'add', 'upgrade', 'up', 'global add', 'dlx', 'workspaces focus', 'import'],
      optionsWithValue: [
        '--cache-folder',
        '--modules-folder',
        '--cwd',
        '--mutex',
        '--network-timeout',
        '--registry',
        '--global-folder',
        '--link-folder',
        '--use-yarnrc',
      ],
    },
  ],
  offlineFlags: ['--offline'],
  caches: [
    {
      name: 'yarn',
      majors: V1,
      sources: [
        { option: '--cache-folder' },
        {
          env: 'YARN_CACHE_FOLDER',
          sharedWith: {
            majors: BERRY,
            why: "Yarn 2 and later keep the packages Plug'n'Play loads at run time in that folder (while their global cache is off), and nothing in the build shows that Yarn 1 runs the command",
          },
        },
        {
          projectFile: {
            names: ['.yarnrc'],
            key: 'cache-folder',
            format: 'yarnrc',
            folderOptions: ['--cwd'],
          },
        },
        { configFile: { paths: ['~/.yarnrc'], key: 'cache-folder', format: 'yarnrc' } },
        {
          setting: {
            tools: ['yarn'],
            commands: ['config set'],
            key: 'cache-folder',
            globalFlags: ['-g', '--global'],
          },
        },
        { env: 'XDG_CACHE_HOME', suffix: '/yarn' },
        { home: '.cache/yarn', rootHome: '/usr/local/share' },
      ],
      sharing: 'locked',
    },
    {
      name: 'yarn-berry',
      majors: BERRY,
      sources: [
        { env: 'YARN_GLOBAL_FOLDER', suffix: '/cache' },
        {
          projectFile: {
            names: ['.yarnrc.yml'],
            key: 'globalFolder',
            format: 'yaml',
            folderOptions: ['--cwd'],
          },
          suffix: '/cache',
        },
        { configFile: { paths: ['~/.yarnrc.yml'], key: 'globalFolder', format: 'yaml' }, suffix: '/cache' },
        { env: 'XDG_DATA_HOME', suffix: '/yarn/berry/cache' },
        { home: '.yarn/berry/cache' },
      ],
    },
  ],
  versions: {
    files: [
      { names: ['package.json'], majors: packageManager },
      {
        names: ['yarn.lock'],
        majors: (text) =>
          /^# yarn lockfile v1\s*$/m.test(text) ? V1 : /^__metadata:/m.test(text) ? BERRY : null,
      },
      // Yarn 1.22 and Berry both run the release yarnPath names; without one, it is Berry's file
      {
        names: ['.yarnrc.yml'],
        majors: (text) => {
          const path = configValue(text, 'yarnPath', 'yaml');
          return path === undefined ? BERRY : specMajors(path);
        },
      },
      {
        names: ['.yarnrc'],
        majors: (text) => {
          const path = configValue(text, 'yarn-path', 'yarnrc');
          return path === undefined ? V1 : specMajors(path);
        },
      },
    ],
    commands: [
      {
        tools: ['yarn', 'yarnpkg'],
        subcommands: ['set version', 'policies set-version'],
        project: true,
        majors: (words) => {
          const spec = words.find((w) => !(w.value ?? '').startsWith('-'));
          return spec ? specMajors(spec.value) : null;
        },
      },
      { tools: ['corepack'], subcommands: ['use'], project: true, majors: yarnOperand },
      {
        tools: ['corepack'],
        subcommands: ['prepare'],
        majors: (words) => (words.some((w) => w.value === '--activate') ? yarnOperand(words) : null),
      },
      {
        tools: ['corepack', 'npm'],
        subcommands: ['install', 'i', 'add'],
        majors: (words) =>
          words.some((w) => ['-g', '--global', '--location=global'].includes(w.value ?? ''))
            ? yarnOperand(words)
            : null,
      },
    ],
    invocation: [
      { subcommands: ['', 'install', 'add'], flags: BERRY_REJECTS, majors: V1 },
      // Yarn 2+ has no such commands, and Yarn 1 none of the others
      { subcommands: ['global add', 'import', 'upgrade'], majors: V1 },
      { subcommands: ['dlx', 'workspaces focus', 'up'], majors: BERRY },
    ],
    hints: [{ subcommands: ['', 'install', 'add'], flags: V1_LIKELY, majors: V1 }],
    folderOptions: ['--cwd'],
  },
  // Yarn 4 keeps packages only in its global cache by default, and Plug'n'Play loads them from
  // there at run time: a mounted global cache would leave the image without them
  // (yarnpkg/berry#6499). With the global cache off, packages go to the project's .yarn/cache
  // in the image, and the global folder (the mount) still serves as Yarn's download mirror.
  setup: {
    env: { YARN_ENABLE_GLOBAL_CACHE: 'false' },
    forTarget: 'yarn-berry',
    why: "Yarn 4's Plug'n'Play loads packages from its global cache at run time; this keeps them in the image and uses the mount as Yarn's download mirror",
    setting: berrySetting('YARN_ENABLE_GLOBAL_CACHE', 'enableGlobalCache', yarnBoolean),
    conflict:
      "Yarn keeps the packages Plug'n'Play loads at run time in its global cache, and a mount there would leave them out of the image",
    // enableGlobalCache is on by default from Yarn 4.0 (off in Yarn 2 and 3)
    defaults: [
      { majors: { min: 2, max: 3 }, value: 'false' },
      { majors: { min: 4 }, value: 'true' },
    ],
    // the node-modules and pnpm linkers copy packages out of the cache into node_modules
    needlessWith: [
      { setting: berrySetting('YARN_NODE_LINKER', 'nodeLinker'), values: ['node-modules', 'pnpm'] },
    ],
  },
  defeatingCommands: [
    // Yarn 1 empties its cache (or the named packages' part of it), whatever the flags
    { tools: YARN, subcommand: 'cache clean', target: 'yarn' },
    // Yarn 2+ (`cache clear` too, from Yarn 4) empties its cache folder: the global cache while
    // that is on, the project's own while it is off; with --mirror the global cache instead,
    // with --all as well (yarnpkg/berry: plugin-essentials/sources/commands/cache/clean.ts)
    ...['cache clean', 'cache clear'].flatMap((subcommand) => [
      { tools: YARN, subcommand, target: 'yarn-berry', setting: 'true', withoutFlags: ['--mirror'] },
      {
        tools: YARN,
        subcommand,
        target: 'yarn-berry',
        setting: 'false',
        withoutFlags: ['--mirror'],
        inImage: "the project's cache folder in the image (Yarn 2 and later, while the global cache is off)",
      },
      { tools: YARN, subcommand, target: 'yarn-berry', withFlags: ['--mirror', '--all'] },
    ]),
  ],
  deps: [
    {
      installs: ['install', '', 'add', 'workspaces focus'],
      manifests: ['package.json'],
      optional: ['yarn.lock', '.yarnrc', '.yarnrc.yml', '.npmrc'],
      folders: ['.yarn/releases', '.yarn/plugins', '.yarn/patches', '.yarn/cache', 'patches'],
      reader: 'node',
      outputs: ['node_modules'],
      // Yarn 1 and 2+ both refuse packages on `yarn install` (that is `yarn add`)
      optionsOnly: { subcommands: ['install'], moves: ['--cwd', '--modules-folder', '--use-yarnrc'] },
    },
  ],
};
