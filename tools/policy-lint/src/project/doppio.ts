// Recognises doppio's own reusable workflows and actions, wherever the repository lives:
// organisations fork and mirror it, so any repository named `doppio` counts, and so do the
// repositories the config lists under `shared-flow.repositories`.
import type { LintConfig } from '../config/config.js';
import type { UsesRef } from '../model/types.js';

export type DoppioWorkflow = 'build-push' | 'deploy-ecspresso' | 'rollback' | 'notify-conclusion';

export function isDoppioRepository(repository: string | undefined, config: LintConfig): boolean {
  if (!repository) return false;
  const name = repository.slice(repository.indexOf('/') + 1);
  return name.toLowerCase() === 'doppio' || config.sharedFlowRepositories.some((r) => r.toLowerCase() === repository.toLowerCase());
}

export function isDoppioRef(uses: UsesRef | undefined, config: LintConfig): boolean {
  return uses !== undefined && (uses.kind === 'action' || uses.kind === 'reusable-workflow') && isDoppioRepository(uses.repository, config);
}

/** Which of doppio's reusable workflows a job calls, if any. */
export function doppioWorkflow(uses: UsesRef | undefined, config: LintConfig): DoppioWorkflow | undefined {
  if (uses?.kind !== 'reusable-workflow' || !isDoppioRef(uses, config)) return undefined;
  const match = /^\.github\/workflows\/(build-push|deploy-ecspresso|rollback|notify-conclusion)\.ya?ml$/.exec(uses.path ?? '');
  return match?.[1] as DoppioWorkflow | undefined;
}

/** Which of doppio's actions a step uses (`actions/<name>`), if any. */
export function doppioAction(uses: UsesRef | undefined, config: LintConfig): string | undefined {
  if (uses?.kind !== 'action' || !isDoppioRef(uses, config)) return undefined;
  return /^actions\/([^/]+)$/.exec(uses.path ?? '')?.[1];
}

/** `owner/repo` of a remote action without its path, lower-cased: how actions are compared. */
export function actionId(uses: UsesRef | undefined): string | undefined {
  if (uses?.kind !== 'action' || !uses.repository) return undefined;
  return (uses.path ? `${uses.repository}/${uses.path}` : uses.repository).toLowerCase();
}
