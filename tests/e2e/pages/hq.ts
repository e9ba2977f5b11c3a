import type { AddressInfo } from 'node:net';
import { test as base, type Fixtures, type Page } from '@playwright/test';
import type { FastifyInstance } from 'fastify';
import { openPglite } from '../../../hq/db/pglite';
import type { Db } from '../../../hq/db/types';
import { enrolBranch, type EnrolRequest, type EnrolResult } from '../../../hq/enrol';
import { migrate } from '../../../hq/migrate';
import { buildServer } from '../../../hq/server';
import { addUser, type UserRole } from '../../../hq/staff/users';
import { PASSWORD } from '../../hq/web-fixtures';

/** A real head office for a spec (hq/ on PGlite, on loopback) and the HQ page's sign-in (zh-CN). */

/** Head office: a fresh PGlite database, migrated, on the clock `now`; its real server once it listens. */
export class HeadOffice {
  private server: FastifyInstance | null = null;

  private constructor(
    readonly db: Db,
    private readonly now: () => number,
  ) {}

  static async open(now: () => number): Promise<HeadOffice> {
    const db = await openPglite();
    await migrate(db);
    return new HeadOffice(db, now);
  }

  /**
   * Starts the real server (buildServer) on 127.0.0.1: at `url`, a loopback address reserved
   * beforehand (closedLoopbackUrl), or on a port the system hands out. Returns its address.
   */
  async listen(url?: string): Promise<string> {
    this.server = buildServer({ db: this.db, now: this.now });
    await this.server.listen({ port: url ? Number(new URL(url).port) : 0, host: '127.0.0.1' });
    return `http://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  /** Enrols a branch, as `npm run hq -- enrol` does. */
  enrol(branch: EnrolRequest): Promise<EnrolResult> {
    return enrolBranch(this.db, branch, this.now());
  }

  /** Adds a head-office user who signs in with the tests' PASSWORD. */
  async addUser(user: { id: string; name: string; role: UserRole }): Promise<void> {
    await addUser(this.db, { ...user, password: PASSWORD }, this.now());
  }

  async close(): Promise<void> {
    await this.server?.close();
    await this.db.close();
  }
}

export interface HeadOfficeFixtures {
  /** Opens a head office on the clock `now`; each one opened is closed after the test, whatever its outcome. */
  openHeadOffice: (now: () => number) => Promise<HeadOffice>;
}

/** `openHeadOffice`, for a spec's `test.extend` (the branch's specs extend tests/e2e/fixtures.ts's `test`). */
export const headOfficeFixtures: Fixtures<HeadOfficeFixtures> = {
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
  openHeadOffice: async ({}, use) => {
    const opened: HeadOffice[] = [];
    await use(async (now) => {
      const office = await HeadOffice.open(now);
      opened.push(office);
      return office;
    });
    for (const office of opened) await office.close();
  },
};

/**
 * The `test` of the HQ page's specs: `openHeadOffice`, in the web project only (the HQ page is a
 * web page: it runs once, in Chromium). No app clock: the page is head office's, on its own clock.
 */
export const hqPageTest = base.extend<HeadOfficeFixtures & { webOnly: void }>({
  ...headOfficeFixtures,
  // The browser asks for Chinese (Accept-Language), as at head office: the page follows it.
  locale: 'zh-CN',
  webOnly: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
    async ({}, use, testInfo) => {
      testInfo.skip(testInfo.project.name !== 'web', 'the HQ page is a web page: it runs once, in Chromium (the web project)');
      await use();
    },
    { auto: true },
  ],
});

/** Signs in on the HQ page's sign-in form (where it sends anyone not signed in) as `userId`, with the tests' PASSWORD. */
export async function signIn(page: Page, userId: string): Promise<void> {
  await page.getByLabel('用户名').fill(userId);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
}
