// What a rule is: everything about it in one place, after eslint's rule `meta` (id, default
// severity, description, options schema, messages), and one check over the shared project model.
// Rules report spans and message ids; the engine owns positions, severities and output. The config
// file's JSON Schema and the rule tables of the docs are generated from the metas (`pnpm docs`).
import type { Facts } from '../facts/facts.js';
import type { Fix, Severity, Span } from '../model/types.js';
import type { Project } from '../project/project.js';
import type { DeclaredCommand } from '../project/script-interest.js';

export const DOCS_BASE = 'https://github.com/doppio-dev/doppio/blob/main/docs/rules/';

/** A rule's messages by id. `{name}` (a letter, then letters, digits or `_`) is filled from the
 *  report's data; any other brace is text, so ecspresso's `{{ must_env … }}` can be written as is. */
export type Messages = Readonly<Record<string, string>>;

/** The JSON Schema of one option (draft-07): `description` and `default` also go into the docs. */
export interface OptionSchema {
  readonly type: 'boolean' | 'string' | 'array';
  readonly description: string;
  readonly default: unknown;
  readonly items?: Readonly<Record<string, unknown>>;
  readonly pattern?: string;
}

export interface RuleMeta<M extends Messages = Messages> {
  readonly id: string;
  readonly defaultSeverity: Severity;
  /** One line: what the rule checks (the rule tables of the docs show it). */
  readonly description: string;
  /** True when some of its findings carry a fix that `--fix` applies (the docs say which). */
  readonly fixable: boolean;
  /**
   * The shell commands (by name) this rule reads from `run:` scripts, scripts and Makefiles,
   * directly or through the shared facts. Only `run:` scripts that mention a command some rule
   * reads are parsed (see project/script-interest.ts): a rule that reads a command without
   * declaring it here never sees it. Script files and Makefiles a step runs are always parsed.
   */
  readonly commands?: readonly DeclaredCommand[];
  /** Its options in the config file, by name (the config file is validated against them). */
  readonly options?: Readonly<Record<string, OptionSchema>>;
  readonly messages: M;
}

// The `{name}` placeholders of a message, read as the engine reads them (see formatMessage).
type Lower =
  | 'a'
  | 'b'
  | 'c'
  | 'd'
  | 'e'
  | 'f'
  | 'g'
  | 'h'
  | 'i'
  | 'j'
  | 'k'
  | 'l'
  | 'm'
  | 'n'
  | 'o'
  | 'p'
  | 'q'
  | 'r'
  | 's'
  | 't'
  | 'u'
  | 'v'
  | 'w'
  | 'x'
  | 'y'
  | 'z';
type Letter = Lower | Uppercase<Lower>;
type WordChar = Letter | '_' | '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9';
type AllWordChars<S extends string> = S extends ''
  ? true
  : S extends `${infer C}${infer R}`
    ? C extends WordChar
      ? AllWordChars<R>
      : false
    : false;
type IsName<S extends string> = S extends `${infer C}${infer R}`
  ? C extends Letter
    ? AllWordChars<R>
    : false
  : false;
export type Placeholders<S extends string> = S extends `${string}{${infer Tail}`
  ? Tail extends `${infer Name}}${infer Rest}`
    ? IsName<Name> extends true
      ? Name | Placeholders<Rest>
      : Placeholders<Tail>
    : never
  : never;

type DataOf<S extends string> = string extends S
  ? { readonly data?: Readonly<Record<string, string | number>> | undefined } // a rule seen from the engine
  : [Placeholders<S>] extends [never]
    ? { readonly data?: undefined }
    : { readonly data: { readonly [P in Placeholders<S>]: string | number } };

/** One finding: where, which message (with its data), and, when it differs from the rule's
 *  default, its severity; `fix`: edits of `at.file` that `--fix` applies (see engine/fix.ts). */
export type Report<M extends Messages> = {
  [K in keyof M & string]: {
    readonly at: Span;
    readonly message: K;
    readonly severity?: Severity | undefined;
    readonly fix?: Fix | undefined;
  } & DataOf<M[K]>;
}[keyof M & string];

export interface RuleContext<M extends Messages = Messages> {
  readonly project: Project;
  readonly facts: Facts;
  /** The rule's options from the config file (validated against meta.options). */
  readonly options: Readonly<Record<string, unknown>>;
  report(finding: Report<M>): void;
}

export interface Rule<M extends Messages = Messages> {
  readonly meta: RuleMeta<M>;
  check(context: RuleContext<M>): void;
}

/** A rule, its report calls checked against its own messages and their placeholders. */
export function defineRule<const M extends Messages>(rule: Rule<M>): Rule {
  return rule as unknown as Rule;
}

const PLACEHOLDER = /\{([A-Za-z]\w*)\}/g;

/** The names each message fills in, in order of first use: a corpus reports thousands of findings
 *  with a few dozen messages. */
const PLACEHOLDERS = new Map<string, readonly string[]>();

/** The names a message fills in, in order of first use. */
export function placeholdersOf(message: string): readonly string[] {
  let names = PLACEHOLDERS.get(message);
  if (names === undefined) {
    names = [...new Set([...message.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
    PLACEHOLDERS.set(message, names);
  }
  return names;
}

/** The message with its placeholders filled in. Every placeholder needs a value and every value
 *  a placeholder: a mismatch is a bug in the rule, never a finding with a hole in it. */
export function formatMessage(
  meta: RuleMeta,
  id: string,
  data: Readonly<Record<string, string | number>> | undefined,
): string {
  const template = meta.messages[id];
  if (template === undefined)
    throw new Error(`${meta.id} reports the message \`${id}\`, which its meta does not define`);
  const names = placeholdersOf(template);
  const given = Object.keys(data ?? {});
  if (given.length !== names.length || names.some((name) => !Object.hasOwn(data!, name))) {
    const missing = names.filter((name) => !given.includes(name));
    const extra = given.filter((name) => !names.includes(name));
    throw new Error(
      `${meta.id}/${id}: ${missing.length > 0 ? `no value for {${missing.join('}, {')}}` : ''}${missing.length > 0 && extra.length > 0 ? '; ' : ''}${extra.length > 0 ? `values without a placeholder: ${extra.join(', ')}` : ''}`,
    );
  }
  return names.length === 0
    ? template
    : template.replace(PLACEHOLDER, (_, name: string) => String(data![name]));
}

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE}${ruleId.startsWith('actionlint/') ? 'actionlint' : ruleId}.md`;
}
