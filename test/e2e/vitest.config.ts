import { defineConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.js';

const shared = sharedTestConfig(import.meta.dirname);

export default defineConfig({
  test: {
    ...shared,
    include: ['*.test.ts', 'scenarios/*.test.ts'],
    // Scenarios run one after another: each starts its own emulator, registry and act runs, and
    // the parallel deploys inside one scenario are what the machine's cores are for.
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 120_000,
    // After the shared setup, which finds or installs moto.
    globalSetup: [...[shared?.globalSetup ?? []].flat(), 'harness/announce.ts'],
  },
});
