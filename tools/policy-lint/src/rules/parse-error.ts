import type { Rule } from './rule.js';

export const parseError: Rule = {
  meta: {
    id: 'parse-error',
    defaultSeverity: 'error',
    description: 'A file the linter should read but cannot parse; the rest of the repository is still linted.',
    fixable: false,
  },
  check({ project, report }) {
    for (const failure of project.parseFailures) report(failure.span, `${failure.message}; fix the file so that GitHub and ecspresso can read it (nothing else in it was checked)`);
  },
};
