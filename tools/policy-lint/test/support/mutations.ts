// Mutations of real inputs (fixture repositories, corpus workflows), described as data so that
// fast-check can shrink them and print the smallest sequence that breaks the linter.
import fc from 'fast-check';

/** Text a mutation may insert: YAML, GitHub-expression and Go-template syntax, tabs, NUL,
 *  invalid UTF-8 and the like. */
const INSERTS: readonly (string | Uint8Array)[] = [
  '{{',
  '}}',
  '{{ must_env `IMAGE_TAG` }}',
  '${{',
  '${{ github.sha }}',
  '&a ',
  '*a',
  '<<: *a\n',
  '\t',
  '\0',
  '\r',
  '\n',
  '\u2028',
  '\ufeff',
  ': ',
  '- ',
  '? ',
  '[',
  ']',
  '{',
  '}',
  '"',
  "'",
  '#',
  '|',
  '>-',
  '!!binary ',
  '!custom ',
  '---\n',
  '...\n',
  '%YAML 1.1\n',
  '$(',
  '`',
  '<<EOF\n',
  ' # doppio-lint-disable-next-line pinned-actions -- fuzz\n',
  new Uint8Array([0xff]),
  new Uint8Array([0xc3]),
  new Uint8Array([0xed, 0xa0, 0x80]),
  new Uint8Array([0xf4, 0x90, 0x80, 0x80]),
  new Uint8Array([0xe2, 0x82]),
];

export type Mutation =
  | { readonly kind: 'flip'; readonly at: number; readonly bit: number }
  | { readonly kind: 'truncate'; readonly at: number }
  | { readonly kind: 'duplicate-line' | 'delete-line'; readonly at: number; readonly count: number }
  | { readonly kind: 'indent'; readonly at: number; readonly delta: number }
  | { readonly kind: 'insert'; readonly at: number; readonly what: number };

const at = fc.nat({ max: 1_000_000 });

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at, bit: fc.nat({ max: 7 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at }),
  fc.record({
    kind: fc.constantFrom('duplicate-line' as const, 'delete-line' as const),
    at,
    count: fc.integer({ min: 1, max: 3 }),
  }),
  fc.record({ kind: fc.constant('indent' as const), at, delta: fc.integer({ min: -4, max: 4 }) }),
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('insert' as const),
      at,
      what: fc.nat({ max: INSERTS.length - 1 }),
    }),
  },
);

export const mutations = fc.array(mutation, { minLength: 1, maxLength: 5 });

export function mutate(input: Uint8Array, sequence: readonly Mutation[]): Uint8Array {
  let bytes: Buffer = Buffer.from(input);
  for (const m of sequence) bytes = apply(bytes, m);
  return bytes;
}

function apply(bytes: Buffer, m: Mutation): Buffer {
  const pos = bytes.length === 0 ? 0 : m.at % (bytes.length + 1);
  switch (m.kind) {
    case 'flip': {
      if (bytes.length === 0) return bytes;
      const out = Buffer.from(bytes);
      out[m.at % bytes.length]! ^= 1 << m.bit;
      return out;
    }
    case 'truncate':
      return bytes.subarray(0, pos);
    case 'insert': {
      const what = INSERTS[m.what]!;
      return Buffer.concat([
        bytes.subarray(0, pos),
        typeof what === 'string' ? Buffer.from(what) : what,
        bytes.subarray(pos),
      ]);
    }
    default: {
      // Line operations work on bytes split at \n, so invalid UTF-8 elsewhere survives them.
      const lines = splitLines(bytes);
      const line = m.at % lines.length;
      if (m.kind === 'duplicate-line')
        lines.splice(line, 0, ...Array.from({ length: m.count }, () => lines[line]!));
      else if (m.kind === 'delete-line') lines.splice(line, m.count);
      else if (m.kind === 'indent')
        lines[line] =
          m.delta >= 0
            ? Buffer.concat([Buffer.alloc(m.delta, ' '), lines[line]!])
            : lines[line]!.subarray(leadingSpaces(lines[line]!, -m.delta));
      return Buffer.concat(lines.flatMap((l, i) => (i === 0 ? [l] : [Buffer.from('\n'), l])));
    }
  }
}

function splitLines(bytes: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  let start = 0;
  for (let i = bytes.indexOf(0x0a); i !== -1; i = bytes.indexOf(0x0a, i + 1)) {
    lines.push(bytes.subarray(start, i));
    start = i + 1;
  }
  lines.push(bytes.subarray(start));
  return lines;
}

function leadingSpaces(line: Buffer, max: number): number {
  let n = 0;
  while (n < max && n < line.length && line[n] === 0x20) n++;
  return n;
}
