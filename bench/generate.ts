/**
 * A seeded generator of realistic Dockerfiles for the throughput benchmark: a monorepo of
 * service folders, each with a Dockerfile (sometimes two) shaped like public ones, the
 * manifest and lock files its installs read, and now and then a compose file or a
 * `.dockerignore`. Every package manager the tool knows appears, with the shapes that make
 * parsing hard: multi-stage builds, heredocs, long continuations with comments inside,
 * CRLF, a BOM, lowercase keywords, ARG before FROM, non-root users, files already
 * cachified, and a few that do not parse. Same seed and count, same bytes.
 *
 *   node dist/bench/generate.js <dir> [count=3000] [seed=1]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** mulberry32: small, fast and good enough to pick templates. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  /** `lo`..`hi` distinct items, in their original order. */
  some<T>(xs: readonly T[], lo: number, hi: number): T[] {
    const n = Math.min(xs.length, this.int(lo, hi));
    const idx = xs.map((_, i) => i);
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [idx[i], idx[j]] = [idx[j], idx[i]];
    }
    return idx
      .slice(0, n)
      .sort((a, b) => a - b)
      .map((i) => xs[i]);
  }
  weighted<T>(table: readonly (readonly [T, number])[]): T {
    const total = table.reduce((s, [, w]) => s + w, 0);
    let x = this.next() * total;
    for (const [v, w] of table) if ((x -= w) < 0) return v;
    return table[table.length - 1][0];
  }
}

type Family = 'debian' | 'alpine' | 'rhel' | 'microdnf' | 'suse';

/** How a RUN with several commands is written. */
type RunStyle = 'chain' | 'lines' | 'heredoc';

/** One Dockerfile being written: instructions in order, keyword case chosen once. */
class Doc {
  readonly out: string[] = [];
  /** How many times each filler of {@link pad} was used. */
  readonly used = new Map<number, number>();
  constructor(
    readonly rng: Rng,
    readonly lower: boolean,
    /** Write RUNs with the cache mounts cachify would add (an already-cachified file). */
    readonly cached: boolean,
  ) {}
  kw(k: string): string {
    return this.lower ? k.toLowerCase() : k;
  }
  ins(keyword: string, rest: string): this {
    this.out.push(`${this.kw(keyword)} ${rest}`);
    return this;
  }
  comment(text: string): this {
    this.out.push(`# ${text}`);
    return this;
  }
  blank(): this {
    if (this.out.length && this.out[this.out.length - 1] !== '') this.out.push('');
    return this;
  }
  /** A RUN of `cmds`, `&&`-chained on one line, one per continuation line, or as a heredoc. */
  run(cmds: string[], opts: { style?: RunStyle; mounts?: string[]; comments?: string[] } = {}): this {
    const style = opts.style ?? (cmds.length === 1 ? 'chain' : this.rng.pick(['chain', 'lines', 'lines']));
    const mounts =
      this.cached && opts.mounts?.length ? opts.mounts.map((m) => `--mount=type=cache,${m}`) : [];
    const head = [this.kw('RUN'), ...mounts].join(' ');
    if (style === 'heredoc') {
      const marker = this.rng.pick(['EOF', 'EOT', 'SCRIPT']);
      this.out.push(`${head} <<${marker}`);
      this.out.push(this.rng.pick(['set -eux', 'set -e', 'set -ex']));
      for (const c of cmds) this.out.push(c.replace(/ \\\n\s*/g, ' '));
      this.out.push(marker);
      return this;
    }
    if (style === 'chain' || cmds.length === 1) {
      this.out.push(`${head} ${cmds.join(' && ')}`);
      return this;
    }
    const indent = this.rng.pick(['    ', '    ', '  ', '\t']);
    const lines: string[] = [`${head} ${cmds[0]}`];
    for (let i = 1; i < cmds.length; i++) {
      // a comment line inside the continuation, the way people annotate long RUNs
      if (opts.comments && this.rng.chance(0.35)) lines.push(`${indent}# ${this.rng.pick(opts.comments)}`);
      lines.push(`${indent}${this.rng.chance(0.2) ? '&& ' + cmds[i] : cmds[i]}`);
    }
    // `a && \` or `a \` + `&& b`, as written in the lines above
    const joined = lines.map((l, i) => {
      if (i === lines.length - 1 || l.trimStart().startsWith('#')) return l;
      const next = lines.slice(i + 1).find((x) => !x.trimStart().startsWith('#'))!;
      return next.trimStart().startsWith('&& ') ? `${l} \\` : `${l} && \\`;
    });
    this.out.push(joined.join('\n'));
    return this;
  }
  lineCount(): number {
    return this.out.reduce((n, l) => n + l.split('\n').length, 0);
  }
  text(): string {
    return this.out.join('\n') + '\n';
  }
}

const WORDS = [
  'api',
  'auth',
  'billing',
  'cart',
  'catalog',
  'checkout',
  'search',
  'gateway',
  'notifier',
  'ingest',
  'reports',
  'worker',
  'scheduler',
  'media',
  'profile',
  'orders',
  'payments',
  'inventory',
  'ledger',
  'metrics',
  'exporter',
  'web',
  'admin',
  'docs',
  'chat',
  'feed',
  'crawler',
  'ml',
  'model',
  'etl',
];
const TEAMS = ['platform', 'commerce', 'data', 'growth', 'infra', 'mobile', 'identity', 'core', 'ml', 'ops'];

const APT_PKGS = [
  'ca-certificates',
  'curl',
  'git',
  'gnupg',
  'build-essential',
  'libpq-dev',
  'libssl-dev',
  'libffi-dev',
  'pkg-config',
  'unzip',
  'wget',
  'tzdata',
  'locales',
  'libxml2-dev',
  'libxslt1-dev',
  'zlib1g-dev',
  'libjpeg-dev',
  'libpng-dev',
  'netcat-openbsd',
  'jq',
  'openssh-client',
  'gettext',
  'dumb-init',
  'tini',
  'procps',
  'vim-tiny',
  'less',
  'python3',
  'make',
  'g++',
  'libsqlite3-dev',
  'libmariadb-dev',
  'libcurl4-openssl-dev',
  'fontconfig',
  'ffmpeg',
  'imagemagick',
];
const APK_PKGS = [
  'ca-certificates',
  'curl',
  'git',
  'bash',
  'tzdata',
  'openssl',
  'build-base',
  'musl-dev',
  'gcc',
  'libffi-dev',
  'postgresql-dev',
  'linux-headers',
  'jq',
  'tini',
  'su-exec',
  'openssh-client',
  'make',
  'g++',
  'python3',
  'libc6-compat',
];
const RPM_PKGS = [
  'gcc',
  'gcc-c++',
  'make',
  'git',
  'tar',
  'gzip',
  'which',
  'shadow-utils',
  'openssl-devel',
  'libffi-devel',
  'python3-devel',
  'procps-ng',
  'findutils',
  'unzip',
  'jq',
  'glibc-langpack-en',
];
const PKG_COMMENTS = [
  'build deps',
  'runtime libs',
  'needed by psycopg2',
  'tools for debugging',
  'TLS',
  'native modules',
];

/** The RUN that installs OS packages on a family, in one of the shapes seen in the wild. */
function osInstall(d: Doc, fam: Family, pkgs: string[], opts: { clean?: boolean } = {}): void {
  const r = d.rng;
  const clean = opts.clean ?? r.chance(0.7);
  const long = pkgs.length > 6 || r.chance(0.3);
  const list = (prefix: string) =>
    long ? `${prefix} \\\n${pkgs.map((p) => `        ${p}`).join(' \\\n')}` : `${prefix} ${pkgs.join(' ')}`;
  const style: RunStyle = r.chance(0.12) ? 'heredoc' : long ? 'lines' : r.pick(['chain', 'lines']);
  switch (fam) {
    case 'debian': {
      const apt = r.chance(0.8) ? 'apt-get' : 'apt';
      const cmds = [
        `${apt} update`,
        list(
          `${r.chance(0.3) ? 'DEBIAN_FRONTEND=noninteractive ' : ''}${apt} install -y${r.chance(0.7) ? ' --no-install-recommends' : ''}`,
        ),
      ];
      if (clean)
        cmds.push(r.pick(['rm -rf /var/lib/apt/lists/*', 'apt-get clean && rm -rf /var/lib/apt/lists/*']));
      d.run(cmds, {
        style,
        comments: PKG_COMMENTS,
        mounts: ['target=/var/cache/apt,sharing=locked', 'target=/var/lib/apt/lists,sharing=locked'],
      });
      return;
    }
    case 'alpine':
      if (r.chance(0.25)) {
        d.run(
          [
            list('apk add --no-cache --virtual .build-deps'),
            r.pick(['make install', 'pip install --no-cache-dir uwsgi', 'npm rebuild bcrypt']),
            'apk del .build-deps',
          ],
          { style, mounts: ['target=/etc/apk/cache,sharing=locked'] },
        );
      } else
        d.run([list(r.chance(0.8) ? 'apk add --no-cache' : 'apk add --update')], {
          mounts: ['target=/etc/apk/cache,sharing=locked'],
        });
      return;
    case 'rhel': {
      const tool = r.pick(['dnf', 'dnf', 'yum']);
      const cmds = [list(`${tool} install -y${r.chance(0.3) ? ' --setopt=tsflags=nodocs' : ''}`)];
      if (clean) cmds.push(`${tool} clean all`);
      if (r.chance(0.3)) cmds.push('rm -rf /var/cache/yum');
      d.run(cmds, { style, mounts: ['target=/var/cache/dnf,sharing=locked'] });
      return;
    }
    case 'microdnf':
      d.run([list('microdnf install -y'), 'microdnf clean all'], {
        style,
        mounts: ['target=/var/cache/yum,sharing=locked'],
      });
      return;
    case 'suse':
      d.run([list('zypper --non-interactive install -y'), 'zypper clean --all'], {
        style,
        mounts: ['target=/var/cache/zypp,sharing=locked'],
      });
      return;
  }
}

/** `ARG` + `FROM`, sometimes with the version as an ARG declared before the first FROM. */
function from(d: Doc, image: string, tag: string, stage?: string, arg?: [name: string, value: string]): void {
  const as = stage ? ` ${d.lower ? 'as' : d.rng.pick(['AS', 'AS', 'as'])} ${stage}` : '';
  d.ins('FROM', `${image}:${arg ? tag.replace(arg[1], `\${${arg[0]}}`) : tag}${as}`);
}

/** A non-root user the way each family creates one; returns the name (uid sometimes unknown). */
function addUser(d: Doc, fam: Family, name: string): string {
  const r = d.rng;
  const uid = r.pick([1000, 1001, 10001, 999, 65532]);
  if (fam === 'alpine') {
    d.run([
      r.chance(0.6)
        ? `addgroup -S ${name} && adduser -S ${name} -G ${name}`
        : `addgroup -g ${uid} ${name} && adduser -D -u ${uid} -G ${name} ${name}`,
    ]);
  } else if (fam === 'debian') {
    d.run([
      r.pick([
        `useradd -u ${uid} -m ${name}`,
        `groupadd -g ${uid} ${name} && useradd -u ${uid} -g ${name} -m -s /bin/bash ${name}`,
        `useradd --create-home --shell /bin/bash ${name}`,
        `adduser --disabled-password --gecos '' ${name}`,
        `useradd -r -u ${uid} -g root ${name}`,
      ]),
    ]);
  } else {
    d.run([`useradd -u ${uid} -r -g 0 -d /home/${name} -m ${name}`]);
  }
  return name;
}

const LABEL_KEYS = [
  'org.opencontainers.image.source',
  'org.opencontainers.image.description',
  'org.opencontainers.image.licenses',
  'org.opencontainers.image.vendor',
  'maintainer',
  'org.opencontainers.image.title',
];

/** Filler that real Dockerfiles carry: labels, env blocks, downloads, healthchecks, comments. */
function pad(d: Doc, fam: Family, svc: string, target: number, where: 'top' | 'end'): void {
  const r = d.rng;
  /** How often each kind of filler may appear in one file. */
  const limit = [1, 2, 3, 4, 2, 3, 1, 1, 1, 3, 2];
  let guard = 0;
  while (d.lineCount() < target && guard++ < 60) {
    const k = r.int(0, where === 'top' ? 6 : limit.length - 1);
    const seen = d.used.get(k) ?? 0;
    if (seen >= limit[k]) continue;
    d.used.set(k, seen + 1);
    if (k === 0) {
      const keys = r.some(LABEL_KEYS, 2, 6);
      const vals = keys.map(
        (key) => `${key}="${key === 'maintainer' ? 'team@example.com' : `${svc} ${r.int(1, 99)}`}"`,
      );
      if (r.chance(0.5)) d.ins('LABEL', vals.join(' \\\n      '));
      else for (const v of vals) d.ins('LABEL', v);
    } else if (k === 1) {
      const vars = r.some(
        [
          'TZ=UTC',
          'LANG=C.UTF-8',
          'LC_ALL=C.UTF-8',
          `APP_HOME=/opt/${svc}`,
          'PORT=8080',
          `SERVICE_NAME=${svc}`,
          'LOG_LEVEL=info',
        ],
        2,
        6,
      );
      d.ins('ENV', r.chance(0.5) ? vars.join(' \\\n    ') : vars.join(' '));
    } else if (k === 2) {
      d.blank().comment(
        r.pick(['-------------------------------------------', `${svc} image`, 'see docs/docker.md']),
      );
      if (r.chance(0.5))
        d.comment(r.pick(['Keep this in sync with the CI image.', 'Do not edit: owned by platform team.']));
    } else if (k === 3) {
      const tool = r.pick(['kubectl', 'helm', 'tini', 'grpc_health_probe', 'dockerize', 'yq', 'migrate']);
      const v = `${r.int(0, 3)}.${r.int(0, 30)}.${r.int(0, 9)}`;
      const name = `${tool.toUpperCase().replace(/[^A-Z]/g, '_')}_VERSION`;
      d.ins('ARG', `${name}=${v}`);
      d.run(
        r.chance(0.5)
          ? [
              `curl -fsSL -o /tmp/${tool}.tar.gz https://example.com/${tool}/v\${${name}}/${tool}-linux-amd64.tar.gz`,
              `tar -xzf /tmp/${tool}.tar.gz -C /usr/local/bin`,
              `rm /tmp/${tool}.tar.gz`,
            ]
          : [
              `wget -qO /usr/local/bin/${tool} https://example.com/${tool}/releases/download/v\${${name}}/${tool}-linux-amd64`,
              `chmod +x /usr/local/bin/${tool}`,
            ],
      );
    } else if (k === 4) {
      d.ins(
        'RUN',
        r.pick([
          `mkdir -p /var/log/${svc} /data`,
          'ln -sf /usr/share/zoneinfo/UTC /etc/localtime',
          `echo "${svc}" > /etc/service-name`,
        ]),
      );
    } else if (k === 5) {
      d.ins('ARG', r.pick(['BUILD_DATE', 'VCS_REF', 'VERSION=dev', 'GIT_SHA']));
    } else if (k === 6 && fam === 'debian') {
      osInstall(d, fam, r.some(APT_PKGS, 1, 12));
    } else if (k === 7) {
      d.ins('EXPOSE', r.pick(['8080', '3000', '80 443', '9090', '5000', '8000/tcp']));
    } else if (k === 8) {
      d.ins(
        'HEALTHCHECK',
        `--interval=30s --timeout=3s${r.chance(0.5) ? ' \\\n  ' : ' '}CMD curl -fsS http://localhost:8080/health || exit 1`,
      );
    } else if (k === 9) {
      // the long setup RUN: folders, permissions, config tweaks, one per line
      const steps = r.some(
        [
          `mkdir -p /opt/${svc}/config /opt/${svc}/data /var/log/${svc}`,
          `chown -R 1000:0 /opt/${svc}`,
          `chmod -R g=u /opt/${svc}`,
          `sed -i 's/^#\\?listen .*/listen 8080/' /etc/${svc}.conf`,
          `ln -sf /dev/stdout /var/log/${svc}/access.log`,
          `ln -sf /dev/stderr /var/log/${svc}/error.log`,
          `find /opt/${svc} -name '*.pyc' -delete`,
          'update-ca-certificates',
          `echo 'export PS1="${svc} $ "' >> /etc/profile`,
          `touch /var/log/${svc}/app.log`,
          `rm -rf /tmp/* /var/tmp/*`,
        ],
        4,
        11,
      );
      d.run(steps, {
        style: r.chance(0.15) ? 'heredoc' : 'lines',
        comments: ['permissions', 'logs to stdout'],
      });
    } else if (k === 10) {
      const pkgs = fam === 'debian' ? APT_PKGS : fam === 'alpine' ? APK_PKGS : RPM_PKGS;
      osInstall(d, fam, r.some(pkgs, 12, 30));
    }
  }
}

interface Ctx {
  d: Doc;
  r: Rng;
  svc: string;
  files: Record<string, string | Buffer>;
  /** Lines the finished Dockerfile should roughly have. */
  target: number;
}

function finalUser(c: Ctx, fam: Family, name = 'app'): void {
  if (c.r.chance(0.55)) {
    addUser(c.d, fam, name);
    c.d.ins('USER', c.r.chance(0.8) ? name : `${name}:${name}`);
  } else if (c.r.chance(0.2)) c.d.ins('USER', c.r.pick(['nobody', '1000', '65534:65534']));
}

/** The last stage: a runtime image, filler, the artifact copied from the build, how it starts. */
function runtimeStage(
  c: Ctx,
  image: string,
  copy: string,
  start: [string, string],
  first?: () => void,
): void {
  c.d.blank();
  c.d.ins('FROM', image);
  first?.();
  pad(c.d, image.includes('alpine') ? 'alpine' : 'debian', c.svc, c.target - 2, 'end');
  c.d.ins('COPY', copy);
  c.d.ins(start[0], start[1]);
}

// ---------------------------------------------------------------- manifests

function packageJson(c: Ctx, deps: string[], extra: Record<string, unknown> = {}): string {
  const pick = c.r.some(deps, 2, deps.length);
  return (
    JSON.stringify(
      {
        name: c.svc,
        version: `1.${c.r.int(0, 20)}.0`,
        private: true,
        scripts: {
          build: c.r.pick(['tsc -p .', 'next build', 'vite build', 'webpack --mode production']),
          start: 'node dist/index.js',
        },
        dependencies: Object.fromEntries(pick.map((p) => [p, `^${c.r.int(1, 9)}.${c.r.int(0, 20)}.0`])),
        devDependencies: { typescript: '^5.4.0' },
        ...extra,
      },
      null,
      2,
    ) + '\n'
  );
}
const NODE_DEPS = [
  'express',
  'fastify',
  'pg',
  'zod',
  'axios',
  'lodash',
  'react',
  'react-dom',
  'next',
  'dotenv',
  'pino',
  'ioredis',
];

function pyRequirements(c: Ctx): string {
  return (
    c.r
      .some(
        [
          'flask',
          'django',
          'fastapi',
          'uvicorn[standard]',
          'gunicorn',
          'psycopg2-binary',
          'sqlalchemy',
          'requests',
          'pydantic',
          'celery',
          'redis',
          'numpy',
          'pandas',
          'boto3',
        ],
        3,
        10,
      )
      .map((p) => `${p}==${c.r.int(0, 4)}.${c.r.int(0, 30)}.${c.r.int(0, 9)}`)
      .join('\n') + '\n'
  );
}
function pyproject(c: Ctx, tool: 'poetry' | 'uv'): string {
  const deps = c.r.some(
    ['fastapi', 'httpx', 'pydantic', 'sqlalchemy', 'alembic', 'structlog', 'orjson'],
    2,
    6,
  );
  if (tool === 'poetry') {
    return `[tool.poetry]\nname = "${c.svc}"\nversion = "0.1.0"\ndescription = ""\nauthors = ["Team <team@example.com>"]\npackages = [{ include = "${c.svc.replace(/-/g, '_')}" }]\n\n[tool.poetry.dependencies]\npython = "^3.11"\n${deps.map((p) => `${p} = "^0.${c.r.int(1, 99)}"`).join('\n')}\n\n[build-system]\nrequires = ["poetry-core"]\nbuild-backend = "poetry.core.masonry.api"\n`;
  }
  return `[project]\nname = "${c.svc}"\nversion = "0.1.0"\nrequires-python = ">=3.11"\ndependencies = [\n${deps.map((p) => `  "${p}>=0.${c.r.int(1, 99)}",`).join('\n')}\n]\n\n[tool.uv]\ndev-dependencies = ["pytest>=8"]\n`;
}

// ---------------------------------------------------------------- ecosystems

const PY_CMD = [
  '["gunicorn", "-b", "0.0.0.0:8000", "app:app"]',
  '["python", "-m", "app"]',
  '["uvicorn", "main:app", "--host", "0.0.0.0"]',
  'python manage.py runserver 0.0.0.0:8000',
];

function python(c: Ctx, tool: 'pip' | 'uv' | 'poetry' | 'pipenv'): void {
  const { d, r } = c;
  const ver = r.pick(['3.9', '3.10', '3.11', '3.12', '3.13']);
  const alpine = tool === 'pip' && r.chance(0.15);
  const argFirst = r.chance(0.15);
  if (argFirst) d.ins('ARG', `PYTHON_VERSION=${ver}`);
  const multi = r.chance(0.35);
  const tag = alpine
    ? `${ver}-alpine`
    : r.pick([`${ver}-slim`, `${ver}-slim-bookworm`, ver, `${ver}-bookworm`]);
  from(d, 'python', tag, multi ? 'builder' : undefined, argFirst ? ['PYTHON_VERSION', ver] : undefined);
  const fam: Family = alpine ? 'alpine' : 'debian';
  d.ins(
    'ENV',
    r.pick([
      'PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1',
      'PYTHONUNBUFFERED=1',
      'PYTHONDONTWRITEBYTECODE=1 \\\n    PYTHONUNBUFFERED=1 \\\n    PIP_NO_CACHE_DIR=1 \\\n    PIP_DISABLE_PIP_VERSION_CHECK=1',
    ]),
  );
  pad(d, fam, c.svc, Math.min(c.target / 3, 30), 'top');
  if (r.chance(0.7)) osInstall(d, fam, r.some(alpine ? APK_PKGS : APT_PKGS, 2, r.chance(0.2) ? 25 : 7));
  const user =
    !multi && r.chance(0.35) ? addUser(d, fam, r.pick(['app', 'appuser', 'django', 'worker'])) : null;
  if (user) d.ins('USER', user);
  const home = user ? `/home/${user}` : '/app';
  d.ins('WORKDIR', user ? `${home}/src` : r.pick(['/app', '/usr/src/app', '/code', '/srv']));
  const chown = user ? `--chown=${user} ` : '';
  const early = r.chance(0.45);
  const pipFlags = r.pick(['--no-cache-dir ', '', '--no-cache-dir --upgrade ', user ? '--user ' : '']);
  const pipCache = `target=${user ? `${home}/.cache/pip,uid=1000` : '/root/.cache/pip'}`;
  let install: string[];
  let mounts: string[];
  switch (tool) {
    case 'pip':
      c.files['requirements.txt'] = pyRequirements(c);
      if (r.chance(0.3)) c.files['requirements-dev.txt'] = '-r requirements.txt\npytest==8.2.0\n';
      install = [`pip install ${pipFlags}-r requirements.txt`];
      if (r.chance(0.3)) install.unshift('pip install --upgrade pip');
      mounts = [pipCache];
      if (early) d.ins('COPY', `${chown}requirements.txt .`);
      break;
    case 'uv':
      c.files['pyproject.toml'] = pyproject(c, 'uv');
      c.files['uv.lock'] =
        `version = 1\nrequires-python = ">=3.11"\n\n[[package]]\nname = "${c.svc}"\nversion = "0.1.0"\nsource = { editable = "." }\n`;
      d.ins('COPY', `--from=ghcr.io/astral-sh/uv:${r.pick(['latest', '0.4.20', '0.5'])} /uv /uvx /bin/`);
      if (r.chance(0.5)) d.ins('ENV', 'UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy');
      install = [
        r.pick([
          'uv sync --frozen --no-dev',
          'uv sync --locked',
          'uv pip install --system -r pyproject.toml',
        ]),
      ];
      mounts = ['target=/root/.cache/uv'];
      if (early) d.ins('COPY', `${chown}pyproject.toml uv.lock ./`);
      break;
    case 'poetry':
      c.files['pyproject.toml'] = pyproject(c, 'poetry');
      c.files['poetry.lock'] =
        `# This file is automatically @generated by Poetry 1.8.3 and should not be changed by hand.\n[metadata]\nlock-version = "2.0"\npython-versions = "^3.11"\ncontent-hash = "${'ab'.repeat(32)}"\n`;
      d.run([
        `pip install ${r.chance(0.5) ? '--no-cache-dir ' : ''}poetry==${r.pick(['1.8.3', '1.7.1', '2.0.1'])}`,
      ]);
      d.ins(
        'ENV',
        r.pick([
          'POETRY_VIRTUALENVS_CREATE=false',
          'POETRY_NO_INTERACTION=1 \\\n    POETRY_VIRTUALENVS_IN_PROJECT=1',
        ]),
      );
      install = [
        r.pick([
          'poetry install --no-interaction --no-ansi --only main',
          'poetry install --no-root',
          'poetry install --without dev',
        ]),
      ];
      mounts = ['target=/root/.cache/pypoetry/cache', 'target=/root/.cache/pypoetry/artifacts'];
      if (early) d.ins('COPY', `${chown}pyproject.toml poetry.lock ./`);
      break;
    case 'pipenv':
      c.files['Pipfile'] =
        `[[source]]\nurl = "https://pypi.org/simple"\nverify_ssl = true\nname = "pypi"\n\n[packages]\nflask = "*"\ngunicorn = "*"\n\n[requires]\npython_version = "${ver}"\n`;
      c.files['Pipfile.lock'] =
        `{\n  "_meta": { "hash": { "sha256": "${'cd'.repeat(32)}" } },\n  "default": {},\n  "develop": {}\n}\n`;
      d.run([`pip install ${pipFlags}pipenv`]);
      install = [
        r.pick([
          'pipenv install --deploy --system',
          'pipenv install --system --ignore-pipfile',
          'pipenv sync',
        ]),
      ];
      mounts = ['target=/root/.cache/pipenv'];
      if (early) d.ins('COPY', `${chown}Pipfile Pipfile.lock ./`);
      break;
  }
  c.files['app.py'] = 'from flask import Flask\napp = Flask(__name__)\n';
  if (early) {
    d.run(install, { mounts });
    d.ins('COPY', `${chown}. .`);
  } else {
    d.ins('COPY', `${chown}. .`);
    if (r.chance(0.4))
      install.push(r.pick(['python -m compileall -q .', 'python manage.py collectstatic --noinput']));
    d.run(install, { mounts, style: r.chance(0.1) ? 'heredoc' : undefined });
  }
  if (multi) {
    d.blank();
    from(d, 'python', `${ver}-slim`);
    d.ins('WORKDIR', '/app');
    d.ins(
      'COPY',
      `--from=builder /usr/local/lib/python${ver}/site-packages /usr/local/lib/python${ver}/site-packages`,
    );
    d.ins('COPY', '--from=builder /app /app');
    finalUser(c, 'debian');
  }
  pad(d, multi ? 'debian' : fam, c.svc, c.target - 2, 'end');
  d.ins('CMD', r.pick(PY_CMD));
}

function conda(c: Ctx): void {
  const { d, r } = c;
  c.files['environment.yml'] =
    `name: ${c.svc}\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.11\n  - numpy\n  - pandas\n  - scikit-learn\n`;
  const micromamba = r.chance(0.4);
  if (micromamba) {
    from(d, 'mambaorg/micromamba', r.pick(['1.5.8', '1.5-bookworm-slim', '2.0']));
    d.ins('COPY', '--chown=$MAMBA_USER:$MAMBA_USER environment.yml /tmp/env.yaml');
    d.run(['micromamba install -y -n base -f /tmp/env.yaml', 'micromamba clean --all --yes'], {
      mounts: ['target=/opt/conda/pkgs,sharing=locked'],
    });
  } else {
    from(
      d,
      r.pick(['continuumio/miniconda3', 'condaforge/miniforge3']),
      r.pick(['latest', '24.1.2-0', '23.10.0-1']),
    );
    pad(d, 'debian', c.svc, c.target / 3, 'top');
    d.ins('WORKDIR', '/app');
    d.ins('COPY', 'environment.yml .');
    d.run(
      [
        r.pick([
          'conda env update -n base -f environment.yml',
          'conda env create -f environment.yml',
          'mamba env update -n base -f environment.yml',
        ]),
        r.pick(['conda clean -afy', 'conda clean --all --yes']),
      ],
      {
        mounts: ['target=/opt/conda/pkgs,sharing=locked'],
      },
    );
    d.ins('COPY', '. .');
  }
  pad(d, 'debian', c.svc, c.target - 1, 'end');
  d.ins('CMD', '["python", "run.py"]');
}

function node(c: Ctx, tool: 'npm' | 'yarn' | 'pnpm'): void {
  const { d, r } = c;
  const ver = r.pick(['18', '20', '22', 'lts']);
  const variant = r.pick(['-alpine', '-bookworm-slim', '', '-slim', '-alpine3.20']);
  const fam: Family = variant.includes('alpine') ? 'alpine' : 'debian';
  const argFirst = r.chance(0.2);
  if (argFirst) d.ins('ARG', `NODE_VERSION=${ver}${variant}`);
  const img = (stage?: string) =>
    from(d, 'node', `${ver}${variant}`, stage, argFirst ? ['NODE_VERSION', `${ver}${variant}`] : undefined);
  const lock = { npm: 'package-lock.json', yarn: 'yarn.lock', pnpm: 'pnpm-lock.yaml' }[tool];
  c.files['package.json'] = packageJson(
    c,
    NODE_DEPS,
    tool === 'pnpm' && r.chance(0.5) ? { packageManager: 'pnpm@9.1.0' } : {},
  );
  c.files[lock] =
    tool === 'npm'
      ? JSON.stringify({ name: c.svc, lockfileVersion: 3, requires: true, packages: {} }, null, 2) + '\n'
      : tool === 'yarn'
        ? '# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.\n# yarn lockfile v1\n\n'
        : "lockfileVersion: '9.0'\n\nimporters:\n  .: {}\n";
  c.files['src/index.ts'] = 'console.log("hi");\n';
  const installCmd = {
    npm: r.pick([
      'npm ci',
      'npm ci --omit=dev',
      'npm install',
      'npm ci --no-audit --no-fund',
      'npm install --production',
    ]),
    yarn: r.pick([
      'yarn install --frozen-lockfile',
      'yarn install --immutable',
      'yarn --frozen-lockfile --production',
      'yarn',
    ]),
    pnpm: r.pick(['pnpm install --frozen-lockfile', 'pnpm install --prod --frozen-lockfile', 'pnpm i']),
  }[tool];
  const mounts = {
    npm: ['target=/root/.npm'],
    yarn: ['target=/usr/local/share/.cache/yarn,sharing=locked'],
    pnpm: ['target=/root/.local/share/pnpm/store'],
  }[tool];
  const setup =
    tool === 'pnpm'
      ? [
          r.pick([
            'corepack enable',
            'npm install -g pnpm@9',
            'corepack enable && corepack prepare pnpm@9.1.0 --activate',
          ]),
        ]
      : [];
  const install = [...(r.chance(0.5) ? setup : []), installCmd];
  if (tool === 'npm' && r.chance(0.25)) install.push('npm cache clean --force');
  if (tool === 'yarn' && r.chance(0.3)) install.push('yarn cache clean');
  const setupAlone = install.length === 1 && setup.length;
  if (r.chance(0.5)) {
    // the Next.js-style three-stage build
    img('deps');
    if (fam === 'alpine' && r.chance(0.6))
      d.run(['apk add --no-cache libc6-compat'], { mounts: ['target=/etc/apk/cache,sharing=locked'] });
    if (setupAlone) d.run(setup);
    d.ins('WORKDIR', '/app');
    d.ins(
      'COPY',
      r.pick([
        `package.json ${lock} ./`,
        `package.json ${lock}* ./`,
        tool === 'npm' ? 'package*.json ./' : `package.json ${lock} ./`,
      ]),
    );
    d.run(install, { mounts });
    d.blank();
    img('builder');
    d.ins('WORKDIR', '/app');
    d.ins('COPY', '--from=deps /app/node_modules ./node_modules');
    d.ins('COPY', '. .');
    if (r.chance(0.5)) d.ins('ENV', 'NEXT_TELEMETRY_DISABLED=1');
    d.ins('RUN', `${tool === 'npm' ? 'npm run' : tool} build`);
    d.blank();
    img('runner');
    d.ins('WORKDIR', '/app');
    d.ins('ENV', 'NODE_ENV=production');
    pad(d, fam, c.svc, c.target - 6, 'top');
    if (r.chance(0.5)) {
      d.ins('COPY', '--from=builder --chown=node:node /app/dist ./dist');
      d.ins('COPY', '--from=deps --chown=node:node /app/node_modules ./node_modules');
      d.ins('USER', 'node');
    } else {
      d.ins('COPY', '--from=builder /app/dist ./dist');
      d.ins('COPY', '--from=deps /app/node_modules ./node_modules');
      finalUser(c, fam, 'nodejs');
    }
  } else {
    img();
    pad(d, fam, c.svc, c.target / 3, 'top');
    if (r.chance(0.4)) osInstall(d, fam, r.some(fam === 'alpine' ? APK_PKGS : APT_PKGS, 1, 5));
    if (setupAlone) d.run(setup);
    const nodeUser = r.chance(0.35);
    d.ins('WORKDIR', nodeUser ? '/home/node/app' : r.pick(['/app', '/usr/src/app', '/opt/app']));
    if (nodeUser) d.ins('USER', 'node');
    const chown = nodeUser ? '--chown=node:node ' : '';
    const nodeMounts = nodeUser
      ? mounts.map(
          (m) =>
            m
              .replace('/root/', '/home/node/')
              .replace('/usr/local/share/.cache/yarn', '/home/node/.cache/yarn') + ',uid=1000,gid=1000',
        )
      : mounts;
    if (r.chance(0.5)) {
      d.ins('COPY', `${chown}package*.json ${tool === 'npm' ? '' : lock + ' '}./`.replace('  ', ' '));
      d.run(install, { mounts: nodeMounts });
      d.ins('COPY', `${chown}. .`);
      if (r.chance(0.6)) d.ins('RUN', `${tool === 'npm' ? 'npm run' : tool} build`);
    } else {
      d.ins('COPY', `${chown}. .`);
      d.run(r.chance(0.6) ? [...install, `${tool === 'npm' ? 'npm run' : tool} build`] : install, {
        mounts: nodeMounts,
        comments: ['install', 'compile TypeScript'],
      });
    }
  }
  pad(d, fam, c.svc, c.target - 2, 'end');
  d.ins(
    'CMD',
    r.pick(['["node", "dist/index.js"]', '["npm", "start"]', 'node server.js', `["${tool}", "start"]`]),
  );
}

function bun(c: Ctx): void {
  const { d, r } = c;
  c.files['package.json'] = packageJson(c, ['hono', 'elysia', 'zod', 'drizzle-orm']);
  c.files['bun.lockb'] = Buffer.from([0x23, 0x21, 0x2f, 0x75, 0x73, 0x72, 0x00, 0x01, 0x02, 0xfe]);
  const tag = r.pick(['1', '1.1', '1-alpine', 'latest']);
  from(d, 'oven/bun', tag, 'base');
  d.ins('WORKDIR', '/usr/src/app');
  if (r.chance(0.5)) {
    d.ins('COPY', 'package.json bun.lockb ./');
    d.run([r.pick(['bun install --frozen-lockfile', 'bun install --production'])], {
      mounts: ['target=/root/.bun/install/cache'],
    });
    d.ins('COPY', '. .');
  } else {
    d.ins('COPY', '. .');
    d.run(['bun install --frozen-lockfile', 'bun run build'], {
      mounts: ['target=/root/.bun/install/cache'],
    });
  }
  pad(d, tag.includes('alpine') ? 'alpine' : 'debian', c.svc, c.target - 2, 'end');
  d.ins('USER', 'bun');
  d.ins('ENTRYPOINT', '["bun", "run", "index.ts"]');
}

function go(c: Ctx): void {
  const { d, r } = c;
  const ver = r.pick(['1.21', '1.22', '1.23']);
  const alpine = r.chance(0.5);
  c.files['go.mod'] =
    `module github.com/example/${c.svc}\n\ngo ${ver}\n\nrequire (\n\tgithub.com/go-chi/chi/v5 v5.0.12\n\tgithub.com/jackc/pgx/v5 v5.5.5\n)\n`;
  c.files['go.sum'] =
    'github.com/go-chi/chi/v5 v5.0.12 h1:abc=\ngithub.com/go-chi/chi/v5 v5.0.12/go.mod h1:def=\n';
  c.files['main.go'] = 'package main\n\nfunc main() {}\n';
  const argFirst = r.chance(0.2);
  if (argFirst) d.ins('ARG', `GO_VERSION=${ver}`);
  from(
    d,
    'golang',
    `${ver}${alpine ? '-alpine' : r.pick(['', '-bookworm'])}`,
    r.pick(['build', 'builder']),
    argFirst ? ['GO_VERSION', ver] : undefined,
  );
  const stage = d.out[d.out.length - 1].split(' ').pop()!;
  if (alpine && r.chance(0.6))
    osInstall(d, 'alpine', r.some(['git', 'ca-certificates', 'make', 'gcc', 'musl-dev'], 1, 3));
  d.ins('WORKDIR', r.pick(['/src', '/app', '/go/src/app', '/build']));
  const mounts = ['target=/go/pkg/mod', 'target=/root/.cache/go-build'];
  const buildCmd = `${r.chance(0.7) ? 'CGO_ENABLED=0 ' : ''}${r.chance(0.4) ? 'GOOS=linux ' : ''}go build ${r.pick(['-ldflags="-s -w" ', '-trimpath ', ''])}-o /out/app ${r.pick(['.', './cmd/server', './cmd/' + c.svc])}`;
  if (r.chance(0.55)) {
    d.ins('COPY', 'go.mod go.sum ./');
    d.run(['go mod download'], { mounts: ['target=/go/pkg/mod'] });
    d.ins('COPY', '. .');
    d.run(r.chance(0.2) ? ['go test ./...', buildCmd] : [buildCmd], { mounts });
  } else {
    d.ins('COPY', '. .');
    d.run(r.chance(0.4) ? ['go mod download', buildCmd] : [buildCmd], { mounts });
  }
  d.blank();
  const runtime = r.pick([
    'gcr.io/distroless/static-debian12',
    'alpine:3.20',
    'scratch',
    'debian:bookworm-slim',
  ]);
  d.ins('FROM', runtime);
  if (runtime.startsWith('alpine')) osInstall(d, 'alpine', ['ca-certificates', 'tzdata']);
  if (runtime.startsWith('debian')) osInstall(d, 'debian', ['ca-certificates']);
  pad(d, runtime.startsWith('alpine') ? 'alpine' : 'debian', c.svc, c.target - 3, 'end');
  d.ins('COPY', `--from=${stage} /out/app /usr/local/bin/app`);
  if (runtime.includes('distroless')) d.ins('USER', 'nonroot:nonroot');
  else if (runtime !== 'scratch' && r.chance(0.5)) d.ins('USER', r.pick(['nobody', '65532:65532']));
  d.ins('ENTRYPOINT', '["/usr/local/bin/app"]');
}

function rust(c: Ctx, sccache: boolean): void {
  const { d, r } = c;
  c.files['Cargo.toml'] =
    `[package]\nname = "${c.svc}"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\ntokio = { version = "1", features = ["full"] }\naxum = "0.7"\nserde = { version = "1", features = ["derive"] }\n`;
  c.files['Cargo.lock'] =
    `# This file is automatically @generated by Cargo.\nversion = 3\n\n[[package]]\nname = "${c.svc}"\nversion = "0.1.0"\n`;
  c.files['src/main.rs'] = 'fn main() {}\n';
  from(d, 'rust', r.pick(['1.79', '1.80-slim', '1.81-bookworm', '1-alpine', 'latest']), 'builder');
  const alpine = d.out[d.out.length - 1].includes('alpine');
  if (alpine) osInstall(d, 'alpine', ['musl-dev', 'pkgconfig', 'openssl-dev']);
  else if (r.chance(0.5))
    osInstall(d, 'debian', r.some(['pkg-config', 'libssl-dev', 'protobuf-compiler', 'clang', 'cmake'], 1, 4));
  const mounts = [
    'target=/usr/local/cargo/registry,sharing=locked',
    'target=/usr/local/cargo/git/db,sharing=locked',
  ];
  if (sccache) {
    d.run([r.pick(['cargo install sccache --locked', 'cargo install sccache'])], { mounts });
    d.ins('ENV', r.pick(['RUSTC_WRAPPER=sccache SCCACHE_DIR=/sccache', 'RUSTC_WRAPPER=sccache']));
    mounts.push(
      d.out[d.out.length - 1].includes('/sccache') ? 'target=/sccache' : 'target=/root/.cache/sccache',
    );
  }
  d.ins('WORKDIR', r.pick(['/usr/src/app', '/app', '/build']));
  const build = `cargo build --release${r.chance(0.4) ? ' --locked' : ''}${r.chance(0.2) ? ` --bin ${c.svc}` : ''}`;
  if (r.chance(0.3)) {
    // the dummy main trick
    d.ins('COPY', 'Cargo.toml Cargo.lock ./');
    d.run(['mkdir src', 'echo "fn main() {}" > src/main.rs', build, 'rm -rf src'], { mounts });
    d.ins('COPY', '. .');
    d.run(['touch src/main.rs', build], { mounts });
  } else {
    d.ins('COPY', '. .');
    d.run([build], { mounts });
  }
  const rt = r.pick(['debian:bookworm-slim', 'gcr.io/distroless/cc-debian12', 'alpine:3.20']);
  runtimeStage(
    c,
    rt,
    `--from=builder /usr/src/app/target/release/${c.svc} /usr/local/bin/${c.svc}`,
    ['CMD', `["${c.svc}"]`],
    () =>
      rt.startsWith('debian') &&
      osInstall(d, 'debian', r.some(['ca-certificates', 'libssl3', 'tzdata'], 1, 3)),
  );
}

function cpp(c: Ctx): void {
  const { d, r } = c;
  c.files['CMakeLists.txt'] =
    `cmake_minimum_required(VERSION 3.20)\nproject(${c.svc.replace(/-/g, '_')} CXX)\nadd_executable(app main.cpp)\n`;
  c.files['main.cpp'] = 'int main() { return 0; }\n';
  const img = r.pick(['ubuntu:22.04', 'ubuntu:24.04', 'debian:bookworm', 'gcc:13']);
  d.ins('FROM', `${img} AS build`);
  if (r.chance(0.5)) d.ins('ARG', 'DEBIAN_FRONTEND=noninteractive');
  osInstall(d, 'debian', [
    'build-essential',
    'cmake',
    'ccache',
    'ninja-build',
    ...r.some(
      [
        'libboost-all-dev',
        'libssl-dev',
        'zlib1g-dev',
        'libcurl4-openssl-dev',
        'git',
        'pkg-config',
        'libprotobuf-dev',
        'protobuf-compiler',
      ],
      0,
      6,
    ),
  ]);
  d.ins('ENV', r.pick(['PATH=/usr/lib/ccache:$PATH', 'CCACHE_DIR=/ccache', 'CCACHE_MAXSIZE=2G']));
  d.ins('WORKDIR', '/src');
  d.ins('COPY', '. .');
  const mount = d.out.some((l) => l.includes('CCACHE_DIR=/ccache'))
    ? 'target=/ccache'
    : 'target=/root/.cache/ccache';
  d.run(
    r.pick([
      [
        'cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER_LAUNCHER=ccache',
        'cmake --build build -j$(nproc)',
      ],
      ['ccache g++ -O2 -c main.cpp -o main.o', 'g++ main.o -o app'],
      ['CC="ccache gcc" CXX="ccache g++" make -j4'],
    ]),
    { mounts: [mount] },
  );
  runtimeStage(c, 'debian:bookworm-slim', '--from=build /src/build/app /usr/local/bin/app', [
    'ENTRYPOINT',
    '["app"]',
  ]);
}

function maven(c: Ctx): void {
  const { d, r } = c;
  c.files['pom.xml'] =
    `<?xml version="1.0" encoding="UTF-8"?>\n<project xmlns="http://maven.apache.org/POM/4.0.0">\n  <modelVersion>4.0.0</modelVersion>\n  <groupId>com.example</groupId>\n  <artifactId>${c.svc}</artifactId>\n  <version>1.0.0</version>\n  <packaging>jar</packaging>\n</project>\n`;
  c.files['src/main/java/App.java'] = 'class App {}\n';
  const wrapper = r.chance(0.3);
  if (wrapper) {
    c.files['mvnw'] = '#!/bin/sh\n';
    c.files['.mvn/wrapper/maven-wrapper.properties'] = 'distributionUrl=https://example.com/maven.zip\n';
  }
  const jdk = r.pick(['17', '21', '11']);
  from(
    d,
    wrapper ? 'eclipse-temurin' : 'maven',
    wrapper ? `${jdk}-jdk` : `3.9-eclipse-temurin-${jdk}`,
    'build',
  );
  d.ins('WORKDIR', r.pick(['/app', '/build', '/usr/src/app']));
  const mvn = wrapper ? './mvnw' : 'mvn';
  const mounts = ['target=/root/.m2/repository,sharing=locked'];
  if (r.chance(0.5)) {
    if (wrapper) {
      d.ins('COPY', 'mvnw .');
      d.ins('COPY', '.mvn .mvn');
    }
    d.ins('COPY', 'pom.xml .');
    d.run([`${mvn} -B dependency:go-offline`], { mounts });
    d.ins('COPY', 'src ./src');
    d.run([`${mvn} -B package -DskipTests`], { mounts });
  } else {
    d.ins('COPY', '. .');
    d.run(
      [
        `${mvn} ${r.pick(['-B ', '-q ', ''])}${r.pick(['clean package -DskipTests', 'package -DskipTests', 'install -Dmaven.test.skip=true'])}`,
      ],
      { mounts },
    );
  }
  d.blank();
  const jre = r.pick(['', '-alpine', '-jammy']);
  const fam: Family = jre === '-alpine' ? 'alpine' : 'debian';
  d.ins('FROM', `eclipse-temurin:${jdk}-jre${jre}`);
  pad(d, fam, c.svc, c.target - 3, 'end');
  finalUser(c, fam, 'spring');
  d.ins('COPY', '--from=build /app/target/*.jar app.jar');
  d.ins('ENTRYPOINT', '["java", "-jar", "/app.jar"]');
}

function gradle(c: Ctx): void {
  const { d, r } = c;
  c.files['build.gradle'] = "plugins {\n  id 'java'\n  id 'org.springframework.boot' version '3.3.0'\n}\n";
  c.files['settings.gradle'] = `rootProject.name = '${c.svc}'\n`;
  const wrapper = r.chance(0.5);
  if (wrapper) {
    c.files['gradlew'] = '#!/bin/sh\n';
    c.files['gradle/wrapper/gradle-wrapper.properties'] =
      'distributionUrl=https\\://example.com/gradle-8.7-bin.zip\n';
  }
  if (wrapper) from(d, 'eclipse-temurin', r.pick(['17-jdk', '21-jdk-jammy']), 'build');
  else from(d, 'gradle', r.pick(['8.7-jdk17', '8-jdk21', '7.6-jdk11']), 'build');
  const mounts = wrapper
    ? ['target=/root/.gradle/caches,sharing=locked', 'target=/root/.gradle/wrapper,sharing=locked']
    : ['target=/root/.gradle/caches,sharing=locked'];
  if (!wrapper && r.chance(0.5)) {
    d.ins('COPY', '--chown=gradle:gradle . /home/gradle/src');
    d.ins('WORKDIR', '/home/gradle/src');
    d.run([`gradle ${r.pick(['build', 'bootJar', 'shadowJar'])} --no-daemon`], { mounts });
  } else {
    d.ins('WORKDIR', '/app');
    if (wrapper && r.chance(0.5)) {
      d.ins('COPY', 'gradlew .');
      d.ins('COPY', 'gradle gradle');
      d.ins('COPY', 'build.gradle settings.gradle ./');
      d.run(['./gradlew dependencies --no-daemon'], { mounts });
    }
    d.ins('COPY', '. .');
    d.run(
      [
        `${wrapper ? './gradlew' : 'gradle'} ${r.pick(['build -x test', 'bootJar', 'clean build'])} --no-daemon`,
      ],
      { mounts },
    );
  }
  runtimeStage(c, 'eclipse-temurin:17-jre', '--from=build /app/build/libs/*.jar /app/app.jar', [
    'ENTRYPOINT',
    '["java", "-jar", "/app/app.jar"]',
  ]);
}

function dotnet(c: Ctx): void {
  const { d, r } = c;
  const proj = c.svc.replace(/(^|-)(\w)/g, (_, __, ch: string) => ch.toUpperCase());
  c.files[`${proj}/${proj}.csproj`] =
    `<Project Sdk="Microsoft.NET.Sdk.Web">\n  <PropertyGroup>\n    <TargetFramework>net8.0</TargetFramework>\n  </PropertyGroup>\n</Project>\n`;
  c.files[`${proj}/Program.cs`] = 'var app = WebApplication.Create(args);\napp.Run();\n';
  const ver = r.pick(['6.0', '7.0', '8.0']);
  d.ins('FROM', `mcr.microsoft.com/dotnet/aspnet:${ver} AS base`);
  d.ins('WORKDIR', '/app');
  d.ins('EXPOSE', '8080');
  d.blank();
  d.ins('FROM', `mcr.microsoft.com/dotnet/sdk:${ver} AS build`);
  d.ins('ARG', 'BUILD_CONFIGURATION=Release');
  d.ins('WORKDIR', '/src');
  const mounts = ['target=/root/.nuget/packages,sharing=locked'];
  if (r.chance(0.6)) {
    d.ins('COPY', `["${proj}/${proj}.csproj", "${proj}/"]`);
    d.run([`dotnet restore "./${proj}/${proj}.csproj"`], { mounts });
    d.ins('COPY', '. .');
    d.ins('WORKDIR', `"/src/${proj}"`);
    d.run([`dotnet build "./${proj}.csproj" -c $BUILD_CONFIGURATION -o /app/build`], { mounts });
  } else {
    d.ins('COPY', '. .');
    d.run([`dotnet publish ${proj}/${proj}.csproj -c Release -o /app/publish /p:UseAppHost=false`], {
      mounts,
    });
  }
  d.blank();
  d.ins('FROM', 'base AS final');
  pad(d, 'debian', c.svc, c.target - 3, 'end');
  if (r.chance(0.5)) d.ins('USER', r.pick(['app', '$APP_UID']));
  d.ins('COPY', '--from=build /app/publish .');
  d.ins('ENTRYPOINT', `["dotnet", "${proj}.dll"]`);
}

function php(c: Ctx): void {
  const { d, r } = c;
  c.files['composer.json'] =
    `{\n  "name": "example/${c.svc}",\n  "require": { "php": "^8.2", "laravel/framework": "^11.0" },\n  "autoload": { "psr-4": { "App\\\\": "app/" } }\n}\n`;
  c.files['composer.lock'] = '{\n  "content-hash": "0123456789abcdef",\n  "packages": []\n}\n';
  const alpine = r.chance(0.3);
  from(
    d,
    'php',
    `${r.pick(['8.1', '8.2', '8.3'])}-${r.pick(['fpm', 'apache', 'cli'])}${alpine ? '-alpine' : ''}`,
  );
  const fam: Family = alpine ? 'alpine' : 'debian';
  osInstall(
    d,
    fam,
    r.some(
      alpine
        ? ['git', 'unzip', 'libzip-dev', 'icu-dev', 'oniguruma-dev']
        : ['git', 'unzip', 'libzip-dev', 'libicu-dev', 'libonig-dev', 'libpng-dev'],
      2,
      5,
    ),
  );
  d.ins(
    'RUN',
    `docker-php-ext-install ${r.some(['pdo_mysql', 'zip', 'intl', 'mbstring', 'gd', 'opcache', 'bcmath'], 2, 5).join(' ')}`,
  );
  d.ins('COPY', `--from=composer:${r.pick(['2', 'latest', '2.7'])} /usr/bin/composer /usr/bin/composer`);
  d.ins('WORKDIR', '/var/www/html');
  const install = `composer install ${r.pick(['--no-dev --optimize-autoloader --no-interaction', '--no-dev --no-scripts --prefer-dist', '--no-interaction --no-progress'])}`;
  const www = r.chance(0.4);
  const mounts = [www ? 'target=/var/www/.composer/cache,uid=33,gid=33' : 'target=/root/.composer/cache'];
  if (www) d.ins('USER', 'www-data');
  if (r.chance(0.5)) {
    d.ins('COPY', `${www ? '--chown=www-data:www-data ' : ''}composer.json composer.lock ./`);
    d.run([install], { mounts });
    d.ins('COPY', `${www ? '--chown=www-data:www-data ' : ''}. .`);
  } else {
    d.ins('COPY', `${www ? '--chown=www-data:www-data ' : ''}. .`);
    d.run([install, ...(r.chance(0.4) ? ['php artisan config:cache'] : [])], { mounts });
  }
  pad(d, fam, c.svc, c.target - 1, 'end');
  d.ins('CMD', r.pick(['["php-fpm"]', '["apache2-foreground"]', 'php artisan serve --host=0.0.0.0']));
}

function ruby(c: Ctx): void {
  const { d, r } = c;
  c.files['Gemfile'] = "source 'https://rubygems.org'\n\ngem 'rails', '~> 7.1'\ngem 'pg'\ngem 'puma'\n";
  c.files['Gemfile.lock'] =
    'GEM\n  remote: https://rubygems.org/\n  specs:\n    rails (7.1.3)\n\nBUNDLED WITH\n   2.5.6\n';
  const ver = r.pick(['3.1', '3.2', '3.3']);
  const alpine = r.chance(0.25);
  from(d, 'ruby', `${ver}${alpine ? '-alpine' : r.pick(['-slim', '', '-bookworm'])}`);
  const fam: Family = alpine ? 'alpine' : 'debian';
  osInstall(
    d,
    fam,
    alpine
      ? ['build-base', 'postgresql-dev', 'tzdata', 'nodejs']
      : r.some(['build-essential', 'libpq-dev', 'nodejs', 'git', 'libvips'], 2, 5),
  );
  d.ins('WORKDIR', r.pick(['/app', '/rails', '/usr/src/app']));
  if (r.chance(0.5)) d.ins('ENV', 'BUNDLE_WITHOUT="development:test" \\\n    BUNDLE_DEPLOYMENT="1"');
  const install = r.pick([
    'bundle install --jobs 4 --retry 3',
    'bundle install',
    'bundle config set --local without "development test" && bundle install',
  ]);
  const mounts = [
    'target=/usr/local/bundle/cache,sharing=locked',
    'target=/root/.bundle/cache,sharing=locked',
  ];
  if (r.chance(0.6)) {
    d.ins('COPY', 'Gemfile Gemfile.lock ./');
    d.run(install.split(' && '), { mounts });
    d.ins('COPY', '. .');
  } else {
    d.ins('COPY', '. .');
    d.run([...(r.chance(0.4) ? ['gem install bundler -v 2.5.6'] : []), ...install.split(' && ')], { mounts });
  }
  if (r.chance(0.5)) d.ins('RUN', 'bundle exec rake assets:precompile');
  pad(d, fam, c.svc, c.target - 2, 'end');
  finalUser(c, fam, 'rails');
  d.ins('CMD', '["bundle", "exec", "puma", "-C", "config/puma.rb"]');
}

function osOnly(c: Ctx): void {
  const { d, r } = c;
  const [fam, image] = r.pick([
    ['debian', r.pick(['debian:bookworm-slim', 'ubuntu:22.04', 'ubuntu:24.04', 'debian:12', 'nginx:1.27'])],
    ['alpine', r.pick(['alpine:3.19', 'alpine:3.20', 'alpine'])],
    ['rhel', r.pick(['fedora:40', 'rockylinux:9', 'centos:7', 'amazonlinux:2023', 'almalinux:9'])],
    [
      'microdnf',
      r.pick([
        'registry.access.redhat.com/ubi9/ubi-minimal:9.4',
        'registry.access.redhat.com/ubi8/ubi-minimal',
      ]),
    ],
    ['suse', r.pick(['opensuse/leap:15.6', 'opensuse/tumbleweed'])],
  ] as [Family, string][]);
  d.ins('FROM', image);
  const pkgs = fam === 'debian' ? APT_PKGS : fam === 'alpine' ? APK_PKGS : RPM_PKGS;
  pad(d, fam, c.svc, c.target / 4, 'top');
  osInstall(d, fam, r.some(pkgs, 2, r.chance(0.3) ? 30 : 8));
  if (fam === 'debian' && r.chance(0.3)) {
    // a second apt RUN, e.g. after adding a repository
    d.run([
      'curl -fsSL https://example.com/key.gpg | gpg --dearmor -o /usr/share/keyrings/example.gpg',
      'echo "deb [signed-by=/usr/share/keyrings/example.gpg] https://example.com/apt stable main" > /etc/apt/sources.list.d/example.list',
    ]);
    osInstall(d, fam, r.some(['example-agent', 'postgresql-client-16', 'google-cloud-cli'], 1, 2));
  }
  if (r.chance(0.2)) {
    d.ins('COPY', `<<EOF /etc/${c.svc}.conf\nlisten 8080\nworkers 4\nEOF`);
  }
  d.ins(
    'COPY',
    r.pick(['entrypoint.sh /usr/local/bin/', 'conf/ /etc/app/', 'nginx.conf /etc/nginx/nginx.conf']),
  );
  c.files['entrypoint.sh'] = '#!/bin/sh\nexec "$@"\n';
  pad(d, fam, c.svc, c.target - 2, 'end');
  finalUser(c, fam === 'microdnf' ? 'rhel' : fam, 'svc');
  d.ins('ENTRYPOINT', '["/usr/local/bin/entrypoint.sh"]');
}

type Kind =
  | 'pip'
  | 'uv'
  | 'poetry'
  | 'pipenv'
  | 'conda'
  | 'npm'
  | 'yarn'
  | 'pnpm'
  | 'bun'
  | 'go'
  | 'cargo'
  | 'sccache'
  | 'ccache'
  | 'maven'
  | 'gradle'
  | 'dotnet'
  | 'composer'
  | 'bundler'
  | 'os';

const KINDS: [Kind, number][] = [
  ['pip', 14],
  ['uv', 3],
  ['poetry', 4],
  ['pipenv', 2],
  ['conda', 2],
  ['npm', 13],
  ['yarn', 5],
  ['pnpm', 4],
  ['bun', 2],
  ['go', 10],
  ['cargo', 4],
  ['sccache', 1],
  ['ccache', 3],
  ['maven', 5],
  ['gradle', 4],
  ['dotnet', 5],
  ['composer', 4],
  ['bundler', 4],
  ['os', 11],
];

function write(c: Ctx, kind: Kind): void {
  switch (kind) {
    case 'pip':
    case 'uv':
    case 'poetry':
    case 'pipenv':
      return python(c, kind);
    case 'conda':
      return conda(c);
    case 'npm':
    case 'yarn':
    case 'pnpm':
      return node(c, kind);
    case 'bun':
      return bun(c);
    case 'go':
      return go(c);
    case 'cargo':
    case 'sccache':
      return rust(c, kind === 'sccache');
    case 'ccache':
      return cpp(c);
    case 'maven':
      return maven(c);
    case 'gradle':
      return gradle(c);
    case 'dotnet':
      return dotnet(c);
    case 'composer':
      return php(c);
    case 'bundler':
      return ruby(c);
    case 'os':
      return osOnly(c);
  }
}

/** A tiny Dockerfile (5–10 lines), the most common shape of all. */
function tiny(c: Ctx, kind: Kind): void {
  const { d, r } = c;
  const t: Partial<Record<Kind, () => void>> = {
    pip: () => {
      c.files['requirements.txt'] = pyRequirements(c);
      d.ins('FROM', 'python:3.12-slim')
        .ins('WORKDIR', '/app')
        .ins('COPY', '. .')
        .ins('RUN', 'pip install -r requirements.txt')
        .ins('CMD', '["python", "app.py"]');
    },
    npm: () => {
      c.files['package.json'] = packageJson(c, NODE_DEPS);
      d.ins('FROM', 'node:20-alpine')
        .ins('WORKDIR', '/app')
        .ins('COPY', '. .')
        .ins('RUN', 'npm install')
        .ins('EXPOSE', '3000')
        .ins('CMD', '["node", "index.js"]');
    },
    go: () => {
      c.files['go.mod'] = `module example.com/${c.svc}\n\ngo 1.22\n`;
      d.ins('FROM', 'golang:1.22')
        .ins('WORKDIR', '/app')
        .ins('COPY', '. .')
        .ins('RUN', 'go build -o /app/server .')
        .ins('CMD', '["/app/server"]');
    },
    os: () => {
      d.ins('FROM', 'alpine:3.20')
        .ins('WORKDIR', '/work')
        .ins('RUN', 'apk add --no-cache curl jq')
        .ins('COPY', 'run.sh /run.sh')
        .ins('ENTRYPOINT', '["/run.sh"]');
    },
  };
  (t[kind] ?? t[r.pick(['pip', 'npm', 'go', 'os'] as const)]!)();
}

/** Indexes of the lines that start an instruction: not in a heredoc, not after a continuation. */
function instructionLines(lines: string[]): number[] {
  const out: number[] = [];
  let heredoc: string | null = null;
  let continued = false;
  lines.forEach((line, i) => {
    if (heredoc !== null) {
      if (line.trim() === heredoc) heredoc = null;
      return;
    }
    if (!continued && /^[A-Za-z]+\s/.test(line)) out.push(i);
    if (!continued || !/^\s*(#|$)/.test(line)) continued = /\\\s*$/.test(line);
    heredoc = /<<-?['"]?([A-Za-z]\w*)/.exec(line)?.[1] ?? null;
  });
  return out;
}

/** Damage that makes a file fail to parse (or decode), the way real repositories carry such files. */
function breakIt(r: Rng, text: string): string | Buffer {
  const lines = text.split('\n');
  switch (r.int(0, 4)) {
    case 0: {
      // before an instruction line (inside a heredoc or a continuation the markers are only text)
      const starts = instructionLines(lines).filter((i) => i > 0);
      const at = starts.length ? r.pick(starts) : 1;
      lines.splice(at, 0, '<<<<<<< HEAD', lines[at] ?? '', '=======', '>>>>>>> feature/upgrade');
      return lines.join('\n');
    }
    case 1:
      return lines
        .map((l, i) => (i === lines.length - 3 && /^COPY/i.test(l) ? l.replace(/^COPY/i, 'COPPY') : l))
        .join('\n')
        .replace(/^(FROM .*)$/im, '$1\nRUNN echo typo');
    case 2:
      return '{% if base_image %}\n' + text + '{% endif %}\n';
    case 3:
      // Latin-1, not UTF-8
      return Buffer.concat([
        Buffer.from('FROM debian:bookworm\nLABEL maintainer="Jos'),
        Buffer.from([0xe9]),
        Buffer.from(' Garc'),
        Buffer.from([0xed]),
        Buffer.from('a"\n' + lines.slice(1).join('\n')),
      ]);
    default:
      return text.replace(/\nEOF\n|\nEOT\n|\nSCRIPT\n/, '\n') + 'RUN <<EOF\necho never closed\n';
  }
}

export interface GenerateOptions {
  count: number;
  seed?: number;
}

export interface Corpus {
  dir: string;
  dockerfiles: number;
  files: number;
  bytes: number;
  /** Dockerfiles generated to fail (they are expected to be reported as errors). */
  broken: number;
  kinds: Record<string, number>;
}

/** One Dockerfile's text (and damage), shaped by a kind and a target size. */
function dockerfile(
  r: Rng,
  kind: Kind,
  svc: string,
  files: Record<string, string | Buffer>,
): { bytes: Buffer; broken: boolean } {
  const target = r.chance(0.15)
    ? r.int(5, 10)
    : Math.round(Math.exp(Math.log(12) + r.next() * Math.log(150 / 12)));
  const lower = r.chance(0.04);
  const cached = r.chance(0.06);
  const d = new Doc(r, lower, cached);
  if (cached) d.out.push('# syntax=docker/dockerfile:1');
  else if (r.chance(0.05))
    d.out.push(
      r.pick(['# syntax=docker/dockerfile:1.4', '# syntax=docker/dockerfile:1.7-labs', '# escape=\\']),
    );
  if (r.chance(0.2))
    d.comment(
      r.pick([
        `${svc}: production image`,
        'Build with: docker build -t app .',
        'Generated by the service template, then edited',
      ]),
    );
  const c: Ctx = { d, r, svc, files, target };
  if (target <= 10) tiny(c, kind);
  else write(c, kind);
  let text = d.text();
  let broken = false;
  let out: string | Buffer = text;
  if (r.chance(0.008)) {
    out = breakIt(r, text);
    broken = true;
  } else {
    if (r.chance(0.03)) text = text.replace(/\n$/, '');
    if (r.chance(0.06)) text = text.replace(/\n/g, '\r\n');
    out = text;
  }
  let bytes = Buffer.isBuffer(out) ? out : Buffer.from(out, 'utf8');
  if (!broken && r.chance(0.02)) bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
  return { bytes, broken };
}

/**
 * Writes `count` Dockerfiles under `dir` (which must be empty or missing): `<team>/<service>/`
 * folders, some Dockerfiles beside another (`Dockerfile.dev`, `docker/Dockerfile` named by a
 * compose file).
 */
export function generate(dir: string, options: GenerateOptions): Corpus {
  const r = new Rng(options.seed ?? 1);
  const corpus: Corpus = { dir, dockerfiles: 0, files: 0, bytes: 0, broken: 0, kinds: {} };
  const put = (rel: string, content: string | Buffer) => {
    const abs = path.join(dir, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
    corpus.files++;
    corpus.bytes += typeof content === 'string' ? Buffer.byteLength(content) : content.length;
  };
  fs.mkdirSync(dir, { recursive: true });
  put('.gitignore', 'node_modules/\ndist/\n*.log\n');
  let n = 0;
  let team = 0;
  while (n < options.count) {
    const teamName = `${TEAMS[team % TEAMS.length]}${team >= TEAMS.length ? `-${Math.floor(team / TEAMS.length)}` : ''}`;
    team++;
    const services = r.int(3, 12);
    const compose: string[] = [];
    for (let s = 0; s < services && n < options.count; s++) {
      const svc = `${r.pick(WORDS)}-${r.pick(WORDS)}${s}`;
      const kind = r.weighted(KINDS);
      const files: Record<string, string | Buffer> = {};
      const df = dockerfile(r, kind, svc, files);
      // where the Dockerfile sits and how it is found
      const layout = r.weighted([
        ['plain', 70],
        ['docker-dir', 8],
        ['named', 8],
        ['second', 14],
      ] as const);
      const name =
        layout === 'docker-dir'
          ? 'docker/Dockerfile'
          : layout === 'named'
            ? r.pick([`${svc}.Dockerfile`, 'Containerfile', 'Dockerfile.prod'])
            : 'Dockerfile';
      const base = `${teamName}/${svc}`;
      for (const [rel, content] of Object.entries(files)) put(`${base}/${rel}`, content);
      put(`${base}/${name}`, df.bytes);
      n++;
      corpus.broken += df.broken ? 1 : 0;
      corpus.kinds[kind] = (corpus.kinds[kind] ?? 0) + 1;
      if (layout === 'second' && n < options.count) {
        // a dev Dockerfile beside the main one: same context, other shape
        const dev = dockerfile(r, kind, svc, {});
        put(`${base}/Dockerfile.dev`, dev.bytes);
        n++;
        corpus.broken += dev.broken ? 1 : 0;
        corpus.kinds[kind]++;
      }
      if (r.chance(0.3))
        put(
          `${base}/.dockerignore`,
          r.pick([
            'node_modules\n.git\n*.md\n',
            '.git\n**/__pycache__\n.venv\n',
            'target/\n.git\n',
            '*\n!src\n!package.json\n!package-lock.json\n',
            'bin/\nobj/\n',
          ]),
        );
      if (layout === 'docker-dir')
        compose.push(`  ${svc}:\n    build:\n      context: ./${svc}\n      dockerfile: docker/Dockerfile\n`);
      else if (r.chance(0.4))
        compose.push(`  ${svc}:\n    build: ./${svc}\n    image: registry.example.com/${teamName}/${svc}\n`);
    }
    if (compose.length)
      put(
        `${teamName}/${r.pick(['docker-compose.yml', 'compose.yaml', 'docker-compose.yaml'])}`,
        `services:\n${compose.join('')}`,
      );
  }
  corpus.dockerfiles = n;
  return corpus;
}

if (require.main === module) {
  const [dir, count = '3000', seed = '1'] = process.argv.slice(2);
  if (!dir) {
    process.stderr.write('usage: node dist/bench/generate.js <dir> [count] [seed]\n');
    process.exit(2);
  }
  if (fs.existsSync(dir) && fs.readdirSync(dir).length) {
    process.stderr.write(`${dir} is not empty\n`);
    process.exit(2);
  }
  const c = generate(dir, { count: Number(count), seed: Number(seed) });
  process.stdout.write(JSON.stringify(c, null, 2) + '\n');
}
