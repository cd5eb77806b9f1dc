// Command lines read with node's util.parseArgs (its tokens), judged here so that every usage error
// is one line in our words — what was wrong and what to write instead — never the parser's text,
// and never a flag that --help does not show. The same specs print the options part of --help.
import { parseArgs } from 'node:util';
import { closestMatch } from 'leven';
import { UsageError } from './errors.js';

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  readonly multiple?: boolean;
  /** What a string option takes, as --help and the messages show it: `<file>`, `<n>`. */
  readonly value?: string;
  /** --help's text; a line break continues it on the next line, aligned. */
  readonly description: string;
}

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

export type OptionValues<S extends OptionSpecs> = {
  -readonly [K in keyof S]?: S[K]['type'] extends 'boolean'
    ? true
    : S[K]['multiple'] extends true
      ? string[]
      : string;
};

/** What is parsed: doppio-lint's own options, or a subcommand's (`init`), whose messages start
 *  with its name. */
export interface CommandLine<S extends OptionSpecs> {
  readonly subcommand?: string;
  readonly options: S;
}

export function parseCommandLine<S extends OptionSpecs>(
  argv: readonly string[],
  line: CommandLine<S>,
): { values: OptionValues<S>; positionals: string[] } {
  const { tokens } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: false,
    tokens: true,
    options: Object.fromEntries(
      Object.entries(line.options).map(([name, spec]) => [
        name,
        { type: spec.type, ...(spec.short ? { short: spec.short } : {}) },
      ]),
    ),
  });
  const fail: (message: string) => never = (message) => {
    throw new UsageError(`${line.subcommand ? `${line.subcommand}: ` : ''}${message}`);
  };
  const values: Record<string, true | string | string[]> = {};
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') positionals.push(token.value);
    if (token.kind !== 'option') continue;
    const spec = line.options[token.name];
    if (spec === undefined) fail(unknownOption(token.rawName, line));
    const flag = `--${token.name}`;
    if (spec.type === 'boolean') {
      if (token.value !== undefined)
        fail(`${flag} takes no value (got \`${token.rawName}=${token.value}\`): write \`${flag}\``);
      values[token.name] = true;
      continue;
    }
    const usage = `${flag} ${spec.value ?? '<value>'}`;
    if (token.value === undefined) fail(`${flag} needs a value: write \`${usage}\``);
    // `--output --fix` would write a file named --fix: a value that looks like an option (other
    // than a negative number, which the option itself judges) must be written `--output=--fix`.
    if (!token.inlineValue && /^-(?!\d)/.test(token.value))
      fail(
        `${flag} needs a value, not the option \`${token.value}\`: write \`${usage}\` (or \`${flag}=${token.value}\` for a value that starts with -)`,
      );
    if (spec.multiple) {
      const list = values[token.name];
      values[token.name] = [...(Array.isArray(list) ? list : []), token.value];
    } else if (token.name in values)
      fail(`${flag} is given twice (\`${values[token.name]}\` and \`${token.value}\`): keep one`);
    else values[token.name] = token.value;
  }
  return { values: values as OptionValues<S>, positionals };
}

function unknownOption<S extends OptionSpecs>(raw: string, line: CommandLine<S>): string {
  const help = `doppio-lint${line.subcommand ? ` ${line.subcommand}` : ''} --help`;
  const near = raw.startsWith('--') ? nearest(raw.slice(2), Object.keys(line.options)) : undefined;
  const known = Object.entries(line.options)
    .map(([name, spec]) => (spec.short ? `-${spec.short}/--${name}` : `--${name}`))
    .join(', ');
  return near !== undefined
    ? `unknown option \`${raw}\`: did you mean \`--${near}\`? (see ${help})`
    : `unknown option \`${raw}\`: the options are ${known} (a path that starts with - goes after \`--\`)`;
}

/** The candidate `typed` is a near miss of (`max-warning` → `max-warnings`, `jsno` → `json`) or
 *  the only one it begins (`image-tag` → `image-tag-sha`), if any. The distance allowed grows with
 *  the length, so a short word is never "near" everything. */
export function nearest(typed: string, candidates: readonly string[]): string | undefined {
  const near = closestMatch(typed, candidates, {
    maxDistance: Math.min(3, Math.max(1, typed.length / 2)),
  });
  if (near !== undefined) return near === typed ? undefined : near;
  const extensions = candidates.filter((candidate) => candidate.startsWith(typed));
  return typed !== '' && extensions.length === 1 ? extensions[0] : undefined;
}

/** The options part of --help: `  -f, --format <a|b>  description`, descriptions aligned. */
export function optionsHelp(options: OptionSpecs): string {
  const heads = Object.entries(options).map(
    ([name, spec]) =>
      `  ${spec.short ? `-${spec.short}, ` : '    '}--${name}${spec.value ? ` ${spec.value}` : ''}`,
  );
  const width = Math.max(...heads.map((head) => head.length)) + 2;
  return Object.values(options)
    .map((spec, index) =>
      spec.description
        .split('\n')
        .map((text, n) => `${(n === 0 ? heads[index]! : '').padEnd(width)}${text}`)
        .join('\n'),
    )
    .join('\n');
}
