/**
 * Go: go.mod and go.sum of the module (found from the working folder upwards), go.work and
 * its modules, and every local `replace` target's go.mod — a replacement outside what the
 * copy brings in means no move. `go install pkg@version` does not read the project.
 */
import { readArgs, type ReaderArgs } from './reader';

const WITH_VALUE = [
  '-o',
  '-C',
  '-p',
  '-mod',
  '-modfile',
  '-tags',
  '-ldflags',
  '-gcflags',
  '-asmflags',
  '-buildmode',
  '-compiler',
  '-pkgdir',
  '-run',
  '-bench',
  '-timeout',
  '-count',
  '-coverprofile',
  '-exec',
  '-toolexec',
  '-overlay',
  '-pgo',
];

export function gomod(r: ReaderArgs): void {
  const { positionals, options, flags } = readArgs(r, WITH_VALUE);
  const p = r.project;
  if (
    ['install', 'run'].includes(r.inv.subcommand) &&
    positionals.length &&
    positionals.every((v) => v?.includes('@'))
  )
    return;
  if (options.has('-modfile') || flags.has('-modfile')) {
    r.inputs.refuse('it names its own go.mod (-modfile)');
    return;
  }
  const chdir = options.get('-C')?.[0];
  const start = chdir ? p.resolve(chdir) : p.cwd;
  const found = upwards(r, start, 'go.mod');
  if (!found) {
    const work = upwards(r, start, 'go.work');
    if (work) {
      r.inputs.refuse(
        `it builds in the Go workspace of ${p.display(work)}, whose folder has no go.mod of its own (the tool prepares workspaces only from a module's folder)`,
      );
      return;
    }
  }
  const mod = found ?? `${start}/go.mod`;
  const dir = mod.slice(0, mod.lastIndexOf('/')) || '/';
  if (!r.inputs.require(mod)) return;
  r.inputs.optional(`${dir}/go.sum`);
  if (p.available(`${dir}/vendor/modules.txt`)) {
    r.inputs.refuse(
      `${p.display(`${dir}/vendor`)} is in the build context: the build uses the vendored modules, there is nothing to download`,
    );
    return;
  }
  const seen = new Set<string>([dir]);
  replaces(r, dir, 'go.mod', seen);
  const work = upwards(r, start, 'go.work');
  if (work) {
    const wdir = work.slice(0, work.lastIndexOf('/')) || '/';
    r.inputs.require(work);
    r.inputs.optional(`${wdir}/go.work.sum`);
    const text = p.read(work) ?? '';
    for (const use of directiveArgs(text, 'use')) {
      const m = p.resolve(use[0], wdir);
      if (!localTarget(r, m, `go.work uses ${use[0]}`)) return;
      if (!seen.has(m) && r.inputs.require(`${m}/go.mod`)) {
        seen.add(m);
        r.inputs.optional(`${m}/go.sum`);
        replaces(r, m, 'go.mod', seen);
      }
    }
    replaces(r, wdir, 'go.work', seen);
  }
}

/** The nearest `name` from `dir` up to the top of what the copy brings in. */
function upwards(r: ReaderArgs, dir: string, name: string): string | null {
  const p = r.project;
  for (let d = dir; ; d = d.slice(0, d.lastIndexOf('/')) || '/') {
    if (p.available(`${d === '/' ? '' : d}/${name}`)) return `${d === '/' ? '' : d}/${name}`;
    if (d === '/' || d === p.copy.dest) return null;
  }
}

/** Local `replace` targets of a go.mod or go.work in `dir`, recursively. */
function replaces(r: ReaderArgs, dir: string, file: string, seen: Set<string>): void {
  const p = r.project;
  const text = p.read(`${dir}/${file}`) ?? '';
  for (const args of directiveArgs(text, 'replace')) {
    const arrow = args.indexOf('=>');
    const target = args[arrow + 1];
    if (arrow < 0 || !target || !/^(\.{1,2}(\/|$)|\/)/.test(target)) continue;
    const t = p.resolve(target, dir);
    const what = `${p.display(`${dir}/${file}`)} replaces ${args[0]} with ${target}`;
    if (!localTarget(r, t, what)) return;
    if (seen.has(t)) continue;
    seen.add(t);
    if (!r.inputs.require(`${t}/go.mod`, what)) return;
    r.inputs.optional(`${t}/go.sum`);
    replaces(r, t, 'go.mod', seen);
  }
}

function localTarget(r: ReaderArgs, dir: string, what: string): boolean {
  // brought by the copy, or already there from an earlier COPY
  if (r.project.source(dir) !== null || r.project.available(dir)) return true;
  r.inputs.refuse(`${what}, which is outside what the COPY brings in`);
  return false;
}

/** Arguments of each `name ...` line and `name ( ... )` block line of go.mod/go.work syntax. */
export function directiveArgs(text: string, name: string): string[][] {
  const out: string[][] = [];
  let inBlock = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (inBlock) {
      if (line === ')') inBlock = false;
      else if (line) out.push(words(line));
      continue;
    }
    const m = new RegExp(`^${name}\\s*(\\(|\\s.*)$`).exec(line);
    if (!m) continue;
    if (m[1] === '(') inBlock = true;
    else out.push(words(m[1].trim()));
  }
  return out;
}

function words(s: string): string[] {
  return (s.match(/"[^"]*"|`[^`]*`|\S+/g) ?? []).map((w) => w.replace(/^["`]|["`]$/g, ''));
}
