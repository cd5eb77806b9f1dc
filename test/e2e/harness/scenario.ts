// Scenarios that need ecspresso are skipped, with the reason in their title, where there is none.
import { describe } from 'vitest';
import { findEcspresso, type Ecspresso } from './tools.js';

const lookup = findEcspresso();
export const ecspresso: Ecspresso | undefined = 'found' in lookup ? lookup.found : undefined;

export function describeWithEcspresso(title: string, body: () => void): void {
  if ('missing' in lookup) describe.skip(`${title} — skipped: ${lookup.missing}`, body);
  else describe(title, body);
}
