// Says once, before any scenario, which ecspresso the suite runs, or why the scenarios that need one
// are skipped.
import { findEcspresso } from './tools.js';

export default function announce(): void {
  const lookup = findEcspresso();
  console.log(
    'found' in lookup
      ? `e2e: ecspresso ${lookup.found.version} (${lookup.found.path})`
      : `e2e: scenarios that need ecspresso are skipped: ${lookup.missing}`,
  );
}
