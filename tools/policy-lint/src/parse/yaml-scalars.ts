// Helpers over `yaml` nodes: scalars with spans, and the mapping from a scalar's value back to
// file offsets (needed because `run: |` block scalars strip indentation from every line).
import {
  isMap,
  isScalar,
  isSeq,
  visit,
  type Scalar as YamlScalar,
  type Document,
  type Node,
  type YAMLMap,
} from 'yaml';
import type { Scalar, SourceFile, Span } from '../model/types.js';

export function nodeSpan(file: SourceFile, node: Node | null | undefined, fallback = 0): Span {
  const range = node?.range;
  if (!range) return { file, start: fallback, end: fallback };
  return { file, start: range[0], end: range[1] };
}

/** A scalar node as a Scalar (numbers and booleans as their source text); undefined otherwise. */
export function toScalar(file: SourceFile, node: unknown): Scalar | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  const value =
    typeof node.value === 'string' ? node.value : (sourceText(file, node) ?? String(node.value));
  return { value, span: nodeSpan(file, node) };
}

function sourceText(file: SourceFile, node: Node): string | undefined {
  return node.range ? file.text.slice(node.range[0], node.range[1]) : undefined;
}

/** Looks a key up in a mapping node; the key node comes back too, for positions. */
export function getPair(map: unknown, key: string): { key: Node; value: unknown } | undefined {
  if (!isMap(map)) return undefined;
  for (const pair of (map as YAMLMap).items) {
    if (isScalar(pair.key) && String(pair.key.value) === key)
      return { key: pair.key as Node, value: pair.value };
  }
  return undefined;
}

export function get(map: unknown, key: string): unknown {
  return getPair(map, key)?.value;
}

/** A scalar or a sequence of scalars, as a list (`needs: a` and `needs: [a, b]`). */
export function scalarList(file: SourceFile, node: unknown): Scalar[] {
  if (isSeq(node)) return node.items.flatMap((item) => toScalar(file, item) ?? []);
  const one = toScalar(file, node);
  return one ? [one] : [];
}

/**
 * Maps an offset in a scalar's value to an offset in the file. Exact for block literals (`|`),
 * single-line plain and quoted scalars; for folded and multi-line flow scalars the line is exact
 * when lines were kept, otherwise it points at the scalar's start.
 */
export function valueOffsetMapper(
  file: SourceFile,
  scalar: { type: YamlScalar.Type; start: number; end: number; value: string },
): (offset: number) => number {
  const { start, end: valueEnd, value } = scalar;
  if (scalar.type === 'BLOCK_LITERAL' || scalar.type === 'BLOCK_FOLDED') {
    const text = file.text;
    const contentStart = text.indexOf('\n', start) + 1;
    if (contentStart === 0) return () => start;
    const lineStarts: number[] = [];
    for (let at = contentStart; at < valueEnd; at = text.indexOf('\n', at) + 1 || valueEnd)
      lineStarts.push(at);
    const indent = blockIndent(text, lineStarts, valueEnd);
    const valueLineStarts = [0];
    for (let i = value.indexOf('\n'); i !== -1; i = value.indexOf('\n', i + 1))
      valueLineStarts.push(i + 1);
    return (offset) => {
      let line = 0;
      while (line + 1 < valueLineStarts.length && valueLineStarts[line + 1]! <= offset) line++;
      const column = offset - valueLineStarts[line]!;
      const sourceLine = lineStarts[line];
      return sourceLine === undefined ? valueEnd : Math.min(sourceLine + indent + column, valueEnd);
    };
  }
  const quoted = scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE' ? 1 : 0;
  return (offset) => Math.min(start + quoted + offset, valueEnd);
}

function blockIndent(text: string, lineStarts: readonly number[], end: number): number {
  for (const at of lineStarts) {
    let i = at;
    while (i < end && text[i] === ' ') i++;
    if (i < end && text[i] !== '\n' && text[i] !== '\r') return i - at;
  }
  return 0;
}

/**
 * An alias bomb (billion laughs) shows only when aliases are expanded: expand once, and only when
 * the document has an alias, so yaml's maxAliasCount stops a bomb here rather than in a rule.
 * Returns the error and the span of the first alias.
 */
export function aliasExpansionError(
  doc: Document.Parsed,
): { message: string; start: number; end: number } | undefined {
  let first: [number, number] | undefined;
  visit(doc, {
    Alias: (_key, node) => {
      first = [node.range?.[0] ?? 0, node.range?.[1] ?? 0];
      return visit.BREAK;
    },
  });
  if (!first) return undefined;
  try {
    doc.toJS({ maxAliasCount: 100 });
    return undefined;
  } catch (error) {
    return { message: (error as Error).message, start: first[0], end: first[1] };
  }
}
