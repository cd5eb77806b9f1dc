// Commands that run another command: `env A=1 cmd`, `timeout 600 cmd`, `time cmd`, `nohup cmd`,
// `sudo -E cmd`, `nice -n 5 cmd`, `xargs -n1 cmd`, `exec cmd`, and the shells and tools that run a
// script given as a string: `sh -c '…'`, `bash -ec "…"`, `parallel "… {}" ::: a b`. The command
// they run is a command site like any other; this module only says which words make it up.
import type { ShellAssignment, ShellCommand, ShellWord } from '../model/types.js';

/** What a command runs besides itself: another command made of its words, or a script in one word. */
export type Wrapped =
  | { readonly kind: 'command'; readonly command: ShellCommand }
  | {
      readonly kind: 'script';
      readonly word: ShellWord;
      /** `parallel`'s replacement string and the values after `:::`, one run per value. */
      readonly each?: { readonly placeholder: string; readonly values: readonly string[] };
    };

/** Options that take a value as the next word, per wrapper; any other `-x` stands alone. */
const VALUE_OPTIONS: Readonly<Record<string, ReadonlySet<string>>> = {
  env: new Set(['-u', '--unset', '-C', '--chdir', '-S', '--split-string']),
  timeout: new Set(['-s', '--signal', '-k', '--kill-after']),
  time: new Set(['-f', '--format', '-o', '--output']),
  nohup: new Set(),
  exec: new Set(['-a']),
  nice: new Set(['-n', '--adjustment']),
  stdbuf: new Set(['-i', '-o', '-e']),
  sudo: new Set(['-u', '-g', '-h', '-p', '-C', '-D', '-r', '-t', '-U', '-T', '-R', '--user']),
  xargs: new Set(['-I', '-n', '-P', '-L', '-d', '-E', '-s', '-a', '--max-args', '--max-procs']),
  parallel: new Set(['-j', '--jobs', '-S', '--sshlogin', '-N', '--max-args']),
};
const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh']);

const NAME_VALUE = /^[A-Za-z_]\w*=/;

/** The command or script a command runs, if it is one of the wrappers above. */
export function wrapped(command: ShellCommand): Wrapped | undefined {
  const full = command.name?.literal;
  if (full === undefined) return undefined;
  const name = full.slice(full.lastIndexOf('/') + 1);
  const args = command.args;
  const text = (i: number): string | undefined => args[i]?.literal;
  if (SHELLS.has(name)) {
    // `-c` alone or in a cluster (`-ec`, `-xc`); the script is the first operand after it.
    let i = 0;
    let script = false;
    for (; i < args.length; i++) {
      const a = text(i);
      if (a === undefined || !a.startsWith('-') || a === '-' || a === '--') break;
      if (a === '-o' || a === '+o') i++;
      else if (/^-[A-Za-z]*c[A-Za-z]*$/.test(a)) script = true;
    }
    if (text(i) === '--') i++;
    return script && args[i] ? { kind: 'script', word: args[i]! } : undefined;
  }
  const options = VALUE_OPTIONS[name];
  if (!options) return undefined;
  if (name === 'exec' && args.length === 0) return undefined;
  let i = 0;
  let placeholder: string | undefined;
  for (; i < args.length; i++) {
    const a = text(i);
    if (a === undefined || !a.startsWith('-') || a === '-') break;
    if (a === '--') {
      i++;
      break;
    }
    const option = a.includes('=') ? a.slice(0, a.indexOf('=')) : a;
    if (name === 'xargs' && (a === '-i' || /^-I./.test(a) || option === '--replace'))
      placeholder = a === '-i' || option === '--replace' ? '{}' : a.slice(2);
    if (options.has(option) && !a.includes('=')) {
      if (name === 'xargs' && a === '-I') placeholder = text(i + 1);
      i++;
    }
  }
  // `timeout` takes its duration before the command.
  if (name === 'timeout') i++;
  // The wrapped command inherits the variables set for its wrapper (`A=1 timeout 9 cmd`).
  const assignments: ShellAssignment[] = [...command.assignments];
  if (name === 'env' || name === 'sudo') {
    for (; i < args.length && NAME_VALUE.test(text(i) ?? args[i]!.raw); i++) {
      const word = args[i]!;
      const eq = word.raw.indexOf('=');
      assignments.push({
        name: word.raw.slice(0, eq),
        raw: word.raw.slice(eq + 1),
        span: word.span,
      });
    }
  }
  if (name === 'parallel') return parallelScript(args.slice(i));
  const inner = args[i];
  if (!inner) return undefined;
  const rest = args.slice(i + 1);
  return {
    kind: 'command',
    command: {
      name: inner,
      args: placeholder === undefined ? rest : rest.map((w) => unknownWhere(w, placeholder!)),
      assignments,
      redirects: command.redirects,
      span: { file: inner.span.file, start: inner.span.start, end: command.span.end },
      substitutions: [],
      directory: command.directory,
      conditional: command.conditional,
    },
  };
}

/** `parallel "cmd … {}" ::: a b`: one script word run once per value. */
function parallelScript(words: readonly ShellWord[]): Wrapped | undefined {
  const separator = words.findIndex((w) => w.literal === ':::');
  if (separator !== 1) return undefined;
  const values: string[] = [];
  for (const word of words.slice(separator + 1)) {
    if (word.literal === undefined || word.literal.startsWith(':::')) return undefined;
    values.push(word.literal);
  }
  return { kind: 'script', word: words[0]!, each: { placeholder: '{}', values } };
}

/** A word that holds xargs' replacement string reads its input: its value is not known. */
function unknownWhere(word: ShellWord, placeholder: string): ShellWord {
  return word.literal?.includes(placeholder) ? { ...word, literal: undefined } : word;
}

/** The command with `placeholder` replaced by `value` in every word (parallel's `{}`). */
export function substituted(
  command: ShellCommand,
  placeholder: string,
  value: string,
): ShellCommand {
  const word = (w: ShellWord): ShellWord =>
    w.raw.includes(placeholder)
      ? {
          raw: w.raw.split(placeholder).join(value),
          literal: w.literal?.split(placeholder).join(value),
          span: w.span,
        }
      : w;
  return {
    ...command,
    name: command.name && word(command.name),
    args: command.args.map(word),
    assignments: command.assignments.map((a) => ({
      ...a,
      raw: a.raw.split(placeholder).join(value),
    })),
    substitutions: command.substitutions.map((c) => substituted(c, placeholder, value)),
  };
}

/**
 * The text of a script word as the shell that runs it reads it, with the offset in `raw` of each of
 * its characters (and one past the last): single quotes keep everything, double quotes drop the
 * backslash of `\$ \` \" \\` and escaped newlines, a bare word drops every escaping backslash.
 * undefined for words made of several quoted parts, which are rare enough to leave alone.
 */
export function unquoted(raw: string): { text: string; offsets: number[] } | undefined {
  const quote = raw[0];
  if (quote === "'" || quote === '"') {
    if (raw.length < 2 || raw[raw.length - 1] !== quote) return undefined;
    const body = raw.slice(1, -1);
    if (quote === "'") return { text: body, offsets: [...body, ''].map((_, i) => i + 1) };
    return withoutEscapes(body, 1, /[$`"\\\n]/);
  }
  if (/['"]/.test(raw)) return undefined;
  return withoutEscapes(raw, 0, /[\s\S]/);
}

function withoutEscapes(
  body: string,
  base: number,
  escapable: RegExp,
): { text: string; offsets: number[] } {
  let text = '';
  const offsets: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const next = body[i + 1];
    if (body[i] === '\\' && next !== undefined && escapable.test(next)) {
      i++;
      if (next === '\n') continue;
    }
    text += body[i];
    offsets.push(base + i);
  }
  offsets.push(base + body.length);
  return { text, offsets };
}
