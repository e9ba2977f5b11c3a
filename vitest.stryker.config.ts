import { defineConfig } from 'vitest/config';

/**
 * The Node tests alone, for Stryker (`npm run mutate`): its vitest runner cannot pick one project
 * of vitest.config.ts, and the browser project would start Chromium for every mutant.
 * The mutated code (shared/ domain, workflow, deadlines, ledger; electron/store) is covered by
 * tests/unit and tests/store; tests/forms only prints.
 */
export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/unit/**/*.test.ts', 'tests/store/**/*.test.ts'],
    exclude: [
      'tests/unit/main-*.test.ts',
      'tests/unit/builder-config.test.ts',
      'tests/unit/start-script.test.ts',
      'tests/unit/change-summary.test.ts',
    ],
    setupFiles: ['tests/setup/node-indexeddb.ts'],
    // Instrumented code runs several times slower: the read model's 300,000-row test needs more than 5 s.
    testTimeout: 60_000,
  },
});
