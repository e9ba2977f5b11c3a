import { expect, test } from '@playwright/test';
import type { FastifyInstance } from 'fastify';
import { calendarsSince } from '../../hq/calendar';
import { openPglite } from '../../hq/db/pglite';
import type { Db } from '../../hq/db/types';
import { migrate } from '../../hq/migrate';
import { buildServer } from '../../hq/server';
import { addUser } from '../../hq/staff/users';
import { Clock } from '../hq/fixtures';
import { PASSWORD } from '../hq/web-fixtures';
import { seriousViolations } from './pages/axe';

/**
 * Head office publishes the general profile's deadline policy on the HQ page in real Chromium against
 * a real head office (PGlite, loopback): a bad time named and kept, then published; axe-core; zh-CN
 * and en screenshots to look at.
 */
// eslint-disable-next-line no-empty-pattern -- Playwright reads a hook's fixtures from this pattern
test.beforeEach(({}, testInfo) => {
  testInfo.skip(testInfo.project.name !== 'web', 'the HQ page is a web page: it runs once, in Chromium (the web project)');
});

test.use({ locale: 'zh-CN' });

let db: Db;
let hq: FastifyInstance;

test.afterEach(async () => {
  await hq?.close();
  await db?.close();
});

test("an administrator publishes a business type's deadline policy on the HQ page; in Chinese and English, accessible", async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const clock = new Clock();
  db = await openPglite();
  await migrate(db);
  hq = buildServer({ db, now: clock.now });
  await hq.listen({ port: 0, host: '127.0.0.1' });
  const hqUrl = `http://127.0.0.1:${(hq.server.address() as { port: number }).port}`;
  await addUser(db, { id: 'zhang.min', name: '张敏', role: 'admin', password: PASSWORD }, clock.now());

  await page.goto(`${hqUrl}/sign-in`);
  await page.getByLabel('用户名').fill('zhang.min');
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '时限规定' }).click();
  await expect(page.getByRole('heading', { name: '各业务类型的时限规定', level: 1 })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByLabel('处理完毕：时长').first().fill('0');
  await page.getByRole('button', { name: '发布通用的时限规定' }).click();
  await expect(page.getByRole('alert')).toContainText('处理完毕：');
  await expect(page.getByLabel('处理完毕：时长').first()).toHaveValue('0');
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('hq-policies-refused-zh-CN.png'), fullPage: true });

  await page.getByLabel('处理完毕：时长').first().fill('5');
  await page.getByRole('button', { name: '发布通用的时限规定' }).click();
  await expect(page.getByRole('status')).toContainText('已发布通用的时限规定');
  const answer = await calendarsSince(db, 0, clock.now());
  expect(answer.policies!.map((p) => [p.profile, p.policy.clocks.find((c) => c.id === 'resolve')!.amount])).toEqual([['general', 5]]);

  await page.goto(`${hqUrl}/policies?lang=en`);
  await expect(page.getByRole('heading', { name: 'Deadline policies by business type', level: 1 })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('hq-policies-en.png'), fullPage: true });
});
