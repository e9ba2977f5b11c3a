import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { chromiumLaunchOptions } from './tests/chromium';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'tests/unit/**/*.test.ts',
            'tests/store/**/*.test.ts',
            'tests/forms/**/*.test.ts',
            'tests/renderer/**/*.test.ts',
            'tests/hq/**/*.test.ts',
          ],
          setupFiles: ['tests/setup/node-indexeddb.ts'],
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/store/**/*.test.ts', 'tests/browser/**/*.test.ts'],
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: chromiumLaunchOptions() }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
