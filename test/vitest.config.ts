import { defineConfig } from 'vitest/config';
import { sharedTestConfig } from '../vitest.shared.js';

// Test the linter's sources, not a bundle that may be stale: the package's `doppio-source`
// export condition points at src/.
const conditions = ['doppio-source'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    ...sharedTestConfig(import.meta.dirname),
    include: ['**/*.test.ts'],
    exclude: ['fixtures/**', 'node_modules/**', 'e2e/**'],
    // Its JSON imports carry no import attribute: let vite transform it instead of Node.
    server: { deps: { inline: ['@actions/workflow-parser'] } },
  },
});
