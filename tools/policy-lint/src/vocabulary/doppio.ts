// Recognises doppio's own reusable workflows and actions, wherever the repository lives:
// organisations fork and mirror it, so any repository named `doppio` counts, and so do the
// repositories the config lists under `shared-flow.repositories`.
import type { UsesRef } from '../model/types.js';

/** Where doppio's flow may live besides a repository named `doppio` (the config's `shared-flow`). */
export interface SharedFlow {
  readonly sharedFlowRepositories: readonly string[];
}

export type DoppioWorkflow = 'build-push' | 'deploy-ecspresso' | 'rollback' | 'notify-conclusion';

export function isDoppioRepository(repository: string | undefined, config: SharedFlow): boolean {
  if (!repository) return false;
  const name = repository.slice(repository.indexOf('/') + 1);
  return (
    name.toLowerCase() === 'doppio' ||
    config.sharedFlowRepositories.some((r) => r.toLowerCase() === repository.toLowerCase())
  );
}

export function isDoppioRef(uses: UsesRef | undefined, config: SharedFlow): boolean {
  return (
    uses !== undefined &&
    (uses.kind === 'action' || uses.kind === 'reusable-workflow') &&
    isDoppioRepository(uses.repository, config)
  );
}

/** Which of doppio's reusable workflows a job calls, if any. */
export function doppioWorkflow(
  uses: UsesRef | undefined,
  config: SharedFlow,
): DoppioWorkflow | undefined {
  if (uses?.kind !== 'reusable-workflow' || !isDoppioRef(uses, config)) return undefined;
  const match =
    /^\.github\/workflows\/(build-push|deploy-ecspresso|rollback|notify-conclusion)\.ya?ml$/.exec(
      uses.path ?? '',
    );
  return match?.[1] as DoppioWorkflow | undefined;
}

/** Which of doppio's actions a step uses (`actions/<name>`), if any. */
export function doppioAction(uses: UsesRef | undefined, config: SharedFlow): string | undefined {
  if (uses?.kind !== 'action' || !isDoppioRef(uses, config)) return undefined;
  return /^actions\/([^/]+)$/.exec(uses.path ?? '')?.[1];
}
