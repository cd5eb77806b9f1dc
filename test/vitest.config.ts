import { defineConfig } from 'vitest/config';
import { sharedTestConfig } from '../vitest.shared.js';

export default defineConfig({
  // Test the linter's sources, not a bundle that may be stale.
  resolve: { conditions: ['doppio-source'] },
  test: { ...sharedTestConfig(import.meta.dirname), include: ['**/*.test.ts'], exclude: ['fixtures/**', 'node_modules/**'] },
});
