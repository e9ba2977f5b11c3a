import { writeFileSync } from 'node:fs';
import { expect } from '@playwright/test';
import { exportOf } from '../unit/export/fixtures';
import { BRANCH, buildCase, Clock } from '../hq/fixtures';
import { withRecord } from '../hq/web-fixtures';
import { seriousViolations } from './pages/axe';
import { hqPageTest as test, signIn } from './pages/hq';

/**
 * The import and statistics pages in real Chromium against a real head office (hq/ on PGlite):
 * sign in, upload an export file, see it imported, then the counts and charts; axe-core on each.
 */
test('staff upload an export file, see it imported, and see the counts and charts, in Chinese and English', async ({
  page,
  openHeadOffice,
}, testInfo) => {
  test.setTimeout(120_000);
  const clock = new Clock();
  const hq = await openHeadOffice(clock.now);
  const hqUrl = await hq.listen();
  const { enrolment } = await hq.enrol({ branch: BRANCH, name: '北京朝阳一店', hqUrl });
  await hq.addUser({ id: 'zhang.min', name: '张敏', role: 'staff' });
  const at = (d: string) => Date.parse(`${d}T10:00:00+08:00`);
  const cases = [
    withRecord(buildCase(), { receivedAt: at('2026-10-12'), channel: 'walk_in', category: 'appraisal', severity: 'major' }),
    withRecord(buildCase(), { receivedAt: at('2026-11-03'), channel: 'phone', category: 'fees_interest', severity: 'general' }),
    withRecord(buildCase(), { receivedAt: at('2026-11-20'), channel: 'walk_in', category: 'appraisal', severity: 'general' }),
  ];
  const file = testInfo.outputPath('BJ01-2026-11.zip');
  writeFileSync(file, (await exportOf(cases, { secret: enrolment.secret })).bytes);

  await page.goto(`${hqUrl}/import`);
  await signIn(page, 'zhang.min');
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
  // The language link keeps the page's query: still walk-ins only (both appraisals).
  await expect(page.getByRole('combobox', { name: 'Channel' })).toHaveValue('walk_in');
  await expect(page.getByRole('img', { name: /Cases by Category: Appraisal 2$/ })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('hq-stats-en.png'), fullPage: true });

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import' }).click();
  await page.getByLabel('Export file').setInputFiles(file);
  await page.getByRole('button', { name: 'Upload and import' }).click();
  await expect(page.getByRole('status')).toContainText('was imported on');
  await page.screenshot({ path: testInfo.outputPath('hq-import-en.png'), fullPage: true });
});
