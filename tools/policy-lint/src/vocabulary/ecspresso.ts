// Reads an `ecspresso` command line: its subcommand, its flags and the config it uses.
import type { ShellCommand, ShellWord } from '../model/types.js';
import { commandName } from './commands.js';

export interface EcspressoFlag {
  readonly name: string;
  /** The flag's value (`--x=v` or `--x v` for flags that take one); undefined for booleans. */
  readonly value: ShellWord | string | undefined;
  readonly word: ShellWord;
}

export interface EcspressoInvocation {
  readonly subcommand: string | undefined;
  readonly subcommandWord: ShellWord | undefined;
  readonly flags: readonly EcspressoFlag[];
  /** The literal --config path, when it has no expansion. */
  readonly config: string | undefined;
}

// ecspresso v1/v2 flags that take a separate value; every other `--flag` is a boolean.
const VALUE_FLAGS = new Set([
  'config',
  'envfile',
  'ext-str',
  'ext-code',
  'timeout',
  'log-format',
  'filter-command',
  'tasks',
  'desired-count',
  'rollback-events',
  'wait-until',
  'assume-role-arn',
  'option',
  'revision',
]);

export function ecspressoInvocation(command: ShellCommand): EcspressoInvocation | undefined {
  if (commandName(command) !== 'ecspresso') return undefined;
  const flags: EcspressoFlag[] = [];
  let subcommandWord: ShellWord | undefined;
  const args = command.args;
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    const text = word.literal ?? word.raw;
    if (text.startsWith('--')) {
      const eq = text.indexOf('=');
      const name = eq === -1 ? text.slice(2) : text.slice(2, eq);
      if (eq !== -1) flags.push({ name, value: text.slice(eq + 1), word });
      else if (VALUE_FLAGS.has(name) && i + 1 < args.length)
        flags.push({ name, value: args[++i], word });
      else flags.push({ name, value: undefined, word });
    } else if (subcommandWord === undefined && !text.startsWith('-')) subcommandWord = word;
  }
  const config = flags.find((f) => f.name === 'config')?.value;
  return {
    subcommand: subcommandWord?.literal,
    subcommandWord,
    flags,
    config:
      typeof config === 'string' ? (/[$`]/.test(config) ? undefined : config) : config?.literal,
  };
}

/** The value of a flag as text, if it is literal. */
export function flagText(flag: EcspressoFlag): string | undefined {
  return typeof flag.value === 'string' ? flag.value : flag.value?.literal;
}
