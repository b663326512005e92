/**
 * The syntax tree the shell walk reads (src/shell.ts): tree-sitter-bash's node types,
 * fields and ranges, as plain objects. Two parsers build it: the copy of a tree-sitter
 * tree, and the quick parser for the common subset of shell (src/shell-quick.ts).
 */

/**
 * A node of the syntax tree: the part of tree-sitter's node API the walk uses. Reading
 * tree-sitter's nodes goes through WebAssembly memory on every property and makes a new
 * array on every `children`; one pass of a tree cursor copies the whole tree for less
 * than that walk cost on its own, and the tree can be freed at once.
 */
export class Node {
  children: Node[] = NONE;
  namedChildren: Node[] = NONE;
  /** Field id of each child in its parent ({@link children} order; 0: none). */
  fields: number[] = NO_FIELDS;
  /** Set when the node is attached (the quick parser builds some nodes before their parent). */
  parent: Node | null = null;
  constructor(
    readonly id: number,
    readonly type: string,
    readonly isNamed: boolean,
    /** Both ends move while a list or pipeline is built or regrouped. */
    public startIndex: number,
    public endIndex: number,
    private readonly source: string,
  ) {}
  get text(): string {
    return this.source.slice(this.startIndex, this.endIndex);
  }
  get namedChildCount(): number {
    return this.namedChildren.length;
  }
  child(i: number): Node | null {
    return this.children[i] ?? null;
  }
  namedChild(i: number): Node | null {
    return this.namedChildren[i] ?? null;
  }
  childForFieldName(name: string): Node | null {
    const i = this.fields.indexOf(fieldId(name));
    return i < 0 ? null : this.children[i];
  }
  /** A node of the same text. */
  like(id: number, type: string, start: number, end: number): Node {
    return new Node(id, type, true, start, end, this.source);
  }
  /** Adds `child` as the last child, in the field named `field` if given. */
  append(child: Node, field?: string): void {
    this.appendWithField(child, field ? fieldId(field) : 0);
  }
  /** Adds `child` as the last child, in the field of id `field` (0: none). */
  appendWithField(child: Node, field: number): void {
    if (this.children === NONE) {
      this.children = [];
      this.namedChildren = [];
      this.fields = [];
    }
    child.parent = this;
    this.children.push(child);
    this.fields.push(field);
    if (child.isNamed) this.namedChildren.push(child);
  }
}

/** The children of a leaf (most nodes): shared, never written. */
const NONE: Node[] = Object.freeze([]) as unknown as Node[];
const NO_FIELDS: number[] = Object.freeze([]) as unknown as number[];

let fieldLookup: ((name: string) => number) | null = null;
const fieldIds = new Map<string, number>();

/** Where field ids come from: the loaded tree-sitter-bash grammar. */
export function useFieldIds(lookup: (name: string) => number): void {
  fieldLookup = lookup;
  fieldIds.clear();
}

/** The grammar's id of a field name (-1: no such field). */
export function fieldId(name: string): number {
  let id = fieldIds.get(name);
  if (id === undefined) {
    id = fieldLookup ? fieldLookup(name) : -1;
    if (fieldLookup) fieldIds.set(name, id);
  }
  return id;
}
