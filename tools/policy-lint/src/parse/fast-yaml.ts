// A fast path for parsing workflows: js-yaml parses about five times faster than `yaml`, but gives
// values, not nodes with positions. Its `listener` reports where every node opens and closes; from
// those events this fills a YamlTable (parse/yaml-table.ts) with the rows `yaml`'s nodes would have:
// the same kinds, scalar styles, source ranges and values. Whenever the events do not line up with
// the value js-yaml built, the document has an alias, or js-yaml refuses the text, the caller falls
// back to `yaml` itself, which also gives the parse-error messages: the fast path never decides
// what is an error.
import jsYaml from 'js-yaml';
import { MAP, SCALAR, SEQ, type YamlTable } from './yaml-table.js';

type ListenerState = {
  input: string;
  position: number;
  kind: string | null;
  result: unknown;
};

/** Thrown inside the listener to abandon the fast path. */
class Mismatch extends Error {}

/**
 * Fills `table` with the document, or returns undefined when the fast path cannot vouch for it
 * (use `yaml` then). Returns the string js-yaml parsed, which every value points into: js-yaml
 * appends a NUL to the text, which copies it, so a file that keeps this string instead of its own
 * holds the text once, not twice.
 */
export function parseWorkflowYaml(text: string, table: YamlTable): string | undefined {
  const builder = new TableBuilder(table.reset(text));
  let input: string | undefined;
  const listener = (event: 'open' | 'close', state: ListenerState): void => {
    input ??= state.input;
    if (event === 'open') builder.open(state.position);
    else builder.close(state);
  };
  try {
    // CORE_SCHEMA is YAML 1.2's core schema, as `yaml` uses by default (`on` stays a string);
    // `json: true` lets a later duplicate key win instead of throwing, like `uniqueKeys: false`.
    jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA, json: true, listener: listener as never });
  } catch {
    return undefined;
  }
  if (!builder.complete()) return undefined;
  // An empty document (nothing but comments) has no contents in `yaml`, not an empty scalar.
  if (
    table.length === 1 &&
    table.kind(0) === SCALAR &&
    table.value(0) === null &&
    table.start(0) === table.end(0)
  )
    table.reset(text);
  return input?.slice(0, text.length) ?? text;
}

/**
 * Fills the table from js-yaml's open/close events. A node's row is added when it opens (so rows
 * come in document order, a node before its children) and filled in when it closes.
 */
class TableBuilder {
  /** Per open node: where it opened, its row, how many children have closed inside it. */
  private readonly opens: number[] = [];
  private readonly rows: number[] = [];
  private readonly children: number[] = [];
  private documents = 0;
  private readonly text: string;

  constructor(private readonly table: YamlTable) {
    this.text = table.text;
  }

  open(position: number): void {
    this.opens.push(position);
    this.rows.push(this.table.add());
    this.children.push(0);
  }

  close(state: ListenerState): void {
    const open = this.opens.pop();
    const row = this.rows.pop();
    const count = this.children.pop();
    if (open === undefined || row === undefined || count === undefined) throw new Mismatch();
    // js-yaml parses the text with a line break appended: positions may be one past its end.
    const start = Math.min(contentStart(this.text, open), this.text.length);
    const end = Math.max(start, trimEnd(this.text, state.position));
    this.build(row, open, count, state, start, end);
    if (this.children.length > 0) this.children[this.children.length - 1]!++;
    else this.documents++;
  }

  /** Whether the events closed into exactly one node (or none, for an empty text). */
  complete(): boolean {
    return this.opens.length === 0 && this.documents <= 1;
  }

  private build(
    row: number,
    open: number,
    count: number,
    state: ListenerState,
    start: number,
    end: number,
  ): void {
    const { text, table } = this;
    const { kind, result } = state;
    const first = row + 1;
    // A flow collection as a block sequence's item (`- {a: 1}`) comes wrapped in js-yaml's attempt
    // at a block mapping, which closes with the very object the flow collection built.
    if (
      count === 1 &&
      typeof result === 'object' &&
      result !== null &&
      table.value(first) === result
    ) {
      table.unwrap(row);
      return;
    }
    if (kind === 'mapping') {
      // A later duplicate key wins in the value; every pair is still a row.
      if (
        count % 2 !== 0 ||
        typeof result !== 'object' ||
        result === null ||
        hasMoreKeysThan(result, count / 2)
      )
        throw new Mismatch();
      table.set(row, MAP, start, end, result);
      return;
    }
    if (kind === 'sequence') {
      if (!Array.isArray(result) || result.length !== count) throw new Mismatch();
      table.set(row, SEQ, start, end, result);
      return;
    }
    // js-yaml first tries to read a block mapping, composing a would-be key: when that key turns out
    // to be the node itself (same value), the inner node is the node; when the attempt failed (an
    // empty key before `|`, `>`, …), the inner node is dropped and this one is read.
    if (count > 1) throw new Mismatch();
    if (count === 1 && table.kind(first) === SCALAR && table.value(first) === result) {
      table.unwrap(row);
      return;
    }
    table.truncate(row);
    // An alias: `yaml`'s nodes for it are built by `yaml` itself, which also stops alias bombs.
    if (text[start] === '*') throw new Mismatch();
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
      table.set(row, SCALAR, at, at, bareTag ? '' : null);
      return;
    }
    if (kind === 'scalar') {
      const style = scalarStyle(text[start]);
      // A block scalar's range takes in the line break that ends its last line, as `yaml`'s does
      // (`yaml` also takes in trailing lines of spaces; nothing reads that far).
      const blockEnd = style >= BLOCK_LITERAL ? end + lineBreakAt(text, end) : end;
      table.set(row, SCALAR, start, blockEnd, result, style);
      return;
    }
    throw new Mismatch();
  }
}

const BLOCK_LITERAL = 3;

/** Whether `object` has more than `limit` keys, without listing them (one array per mapping of
 *  every workflow, only to count them). js-yaml's objects inherit nothing enumerable. */
function hasMoreKeysThan(object: object, limit: number): boolean {
  let keys = 0;
  for (const _ in object) if (++keys > limit) return true;
  return false;
}

/** The style code of a scalar that starts with `first` (yaml-table.ts's order of yaml's types). */
function scalarStyle(first: string | undefined): number {
  switch (first) {
    case "'":
      return 1;
    case '"':
      return 2;
    case '|':
      return BLOCK_LITERAL;
    case '>':
      return 4;
    default:
      return 0;
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
