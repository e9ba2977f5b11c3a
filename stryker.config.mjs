// @ts-check
/**
 * Mutation testing (`npm run mutate`, not part of `npm test`): the Node tests against mutants of
 * the domain rules and the store. Incremental: results for code and tests unchanged since the
 * last run are reused from reports/stryker-incremental.json (committed, so a rerun on any machine
 * only tests what changed). Figures and survivors: docs/quality.md.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.stryker.config.ts' },
  mutate: [
    'shared/workflow/**/*.ts',
    'shared/deadlines/**/*.ts',
    'shared/ledger/**/*.ts',
    'shared/domain/**/*.ts',
    'electron/store/**/*.ts',
    // Entry points that only wire a window or a worker to the host: nothing to test in Node.
    '!electron/store/window.ts',
    '!electron/store/worker.ts',
  ],
  coverageAnalysis: 'perTest',
  // Static mutants (module-level data: policies, command definitions) would re-run every test
  // each; they are reported as ignored and not counted in the score.
  ignoreStatic: true,
  // The instrumented first run of all Node tests takes minutes on a busy two-core machine.
  dryRunTimeoutMinutes: 30,
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  // The machine is shared: two test processes at most.
  concurrency: 2,
  timeoutMS: 20000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  // Only what the Node tests need is copied into the sandbox: other sessions write, move and
  // delete files elsewhere in the tree while a run copies it.
  ignorePatterns: [
    '/*',
    '!/shared',
    '!/electron',
    '/electron/*',
    '!/electron/store',
    '!/tests',
    '/tests/*',
    '!/tests/unit',
    '!/tests/store',
    '!/tests/setup',
    '!/tests/bench',
    '/tests/bench/*',
    '!/tests/bench/generate.ts',
    '!/package.json',
    '!/tsconfig.json',
    '!/vitest.stryker.config.ts',
  ],
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
