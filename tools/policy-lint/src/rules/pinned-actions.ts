import { isFullSha } from '@doppio-dev/shared';
import { isDoppioRef } from '../vocabulary/doppio.js';
import { allJobs } from '../project/project.js';
import { restOfLine, textOf } from '../model/edits.js';
import type { DeferredFix, UsesRef } from '../model/types.js';
import type { Rule } from './rule.js';

export const pinnedActions: Rule = {
  meta: {
    id: 'pinned-actions',
    defaultSeverity: 'error',
    description: 'Remote actions and reusable workflows are pinned to a full commit SHA; docker:// images to a digest.',
    fixable: true,
  },
  check({ project, options, report }) {
    const allowed = new Set(((options['allowed-owners'] as string[] | undefined) ?? []).map((o) => o.toLowerCase()));
    const check = (uses: UsesRef | undefined): void => {
      if (!uses || uses.kind === 'local') return;
      if (uses.kind === 'docker') {
        if (!uses.ref?.includes('@sha256:')) report(uses.refSpan ?? uses.raw.span, `pin the image \`${uses.ref}\` to a digest (\`@sha256:…\`): a tag can be moved to other content`);
        return;
      }
      // doppio's own workflows and actions are shared-flow-ref's business.
      if (isDoppioRef(uses, project.config)) return;
      const owner = uses.repository!.split('/')[0]!.toLowerCase();
      if (allowed.has(owner) || isFullSha(uses.ref)) return;
      const what = uses.kind === 'reusable-workflow' ? 'reusable workflow' : 'action';
      const where = uses.ref === undefined ? 'has no ref' : `is referenced by \`${uses.ref}\``;
      report(uses.refSpan ?? uses.raw.span, `the ${what} \`${uses.repository}${uses.path ? `/${uses.path}` : ''}\` ${where}; pin it to a full 40-character commit SHA (keep the version in a comment: \`@<sha> # ${uses.ref ?? 'vX.Y.Z'}\`)`, undefined, pinToCommit(uses));
    };
    for (const job of allJobs(project)) {
      check(job.uses);
      for (const step of job.steps) check(step.uses);
    }
  },
};

/**
 * `owner/repo@ref` → `owner/repo@<sha> # ref`, the SHA asked of GitHub only when --fix runs. An
 * existing comment on the line is kept (no second `#`); when more YAML follows on the line (a flow
 * mapping), the SHA goes in without a comment rather than commenting that YAML out.
 */
function pinToCommit(uses: UsesRef): DeferredFix | undefined {
  const { ref, refSpan, repository, raw } = uses;
  if (ref === undefined || refSpan === undefined || repository === undefined || ref === '' || textOf(refSpan) !== ref) return undefined;
  const closing = raw.span.file.text.slice(refSpan.end, raw.span.end);
  if (!/^['"]?$/.test(closing)) return undefined;
  const rest = restOfLine(raw.span.file, raw.span.end);
  const comment = /^\s*$/.test(rest) ? ` # ${ref}` : '';
  return {
    async resolve(lookups) {
      const answer = await lookups.commitSha(repository, ref);
      if ('error' in answer) return { unfixable: `could not resolve \`${ref}\` of ${repository} to a commit: ${answer.error}` };
      return [{ start: refSpan.start, end: raw.span.end, text: `${answer.sha}${closing}${comment}` }];
    },
  };
}
