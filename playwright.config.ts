import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from './tests/chromium';

/**
 * End-to-end tests (tests/e2e, see its README.md). Debian's Chromium only (tests/chromium.ts),
 * never a Playwright-downloaded browser.
 * - web:      drives the browser edition in headless Chromium, with the app's clock started at a
 *             fixed instant (tests/e2e/clock.ts; E2E_CLOCK moves it).
 * - electron: the same specs and page objects through `_electron.launch`; they skip, saying why,
 *             where no Electron binary exists.
 */
const TEST_DIR = 'tests/e2e';
// Several checkouts of the repository may run their suites side by side: E2E_PORT keeps them apart.
const PORT = Number(process.env.E2E_PORT ?? 4173);

// Said once (the config is loaded by the runner and by every worker), so the skipped electron
// tests carry their reason in the log (tests/e2e/fixtures.ts).
if (!process.env.TEST_WORKER_INDEX && !existsSync('node_modules/electron/dist')) {
  console.log('electron project: every test is skipped because no Electron binary exists on this machine (see `npm start`).');
}

export default defineConfig({
  testDir: TEST_DIR,
  outputDir: 'test-results',
  // A whole walk through the screens on a shared 2-core machine: 30 s (the default) was met only
  // when the machine was otherwise idle.
  timeout: 60_000,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: { trace: 'retain-on-failure', baseURL: `http://127.0.0.1:${PORT}` },
  // The browser edition as built for use (the dev server's first-load dependency optimisation made
  // the first test flaky); its store host runs in a Web Worker of the page.
  webServer: {
    command: `npm run build:web && npx vite preview --config renderer/vite.config.ts --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
  },
  projects: [
    {
      name: 'web',
      use: {
        ...devices['Desktop Chrome'],
        headless: true,
        launchOptions: {
          ...chromiumLaunchOptions(),
          // The app's clock reaches the store worker by fulfilling its script from the test (tests/e2e/clock.ts).
          // A fulfilled script has no network address, so Chromium's Local Network Access counts the worker as
          // public and blocks its requests to head office on loopback (hq-sync.spec.ts); a served one is local.
          args: [...chromiumLaunchOptions().args, '--disable-features=LocalNetworkAccessChecks'],
        },
      },
    },
    {
      name: 'electron',
      // Specs launch the app with `_electron.launch`; should one ask for a browser, it is Debian's.
      use: { headless: true, launchOptions: chromiumLaunchOptions() },
    },
  ],
});
