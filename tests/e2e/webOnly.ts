import { test as base } from '@playwright/test';

export { expect } from '@playwright/test';

/**
 * The specs drive the browser edition. The electron project shares them (and the page objects)
 * once an Electron binary exists; until then each of its tests is skipped with the reason.
 */
export const test = base.extend<{ webOnly: void }>({
  webOnly: [
    async ({ page: _page }, use, testInfo) => {
      testInfo.skip(testInfo.project.name === 'electron', 'no Electron binary on this machine (see `npm start`): the electron project runs where one exists');
      await use();
    },
    { auto: true },
  ],
});
