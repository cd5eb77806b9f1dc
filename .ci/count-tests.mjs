// The closing line of .ci/run, `N passed, N failed`, summed from the vitest JSON reports in `dir`
// (see vitest.shared.ts), and checked against what vitest itself printed in `log`: every vitest run
// ends with a `Tests  … (total)` line, and the reports must hold exactly as many runs and tests.
// A report that is missing or overwritten would drop a package's tests from the count; then this
// fails, saying so. Checks run outside vitest (the workflow linters) are added as passed/failed.
// Skipped tests are listed with their names, grouped by the reason a scenario's title gives after
// ` — skipped: `, never counted as passed.
// Usage: node .ci/count-tests.mjs <report-dir> <exit-status> <log> [<other passed> <other failed>]
import { readdirSync, readFileSync } from 'node:fs';

const [dir, status, log, otherPassed = '0', otherFailed = '0'] = process.argv.slice(2);
const reports = readdirSync(dir).filter((name) => name.endsWith('.json'));
let passed = 0;
let failed = 0;
let total = 0;
/** @type {Map<string, string[]>} reason → names of the tests skipped for it */
const skipped = new Map();
for (const name of reports) {
  const report = JSON.parse(readFileSync(`${dir}/${name}`, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests + (report.numRuntimeErrors ?? 0);
  total += report.numTotalTests;
  for (const file of report.testResults) {
    for (const test of file.assertionResults)
      if (test.status === 'skipped' || test.status === 'pending') addSkipped(test);
  }
}
const skippedCount = [...skipped.values()].reduce((sum, names) => sum + names.length, 0);
if (skippedCount > 0) {
  console.log(`skipped, not counted (${skippedCount}):`);
  for (const [reason, names] of skipped) {
    console.log(`  ${reason}:`);
    for (const name of names) console.log(`    - ${name}`);
  }
}

function addSkipped(test) {
  let reason = 'no reason in the title (see the test)';
  const titles = [...test.ancestorTitles, test.title].map((title) => {
    const [name, why] = title.split(' — skipped: ');
    if (why !== undefined) reason = why;
    return name;
  });
  skipped.set(reason, [...(skipped.get(reason) ?? []), titles.join(' › ')]);
}

// vitest's summary line, e.g. ` Tests  194 passed | 1 skipped (195)`, colours removed.
const printed = readFileSync(log, 'utf8')
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes start with ESC.
  .replace(/\u001b\[[0-9;]*m/g, '')
  .split('\n')
  .map((line) => /^\s*Tests\s+(.*)\((\d+)\)\s*$/.exec(line))
  .filter((match) => match !== null)
  .map((match) => ({
    total: Number(match[2]),
    passed: Number(/(\d+) passed/.exec(match[1])?.[1] ?? 0),
  }));
const printedTotal = printed.reduce((sum, run) => sum + run.total, 0);
const printedPassed = printed.reduce((sum, run) => sum + run.passed, 0);
const problems = [];
if (printed.length !== reports.length)
  problems.push(`vitest ran ${printed.length} times but left ${reports.length} JSON reports`);
if (printedTotal !== total || printedPassed !== passed)
  problems.push(
    `vitest printed ${printedPassed} passed of ${printedTotal} tests, the reports hold ${passed} passed of ${total}`,
  );
for (const problem of problems)
  console.error(
    `count-tests: ${problem}: a report is missing, extra or overwritten (see vitest.shared.ts)`,
  );

// A failure outside the test files (type-check, a suite that did not load, a miscount) still counts.
if ((status !== '0' || problems.length > 0) && failed === 0 && otherFailed === '0') failed = 1;
console.log(`${passed + Number(otherPassed)} passed, ${failed + Number(otherFailed)} failed`);
process.exitCode = problems.length > 0 ? 1 : 0;
