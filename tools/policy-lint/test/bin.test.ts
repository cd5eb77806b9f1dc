// The installed bin (bundled by `pnpm install`'s prepare step) runs as `pnpm exec doppio-lint`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const PACKAGE = join(import.meta.dirname, '..');
const EXAMPLE = join(PACKAGE, '..', '..', 'workflows', 'example-service');

it.skipIf(!existsSync(join(PACKAGE, 'dist', 'cli.js')))(
  'bin/doppio-lint.js lints the example service clean',
  () => {
    const result = spawnSync(
      process.execPath,
      [join(PACKAGE, 'bin', 'doppio-lint.js'), '--format', 'json', EXAMPLE],
      { encoding: 'utf8' },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).findings).toEqual([]);
  },
);
