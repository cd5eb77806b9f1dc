import { isFullSha } from '@doppio-dev/shared';
import { isDoppioRef } from '../vocabulary/doppio.js';
import { allJobs } from '../project/project.js';
import type { UsesRef } from '../model/types.js';
import { defineRule } from './rule.js';

const RELEASE_TAG = /^v\d+(\.\d+\.\d+)?$/;

export const sharedFlowRef = defineRule({
  meta: {
    id: 'shared-flow-ref',
    defaultSeverity: 'error',
    description:
      "Calls to doppio's own workflows and actions use a full SHA (or a release tag when allowed), never a branch.",
    fixable: false,
    options: {
      'allow-tags': {
        type: 'boolean',
        default: false,
        description: 'Accept a `vX.Y.Z` or `vX` release tag as well as a full SHA.',
      },
      'allow-refs': {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        default: [],
        description: 'Refs accepted as they are, branches included (for example `main`).',
      },
    },
    messages: {
      tagPinned:
        "`{name}` is pinned to the tag `{ref}`; pin the shared flow to the release's full commit SHA (`@<sha> # {ref}`), or set `allow-tags: true` for this rule",
      noRef:
        '`{name}` is referenced by no ref; use a release of the shared flow: its full commit SHA (`@<sha> # vX.Y.Z`)',
      notRelease:
        '`{name}` is referenced by `{ref}`, which is not a release; use a release of the shared flow: its full commit SHA (`@<sha> # vX.Y.Z`)',
    },
  },
  check({ project, options, report }) {
    const allowTags = options['allow-tags'] === true;
    const allowRefs = new Set((options['allow-refs'] as string[] | undefined) ?? []);
    const check = (uses: UsesRef | undefined): void => {
      if (!isDoppioRef(uses, project.config)) return;
      const ref = uses!.ref;
      if (
        ref !== undefined &&
        (isFullSha(ref) || allowRefs.has(ref) || (allowTags && RELEASE_TAG.test(ref)))
      )
        return;
      const name = `${uses!.repository}/${uses!.path}`;
      const span = uses!.refSpan ?? uses!.raw.span;
      if (ref === undefined) report({ at: span, message: 'noRef', data: { name } });
      else
        report({
          at: span,
          message: RELEASE_TAG.test(ref) ? 'tagPinned' : 'notRelease',
          data: { name, ref },
        });
    };
    for (const job of allJobs(project)) {
      check(job.uses);
      for (const step of job.steps) check(step.uses);
    }
  },
});
