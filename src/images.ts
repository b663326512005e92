/**
 * What well-known base images ship: OS family, environment, users, working directory.
 * Only facts that change where caches live or who runs the build are recorded.
 */

export type OsFamily = 'debian' | 'ubuntu' | 'alpine' | 'rhel' | 'suse' | 'arch' | 'windows' | 'unknown';

export interface PasswdEntry {
  name: string;
  uid: number | null;
  gid: number | null;
  home: string | null;
  /** Why uid/gid/home are not known, when one is null. */
  why?: string;
}

export interface ImageFacts {
  /** Normalised repository, e.g. `node`, `mambaorg/micromamba`. */
  repo: string;
  known: boolean;
  os: OsFamily;
  env: Record<string, string>;
  users: PasswdEntry[];
  /** The image's own USER, when not root. */
  user?: string;
  workdir: string | null;
  /** Well-known install locations that no ENV names, e.g. `conda-root` for conda's prefix. */
  paths: Record<string, string>;
}

interface ImageRule {
  repos: string[];
  os: OsFamily;
  env?: Record<string, string>;
  users?: PasswdEntry[];
  user?: string;
  workdir?: string;
  paths?: Record<string, string>;
}

/**
 * Accounts every image of a distribution has (Debian's base-passwd, Alpine's and the RHEL
 * family's setup packages) that Dockerfiles switch to: `USER www-data`, `USER nobody`.
 */
const BASE_USERS: Partial<Record<OsFamily, PasswdEntry[]>> = {
  debian: [
    { name: 'www-data', uid: 33, gid: 33, home: '/var/www' },
    { name: 'nobody', uid: 65534, gid: 65534, home: '/nonexistent' },
  ],
  ubuntu: [
    { name: 'www-data', uid: 33, gid: 33, home: '/var/www' },
    { name: 'nobody', uid: 65534, gid: 65534, home: '/nonexistent' },
  ],
  alpine: [{ name: 'nobody', uid: 65534, gid: 65534, home: '/' }],
  rhel: [{ name: 'nobody', uid: 65534, gid: 65534, home: '/' }],
};

const NODE_USER: PasswdEntry = { name: 'node', uid: 1000, gid: 1000, home: '/home/node' };
/** The dev container images' account (their common-utils feature); their USER stays root. */
const DEVCONTAINER_USER: PasswdEntry = { name: 'vscode', uid: 1000, gid: 1000, home: '/home/vscode' };

const RULES: ImageRule[] = [
  {
    repos: [
      'debian',
      'buildpack-deps',
      'bitnami/minideb',
      'nginx',
      'httpd',
      'postgres',
      'redis',
      'perl',
      'haskell',
      'elixir',
      'erlang',
      'julia',
      'dart',
      'denoland/deno',
      // built on buildpack-deps
      'gcc',
    ],
    os: 'debian',
  },
  { repos: ['ubuntu', 'swift', 'mariadb'], os: 'ubuntu' },
  {
    // built on ubuntu:<version> (the tag names it: `12.4.1-devel-ubuntu22.04`), or on UBI or
    // Rocky Linux for those tags; no USER, no WORKDIR, no pip (installed by apt when needed)
    repos: ['nvidia/cuda', 'nvcr.io/nvidia/cuda'],
    os: 'ubuntu',
  },
  {
    // Ubuntu with conda (Miniforge) in /opt/conda, named by PATH only; pip is conda's
    repos: ['pytorch/pytorch'],
    os: 'ubuntu',
    workdir: '/workspace',
    paths: { 'conda-root': '/opt/conda' },
  },
  { repos: ['alpine', 'docker', 'docker/compose'], os: 'alpine' },
  { repos: ['node'], os: 'debian', users: [NODE_USER] },
  { repos: ['python', 'pypy'], os: 'debian' },
  { repos: ['golang'], os: 'debian', env: { GOPATH: '/go', GOTOOLCHAIN: 'local' }, workdir: '/go' },
  {
    // cargo-chef's images are the official rust images with cargo-chef installed
    repos: ['rust', 'lukemathwalker/cargo-chef'],
    os: 'debian',
    env: { CARGO_HOME: '/usr/local/cargo', RUSTUP_HOME: '/usr/local/rustup' },
  },
  {
    repos: ['ruby'],
    os: 'debian',
    env: {
      GEM_HOME: '/usr/local/bundle',
      BUNDLE_SILENCE_ROOT_WARNING: '1',
      BUNDLE_APP_CONFIG: '/usr/local/bundle',
    },
  },
  { repos: ['php', 'wordpress'], os: 'debian' },
  {
    repos: ['composer', 'composer/composer'],
    os: 'alpine',
    env: { COMPOSER_HOME: '/tmp', COMPOSER_ALLOW_SUPERUSER: '1' },
    workdir: '/app',
  },
  { repos: ['maven'], os: 'ubuntu', env: { MAVEN_HOME: '/usr/share/maven', MAVEN_CONFIG: '/root/.m2' } },
  {
    // /root/.gradle is a symlink to /home/gradle/.gradle (a VOLUME); USER stays root
    repos: ['gradle'],
    os: 'ubuntu',
    env: { GRADLE_HOME: '/opt/gradle' },
    users: [{ name: 'gradle', uid: 1000, gid: 1000, home: '/home/gradle' }],
    workdir: '/home/gradle',
  },
  { repos: ['eclipse-temurin', 'ibm-semeru-runtimes', 'sapmachine'], os: 'ubuntu' },
  { repos: ['openjdk'], os: 'debian' },
  {
    repos: [
      'amazoncorretto',
      'amazonlinux',
      'fedora',
      'centos',
      'rockylinux',
      'almalinux',
      'oraclelinux',
      'mysql',
      'redhat/ubi8',
      'redhat/ubi9',
      'redhat/ubi10',
      'ubi8',
      'ubi9',
      'ubi10',
      'quay.io/centos/centos',
    ],
    os: 'rhel',
  },
  {
    repos: ['opensuse/leap', 'opensuse/tumbleweed', 'registry.suse.com/bci/bci-base', 'suse/sle15'],
    os: 'suse',
  },
  { repos: ['archlinux', 'archlinux/archlinux'], os: 'arch' },
  {
    repos: [
      'mcr.microsoft.com/dotnet/sdk',
      'mcr.microsoft.com/dotnet/aspnet',
      'mcr.microsoft.com/dotnet/runtime',
      'mcr.microsoft.com/dotnet/runtime-deps',
    ],
    os: 'debian',
    env: { NUGET_XMLDOC_MODE: 'skip' },
    users: [{ name: 'app', uid: 1654, gid: 1654, home: '/home/app' }],
  },
  {
    // conda in /opt/conda, named by PATH only (no CONDA_DIR)
    repos: ['continuumio/miniconda3', 'continuumio/anaconda3'],
    os: 'debian',
    paths: { 'conda-root': '/opt/conda' },
  },
  {
    repos: ['condaforge/miniforge3', 'condaforge/mambaforge'],
    os: 'ubuntu',
    env: { CONDA_DIR: '/opt/conda' },
    paths: { 'conda-root': '/opt/conda' },
  },
  {
    repos: [
      'jupyter/base-notebook',
      'jupyter/minimal-notebook',
      'jupyter/scipy-notebook',
      'jupyter/datascience-notebook',
      'quay.io/jupyter/base-notebook',
      'quay.io/jupyter/minimal-notebook',
      'quay.io/jupyter/scipy-notebook',
      'quay.io/jupyter/datascience-notebook',
    ],
    os: 'ubuntu',
    env: { CONDA_DIR: '/opt/conda', NB_USER: 'jovyan', NB_UID: '1000', NB_GID: '100', HOME: '/home/jovyan' },
    users: [{ name: 'jovyan', uid: 1000, gid: 100, home: '/home/jovyan' }],
    user: 'jovyan',
    workdir: '/home/jovyan',
    paths: { 'conda-root': '/opt/conda' },
  },
  {
    repos: ['mambaorg/micromamba'],
    os: 'debian',
    env: {
      MAMBA_ROOT_PREFIX: '/opt/conda',
      MAMBA_USER: 'mambauser',
      MAMBA_USER_ID: '57439',
      MAMBA_USER_GID: '57439',
      MAMBA_EXE: '/bin/micromamba',
    },
    users: [{ name: 'mambauser', uid: 57439, gid: 57439, home: '/home/mambauser' }],
    user: 'mambauser',
    paths: { 'conda-root': '/opt/conda' },
  },
  {
    repos: ['oven/bun'],
    os: 'debian',
    env: { BUN_RUNTIME_TRANSPILER_CACHE_PATH: '0', BUN_INSTALL_BIN: '/usr/local/bin' },
    users: [{ name: 'bun', uid: 1000, gid: 1000, home: '/home/bun' }],
    workdir: '/home/bun/app',
  },
  { repos: ['ghcr.io/astral-sh/uv'], os: 'debian' },
  {
    repos: [
      'mcr.microsoft.com/devcontainers/base',
      'mcr.microsoft.com/devcontainers/python',
      'mcr.microsoft.com/devcontainers/javascript-node',
      'mcr.microsoft.com/devcontainers/typescript-node',
      'mcr.microsoft.com/devcontainers/rust',
    ],
    os: 'debian',
    users: [DEVCONTAINER_USER],
  },
  {
    // built on the official golang image (GOPATH=/go, WORKDIR /go), and its Go feature sets
    // GOPATH=/go again; vscode is only the editor's user (remoteUser), USER stays root
    repos: ['mcr.microsoft.com/devcontainers/go'],
    os: 'debian',
    env: { GOPATH: '/go' },
    users: [DEVCONTAINER_USER],
    workdir: '/go',
  },
];

const BY_REPO = new Map<string, ImageRule>();
for (const r of RULES) for (const repo of r.repos) BY_REPO.set(repo, r);

export interface ImageRef {
  repo: string;
  tag: string | null;
}

/** Splits `registry/ns/name:tag@digest` and drops Docker Hub's default prefixes and known mirrors. */
export function parseImageRef(ref: string): ImageRef {
  let s = ref.trim();
  const at = s.indexOf('@');
  if (at >= 0) s = s.slice(0, at);
  let tag: string | null = null;
  const colon = s.lastIndexOf(':');
  if (colon > s.lastIndexOf('/')) {
    tag = s.slice(colon + 1);
    s = s.slice(0, colon);
  }
  s = s.toLowerCase();
  s = s.replace(
    /^(docker\.io|index\.docker\.io|registry-1\.docker\.io|registry\.hub\.docker\.com|registry\.docker\.com)\//,
    '',
  );
  s = s.replace(/^(public\.ecr\.aws\/docker\/library|mirror\.gcr\.io\/library|mirror\.gcr\.io)\//, '');
  s = s.replace(/^library\//, '');
  return { repo: s, tag };
}

function osFromTag(tag: string | null): OsFamily | null {
  if (!tag) return null;
  const t = tag.toLowerCase();
  if (/windowsservercore|nanoserver|ltsc20\d\d|\bwindows\b/.test(t)) return 'windows';
  if (/alpine/.test(t)) return 'alpine';
  if (/ubi\d|ubi-|amazoncorretto|oraclelinux|centos|rocky|alma|fedora|azurelinux|cbl-mariner/.test(t))
    return 'rhel';
  if (/focal|jammy|noble|bionic|xenial|oracular|plucky|questing|resolute/.test(t)) return 'ubuntu';
  if (/bookworm|bullseye|buster|stretch|trixie|forky|slim|sid/.test(t)) return 'debian';
  return null;
}

export function isWindowsImage(ref: string): boolean {
  const r = ref.toLowerCase();
  return /mcr\.microsoft\.com\/windows|microsoft\/(windowsservercore|nanoserver)|windowsservercore|nanoserver|:ltsc20\d\d|-ltsc20\d\d|powershell:.*(windows|nanoserver)/.test(
    r,
  );
}

export function imageFacts(ref: string): ImageFacts {
  const { repo, tag } = parseImageRef(ref);
  if (isWindowsImage(ref))
    return { repo, known: true, os: 'windows', env: {}, users: [], workdir: null, paths: {} };
  const rule = BY_REPO.get(repo);
  const tagOs = osFromTag(tag);
  if (!rule) {
    return { repo, known: false, os: tagOs ?? 'unknown', env: {}, users: [], workdir: null, paths: {} };
  }
  const os = tagOs ?? rule.os;
  // the distribution's own accounts first, the image's after (an image may redefine one)
  const users = [...(BASE_USERS[os] ?? []), ...(rule.users ?? [])];
  // php's Alpine images create www-data with Alpine's uid 82
  if (os === 'alpine' && (repo === 'php' || repo === 'wordpress'))
    users.push({ name: 'www-data', uid: 82, gid: 82, home: '/home/www-data' });
  // Ubuntu 23.04 and later ship a user "ubuntu" with uid 1000
  if (
    repo === 'ubuntu' &&
    tag &&
    /^(2[3-9]|[3-9]\d)\.|noble|oracular|plucky|questing|resolute|latest|rolling|devel/.test(tag)
  ) {
    users.push({ name: 'ubuntu', uid: 1000, gid: 1000, home: '/home/ubuntu' });
  }
  return {
    repo,
    known: true,
    os,
    env: { ...(rule.env ?? {}) },
    users,
    user: rule.user,
    workdir: rule.workdir ?? '/',
    paths: { ...(rule.paths ?? {}) },
  };
}
