/**
 * What is worked out once about a per-file object (a document, an instruction, a shell
 * command), kept on that object under a symbol of this memo's own.
 *
 * The obvious alternative, a module-level WeakMap, costs more here: its table lives in
 * V8's old generation, and young-generation collections keep alive what such a table
 * points to, so every file's memos (and the documents they lead back to) outlived those
 * collections and were only freed by full ones (measured: twice the memory promoted, 6%
 * more CPU per file). On the object itself a memo dies with it.
 */
export class Memo<K extends object, V> {
  private readonly slot = Symbol('memo');

  get(key: K): V | undefined {
    return (key as unknown as Record<symbol, V | undefined>)[this.slot];
  }

  set(key: K, value: V): void {
    (key as unknown as Record<symbol, V>)[this.slot] = value;
  }
}
