import { isFullSha } from '@doppio-dev/shared';
import { isDoppioRef } from '../vocabulary/doppio.js';
import { allJobs } from '../project/project.js';
import type { UsesRef } from '../model/types.js';
import type { Rule } from './rule.js';

const RELEASE_TAG = /^v\d+(\.\d+\.\d+)?$/;

export const sharedFlowRef: Rule = {
  meta: {
    id: 'shared-flow-ref',
    defaultSeverity: 'error',
    description: "Calls to doppio's own workflows and actions use a release (a full SHA, or a release tag when allowed), never a branch.",
    fixable: false,
  },
  check({ project, options, report }) {
    const allowTags = options['allow-tags'] === true;
    const allowRefs = new Set((options['allow-refs'] as string[] | undefined) ?? []);
    const check = (uses: UsesRef | undefined): void => {
      if (!isDoppioRef(uses, project.config)) return;
      const ref = uses!.ref;
      if (ref !== undefined && (isFullSha(ref) || allowRefs.has(ref) || (allowTags && RELEASE_TAG.test(ref)))) return;
      const name = `${uses!.repository}/${uses!.path}`;
      const span = uses!.refSpan ?? uses!.raw.span;
      if (ref !== undefined && RELEASE_TAG.test(ref)) {
        report(span, `\`${name}\` is pinned to the tag \`${ref}\`; pin the shared flow to the release's full commit SHA (\`@<sha> # ${ref}\`), or set \`allow-tags: true\` for this rule`);
      } else {
        report(span, `\`${name}\` is referenced by ${ref === undefined ? 'no ref' : `\`${ref}\`, which is not a release`}; use a release of the shared flow: its full commit SHA (\`@<sha> # vX.Y.Z\`)`);
      }
    };
    for (const job of allJobs(project)) {
      check(job.uses);
      for (const step of job.steps) check(step.uses);
    }
  },
};
