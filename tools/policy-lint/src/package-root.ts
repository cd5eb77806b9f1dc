// The linter package's own folder, where what it ships beside the code lives (templates/, the rule
// pages in dist/rules/, dist/release.json): found from src/ (the sources) and dist/ (the bundle) alike.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = '@doppio-dev/doppio-lint';

export function packageRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  for (let directory = from; ; directory = dirname(directory)) {
    const manifest = join(directory, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === PACKAGE_NAME
    )
      return directory;
    if (dirname(directory) === directory)
      throw new Error(`cannot find the ${PACKAGE_NAME} package above ${from}`);
  }
}
