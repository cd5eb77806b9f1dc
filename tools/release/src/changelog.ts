// One CHANGELOG.md for the repository. changesets writes a CHANGELOG.md per package; with one
// fixed version for all of them, the root file gathers each package's section of a version under
// that version's heading, and the GitHub release takes its notes from there.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const HEADER = `# Changelog

doppio has one version for the whole repository: each release tags \`vX.Y.Z\` and moves \`vX\`.
Entries come from the changesets merged since the previous release (see CONTRIBUTING.md).
`;

/** The workspace packages (pnpm-workspace.yaml: tools/*, actions/*, test) that have a package.json. */
export function workspacePackages(root: string): { dir: string; name: string }[] {
  const dirs: string[] = [];
  for (const parent of ['tools', 'actions']) {
    const path = join(root, parent);
    if (existsSync(path))
      for (const entry of readdirSync(path, { withFileTypes: true }))
        if (entry.isDirectory()) dirs.push(`${parent}/${entry.name}`);
  }
  dirs.push('test');
  return dirs
    .filter((dir) => existsSync(join(root, dir, 'package.json')))
    .map((dir) => ({
      dir,
      name: (JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as { name: string })
        .name,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The body of `## <version>` in a changelog (up to the next `## `), or undefined. */
export function section(text: string, version: string): string | undefined {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.trim() === `## ${version}`);
  if (start === -1) return undefined;
  let end = lines.findIndex((line, i) => i > start && /^## /.test(line));
  if (end === -1) end = lines.length;
  return lines
    .slice(start + 1, end)
    .join('\n')
    .trim();
}

/** A package section worth a reader's time: something besides "Updated dependencies". */
function meaningful(body: string): boolean {
  return body
    .split('\n')
    .some((line) => /^[-*] /.test(line) && !/^[-*] Updated dependencies/.test(line));
}

/** Drops the dependency-only entries (and their nested lists) from a package section. */
function withoutDependencyUpdates(body: string): string {
  const out: string[] = [];
  let skipping = false;
  for (const line of body.split('\n')) {
    if (/^[-*] /.test(line)) skipping = /^[-*] Updated dependencies/.test(line);
    else if (line.trim() !== '' && !/^\s/.test(line)) skipping = false;
    if (!skipping) out.push(line);
  }
  return out
    .join('\n')
    .replace(/(^|\n)### [^\n]+\n+(?=### |$)/g, '$1')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The root section of `version`, gathered from the packages' changelogs. */
export function gatherSection(root: string, version: string): string {
  const parts: string[] = [];
  for (const { dir, name } of workspacePackages(root)) {
    const path = join(root, dir, 'CHANGELOG.md');
    if (!existsSync(path)) continue;
    const body = section(readFileSync(path, 'utf8'), version);
    if (body === undefined || !meaningful(body)) continue;
    // Package headings one level down, under the package's name.
    parts.push(`### ${name}\n\n${withoutDependencyUpdates(body).replace(/^### /gm, '#### ')}`);
  }
  return `## ${version}\n\n${parts.length > 0 ? parts.join('\n\n') : 'No user-facing changes.'}\n`;
}

/** Writes (or replaces) the section of `version` in the root CHANGELOG.md, newest first. */
export function writeRootChangelog(root: string, version: string): string {
  const path = join(root, 'CHANGELOG.md');
  const current = existsSync(path) ? readFileSync(path, 'utf8') : HEADER;
  const fresh = gatherSection(root, version);
  const lines = current.split('\n');
  const start = lines.findIndex((line) => line.trim() === `## ${version}`);
  let next: string;
  if (start !== -1) {
    let end = lines.findIndex((line, i) => i > start && /^## /.test(line));
    if (end === -1) end = lines.length;
    next = [...lines.slice(0, start), ...fresh.split('\n'), ...lines.slice(end)]
      .join('\n')
      .replace(/\n{3,}/g, '\n\n');
  } else {
    const first = lines.findIndex((line) => /^## /.test(line));
    next =
      first === -1
        ? `${current.trimEnd()}\n\n${fresh}`
        : [...lines.slice(0, first), ...fresh.split('\n'), ...lines.slice(first)]
            .join('\n')
            .replace(/\n{3,}/g, '\n\n');
  }
  writeFileSync(path, next.endsWith('\n') ? next : `${next}\n`);
  return fresh;
}

/** The release notes of `version`: its section of the root CHANGELOG.md, without the heading. */
export function releaseNotes(root: string, version: string): string {
  const path = join(root, 'CHANGELOG.md');
  const body = existsSync(path) ? section(readFileSync(path, 'utf8'), version) : undefined;
  if (body === undefined) throw new Error(`CHANGELOG.md has no section "## ${version}"`);
  return `${body}\n`;
}
