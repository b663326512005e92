/**
 * Maven: pom.xml, every module's pom.xml, `.mvn/`, the wrapper, a settings file named with -s;
 * then `dependency:go-offline`. Gradle: settings and build scripts of the included projects,
 * gradle.properties, `gradle/`, the wrapper, buildSrc and included builds; then `dependencies`.
 */
import { programPath, readArgs, type ReaderArgs } from './reader';

export function maven(r: ReaderArgs): void {
  const p = r.project;
  const { options } = readArgs(r, [
    '-f',
    '--file',
    '-s',
    '--settings',
    '-gs',
    '--global-settings',
    '-P',
    '--activate-profiles',
    '-pl',
    '--projects',
    '-D',
    '-T',
    '--threads',
    '-am',
    '-rf',
    '-l',
    '--log-file',
  ]);
  const tool = r.inv.n.toolWords.map((w) => w.raw).join(' ');
  if (/mvnw$/.test(r.inv.n.tool)) {
    const script = programPath(r);
    if (script === null)
      return r.inputs.refuse(`the folder of ${r.inv.n.toolWords[0].raw} is only known when the image builds`);
    if (!r.inputs.require(p.resolve(script))) return;
  }
  const pomArg = options.get('-f')?.[0] ?? options.get('--file')?.[0];
  let pom = p.resolve(pomArg ?? 'pom.xml');
  if (pomArg && p.isDirectory(pom)) pom = `${pom}/pom.xml`;
  if (!r.inputs.require(pom)) return;
  const dir = pom.slice(0, pom.lastIndexOf('/'));
  r.inputs.optional(`${dir}/.mvn`);
  const modules = modulePoms(r, pom, new Set());
  // a repository in the project (`<url>file://${project.basedir}/lib</url>`): its folder comes first
  for (const m of (p.read(pom) ?? '').matchAll(/<url>\s*file:(?:\/\/)?([^<\s]+)\s*<\/url>/g)) {
    const at = m[1].replace(/\$\{(project\.basedir|basedir)\}/g, dir);
    if (at.includes('${'))
      r.inputs.refuse(`${p.display(pom)} names a file repository the tool cannot place (${m[1]})`);
    else r.inputs.require(p.resolve(at, dir), 'a file repository of the pom');
  }
  const settings: string[] = [];
  for (const o of ['-s', '--settings', '-gs', '--global-settings']) {
    for (const v of options.get(o) ?? []) {
      if (v === null) return r.inputs.refuse(`the file given to ${o} is only known when the image builds`);
      if (!p.resolve(v).startsWith(p.copy.dest + '/')) continue;
      r.inputs.require(p.resolve(v), o);
      settings.push(`${o} ${v}`);
    }
  }
  if (modules > 0)
    r.inputs.guess(
      `${p.display(pom)} has modules: dependency:go-offline may not resolve the modules' dependencies on each other`,
    );
  const file = pomArg ? ` -f ${pomArg}` : '';
  r.inputs.warmup = `${tool} -B${file}${settings.map((s) => ' ' + s).join('')}${mavenSelection(r)} dependency:go-offline`;
}

/**
 * The options that choose which modules and profiles the build resolves, as written: the
 * warm-up resolves what the build will (`-P prod` may add dependencies, `-pl api -am`
 * leaves the other modules out, `-Drevision=2.0` sets versions).
 */
function mavenSelection(r: ReaderArgs): string {
  const out: string[] = [];
  const withValue = ['-P', '--activate-profiles', '-pl', '--projects', '-D', '--define'];
  const flags = ['-am', '--also-make', '-amd', '--also-make-dependents'];
  // `-DskipTests`, `-Dmaven.test.skip=true`, `-Dcheckstyle.skip`: skip steps, change no dependency
  const skip = (d: string) => /^(-D|--define=)?[\w.-]*skip[\w.-]*(=|$)/i.test(d);
  for (let i = 0; i < r.args.length; i++) {
    const w = r.args[i];
    const v = w.value ?? w.raw;
    if (skip(v) || ((v === '-D' || v === '--define') && skip(r.args[i + 1]?.value ?? ''))) {
      if (v === '-D' || v === '--define') i++;
      continue;
    }
    if (withValue.includes(v) && r.args[i + 1]) out.push(` ${w.raw} ${r.args[++i].raw}`);
    else if (flags.includes(v)) out.push(` ${w.raw}`);
    else if (/^(-P|-D)\S|^(--activate-profiles|--projects|--define)=/.test(v) || /^-pl\S/.test(v))
      out.push(` ${w.raw}`);
  }
  return out.join('');
}

function modulePoms(r: ReaderArgs, pom: string, seen: Set<string>): number {
  const p = r.project;
  if (seen.has(pom)) return 0;
  seen.add(pom);
  const text = p.read(pom) ?? '';
  const dir = pom.slice(0, pom.lastIndexOf('/'));
  let n = 0;
  const parent = /<parent>[\s\S]*?<relativePath>([^<]*)<\/relativePath>[\s\S]*?<\/parent>/.exec(text);
  if (parent && parent[1].trim()) {
    const rp = p.resolve(parent[1].trim(), dir);
    const parentPom = rp.endsWith('.xml') ? rp : `${rp}/pom.xml`;
    if (!seen.has(parentPom)) r.inputs.require(parentPom, `parent of ${p.display(pom)}`);
  }
  for (const m of text.matchAll(/<module>\s*([^<]+?)\s*<\/module>/g)) {
    const target = p.resolve(m[1], dir);
    const modulePom = target.endsWith('.xml') ? target : `${target}/pom.xml`;
    if (!r.inputs.require(modulePom, `module of ${p.display(pom)}`)) return n;
    n += 1 + modulePoms(r, modulePom, seen);
  }
  return n;
}

const GRADLE_FILES = [
  'settings.gradle',
  'settings.gradle.kts',
  'build.gradle',
  'build.gradle.kts',
  'gradle.properties',
];

export function gradle(r: ReaderArgs): void {
  const p = r.project;
  const tool = r.inv.n.toolWords.map((w) => w.raw).join(' ');
  if (/gradlew$/.test(r.inv.n.tool)) {
    const script = programPath(r);
    if (script === null)
      return r.inputs.refuse(`the folder of ${r.inv.n.toolWords[0].raw} is only known when the image builds`);
    if (!r.inputs.require(p.resolve(script))) return;
  }
  const present = GRADLE_FILES.filter((f) => r.inputs.optional(p.resolve(f)));
  if (!present.some((f) => f.startsWith('build.') || f.startsWith('settings.'))) {
    r.inputs.require(p.resolve('build.gradle'));
    return;
  }
  r.inputs.optional(p.resolve('gradle'));
  r.inputs.optional(p.resolve('buildSrc'));
  const settings = p.read(p.resolve('settings.gradle')) ?? p.read(p.resolve('settings.gradle.kts')) ?? '';
  // `project(":domain").projectDir = file("modules/domain")`: where a project lives instead;
  // any other projectDir assignment is one the tool cannot read
  const moved = new Map<string, string>();
  for (const m of settings.matchAll(
    /project\s*\(\s*["']:?([^"']+)["']\s*\)\s*\.projectDir\s*=\s*(?:file\s*\(\s*)?["']([^"']+)["']/g,
  ))
    moved.set(m[1].replace(/^:/, ''), m[2]);
  if ((settings.match(/\.projectDir\s*=/g) ?? []).length > moved.size)
    r.inputs.refuse('settings.gradle sets a projectDir the tool cannot read');
  for (const m of settings.matchAll(/^\s*include\b\s*\(?([^)\n]*)/gm)) {
    for (const q of m[1].matchAll(/["']([^"']+)["']/g)) {
      const name = q[1].replace(/^:/, '');
      const dir = p.resolve(moved.get(name) ?? name.replace(/:/g, '/'));
      r.inputs.optional(`${dir}/build.gradle`);
      r.inputs.optional(`${dir}/build.gradle.kts`);
      r.inputs.optional(`${dir}/gradle.properties`);
    }
  }
  for (const m of settings.matchAll(/\bincludeBuild\s*\(?\s*["']([^"']+)["']/g))
    r.inputs.require(p.resolve(m[1]), 'includeBuild');
  r.inputs.guess('Gradle build scripts are programs: the files they read cannot all be known');
  r.inputs.warmup = `${tool} dependencies --no-daemon`;
}
