// The programs the suite drives. act, the registry and buildah are installed by install.sh (the
// suite's own install step); ecspresso comes from no registry, so it is taken from ECSPRESSO_BIN or
// PATH, and the scenarios that need it are skipped, with this reason, where there is none.
import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function onPath(name: string, path = process.env['PATH'] ?? ''): string | undefined {
  return path
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => join(dir, name))
    .find(executable);
}

function goBin(): string | undefined {
  try {
    return join(execFileSync('go', ['env', 'GOPATH'], { encoding: 'utf8' }).trim(), 'bin');
  } catch {
    return undefined;
  }
}

/** A program install.sh provides; a missing one is a broken setup, not a reason to skip. */
export function requireTool(name: string): string {
  const bin = goBin();
  const found = onPath(name) ?? (bin && executable(join(bin, name)) ? join(bin, name) : undefined);
  if (!found)
    throw new Error(
      `\`${name}\` is not installed: run \`bash test/e2e/install.sh\` (pnpm test:e2e runs it first)`,
    );
  return found;
}

export interface Ecspresso {
  readonly path: string;
  /** The tag it reports, e.g. `v2.5.0`. */
  readonly version: string;
}

export type EcspressoLookup = { readonly found: Ecspresso } | { readonly missing: string };

export function findEcspresso(env: NodeJS.ProcessEnv = process.env): EcspressoLookup {
  const given = env['ECSPRESSO_BIN'];
  const path = given || onPath('ecspresso', env['PATH']);
  if (!path) {
    return {
      missing:
        'no ecspresso binary: set ECSPRESSO_BIN to an ecspresso v2 binary (none is installable from a registry; docs/testing.md says how to get one)',
    };
  }
  if (!executable(path)) return { missing: `ECSPRESSO_BIN=${path} is not an executable file` };
  const printed = execFileSync(path, ['version'], { encoding: 'utf8' }).trim();
  const version = /\bv\d+\.\d+\.\d+\S*/.exec(printed)?.[0];
  if (!version)
    return { missing: `\`${path} version\` printed no version (${JSON.stringify(printed)})` };
  return { found: { path, version } };
}
