// A parsed YAML document as a compact table rather than a tree of `yaml` node objects: one row per
// node in document order (a node before its children), each row its kind, scalar style, source
// range and subtree size, beside the value the parser built for it. A mapping's children are its
// keys and values in turn, a sequence's its items. The rows live in typed arrays that one file's
// parse reuses after another's, so reading a document into the shared model allocates nothing per
// node; `toDocument` builds `yaml`'s nodes for the few rules that edit or walk the tree.
import {
  Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  Pair,
  Scalar,
  YAMLMap,
  YAMLSeq,
  type Node,
} from 'yaml';

export const NONE = 0;
export const MAP = 1;
export const SEQ = 2;
export const SCALAR = 3;
export const ALIAS = 4;

/** yaml's scalar types, by the code a row stores. */
const STYLES: readonly Scalar.Type[] = [
  'PLAIN',
  'QUOTE_SINGLE',
  'QUOTE_DOUBLE',
  'BLOCK_LITERAL',
  'BLOCK_FOLDED',
];

export class YamlTable {
  private kinds = new Uint8Array(1024);
  private styles = new Uint8Array(1024);
  private starts = new Int32Array(1024);
  private ends = new Int32Array(1024);
  private sizes = new Int32Array(1024);
  private values: unknown[] = [];
  length = 0;

  constructor(readonly text: string) {}

  /** Starts over for another document, keeping the arrays. */
  reset(text: string): this {
    (this as { text: string }).text = text;
    this.length = 0;
    this.values.length = 0;
    return this;
  }

  /** Appends an empty row (filled in by `set`) and returns its index. */
  add(): number {
    if (this.length === this.kinds.length) this.grow();
    this.values.push(undefined);
    return this.length++;
  }

  set(row: number, kind: number, start: number, end: number, value: unknown, style = 0): void {
    this.kinds[row] = kind;
    this.styles[row] = style;
    this.starts[row] = start;
    this.ends[row] = end;
    this.sizes[row] = this.length - row - 1;
    this.values[row] = value;
  }

  /** Drops every row after `row`. */
  truncate(row: number): void {
    this.length = row + 1;
    this.values.length = row + 1;
  }

  /** Removes `row`, moving the rows after it up: the node is the one its first child is. */
  unwrap(row: number): void {
    for (const array of [this.kinds, this.styles, this.starts, this.ends, this.sizes])
      array.copyWithin(row, row + 1, this.length);
    this.values.splice(row, 1);
    this.length--;
  }

  private grow(): void {
    const size = this.kinds.length * 2;
    const grown = <T extends Uint8Array | Int32Array>(array: T): T => {
      const next = new (array.constructor as new (n: number) => T)(size);
      next.set(array);
      return next;
    };
    this.kinds = grown(this.kinds);
    this.styles = grown(this.styles);
    this.starts = grown(this.starts);
    this.ends = grown(this.ends);
    this.sizes = grown(this.sizes);
  }

  kind(row: number): number {
    return row < 0 ? NONE : this.kinds[row]!;
  }

  style(row: number): Scalar.Type {
    return STYLES[this.styles[row]!]!;
  }

  start(row: number): number {
    return this.starts[row]!;
  }

  end(row: number): number {
    return this.ends[row]!;
  }

  value(row: number): unknown {
    return this.values[row];
  }

  /** The row after `row`'s subtree: its next sibling, or the end of its parent. */
  after(row: number): number {
    return row + this.sizes[row]! + 1;
  }

  /** The key row of the first pair of mapping `row` whose key is the scalar `key`; -1 if none. */
  keyOf(row: number, key: string): number {
    if (this.kind(row) !== MAP) return -1;
    for (let k = row + 1, end = this.after(row); k < end; k = this.after(this.after(k)))
      if (this.kinds[k] === SCALAR && String(this.values[k]) === key) return k;
    return -1;
  }

  /** The value row of that pair; -1 if none. */
  get(row: number, key: string): number {
    const k = this.keyOf(row, key);
    return k < 0 ? -1 : this.after(k);
  }
}

/** The table of a document `yaml` parsed (the fallback when js-yaml's events do not line up). */
export function tableOf(doc: Document.Parsed, text: string, table: YamlTable): YamlTable {
  table.reset(text);
  const add = (node: unknown): void => {
    const row = table.add();
    const [start, end] = (node as Node | null)?.range ?? [0, 0];
    if (isMap(node)) {
      for (const pair of node.items) {
        add(pair.key);
        add(pair.value);
      }
      table.set(row, MAP, start, end, undefined);
    } else if (isSeq(node)) {
      for (const item of node.items) add(item);
      table.set(row, SEQ, start, end, undefined);
    } else if (isScalar(node)) {
      table.set(row, SCALAR, start, end, node.value, Math.max(0, STYLES.indexOf(node.type!)));
    } else if (isAlias(node)) table.set(row, ALIAS, start, end, undefined);
    else table.set(row, NONE, 0, 0, undefined);
  };
  if (doc.contents !== null) add(doc.contents);
  return table;
}

/** `yaml`'s document for the rows of a table js-yaml's events built (which holds no alias). */
export function toDocument(table: YamlTable): Document.Parsed {
  const text = table.text;
  const node = (row: number): Node | null => {
    const kind = table.kind(row);
    const range: [number, number, number] = [table.start(row), table.end(row), table.end(row)];
    let built: Node;
    if (kind === MAP) {
      const map = new YAMLMap();
      for (let k = row + 1, end = table.after(row); k < end; k = table.after(table.after(k)))
        map.items.push(new Pair(node(k), node(table.after(k))));
      map.flow = text[range[0]] === '{';
      built = map;
    } else if (kind === SEQ) {
      const seq = new YAMLSeq();
      for (let i = row + 1, end = table.after(row); i < end; i = table.after(i))
        seq.items.push(node(i));
      seq.flow = text[range[0]] === '[';
      built = seq;
    } else if (kind === SCALAR) {
      const scalar = new Scalar(table.value(row));
      scalar.type = table.style(row);
      // A bare non-specific tag (`key: !`) is the only empty string with an empty range.
      if (scalar.value === '' && range[0] === range[1]) scalar.tag = '!';
      built = scalar;
    } else return null;
    built.range = range;
    return built;
  };
  const doc = new Document() as unknown as Document.Parsed;
  doc.contents = (table.length === 0 ? null : node(0)) as Document.Parsed['contents'];
  doc.range = [0, text.length, text.length];
  return doc;
}
