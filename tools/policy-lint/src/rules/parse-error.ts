import { defineRule } from './rule.js';

export const parseError = defineRule({
  meta: {
    id: 'parse-error',
    defaultSeverity: 'error',
    description:
      'A file the linter should read cannot be read or parsed; the rest is still linted.',
    fixable: false,
    messages: {
      unparsable:
        '{problem}; fix the file so that GitHub and ecspresso can read it (nothing else in it was checked)',
      missingFile:
        '`{key}` names `{named}`, which does not exist (looked for `{path}`): ecspresso will fail to read it — create the file or correct `{key}` (the definition it should name was not checked)',
    },
  },
  check({ project, report }) {
    for (const failure of project.parseFailures) {
      const missing = failure.missing;
      if (missing) report({ at: failure.span, message: 'missingFile', data: { ...missing } });
      else report({ at: failure.span, message: 'unparsable', data: { problem: failure.message } });
    }
  },
});
