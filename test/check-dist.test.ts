// Each action's committed dist/index.js is what a fresh build of its sources gives (GitHub runs
// dist/, so a stale bundle ships old behaviour). Fails naming the action to rebuild.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const ACTIONS = readdirSync(join(ROOT, 'actions')).filter((name) => existsSync(join(ROOT, 'actions', name, 'action.yml')));

describe.each(ACTIONS)('actions/%s', (name) => {
  it('has a dist/index.js equal to a fresh build', () => {
    const source = join(ROOT, 'actions', name);
    // Build a copy in place of the original's dist: node_modules resolve through the workspace.
    const scratch = mkdtempSync(join(tmpdir(), `doppio-dist-${name}-`));
    try {
      cpSync(join(source, 'dist'), join(scratch, 'committed'), { recursive: true });
      execFileSync(process.execPath, [join(ROOT, 'tools', 'build-action.mjs')], { cwd: source, stdio: 'pipe' });
      const fresh = readFileSync(join(source, 'dist', 'index.js'));
      const committed = readFileSync(join(scratch, 'committed', 'index.js'));
      // Restore what was there so the check itself changes nothing.
      cpSync(join(scratch, 'committed'), join(source, 'dist'), { recursive: true });
      expect(fresh.equals(committed), `actions/${name}/dist/index.js is stale: run \`pnpm --filter ./actions/${name} run build\` and commit dist/`).toBe(true);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
