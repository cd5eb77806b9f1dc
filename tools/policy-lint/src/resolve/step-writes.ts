// What a step writes for later steps and jobs: `echo "NAME=value" >> "$GITHUB_ENV"`, the same to
// `$GITHUB_OUTPUT`, and the older `echo "::set-output name=NAME::value"`.
import type { ShellCommand, Span, Step } from '../model/types.js';
import { commandName } from '../vocabulary/commands.js';
import type { Scope, StepWrites } from './values.js';

export function stepWrites(step: Step): StepWrites {
  const env = new Map<string, { raw: string; span: Span; scope: Scope }>();
  const outputs = new Map<string, { raw: string; span: Span; scope: Scope }>();
  const commands = step.script?.commands ?? [];
  commands.forEach((command, index) => {
    const name = commandName(command);
    if (name !== 'echo' && name !== 'printf') return;
    const words = command.args.filter((a) => !/^-[neE]+$/.test(a.literal ?? ''));
    if (words.length === 0) return;
    const scope: Scope = {
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
      outputs.set(setOutput[1]!, { raw: setOutput[2]!, span, scope });
      return;
    }
    const target = redirectTarget(command);
    if (target === undefined) return;
    const pair = /^["']?([A-Za-z_][\w-]*)=(.*)$/s.exec(raw);
    if (!pair) return;
    (target === 'GITHUB_ENV' ? env : outputs).set(pair[1]!, { raw: pair[2]!, span, scope });
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
