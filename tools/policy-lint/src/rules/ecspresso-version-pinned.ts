import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import { eolOf, lineEnd, lineStart, restOfLine, textOf } from '../model/edits.js';
import type { Scalar, SourceFile, Step, TextEdit } from '../model/types.js';
import { get } from '../parse/yaml-scalars.js';
import { actionId } from '../vocabulary/actions.js';
import { doppioAction } from '../vocabulary/doppio.js';
import { allSteps } from '../project/project.js';
import { commandName } from '../vocabulary/commands.js';
import { defineRule } from './rule.js';

/** The release doppio's setup-ecspresso installs by default (actions/setup-ecspresso/action.yml). */
export const DOPPIO_ECSPRESSO_VERSION = 'v2.5.0';

const ECSPRESSO = /kayac\/ecspresso/;
const RELEASES_LATEST =
  /github\.com\/kayac\/ecspresso\/releases\/latest\b|api\.github\.com\/repos\/kayac\/ecspresso\/releases\/latest\b/;

export const ecspressoVersionPinned = defineRule({
  meta: {
    id: 'ecspresso-version-pinned',
    defaultSeverity: 'error',
    description: 'ecspresso is installed at a fixed version, never `latest`.',
    fixable: true,
    // Only a download or install of ecspresso itself is read, and that names it.
    commands: [
      { name: 'curl', when: ECSPRESSO },
      { name: 'wget', when: ECSPRESSO },
      { name: 'go', when: ECSPRESSO },
    ],
    options: {
      version: {
        type: 'string',
        pattern: '^v?[0-9]+\\.[0-9]+\\.[0-9]+$',
        default: DOPPIO_ECSPRESSO_VERSION,
        description:
          "The ecspresso release `--fix` writes in place of `latest` or a missing `version:` (by default the version doppio's setup-ecspresso installs).",
      },
    },
    messages: {
      versionLatest:
        'ecspresso `version: latest` installs whatever was released last: a deploy changes behaviour without a change in this repository; set a fixed version such as `{version}`',
      noVersion:
        '`kayac/ecspresso` without `version:` installs the default of that action release, not a version you chose; add `version: {version}` (or `version-file:`)',
      downloadLatest:
        'downloading ecspresso from `releases/latest` installs whatever was released last; download a fixed release (`releases/download/vX.Y.Z/…`) and check its checksum',
      goInstallLatest:
        '`go install …ecspresso…@latest` installs whatever was released last; install a fixed version (`@vX.Y.Z`)',
    },
  },
  check({ project, options, report }) {
    const pinned =
      typeof options['version'] === 'string' ? options['version'] : DOPPIO_ECSPRESSO_VERSION;
    for (const step of allSteps(project)) {
      const kayac = actionId(step.uses) === 'kayac/ecspresso';
      const doppio = doppioAction(step.uses, project.config) === 'setup-ecspresso';
      if (!kayac && !doppio) continue;
      // An empty `version:` (or `version-file:`) is the same as none: the action falls back to its default.
      const given = (key: string) =>
        step.with.get(key)?.value.trim() ? step.with.get(key) : undefined;
      const version = given('version');
      if (version?.value.trim() === 'latest') {
        report({
          at: version.span,
          message: 'versionLatest',
          data: { version: pinned },
          fix: replaceLatest(version, pinned),
        });
      } else if (kayac && !version && !given('version-file')) {
        report({
          at: step.uses!.raw.span,
          message: 'noVersion',
          data: { version: pinned },
          fix: addVersion(step, pinned),
        });
      }
    }
    for (const site of project.commandSites) {
      const name = commandName(site.command);
      const words = site.command.args;
      if (name === 'curl' || name === 'wget') {
        const url = words.find((w) => RELEASES_LATEST.test(w.raw));
        if (url) report({ at: url.span, message: 'downloadLatest' });
      }
      if (name === 'go' && words[0]?.literal === 'install') {
        // Match the word's value, not its source: `"github.com/…@latest"` in quotes is the same install.
        const target = words.find((w) =>
          /github\.com\/kayac\/ecspresso\b.*@latest$/.test(w.literal ?? w.raw),
        );
        if (target) report({ at: target.span, message: 'goInstallLatest' });
      }
    }
  },
});

/** `latest` → the pinned version, inside the quotes the value was written with. */
function replaceLatest(version: Scalar, pinned: string): TextEdit[] | undefined {
  const written = /^(['"]?)(\s*)latest\s*\1$/.exec(textOf(version.span));
  if (!written) return undefined;
  const start = version.span.start + written[1]!.length + written[2]!.length;
  return [{ start, end: start + 'latest'.length, text: pinned }];
}

/**
 * Adds `version:` to a kayac/ecspresso step: first in its `with:` mapping (block or flow style),
 * filling an empty `version:`, or as a new `with:` mapping right under `uses:`, indented as the
 * workflow indents its mappings. Anything less regular gets no fix.
 */
function addVersion(step: Step, pinned: string): TextEdit[] | undefined {
  const file = step.job.workflow.file;
  const node = stepNode(step);
  if (!node) return undefined;
  const pair = (key: string): Pair | undefined =>
    node.items.find((p) => isScalar(p.key) && p.key.value === key);
  const withPair = pair('with');
  const eol = eolOf(file);
  if (!withPair) {
    const uses = pair('uses');
    const usesKey = uses?.key as Node | undefined;
    const usesValue = uses?.value as Node | undefined;
    if (!usesKey?.range || !usesValue?.range) return undefined;
    const after = usesValue.range[1];
    if (!/^\s*(#.*)?$/.test(restOfLine(file, after))) return undefined;
    const indent = ' '.repeat(usesKey.range[0] - lineStart(file, usesKey.range[0]));
    const at = lineEnd(file, after);
    return [
      {
        start: at,
        end: at,
        text: `${eol}${indent}with:${eol}${indent}${' '.repeat(indentUnit(step))}version: ${pinned}`,
      },
    ];
  }
  const map = withPair.value;
  if (!isMap(map) || !map.range) return undefined;
  const existing = map.items.find((p) => isScalar(p.key) && p.key.value === 'version');
  if (existing) return fillEmpty(file, existing, pinned);
  const first = map.items[0]?.key as Node | undefined;
  if (map.flow) {
    if (file.text[map.range[0]] !== '{') return undefined;
    if (!first?.range)
      return [{ start: map.range[0] + 1, end: map.range[0] + 1, text: `version: ${pinned}` }];
    return [{ start: first.range[0], end: first.range[0], text: `version: ${pinned}, ` }];
  }
  const withKey = withPair.key as Node;
  if (!first?.range || !withKey.range) return undefined;
  const start = lineStart(file, first.range[0]);
  const indent = file.text.slice(start, first.range[0]);
  // A line of its own right under `with:`, before any comment that belongs to the first input.
  const newline = file.text.indexOf('\n', withKey.range[1]);
  if (!/^ *$/.test(indent) || newline === -1 || newline >= first.range[0]) return undefined;
  return [{ start: newline + 1, end: newline + 1, text: `${indent}version: ${pinned}${eol}` }];
}

/** `version:` or `version: ''` → the pinned version (quotes kept). */
function fillEmpty(file: SourceFile, pair: Pair, pinned: string): TextEdit[] | undefined {
  const value = pair.value as Node | null;
  if (value?.range && isScalar(value)) {
    const written = /^(['"]?)\s*\1$/.exec(file.text.slice(value.range[0], value.range[1]));
    if (!written) return undefined;
    return [
      { start: value.range[0], end: value.range[1], text: `${written[1]}${pinned}${written[1]}` },
    ];
  }
  const key = pair.key as Node;
  if (value !== null || !key.range) return undefined;
  const colon = /^\s*:/.exec(file.text.slice(key.range[1]));
  if (!colon) return undefined;
  const at = key.range[1] + colon[0].length;
  return [{ start: at, end: at, text: ` ${pinned}` }];
}

/** The step's mapping node in the workflow's document. */
function stepNode(step: Step): YAMLMap | undefined {
  const jobs = get(step.job.workflow.doc.contents, 'jobs');
  if (!isMap(jobs)) return undefined;
  const job = jobs.items.find((p) => isScalar(p.key) && p.key.range?.[0] === step.job.idSpan.start);
  const steps = get(job?.value, 'steps');
  const node = isSeq(steps) ? steps.items[step.index] : undefined;
  return isMap(node) && node.range?.[0] === step.span.start ? node : undefined;
}

/** How many spaces the workflow indents a nested block mapping: from another step's `with:` or
 *  `env:`, else from `jobs:` to its first job, else 2. */
function indentUnit(step: Step): number {
  const file = step.job.workflow.file;
  const column = (offset: number): number => offset - lineStart(file, offset);
  const nested = (map: unknown, key: string): number | undefined => {
    if (!isMap(map)) return undefined;
    const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
    const child = pair?.value;
    const first =
      isMap(child) && !child.flow ? (child.items[0]?.key as Node | undefined) : undefined;
    const keyNode = pair?.key as Node | undefined;
    const unit =
      first?.range && keyNode?.range
        ? column(first.range[0]) - column(keyNode.range[0])
        : undefined;
    return unit !== undefined && unit > 0 ? unit : undefined;
  };
  const stepNodes = get(get(get(step.job.workflow.doc.contents, 'jobs'), step.job.id), 'steps');
  for (const other of isSeq(stepNodes) ? stepNodes.items : []) {
    const unit = nested(other, 'with') ?? nested(other, 'env');
    if (unit !== undefined) return unit;
  }
  return nested(step.job.workflow.doc.contents, 'jobs') ?? 2;
}
