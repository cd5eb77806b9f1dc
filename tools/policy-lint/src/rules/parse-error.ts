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
      tooLarge:
        'the file is {size} bytes, over the limit of {limit} bytes per file, and was not read (nothing in it was checked); raise `max-file-size` in the config file to lint it, or `ignore:` it',
    },
  },
  check({ project, report }) {
    // Made only when needed: the first Intl formatter costs tens of milliseconds (ICU's data).
    let bytes: Intl.NumberFormat | undefined;
    for (const failure of project.parseFailures) {
      const missing = failure.missing;
      if (missing) report({ at: failure.span, message: 'missingFile', data: { ...missing } });
      else if (failure.tooLarge) {
        bytes ??= new Intl.NumberFormat('en');
        report({
          at: failure.span,
          message: 'tooLarge',
          data: {
            size: bytes.format(failure.tooLarge.size),
            limit: bytes.format(failure.tooLarge.limit),
          },
        });
      } else
        report({ at: failure.span, message: 'unparsable', data: { problem: failure.message } });
    }
  },
});
