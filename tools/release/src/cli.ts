// doppio-release: pins this repository's references to itself, makes the release commits and tags.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { releaseNotes, writeRootChangelog } from './changelog.js';
import { git, GitError } from './git.js';
import { PACKAGE_PIN_FILE, pinsSection, writePackagePin } from './consumer-pins.js';
import { check, pin } from './pin.js';
import { CANONICAL_REPOSITORY, REPOSITORY } from './refs.js';
import { release } from './release.js';
import { createTags, RefusedError } from './tags.js';
import { parseVersion } from './version.js';

const USAGE = `Usage: doppio-release <command> [options]

  pin --repository <owner/repo> --ref <sha-or-tag> [--version X.Y.Z] [--check]
      Rewrites every reference this repository makes to itself (uses: of workflows, actions,
      callers; uses: lines in Markdown code blocks) to <owner/repo>/<path>@<ref>, with a
      "# vX.Y.Z" comment when the ref is a full SHA and --version is given, which it refuses
      unless the tag vX.Y.Z names that commit. Prints file:line old → new. With --check, changes
      nothing and exits 1 listing every reference not pinned so.
  tags --version X.Y.Z [--commit <rev>] [--push] [--remote origin]
      Creates the annotated tag vX.Y.Z (never on another commit) and moves vX (never backwards).
  release --version X.Y.Z [--repository <owner/repo>] [--base <rev>] [--push] [--remote origin]
      From <rev> (HEAD): the pinning commits (in a temporary worktree), then the tags.
  version
      changeset version, then the repository's CHANGELOG.md section for the new version.
  notes --version X.Y.Z [--repository <owner/repo>]
      Prints the GitHub release notes: the CHANGELOG.md section of a version, then the pins of
      the workflows and actions the caller templates call, at the commit the tag vX.Y.Z names.
  package-pin --version X.Y.Z [--package tools/policy-lint]
      From the checkout of the tag vX.Y.Z: records { version, commit } in the package's
      ${PACKAGE_PIN_FILE}, the release \`doppio-lint init\` writes into a service repository.

Common: --root <dir> (default: the git work tree around the current directory).
--repository defaults to $GITHUB_REPOSITORY, else ${CANONICAL_REPOSITORY}.
`;

class UsageError extends Error {}

function options(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      repository: { type: 'string' },
      ref: { type: 'string' },
      version: { type: 'string' },
      check: { type: 'boolean', default: false },
      commit: { type: 'string' },
      base: { type: 'string' },
      push: { type: 'boolean', default: false },
      remote: { type: 'string', default: 'origin' },
      root: { type: 'string' },
      package: { type: 'string', default: 'tools/policy-lint' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw new UsageError(`${flag} is required`);
  return value;
}

function repositoryOption(value: string | undefined): string {
  const repository = value ?? process.env['GITHUB_REPOSITORY'] ?? CANONICAL_REPOSITORY;
  if (!REPOSITORY.test(repository))
    throw new UsageError(`--repository must be owner/name, not ${repository}`);
  return repository;
}

function versionOption(value: string | undefined): string {
  const version = required(value, '--version');
  const parsed = parseVersion(version);
  if (!parsed) throw new UsageError(`--version must be X.Y.Z, not ${version}`);
  return version.replace(/^v/, '');
}

export async function main(argv: string[]): Promise<number> {
  const out = (line: string): void => void process.stdout.write(`${line}\n`);
  try {
    const { values, positionals } = options(argv);
    const [command, ...rest] = positionals;
    if (values.help || command === undefined) {
      process.stdout.write(USAGE);
      return command === undefined && !values.help ? 2 : 0;
    }
    if (rest.length > 0) throw new UsageError(`unexpected argument: ${rest[0]}`);
    const root = values.root
      ? resolve(values.root)
      : git(process.cwd(), ['rev-parse', '--show-toplevel']);

    switch (command) {
      case 'pin': {
        const target = {
          repository: repositoryOption(required(values.repository, '--repository')),
          ref: required(values.ref, '--ref'),
        };
        if (!/^[A-Za-z0-9._/-]+$/.test(target.ref))
          throw new UsageError(`--ref must be a SHA, tag or branch name, not ${target.ref}`);
        const full = values.version
          ? { ...target, version: versionOption(values.version) }
          : target;
        if (values.check) {
          const unpinned = check(root, full);
          for (const u of unpinned) out(`${u.file}:${u.line}: ${u.current} (want ${u.wanted})`);
          out(
            unpinned.length === 0
              ? `every self-reference is pinned to ${full.repository}@${full.ref}`
              : `${unpinned.length} self-reference${unpinned.length === 1 ? ' is' : 's are'} not pinned to ${full.repository}@${full.ref}`,
          );
          return unpinned.length === 0 ? 0 : 1;
        }
        const changes = pin(root, full);
        for (const c of changes) out(`${c.file}:${c.line}: ${c.before} → ${c.after}`);
        out(
          changes.length === 0
            ? 'nothing to change'
            : `pinned ${changes.length} reference${changes.length === 1 ? '' : 's'} in ${new Set(changes.map((c) => c.file)).size} file(s)`,
        );
        return 0;
      }
      case 'tags': {
        createTags({
          cwd: root,
          version: versionOption(values.version),
          ...(values.commit ? { commit: values.commit } : {}),
          push: values.push,
          remote: values.remote,
          log: out,
        });
        return 0;
      }
      case 'release': {
        const result = release({
          cwd: root,
          version: versionOption(values.version),
          repository: repositoryOption(values.repository),
          ...(values.base ? { base: values.base } : {}),
          push: values.push,
          remote: values.remote,
          log: out,
        });
        out(`released ${result.tags.versionTag} at ${result.tags.commit}`);
        return 0;
      }
      case 'version': {
        execFileSync(join(root, 'node_modules', '.bin', 'changeset'), ['version'], {
          cwd: root,
          stdio: 'inherit',
        });
        const manifest = JSON.parse(
          readFileSync(join(root, 'tools', 'policy-lint', 'package.json'), 'utf8'),
        ) as { version: string };
        writeRootChangelog(root, manifest.version);
        out(`CHANGELOG.md: section ${manifest.version}`);
        return 0;
      }
      case 'notes': {
        const version = versionOption(values.version);
        process.stdout.write(
          `${releaseNotes(root, version)}\n${pinsSection(root, repositoryOption(values.repository), version)}`,
        );
        return 0;
      }
      case 'package-pin': {
        const { file, pin: written } = writePackagePin(
          root,
          versionOption(values.version),
          values.package,
        );
        out(`${file}: v${written.version} is ${written.commit}`);
        return 0;
      }
      default:
        throw new UsageError(`unknown command: ${command}`);
    }
  } catch (error) {
    if (
      error instanceof UsageError ||
      (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
    ) {
      process.stderr.write(`doppio-release: ${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof RefusedError || error instanceof GitError) {
      process.stderr.write(`doppio-release: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(`doppio-release: ${(error as Error).message}\n`);
    return 1;
  }
}
