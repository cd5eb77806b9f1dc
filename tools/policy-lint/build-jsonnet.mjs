// Builds go-jsonnet — the Jsonnet implementation ecspresso embeds — to WebAssembly for the linter
// (jsonnet/main.go), from the Go module proxy: dist/jsonnet.wasm, and beside it Go's glue for
// running it, dist/jsonnet-wasm_exec.cjs, from the same Go toolchain (the two must match). Needs Go
// 1.24 or newer; skipped when both files are newer than the Go sources. No binary is committed:
// this is the only place the module comes from (the policy-lint action copies what it builds).
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const here = import.meta.dirname;
const source = join(here, 'jsonnet');
const dist = join(here, 'dist');
const wasm = join(dist, 'jsonnet.wasm');
const glue = join(dist, 'jsonnet-wasm_exec.cjs');

const newest = Math.max(
  ...['go.mod', 'go.sum', 'main.go'].map((name) => statSync(join(source, name)).mtimeMs),
);
const fresh = [wasm, glue].every((file) => existsSync(file) && statSync(file).mtimeMs >= newest);

if (!fresh) {
  const go = (args, env = {}) =>
    execFileSync('go', args, {
      cwd: source,
      encoding: 'utf8',
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    }).trim();
  let goroot;
  try {
    goroot = go(['env', 'GOROOT']);
  } catch {
    console.error(
      'doppio-lint build: `go` (1.24 or newer) is needed to build go-jsonnet to WebAssembly (jsonnet/main.go); install Go and run the build again',
    );
    process.exit(1);
  }
  mkdirSync(dist, { recursive: true });
  // -trimpath and no VCS stamp: the same sources and toolchain give the same bytes anywhere.
  go(['build', '-trimpath', '-buildvcs=false', '-ldflags=-s -w', '-o', wasm, '.'], {
    GOOS: 'js',
    GOARCH: 'wasm',
    CGO_ENABLED: '0',
    GOFLAGS: '-mod=readonly',
  });
  // Go 1.24 moved the glue from misc/wasm to lib/wasm.
  const glueSource = ['lib', 'misc']
    .map((dir) => join(goroot, dir, 'wasm', 'wasm_exec.js'))
    .find((file) => existsSync(file));
  if (!glueSource) {
    console.error(`doppio-lint build: no wasm_exec.js in ${goroot}`);
    process.exit(1);
  }
  copyFileSync(glueSource, glue);
}
