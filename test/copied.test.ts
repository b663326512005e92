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

  test('a glob that names the file copies it into the folder; otherwise to a place not worked out', () => {
    expect(landed('FROM n\nCOPY .npm* /x/\nRUN x\n')).toEqual([['.npmrc', '/x/.npmrc', 2]]);
    expect(landed('FROM n\nWORKDIR /w\nCOPY web/package.json .npm* ./\nRUN x\n')).toEqual([
      ['.npmrc', '/w/.npmrc', 3],
    ]);
    // one source and no trailing slash: /x may be the file itself
    expect(landed('FROM n\nCOPY .npm* /x\nRUN x\n')).toEqual([['.npmrc', null, 2]]);
    expect(landed('FROM n\nCOPY ${DIR}/ /x/\nRUN x\n')).toEqual([['.npmrc', null, 2]]);
    expect(landed('FROM n\nCOPY *.json /x/\nRUN x\n')).toEqual([]);
  });

  test("the RUN's own bind mounts of the context count, after what the image holds", () => {
    const doc = new DockerfileDoc(
      'FROM n\nWORKDIR /app\nCOPY .npmrc ./\nRUN --mount=type=bind,source=web/.npmrc,target=.npmrc --mount=type=bind,target=/ctx --mount=type=bind,from=x,source=/,target=/y npm ci\n',
      '\n',
    );
    const at = (before?: number) =>
      copiedFiles(doc, new StageModel(doc), memoryContext(FILES), 3, ['.npmrc'], null, before).map((f) => [
        f.rel,
        f.path,
        f.how,
      ]);
    expect(at(0)).toEqual([
      ['.npmrc', '/app/.npmrc', 'copied'],
      ['web/.npmrc', '/app/.npmrc', 'bind-mounted'],
      ['.npmrc', '/ctx/.npmrc', 'bind-mounted'],
    ]);
    // asked about the instruction, not a command of the RUN: only what the image holds
    expect(at()).toEqual([['.npmrc', '/app/.npmrc', 'copied']]);
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

  test('json: a string at a dotted path; anything else there, or no JSON, is unknown', () => {
    const key = 'config.cache-dir';
    expect(configValue('{"config": {"cache-dir": "/c", "x": 1}}', key, 'json')).toBe('/c');
    expect(configValue('{"config": {"sort-packages": true}}', key, 'json')).toBeUndefined();
    expect(configValue('{"cache-dir": "/top"}', key, 'json')).toBeUndefined();
    expect(configValue('{"config": {"cache-dir": "{$home}/c"}}', key, 'json')).toBeNull();
    expect(configValue('{"config": {"cache-dir": false}}', key, 'json')).toBeNull();
    expect(configValue('{"config": ', key, 'json')).toBeNull();
  });

  test('toml: a dotted key however its tables are written; tables, other values are unknown', () => {
    const key = 'install.cache.dir';
    expect(configValue('[install.cache]\ndir = "/c" # here\n', key, 'toml')).toBe('/c');
    expect(configValue("[install]\ncache.dir = '/c'\n", key, 'toml')).toBe('/c');
    expect(configValue('install.cache.dir = "/c"\n', key, 'toml')).toBe('/c');
    expect(configValue('[install]\nregistry = "x"\n[run]\ndir = "/no"\n', key, 'toml')).toBeUndefined();
    expect(configValue('[install]\ncache = false\n', key, 'toml')).toBeNull();
    expect(configValue('[install]\ncache = { dir = "/c" }\n', key, 'toml')).toBeNull();
    expect(configValue('[install.cache]\ndisable = true\n', 'install.cache', 'toml')).toBeNull();
    expect(configValue('[install]\ncache = "/c"\n', 'install.cache', 'toml')).toBe('/c');
  });
});

describe('placedFiles', () => {
  /** The files put at /root/.npmrc or /etc/pip.conf before the last instruction. */
  const placed = (
    dockerfile: string,
    files: Record<string, string> = FILES,
    withContext = true,
    before?: number,
  ) => {
    const doc = new DockerfileDoc(dockerfile, '\n');
    const ctx = withContext ? memoryContext(files, '') : null;
    return placedFiles(
      doc,
      new StageModel(doc),
      ctx,
      doc.instructions.length - 1,
      ['/root/.npmrc', '/etc/pip.conf'],
      before,
    ).map((f) => [f.path, f.how, f.line, f.text]);
  };
  test('a file copied to the path or into its folder, or found in a copied folder', () => {
    expect(placed('FROM n\nCOPY web/.npmrc /root/.npmrc\nRUN x\n')).toEqual([
      ['/root/.npmrc', 'copied from web/.npmrc', 2, 'cache=/b\n'],
    ]);
    expect(placed('FROM n\nCOPY .npmrc /root/\nRUN x\n')).toEqual([
      ['/root/.npmrc', 'copied from .npmrc', 2, 'cache=/a\n'],
    ]);
    expect(placed('FROM n\nCOPY web /root\nRUN x\n')).toEqual([
      ['/root/.npmrc', 'copied from web/.npmrc', 2, 'cache=/b\n'],
    ]);
    expect(placed('FROM n\nCOPY web/.npmrc /home/x/.npmrc\nRUN x\n')).toEqual([]);
    // `.`, `..` and the WORKDIR are folders: the file goes into them
    for (const dest of ['.', '/root', '../root', 'x/..'])
      expect(placed(`FROM n\nWORKDIR /root\nCOPY .npmrc ${dest}\nRUN x\n`)).toEqual([
        ['/root/.npmrc', 'copied from .npmrc', 3, 'cache=/a\n'],
      ]);
    // a folder copied to the root: its files below it
    expect(placed('FROM n\nCOPY web /\nRUN x\n', { 'web/etc/pip.conf': '[global]\n' })).toEqual([
      ['/etc/pip.conf', 'copied from web/etc/pip.conf', 2, '[global]\n'],
    ]);
  });
  test('a glob takes the file into the folder of the path', () => {
    const files = { 'conf/pip.conf': '[global]\n', 'conf/other.conf': '' };
    expect(placed('FROM p\nCOPY conf/*.conf /etc/\nRUN x\n', files)).toEqual([
      ['/etc/pip.conf', 'copied from conf/pip.conf', 2, '[global]\n'],
    ]);
    expect(placed('FROM p\nCOPY conf/o*.conf /etc/\nRUN x\n', files)).toEqual([]);
  });
  test('another stage, a heredoc, a variable or no context: put there, not readable', () => {
    expect(placed('FROM p AS a\nFROM p\nCOPY --from=a /x /etc/pip.conf\nRUN x\n')).toEqual([
      ['/etc/pip.conf', 'copied from --from=a', 3, null],
    ]);
    // BuildKit expands the variables of a heredoc whose delimiter is not quoted
    expect(placed('FROM p\nARG D\nCOPY <<EOF /etc/pip.conf\n[global]\ncache-dir = $D\nEOF\nRUN x\n')).toEqual(
      [['/etc/pip.conf', 'copied from a heredoc', 3, null]],
    );
    expect(placed('FROM p\nARG C\nCOPY ${C} /etc/pip.conf\nRUN x\n')).toEqual([
      ['/etc/pip.conf', 'copied from ${C}', 3, null],
    ]);
    expect(placed('FROM n\nCOPY .npmrc /root/.npmrc\nRUN x\n', FILES, false)).toEqual([
      ['/root/.npmrc', 'copied from .npmrc', 2, null],
    ]);
  });
  test('a heredoc: its text, at the destination or named after it in a folder', () => {
    expect(placed('FROM p\nCOPY <<EOF /etc/pip.conf\n[global]\nEOF\nRUN x\n')).toEqual([
      ['/etc/pip.conf', 'copied from a heredoc', 2, '[global]\n'],
    ]);
    // quoted: `$` is kept as written; `<<-`: leading tabs go
    expect(placed("FROM p\nCOPY <<-'EOF' /etc/pip.conf\n\t[global]\n\tx = $HOME\n\tEOF\nRUN x\n")).toEqual([
      ['/etc/pip.conf', 'copied from a heredoc', 2, '[global]\nx = $HOME\n'],
    ]);
    expect(
      placed('FROM n\nCOPY <<.npmrc <<pip.conf /etc/\ncache=/x\n.npmrc\n[global]\npip.conf\nRUN x\n'),
    ).toEqual([['/etc/pip.conf', 'copied from a heredoc', 2, '[global]\n']]);
    expect(placed('FROM n\nCOPY <<.npmrc /root/\ncache=/x\n.npmrc\nRUN x\n')).toEqual([
      ['/root/.npmrc', 'copied from a heredoc', 2, 'cache=/x\n'],
    ]);
    expect(placed('FROM n\nCOPY <<.npmrc /root/npmrc\ncache=/x\n.npmrc\nRUN x\n')).toEqual([]);
  });
  test('written by an earlier RUN: echo and printf are read, other writers are not', () => {
    expect(placed('FROM n\nRUN echo "cache=/srv/npm" > ~/.npmrc\nRUN x\n')).toEqual([
      ['/root/.npmrc', 'written by `echo "cache=/srv/npm" > ~/.npmrc`', 2, 'cache=/srv/npm\n'],
    ]);
    expect(placed("FROM p\nRUN printf '[global]\\ncache-dir = %s\\n' /c > /etc/pip.conf\nRUN x\n")).toEqual([
      [
        '/etc/pip.conf',
        "written by `printf '[global]\\ncache-dir = %s\\n' /c > /etc/pip.conf`",
        2,
        '[global]\ncache-dir = /c\n',
      ],
    ]);
    // dash and bash print these differently
    expect(placed("FROM n\nRUN echo 'a\\ncache=/x' > /root/.npmrc\nRUN x\n")[0][3]).toBeNull();
    expect(placed("FROM n\nRUN echo -e 'cache=/x' > /root/.npmrc\nRUN x\n")[0][3]).toBeNull();
    for (const run of [
      'cp /tmp/npmrc /root/.npmrc',
      'cp /tmp/.npmrc /root/',
      'echo cache=/x | tee /root/.npmrc',
      "sed -i 's/a/b/' /root/.npmrc",
      'curl -fsSo /root/.npmrc https://x/npmrc',
      'cat > /root/.npmrc <<EOF\ncache=/x\nEOF',
      'if [ -n "$X" ]; then echo cache=/x > /root/.npmrc; fi',
      'echo cache=/x > "$CONF"/.npmrc',
    ])
      expect(placed(`FROM n\nRUN ${run}\nRUN x\n`).map((f) => [f[0], f[3]])).toEqual([
        ['/root/.npmrc', null],
      ]);
    expect(placed('FROM n\nRUN echo hi > /root/npmrc.txt && cp a /tmp/\nRUN x\n')).toEqual([]);
  });
  test('an expansion is unknown: in a value it is a value known only at build time, in a key it is anything', () => {
    const text = (run: string) => placed(`FROM n\nARG T\nRUN ${run}\nRUN x\n`)[0][3];
    expect(text('echo "//registry.npmjs.org/:_authToken=${T}" > /root/.npmrc')).toBe(
      '//registry.npmjs.org/:_authToken=${?}\n',
    );
    expect(text('echo "cache=$T" > /root/.npmrc')).toBe('cache=${?}\n');
    expect(text('echo "${T}=/x" > /root/.npmrc')).toBeNull();
    expect(text('echo "$T" > /root/.npmrc')).toBeNull();
    expect(text('printf \'[%s]\\ncache-dir=/x\\n\' "$T" > /etc/pip.conf')).toBeNull();
  });
  test('appended text follows what the file held; rm empties it; the same RUN counts before the command', () => {
    expect(
      placed('FROM n\nCOPY .npmrc /root/.npmrc\nRUN echo "fund=false" >> ~/.npmrc\nRUN x\n').pop()?.[3],
    ).toBe('cache=/a\nfund=false\n');
    expect(placed('FROM n\nCOPY .npmrc /root/.npmrc\nRUN rm -rf /root\nRUN x\n').pop()?.[3]).toBe('');
    const same = 'FROM n\nRUN echo cache=/x > /root/.npmrc && npm ci && echo cache=/y > /root/.npmrc\n';
    expect(placed(same, FILES, true, 1).map((f) => f[3])).toEqual(['cache=/x\n']);
    expect(placed(same, FILES, true, 0)).toEqual([]);
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

describe('configValue of Maven files', () => {
  test('args: -Dkey=value, -D key=value, --define key=value; the last one; comment lines skipped', () => {
    expect(configValue('-B\n-Dmaven.repo.local=/a\n', 'maven.repo.local', 'args')).toBe('/a');
    expect(
      configValue('-D maven.repo.local=/a --define maven.repo.local="/b"', 'maven.repo.local', 'args'),
    ).toBe('/b');
    expect(configValue('# -Dmaven.repo.local=/a\n-Xmx1g\n', 'maven.repo.local', 'args')).toBeUndefined();
    expect(configValue('maven.repo.local=/a', 'maven.repo.local', 'args')).toBeUndefined();
    expect(configValue('-Dmaven.repo.local=${REPO}', 'maven.repo.local', 'args')).toBeNull();
  });
  test('xml: the element outside comments; the home folder as ~; other properties unknown', () => {
    const xml = (v: string) =>
      `<settings>\n<!-- <localRepository>/old</localRepository> -->\n${v}</settings>`;
    expect(configValue(xml('<localRepository> /r </localRepository>'), 'localRepository', 'xml')).toBe('/r');
    expect(
      configValue(xml('<localRepository>${user.home}/r</localRepository>'), 'localRepository', 'xml'),
    ).toBe('~/r');
    expect(
      configValue(xml('<localRepository>${env.REPO}</localRepository>'), 'localRepository', 'xml'),
    ).toBeNull();
    expect(configValue(xml('<mirrors/>'), 'localRepository', 'xml')).toBeUndefined();
  });
});
