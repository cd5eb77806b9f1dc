// Which `run:` scripts are worth parsing. Parsing a script costs far more than reading it, and on
// real repositories most scripts hold nothing any rule reads; a script can matter only when it
// names a command some rule declares (as a word: a command is a literal word of the script) or a
// file of the repository (a script or Makefile it may run, which the loader follows).
import type { ValueMap } from '../model/types.js';

/**
 * A command by name, or a command the rule reads only in steps whose script or `env:` values
 * also match `when` (`curl` posting to a chat webhook, say): most `curl`s are not, and leaving
 * their scripts unparsed is most of the parsing saved on a large repository.
 */
export type DeclaredCommand = string | { readonly name: string; readonly when: RegExp };

// make reads one of these when no `-f` names its file (a named file is caught by its name).
const DEFAULT_MAKEFILES = ['GNUmakefile', 'makefile', 'Makefile'];

export class ScriptInterest {
  private readonly anywhere: RegExp;
  private readonly inContext: readonly { readonly word: RegExp; readonly when: RegExp }[];

  constructor(
    commands: readonly DeclaredCommand[],
    private readonly repositoryNames: ReadonlySet<string>,
  ) {
    // The loader itself follows ecspresso (its configs) and make (Makefiles, when there is one to
    // read: `make` is in a third of real-world scripts).
    const loaderCommands = [
      'ecspresso',
      ...(DEFAULT_MAKEFILES.some((name) => repositoryNames.has(name)) ? ['make', 'gmake'] : []),
    ];
    this.anywhere = wordPattern([
      ...commands.filter((c) => typeof c === 'string'),
      ...loaderCommands,
    ]);
    this.inContext = commands
      .filter((c) => typeof c !== 'string')
      .map((c) => ({ word: wordPattern([c.name]), when: c.when }));
  }

  /** Whether a step's script (`run:`, with the step's `env:`) can hold anything a rule reads. */
  matters(text: string, env: ValueMap): boolean {
    if (this.anywhere.test(text)) return true;
    for (const { word, when } of this.inContext) {
      if (
        word.test(text) &&
        (when.test(text) || [...env.values()].some((value) => when.test(value.value)))
      )
        return true;
    }
    if (this.repositoryNames.size === 0) return false;
    for (const word of text.match(/[\w.\-/]+/g) ?? [])
      if (this.repositoryNames.has(word.slice(word.lastIndexOf('/') + 1))) return true;
    return false;
  }
}

/** Matches any of `commands` as a word of shell text. */
function wordPattern(commands: readonly string[]): RegExp {
  const words = [...new Set(commands)].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(^|[^\\w.-])(${words.join('|')})($|[^\\w.-])`);
}
