// The registry: the one place that lists the rules.
import { ecspressoVersionPinned } from './ecspresso-version-pinned.js';
import { imageTagSha } from './image-tag-sha.js';
import { parseError } from './parse-error.js';
import { pinnedActions } from './pinned-actions.js';
import { rollbackDeregister } from './rollback-deregister.js';
import type { Rule } from './rule.js';
import { sharedFlowRef } from './shared-flow-ref.js';
import { singleImage } from './single-image.js';
import { unusedSuppression } from './unused-suppression.js';

export const RULES: readonly Rule[] = [imageTagSha, singleImage, rollbackDeregister, pinnedActions, sharedFlowRef, ecspressoVersionPinned, parseError, unusedSuppression];

export const RULE_IDS: ReadonlySet<string> = new Set(RULES.map((r) => r.meta.id));
