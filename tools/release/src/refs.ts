// Finds the references this repository makes to itself in one file's text, and rewrites them by
// span: every byte outside a reference (and its version comment) stays as it was.
import { isPair, isScalar, parseAllDocuments, visit } from 'yaml';
import { isFullSha } from '@doppio-dev/shared';

/** The repository's canonical name: references under it always count, whatever --repository says. */
export const CANONICAL_REPOSITORY = 'doppio-dev/doppio';

/** `owner/name`, as GitHub allows them. */
export const REPOSITORY = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\/[A-Za-z0-9._-]+$/;

/**
 * `<owner>/<name>/<path>@<ref>` where path is an action folder or a reusable workflow. The ref is a
 * real ref (branch, tag or SHA): placeholders such as `@<sha>` and `<name>` never match.
 */
const SELF_REFERENCE =
  /^(?<repository>[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9._-]+)\/(?<path>actions\/[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*|\.github\/workflows\/[A-Za-z0-9._-]+\.ya?ml)@(?<ref>[A-Za-z0-9._/-]+)$/;

/** `# v1.2.3` (or `# v1.2.3-next.0`) at the start of a trailing comment. */
const VERSION_COMMENT = /^#[ \t]*v\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?=\s|$)/;

export interface SelfReference {
  /** Line (1-based) of the reference. */
  line: number;
  /** Offsets of `<repository>/<path>@<ref>` in the text. */
  start: number;
  end: number;
  repository: string;
  /** `actions/<name>` or `.github/workflows/<file>` */
  path: string;
  ref: string;
  /** The trailing comment on the same line (`# …`), with its offsets and the whitespace before it. */
  comment?: { start: number; end: number; text: string };
}

/** The repository names whose references count: the canonical one and the target's, lower-cased. */
export function countedNames(repository: string): Set<string> {
  return new Set([CANONICAL_REPOSITORY.toLowerCase(), repository.toLowerCase()]);
}

function parseReference(
  value: string,
  names: Set<string>,
): { repository: string; path: string; ref: string } | undefined {
  const match = SELF_REFERENCE.exec(value);
  if (!match?.groups) return undefined;
  const { repository, path, ref } = match.groups as {
    repository: string;
    path: string;
    ref: string;
  };
  return names.has(repository.toLowerCase()) ? { repository, path, ref } : undefined;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

function lineOf(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** The `# …` comment that follows `end` on the same line, if any (only blanks in between). */
function trailingComment(text: string, end: number): SelfReference['comment'] {
  const lineEnd = text.indexOf('\n', end);
  const rest = text.slice(end, lineEnd === -1 ? text.length : lineEnd).replace(/\r$/, '');
  const match = /^([ \t]+)(#.*?)[ \t]*$/.exec(rest);
  if (!match) return undefined;
  const start = end + match[1]!.length;
  return { start, end: start + match[2]!.length, text: match[2]! };
}

/** References in a YAML file: the values of `uses:` keys, located by the parser's node ranges. */
export function findInYaml(text: string, names: Set<string>): SelfReference[] {
  const parsed = parseAllDocuments(text);
  const docs = Array.isArray(parsed) ? parsed : [];
  for (const doc of docs)
    if (doc.errors.length > 0)
      throw new Error(`not valid YAML: ${doc.errors[0]!.message.split('\n')[0]}`);
  const starts = lineStarts(text);
  const found: SelfReference[] = [];
  for (const doc of docs)
    visit(doc, {
      Pair(_key, pair) {
        if (
          !isPair(pair) ||
          !isScalar(pair.key) ||
          pair.key.value !== 'uses' ||
          !isScalar(pair.value)
        )
          return;
        const node = pair.value;
        if (typeof node.value !== 'string' || !node.range) return;
        const [rangeStart, valueEnd] = node.range;
        const source = text.slice(rangeStart, valueEnd);
        // Plain and simply quoted scalars hold the value verbatim; anything escaped is left alone.
        const offset = source.indexOf(node.value);
        if (offset === -1) return;
        const parsed = parseReference(node.value, names);
        if (!parsed) return;
        const start = rangeStart + offset;
        const reference: SelfReference = {
          line: lineOf(starts, start),
          start,
          end: start + node.value.length,
          ...parsed,
        };
        const comment = trailingComment(text, valueEnd);
        if (comment) reference.comment = comment;
        found.push(reference);
      },
    });
  return found.sort((a, b) => a.start - b.start);
}

/**
 * References in Markdown: inside fenced code blocks only, on lines of the form
 * `uses: <repository>/<path>@<ref>` (optionally a list item, optionally a trailing comment).
 */
export function findInMarkdown(text: string, names: Set<string>): SelfReference[] {
  const found: SelfReference[] = [];
  const lines = text.split('\n');
  let fence: string | undefined;
  let offset = 0;
  for (const [index, rawLine] of lines.entries()) {
    const line = rawLine.replace(/\r$/, '');
    const fenceMatch = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fenceMatch) {
      const marker = fenceMatch[1]!;
      if (fence === undefined) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker)
        fence = undefined;
    } else if (fence !== undefined) {
      const uses = /^(\s*(?:-\s+)?uses:[ \t]+)(\S+)/.exec(line);
      const parsed = uses ? parseReference(uses[2]!, names) : undefined;
      if (uses && parsed) {
        const start = offset + uses[1]!.length;
        const end = start + uses[2]!.length;
        const reference: SelfReference = { line: index + 1, start, end, ...parsed };
        const comment = trailingComment(text, end);
        if (comment) reference.comment = comment;
        found.push(reference);
      }
    }
    offset += rawLine.length + 1;
  }
  return found;
}

export function findReferences(file: string, text: string, names: Set<string>): SelfReference[] {
  if (/\.ya?ml$/i.test(file)) return findInYaml(text, names);
  if (/\.md$/i.test(file)) return findInMarkdown(text, names);
  return [];
}

export interface PinTarget {
  repository: string;
  ref: string;
  /** `X.Y.Z`: written as ` # vX.Y.Z` after a reference pinned to a full SHA. */
  version?: string;
}

export interface Edit {
  start: number;
  end: number;
  text: string;
}

export interface Change {
  line: number;
  before: string;
  after: string;
}

/** The comment a pinned reference should carry, given the comment it has now. */
function wantedComment(current: string | undefined, target: PinTarget): string | undefined {
  const rest = current?.replace(VERSION_COMMENT, '').trim();
  const note = rest ? rest : undefined;
  const versioned = target.version !== undefined && isFullSha(target.ref);
  if (versioned)
    return note
      ? `# v${target.version} ${note.startsWith('#') ? note : `# ${note}`}`
      : `# v${target.version}`;
  // A version comment describes the old ref: drop it, keep any other note.
  if (current !== undefined && VERSION_COMMENT.test(current))
    return note ? (note.startsWith('#') ? note : `# ${note}`) : undefined;
  return current;
}

/** The edits that pin `reference` to `target` (none when it is pinned so already). */
export function pinEdits(text: string, reference: SelfReference, target: PinTarget): Edit[] {
  const wanted = `${target.repository}/${reference.path}@${target.ref}`;
  const comment = wantedComment(reference.comment?.text, target);
  const edits: Edit[] = [];
  if (text.slice(reference.start, reference.end) !== wanted)
    edits.push({ start: reference.start, end: reference.end, text: wanted });
  if (comment !== reference.comment?.text) {
    if (reference.comment && comment !== undefined)
      edits.push({ start: reference.comment.start, end: reference.comment.end, text: comment });
    else if (reference.comment)
      edits.push({ start: reference.end, end: reference.comment.end, text: '' });
    else if (comment !== undefined)
      edits.push({ start: reference.end, end: reference.end, text: ` ${comment}` });
  }
  return edits;
}

/** Applies non-overlapping edits, last first, so earlier offsets stay valid. */
export function applyEdits(text: string, edits: Edit[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start))
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  return result;
}

/** The text of a reference with its trailing comment, as a reader sees it on the line. */
export function describe(text: string, reference: SelfReference): string {
  return text.slice(reference.start, reference.comment?.end ?? reference.end);
}

export function rewrite(
  text: string,
  references: SelfReference[],
  target: PinTarget,
): { text: string; changes: Change[] } {
  const edits: Edit[] = [];
  const changes: Change[] = [];
  for (const reference of references) {
    const own = pinEdits(text, reference, target);
    if (own.length === 0) continue;
    edits.push(...own);
    const before = describe(text, reference);
    const local = applyEdits(
      before,
      own.map((e) => ({ ...e, start: e.start - reference.start, end: e.end - reference.start })),
    );
    changes.push({ line: reference.line, before, after: local });
  }
  return { text: applyEdits(text, edits), changes };
}
