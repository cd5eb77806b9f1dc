// Loads `.doppio.yml` (or `.github/doppio.yml`, or --config), validated against the JSON Schema
// that ships with the package. A bad config is a UsageError: the CLI exits 2 with its message.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import type { Severity } from '../model/types.js';
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
}

export const CONFIG_FILE_NAMES = ['.doppio.yml', '.github/doppio.yml'] as const;

export const EMPTY_CONFIG: LintConfig = {
  path: undefined,
  rules: new Map(),
  ignore: [],
  environments: new Map(),
  sharedFlowRepositories: [],
};

let validate: ReturnType<Ajv['compile']> | undefined;

function validator(): ReturnType<Ajv['compile']> {
  validate ??= new Ajv({ allErrors: true }).compile(schema);
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
      mostTelling(check.errors!)
        .map((e) => `${shown}${locate(doc, lines, e)}: ${describe(e)}`)
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
  };
}

// anyOf branches make ajv report every branch's failure; per place keep the kind that says most.
const TELLING = ['additionalProperties', 'propertyNames', 'enum', 'pattern', 'type'];

function mostTelling(errors: readonly ErrorObject[]): ErrorObject[] {
  const byPath = new Map<string, ErrorObject[]>();
  for (const error of errors) {
    if (error.keyword === 'anyOf') continue;
    const list = byPath.get(error.instancePath) ?? [];
    list.push(error);
    byPath.set(error.instancePath, list);
  }
  return [...byPath.values()].flatMap((list) => {
    const best = TELLING.find((keyword) => list.some((e) => e.keyword === keyword));
    return best === undefined
      ? list.slice(0, 1)
      : list
          .filter((e) => e.keyword === best)
          .slice(0, best === 'additionalProperties' ? undefined : 1);
  });
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

function describe(error: ErrorObject): string {
  const where = error.instancePath
    ? `\`${error.instancePath.slice(1).replace(/\//g, '.').replace(/~1/g, '/')}\``
    : 'the top level';
  switch (error.keyword) {
    case 'additionalProperties':
      return `unknown key \`${String(error.params['additionalProperty'])}\` in ${where}`;
    case 'enum':
      return `${where} must be one of ${(error.params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'propertyNames':
      return `unknown rule id \`${String(error.params['propertyName'])}\` in ${where} (see docs/rules/README.md for the ids)`;
    default:
      return `${where} ${error.message ?? 'is invalid'}`;
  }
}
