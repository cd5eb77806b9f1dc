// Loads `.doppio.yml` (or `.github/doppio.yml`, or --config), validated against the JSON Schema
// that ships with the package. A bad config is a UsageError: the CLI exits 2 with its message.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import type { Severity } from '../model/types.js';
import { nearest } from '../command-line.js';
import { UsageError } from '../errors.js';
import schema from '../../schema/doppio.schema.json' with { type: 'json' };

export type SeveritySetting = Severity | 'off';

export interface LintConfig {
  /** Root-relative path of the config file read, undefined when none. */
  readonly path: string | undefined;
  readonly rules: ReadonlyMap<
    string,
    { readonly severity?: SeveritySetting; readonly options: Readonly<Record<string, unknown>> }
  >;
  readonly ignore: readonly string[];
  readonly environments: ReadonlyMap<string, readonly string[]>;
  readonly sharedFlowRepositories: readonly string[];
  /** The largest file, in bytes, that is read; a larger one is a parse-error (`max-file-size`). */
  readonly maxFileSize: number;
}

export const CONFIG_FILE_NAMES = ['.doppio.yml', '.github/doppio.yml'] as const;

/** 1 MiB: nine times the largest of 1,503 real-world workflows (116 kB); a 30 MB one-line
 *  workflow took from 8 s and 305 MB to minutes and 3 GB (docs/performance.md). */
export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;

export const EMPTY_CONFIG: LintConfig = {
  path: undefined,
  rules: new Map(),
  ignore: [],
  environments: new Map(),
  sharedFlowRepositories: [],
  maxFileSize: DEFAULT_MAX_FILE_SIZE,
};

let validate: ReturnType<Ajv['compile']> | undefined;

function validator(): ReturnType<Ajv['compile']> {
  // verbose: each error carries the data and the schema it is about, for the sentences below.
  validate ??= new Ajv({ allErrors: true, verbose: true }).compile(schema);
  return validate;
}

/** Finds and loads the config; `explicit` is the --config value (relative to cwd). */
export function loadConfig(root: string, explicit: string | undefined, cwd: string): LintConfig {
  const path =
    explicit !== undefined
      ? resolve(cwd, explicit)
      : CONFIG_FILE_NAMES.map((name) => join(root, name)).find((p) => existsSync(p));
  if (path === undefined) return EMPTY_CONFIG;
  const shown = explicit ?? relative(root, path).split('\\').join('/');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`${shown}: cannot read the config file (does it exist?)`);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    const error = doc.errors[0]!;
    const at = lines.linePos(error.pos[0]);
    throw new UsageError(
      `${shown}:${at.line}:${at.col}: invalid YAML: ${error.message.split('\n')[0]}`,
    );
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (error) {
    // An alias bomb (yaml's maxAliasCount) or nesting deep enough to exhaust the stack.
    throw new UsageError(`${shown}: invalid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const check = validator();
  if (!check(data)) {
    throw new UsageError(
      sentences(check.errors!)
        .map(({ error, text }) => `${shown}${locate(doc, lines, error)}: ${text}`)
        .join('\n'),
    );
  }
  return fromData(shown, data as ConfigData);
}

interface ConfigData {
  rules?: Record<
    string,
    SeveritySetting | ({ severity?: SeveritySetting } & Record<string, unknown>)
  >;
  ignore?: string[];
  environments?: Record<string, string[]>;
  'shared-flow'?: { repositories?: string[] };
  'max-file-size'?: number;
}

function fromData(path: string, data: ConfigData): LintConfig {
  const rules = new Map<string, { severity?: SeveritySetting; options: Record<string, unknown> }>();
  for (const [id, setting] of Object.entries(data.rules ?? {})) {
    if (typeof setting === 'string') rules.set(id, { severity: setting, options: {} });
    else {
      const { severity, ...options } = setting;
      rules.set(id, severity === undefined ? { options } : { severity, options });
    }
  }
  return {
    path,
    rules,
    ignore: data.ignore ?? [],
    environments: new Map(Object.entries(data.environments ?? {})),
    sharedFlowRepositories: data['shared-flow']?.repositories ?? [],
    maxFileSize: data['max-file-size'] ?? DEFAULT_MAX_FILE_SIZE,
  };
}

/**
 * The errors worth telling, in sentences: per place (instancePath), the one that says most. An
 * anyOf (a rule set to a severity or to a mapping of options) makes ajv report every branch's
 * failure: a branch that wanted a scalar where the data is a mapping with errors of its own
 * inside says nothing useful, and neither does the anyOf itself.
 */
function sentences(errors: readonly ErrorObject[]): { error: ErrorObject; text: string }[] {
  const byPath = new Map<string, ErrorObject[]>();
  for (const error of errors) {
    if (error.keyword === 'anyOf') continue;
    byPath.set(error.instancePath, [...(byPath.get(error.instancePath) ?? []), error]);
  }
  const out: { error: ErrorObject; text: string }[] = [];
  for (const [path, there] of byPath) {
    const deeper = [...byPath.keys()].some((other) => other.startsWith(`${path}/`));
    const of = (keyword: string) => there.filter((e) => e.keyword === keyword);
    if (of('additionalProperties').length > 0)
      out.push(...of('additionalProperties').map((e) => ({ error: e, text: describe(e) })));
    else if (of('propertyNames').length > 0)
      out.push({ error: of('propertyNames')[0]!, text: describe(of('propertyNames')[0]!) });
    else if (deeper && there.every((e) => e.keyword === 'enum' || e.keyword === 'type')) continue;
    else if (of('enum').length > 0 && of('type').length > 0)
      out.push({ error: of('enum')[0]!, text: describeEither(of('enum')[0]!, of('type')[0]!) });
    else out.push({ error: there[0]!, text: describe(there[0]!) });
  }
  return out;
}
/** `:line:col` of what an ajv error is about: the offending key itself, or the value it points at. */
function locate(
  doc: ReturnType<typeof parseDocument>,
  lines: LineCounter,
  error: ErrorObject,
): string {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  const value = doc.getIn(path, true);
  const key = error.params['additionalProperty'] ?? error.params['propertyName'];
  const pair =
    typeof key === 'string' && isMap(value)
      ? value.items.find((item) => isScalar(item.key) && String(item.key.value) === key)
      : undefined;
  const range = ((pair?.key ?? value) as { range?: [number, number] } | undefined)?.range;
  if (!range) return '';
  const at = lines.linePos(range[0]);
  return `:${at.line}:${at.col}`;
}

/** Where an error is, as the config file spells it: `rules.pinned-actions.allowed-owners[0]`. */
function placeOf(instancePath: string): string {
  if (instancePath === '') return 'the configuration';
  const place = instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p, index) => (/^\d+$/.test(p) ? `[${p}]` : index === 0 ? p : `.${p}`))
    .join('');
  return `\`${place}\``;
}

/** What the data at the error's place is, in words. */
function given(data: unknown): string {
  if (data === null || data === undefined) return 'nothing';
  if (Array.isArray(data)) return 'a list';
  if (typeof data === 'object') return 'a mapping';
  return `\`${String(data)}\``;
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  boolean: '`true` or `false`',
};

/** A closed mapping's keys (`additionalProperties: false`), or none. */
function keysOf(schema: unknown): string[] {
  const { properties, additionalProperties } = (schema ?? {}) as {
    properties?: object;
    additionalProperties?: unknown;
  };
  return additionalProperties === false ? Object.keys(properties ?? {}) : [];
}

const list = (values: readonly unknown[]): string =>
  values.map((v) => `\`${String(v)}\``).join(', ');
const either = (values: readonly unknown[]): string =>
  values.length > 1 ? `${list(values.slice(0, -1))} or ${list(values.slice(-1))}` : list(values);

/** One ajv error as a sentence that names the key and what is allowed there. */
function describe(error: ErrorObject): string {
  const where = placeOf(error.instancePath);
  const got = given(error.data);
  const schema = (error.parentSchema ?? {}) as { examples?: unknown[]; default?: unknown };
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(error.params['additionalProperty']);
      const keys = keysOf(error.parentSchema);
      const near = nearest(key, keys);
      return near === undefined
        ? `unknown key \`${key}\` in ${where}: the keys there are ${list(keys)}`
        : `unknown key \`${key}\` in ${where}: did you mean \`${near}\`? (the keys there are ${list(keys)})`;
    }
    case 'propertyNames': {
      const name = String(error.params['propertyName']);
      // The keys of `rules` are rule ids: the schema lists them (or actionlint's kinds' pattern).
      const ids = ((error.schema as { anyOf?: { enum?: string[] }[] }).anyOf ?? []).flatMap(
        (branch) => branch.enum ?? [],
      );
      if (ids.length > 0) {
        const near = nearest(name, ids);
        return `unknown rule id \`${name}\` in ${where}: ${near === undefined ? "the ids are listed in docs/rules/README.md, and actionlint's are actionlint/<kind>" : `did you mean \`${near}\`?`}`;
      }
      const { pattern, examples } = error.schema as { pattern?: string; examples?: unknown[] };
      return `\`${name}\` in ${where} is not an allowed name: write it like ${either(examples ?? [])} (the pattern \`${pattern}\`)`;
    }
    case 'enum':
      return oneOf(error, '');
    case 'type': {
      const type = String(error.params['type']);
      const keys = keysOf(error.parentSchema);
      const example =
        typeof schema.default === 'number' || typeof schema.default === 'string'
          ? ` such as \`${schema.default}\``
          : '';
      return `${where} must be ${TYPE_WORDS[type] ?? type}${keys.length > 0 ? ` with the keys ${list(keys)}` : example} (got ${got})`;
    }
    case 'pattern': {
      const examples = schema.examples ?? (schema.default === undefined ? [] : [schema.default]);
      return examples.length > 0
        ? `${where} must look like ${either(examples)} (got ${got})`
        : `${where} must match the pattern \`${String(error.params['pattern'])}\` (got ${got})`;
    }
    case 'minLength':
      return `${where} must not be empty`;
    case 'minimum':
      return `${where} must be at least ${String(error.params['limit'])} (got ${got})`;
    default:
      return `${where} is not valid: ${error.message ?? error.keyword} (got ${got})`;
  }
}

/** An enum's sentence; `alternative` names what else is allowed there. */
function oneOf(error: ErrorObject, alternative: string): string {
  const allowed = error.params['allowedValues'] as unknown[];
  const near =
    typeof error.data === 'string' ? nearest(error.data, allowed.map(String)) : undefined;
  return `${placeOf(error.instancePath)} must be one of ${list(allowed)}${alternative} (got ${given(error.data)}${near === undefined ? '' : `; did you mean \`${near}\`?`})`;
}

/** A value that may be a scalar from a list or a mapping (a rule: a severity, or its options). */
function describeEither(scalar: ErrorObject, mapping: ErrorObject): string {
  const keys = keysOf(mapping.parentSchema);
  return oneOf(scalar, `, or a mapping${keys.length > 0 ? ` with the keys ${list(keys)}` : ''}`);
}
