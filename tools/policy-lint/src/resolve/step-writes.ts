// What a step writes for later steps and jobs: `echo "NAME=value" >> "$GITHUB_ENV"`, the same to
// `$GITHUB_OUTPUT`, and the older `echo "::set-output name=NAME::value"`.
import type { ShellCommand, Step } from '../model/types.js';
import { commandName } from '../vocabulary/commands.js';
import type { StepWrites, Write } from './values.js';

export function stepWrites(step: Step): StepWrites {
  const env = new Map<string, Write[]>();
  const outputs = new Map<string, Write[]>();
  // Every write, in order: a step may write one name in several branches of its script.
  const add = (to: Map<string, Write[]>, name: string, write: Write): void => {
    to.set(name, [...(to.get(name) ?? []), write]);
  };
  const commands = step.script?.commands ?? [];
  commands.forEach((command, index) => {
    const name = commandName(command);
    if (name !== 'echo' && name !== 'printf') return;
    const words = command.args.filter((a) => !/^-[neE]+$/.test(a.literal ?? ''));
    if (words.length === 0) return;
    const scope: Write['scope'] = {
      workflow: step.job.workflow,
      job: step.job,
      step,
      command,
      earlier: commands.slice(0, index),
    };
    const raw = words.map((w) => w.raw).join(' ');
    const span = {
      file: words[0]!.span.file,
      start: words[0]!.span.start,
      end: words[words.length - 1]!.span.end,
    };
    const setOutput = /^["']?::set-output name=([\w-]+)::(.*)$/.exec(raw);
    if (setOutput) {
      add(outputs, setOutput[1]!, { raw: setOutput[2]!, span, scope });
      return;
    }
    const target = redirectTarget(command);
    if (target === undefined) return;
    const pair = /^["']?([A-Za-z_][\w-]*)=(.*)$/s.exec(raw);
    if (!pair) return;
    add(target === 'GITHUB_ENV' ? env : outputs, pair[1]!, { raw: pair[2]!, span, scope });
  });
  return { env, outputs };
}

function redirectTarget(command: ShellCommand): 'GITHUB_ENV' | 'GITHUB_OUTPUT' | undefined {
  for (const redirect of command.redirects) {
    if (!redirect.operator.startsWith('>')) continue;
    const raw = redirect.target.raw;
    if (/\bGITHUB_ENV\b/.test(raw)) return 'GITHUB_ENV';
    if (/\bGITHUB_OUTPUT\b/.test(raw)) return 'GITHUB_OUTPUT';
  }
  return undefined;
}
