import { isFullSha } from '@doppio-dev/shared';
import { isDoppioRef } from '../vocabulary/doppio.js';
import { allJobs } from '../project/project.js';
import { restOfLine, textOf } from '../model/edits.js';
import type { DeferredFix, UsesRef } from '../model/types.js';
import { defineRule } from './rule.js';

export const pinnedActions = defineRule({
  meta: {
    id: 'pinned-actions',
    defaultSeverity: 'error',
    description:
      'Every remote `uses:` is pinned to a full 40-hex commit SHA, `docker://` images to a digest.',
    fixable: true,
    options: {
      'allowed-owners': {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        default: [],
        description:
          'Owners (for example your own organisation) whose `uses:` references may name a tag or branch.',
      },
    },
    messages: {
      imageWithoutDigest:
        'pin the image `{image}` to a digest (`@sha256:…`): a tag can be moved to other content',
      noRef:
        'the {what} `{target}` has no ref; pin it to a full 40-character commit SHA (keep the version in a comment: `@<sha> # vX.Y.Z`)',
      movableRef:
        'the {what} `{target}` is referenced by `{ref}`; pin it to a full 40-character commit SHA (keep the version in a comment: `@<sha> # {ref}`)',
    },
  },
  check({ project, options, report }) {
    const allowed = new Set(
      ((options['allowed-owners'] as string[] | undefined) ?? []).map((o) => o.toLowerCase()),
    );
    const check = (uses: UsesRef | undefined): void => {
      if (!uses || uses.kind === 'local') return;
      if (uses.kind === 'docker') {
        if (!uses.ref?.includes('@sha256:'))
          report({
            at: uses.refSpan ?? uses.raw.span,
            message: 'imageWithoutDigest',
            data: { image: String(uses.ref) },
          });
        return;
      }
      // doppio's own workflows and actions are shared-flow-ref's business.
      if (isDoppioRef(uses, project.config)) return;
      const owner = uses.repository!.split('/')[0]!.toLowerCase();
      if (allowed.has(owner) || isFullSha(uses.ref)) return;
      const what = uses.kind === 'reusable-workflow' ? 'reusable workflow' : 'action';
      const target = `${uses.repository}${uses.path ? `/${uses.path}` : ''}`;
      const at = uses.refSpan ?? uses.raw.span;
      if (uses.ref === undefined) report({ at, message: 'noRef', data: { what, target } });
      else
        report({
          at,
          message: 'movableRef',
          data: { what, target, ref: uses.ref },
          fix: pinToCommit(uses),
        });
    };
    for (const job of allJobs(project)) {
      check(job.uses);
      for (const step of job.steps) check(step.uses);
    }
  },
});

/**
 * `owner/repo@ref` → `owner/repo@<sha> # ref`, the SHA asked of GitHub only when --fix runs. An
 * existing comment on the line is kept (no second `#`); when more YAML follows on the line (a flow
 * mapping), the SHA goes in without a comment rather than commenting that YAML out.
 */
function pinToCommit(uses: UsesRef): DeferredFix | undefined {
  const { ref, refSpan, repository, raw } = uses;
  if (
    ref === undefined ||
    refSpan === undefined ||
    repository === undefined ||
    ref === '' ||
    textOf(refSpan) !== ref
  )
    return undefined;
  const closing = raw.span.file.text.slice(refSpan.end, raw.span.end);
  if (!/^['"]?$/.test(closing)) return undefined;
  const rest = restOfLine(raw.span.file, raw.span.end);
  const comment = /^\s*$/.test(rest) ? ` # ${ref}` : '';
  return {
    async resolve(lookups) {
      const answer = await lookups.commitSha(repository, ref);
      if ('error' in answer)
        return {
          unfixable: `could not resolve \`${ref}\` of ${repository} to a commit: ${answer.error}`,
        };
      return [
        { start: refSpan.start, end: raw.span.end, text: `${answer.sha}${closing}${comment}` },
      ];
    },
  };
}
