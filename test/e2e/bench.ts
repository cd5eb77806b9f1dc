// Prints the wall time of doppio's deploy stage under act: three services deployed in parallel (one
// matrix job of deploy-ecspresso), against one service alone, on this machine. A figure, never an
// assertion. Needs an ecspresso binary (ECSPRESSO_BIN); says so and prints nothing else without one.
import { findEcspresso } from './harness/tools.js';
import { World } from './harness/world.js';

const lookup = findEcspresso();
const ecspresso = 'found' in lookup ? lookup.found : undefined;
if (!ecspresso) {
  console.log(`e2e bench skipped: ${'missing' in lookup ? lookup.missing : ''}`);
  process.exit(0);
}

/** From the first line any deploy leg logged to the last. */
async function deployStage(services: string[]): Promise<number> {
  const world = await World.start({ ecspresso, services, environments: ['staging'] });
  try {
    const run = await world.run('staging.yml');
    if (run.needs['deploy']?.result !== 'success')
      throw new Error(`the deploy failed:\n${run.log.slice(-3000)}`);
    const legs = [...run.timings]
      .filter(([job]) => /^deploy(-\d+)?\//.test(job))
      .map(([, timing]) => timing);
    return (Math.max(...legs.map((t) => t.end)) - Math.min(...legs.map((t) => t.start))) / 1000;
  } finally {
    await world.stop();
  }
}

const one = await deployStage(['web']);
const three = await deployStage(['web', 'worker', 'api']);
console.log(
  `e2e deploy stage under act (ecspresso ${ecspresso.version}, ${process.env['DOPPIO_BENCH_NOTE'] ?? 'this machine'}):`,
);
console.log(`  one service:               ${one.toFixed(1)} s`);
console.log(
  `  three services in parallel: ${three.toFixed(1)} s (${(three / one).toFixed(2)}× one)`,
);
