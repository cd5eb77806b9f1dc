// Small text helpers for rules that attach fixes: edits are built against SourceFile.text, and
// every one of them first checks that the text under a span is what the model says it is, so a
// span the parser could only approximate (folded or escaped YAML scalars) never gets an edit.
import type { SourceFile, Span, TextEdit } from './types.js';

/** The file text under a span. */
export function textOf(span: Span): string {
  return span.file.text.slice(span.start, span.end);
}

/** An edit replacing `span` with `text`, or undefined when the file does not hold `expected` there. */
export function replaceExact(span: Span, expected: string, text: string): TextEdit | undefined {
  return textOf(span) === expected ? { start: span.start, end: span.end, text } : undefined;
}

/** Offset of the end of the line holding `offset` (before its `\r\n` or `\n`; the text's end on the last line). */
export function lineEnd(file: SourceFile, offset: number): number {
  const newline = file.text.indexOf('\n', offset);
  if (newline === -1) return file.text.length;
  return file.text[newline - 1] === '\r' ? newline - 1 : newline;
}

/** Offset where the line holding `offset` starts. */
export function lineStart(file: SourceFile, offset: number): number {
  return file.text.lastIndexOf('\n', offset - 1) + 1;
}

/** The line ending the file uses (that of its first line; `\n` when it has a single line). */
export function eolOf(file: SourceFile): string {
  const newline = file.text.indexOf('\n');
  return newline > 0 && file.text[newline - 1] === '\r' ? '\r\n' : '\n';
}

/** What follows `offset` up to the end of its line. */
export function restOfLine(file: SourceFile, offset: number): string {
  return file.text.slice(offset, lineEnd(file, offset));
}
