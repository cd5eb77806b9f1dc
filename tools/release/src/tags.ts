// `doppio-release tags`: the annotated release tag `vX.Y.Z` (created once, never moved) and the
// major tag `vX` (moved forward to the newest release of that major, never backwards).
import { git, isAncestor, tryRevParse } from './git.js';
import {
  compareVersions,
  findVersion,
  formatVersion,
  parseVersion,
  type Version,
} from './version.js';

export class RefusedError extends Error {}

/**
 * Who makes release commits and tags, and when: fixed, with the date of the commit released, so
 * that a second run from the same commit produces the same objects (and pushes nothing new).
 */
export function releaseIdentity(cwd: string, commit: string): NodeJS.ProcessEnv {
  const date = git(cwd, ['show', '-s', '--format=%cI', commit]);
  const name = process.env['GIT_COMMITTER_NAME'] ?? 'github-actions[bot]';
  const email =
    process.env['GIT_COMMITTER_EMAIL'] ?? '41898282+github-actions[bot]@users.noreply.github.com';
  return {
    GIT_AUTHOR_NAME: name,
    GIT_AUTHOR_EMAIL: email,
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_NAME: name,
    GIT_COMMITTER_EMAIL: email,
    GIT_COMMITTER_DATE: date,
  };
}

interface TagState {
  /** The tag object (annotated) or commit (lightweight) the tag names. */
  oid: string;
  commit: string;
  /** The release the tag stands for: from its annotation, else from release tags on its commit. */
  version: Version | undefined;
}

function tagState(cwd: string, oid: string): TagState {
  const commit = git(cwd, ['rev-parse', `${oid}^{commit}`]);
  let version: Version | undefined;
  if (git(cwd, ['cat-file', '-t', oid]) === 'tag') {
    const object = git(cwd, ['cat-file', 'tag', oid]);
    const message = object.slice(object.indexOf('\n\n') + 2);
    version = findVersion(message.split('\n')[0] ?? '');
  }
  if (!version) {
    const tags = git(cwd, ['tag', '--points-at', commit, '--list', 'v*.*.*'])
      .split('\n')
      .filter(Boolean);
    const versions = tags.map(parseVersion).filter((v): v is Version => v !== undefined);
    version = versions.sort(compareVersions).at(-1);
  }
  return { oid, commit, version };
}

/** The commit the tag `v<version>` names here, or undefined when there is no such tag. */
export function releaseCommit(cwd: string, version: string): string | undefined {
  const parsed = parseVersion(version);
  if (!parsed) throw new RefusedError(`not a version: ${version} (expected X.Y.Z)`);
  return tryRevParse(cwd, `refs/tags/v${formatVersion(parsed)}^{commit}`);
}

function localTag(cwd: string, name: string): TagState | undefined {
  const oid = tryRevParse(cwd, `refs/tags/${name}`);
  return oid ? tagState(cwd, oid) : undefined;
}

/** The remote's tags `names`, their objects fetched so they can be read. */
function remoteTags(cwd: string, remote: string, names: string[]): Map<string, TagState> {
  const listed = git(cwd, ['ls-remote', '--tags', remote, ...names.map((n) => `refs/tags/${n}`)]);
  const found = new Map<string, TagState>();
  for (const line of listed.split('\n').filter(Boolean)) {
    const [oid, ref] = line.split('\t') as [string, string];
    if (ref.endsWith('^{}')) continue;
    const name = ref.replace(/^refs\/tags\//, '');
    if (!names.includes(name)) continue;
    git(cwd, ['fetch', '--quiet', '--no-tags', remote, ref]);
    found.set(name, tagState(cwd, oid));
  }
  return found;
}

export interface TagsOptions {
  cwd: string;
  version: string;
  /** What to tag; HEAD by default. */
  commit?: string;
  push?: boolean;
  remote?: string;
  log?: (line: string) => void;
}

export interface TagsResult {
  versionTag: string;
  majorTag: string | undefined;
  commit: string;
  pushed: string[];
}

const short = (oid: string): string => oid.slice(0, 12);

/** Refuses what must never happen to the tags `where` (local or remote) holds. */
function refuse(
  where: string,
  name: string,
  majorName: string,
  version: Version,
  commit: string,
  cwd: string,
  current: { version?: TagState; major?: TagState },
): void {
  if (current.version && current.version.commit !== commit) {
    throw new RefusedError(
      `${where} tag ${name} already exists on ${short(current.version.commit)}, not on ${short(commit)}: a release tag never moves`,
    );
  }
  const major = current.major;
  if (!major || version.prerelease) return;
  if (major.version) {
    if (compareVersions(major.version, version) > 0) {
      throw new RefusedError(
        `${where} tag ${majorName} is at v${formatVersion(major.version)}: moving it to v${formatVersion(version)} would move it backwards`,
      );
    }
  } else if (!isAncestor(cwd, major.commit, commit)) {
    throw new RefusedError(
      `${where} tag ${majorName} names no release and ${short(major.commit)} is not an ancestor of ${short(commit)}: refusing to move it`,
    );
  }
}

export function createTags(options: TagsOptions): TagsResult {
  const { cwd, remote = 'origin' } = options;
  const log = options.log ?? (() => {});
  const version = parseVersion(options.version);
  if (!version) throw new RefusedError(`not a version: ${options.version} (expected X.Y.Z)`);
  const name = `v${formatVersion(version)}`;
  const majorName = `v${version.major}`;
  const commit = git(cwd, ['rev-parse', `${options.commit ?? 'HEAD'}^{commit}`]);
  const moveMajor = version.prerelease === undefined;

  const remoteState = options.push
    ? remoteTags(cwd, remote, [name, majorName])
    : new Map<string, TagState>();
  const remoteVersion = remoteState.get(name);
  const remoteMajor = remoteState.get(majorName);
  refuse(`remote ${remote}:`, name, majorName, version, commit, cwd, {
    ...(remoteVersion ? { version: remoteVersion } : {}),
    ...(remoteMajor ? { major: remoteMajor } : {}),
  });
  const localVersion = localTag(cwd, name);
  const localMajor = localTag(cwd, majorName);
  refuse('local', name, majorName, version, commit, cwd, {
    ...(localVersion ? { version: localVersion } : {}),
    ...(localMajor ? { major: localMajor } : {}),
  });

  const identity = releaseIdentity(cwd, commit);
  if (localVersion) {
    log(`${name} already on ${short(commit)}`);
  } else if (remoteVersion) {
    git(cwd, ['update-ref', `refs/tags/${name}`, remoteVersion.oid]);
    log(`${name} already on ${short(commit)} (${remote})`);
  } else {
    git(cwd, ['tag', '-a', name, '-m', name, '-m', `Release ${name}.`, commit], identity);
    log(`created ${name} → ${short(commit)}`);
  }

  if (moveMajor) {
    const upToDate = (state: TagState | undefined): boolean =>
      state !== undefined &&
      state.commit === commit &&
      state.version !== undefined &&
      compareVersions(state.version, version) === 0;
    if (upToDate(localMajor)) {
      log(`${majorName} already at ${name}`);
    } else if (upToDate(remoteMajor)) {
      git(cwd, ['update-ref', `refs/tags/${majorName}`, remoteMajor!.oid]);
      log(`${majorName} already at ${name} (${remote})`);
    } else {
      git(
        cwd,
        [
          'tag',
          '-f',
          '-a',
          majorName,
          '-m',
          name,
          '-m',
          `Major tag ${majorName}: the newest release of major version ${version.major}.`,
          commit,
        ],
        identity,
      );
      const from = localMajor ?? remoteMajor;
      log(
        from
          ? `moved ${majorName}: ${short(from.commit)}${from.version ? ` (v${formatVersion(from.version)})` : ''} → ${short(commit)} (${name})`
          : `created ${majorName} → ${short(commit)} (${name})`,
      );
    }
  }

  const pushed: string[] = [];
  if (options.push) {
    const refspecs: string[] = [];
    if (!remoteVersion) refspecs.push(`refs/tags/${name}`);
    const majorOid = moveMajor ? tryRevParse(cwd, `refs/tags/${majorName}`) : undefined;
    if (majorOid && remoteMajor?.oid !== majorOid) refspecs.push(`+refs/tags/${majorName}`);
    if (refspecs.length > 0) {
      git(cwd, ['push', '--atomic', remote, ...refspecs]);
      pushed.push(...refspecs.map((r) => r.replace(/^\+?refs\/tags\//, '')));
      log(`pushed ${pushed.join(', ')} to ${remote}`);
    } else {
      log(`${remote} already has ${moveMajor ? `${name} and ${majorName}` : name}`);
    }
  }
  return { versionTag: name, majorTag: moveMajor ? majorName : undefined, commit, pushed };
}
