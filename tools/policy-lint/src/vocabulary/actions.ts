import type { UsesRef } from '../model/types.js';

/** `owner/repo[/path]` of a remote action (without its ref), lower-cased: how actions are compared. */
export function actionId(uses: UsesRef | undefined): string | undefined {
  if (uses?.kind !== 'action' || !uses.repository) return undefined;
  return (uses.path ? `${uses.repository}/${uses.path}` : uses.repository).toLowerCase();
}
