/**
 * npm, yarn, pnpm and bun: package.json and the lock and configuration files (from the
 * manager's table), every workspace member's package.json, local `file:`/`link:` packages,
 * patches, Yarn's `yarnPath`, and the lifecycle scripts the install runs — which must not
 * need files that are not copied before it.
 */
import { parse as parseYaml } from 'yaml';
import { normalizeCommand } from '../commands';
import { identitySegment, parseShell, type ShellWord } from '../shell';
import { within } from './files';
import { localInput, readArgs, readJson, specFiles, tlsFile, type ReaderArgs } from './reader';

const WITH_VALUE = [
  '--prefix',
  '-C',
  '--cwd',
  '--dir',
  '-w',
  '--workspace',
  '--filter',
  '-F',
  '--loglevel',
  '--registry',
  '--cache',
  '--userconfig',
  '--mutex',
  '--network-timeout',
  '--modules-folder',
  '--cafile',
];

/** Scripts an install runs for the project itself. */
export const LIFECYCLE = [
  'preinstall',
  'install',
  'postinstall',
  'prepublish',
  'preprepare',
  'prepare',
  'postprepare',
  'dependencies',
];

/** Commands a lifecycle script may run without reading the project. */
const HARMLESS = new Set(['echo', 'true', 'exit', 'printf', ':', 'is-ci']);

export function node(r: ReaderArgs): void {
  const { flags, options, positionals, unknown } = readArgs(r, WITH_VALUE);
  const p = r.project;
  // global installs (`npm i -g x`, `yarn global add x`) do not read the project
  if (flags.has('-g') || flags.has('--global') || r.inv.subcommand.startsWith('global')) return;
  const prefix = ['--prefix', '--cwd', '--dir', '-C'].flatMap((o) => options.get(o) ?? []);
  if (prefix.some((v) => v === null)) {
    r.inputs.refuse('its project folder is only known when the image builds');
    return;
  }
  const dir = prefix.length ? p.resolve(prefix[prefix.length - 1]!) : p.cwd;
  if (!specFiles(r, dir)) return;
  const root = readJson(r, `${dir}/package.json`);
  if (!root) return;
  const npmrc = p.read(`${dir}/.npmrc`) ?? '';
  const scriptsOff = flags.has('--ignore-scripts') || /^\s*ignore-scripts\s*=\s*true\s*$/m.test(npmrc);
  /** A local package folder (`file:../lib`): copied, and its own lifecycle scripts run as the project's do. */
  const local = (target: string, what: string) => {
    localInput(r, target, what);
    const pkg =
      !scriptsOff && p.available(`${target}/package.json`) ? readJson(r, `${target}/package.json`) : null;
    if (pkg) scripts(r, target, pkg, p.display(`${target}/package.json`));
  };
  if (unknown.length) {
    const w = unknown[0];
    const why = r.unknownWhy(w.raw);
    const known = `\`${w.raw}\` is only known when the image builds${why ? ` (${why})` : ''}`;
    const only = r.spec.optionsOnly;
    // `npm ci` names no packages: such a word can only hold options, some of which move the install
    if (only?.subcommands.includes(r.inv.subcommand))
      r.inputs.refuse(
        `${known}: \`${r.inv.n.tool} ${r.inv.subcommand}\` takes no packages, but options there may change the folder it installs in or the files it reads (${only.moves.join(', ')})`,
      );
    else
      r.inputs.refuse(
        `${known}, and it may name a package to install (a local folder, which the copy must bring first)`,
      );
  }
  for (const v of positionals) {
    if (v !== null && /^(\.{1,2}\/|\/|file:)/.test(v)) local(p.resolve(v.replace(/^file:/, ''), dir), v);
  }
  if (r.inv.manager.id === 'pnpm') pnpmfile(r, dir, npmrc);
  for (const v of options.get('--cafile') ?? []) tlsFile(r, v, `--cafile ${v ?? ''}`.trim());
  caFiles(r, dir, npmrc);
  const packages = [dir, ...members(r, dir, root)];
  const yarnrc = p.read(`${dir}/.yarnrc.yml`);
  const yarnPath = yarnrc && /^yarnPath:\s*["']?([^"'\s]+)/m.exec(yarnrc);
  if (yarnPath) r.inputs.require(p.resolve(yarnPath[1], dir), '.yarnrc.yml yarnPath');
  // Yarn 1's offline mirror: `yarn install --offline` installs from it, and any install fills it
  const mirror = /^\s*yarn-offline-mirror\s+["']?([^"'\s]+)/m.exec(p.read(`${dir}/.yarnrc`) ?? '');
  if (mirror) {
    if (mirror[1].includes('$'))
      r.inputs.refuse('.yarnrc yarn-offline-mirror is only known when the image builds');
    else if (within(p.resolve(mirror[1], dir), p.copy.dest))
      r.inputs.require(p.resolve(mirror[1], dir), '.yarnrc yarn-offline-mirror');
  }
  for (const pkgDir of packages) {
    const pkg = pkgDir === dir ? root : readJson(r, `${pkgDir}/package.json`);
    if (!pkg) return;
    const name = p.display(`${pkgDir}/package.json`);
    for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) {
      const deps = pkg[field];
      if (!deps || typeof deps !== 'object') continue;
      for (const [dep, spec] of Object.entries(deps as Record<string, unknown>)) {
        const m = typeof spec === 'string' ? /^(file|link|portal):(.+)$/.exec(spec) : null;
        const target = m && p.resolve(m[2], pkgDir);
        if (target && !packages.includes(target)) local(target, `${name}: ${dep} ${spec}`);
      }
    }
    const patched = (pkg.pnpm as { patchedDependencies?: Record<string, string> } | undefined)
      ?.patchedDependencies;
    for (const file of Object.values(patched ?? {}))
      r.inputs.require(p.resolve(file, pkgDir), `${name}: pnpm.patchedDependencies`);
    if (!scriptsOff) scripts(r, pkgDir, pkg, name);
    if (pkgDir !== dir) {
      for (const o of r.spec.outputs ?? []) r.inputs.output(p.resolve(o, pkgDir));
      bins(r, pkgDir, pkg, name);
    }
    if (!scriptsOff) dependencyConfigs(r, pkgDir, pkg);
  }
}

/**
 * A workspace member's `bin` files: the install links them into node_modules/.bin (and
 * makes them executable) only when they are there, so those in the context come first with
 * the manifests; one that is not executable in the context stops the move (the code copy
 * after the install would take its mode back).
 */
function bins(r: ReaderArgs, pkgDir: string, pkg: Record<string, unknown>, name: string): void {
  const p = r.project;
  const bin = pkg.bin;
  const files = typeof bin === 'string' ? [bin] : bin && typeof bin === 'object' ? Object.values(bin) : [];
  for (const f of files) {
    if (typeof f !== 'string') continue;
    const image = p.resolve(f, pkgDir);
    // one that is not there (built later from the code) is not linked by the original either
    if (!r.inputs.optional(image)) continue;
    const src = p.source(image);
    // the install makes it executable, and the copy of the code would put it back as it is
    if (src !== null && p.ctx.executable?.(src) !== true)
      r.inputs.refuse(
        `${name}: bin ${f} is not executable in the build context: the install makes it so, and the copy of the code after it would undo that`,
      );
  }
  const dirs = (pkg.directories as { bin?: unknown } | undefined)?.bin;
  if (typeof dirs === 'string') r.inputs.refuse(`${name}: directories.bin is not read by the tool`);
}

/**
 * Project files that the install scripts of well-known dependencies read: Puppeteer's
 * configuration (where and whether it downloads a browser), Prisma's schema (the client
 * `@prisma/client` generates on install). Copied first when they are there.
 */
const DEPENDENCY_CONFIGS: { deps: string[]; files: string[] }[] = [
  {
    deps: ['puppeteer'],
    files: [
      '.puppeteerrc',
      '.puppeteerrc.json',
      '.puppeteerrc.yaml',
      '.puppeteerrc.yml',
      '.puppeteerrc.js',
      '.puppeteerrc.cjs',
      '.puppeteerrc.mjs',
      'puppeteer.config.js',
      'puppeteer.config.cjs',
      'puppeteer.config.mjs',
      'puppeteer.config.json',
    ],
  },
  { deps: ['prisma', '@prisma/client'], files: ['prisma', 'schema.prisma'] },
];

function dependencyConfigs(r: ReaderArgs, pkgDir: string, pkg: Record<string, unknown>): void {
  const p = r.project;
  const has = (dep: string) =>
    ['dependencies', 'devDependencies', 'optionalDependencies'].some(
      (f) => !!pkg[f] && typeof pkg[f] === 'object' && dep in (pkg[f] as object),
    );
  for (const c of DEPENDENCY_CONFIGS) {
    if (!c.deps.some(has)) continue;
    for (const f of c.files) r.inputs.optional(p.resolve(f, pkgDir));
  }
  // `"prisma": { "schema": "db/schema.prisma" }`: the schema (and what sits by it) elsewhere
  const schema = (pkg.prisma as { schema?: unknown } | undefined)?.schema;
  if (typeof schema === 'string' && (has('prisma') || has('@prisma/client'))) {
    const at = p.resolve(schema, pkgDir);
    r.inputs.require(
      p.isDirectory(at) ? at : at.slice(0, at.lastIndexOf('/')) || at,
      `prisma.schema ${schema}`,
    );
  }
}

/**
 * pnpm runs `.pnpmfile.cjs` (or the file .npmrc's `pnpmfile` names) on every install: a
 * program, whose own `require('./x')` of other project files the tool does not follow.
 */
function pnpmfile(r: ReaderArgs, dir: string, npmrc: string): void {
  const p = r.project;
  const setting = /^\s*pnpmfile\s*=\s*(\S+)\s*$/m.exec(npmrc);
  if (setting) {
    r.inputs.refuse(`.npmrc names its own pnpmfile (${setting[1]}), which the tool does not read`);
    return;
  }
  const text = p.read(`${dir}/.pnpmfile.cjs`);
  const local =
    text &&
    /\b(?:require|import)\s*\(\s*(['"`])(\.{1,2}\/[^'"`]*)\1|\bfrom\s+(['"])(\.{1,2}\/[^'"]*)\3/.exec(text);
  if (local)
    r.inputs.refuse(
      `.pnpmfile.cjs loads ${local[2] ?? local[4]}, and what that reads is not known to the tool`,
    );
}

/**
 * The TLS files the project's own config files name, relative to its folder: .npmrc's
 * `cafile` (npm, pnpm, Yarn 1), .yarnrc's `cafile` (Yarn 1), .yarnrc.yml's `caFilePath`,
 * `httpsCaFilePath`, `httpsCertFilePath` and `httpsKeyFilePath` (Yarn 2+, also per
 * registry or scope).
 */
function caFiles(r: ReaderArgs, dir: string, npmrc: string): void {
  const p = r.project;
  const rc = (text: string, re: RegExp, file: string) => {
    for (const m of text.matchAll(re))
      tlsFile(r, m[1].replace(/^["']|["']$/g, ''), `${file} ${m[0].trim()}`, dir);
  };
  rc(npmrc, /^\s*cafile\s*=\s*(.+?)\s*$/gm, '.npmrc');
  rc(p.read(`${dir}/.yarnrc`) ?? '', /^\s*"?cafile"?\s+(.+?)\s*$/gm, '.yarnrc');
  rc(
    p.read(`${dir}/.yarnrc.yml`) ?? '',
    /^\s*(?:caFilePath|httpsCaFilePath|httpsCertFilePath|httpsKeyFilePath)\s*:\s*(.+?)\s*$/gm,
    '.yarnrc.yml',
  );
}

/** Workspace member folders (with a package.json in the context). */
function members(r: ReaderArgs, dir: string, root: Record<string, unknown>): string[] {
  const p = r.project;
  const ws = root.workspaces as string[] | { packages?: string[] } | undefined;
  let globs: string[] = Array.isArray(ws) ? ws : Array.isArray(ws?.packages) ? ws!.packages! : [];
  const pnpmWs = p.read(`${dir}/pnpm-workspace.yaml`);
  if (pnpmWs !== null) {
    try {
      const doc = parseYaml(pnpmWs) as { packages?: unknown } | null;
      if (Array.isArray(doc?.packages))
        globs = [...globs, ...doc!.packages.filter((x): x is string => typeof x === 'string')];
    } catch {
      r.inputs.refuse('pnpm-workspace.yaml does not parse');
    }
  }
  const excluded = globs.filter((g) => g.startsWith('!')).flatMap((g) => p.globDirs(dir, g.slice(1)));
  const out: string[] = [];
  for (const g of globs.filter((x) => !x.startsWith('!'))) {
    for (const m of p.globDirs(dir, g)) {
      if (m === dir || excluded.includes(m) || out.includes(m)) continue;
      if (p.available(`${m}/package.json`) && r.inputs.require(`${m}/package.json`)) out.push(m);
    }
  }
  return out;
}

/**
 * The folder patch-package applies its patches from (`patches/`, or `--patch-dir <dir>`,
 * relative to the package), to copy with the manifests; false when it is not known.
 */
function patchDir(r: ReaderArgs, pkgDir: string, args: ShellWord[]): boolean {
  let dir: string | null = 'patches';
  args.forEach((w, i) => {
    if (w.value === '--patch-dir') dir = args[i + 1]?.value ?? null;
    else if (w.value === null ? w.raw.startsWith('--patch-dir=') : w.value.startsWith('--patch-dir='))
      dir = w.value === null ? null : w.value.slice('--patch-dir='.length);
  });
  if (dir === null || dir === '' || dir.includes('$')) return false;
  r.inputs.optional(r.project.resolve(dir, pkgDir));
  return true;
}

/** Lifecycle scripts: harmless ones, patch-package (its patches folder is copied), husky without .git; anything else may read the code. */
function scripts(r: ReaderArgs, pkgDir: string, pkg: Record<string, unknown>, name: string): void {
  const p = r.project;
  const all = (pkg.scripts ?? {}) as Record<string, unknown>;
  // a package with a binding.gyp and no install script of its own: the install runs
  // `node-gyp rebuild`, which compiles the package's native source
  if (p.available(`${pkgDir}/binding.gyp`) && all.install === undefined && all.preinstall === undefined)
    r.inputs.refuse(
      `${p.display(`${pkgDir}/binding.gyp`)}: the install builds the package's native addon (node-gyp rebuild) from its source`,
    );
  for (const hook of LIFECYCLE) {
    const script = all[hook];
    if (typeof script !== 'string') continue;
    const parsed = parseShell(identitySegment(script, 0));
    const blocker = parsed.hasErrors
      ? script
      : parsed.commands
          .map((c) => normalizeCommand(c))
          .find((n) => {
            if (!n) return true;
            if (HARMLESS.has(n.tool)) return false;
            if (n.tool === 'patch-package') return !patchDir(r, pkgDir, n.args);
            if (n.tool === 'husky') return p.available(`${pkgDir}/.git`);
            return true;
          });
    if (blocker !== undefined)
      r.inputs.refuse(
        `${name} has a ${hook} script (\`${script}\`) that may read files not copied before the install`,
      );
  }
}
