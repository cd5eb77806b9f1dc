import fc from 'fast-check';
import { workflowRepo } from '../test/support/arbitraries.ts';
import { scratch } from '../test/support/repos.ts';
import { contractViolations } from '../test/support/report-contract.ts';
import { lint } from '../src/engine/lint.ts';
const box = scratch('prof'); const ws = box.workspace();
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
let t = cpu();
const samples = fc.sample(workflowRepo, { numRuns: 500, seed: 2 });
const gen = cpu() - t;
let w = 0, l = 0, c = 0;
for (const files of samples) {
  let t0 = cpu(); const root = ws.write(files); w += cpu() - t0;
  t0 = cpu(); const rep = await lint({ paths: [root], cwd: root, actionlint: false }); l += cpu() - t0;
  t0 = cpu(); contractViolations(rep, { root, actionlint: false }); c += cpu() - t0;
}
console.log({ gen, w, l, c });
box.remove();
