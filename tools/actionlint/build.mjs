// Builds actionlint from its Go module (the version go.mod pins, sources checked against go.sum):
// natively for the per-platform npm packages under npm/<os>-<cpu>/, and as WASM (GOOS=js) into the
// linter's dist/actionlint/, the fallback where no platform package installs. Nothing built here is
// committed; `pnpm install` builds the host's package and the WASM, the release builds them all.
//
//   node tools/actionlint/build.mjs [--host] [--wasm] [--platform <os-cpu>]… [--all] [--if-go]
//
// A build whose inputs (go.mod, go.sum, main.go, the Go version, the target) are unchanged is
// skipped: the stamp beside each output records them. --if-go turns "Go is not installed" into a
// notice (exit 0), for the install step of a machine without Go.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { spawnSync } from 'node:child_process';

const HERE = import.meta.dirname;
const WASM_DIR = join(HERE, '..', 'policy-lint', 'dist', 'actionlint');

/** The npm packages by Node's platform-arch, with the Go target each is built for. */
const PLATFORMS = {
  'linux-x64': { goos: 'linux', goarch: 'amd64' },
  'linux-arm64': { goos: 'linux', goarch: 'arm64' },
  'darwin-x64': { goos: 'darwin', goarch: 'amd64' },
  'darwin-arm64': { goos: 'darwin', goarch: 'arm64' },
  'win32-x64': { goos: 'windows', goarch: 'amd64' },
};

/** Where a build goes and what it is called; `stamp` is read by doppio-lint for the version. */
function target(name) {
  if (name === 'wasm')
    return { goos: 'js', goarch: 'wasm', dir: WASM_DIR, binary: 'actionlint.wasm' };
  const { goos, goarch } = PLATFORMS[name];
  return {
    goos,
    goarch,
    dir: join(HERE, 'npm', name),
    binary: join('bin', goos === 'windows' ? 'actionlint.exe' : 'actionlint'),
  };
}

function go(args, env = {}) {
  const result = spawnSync('go', args, {
    cwd: HERE,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`go ${args[0]} failed (exit ${result.status})`);
  return result.stdout.trim();
}

/** Copies a file as a new, writable one: the module cache's files are read-only. */
function copy(from, to) {
  rmSync(to, { force: true });
  writeFileSync(to, readFileSync(from));
}

function build(name, toolchain) {
  const { goos, goarch, dir, binary } = target(name);
  const inputs = createHash('sha256');
  for (const file of ['go.mod', 'go.sum', 'main.go']) inputs.update(readFileSync(join(HERE, file)));
  inputs.update(`${toolchain.version} ${goos}/${goarch}`);
  const stamp = {
    actionlint: toolchain.actionlint,
    go: toolchain.version,
    inputs: inputs.digest('hex'),
  };
  const stampFile = join(dir, 'actionlint.json');
  if (
    existsSync(join(dir, binary)) &&
    existsSync(stampFile) &&
    readFileSync(stampFile, 'utf8') === `${JSON.stringify(stamp)}\n`
  ) {
    console.log(`actionlint ${stamp.actionlint} for ${name}: up to date`);
    return;
  }
  console.log(`actionlint ${stamp.actionlint} for ${name}: building with ${toolchain.version}`);
  rmSync(join(dir, binary), { force: true });
  mkdirSync(join(dir, binary, '..'), { recursive: true });
  // Reproducible: no paths of this machine, no VCS stamp of this repository, no build id.
  const ldflags = [
    '-s -w -buildid=',
    `-X github.com/rhysd/actionlint.version=${stamp.actionlint}`,
    "-X 'github.com/rhysd/actionlint.installedFrom=built from the Go module for doppio-lint'",
  ].join(' ');
  go(
    ['build', '-trimpath', '-buildvcs=false', `-ldflags=${ldflags}`, '-o', join(dir, binary), '.'],
    {
      CGO_ENABLED: '0',
      GOOS: goos,
      GOARCH: goarch,
    },
  );
  // What a binary of actionlint must carry: its license; the WASM also needs Go's glue.
  copy(join(toolchain.moduleDir, 'LICENSE.txt'), join(dir, 'LICENSE.txt'));
  if (name === 'wasm') {
    const glue = ['lib', 'misc']
      .map((parent) => join(toolchain.goroot, parent, 'wasm', 'wasm_exec.js'))
      .find((path) => existsSync(path));
    if (!glue) throw new Error(`no wasm_exec.js in ${toolchain.goroot}`);
    // `.cjs`: a classic script, which a `"type": "module"` package would take for an ES module.
    copy(glue, join(dir, 'wasm_exec.cjs'));
    copy(join(toolchain.goroot, 'LICENSE'), join(dir, 'LICENSE-go.txt'));
  }
  writeFileSync(stampFile, `${JSON.stringify(stamp)}\n`);
}

const { values } = parseArgs({
  options: {
    host: { type: 'boolean' },
    wasm: { type: 'boolean' },
    all: { type: 'boolean' },
    platform: { type: 'string', multiple: true },
    'if-go': { type: 'boolean' },
  },
});
const names = new Set(values.platform ?? []);
if (values.all) for (const name of [...Object.keys(PLATFORMS), 'wasm']) names.add(name);
if (values.wasm) names.add('wasm');
const host = `${process.platform}-${process.arch}`;
if (values.host) {
  if (host in PLATFORMS) names.add(host);
  else console.log(`actionlint: no native package for ${host}; doppio-lint uses the WASM build`);
}
for (const name of names)
  if (name !== 'wasm' && !(name in PLATFORMS))
    throw new Error(`unknown platform ${name}: one of ${Object.keys(PLATFORMS).join(', ')}`);

const probe = spawnSync('go', ['env', 'GOVERSION', 'GOROOT'], { cwd: HERE, encoding: 'utf8' });
if (probe.error || probe.status !== 0) {
  const message =
    'actionlint is not built: Go (1.24 or newer) is not installed. doppio-lint then runs without ' +
    'actionlint only with `--actionlint off`; install Go and run `pnpm install` again.';
  if (values['if-go']) {
    console.log(message);
    process.exit(0);
  }
  throw new Error(message);
}
const [version, goroot] = probe.stdout.trim().split('\n');
// Downloads the module (checked against go.sum) when it is not in the module cache yet.
const module = JSON.parse(go(['mod', 'download', '-json', 'github.com/rhysd/actionlint']));
const toolchain = {
  version,
  goroot,
  actionlint: module.Version.replace(/^v/, ''),
  moduleDir: module.Dir,
};
for (const name of names) build(name, toolchain);
