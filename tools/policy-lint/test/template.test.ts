import { describe, expect, it } from 'vitest';
import { makeSourceFile } from '../src/model/source.js';
import type { SourceFile, TemplateExpr } from '../src/model/types.js';
import { findTemplates, maskTemplates, partsText } from '../src/parse/template.js';

const file = (text: string): SourceFile =>
  makeSourceFile('ecs-task-def.json', '/repo/ecs-task-def.json', 'task-definition', text);
const brief = (f: SourceFile, e: TemplateExpr) => ({
  src: f.text.slice(e.span.start, e.span.end),
  func: e.func,
  args: e.args,
});

describe('findTemplates', () => {
  it('reads the function and its literal string arguments, raw or interpreted', () => {
    const f = file(
      'a: {{ must_env `IMAGE_TAG` }}\nb: {{ env `X` `default` }}\nc: {{ must_env "Y" }}\nd: {{ tfstate `aws_x.y.id` }}\ne: {{ ssm `/path/to` }}\n',
    );
    expect(findTemplates(f).map((e) => brief(f, e))).toEqual([
      { src: '{{ must_env `IMAGE_TAG` }}', func: 'must_env', args: ['IMAGE_TAG'] },
      { src: '{{ env `X` `default` }}', func: 'env', args: ['X', 'default'] },
      { src: '{{ must_env "Y" }}', func: 'must_env', args: ['Y'] },
      { src: '{{ tfstate `aws_x.y.id` }}', func: 'tfstate', args: ['aws_x.y.id'] },
      { src: '{{ ssm `/path/to` }}', func: 'ssm', args: ['/path/to'] },
    ]);
  });

  it('keeps source equal to the spanned text', () => {
    const f = file('x{{ env `A` }}y');
    const [e] = findTemplates(f);
    expect(e?.source).toBe('{{ env `A` }}');
    expect(e?.span.start).toBe(1);
    expect(e?.span.end).toBe(14);
  });

  it('gives no function for fields, variables and control actions', () => {
    const f = file(
      '{{ .Env.X }} {{- if eq .Env.X "y" }}a{{ else }}b{{ end -}} {{ $v := env `V` }}',
    );
    expect(findTemplates(f).map((e) => brief(f, e))).toEqual([
      { src: '{{ .Env.X }}', func: undefined, args: [] },
      { src: '{{- if eq .Env.X "y" }}', func: undefined, args: [] },
      { src: '{{ else }}', func: undefined, args: [] },
      { src: '{{ end -}}', func: undefined, args: [] },
      { src: '{{ $v := env `V` }}', func: undefined, args: [] },
    ]);
  });

  it('does not end an action at a `}}` inside strings, runes or comments', () => {
    const f = file(
      '{{ env "A}}B" `x}}` }}|{{ printf "%c" \'}\' }}|{{/* no }} here */}}|{{- /* "quoted }}" */ -}}',
    );
    expect(findTemplates(f).map((e) => brief(f, e))).toEqual([
      { src: '{{ env "A}}B" `x}}` }}', func: 'env', args: ['A}}B', 'x}}'] },
      { src: '{{ printf "%c" \'}\' }}', func: 'printf', args: ['%c'] },
      { src: '{{/* no }} here */}}', func: undefined, args: [] },
      { src: '{{- /* "quoted }}" */ -}}', func: undefined, args: [] },
    ]);
  });

  it('lets a raw string span lines', () => {
    const f = file('{{ env `a\nb` }}');
    expect(findTemplates(f).map((e) => e.args)).toEqual([['a\nb']]);
  });

  it('takes only the call’s own arguments: stops at a pipe, skips sub-calls', () => {
    const f = file('{{ must_env `X` | quote }} {{ env "A" (must_env "B") "c" }}');
    expect(findTemplates(f).map((e) => [e.func, e.args])).toEqual([
      ['must_env', ['X']],
      ['env', ['A', 'c']],
    ]);
  });

  it('decodes Go escapes in interpreted strings', () => {
    const f = file('{{ env "a\\"b\\n\\x41\\u00e9\\101" }}');
    expect(findTemplates(f)[0]?.args).toEqual(['a"b\nAéA']);
  });

  it('treats a trim marker as a marker only when followed by a space', () => {
    const f = file('{{- env `A` -}} {{-3}}');
    expect(findTemplates(f).map((e) => [e.source, e.func])).toEqual([
      ['{{- env `A` -}}', 'env'],
      ['{{-3}}', undefined],
    ]);
  });

  it('leaves an unterminated action as text', () => {
    const f = file('a {{ env "x" }} b {{ oops');
    expect(findTemplates(f).map((e) => e.source)).toEqual(['{{ env "x" }}']);
    expect(findTemplates(file('{{ env `never closed }}'))).toEqual([]);
  });
});

describe('maskTemplates', () => {
  const text =
    '{"image": "{{ must_env `ACCOUNT` }}.dkr.ecr.ap-northeast-1.amazonaws.com/web:{{ env `TAG` `latest` }}", "x": "{{.}}"}';

  it('replaces each action by a same-length word of letters, digits and _', () => {
    const f = file(text);
    const m = maskTemplates(f);
    expect(m.text.length).toBe(text.length);
    expect(m.exprs.map((e) => e.source)).toEqual([
      '{{ must_env `ACCOUNT` }}',
      '{{ env `TAG` `latest` }}',
      '{{.}}',
    ]);
    for (const e of m.exprs)
      expect(m.text.slice(e.span.start, e.span.end)).toMatch(/^[A-Za-z0-9_]+$/);
    // Text outside the actions is untouched.
    expect(m.text.replace(/[A-Z]{2}[0-9a-z]_*/g, '#')).toBe(
      '{"image": "#.dkr.ecr.ap-northeast-1.amazonaws.com/web:#", "x": "#"}',
    );
    expect(JSON.parse(m.text)).toBeTypeOf('object');
  });

  it('maps any substring of the masked text back to parts', () => {
    const f = file(text);
    const m = maskTemplates(f);
    expect(partsText(m.parts(m.text))).toBe(text);
    const image = m.text.slice(11, m.text.indexOf('", "x"'));
    const parts = m.parts(image);
    expect(
      parts.map((p) => (p.kind === 'text' ? p.text : `<${p.expr.func}:${p.expr.args.join(',')}>`)),
    ).toEqual([
      '<must_env:ACCOUNT>',
      '.dkr.ecr.ap-northeast-1.amazonaws.com/web:',
      '<env:TAG,latest>',
    ]);
    expect(m.parts('plain')).toEqual([{ kind: 'text', text: 'plain' }]);
    expect(m.parts('')).toEqual([]);
  });

  it('picks a placeholder prefix that does not occur in the text', () => {
    const f = file('QZ0 {{ env `A` }} QZ0_ ZQ');
    const m = maskTemplates(f);
    expect(m.text.slice(0, 4)).toBe('QZ0 ');
    expect(m.text.slice(4, 17).startsWith('QZ')).toBe(false);
    expect(m.parts(m.text)).toEqual([
      { kind: 'text', text: 'QZ0 ' },
      { kind: 'expr', expr: m.exprs[0] },
      { kind: 'text', text: ' QZ0_ ZQ' },
    ]);
  });

  it('keeps placeholders unique with more than 36 actions', () => {
    const src = Array.from({ length: 40 }, (_, i) => `k${i}: {{ env \`V${i}\` }}`).join('\n');
    const m = maskTemplates(file(src));
    expect(m.exprs).toHaveLength(40);
    expect(partsText(m.parts(m.text))).toBe(src);
    const p = m.parts(m.text.split('\n')[39] ?? '');
    expect(p[1]?.kind === 'expr' && p[1].expr.args).toEqual(['V39']);
  });

  it('blanks a silent control action alone on its line, keeping line breaks', () => {
    const src =
      'a: 1\n{{- if eq (env `X`) "y" }}\nb: 2\n  {{ else }}\nb: 3\n{{/* a\ncomment */}}\n{{ end -}}\nc: x{{ if .Env.Y }}y{{ end }}\n';
    const m = maskTemplates(file(src));
    const lines = m.text.split('\n');
    expect(lines.length).toBe(src.split('\n').length);
    expect(lines[1]).toMatch(/^ +$/);
    expect(lines[3]).toMatch(/^ +$/);
    expect(lines[5]).toMatch(/^ +$/);
    expect(lines[6]).toMatch(/^ +$/);
    expect(lines[7]).toMatch(/^ +$/);
    // Inline, they are placeholders like any action.
    expect(lines[8]).toMatch(/^c: x[A-Z]{2}[0-9a-z]_+y[A-Z]{2}[0-9a-z]_+$/);
    // An output action alone on its line (say, a block scalar's content) is not blanked.
    expect(maskTemplates(file('x: |\n  {{ must_env `A` }}\n')).text).toMatch(
      /^x: \|\n {2}[A-Z]{2}0_+\n$/,
    );
  });
});
