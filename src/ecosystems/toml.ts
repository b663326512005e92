/**
 * A small TOML reader: enough of TOML 1.0 to read Cargo.toml, pyproject.toml and Pipfile
 * (tables, arrays of tables, dotted keys, strings, numbers, booleans, arrays, inline tables).
 * Dates are read as strings. Throws {@link TomlError} on what it does not understand.
 */
export type TomlValue = string | number | boolean | TomlValue[] | TomlTable;
export interface TomlTable {
  [key: string]: TomlValue;
}

export class TomlError extends Error {}

export function parseToml(text: string): TomlTable {
  return new Reader(text).document();
}

/** `table.a.b` as a table, or null when absent or not a table. */
export function tableAt(root: TomlTable, ...path: string[]): TomlTable | null {
  let cur: TomlValue | undefined = root;
  for (const k of path) {
    if (!isTable(cur)) return null;
    cur = cur[k];
  }
  return isTable(cur) ? cur : null;
}

export function isTable(v: TomlValue | undefined): v is TomlTable {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The strings of an array value (others skipped); [] when absent. */
export function stringsAt(table: TomlTable | null, key: string): string[] {
  const v = table?.[key];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

class Reader {
  private i = 0;
  constructor(private readonly s: string) {}

  document(): TomlTable {
    const root: TomlTable = {};
    let current = root;
    for (;;) {
      this.skipBlankLines();
      if (this.i >= this.s.length) return root;
      if (this.s[this.i] === '[') {
        const array = this.s[this.i + 1] === '[';
        this.i += array ? 2 : 1;
        const path = this.keyPath();
        this.expect(array ? ']]' : ']');
        current = array ? this.appendTable(root, path) : this.openTable(root, path);
      } else {
        const path = this.keyPath();
        this.expect('=');
        this.assign(current, path, this.value());
      }
      this.endOfLine();
    }
  }

  private openTable(root: TomlTable, path: string[]): TomlTable {
    let t = root;
    for (const k of path) {
      const v = t[k];
      if (v === undefined) t = t[k] = {};
      else if (isTable(v)) t = v;
      else if (Array.isArray(v) && isTable(v[v.length - 1])) t = v[v.length - 1] as TomlTable;
      else throw new TomlError(`key ${path.join('.')} is not a table`);
    }
    return t;
  }

  private appendTable(root: TomlTable, path: string[]): TomlTable {
    const parent = this.openTable(root, path.slice(0, -1));
    const last = path[path.length - 1];
    const arr = parent[last] ?? (parent[last] = []);
    if (!Array.isArray(arr)) throw new TomlError(`key ${path.join('.')} is not an array of tables`);
    const t: TomlTable = {};
    arr.push(t);
    return t;
  }

  private assign(table: TomlTable, path: string[], value: TomlValue): void {
    const parent = this.openTable(table, path.slice(0, -1));
    parent[path[path.length - 1]] = value;
  }

  private keyPath(): string[] {
    const out: string[] = [];
    for (;;) {
      this.skipSpaces();
      const c = this.s[this.i];
      if (c === '"' || c === "'") out.push(this.string());
      else {
        const m = /^[A-Za-z0-9_-]+/.exec(this.s.slice(this.i));
        if (!m) throw new TomlError(`bad key at offset ${this.i}`);
        out.push(m[0]);
        this.i += m[0].length;
      }
      this.skipSpaces();
      if (this.s[this.i] !== '.') return out;
      this.i++;
    }
  }

  private value(): TomlValue {
    this.skipSpaces();
    const c = this.s[this.i];
    if (c === '"' || c === "'") return this.string();
    if (c === '[') return this.array();
    if (c === '{') return this.inlineTable();
    const m = /^[^\s,\]}#]+/.exec(this.s.slice(this.i));
    if (!m) throw new TomlError(`bad value at offset ${this.i}`);
    this.i += m[0].length;
    if (m[0] === 'true') return true;
    if (m[0] === 'false') return false;
    const n = Number(m[0].replace(/_/g, ''));
    return Number.isNaN(n) ? m[0] : n;
  }

  private string(): string {
    const q = this.s[this.i];
    const multi = this.s.startsWith(q.repeat(3), this.i);
    this.i += multi ? 3 : 1;
    if (multi && this.s[this.i] === '\n') this.i++;
    else if (multi && this.s.startsWith('\r\n', this.i)) this.i += 2;
    let out = '';
    for (;;) {
      if (this.i >= this.s.length) throw new TomlError('unterminated string');
      const c = this.s[this.i];
      if (multi ? this.s.startsWith(q.repeat(3), this.i) : c === q) {
        this.i += multi ? 3 : 1;
        return out;
      }
      if (!multi && c === '\n') throw new TomlError('newline in string');
      if (c === '\\' && q === '"') {
        const e = this.s[this.i + 1];
        const simple: Record<string, string> = {
          n: '\n',
          t: '\t',
          r: '\r',
          '"': '"',
          '\\': '\\',
          b: '\b',
          f: '\f',
        };
        if (e in simple) {
          out += simple[e];
          this.i += 2;
        } else if (e === 'u' || e === 'U') {
          const len = e === 'u' ? 4 : 8;
          out += String.fromCodePoint(parseInt(this.s.slice(this.i + 2, this.i + 2 + len), 16));
          this.i += 2 + len;
        } else if (multi && /\s/.test(e)) {
          this.i++;
          while (/\s/.test(this.s[this.i] ?? '')) this.i++;
        } else throw new TomlError(`bad escape \\${e}`);
        continue;
      }
      out += c;
      this.i++;
    }
  }

  private array(): TomlValue[] {
    this.i++;
    const out: TomlValue[] = [];
    for (;;) {
      this.skipBlankLines();
      if (this.s[this.i] === ']') {
        this.i++;
        return out;
      }
      out.push(this.value());
      this.skipBlankLines();
      if (this.s[this.i] === ',') this.i++;
      else if (this.s[this.i] !== ']') throw new TomlError(`expected , or ] at offset ${this.i}`);
    }
  }

  private inlineTable(): TomlTable {
    this.i++;
    const t: TomlTable = {};
    this.skipSpaces();
    if (this.s[this.i] === '}') {
      this.i++;
      return t;
    }
    for (;;) {
      const path = this.keyPath();
      this.expect('=');
      this.assign(t, path, this.value());
      this.skipSpaces();
      const c = this.s[this.i++];
      if (c === '}') return t;
      if (c !== ',') throw new TomlError(`expected , or } at offset ${this.i - 1}`);
    }
  }

  private expect(tok: string): void {
    this.skipSpaces();
    if (!this.s.startsWith(tok, this.i)) throw new TomlError(`expected ${tok} at offset ${this.i}`);
    this.i += tok.length;
  }

  private skipSpaces(): void {
    while (this.s[this.i] === ' ' || this.s[this.i] === '\t') this.i++;
  }

  /** Spaces, newlines and comments. */
  private skipBlankLines(): void {
    for (;;) {
      const c = this.s[this.i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.i++;
      else if (c === '#') while (this.i < this.s.length && this.s[this.i] !== '\n') this.i++;
      else return;
    }
  }

  private endOfLine(): void {
    this.skipSpaces();
    if (this.s[this.i] === '#') while (this.i < this.s.length && this.s[this.i] !== '\n') this.i++;
    if (this.s[this.i] === '\r') this.i++;
    if (this.i < this.s.length && this.s[this.i] !== '\n')
      throw new TomlError(`unexpected text at offset ${this.i}`);
    this.i++;
  }
}
