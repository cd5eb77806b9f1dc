// Each action's committed dist/ is what a fresh build of its sources gives, file for file (GitHub
// runs dist/, so a stale bundle ships old behaviour). An action with its own build.mjs (one that
// ships files beside the bundle) is built with it; the others with tools/build-action.mjs. Fails
// naming the action to rebuild and the files that differ.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const ACTIONS = readdirSync(join(ROOT, 'actions')).filter((name) =>
  existsSync(join(ROOT, 'actions', name, 'action.yml')),
);

/** Every file under `dir`, as `/`-separated paths relative to it, sorted. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .sort();
}

describe.each(ACTIONS)('actions/%s', (name) => {
  it('has a dist/ equal to a fresh build, file for file', () => {
    const source = join(ROOT, 'actions', name);
    const dist = join(source, 'dist');
    const ownBuild = join(source, 'build.mjs');
    // Build in place of the original's dist (node_modules resolve through the workspace), after
    // keeping a copy of what was there.
    const scratch = mkdtempSync(join(tmpdir(), `doppio-dist-${name}-`));
    const committed = join(scratch, 'committed');
    const fresh = join(scratch, 'fresh');
    try {
      if (existsSync(dist)) cpSync(dist, committed, { recursive: true });
      try {
        // From an empty dist/, so that a file no build writes any more shows up as a difference.
        rmSync(dist, { recursive: true, force: true });
        execFileSync(
          process.execPath,
          [existsSync(ownBuild) ? ownBuild : join(ROOT, 'tools', 'build-action.mjs')],
          { cwd: source, stdio: 'pipe' },
        );
        cpSync(dist, fresh, { recursive: true });
      } finally {
        // Restore what was there, exactly, so the check itself changes nothing.
        rmSync(dist, { recursive: true, force: true });
        if (existsSync(committed)) cpSync(committed, dist, { recursive: true });
      }
      const rebuild = `run \`pnpm --filter ./actions/${name} run build\` and commit dist/`;
      expect(
        filesUnder(committed),
        `actions/${name}/dist/ holds other files than a fresh build: ${rebuild}`,
      ).toEqual(filesUnder(fresh));
      const stale = filesUnder(fresh).filter(
        (file) => !readFileSync(join(fresh, file)).equals(readFileSync(join(committed, file))),
      );
      expect(stale, `actions/${name}/dist/ is stale: ${rebuild}`).toEqual([]);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
