import { LineCounter } from 'yaml';
import type { FileKind, SourceFile, Span } from './types.js';

/** Builds a SourceFile; `text` must already be decoded (see loadText for the UTF-8 check). */
export function makeSourceFile(
  path: string,
  absPath: string,
  kind: FileKind,
  text: string,
): SourceFile {
  return new LoadedFile(path, absPath, kind, text);
}

/** A file whose line starts are found on first use: most files of a large repository never need
 *  a line number (no finding in them). */
class LoadedFile implements SourceFile {
  #lines: LineCounter | undefined;

  constructor(
    readonly path: string,
    readonly absPath: string,
    readonly kind: FileKind,
    readonly text: string,
  ) {}

  get lines(): LineCounter {
    if (!this.#lines) {
      const lines = new LineCounter();
      lines.addNewLine(0);
      const text = this.text;
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1))
        lines.addNewLine(i + 1);
      this.#lines = lines;
    }
    return this.#lines;
  }
}

/** Gives a file an equal copy of its text to keep (see sharedText in parse/fast-yaml.ts). */
export function adoptText(file: SourceFile, text: string): void {
  if (text !== file.text) throw new Error(`${file.path}: the shared text differs from the file's`);
  (file as { text: string }).text = text;
}

export function span(file: SourceFile, start: number, end: number): Span {
  return { file, start, end };
}

/** 1-based line and column of an offset. */
export function position(file: SourceFile, offset: number): { line: number; column: number } {
  const { line, col } = file.lines.linePos(Math.max(0, Math.min(offset, file.text.length)));
  return { line, column: col };
}
