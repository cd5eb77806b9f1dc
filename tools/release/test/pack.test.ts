// The linter package as npm would publish it: what `npm pack` puts in the tarball, and that a
// TypeScript user of the tarball gets its types.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const PACKAGE = join(ROOT, 'tools', 'policy-lint');
const manifest = JSON.parse(readFileSync(join(PACKAGE, 'package.json'), 'utf8')) as {
  name: string;
  license: string;
  engines: { node: string };
  files: string[];
  bin: Record<string, string>;
  exports: Record<string, Record<string, unknown> | string>;
  repository: { url: string; directory: string };
  publishConfig: { access: string; provenance: boolean };
};

let scratch: string;
let files: string[];

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'doppio-pack-'));
  // `npm pack` runs prepack (bundle and declarations) first, as `npm publish` does.
  const output = execFileSync('npm', ['pack', '--json', '--pack-destination', scratch], {
    cwd: PACKAGE,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [packed] = JSON.parse(output.slice(output.indexOf('['))) as [
    { files: { path: string }[]; filename: string },
  ];
  files = packed.files.map((f) => f.path).sort();
  const unpacked = join(scratch, 'node_modules', ...manifest.name.split('/'));
  mkdirSync(unpacked, { recursive: true });
  execFileSync('tar', [
    'xzf',
    join(scratch, packed.filename),
    '-C',
    unpacked,
    '--strip-components=1',
  ]);
}, 120_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe(`npm pack of ${manifest.name}`, () => {
  it('holds the bin, the bundles, the declarations, the JSON Schema, README and LICENSE', () => {
    for (const path of [
      'bin/doppio-lint.js',
      'dist/cli.js',
      'dist/index.js',
      'dist/types/src/index.d.ts',
      'schema/doppio.schema.json',
      'README.md',
      'LICENSE',
      'package.json',
    ]) {
      expect(files, path).toContain(path);
    }
    expect(Object.values(manifest.bin)).toEqual(['./bin/doppio-lint.js']);
  });

  it('holds no sources, tests, fixtures, benchmarks or build state', () => {
    const unwanted = files.filter(
      (f) =>
        /^(src|test|bench|node_modules)\//.test(f) ||
        /(^|\/)(fixtures?|__snapshots__)\//.test(f) ||
        /\.test\.|\.tsbuildinfo$|(^|\/)tsconfig|vitest\.config|build\.mjs$/.test(f),
    );
    expect(unwanted).toEqual([]);
    expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
  });

  it('ships the root LICENSE, byte for byte', () => {
    expect(readFileSync(join(PACKAGE, 'LICENSE'), 'utf8')).toBe(
      readFileSync(join(ROOT, 'LICENSE'), 'utf8'),
    );
    expect(manifest.license).toBe('MIT');
  });

  it('declares engines, files, public access with provenance, and the repository provenance checks', () => {
    expect(manifest.engines.node).toMatch(/^>=20/);
    expect(manifest.files.length).toBeGreaterThan(0);
    expect(manifest.publishConfig).toEqual({ access: 'public', provenance: true });
    // npm refuses a provenance statement whose repository differs from the package's.
    expect(manifest.repository).toMatchObject({
      url: 'git+https://github.com/doppio-dev/doppio.git',
      directory: 'tools/policy-lint',
    });
  });

  it('keeps the doppio-source condition (the tests bundle and test the sources) and types that resolve without them', () => {
    const main = manifest.exports['.'] as Record<string, unknown>;
    expect(main['doppio-source']).toBe('./src/index.ts');
    expect(main['types']).toEqual(['./src/index.ts', './dist/types/src/index.d.ts']);
    expect(Object.keys(main)[0]).toBe('types');
  });

  it('gives a TypeScript user of the tarball the declared types', () => {
    writeFileSync(
      join(scratch, 'use.ts'),
      "import { lint, formatReport, type Report } from '@doppio-dev/doppio-lint';\nexport const report: Promise<Report> = lint({ paths: ['.'], cwd: '.', actionlint: 'off' });\nexport const text = (r: Report): string => formatReport(r, 'json');\nexport const wrong: number = lint;\n",
    );
    writeFileSync(
      join(scratch, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          moduleResolution: 'nodenext',
          noEmit: true,
          strict: true,
          skipLibCheck: true,
          types: [],
        },
        files: ['use.ts'],
      }),
    );
    let output = '';
    try {
      execFileSync(join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', '.'], {
        cwd: scratch,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error) {
      output = (error as { stdout: string }).stdout;
    }
    // Exactly the deliberate error: the types are real, not `any`.
    expect(output.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^use\.ts\(4,14\): error TS2322: Type .* is not assignable to type 'number'\.$/,
      ),
    ]);
  });
});
