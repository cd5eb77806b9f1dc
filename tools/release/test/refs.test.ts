import { describe, expect, it } from 'vitest';
import { countedNames, findInMarkdown, findInYaml, rewrite } from '../src/refs.js';

const SHA = 'a'.repeat(40);
const OTHER_SHA = 'b'.repeat(40);
const names = countedNames('doppio-dev/doppio');

describe('findInYaml', () => {
  it('finds uses: of jobs and steps, under the canonical and the target name only', () => {
    const text = [
      'jobs:',
      '  a:',
      '    uses: doppio-dev/doppio/.github/workflows/build-push.yml@main',
      '  b:',
      '    steps:',
      '      - uses: doppio-dev/doppio/actions/setup-ecspresso@main # pinned later',
      '      - uses: other-org/doppio/actions/service-state@v1',
      '      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2',
      '      - uses: "doppio-dev/doppio/actions/ensure-image@main"',
      '      - run: echo doppio-dev/doppio/actions/x@main',
      '',
    ].join('\n');
    expect(findInYaml(text, names).map((r) => [r.line, r.repository, r.path, r.ref])).toEqual([
      [3, 'doppio-dev/doppio', '.github/workflows/build-push.yml', 'main'],
      [6, 'doppio-dev/doppio', 'actions/setup-ecspresso', 'main'],
      [9, 'doppio-dev/doppio', 'actions/ensure-image', 'main'],
    ]);
    expect(findInYaml(text, countedNames('other-org/doppio')).map((r) => r.line)).toEqual([
      3, 6, 7, 9,
    ]);
  });

  it('ignores placeholders and comments (documentation, not references)', () => {
    const text =
      '# uses: doppio-dev/doppio/.github/workflows/build-push.yml@main\njobs:\n  a:\n    uses: doppio-dev/doppio/.github/workflows/build-push.yml@<sha>\n';
    expect(findInYaml(text, names)).toEqual([]);
  });

  it('refuses a file it cannot parse rather than miss its references', () => {
    expect(() => findInYaml('a: [\n', names)).toThrow(/not valid YAML/);
  });
});

describe('findInMarkdown', () => {
  it('reads uses: lines inside fenced code only', () => {
    const text = [
      'Use `uses: doppio-dev/doppio/actions/conclusion@main` in prose: not a reference.',
      'uses: doppio-dev/doppio/actions/conclusion@main',
      '```yaml',
      '    - uses: doppio-dev/doppio/actions/conclusion@main # v0.1.0',
      '      uses: doppio-dev/doppio/actions/conclusion@<sha> # vX.Y.Z',
      '```',
      '~~~',
      'uses: doppio-dev/doppio/.github/workflows/rollback.yml@v1',
      '~~~',
    ].join('\n');
    expect(
      findInMarkdown(text, names).map((r) => [r.line, r.path, r.ref, r.comment?.text]),
    ).toEqual([
      [4, 'actions/conclusion', 'main', '# v0.1.0'],
      [8, '.github/workflows/rollback.yml', 'v1', undefined],
    ]);
  });
});

describe('rewrite', () => {
  const text = [
    'steps:',
    '  - uses: doppio-dev/doppio/actions/a@main',
    '  - uses: doppio-dev/doppio/actions/b@main   # keep this note',
    `  - uses: doppio-dev/doppio/actions/c@${OTHER_SHA} # v1.0.0`,
    `  - uses: doppio-dev/doppio/actions/d@${SHA} # v2.0.0`,
    '',
  ].join('\n');
  const refs = () => findInYaml(text, names);

  it('pins to a SHA with its version comment, keeping every other byte', () => {
    const result = rewrite(text, refs(), {
      repository: 'doppio-dev/doppio',
      ref: SHA,
      version: '2.0.0',
    });
    expect(result.text).toBe(
      [
        'steps:',
        `  - uses: doppio-dev/doppio/actions/a@${SHA} # v2.0.0`,
        `  - uses: doppio-dev/doppio/actions/b@${SHA}   # v2.0.0 # keep this note`,
        `  - uses: doppio-dev/doppio/actions/c@${SHA} # v2.0.0`,
        `  - uses: doppio-dev/doppio/actions/d@${SHA} # v2.0.0`,
        '',
      ].join('\n'),
    );
    expect(result.changes.map((c) => c.line)).toEqual([2, 3, 4]);
    expect(result.changes[0]).toEqual({
      line: 2,
      before: 'doppio-dev/doppio/actions/a@main',
      after: `doppio-dev/doppio/actions/a@${SHA} # v2.0.0`,
    });
  });

  it('is idempotent', () => {
    const once = rewrite(text, refs(), {
      repository: 'doppio-dev/doppio',
      ref: SHA,
      version: '2.0.0',
    }).text;
    const twice = rewrite(once, findInYaml(once, names), {
      repository: 'doppio-dev/doppio',
      ref: SHA,
      version: '2.0.0',
    });
    expect(twice.changes).toEqual([]);
    expect(twice.text).toBe(once);
  });

  it('drops a version comment that no longer describes the ref', () => {
    const result = rewrite(text, refs(), { repository: 'doppio-dev/doppio', ref: 'main' });
    expect(result.text.split('\n')[4]).toBe('  - uses: doppio-dev/doppio/actions/d@main');
    expect(result.text.split('\n')[2]).toBe(
      '  - uses: doppio-dev/doppio/actions/b@main   # keep this note',
    );
  });

  it('renames the owner for a fork', () => {
    const result = rewrite(text, refs(), {
      repository: 'other-org/doppio',
      ref: SHA,
      version: '2.0.0',
    });
    expect(result.text).not.toContain('doppio-dev/');
    expect(result.changes).toHaveLength(4);
  });
});
