// A fast path for parsing workflows: js-yaml parses about five times faster than `yaml`, but gives
// values, not nodes with positions. Its `listener` reports where every node opens and closes; from
// those events this builds the same `yaml` node classes (Scalar, YAMLMap, YAMLSeq, Pair, Alias) with
// source ranges, so everything downstream is unchanged. Whenever the events do not line up with the
// value js-yaml built, or js-yaml refuses the text, the caller falls back to `yaml` itself, which
// also gives the parse-error messages: the fast path never decides what is an error.
import jsYaml from 'js-yaml';
import { Alias, Document, Pair, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';

type ListenerState = {
  input: string;
  position: number;
  kind: string | null;
  result: unknown;
  anchor: string | null;
};

// yaml's node constructors mark each node with Object.defineProperty, a slow path in V8 that took
// a third of this parser's time on a large repository. These build the same nodes — yaml's own
// classes (so `instanceof` and every method work), the type mark under yaml's registered symbol
// that its `isMap`/`isScalar`/… read, the same fields — with ordinary stores.
const NODE_TYPE = Symbol.for('yaml.node.type');

/** Classes whose instances are yaml's nodes: yaml's prototype next in the chain, yaml's type mark. */
function fastNodeClass<T extends object>(base: { prototype: T }, mark: string): new () => T {
  const type = Symbol.for(`yaml.${mark}`);
  const Fast = class {
    constructor() {
      (this as unknown as Record<symbol, symbol>)[NODE_TYPE] = type;
    }
  };
  Object.setPrototypeOf(Fast.prototype, base.prototype);
  return Fast as unknown as new () => T;
}

const FastScalar = fastNodeClass(Scalar, 'scalar');
const FastPair = fastNodeClass(Pair, 'pair');
const FastMap = fastNodeClass(YAMLMap, 'map');
const FastSeq = fastNodeClass(YAMLSeq, 'seq');

function newScalar(value: unknown): Scalar {
  const node = new FastScalar();
  node.value = value;
  return node;
}

function newPair(key: Node | null, value: Node | null): Pair {
  const node = new FastPair();
  node.key = key;
  node.value = value;
  return node;
}

function newMap(items: Pair[]): YAMLMap {
  const node = new FastMap();
  node.items = items;
  return node;
}

function newSeq(items: (Node | null)[]): YAMLSeq {
  const node = new FastSeq();
  node.items = items;
  return node;
}

/** Documents the fast path built without an alias: they need no alias-bomb check. */
const withoutAliases = new WeakSet<Document.Parsed>();

/** True when `doc` is known to hold no alias (so expanding it cannot blow up). */
export function knownAliasFree(doc: Document.Parsed): boolean {
  return withoutAliases.has(doc);
}

/** The string js-yaml parsed for each document: its own copy of the text, which every value points into. */
const inputs = new WeakMap<Document.Parsed, string>();

/**
 * The text of a document the fast path built, as one string with the values: js-yaml appends a
 * NUL to the text, which copies it, and its values are slices of that copy. A file that keeps
 * this string instead of its own holds the text once, not twice.
 */
export function sharedText(doc: Document.Parsed, text: string): string | undefined {
  const input = inputs.get(doc);
  return input === undefined ? undefined : input.slice(0, text.length);
}

/** Thrown inside the listener to abandon the fast path. */
class Mismatch extends Error {}

/** The document, or undefined when the fast path cannot vouch for it (use `yaml` then). */
export function parseWorkflowYaml(text: string): Document.Parsed | undefined {
  const tree = new TreeBuilder(text);
  let input: string | undefined;
  const listener = (event: 'open' | 'close', state: ListenerState): void => {
    input ??= state.input;
    if (event === 'open') tree.open(state.position);
    else tree.close(state);
  };
  try {
    // CORE_SCHEMA is YAML 1.2's core schema, as `yaml` uses by default (`on` stays a string);
    // `json: true` lets a later duplicate key win instead of throwing, like `uniqueKeys: false`.
    jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA, json: true, listener: listener as never });
  } catch {
    return undefined;
  }
  const contents = tree.root();
  if (contents === undefined) return undefined;
  const doc = new Document() as unknown as Document.Parsed;
  // An empty document (nothing but comments) has no contents in `yaml`, not an empty scalar.
  const empty =
    contents instanceof Scalar &&
    contents.value === null &&
    contents.range?.[0] === contents.range?.[1];
  doc.contents = (empty ? null : contents) as Document.Parsed['contents'];
  doc.range = [0, text.length, text.length];
  if (tree.aliases === 0) withoutAliases.add(doc);
  if (input !== undefined) inputs.set(doc, input);
  return doc;
}

/**
 * Builds nodes from js-yaml's open/close events. The nodes closed so far wait on one shared stack
 * (with js-yaml's value for each beside them) until their parent closes and takes them: no
 * per-node bookkeeping objects, which a large repository has hundreds of thousands of.
 */
class TreeBuilder {
  aliases = 0;
  /** Where each open node opened, and where its children start on the node stack. */
  private readonly opens: number[] = [];
  private readonly bases: number[] = [];
  private readonly nodes: (Node | null)[] = [];
  /** What js-yaml built for each node on the stack: tells a wrapper event from the node it wraps. */
  private readonly results: unknown[] = [];

  constructor(private readonly text: string) {}

  open(position: number): void {
    this.opens.push(position);
    this.bases.push(this.nodes.length);
  }

  close(state: ListenerState): void {
    const open = this.opens.pop();
    const base = this.bases.pop();
    if (open === undefined || base === undefined) throw new Mismatch();
    // js-yaml parses the text with a line break appended: positions may be one past its end.
    const start = Math.min(contentStart(this.text, open), this.text.length);
    const end = Math.max(start, trimEnd(this.text, state.position));
    const node = this.build(open, base, state, start, end);
    if (node && state.anchor) node.anchor = state.anchor;
    if (node instanceof Alias) this.aliases++;
    this.nodes.length = base;
    this.results.length = base;
    this.nodes.push(node);
    this.results.push(state.result);
  }

  /** The document's node; undefined when the events did not close into one. */
  root(): Node | null | undefined {
    if (this.opens.length !== 0 || this.nodes.length > 1) return undefined;
    return this.nodes[0] ?? null;
  }

  private build(
    open: number,
    base: number,
    state: ListenerState,
    start: number,
    end: number,
  ): Node | null {
    const { text, nodes } = this;
    const { kind, result } = state;
    const count = nodes.length - base;
    // A flow collection as a block sequence's item (`- {a: 1}`) comes wrapped in js-yaml's attempt
    // at a block mapping, which closes with the very object the flow collection built.
    if (
      count === 1 &&
      typeof result === 'object' &&
      result !== null &&
      this.results[base] === result
    )
      return nodes[base]!;
    if (kind === 'mapping') {
      if (count % 2 !== 0) throw new Mismatch();
      const pairs: Pair[] = [];
      for (let i = base; i < nodes.length; i += 2) pairs.push(newPair(nodes[i]!, nodes[i + 1]!));
      // A later duplicate key wins in the value; every pair is still a node.
      if (
        typeof result !== 'object' ||
        result === null ||
        Object.keys(result).length > pairs.length
      )
        throw new Mismatch();
      const map = newMap(pairs);
      map.flow = text[start] === '{';
      map.range = [start, end, end];
      return map;
    }
    if (kind === 'sequence') {
      if (!Array.isArray(result) || result.length !== count) throw new Mismatch();
      const seq = newSeq(nodes.slice(base));
      seq.flow = text[start] === '[';
      seq.range = [start, end, end];
      return seq;
    }
    // js-yaml first tries to read a block mapping, composing a would-be key: when that key turns out
    // to be the node itself (same value), the inner node is the node; when the attempt failed (an
    // empty key before `|`, `>`, …), the inner node is dropped and this one is read.
    if (count > 1) throw new Mismatch();
    const inner = count === 1 ? nodes[base] : undefined;
    if (inner && (inner instanceof Alias || (inner instanceof Scalar && inner.value === result)))
      return inner;
    if (text[start] === '*') {
      const alias = new Alias(/^\*([^\s,[\]{}]+)/.exec(text.slice(start))?.[1] ?? '');
      alias.range = [start, end, end];
      return alias;
    }
    if (kind === null && result === null) {
      // An empty value (`key:`): `yaml` places it where the value would start on the key's line.
      let at = Math.min(open, text.length);
      while (text[at] === ' ' || text[at] === '\t') at++;
      // A bare non-specific tag (`key: !`) is an empty string to `yaml` (null to js-yaml), placed
      // after the tag; any other tag on an empty value is left to `yaml`.
      const tagged = text.slice(open, end).trim();
      const bareTag = tagged === '!';
      if (!bareTag && tagged.includes('!')) throw new Mismatch();
      if (bareTag)
        for (at = text.indexOf('!', at) + 1; text[at] === ' ' || text[at] === '\t'; ) at++;
      const empty = newScalar(bareTag ? '' : null);
      if (bareTag) empty.tag = '!';
      empty.type = 'PLAIN';
      empty.range = [at, at, at];
      return empty;
    }
    if (kind === 'scalar') {
      const scalar = newScalar(result);
      scalar.type = scalarType(text[start]);
      // A block scalar's range takes in the line break that ends its last line, as `yaml`'s does
      // (`yaml` also takes in trailing lines of spaces; nothing reads that far).
      const blockEnd = scalar.type.startsWith('BLOCK') ? end + lineBreakAt(text, end) : end;
      scalar.range = [start, blockEnd, blockEnd];
      return scalar;
    }
    throw new Mismatch();
  }
}

function scalarType(first: string | undefined): Scalar.Type {
  switch (first) {
    case "'":
      return 'QUOTE_SINGLE';
    case '"':
      return 'QUOTE_DOUBLE';
    case '|':
      return 'BLOCK_LITERAL';
    case '>':
      return 'BLOCK_FOLDED';
    default:
      return 'PLAIN';
  }
}

/** Where a node's content starts: js-yaml opens it before separation space, comments and properties. */
function contentStart(text: string, from: number): number {
  let i = from;
  for (;;) {
    const ch = text[i];
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') i++;
    else if (ch === '#' && (i === 0 || isSpace(text.charCodeAt(i - 1)))) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if ((ch === '&' || ch === '!') && i + 1 < text.length && !/\s/.test(text[i + 1]!)) {
      while (i < text.length && !/[\s,[\]{}]/.test(text[i]!)) i++;
    } else return i;
  }
}

function lineBreakAt(text: string, at: number): number {
  return text[at] === '\n' ? 1 : text[at] === '\r' && text[at + 1] === '\n' ? 2 : 0;
}

/** js-yaml closes a node after the space and line breaks that follow it. */
function trimEnd(text: string, to: number): number {
  let i = Math.min(to, text.length);
  while (i > 0 && isSpace(text.charCodeAt(i - 1))) i--;
  return i;
}

/** What js-yaml takes for white space around nodes: blanks and line breaks. */
function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}
