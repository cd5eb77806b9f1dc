import { defineConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.js';

export default defineConfig({
  test: {
    ...sharedTestConfig(import.meta.dirname),
    include: ['*.test.ts', 'scenarios/*.test.ts'],
    // Scenarios run one after another: each starts its own emulator, registry and act runs, and
    // the parallel deploys inside one scenario are what the machine's cores are for.
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 120_000,
    globalSetup: ['harness/announce.ts'],
  },
});
