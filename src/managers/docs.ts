/**
 * The package-manager table of docs/managers.md, rendered from the registry so the page cannot
 * drift from the code (test/managers.test.ts compares them).
 */
import { MANAGERS } from './index';
import type {
  CacheTarget,
  DefeatingCommand,
  Majors,
  PackageManager,
  PathSource,
  StageSetup,
  ToolSetting,
} from './types';
import type { ConfigFormat } from '../copied';

const code = (s: string) => '`' + s.replace(/\|/g, '\\|') + '`';
const toolsText = (tools: (string | RegExp)[]) =>
  tools.map((t) => (typeof t === 'string' ? t : `/${t.source}/`)).join(', ');

function source(s: PathSource): string {
  if ('envOption' in s) return `${code(`${s.option}=…`)} in ${code('$' + s.envOption)}`;
  if ('option' in s)
    return s.unsupported
      ? `${code(s.option)} (no mount)`
      : code(`${s.option} …`) + (s.suffix ? ` + ${code(s.suffix)}` : '');
  if ('env' in s) {
    if (s.unsupported) return `${code('$' + s.env)} (no mount)`;
    return (
      code('$' + s.env + (s.suffix ?? '')) +
      (s.list ? ` (first of a ${code(s.list)} list)` : '') +
      (s.sharedWith ? ` (no mount while ${majorsText(s.sharedWith.majors)} may run)` : '')
    );
  }
  if ('home' in s)
    return code('~/' + s.home) + (s.rootHome ? ` (root: ${code(`${s.rootHome}/${s.home}`)})` : '');
  if ('workdir' in s) return code('./' + s.workdir);
  if ('toolPrefix' in s) return `${code('<prefix>' + s.toolPrefix)} for ${code('<prefix>/bin/<tool>')}`;
  if ('imagePath' in s) return `the image's ${s.imagePath} + ${code(s.suffix ?? '')}`;
  if ('setting' in s) {
    const t = s.setting.tools.find((x): x is string => typeof x === 'string') ?? toolsText(s.setting.tools);
    const { commands, writeFlags, key, pairsOnly } = s.setting;
    const words = [
      t,
      commands[0],
      ...(writeFlags ? [writeFlags[0]] : []),
      pairsOnly ? `${key}=…` : `${key} …`,
    ];
    return (
      code(words.join(' ')) +
      (s.suffix ? ` + ${code(s.suffix)}` : '') +
      (s.list ? ` (first of a ${code(s.list)} list)` : '')
    );
  }
  if ('projectFile' in s) {
    const { names, key, format } = s.projectFile;
    return (
      `${code(setting(key, format))} in a copied ${names.map(code).join('/')}` +
      (s.suffix ? ` + ${code(s.suffix)}` : '') +
      (s.unsupported ? ' (no mount)' : '')
    );
  }
  if ('elsewhere' in s) {
    const conds = [
      ...(s.flags ?? []).map(code),
      ...(s.options ?? []).map((o) => code(`${o} …`)),
      ...(s.vars ?? []).map((e) => code('$' + e.name) + (e.matches ? ' (true)' : '')),
      ...(s.settings ?? []).map((x) => code(`${x.setting.commands[0]} ${x.setting.key} …`)),
    ];
    return `${conds.join('/')} (no mount${s.tools ? ` for ${toolsText(s.tools)}` : ''})`;
  }
  if ('configFile' in s) {
    const { paths, key, format, pathEnv, pathOptions } = s.configFile;
    const where = [
      ...paths.flatMap(alternatives),
      ...(pathEnv ? [`$${pathEnv}`] : []),
      ...(pathOptions ?? []).slice(0, 1),
    ]
      .map(code)
      .join('/');
    return (
      `${code(setting(key, format))} in a file copied to ${where}` +
      (s.suffix ? ` + ${code(s.suffix)}` : '') +
      (s.unsupported ? ' (no mount)' : '')
    );
  }
  return code(s.path);
}

/** A config file location as the paths it may be: `${A:-~/.x}/y` is `$A/y` or `~/.x/y`. */
function alternatives(p: string): string[] {
  const d = /^\$\{([A-Za-z_][A-Za-z0-9_]*):-(.*)\}([^}]*)$/.exec(p);
  return d ? [`$${d[1]}${d[3]}`, ...alternatives(d[2] + d[3])] : [p];
}

/** How a config file of this format sets the key. */
function setting(key: string, format: ConfigFormat): string {
  switch (format) {
    case 'ini':
      return `${key}=…`;
    case 'yaml':
      return `${key}: …`;
    case 'args':
      return `-D${key}=…`;
    case 'xml':
      return `<${key}>…</${key}>`;
    case 'json':
      return `${key}: "…"`;
    case 'toml':
      return `${key} = …`;
    default:
      return `${key} …`;
  }
}

function target(t: CacheTarget): string {
  const notes: string[] = [];
  if (t.sharing) notes.push(`sharing=${t.sharing}`);
  if (t.tools) notes.push(`for ${toolsText(t.tools)}`);
  if (t.output) notes.push('build output: only when copied out in the same RUN');
  if (t.majors) notes.push(`${majorsText(t.majors)} only`);
  return `**${t.name}**: ${t.sources.map(source).join(' › ')}${notes.length ? ` (${notes.join('; ')})` : ''}`;
}

function command(c: DefeatingCommand, m: PackageManager): string {
  const tool = c.tools.find((t): t is string => typeof t === 'string') ?? toolsText(c.tools);
  const setting = m.setup?.setting?.env;
  const notes = [
    ...(c.target ? [`with **${c.target}**`] : []),
    ...(c.setting !== undefined && setting ? [`while ${code(setting)} is ${c.setting}`] : []),
    ...(c.withoutFlags ? [`not with ${c.withoutFlags.map(code).join('/')}`] : []),
  ];
  return (
    code([tool, c.subcommand, ...(c.withFlags ? [c.withFlags.join('/')] : [])].filter(Boolean).join(' ')) +
    (notes.length ? ` (${notes.join(', ')})` : '')
  );
}

/**
 * The clean-up commands that go with the mounts: not those that (also) empty files in the
 * image, which stay, or keep the mounts they would empty off.
 */
function removedCommands(m: PackageManager): DefeatingCommand[] {
  const all = m.defeatingCommands ?? [];
  const same = (a?: string[], b?: string[]) => (a ?? []).join() === (b ?? []).join();
  return all.filter(
    (c) =>
      !c.inImage &&
      !all.some(
        (o) =>
          o.inImage &&
          o.setting === undefined &&
          o.subcommand === c.subcommand &&
          same(o.withFlags, c.withFlags) &&
          same(o.withoutFlags, c.withoutFlags),
      ),
  );
}

function row(m: PackageManager): string {
  const removed = [
    ...(m.defeatingFlags ?? []).map(code),
    ...removedCommands(m).map((c) => command(c, m)),
    ...(m.disablingEnv ?? []).map(
      (d) => `ENV ${code(d.name)}${d.disables ? ' (values that turn it off)' : ''}`,
    ),
  ];
  const added = [
    ...(m.requiredFlags ?? []).map((f) => code(f.flag)),
    ...Object.entries(m.setup?.env ?? {}).map(([k, v]) => `ENV ${code(`${k}=${v}`)}${setupText(m.setup!)}`),
  ];
  return [
    `**${m.id}**<br>${m.summary.replace(/</g, '&lt;')}`,
    m.examples.map(code).join('<br>'),
    m.caches.map(target).join('<br>') +
      (m.runtimeTools ? `<br>none if CMD/ENTRYPOINT runs ${toolsText(m.runtimeTools)}` : ''),
    removed.join(', ') || '—',
    added.join(', ') || '—',
  ]
    .map((c) => ` ${c} `)
    .join('|');
}

/** A range of major versions: `v1`, `v2+`, `v2–v3`. */
function majorsText(m: Majors): string {
  if (m.min === undefined) return m.max === undefined ? 'any version' : m.max <= 1 ? 'v1' : `v1–v${m.max}`;
  if (m.max === undefined) return `v${m.min}+`;
  return m.min === m.max ? `v${m.min}` : `v${m.min}–v${m.max}`;
}

/** Where a tool setting is read from: `` `$X`, `key: …` in a copied `.yarnrc.yml` or `~/.yarnrc.yml` ``. */
function settingText(s: ToolSetting): string {
  const files = [
    ...(s.projectFile ? [`a copied ${s.projectFile.names.map(code).join('/')}`] : []),
    ...(s.configFile?.paths.flatMap(alternatives).map(code) ?? []),
  ];
  const key = s.projectFile?.key ?? s.configFile?.key;
  return `${code('$' + s.env)}${key ? `, ${code(`${key}: …`)} in ${files.join(' or ')}` : ''}`;
}

/** When a stage setup is left out, or stops the mount of its target. */
function setupText(setup: StageSetup): string {
  const parts: string[] = [];
  const target = setup.forTarget ? `**${setup.forTarget}**` : 'the';
  if (setup.forTarget) parts.push(`with ${target}`);
  const unless: string[] = [];
  if (setup.setting) {
    const off = (setup.defaults ?? []).filter((d) => Object.values(setup.env ?? {}).includes(d.value));
    unless.push(
      `the build already gives it (${settingText(setup.setting)}${off.length ? `; default in ${off.map((d) => majorsText(d.majors)).join(', ')}` : ''})`,
    );
  }
  for (const n of setup.needlessWith ?? [])
    unless.push(`${settingText(n.setting)} is ${n.values.map(code).join('/')}`);
  if (unless.length) parts.push(`unless ${unless.join(' or ')}`);
  if (setup.setting) parts.push(`given another value: no ${target} mount`);
  return parts.length ? ` (${parts.join('; ')})` : '';
}

/** The markdown table (without a trailing newline). */
export function managersTable(managers: PackageManager[] = MANAGERS): string {
  return [
    "| manager | commands (examples) | cache targets, first source that applies (`~`: the user's home; root: /root) | removed where mounted | added where mounted |",
    '|---|---|---|---|---|',
    ...managers.map((m) => `|${row(m)}|`),
  ].join('\n');
}

/** Where a target is for root when no option or variable moves it. */
function rootDefault(t: CacheTarget): string {
  for (const s of [...t.sources].reverse()) {
    if ('home' in s) return code(`${s.rootHome ?? '/root'}/${s.home}`);
    if ('path' in s) return code(s.path);
    if ('imagePath' in s) return `the image's ${s.imagePath}${s.suffix ? ' + ' + code(s.suffix) : ''}`;
    if ('toolPrefix' in s) return code('<prefix>' + s.toolPrefix);
    if ('workdir' in s) return code('./' + s.workdir);
  }
  return 'from the environment';
}

/** The compact table of the README: manager, command examples, targets for root, environment honoured. */
export function managersSummaryTable(managers: PackageManager[] = MANAGERS): string {
  const envNames = (m: PackageManager) => {
    const names = new Set<string>();
    for (const t of m.caches)
      for (const s of t.sources) {
        if ('envOption' in s) names.add(`${s.envOption} (${s.option})`);
        else if ('env' in s && !s.unsupported) names.add(s.env);
      }
    for (const d of m.disablingEnv ?? []) names.add(`${d.name} (removed)`);
    return [...names].map(code).join(', ') || '—';
  };
  return [
    '| manager | commands (examples) | cache targets for root, when no variable moves them (official images set some, e.g. GOPATH=/go) | environment honoured |',
    '|---|---|---|---|',
    ...managers.map(
      (m) =>
        `| ${m.id} | ${m.examples.map(code).join(', ')} | ${m.caches.map(rootDefault).join(', ')}${m.caches.some((t) => t.sharing === 'locked') ? ' (locked)' : ''} | ${envNames(m)} |`,
    ),
  ].join('\n');
}
