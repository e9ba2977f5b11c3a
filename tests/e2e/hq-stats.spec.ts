import { writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { FastifyInstance } from 'fastify';
import { openPglite } from '../../hq/db/pglite';
import type { Db } from '../../hq/db/types';
import { enrolBranch } from '../../hq/enrol';
import { migrate } from '../../hq/migrate';
import { buildServer } from '../../hq/server';
import { addUser } from '../../hq/staff/users';
import { exportOf } from '../unit/export/fixtures';
import { BRANCH, buildCase, Clock } from '../hq/fixtures';
import { PASSWORD, withRecord } from '../hq/web-fixtures';
import { seriousViolations } from './pages/axe';

/**
 * The import and statistics pages in real Chromium against a real head office (hq/ on PGlite):
 * sign in, upload an export file, see it imported, then the counts and charts; axe-core on each.
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

test('staff upload an export file, see it imported, and see the counts and charts, in Chinese and English', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const clock = new Clock();
  db = await openPglite();
  await migrate(db);
  hq = buildServer({ db, now: clock.now });
  await hq.listen({ port: 0, host: '127.0.0.1' });
  const hqUrl = `http://127.0.0.1:${(hq.server.address() as { port: number }).port}`;
  const { enrolment } = await enrolBranch(db, { branch: BRANCH, name: '北京朝阳一店', hqUrl }, clock.now());
  await addUser(db, { id: 'zhang.min', name: '张敏', role: 'staff', password: PASSWORD }, clock.now());
  const at = (d: string) => Date.parse(`${d}T10:00:00+08:00`);
  const cases = [
    withRecord(buildCase(), { receivedAt: at('2026-10-12'), channel: 'walk_in', category: 'appraisal', severity: 'major' }),
    withRecord(buildCase(), { receivedAt: at('2026-11-03'), channel: 'phone', category: 'fees_interest', severity: 'general' }),
    withRecord(buildCase(), { receivedAt: at('2026-11-20'), channel: 'walk_in', category: 'appraisal', severity: 'general' }),
  ];
  const file = testInfo.outputPath('BJ01-2026-11.zip');
  writeFileSync(file, (await exportOf(cases, { secret: enrolment.secret })).bytes);

  await page.goto(`${hqUrl}/import`);
  await page.getByLabel('用户名').fill('zhang.min');
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('heading', { name: '导入', level: 1 })).toBeVisible();
  await page.getByLabel('导出文件').setInputFiles(file);
  await page.getByRole('button', { name: '上传并导入' }).click();
  await expect(page.getByRole('status')).toContainText('共 3 件，新收 3 件，已有 0 件，退回 0 件');
  await expect(page.getByRole('table', { name: '文件中的投诉' }).getByRole('row')).toHaveCount(4);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('hq-import-zh-CN.png'), fullPage: true });

  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '统计' }).click();
  await expect(page.getByRole('heading', { name: '统计', level: 1 })).toBeVisible();
  await expect(page.getByRole('img', { name: /按渠道统计的件数：上门 2 件；电话 1 件/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /按月份统计的件数：2026-10 1 件；2026-11 2 件/ })).toBeVisible();
  await expect(page.getByRole('table', { name: '按网点统计' }).getByRole('row', { name: /北京朝阳一店/ })).toContainText('3');
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('hq-stats-zh-CN.png'), fullPage: true });

  await page.getByRole('combobox', { name: '渠道' }).selectOption('walk_in');
  await page.getByRole('button', { name: '统计', exact: true }).click();
  await expect(page.getByRole('img', { name: /按渠道统计的件数：上门 2 件$/ })).toBeVisible();

  await page.getByRole('navigation', { name: '界面语言' }).getByRole('link', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Statistics', level: 1 })).toBeVisible();
  await expect(page.getByRole('img', { name: /Cases by Category: Appraisal 2; Fees and interest 1/ })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('hq-stats-en.png'), fullPage: true });

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import' }).click();
  await page.getByLabel('Export file').setInputFiles(file);
  await page.getByRole('button', { name: 'Upload and import' }).click();
  await expect(page.getByRole('status')).toContainText('was imported on');
  await page.screenshot({ path: testInfo.outputPath('hq-import-en.png'), fullPage: true });
});
