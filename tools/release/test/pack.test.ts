// The linter package as the release publishes it: what `pnpm pack` puts in the tarball (the
// release publishes that tarball with npm), and that a TypeScript user of the tarball gets its types.
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
  version: string;
  files: string[];
  bin: Record<string, string>;
  optionalDependencies: Record<string, string>;
  exports: Record<string, Record<string, unknown> | string>;
  repository: { url: string; directory: string };
  publishConfig: { access: string; provenance: boolean };
};

let scratch: string;
let files: string[];

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'doppio-pack-'));
  // `pnpm pack` runs prepack (bundle, declarations, actionlint's WASM build) first, and writes the
  // workspace's versions in place of `workspace:*`.
  const output = execFileSync('pnpm', ['pack', '--json', '--pack-destination', scratch], {
    cwd: PACKAGE,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const packed = JSON.parse(output.slice(output.indexOf('\n{') + 1)) as {
    files: { path: string }[];
    filename: string;
  };
  files = packed.files.map((f) => f.path).sort();
  const unpacked = join(scratch, 'node_modules', ...manifest.name.split('/'));
  mkdirSync(unpacked, { recursive: true });
  execFileSync('tar', ['xzf', packed.filename, '-C', unpacked, '--strip-components=1']);
}, 120_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe(`npm pack of ${manifest.name}`, () => {
  it('holds the bin, the bundles, the declarations, the JSON Schema, README and LICENSE', () => {
    for (const path of [
      'bin/doppio-lint.js',
      'bin/actionlint-wasm.cjs',
      'dist/actionlint/actionlint.wasm',
      'dist/actionlint/wasm_exec.cjs',
      'dist/actionlint/actionlint.json',
      'dist/actionlint/LICENSE.txt',
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

  it('depends on each platform’s native actionlint at its own version, optionally', () => {
    const packedManifest = JSON.parse(
      readFileSync(
        join(scratch, 'node_modules', ...manifest.name.split('/'), 'package.json'),
        'utf8',
      ),
    ) as { optionalDependencies: Record<string, string> };
    expect(Object.keys(manifest.optionalDependencies).sort()).toEqual(
      ['darwin-arm64', 'darwin-x64', 'linux-arm64', 'linux-x64', 'win32-x64'].map(
        (platform) => `@doppio-dev/actionlint-${platform}`,
      ),
    );
    for (const version of Object.values(packedManifest.optionalDependencies))
      expect(version).toBe(manifest.version);
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
