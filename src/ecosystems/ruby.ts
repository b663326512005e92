/**
 * Bundler: Gemfile and Gemfile.lock; `gemspec` reads the gem's own source (no move); `path:`
 * gems, `path "dir" do ... end` blocks, `eval_gemfile` files (read the same way, paths
 * relative to the file), `ruby file:` and vendor/cache are inputs; a Gemfile that reads
 * files itself stops the move.
 */
import { localInput, readArgs, specFiles, type ReaderArgs } from './reader';

export function gemfile(r: ReaderArgs): void {
  if (!specFiles(r)) return;
  installPath(r);
  // gems packaged into vendor/cache (`bundle package`): install takes them from there
  r.inputs.optional(`${r.project.cwd}/vendor/cache`);
  readGemfile(r, `${r.project.cwd}/Gemfile`, new Set());
}

function readGemfile(r: ReaderArgs, file: string, seen: Set<string>): void {
  const p = r.project;
  if (seen.has(file)) return;
  seen.add(file);
  const text = p.read(file) ?? '';
  const dir = file.slice(0, file.lastIndexOf('/')) || '/';
  const name = p.display(file);
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '');
    const where = `${name} line ${i + 1}`;
    if (/^\s*gemspec\b/.test(line)) r.inputs.refuse(`${where}: \`gemspec\` reads the gem's own source`);
    // `ruby file: ".ruby-version"`: the version comes from that file
    const rubyFile = /^\s*ruby\b.*\bfile:\s*["']([^"']+)["']/.exec(line);
    if (rubyFile) r.inputs.require(p.resolve(rubyFile[1], dir), `${where}: ruby file:`);
    // the Gemfile is Ruby: one that reads files itself (`File.read(".ruby-version")`) reads what the tool cannot list
    if (/\b(File|IO)\.(read|open|readlines|foreach)\b|\bDir\.(glob|\[)|\bDir\[/.test(line))
      r.inputs.refuse(`${where} reads files itself (\`${line.trim()}\`)`);
    const path = /(?:\bpath:\s*|:path\s*=>\s*)["']([^"']+)["']/.exec(line);
    if (path) localInput(r, p.resolve(path[1], dir), `${where}: path ${path[1]}`);
    // the gems of a `path "components" do ... end` block are found in that folder
    const block = /^\s*path\s*\(?\s*["']([^"']+)["'][^#]*\b(do|\{)/.exec(line);
    if (block) localInput(r, p.resolve(block[1], dir), `${where}: path ${block[1]}`);
    const evalFile = /^\s*eval_gemfile\s*\(?\s*["']([^"']+)["']/.exec(line);
    if (evalFile) {
      const target = p.resolve(evalFile[1], dir);
      if (r.inputs.require(target, `${where}: eval_gemfile`)) readGemfile(r, target, seen);
    }
    // `path: File.expand_path("x", __dir__)`, `"#{__dir__}/x"`: only Ruby knows where
    const computed =
      /(\bpath:|:path\s*=>)\s*(?!["'][^"'#]*["'])\S/.test(line) ||
      /^\s*(path|eval_gemfile)\b\s*\(?\s*(?!["'][^"'#]*["'])[^\s=]/.test(line);
    if (computed) r.inputs.refuse(`${where} names a path the Gemfile computes`);
  });
}

/**
 * Where Bundler installs the gems when its `path` setting puts them in the project (besides
 * deployment mode's vendor/bundle, an output of the spec): `--path`, `BUNDLE_PATH`,
 * `bundle config set path` in an earlier RUN, `BUNDLE_PATH` in the project's .bundle/config.
 * Each one given counts (which of them wins is not worked out); one only the build knows
 * stops the move.
 */
function installPath(r: ReaderArgs): void {
  const p = r.project;
  const found: { value: string | null; where: string }[] = [];
  const { options } = readArgs(r, [
    '--path',
    '--gemfile',
    '--jobs',
    '-j',
    '--retry',
    '--without',
    '--with',
    '--binstubs',
  ]);
  for (const v of options.get('--path') ?? []) found.push({ value: v, where: '--path' });
  const e = r.env('BUNDLE_PATH');
  if (e)
    found.push({
      value: e.value,
      where: e.value === null ? (r.unknownWhy('$BUNDLE_PATH') ?? '$BUNDLE_PATH') : '$BUNDLE_PATH',
    });
  const stored = r.stored('path');
  if (stored) found.push({ value: stored.value, where: stored.by });
  const config = p.available(`${p.cwd}/.bundle/config`) ? p.read(`${p.cwd}/.bundle/config`) : null;
  const m = config && /^BUNDLE_PATH:\s*["']?([^"'\n]*?)["']?\s*$/m.exec(config);
  if (m) found.push({ value: m[1], where: `BUNDLE_PATH in ${p.display(`${p.cwd}/.bundle/config`)}` });
  for (const { value, where } of found) {
    if (value === null || value.includes('$'))
      r.inputs.refuse(`where Bundler installs the gems (${where}) is only known when the image builds`);
    else if (value && !value.startsWith('~')) r.inputs.output(p.resolve(value));
  }
}
