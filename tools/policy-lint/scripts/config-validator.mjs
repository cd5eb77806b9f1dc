// The config file's validator, compiled ahead of time: ajv's standalone code for the JSON Schema
// (schema/doppio.schema.json), written to src/config/config-validator.generated.ts by build.mjs and
// by `pnpm docs`. Compiling the schema with ajv when the linter starts took a quarter of a small
// repository's lint. The file is git-ignored: it is built, never edited.
import { Ajv } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';

export const CONFIG_VALIDATOR_PATH = 'tools/policy-lint/src/config/config-validator.generated.ts';

const UCS2LENGTH = 'require("ajv/dist/runtime/ucs2length").default';

/** The module's source for `schema`: a default export that validates like `ajv.compile(schema)`. */
export function configValidatorSource(schema) {
  // verbose: each error carries the data and the schema it is about, for config.ts's sentences.
  const ajv = new Ajv({ allErrors: true, verbose: true, code: { source: true, esm: true } });
  const code = standaloneCode(ajv, ajv.compile(schema));
  // ajv's ES module code still `require`s its string-length helper: import it instead. A bundle
  // gives the CommonJS module's `exports.default` as the default, Node its `module.exports`.
  return [
    '// Generated from schema/doppio.schema.json by ajv (scripts/config-validator.mjs): do not edit.',
    '// @ts-nocheck',
    "import * as ucs2lengthModule from 'ajv/dist/runtime/ucs2length.js';",
    'const ucs2length = ucs2lengthModule.default.default ?? ucs2lengthModule.default;',
    code.replaceAll(UCS2LENGTH, 'ucs2length').replace(/^"use strict";/, ''),
    '',
  ].join('\n');
}
