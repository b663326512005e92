/**
 * Commands that fetch something from the network into the image — model weights, source
 * trees, toolchains, archives — with the paths they write and read. downloads-before-code
 * moves a RUN made of these above a COPY whose files they do not touch.
 */
import type { Normalized } from './commands';
import { basename, type ShellWord } from './shell';

export interface DownloadUse {
  /** Paths written (relative ones from the working folder); null: only the build knows. */
  writes: (string | null)[];
  /** Paths read. */
  reads: (string | null)[];
  /** Python code run with `-c`, to check for imports of the project's own modules. */
  code?: string;
}

const MODEL_CODE =
  /from_pretrained|snapshot_download|hf_hub_download|load_dataset|SentenceTransformer\(|\bpipeline\(|\.download\(|whisper\.load_model|torch\.hub\.load|urlretrieve|urlopen/;

/** What a download command writes and reads, or null when it is not one. */
export function downloadUse(n: Normalized, value: (w: ShellWord) => string | null): DownloadUse | null {
  const args = n.args;
  const v = (i: number) => (args[i] ? value(args[i]) : null);
  const opt = (names: string[]): (string | null)[] => {
    const out: (string | null)[] = [];
    args.forEach((w, i) => {
      const raw = w.value ?? '';
      for (const name of names) {
        if (raw === name) out.push(v(i + 1));
        else if (name.startsWith('--') && raw.startsWith(name + '=')) out.push(raw.slice(name.length + 1));
        else if (
          !name.startsWith('--') &&
          raw.startsWith(name) &&
          raw.length > name.length &&
          name.length === 2
        )
          out.push(raw.slice(2));
      }
    });
    return out;
  };
  const urls = args
    .map((w) => value(w))
    .filter((x): x is string => !!x && /^[a-z][a-z0-9+.-]*:\/\//i.test(x));
  const urlName = (u: string) => basename(u.replace(/[?#].*$/, '').replace(/\/+$/, '')) || 'index.html';
  switch (n.tool) {
    case 'curl': {
      const writes = [...opt(['-o', '--output'])];
      if (
        args.some((w) => w.value === '-O' || w.value === '--remote-name' || w.value === '--remote-name-all')
      )
        writes.push(...urls.map(urlName));
      const dir = opt(['--output-dir'])[0];
      const reads = [
        ...opt(['-T', '--upload-file', '-K', '--config']),
        ...opt(['-d', '--data', '--data-binary'])
          .filter((d) => d?.startsWith('@'))
          .map((d) => d!.slice(1)),
      ];
      return {
        writes:
          dir !== undefined ? writes.map((w) => (w === null || dir === null ? null : `${dir}/${w}`)) : writes,
        reads,
      };
    }
    case 'wget': {
      const doc = opt(['-O', '--output-document']);
      const prefix = opt(['-P', '--directory-prefix']);
      const writes = doc.length
        ? doc
        : urls.map((u) =>
            prefix.length ? (prefix[0] === null ? null : `${prefix[0]}/${urlName(u)}`) : urlName(u),
          );
      return { writes: writes.filter((w) => w !== '-'), reads: opt(['-i', '--input-file']) };
    }
    case 'git': {
      const sub = args.findIndex((w) => w.value === 'clone');
      if (sub < 0 || args.slice(0, sub).some((w) => !(w.value ?? '').startsWith('-'))) return null;
      const withValue = new Set([
        '-b',
        '--branch',
        '--depth',
        '-o',
        '--origin',
        '--reference',
        '-c',
        '--config',
        '--filter',
        '-j',
        '--jobs',
      ]);
      const operands: ShellWord[] = [];
      for (let i = sub + 1; i < args.length; i++) {
        const raw = args[i].value ?? '';
        if (withValue.has(raw)) i++;
        else if (!raw.startsWith('-')) operands.push(args[i]);
      }
      const url = operands[0] ? value(operands[0]) : null;
      const dir = operands[1] ? value(operands[1]) : url ? urlName(url).replace(/\.git$/, '') : null;
      return { writes: [dir], reads: [] };
    }
    case 'huggingface-cli':
    case 'hf':
      return args[0]?.value === 'download'
        ? { writes: opt(['--local-dir', '--cache-dir']), reads: [] }
        : null;
    case 'spacy':
    case 'nltk.downloader':
      return { writes: opt(['-d', '--dir']), reads: [] };
    default:
      if (/^(python|pypy)(\d+(\.\d+)?)?$/.test(n.tool) && args[0]?.value === '-c') {
        const code = v(1);
        if (code === null || !MODEL_CODE.test(code)) return null;
        return { writes: [], reads: [], code };
      }
      if (['rustup', 'sdk', 'nvm', 'pyenv', 'conda-install'].includes(n.tool))
        return { writes: [], reads: [] };
      return null;
  }
}

/** Top-level modules a piece of Python imports. */
export function pythonImports(code: string): string[] {
  const out = new Set<string>();
  for (const m of code.matchAll(
    /(?:^|[;\n]|\s)(?:from\s+([A-Za-z_][\w]*)[\w.]*\s+import|import\s+([A-Za-z_][\w.]*(?:\s*,\s*[A-Za-z_][\w.]*)*))/g,
  )) {
    if (m[1]) out.add(m[1]);
    if (m[2]) for (const part of m[2].split(',')) out.add(part.trim().split('.')[0]);
  }
  return [...out];
}

/** Installers fed on stdin (`curl ... | sh -s -- -y`): a shell without a script file. */
export function stdinShell(n: Normalized): boolean {
  if (!['sh', 'bash', 'dash', 'ash', 'zsh'].includes(n.tool)) return false;
  const operands = n.args.filter((w) => !(w.value ?? '').startsWith('-'));
  return n.args.some((w) => w.value === '-s') || operands.length === 0;
}
