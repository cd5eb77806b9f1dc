// What `init` reads from its own package: the caller templates, `templates/` at the package root
// (on doppio's main branch generated from workflows/templates by `pnpm docs`; a test fails when it
// is stale), and the release the package was built from, `dist/release.json` (written by
// `doppio-release package-pin` from the release tag's checkout, so init can pin the commit the tag
// names: no file inside the release can hold that SHA).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../package-root.js';
import { TEMPLATE_FILES, type TemplateName } from './render.js';

export function templatesDirectory(root: string = packageRoot()): string {
  return join(root, 'templates');
}

export function readTemplates(directory: string = templatesDirectory()): Map<TemplateName, string> {
  return new Map(TEMPLATE_FILES.map((name) => [name, readFileSync(join(directory, name), 'utf8')]));
}

/** A release of doppio: its version and the commit its tag `v<version>` names. */
export interface ReleasePin {
  readonly version: string;
  readonly commit: string;
}

/**
 * The release this package was built from, when it was built from a release tag: `dist/release.json`
 * naming the package's own version. Absent on doppio's main branch and in a local build.
 */
export function readReleasePin(root: string = packageRoot()): ReleasePin | undefined {
  const file = join(root, 'dist', 'release.json');
  if (!existsSync(file)) return undefined;
  const pin = JSON.parse(readFileSync(file, 'utf8')) as Partial<ReleasePin>;
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    version: string;
  };
  // A file left from another version's build says nothing about this one.
  if (
    pin.version !== version ||
    typeof pin.commit !== 'string' ||
    !/^[0-9a-f]{40}$/.test(pin.commit)
  )
    return undefined;
  return { version, commit: pin.commit };
}
