// `doppio-lint init`: writes the caller templates, filled in from the flags, into a repository.
// Nothing is written when any file exists (unless --force), so a refused run changes nothing.
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isFullSha } from '@doppio-dev/shared';
import { UsageError } from '../errors.js';
import { configPathOf, INIT_HELP, parseInitOptions } from './options.js';
import { renderTemplates, templateDoppioRef } from './render.js';
import { packageRoot } from '../package-root.js';
import { readReleasePin, readTemplates, templatesDirectory } from './templates.js';

/** `pkg`: the linter package's folder, whose templates and release are written (the running one). */
export async function runInit(
  argv: readonly string[],
  cwd: string,
  pkg: string = packageRoot(),
): Promise<number> {
  const parsed = parseInitOptions(argv);
  if (parsed === 'help') {
    process.stdout.write(INIT_HELP);
    return 0;
  }
  const root = resolve(cwd, parsed.directory);
  if (!existsSync(root) || !statSync(root).isDirectory())
    throw new UsageError(`init: ${parsed.directory}: no such directory`);

  // Published from a release tag, the package calls that release: `@<commit of vX.Y.Z> # vX.Y.Z`.
  const release = readReleasePin(pkg);
  const doppioRef = parsed.doppioRef ?? release?.commit;
  const options = {
    ...parsed,
    doppioRef,
    doppioVersion:
      release !== undefined && doppioRef === release.commit ? release.version : undefined,
  };
  const templates = readTemplates(templatesDirectory(pkg));
  const files = renderTemplates(templates, options);
  if (!options.force) {
    const existing = [...files.keys()].filter((path) => existsSync(join(root, path)));
    if (existing.length > 0)
      throw new UsageError(
        `init: ${existing.join(', ')} already exist${existing.length === 1 ? 's' : ''}; nothing was written (pass --force to overwrite)`,
      );
  }
  for (const [path, text] of files) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
    process.stdout.write(`wrote ${path}\n`);
  }

  const missing = options.environments
    .flatMap((environment) =>
      options.services.map((service) => configPathOf(options.configPath, environment, service)),
    )
    .filter((path) => !existsSync(join(root, path)));
  if (missing.length > 0)
    process.stdout.write(
      `\nThe workflows deploy with ecspresso configs that do not exist yet: ${missing.join(', ')}.\n`,
    );
  const ref = options.doppioRef ?? templateDoppioRef(templates.get('staging.yml')!);
  if (ref !== undefined && !isFullSha(ref)) {
    process.stdout.write(
      `\nThe workflows call doppio at \`${ref}\`, not at a release commit: doppio-lint's shared-flow-ref reports that until you pass --doppio-ref <release commit SHA> (or pin the references by hand).\n`,
    );
  }
  const variables = [...options.roles.values()].flatMap(
    (value) => /^\$\{\{ vars\.(\w+) \}\}$/.exec(value)?.[1] ?? [],
  );
  process.stdout.write(
    [
      '',
      'Next:',
      ...(variables.length > 0
        ? [
            `- set the repository variables ${variables.join(', ')} to the IAM roles' ARNs (GitHub OIDC)`,
          ]
        : []),
      `- create the GitHub environments ${options.environments.join(', ')}; give ${options.environments.at(-1)} required reviewers and restrict it to tags v*`,
      '- optionally a secret SLACK_WEBHOOK_URL for the deploy notifications',
      `- run \`doppio-lint${options.directory === '.' ? '' : ` ${options.directory}`}\``,
      '',
    ].join('\n'),
  );
  return 0;
}
