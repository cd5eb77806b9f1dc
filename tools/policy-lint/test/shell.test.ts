import { describe, it, expect, beforeAll, vi } from 'vitest';
import { makeSourceFile } from '../src/model/source.js';
import type { ShellCommand, ShellScript, ShellWord, Span } from '../src/model/types.js';
import { initShellParser, parseShell } from '../src/parse/shell.js';

// Every script is embedded 10 characters into its file, so spans must go through toFileOffset.
const PREFIX = 'run: |\n   ';

function parse(script: string): ShellScript {
  const file = makeSourceFile(
    '.github/workflows/deploy.yml',
    '/repo/.github/workflows/deploy.yml',
    'workflow',
    PREFIX + script,
  );
  return parseShell(script, file, (o) => o + PREFIX.length);
}

const text = (s: Span) => s.file.text.slice(s.start, s.end);
const raws = (ws: readonly ShellWord[]) => ws.map((w) => w.raw);
const literals = (ws: readonly ShellWord[]) => ws.map((w) => w.literal);
const names = (cs: readonly ShellCommand[]) => cs.map((c) => c.name?.raw);

/** Every span in the result (commands, words, assignments, redirects, substitutions) must cover
 *  exactly the source text it claims. */
function checkSpans(commands: readonly ShellCommand[]): void {
  for (const c of commands) {
    for (const w of [...(c.name ? [c.name] : []), ...c.args, ...c.redirects.map((r) => r.target)]) {
      expect(text(w.span)).toBe(w.raw);
    }
    for (const a of c.assignments) {
      // `NAME=raw` (or `NAME+=raw`); recovered garbage may put other text between name and `=`.
      expect(
        text(a.span).startsWith(a.name) && text(a.span).endsWith(`=${a.raw}`),
        text(a.span),
      ).toBe(true);
    }
    checkSpans(c.substitutions);
  }
}

function one(script: string): ShellCommand {
  const result = parse(script);
  expect(result.hasErrors).toBe(false);
  expect(result.commands).toHaveLength(1);
  checkSpans(result.commands);
  return result.commands[0]!;
}

describe('before init', () => {
  it('parseShell throws a clear error until initShellParser has resolved', async () => {
    vi.resetModules();
    const fresh = await import('../src/parse/shell.js');
    const file = makeSourceFile('a.sh', '/a.sh', 'script', 'echo');
    expect(() => fresh.parseShell('echo', file, (o) => o)).toThrow(/before initShellParser/);
  });
});

describe('parseShell', () => {
  beforeAll(async () => {
    // Concurrent and repeated calls are fine.
    await Promise.all([initShellParser(), initShellParser()]);
    await initShellParser();
  });

  it('gives the script span and no commands for an empty script', () => {
    const r = parse('');
    expect(r).toMatchObject({ commands: [], hasErrors: false });
    expect([r.span.start, r.span.end]).toEqual([10, 10]);
    expect(parse('  # only a comment\n').commands).toEqual([]);
  });

  it('reads a simple command with exact, mapped spans', () => {
    const c = one('echo hi');
    expect(c.name).toMatchObject({ raw: 'echo', literal: 'echo', span: { start: 10, end: 14 } });
    expect(c.args).toMatchObject([{ raw: 'hi', literal: 'hi', span: { start: 15, end: 17 } }]);
    expect(c).toMatchObject({ assignments: [], redirects: [], substitutions: [] });
    expect([c.span.start, c.span.end]).toEqual([10, 17]);
  });

  it('finds ecspresso rollback inside if/then/fi', () => {
    const script = [
      'if [ "$ENV" = production ]; then',
      '  ecspresso rollback --config .ecspresso/production/config.yaml --deregister-task-definition',
      'fi',
    ].join('\n');
    const r = parse(script);
    expect(r.hasErrors).toBe(false);
    // `[ … ]` is a test_command to tree-sitter-bash, not a simple command: not listed.
    expect(names(r.commands)).toEqual(['ecspresso']);
    const c = r.commands[0]!;
    expect(literals(c.args)).toEqual([
      'rollback',
      '--config',
      '.ecspresso/production/config.yaml',
      '--deregister-task-definition',
    ]);
    expect(text(c.span)).toBe(
      'ecspresso rollback --config .ecspresso/production/config.yaml --deregister-task-definition',
    );
    checkSpans(r.commands);
  });

  it('lists commands nested anywhere, in source order', () => {
    const script = [
      'set -euo pipefail',
      'a | b && c || d',
      'while read -r l; do e "$l"; done < list.txt',
      'for f in x y; do g "$f"; done',
      'case "$ENV" in prod) h ;; *) i ;; esac',
      '(cd sub && j)',
      '{ k; l; }',
      'deploy() { m; }',
      '! n',
      'o &',
      'until p; do q; done',
    ].join('\n');
    const r = parse(script);
    expect(r.hasErrors).toBe(false);
    expect(names(r.commands)).toEqual([
      'set',
      'a',
      'b',
      'c',
      'd',
      'read',
      'e',
      'g',
      'h',
      'i',
      'cd',
      'j',
      'k',
      'l',
      'm',
      'n',
      'o',
      'p',
      'q',
    ]);
    checkSpans(r.commands);
  });

  it('keeps NAME=value arguments as words: make rollback ENV=production', () => {
    const c = one('make rollback ENV=production');
    expect(c.name?.literal).toBe('make');
    expect(c.args).toMatchObject([
      { raw: 'rollback', literal: 'rollback' },
      { raw: 'ENV=production', literal: 'ENV=production' },
    ]);
    expect(c.assignments).toEqual([]);
  });

  it('reads bash ./scripts/rollback.sh', () => {
    const c = one('bash ./scripts/rollback.sh');
    expect(c.name?.literal).toBe('bash');
    expect(literals(c.args)).toEqual(['./scripts/rollback.sh']);
  });

  it('reads bare assignments as commands without a name', () => {
    const c = one('IMAGE_TAG=${GITHUB_SHA::7}');
    expect(c.name).toBeUndefined();
    expect(c.args).toEqual([]);
    expect(c.assignments).toMatchObject([
      { name: 'IMAGE_TAG', raw: '${GITHUB_SHA::7}', span: { start: 10, end: 36 } },
    ]);
    expect(text(c.span)).toBe('IMAGE_TAG=${GITHUB_SHA::7}');

    const two = one('A=1 B="two words"');
    expect(two.name).toBeUndefined();
    expect(two.assignments.map((a) => [a.name, a.raw])).toEqual([
      ['A', '1'],
      ['B', '"two words"'],
    ]);
    expect(text(two.span)).toBe('A=1 B="two words"');

    expect(one('X=').assignments).toMatchObject([{ name: 'X', raw: '' }]);
    expect(one("arr=(a 'b c')").assignments).toMatchObject([{ name: 'arr', raw: "(a 'b c')" }]);
    expect(one('PATH+=:/opt/bin').assignments).toMatchObject([{ name: 'PATH', raw: ':/opt/bin' }]);
  });

  it('puts commands of a bare assignment substitution in its substitutions only', () => {
    const r = parse('TAG=$(git rev-parse HEAD)');
    expect(r.commands).toHaveLength(1);
    const c = r.commands[0]!;
    expect(c.name).toBeUndefined();
    expect(c.assignments).toMatchObject([{ name: 'TAG', raw: '$(git rev-parse HEAD)' }]);
    expect(names(c.substitutions)).toEqual(['git']);
    expect(literals(c.substitutions[0]!.args)).toEqual(['rev-parse', 'HEAD']);
    expect(text(c.substitutions[0]!.span)).toBe('git rev-parse HEAD');
  });

  it('separates leading assignments from the command: A=1 make deploy', () => {
    const c = one('A=1 B=$X make deploy');
    expect(c.assignments.map((a) => [a.name, a.raw])).toEqual([
      ['A', '1'],
      ['B', '$X'],
    ]);
    expect(c.name?.literal).toBe('make');
    expect(raws(c.args)).toEqual(['deploy']);
    expect(text(c.span)).toBe('A=1 B=$X make deploy');
  });

  it('reports export / declare / local / readonly / unset as commands named so', () => {
    const r = parse('export X=1 Y=$Z\ndeclare -x W="a b"\nlocal v\nreadonly R=\'1\'\nunset Q');
    expect(r.hasErrors).toBe(false);
    expect(r.commands.map((c) => c.name?.literal)).toEqual([
      'export',
      'declare',
      'local',
      'readonly',
      'unset',
    ]);
    const [exp, decl, local, ro, unset] = r.commands;
    expect(exp!.args).toMatchObject([
      { raw: 'X=1', literal: 'X=1' },
      { raw: 'Y=$Z', literal: undefined },
    ]);
    expect(exp!.assignments).toEqual([]);
    expect(text(exp!.span)).toBe('export X=1 Y=$Z');
    expect(decl!.args).toMatchObject([
      { raw: '-x', literal: '-x' },
      { raw: 'W="a b"', literal: 'W=a b' },
    ]);
    expect(literals(local!.args)).toEqual(['v']);
    expect(ro!.args).toMatchObject([{ raw: "R='1'", literal: 'R=1' }]);
    expect(literals(unset!.args)).toEqual(['Q']);
    checkSpans(r.commands);
  });

  it('reads redirects: echo "tag=$T" >> "$GITHUB_OUTPUT"', () => {
    const c = one('echo "tag=$T" >> "$GITHUB_OUTPUT"');
    expect(c.args).toMatchObject([{ raw: '"tag=$T"', literal: undefined }]);
    expect(c.redirects).toMatchObject([
      { operator: '>>', target: { raw: '"$GITHUB_OUTPUT"', literal: undefined } },
    ]);
    expect(text(c.span)).toBe('echo "tag=$T" >> "$GITHUB_OUTPUT"');

    const d = one('deploy.sh > out.log 2>&1 < in');
    expect(d.redirects.map((r) => [r.operator, r.target.raw])).toEqual([
      ['>', 'out.log'],
      ['>&', '1'],
      ['<', 'in'],
    ]);
    expect(one('grep x <<< "$Y"').redirects.map((r) => [r.operator, r.target.raw])).toEqual([
      ['<<<', '"$Y"'],
    ]);
  });

  it('nests $( ) of an argument under the command: IMAGE_TAG=$(git rev-parse) >> $GITHUB_ENV', () => {
    const r = parse('echo "IMAGE_TAG=$(git rev-parse --short HEAD)" >> $GITHUB_ENV');
    expect(r.commands).toHaveLength(1);
    const c = r.commands[0]!;
    expect(c.name?.literal).toBe('echo');
    expect(c.args).toMatchObject([
      { raw: '"IMAGE_TAG=$(git rev-parse --short HEAD)"', literal: undefined },
    ]);
    expect(c.redirects).toMatchObject([
      { operator: '>>', target: { raw: '$GITHUB_ENV', literal: undefined } },
    ]);
    expect(c.substitutions).toHaveLength(1);
    const git = c.substitutions[0]!;
    expect(git.name?.literal).toBe('git');
    expect(literals(git.args)).toEqual(['rev-parse', '--short', 'HEAD']);
    expect(text(git.span)).toBe('git rev-parse --short HEAD');
    expect(git.span.start).toBe(10 + 'echo "IMAGE_TAG=$('.length);
    expect(text(c.span)).toBe('echo "IMAGE_TAG=$(git rev-parse --short HEAD)" >> $GITHUB_ENV');
    checkSpans(r.commands);
  });

  it('nests substitutions recursively, backticks and <( ) included', () => {
    const c = one('echo $(a $(b)) `c` <(d)');
    expect(names(c.substitutions)).toEqual(['a', 'c', 'd']);
    expect(names(c.substitutions[0]!.substitutions)).toEqual(['b']);
    expect(names(one('$(which tool) run').substitutions)).toEqual(['which']);
    expect(names(one('A=$(x) make').substitutions)).toEqual(['x']);
  });

  it('lists substitutions that no simple command owns at statement level', () => {
    const r = parse(
      'for f in $(ls); do rm "$f"; done\n[[ -n $(git status) ]]\nwhile read l; do :; done < <(find .)',
    );
    expect(names(r.commands)).toEqual(['ls', 'rm', 'git', 'read', ':', 'find']);
  });

  it('reads heredoc redirects', () => {
    const script = 'cat <<EOF >> "$GITHUB_OUTPUT"\nsha=$(git rev-parse HEAD)\nEOF\necho done';
    const r = parse(script);
    expect(r.hasErrors).toBe(false);
    expect(names(r.commands)).toEqual(['cat', 'echo']);
    const cat = r.commands[0]!;
    expect(cat.redirects.map((x) => [x.operator, x.target.raw, x.target.literal])).toEqual([
      ['<<', 'EOF', 'EOF'],
      ['>>', '"$GITHUB_OUTPUT"', undefined],
    ]);
    expect(names(cat.substitutions)).toEqual(['git']);
    // The command's span stays on its line; the heredoc body is not part of it.
    expect(text(cat.span)).toBe('cat <<EOF >> "$GITHUB_OUTPUT"');

    const quoted = parse("cat <<-'EOF' | grep x && echo ok\n\tno $(subst) here\n\tEOF");
    expect(names(quoted.commands)).toEqual(['cat', 'grep', 'echo']);
    expect(quoted.commands[0]!.redirects).toMatchObject([
      { operator: '<<-', target: { raw: "'EOF'", literal: 'EOF' } },
    ]);
    expect(quoted.commands[0]!.substitutions).toEqual([]);
    checkSpans(quoted.commands);

    const more = one('cat 3<<EOF extra.txt\nbody\nEOF');
    expect(more.redirects).toMatchObject([{ operator: '<<', target: { raw: 'EOF' } }]);
    expect(raws(more.args)).toEqual(['extra.txt']);
    expect(text(more.span)).toBe('cat 3<<EOF extra.txt');
  });

  it('computes word literals', () => {
    const c = one(
      'cmd foo \'a b\' "a b" --config=x.yml "$X" a$X ${X} \'a\'"b"c a\\ b "q\\"t" $\'x\\ty\' 42 ~/x *.yml $((1+2)) ""',
    );
    expect(c.args.map((w) => [w.raw, w.literal])).toEqual([
      ['foo', 'foo'],
      ["'a b'", 'a b'],
      ['"a b"', 'a b'],
      ['--config=x.yml', '--config=x.yml'],
      ['"$X"', undefined],
      ['a$X', undefined],
      ['${X}', undefined],
      [`'a'"b"c`, 'abc'],
      [String.raw`a\ b`, 'a b'],
      [String.raw`"q\"t"`, 'q"t'],
      [String.raw`$'x\ty'`, 'x\ty'],
      ['42', '42'],
      ['~/x', undefined],
      ['*.yml', '*.yml'],
      ['$((1+2))', undefined],
      ['""', ''],
    ]);
  });

  it('treats ${{ }} GitHub expressions as expansions and keeps raw text exact', () => {
    const c = one('docker build -t app:${{ github.sha }} .');
    expect(c.args.map((w) => [w.raw, w.literal])).toEqual([
      ['build', 'build'],
      ['-t', '-t'],
      ['app:${{ github.sha }}', undefined],
      ['.', '.'],
    ]);

    const q = one('docker build -t "$ECR_REGISTRY/$ECR_REPOSITORY:${{ github.sha }}" .');
    expect(q.args.map((w) => [w.raw, w.literal])).toEqual([
      ['build', 'build'],
      ['-t', '-t'],
      ['"$ECR_REGISTRY/$ECR_REPOSITORY:${{ github.sha }}"', undefined],
      ['.', '.'],
    ]);
    expect(text(q.span)).toBe(
      'docker build -t "$ECR_REGISTRY/$ECR_REPOSITORY:${{ github.sha }}" .',
    );

    // Substituted even inside single quotes, so not a literal there either.
    expect(one("echo '${{ secrets.X }}' ok").args.map((w) => w.literal)).toEqual([undefined, 'ok']);
    const a = one('TAG=${{ github.sha }}');
    expect(a.assignments).toMatchObject([{ name: 'TAG', raw: '${{ github.sha }}' }]);
    const cmd = one('${{ matrix.tool }} deploy --env ${{ inputs.env }}');
    expect(cmd.name).toMatchObject({ raw: '${{ matrix.tool }}', literal: undefined });
    expect(raws(cmd.args)).toEqual(['deploy', '--env', '${{ inputs.env }}']);
    expect(one('echo "${{ format(\'{0}}\', x) }}"').args[0]!.raw).toBe(
      '"${{ format(\'{0}}\', x) }}"',
    );
  });

  it('follows line continuations', () => {
    const script = 'ecspresso deploy \\\n  --config ecspresso.yml \\\n  --no-wait\necho next';
    const r = parse(script);
    expect(r.hasErrors).toBe(false);
    expect(names(r.commands)).toEqual(['ecspresso', 'echo']);
    expect(literals(r.commands[0]!.args)).toEqual([
      'deploy',
      '--config',
      'ecspresso.yml',
      '--no-wait',
    ]);
    expect(text(r.commands[0]!.span)).toBe(
      'ecspresso deploy \\\n  --config ecspresso.yml \\\n  --no-wait',
    );
    checkSpans(r.commands);
  });

  it('keeps spans exact after non-ASCII text', () => {
    const script =
      '# デプロイ — héllo 😀\necho "naïve 🚀" && ecspresso rollback --deregister-task-definition';
    const r = parse(script);
    expect(r.hasErrors).toBe(false);
    expect(names(r.commands)).toEqual(['echo', 'ecspresso']);
    expect(r.commands[0]!.args[0]).toMatchObject({ raw: '"naïve 🚀"', literal: 'naïve 🚀' });
    expect(text(r.commands[1]!.span)).toBe('ecspresso rollback --deregister-task-definition');
    expect(r.commands[1]!.span.start).toBe(10 + script.indexOf('ecspresso'));
    checkSpans(r.commands);
  });

  it('parses a 100 KB script', () => {
    const script = `${'echo "line ✓ ${{ github.sha }}" | tee -a log\n'.repeat(2500)}ecspresso deploy`;
    expect(script.length).toBeGreaterThan(100_000);
    const r = parse(script);
    expect(r.hasErrors).toBe(false);
    expect(r.commands).toHaveLength(5001);
    const last = r.commands.at(-1)!;
    expect(text(last.span)).toBe('ecspresso deploy');
    expect(last.span.end).toBe(10 + script.length);
  });

  it('survives random token soup with consistent spans', () => {
    const tokens = [
      'echo',
      'ecspresso',
      'x=1',
      '$X',
      '${Y}',
      '${{ github.sha }}',
      '${{',
      '}}',
      '"',
      "'",
      '`',
      '$(',
      '$((',
      '(',
      ')',
      '{',
      '}',
      '[[',
      ']]',
      '|',
      '||',
      '&&',
      ';',
      ';;',
      '&',
      '>',
      '>>',
      '<<',
      '<<-',
      'EOF',
      '\\',
      '\n',
      '\\\n',
      'if',
      'then',
      'fi',
      'for',
      'in',
      'do',
      'done',
      'case',
      'esac',
      'export',
      'local',
      '#',
      'é',
      '😀',
      '=',
      ' ',
      ' ',
      '\t',
    ];
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let i = 0; i < 400; i++) {
      const script = Array.from({ length: 1 + rand(40) }, () => tokens[rand(tokens.length)]).join(
        rand(2) ? ' ' : '',
      );
      let r: ShellScript | undefined;
      expect(() => (r = parse(script)), script).not.toThrow();
      checkSpans(r!.commands);
      const all = (cs: readonly ShellCommand[]): ShellCommand[] =>
        cs.flatMap((c) => [c, ...all(c.substitutions)]);
      for (const c of all(r!.commands)) {
        expect(c.span.start, script).toBeGreaterThanOrEqual(10);
        expect(c.span.end, script).toBeLessThanOrEqual(10 + script.length);
        expect(c.span.start, script).toBeLessThanOrEqual(c.span.end);
      }
    }
  });

  it('never throws on garbage and flags syntax errors', () => {
    const garbage = [
      'echo "unterminated',
      "echo 'unterminated",
      'echo $((',
      'echo $(',
      'if then fi',
      'case',
      '}}}{{{ ${{ ${{ }} )) ((',
      '\u0000\u0001\u00ff\ufffd\ud800 binary \u0007',
      'cat <<EOF',
      '`'.repeat(1000),
      '$('.repeat(5000),
      '"'.repeat(999),
      Array.from({ length: 2000 }, (_, i) => String.fromCharCode((i * 7919) % 0xffff)).join(''),
    ];
    for (const g of garbage) {
      let r: ShellScript | undefined;
      expect(() => (r = parse(g))).not.toThrow();
      for (const c of r!.commands) expect(c.span.start).toBeGreaterThanOrEqual(10);
    }
    expect(parse('echo "unterminated').hasErrors).toBe(true);
    expect(parse('if then fi').hasErrors).toBe(true);
    // What can be recovered still is.
    const partial = parse('ecspresso rollback --deregister-task-definition\nif then fi');
    expect(partial.hasErrors).toBe(true);
    expect(names(partial.commands)).toContain('ecspresso');
  });
});

describe('commands a command runs', () => {
  beforeAll(() => initShellParser());

  /** Each command as `name args…`, with where the parser says it runs. */
  const runs = (script: string) =>
    parse(script).commands.map((c) => ({
      line: [c.name?.raw, ...c.args.map((a) => a.literal ?? a.raw)].join(' '),
      directory: c.directory,
      conditional: c.conditional,
    }));

  it('lists the command behind env, timeout, time, nohup, sudo, nice and xargs, with the variables set for it', () => {
    const script =
      'sudo -E env IMAGE_TAG=abc timeout -s KILL 600 nohup ecspresso deploy\nxargs -n1 -P 2 ecspresso rollback --config';
    const commands = parse(script).commands;
    expect(names(commands)).toEqual([
      'sudo',
      'env',
      'timeout',
      'nohup',
      'ecspresso',
      'xargs',
      'ecspresso',
    ]);
    const deploy = commands[4]!;
    expect(raws(deploy.args)).toEqual(['deploy']);
    expect(deploy.assignments.map((a) => `${a.name}=${a.raw}`)).toEqual(['IMAGE_TAG=abc']);
    expect(text(deploy.span)).toBe('ecspresso deploy');
    checkSpans(commands);
  });

  it('parses the string of sh -c and bash -ec as a script, positions inside the quotes', () => {
    const commands = parse(
      `bash -ec 'ecspresso rollback --config a.yml'\nsh -c "cd svc && ecspresso deploy --config \\"b c.yml\\""`,
    ).commands;
    const [, rollback, , cd, deploy] = commands;
    expect(names(commands)).toEqual(['bash', 'ecspresso', 'sh', 'cd', 'ecspresso']);
    expect(text(rollback!.span)).toBe('ecspresso rollback --config a.yml');
    expect(literals(deploy!.args)).toEqual(['deploy', '--config', 'b c.yml']);
    // The escaped quotes are in the file, not in the word the inner shell reads.
    expect(text(deploy!.args[2]!.span)).toBe('"b c.yml\\"');
    expect([cd!.directory, deploy!.directory]).toEqual(['.', 'svc']);
  });

  it('runs the script of parallel once per value after :::, and marks what xargs feeds as unknown', () => {
    expect(
      runs('parallel "ecspresso deploy --config .ecspresso/{}/config.yaml" ::: staging production')
        .map((r) => r.line)
        .slice(1),
    ).toEqual([
      'ecspresso deploy --config .ecspresso/staging/config.yaml',
      'ecspresso deploy --config .ecspresso/production/config.yaml',
    ]);
    const [, inner] = parse('ls | xargs -I{} ecspresso deploy --config {}').commands.slice(1);
    expect(literals(inner!.args)).toEqual(['deploy', '--config', undefined]);
  });

  it('follows cd, pushd, popd and subshells; a cd it cannot follow leaves the directory unknown', () => {
    expect(
      runs(
        'cd deploy\n(cd web && ecspresso deploy)\npushd worker\necspresso deploy\npopd\necspresso deploy\ncd "$DIR"\necspresso deploy',
      ).filter((r) => r.line.startsWith('ecspresso')),
    ).toEqual([
      { line: 'ecspresso deploy', directory: 'deploy/web', conditional: true },
      { line: 'ecspresso deploy', directory: 'deploy/worker', conditional: false },
      { line: 'ecspresso deploy', directory: 'deploy', conditional: false },
      { line: 'ecspresso deploy', directory: undefined, conditional: false },
    ]);
    // A cd in a branch may or may not have happened.
    expect(runs('if [ -d x ]; then cd x; fi\necspresso deploy').at(-1)?.directory).toBeUndefined();
  });

  it('marks the commands that may not run: branches, loops, function bodies, after && and ||', () => {
    expect(
      runs(
        'a\nif b; then c; else d; fi\nfor x in y; do e; done\nf() { g; }\nh && i || j\ncase k in l) m ;; esac',
      ).map((r) => `${r.line}:${r.conditional}`),
    ).toEqual([
      'a:false',
      'b:false',
      'c:true',
      'd:true',
      'e:true',
      'g:true',
      'h:false',
      'i:true',
      'j:true',
      'm:true',
    ]);
  });
});
