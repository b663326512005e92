/** Config files copied from the build context (src/copied.ts): where they land, what they set. */
import { configValue, copiedFiles, placedFiles } from '../src/copied';
import { DockerfileDoc } from '../src/dockerfile';
import { StageModel } from '../src/stage';
import { initShellParser } from '../src/shell';
import { memoryContext } from './helpers/memory-context';

beforeAll(() => initShellParser());

const FILES = {
  '.npmrc': 'cache=/a\n',
  'web/.npmrc': 'cache=/b\n',
  'web/package.json': '{}',
  'skip/.npmrc': 'cache=/c\n',
};

/** Where the `.npmrc` files copied before the last instruction of `dockerfile` land. */
function landed(
  dockerfile: string,
  ignore = '',
  near: string | null = null,
): [string, string | null, number][] {
  const doc = new DockerfileDoc(dockerfile, '\n');
  const ctx = memoryContext(FILES, ignore);
  return copiedFiles(doc, new StageModel(doc), ctx, doc.instructions.length - 1, ['.npmrc'], near).map(
    (f) => [f.rel, f.path, f.line],
  );
}

describe('copiedFiles', () => {
  test('a folder copy takes the file at its top along, and those on the way to the folder asked about', () => {
    const df = 'FROM n\nWORKDIR /app\nCOPY . .\nRUN npm ci\n';
    expect(landed(df)).toEqual([['.npmrc', '/app/.npmrc', 3]]);
    expect(landed(df, '', '/app/web/src')).toEqual([
      ['.npmrc', '/app/.npmrc', 3],
      ['web/.npmrc', '/app/web/.npmrc', 3],
    ]);
    expect(landed(df, '', '/elsewhere')).toEqual([['.npmrc', '/app/.npmrc', 3]]);
    expect(landed(df, 'skip/\n', '/app/skip')).toEqual([['.npmrc', '/app/.npmrc', 3]]);
    expect(landed(df, '.npmrc\n')).toEqual([]);
    expect(landed('FROM n\nCOPY web/ /srv/\nRUN npm ci\n')).toEqual([['web/.npmrc', '/srv/.npmrc', 2]]);
  });

  test('a file copy lands in a folder, or under the name given', () => {
    expect(landed('FROM n\nWORKDIR /w\nCOPY web/package.json web/.npmrc ./\nRUN x\n')).toEqual([
      ['web/.npmrc', '/w/.npmrc', 3],
    ]);
    expect(landed('FROM n\nCOPY .npmrc /root/.npmrc\nRUN x\n')).toEqual([['.npmrc', '/root/.npmrc', 2]]);
    expect(landed('FROM n\nCOPY [".npmrc", "/etc/"]\nRUN x\n')).toEqual([['.npmrc', '/etc/.npmrc', 2]]);
    expect(landed('FROM n\nADD .npmrc /x/\nRUN x\n')).toEqual([['.npmrc', '/x/.npmrc', 2]]);
  });

  test('a glob that may take it: copied, to a place not worked out', () => {
    expect(landed('FROM n\nCOPY .npm* /x/\nRUN x\n')).toEqual([['.npmrc', null, 2]]);
    expect(landed('FROM n\nCOPY *.json /x/\nRUN x\n')).toEqual([]);
  });

  test('copies from other stages or images, later copies and other stages do not count', () => {
    expect(landed('FROM n AS a\nCOPY --from=b .npmrc /x/\nRUN x\n')).toEqual([]);
    expect(landed('FROM n AS a\nCOPY . /a\nFROM n\nRUN x\n')).toEqual([]);
    expect(landed('FROM n AS a\nCOPY .npmrc /a/\nFROM a\nRUN x\n')).toEqual([['.npmrc', '/a/.npmrc', 2]]);
  });

  test('no build context: nothing known', () => {
    const doc = new DockerfileDoc('FROM n\nCOPY . .\nRUN x\n', '\n');
    expect(copiedFiles(doc, new StageModel(doc), null, 2, ['.npmrc'])).toEqual([]);
  });
});

describe('configValue', () => {
  test('ini: the last setting of the key, quotes removed, comments skipped', () => {
    expect(configValue('a=1\ncache = "/x"\n; cache=/no\n', 'cache', 'ini')).toBe('/x');
    expect(configValue('cache=/x\ncache=/y\n', 'cache', 'ini')).toBe('/y');
    expect(configValue('cache-min=10\n', 'cache', 'ini')).toBeUndefined();
    expect(configValue('cache=${HOME}/x\n', 'cache', 'ini')).toBeNull();
    expect(configValue(null, 'cache', 'ini')).toBeNull();
  });

  test('yaml: top-level keys only, trailing comments dropped', () => {
    expect(configValue('storeDir: /s # shared\n', 'storeDir', 'yaml')).toBe('/s');
    expect(configValue("packages:\n  storeDir: /nested\nstoreDir: '/top'\n", 'storeDir', 'yaml')).toBe(
      '/top',
    );
    expect(configValue('  storeDir: /nested\n', 'storeDir', 'yaml')).toBeUndefined();
  });

  test('yarnrc (v1): key, blank, value', () => {
    expect(configValue('cache-folder "/c"\n', 'cache-folder', 'yarnrc')).toBe('/c');
    expect(configValue('# cache-folder "/c"\n', 'cache-folder', 'yarnrc')).toBeUndefined();
  });
});

describe('placedFiles', () => {
  /** The files put at /root/.npmrc or /etc/pip.conf before the last instruction. */
  const placed = (dockerfile: string, files: Record<string, string> = FILES, withContext = true) => {
    const doc = new DockerfileDoc(dockerfile, '\n');
    const ctx = withContext ? memoryContext(files, '') : null;
    return placedFiles(doc, new StageModel(doc), ctx, doc.instructions.length - 1, [
      '/root/.npmrc',
      '/etc/pip.conf',
    ]).map((f) => [f.path, f.from, f.line, f.text]);
  };
  test('a file copied to the path or into its folder, or found in a copied folder', () => {
    expect(placed('FROM n\nCOPY web/.npmrc /root/.npmrc\nRUN x\n')).toEqual([
      ['/root/.npmrc', 'web/.npmrc', 2, 'cache=/b\n'],
    ]);
    expect(placed('FROM n\nCOPY .npmrc /root/\nRUN x\n')).toEqual([
      ['/root/.npmrc', '.npmrc', 2, 'cache=/a\n'],
    ]);
    expect(placed('FROM n\nCOPY web /root\nRUN x\n')).toEqual([
      ['/root/.npmrc', 'web/.npmrc', 2, 'cache=/b\n'],
    ]);
    expect(placed('FROM n\nCOPY web/.npmrc /home/x/.npmrc\nRUN x\n')).toEqual([]);
  });
  test('a glob takes the file into the folder of the path', () => {
    const files = { 'conf/pip.conf': '[global]\n', 'conf/other.conf': '' };
    expect(placed('FROM p\nCOPY conf/*.conf /etc/\nRUN x\n', files)).toEqual([
      ['/etc/pip.conf', 'conf/pip.conf', 2, '[global]\n'],
    ]);
    expect(placed('FROM p\nCOPY conf/o*.conf /etc/\nRUN x\n', files)).toEqual([]);
  });
  test('another stage, a heredoc, a variable or no context: put there, not readable', () => {
    expect(placed('FROM p AS a\nFROM p\nCOPY --from=a /x /etc/pip.conf\nRUN x\n')).toEqual([
      ['/etc/pip.conf', '--from=a', 3, null],
    ]);
    expect(placed('FROM p\nCOPY <<EOF /etc/pip.conf\n[global]\nEOF\nRUN x\n')).toEqual([
      ['/etc/pip.conf', 'a heredoc', 2, null],
    ]);
    expect(placed('FROM p\nARG C\nCOPY ${C} /etc/pip.conf\nRUN x\n')).toEqual([
      ['/etc/pip.conf', '${C}', 3, null],
    ]);
    expect(placed('FROM n\nCOPY .npmrc /root/.npmrc\nRUN x\n', FILES, false)).toEqual([
      ['/root/.npmrc', '.npmrc', 2, null],
    ]);
  });
});

describe('configValue sections', () => {
  test('an ini key counts before any section and in the sections named', () => {
    const conf = 'cache-dir = /top\n[global]\ncache-dir = /g\n[freeze]\ncache-dir = /f\n';
    expect(configValue(conf, 'cache-dir', 'ini', ['global', 'install'])).toBe('/g');
    expect(configValue('[freeze]\ncache-dir = /f\n', 'cache-dir', 'ini', ['global'])).toBeUndefined();
    expect(configValue('cache=/a\n[x]\ncache=/b\n', 'cache', 'ini')).toBe('/a');
  });
});
