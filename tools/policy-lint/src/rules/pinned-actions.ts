import { isFullSha } from '../parse/uses.js';
import { isDoppioRef } from '../project/doppio.js';
import { allJobs } from '../project/project.js';
import type { UsesRef } from '../model/types.js';
import type { Rule } from './rule.js';


export const pinnedActions: Rule = {
  meta: {
    id: 'pinned-actions',
    defaultSeverity: 'error',
    description: 'Remote actions and reusable workflows are pinned to a full commit SHA; docker:// images to a digest.',
    fixable: false,
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
      report(uses.refSpan ?? uses.raw.span, `the ${what} \`${uses.repository}${uses.path ? `/${uses.path}` : ''}\` ${where}; pin it to a full 40-character commit SHA (keep the version in a comment: \`@<sha> # ${uses.ref ?? 'vX.Y.Z'}\`)`);
    };
    for (const job of allJobs(project)) {
      check(job.uses);
      for (const step of job.steps) check(step.uses);
    }
  },
};
