import fc from 'fast-check';
import { workflowRepo } from '/work/main/tools/policy-lint/test/support/arbitraries.ts';
import { scratch, removeRepo } from '/work/main/tools/policy-lint/test/support/repos.ts';
import { lint } from '/work/main/tools/policy-lint/src/engine/lint.ts';
import { contractViolations } from '/work/main/tools/policy-lint/test/support/report-contract.ts';
const box = scratch('prof');
let t = Date.now();
const samples = fc.sample(workflowRepo, { numRuns: 200, seed: 1 });
console.log('gen', Date.now() - t, 'ms');
const sizes = samples.map(s => Object.values(s).reduce((a, c) => a + c.length, 0));
console.log('avg size', sizes.reduce((a, b) => a + b, 0) / sizes.length, 'max', Math.max(...sizes));
let cv = 0;
const times: [number, number][] = [];
for (const files of samples) {
  const t0 = performance.now();
  const root = box.repo(files);
  const r = await lint({ paths: [root], cwd: root, actionlint: false }); const t1 = performance.now(); contractViolations(r, { root, actionlint: false, allFormats: true }); cv += performance.now() - t1;
  removeRepo(root);
  times.push([performance.now() - t0, Object.values(files).reduce((a, c) => a + c.length, 0)]);
}
times.sort((a, b) => b[0] - a[0]);
console.log('total', times.reduce((a, b) => a + b[0], 0), 'top', times.slice(0, 8));
console.log('cv', cv);
box.remove();
