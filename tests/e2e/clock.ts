import type { Page } from '@playwright/test';

/**
 * The e2e suite does not depend on the wall clock. In the browser edition every test starts the
 * app's clock at one instant, China time, for the page and for the store host in its Web Worker
 * alike, and time flows from there at the real rate. `E2E_CLOCK` (anything `Date.parse` reads, e.g.
 * `2026-12-31T23:59:00+08:00`) moves that instant: that is how the suite is run at 23:59 on the
 * last day of a month or a year, so that tests cross midnight while they run.
 */
export const DEFAULT_E2E_CLOCK = '2026-11-23T09:15:00+08:00';

export function e2eClockStart(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.E2E_CLOCK?.trim() || DEFAULT_E2E_CLOCK;
  const at = Date.parse(text);
  if (Number.isNaN(at)) throw new Error(`E2E_CLOCK=${text} is not a date Date.parse reads (e.g. 2026-12-31T23:59:00+08:00)`);
  return at;
}

/**
 * "Now" on the app's clock as the test process reads it: e2eClockStart() at this call, flowing at
 * the real rate. A head office the branch reaches keeps it, or it would refuse the branch's
 * timestamps as a clock days off.
 */
export function appClockFromNow(): () => number {
  const offset = e2eClockStart() - Date.now();
  return () => Date.now() + offset;
}

/** The browser edition's store host: the Web Worker script Vite builds from electron/store/worker.ts. */
const STORE_WORKER_SCRIPT = /\/assets\/worker[-.][^/]*\.js(?:\?.*)?$/;

/**
 * Run first in the store worker (Playwright's `page.clock` reaches no worker): `Date.now()` and
 * `new Date()` run `offset` ms from the real clock, as the page's clock does once
 * `page.clock.install` has run (Playwright keeps it flowing at the real rate from the moment of the
 * install, across reloads). The host reads "now" through `Date.now` (createStoreHost's `now`
 * option defaults to it).
 */
function workerClockPrelude(offset: number): string {
  return `;(() => {
  const RealDate = Date;
  const now = () => RealDate.now() + ${offset};
  class E2EDate extends RealDate {
    constructor(...args) { if (args.length === 0) super(now()); else super(...args); }
    static now() { return now(); }
  }
  globalThis.Date = E2EDate;
})();
`;
}

/**
 * Starts the app's clock at `start` in the page and in the store worker. Returns a check that the
 * worker script was seen: should the build rename it, the test fails saying so instead of running
 * the store on the wall clock.
 */
export async function installAppClock(page: Page, start: number): Promise<() => void> {
  let workerSeen = false;
  // Taken before the install, so the worker is never behind the page (a time the page sends is never in the store's future).
  const offset = start - Date.now();
  await page.route(STORE_WORKER_SCRIPT, async (route) => {
    const response = await route.fetch();
    workerSeen = true;
    await route.fulfill({ response, body: workerClockPrelude(offset) + (await response.text()) });
  });
  await page.clock.install({ time: start });
  return () => {
    if (!workerSeen)
      throw new Error(`the store worker script (${STORE_WORKER_SCRIPT}) was never loaded, so its clock was not set (tests/e2e/clock.ts)`);
  };
}

/** "Now" as the app sees it. */
export const appNow = (page: Page): Promise<number> => page.evaluate(() => Date.now());
