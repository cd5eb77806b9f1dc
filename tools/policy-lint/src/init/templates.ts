// Where the caller templates are read from: `templates/` at the package root. On doppio's main
// branch that folder is generated from workflows/templates (`pnpm docs`; a test fails when it is
// stale), and the release tooling pins its references like every other file, so the published
// package writes the workflows of its own release.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEMPLATE_FILES, type TemplateName } from './render.js';

const PACKAGE_NAME = '@doppio-dev/doppio-lint';

/** The package's `templates/` folder: found from src/init/ (sources) and from dist/ (the bundle) alike. */
export function templatesDirectory(from: string = dirname(fileURLToPath(import.meta.url))): string {
  for (let directory = from; ; directory = dirname(directory)) {
    const manifest = join(directory, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === PACKAGE_NAME) return join(directory, 'templates');
    if (dirname(directory) === directory) throw new Error(`cannot find the ${PACKAGE_NAME} package above ${from}`);
  }
}

export function readTemplates(directory: string = templatesDirectory()): Map<TemplateName, string> {
  return new Map(TEMPLATE_FILES.map((name) => [name, readFileSync(join(directory, name), 'utf8')]));
}
