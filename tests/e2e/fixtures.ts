import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron, test as base, type Page } from '@playwright/test';
// scripts/start.mjs finds the binary the way `npm start` does (and says where it looked).
import { findElectronBinary } from '../../scripts/start.mjs';
import { e2eClockStart, installAppClock } from './clock';

export { expect } from '@playwright/test';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * One set of specs, two projects. `web`: the browser edition served by the config's webServer.
 * `electron`: the desktop app launched with `_electron.launch` (a fresh user-data folder per test,
 * like a fresh browser context), its first window standing in for `page`; where no Electron binary
 * exists every test is skipped with the reason.
 *
 * Time: in `web` the app's clock starts at one instant (tests/e2e/clock.ts; `E2E_CLOCK` moves it),
 * in the page and in the store's Web Worker alike. In `electron` the store runs in main's hidden
 * window, which has started (and taken its clock) before a test can reach it: there the app runs
 * on the machine's clock, and times are read from the app (`appNow`), never from the test process.
 */
export const test = base.extend<{ openApp: () => Promise<void> }, { electronBuilt: string | null }>({
  electronBuilt: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
    async ({}, use, workerInfo) => {
      if (workerInfo.project.name !== 'electron') return use(null);
      const found = findElectronBinary();
      if ('missing' in found) return use(null);
      // main, the preloads, the store window and the screens, into out/ (as `npm start` does).
      execFileSync(process.execPath, [join(ROOT, 'scripts/start.mjs'), '--build-only'], { cwd: ROOT, stdio: 'inherit' });
      await use(found.path);
    },
    { scope: 'worker' },
  ],
  page: async ({ page, electronBuilt }, use, testInfo) => {
    if (testInfo.project.name !== 'electron') {
      const checkWorkerClock = await installAppClock(page, e2eClockStart());
      await use(page);
      if (testInfo.status === 'passed') checkWorkerClock();
      return;
    }
    testInfo.skip(!electronBuilt, 'no Electron binary on this machine (see `npm start`): the electron project runs where one exists');
    const userData = mkdtempSync(join(tmpdir(), 'countersign-e2e-'));
    const app = await _electron.launch({ executablePath: electronBuilt!, args: [ROOT, `--user-data-dir=${userData}`], cwd: ROOT });
    try {
      await use(await app.firstWindow());
    } finally {
      await app.close();
      rmSync(userData, { recursive: true, force: true });
    }
  },
  /** Opens Countersign: the browser edition's start page, or the desktop window once it has loaded. */
  openApp: async ({ page }, use, testInfo) => {
    await use(async () => {
      if (testInfo.project.name === 'electron') await page.waitForLoadState('domcontentloaded');
      else await page.goto('/');
    });
  },
});

export type { Page };
