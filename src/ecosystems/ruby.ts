/** Bundler: Gemfile and Gemfile.lock; `gemspec` reads the gem's own source (no move); `path:` gems and `eval_gemfile` files are inputs. */
import { localInput, specFiles, type ReaderArgs } from './reader';

export function gemfile(r: ReaderArgs): void {
  const p = r.project;
  if (!specFiles(r)) return;
  const file = `${p.cwd}/Gemfile`;
  const text = p.read(file) ?? '';
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '');
    const where = `Gemfile line ${i + 1}`;
    if (/^\s*gemspec\b/.test(line)) r.inputs.refuse(`${where}: \`gemspec\` reads the gem's own source`);
    const path = /(?:\bpath:\s*|:path\s*=>\s*)["']([^"']+)["']/.exec(line);
    if (path) localInput(r, p.resolve(path[1]), `${where}: path ${path[1]}`);
    const evalFile = /^\s*eval_gemfile\s*\(?\s*["']([^"']+)["']/.exec(line);
    if (evalFile) r.inputs.require(p.resolve(evalFile[1]), `${where}: eval_gemfile`);
  });
}
