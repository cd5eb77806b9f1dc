import { defineConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.js';

// Test against the linter's sources, not a build of them that may be stale: the package's
// `doppio-source` export condition points at src/.
const conditions = ['doppio-source'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: { ...sharedTestConfig(import.meta.dirname), include: ['test/**/*.test.ts'] },
});
