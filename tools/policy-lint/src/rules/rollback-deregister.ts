import { doppioWorkflow } from '../vocabulary/doppio.js';
import { ecspressoInvocation, flagText } from '../vocabulary/ecspresso.js';
import { allJobs } from '../project/project.js';
import { replaceExact, textOf } from '../model/edits.js';
import type { TextEdit } from '../model/types.js';
import { defineRule } from './rule.js';

const FLAG = '--deregister-task-definition';

/** An edit as a fix, when it could be made. */
const asFix = (edit: TextEdit | undefined): TextEdit[] | undefined => (edit ? [edit] : undefined);

export const rollbackDeregister = defineRule({
  meta: {
    id: 'rollback-deregister',
    defaultSeverity: 'error',
    description:
      'Every `ecspresso rollback` spells out `--deregister-task-definition` and waits; a repository that deploys with ecspresso has a rollback path (warn).',
    fixable: true,
    commands: ['ecspresso'],
    options: {
      'require-rollback-path': {
        type: 'boolean',
        default: true,
        description: 'Warn when the repository deploys with ecspresso but has no rollback path.',
      },
    },
    messages: {
      deregisterTurnedOff:
        'this rollback keeps the broken task definition registered{where}: remove `{flag}` and pass `--deregister-task-definition`, so the bad revision can never be rolled onto again',
      flagMissing:
        '`ecspresso rollback` without `--deregister-task-definition`{where}: spell the flag out (it is the default only since ecspresso v2), so the broken revision can never be rolled onto again',
      noWait:
        '`--no-wait` on a rollback{where}: nothing confirms the service came back, and the broken revision is deregistered only after the rollback completes; remove `--no-wait`',
      doppioInputOff:
        "doppio's rollback is called with `deregister-task-definition: false`: the broken task definition stays registered and can be rolled onto again; remove the input",
      noRollbackPath:
        "this repository deploys with ecspresso but has no rollback path: add a workflow that runs `ecspresso rollback --deregister-task-definition` (or calls doppio's rollback workflow)",
    },
  },
  check({ project, facts, options, report }) {
    let rollbacks = 0;
    for (const site of project.commandSites) {
      const invocation = ecspressoInvocation(site.command);
      if (invocation?.subcommand !== 'rollback') continue;
      rollbacks++;
      const where =
        site.via.length > 0
          ? ` (run by ${site.step ? `\`${site.step.job.workflow.file.path}\`` : 'a workflow'} through ${site.via.map((f) => `\`${f.path}\``).join(' → ')})`
          : '';
      const deregister = invocation.flags.filter(
        (f) =>
          f.name === 'deregister-task-definition' || f.name === 'no-deregister-task-definition',
      );
      const last = deregister[deregister.length - 1];
      const off =
        last &&
        (last.name === 'no-deregister-task-definition' ||
          /^(false|0)$/i.test(flagText(last) ?? ''));
      const noWait = invocation.flags.find((f) => f.name === 'no-wait');
      // ecspresso refuses --deregister-task-definition together with --no-wait, so with --no-wait
      // there is no fix: the person decides about waiting first (see the docs' "How to fix").
      const subcommand = invocation.subcommandWord;
      if (off) {
        const fix = noWait ? undefined : asFix(replaceExact(last.word.span, last.word.raw, FLAG));
        report({
          at: last.word.span,
          message: 'deregisterTurnedOff',
          data: { where, flag: last.word.raw },
          fix,
        });
      } else if (!last) {
        const fix =
          noWait || !subcommand
            ? undefined
            : asFix(
                textOf(subcommand.span) === subcommand.raw
                  ? { start: subcommand.span.end, end: subcommand.span.end, text: ` ${FLAG}` }
                  : undefined,
              );
        report({ at: site.command.span, message: 'flagMissing', data: { where }, fix });
      }
      if (noWait) {
        report({ at: noWait.word.span, message: 'noWait', data: { where } });
      }
    }
    for (const job of allJobs(project)) {
      if (doppioWorkflow(job.uses, project.config) !== 'rollback') continue;
      rollbacks++;
      const input = job.with.get('deregister-task-definition');
      if (input && /^(false|0)$/i.test(input.value.trim())) {
        // `true` is the input's default: the same as removing it, without touching other lines.
        const quoted = /^(['"]?)\s*(false|0)\s*\1$/i.exec(textOf(input.span));
        const fix = quoted
          ? [{ start: input.span.start, end: input.span.end, text: `${quoted[1]}true${quoted[1]}` }]
          : undefined;
        report({ at: input.span, message: 'doppioInputOff', fix });
      }
    }
    const requirePath = options['require-rollback-path'] !== false;
    if (requirePath && rollbacks === 0 && facts.deploys.length > 0) {
      const first = facts.deploys[0]!;
      const file = first.job.workflow.file;
      report({ at: { file, start: 0, end: 0 }, message: 'noRollbackPath', severity: 'warn' });
    }
  },
});
