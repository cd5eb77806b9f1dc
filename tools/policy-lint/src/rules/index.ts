// The registry: the one place that lists the rules.
import { awsOidc } from './aws-oidc.js';
import { deployConcurrency } from './deploy-concurrency.js';
import { ecspressoVersionPinned } from './ecspresso-version-pinned.js';
import { imageTagSha } from './image-tag-sha.js';
import { notifyAggregates } from './notify-aggregates.js';
import { parseError } from './parse-error.js';
import { pinnedActions } from './pinned-actions.js';
import { prodTrigger } from './prod-trigger.js';
import { riskyEcspressoFlags } from './risky-ecspresso-flags.js';
import { rollbackDeregister } from './rollback-deregister.js';
import type { DeclaredCommand } from '../project/script-interest.js';
import type { Rule } from './rule.js';
import { sharedFlowRef } from './shared-flow-ref.js';
import { singleImage } from './single-image.js';
import { unusedSuppression } from './unused-suppression.js';

export const RULES: readonly Rule[] = [
  imageTagSha,
  singleImage,
  rollbackDeregister,
  pinnedActions,
  sharedFlowRef,
  ecspressoVersionPinned,
  deployConcurrency,
  notifyAggregates,
  awsOidc,
  prodTrigger,
  riskyEcspressoFlags,
  parseError,
  unusedSuppression,
];

export const RULE_IDS: ReadonlySet<string> = new Set(RULES.map((r) => r.meta.id));

/** actionlint's findings: one rule id per actionlint kind. */
export const ACTIONLINT_RULE_ID = /^actionlint\/[a-z-]+$/;

/** A rule id a config, `--rule` or a suppression may name: a rule's, or an actionlint kind's. */
export function isRuleId(id: string): boolean {
  return RULE_IDS.has(id) || ACTIONLINT_RULE_ID.test(id);
}

/** Every shell command some rule reads: the loader parses only scripts that mention one. */
export const RULE_COMMANDS: readonly DeclaredCommand[] = RULES.flatMap(
  (r) => r.meta.commands ?? [],
);
