// Go text/template actions ({{ … }}) in ecspresso files, which ecspresso renders before it parses
// them as YAML/JSON. The tokenizer is hand-written because no maintained npm package parses Go
// templates; it only needs what the rules use: where each action starts and ends (strings may hold
// `}}`), the function it calls and that call's literal string arguments.
import { span } from '../model/source.js';
import type { SourceFile, TemplateExpr, TemplatedString } from '../model/types.js';

export type TemplateParts = TemplatedString['parts'];

/** Actions that print nothing; alone on a line they are masked with spaces (see maskTemplates). */
const SILENT = new Set([
  'if',
  'else',
  'end',
  'range',
  'with',
  'define',
  'block',
  'break',
  'continue',
]);
/** Go template keywords: an action starting with one of these is not a function call. */
const KEYWORDS = new Set([...SILENT, 'template', 'nil', 'true', 'false']);

/** End of a quoted Go literal starting at `i` (index after the closing quote), or -1. */
function quotedEnd(text: string, i: number): number {
  const q = text[i];
  for (let j = i + 1; j < text.length; j++) {
    const c = text[j];
    if (c === q) return j + 1;
    if (q === '`') continue; // raw strings have no escapes and may span lines
    if (c === '\\') j++;
    else if (c === '\n') return -1; // interpreted strings and runes end on their line
  }
  return -1;
}

/** End (after `}}`) of the action whose `{{` is at `start`, or -1 when it is not terminated. */
function actionEnd(text: string, start: number): number {
  let i = start + 2;
  if (text[i] === '-' && /\s/.test(text[i + 1] ?? '')) i += 2;
  if (text.startsWith('/*', i)) {
    // A comment runs to `*/` whatever it holds, quotes included.
    const close = text.indexOf('*/', i + 2);
    if (close === -1) return -1;
    i = close + 2;
  }
  while (i < text.length) {
    const c = text[i];
    if (c === '`' || c === '"' || c === "'") {
      i = quotedEnd(text, i);
      if (i === -1) return -1;
    } else if (c === '}' && text[i + 1] === '}') {
      return i + 2;
    } else {
      i++;
    }
  }
  return -1;
}

const GO_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/** The value of a Go string literal (`raw` or "interpreted"). */
function unquote(lit: string): string {
  const body = lit.slice(1, -1);
  if (lit.startsWith('`')) return body;
  return body.replace(
    /\\(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|([0-7]{3})|(.))/g,
    (_m, x?: string, u?: string, U?: string, o?: string, c?: string) => {
      const hex = x ?? u ?? U;
      if (hex !== undefined) return String.fromCodePoint(parseInt(hex, 16));
      if (o !== undefined) return String.fromCodePoint(parseInt(o, 8));
      return GO_ESCAPES[c ?? ''] ?? c ?? '';
    },
  );
}

/** Tokens of an action's body: string literals, `(`, `)`, `|` and bare words (idents, fields, numbers). */
function tokens(body: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < body.length) {
    const c = body[i] ?? '';
    if (/\s/.test(c)) {
      i++;
    } else if (c === '`' || c === '"' || c === "'") {
      const end = quotedEnd(body, i);
      const stop = end === -1 ? body.length : end;
      out.push(body.slice(i, stop));
      i = stop;
    } else if (c === '(' || c === ')' || c === '|') {
      out.push(c);
      i++;
    } else {
      const m = /^[^\s()|`"']+/.exec(body.slice(i));
      const word = m?.[0] ?? c;
      out.push(word);
      i += word.length;
    }
  }
  return out;
}

function describe(source: string): { func: string | undefined; args: string[]; silent: boolean } {
  const body = source.slice(2, -2).replace(/^-\s/, '').replace(/\s-$/, '');
  if (body.trimStart().startsWith('/*')) return { func: undefined, args: [], silent: true };
  const toks = tokens(body);
  const first = toks[0] ?? '';
  // `{{ $x := … }}` declares a variable and prints nothing.
  const silent =
    SILENT.has(first) || (first.startsWith('$') && (toks[1] === ':=' || toks[1] === '='));
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(first) || KEYWORDS.has(first))
    return { func: undefined, args: [], silent };
  // Only the call's own arguments: stop at a pipe, skip parenthesised sub-calls.
  const args: string[] = [];
  let depth = 0;
  for (const t of toks.slice(1)) {
    if (t === '(') depth++;
    else if (t === ')') depth--;
    else if (t === '|' && depth === 0) break;
    else if (depth === 0 && (t.startsWith('`') || t.startsWith('"')) && t.length >= 2)
      args.push(unquote(t));
  }
  return { func: first, args, silent };
}

/** Every terminated `{{ … }}` action of the file, in order. */
export function findTemplates(file: SourceFile): TemplateExpr[] {
  const text = file.text;
  const out: TemplateExpr[] = [];
  for (let i = text.indexOf('{{'); i !== -1; ) {
    const end = actionEnd(text, i);
    if (end === -1) {
      i = text.indexOf('{{', i + 2); // an unterminated `{{` is left as text
      continue;
    }
    const source = text.slice(i, end);
    const { func, args } = describe(source);
    out.push({ source, span: span(file, i, end), func, args });
    i = text.indexOf('{{', end);
  }
  return out;
}

export interface MaskedText {
  /** The file text with every action replaced by a placeholder of the same length. */
  readonly text: string;
  readonly exprs: readonly TemplateExpr[];
  /** Splits a substring of `text` (such as a parsed scalar's value) into text and template parts. */
  parts(masked: string): TemplateParts;
}

/** True when the line(s) of [start, end) hold nothing else but whitespace. */
function aloneOnLine(text: string, start: number, end: number): boolean {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  let lineEnd = text.indexOf('\n', end);
  if (lineEnd === -1) lineEnd = text.length;
  return /^\s*$/.test(text.slice(lineStart, start)) && /^\s*$/.test(text.slice(end, lineEnd));
}

/**
 * Replaces each action by a placeholder of exactly its length, so offsets (and yaml's node ranges)
 * still point into the original text. A placeholder is a 2-letter prefix absent from the text, the
 * action's index in base 36 (fixed width) and `_` padding: letters, digits and `_` only, so it is a
 * valid YAML plain scalar and JSON string content, and self-identifying even after a YAML scalar is
 * folded or a JSON escape decoded. Exception: a silent control action (`{{- if … }}`, `{{ end }}`,
 * comments) alone on its line becomes spaces, so block-structured files still parse.
 */
export function maskTemplates(
  file: SourceFile,
  exprs: readonly TemplateExpr[] = findTemplates(file),
): MaskedText {
  const text = file.text;
  const prefix = pickPrefix(text);
  const width = Math.max(1, (Math.max(exprs.length, 1) - 1).toString(36).length);
  const placeholders: (string | undefined)[] = [];
  let masked = '';
  let last = 0;
  exprs.forEach((expr, index) => {
    const { start, end } = expr.span;
    const len = end - start;
    let placeholder: string | undefined;
    let fill: string;
    if (describe(expr.source).silent && aloneOnLine(text, start, end)) {
      fill = expr.source.replace(/[^\n]/g, ' '); // keep line breaks so line numbers do not move
    } else {
      const token = prefix + index.toString(36).padStart(width, '0');
      // Only a file with > 1296 actions and a 4-character `{{}}` gets here: it stays unresolvable text.
      placeholder = token.length <= len ? token.padEnd(len, '_') : undefined;
      fill = placeholder ?? '_'.repeat(len);
    }
    placeholders.push(placeholder);
    masked += text.slice(last, start) + fill;
    last = end;
  });
  masked += text.slice(last);

  return {
    text: masked,
    exprs,
    parts(s: string): TemplateParts {
      const out: TemplateParts[number][] = [];
      let from = 0;
      for (let i = s.indexOf(prefix); i !== -1; i = s.indexOf(prefix, i)) {
        const index = parseInt(s.slice(i + prefix.length, i + prefix.length + width), 36);
        const placeholder = placeholders[index];
        const expr = exprs[index];
        if (placeholder === undefined || expr === undefined || !s.startsWith(placeholder, i)) {
          i += 1;
          continue;
        }
        if (i > from) out.push({ kind: 'text', text: s.slice(from, i) });
        out.push({ kind: 'expr', expr });
        from = i = i + placeholder.length;
      }
      if (from < s.length) out.push({ kind: 'text', text: s.slice(from) });
      return out;
    },
  };
}

/** Two different capital letters that never occur together in the text (so a match is a placeholder). */
function pickPrefix(text: string): string {
  const letters = 'QZXJKVWYBGPFHMUCDLNORSTEIA';
  for (const a of letters)
    for (const b of letters) if (a !== b && !text.includes(a + b)) return a + b;
  return 'QZ'; // every pair occurs: placeholders are still verified against the table in parts()
}

/** The source form of parts: text as is, templates as written. */
export function partsText(parts: TemplateParts): string {
  return parts.map((p) => (p.kind === 'text' ? p.text : p.expr.source)).join('');
}
