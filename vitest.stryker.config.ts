import { defineConfig } from 'vitest/config';

/**
 * The Node tests alone, for Stryker (`npm run mutate`): its vitest runner cannot pick one project
 * of vitest.config.ts, and the browser project would start Chromium for every mutant.
 * The mutated code (shared/ domain, workflow, deadlines, ledger; electron/store) is covered by
 * tests/unit and tests/store. Left out: tests/forms (printing), and the main-process, packaging,
 * start-script, preflight, import-check and screen tests (code neither mutated nor copied into
 * Stryker's sandbox).
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
      'tests/unit/preflight.test.ts',
      'tests/unit/declared-imports.test.ts',
      // Scale, not behaviour: 300,000 rows for every read-model mutant; read-model.property covers the rules.
      'tests/unit/read-model-large.test.ts',
    ],
    setupFiles: ['tests/setup/node-indexeddb.ts'],
    // Instrumented code runs several times slower: the read model's 300,000-row test needs more than 5 s.
    testTimeout: 60_000,
  },
});
