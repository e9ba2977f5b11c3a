import { readFileSync } from 'node:fs';
import { expect } from '@playwright/test';
import { calendarsSince } from '../../hq/calendar';
import { publishPolicy } from '../../hq/policies';
import { calendarFileSchema, DEFAULT_DEADLINE_POLICIES } from '../../shared/deadlines';
import { Clock } from '../hq/fixtures';
import { seriousViolations } from './pages/axe';
import { hqPageTest as test, signIn } from './pages/hq';

/**
 * Head office publishes the 2027 calendar on the HQ page in real Chromium against a real head office
 * (hq/ on PGlite, on loopback): a mistyped line named and kept, then published; the year's days, its
 * file, the list; axe-core on each; screenshots in zh-CN and en to look at.
 */
const LINES_2027 = [
  '2027-01-01 休 元旦',
  '2027-02-06 休 春节',
  '2027-02-07 班 春节调休',
  '2027-02-08 休 春节',
  '2027-02-09 休 春节',
  '2027-02-10 休 春节',
  '2027-02-11 休 春节',
  '2027-02-12 休 春节',
  '2027-02-20 班 春节调休',
  '2027-10-01 休 国庆节',
];

test('an administrator publishes the 2027 calendar on the HQ page; its file downloads; in Chinese and English, accessible', async ({
  page,
  openHeadOffice,
}, testInfo) => {
  test.setTimeout(120_000);
  const clock = new Clock();
  const hq = await openHeadOffice(clock.now);
  const hqUrl = await hq.listen();
  await hq.addUser({ id: 'zhang.min', name: '张敏', role: 'admin' });

  await page.goto(`${hqUrl}/sign-in`);
  await signIn(page, 'zhang.min');
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '节假日日历' }).click();
  await expect(page.getByRole('heading', { name: '节假日日历', level: 1 })).toBeVisible();
  await expect(page.getByText('还没有发布任何年份。')).toBeVisible();
  await expect(page.getByLabel('年份')).toHaveValue('2027');
  expect(await seriousViolations(page)).toEqual([]);

  // One line mistyped (a date that does not exist): named, nothing published, the text kept to correct.
  const mistyped = [...LINES_2027.slice(0, 2), '2027-02-30 班 春节调休', ...LINES_2027.slice(3)].join('\n');
  await page.getByLabel('特殊日期（每行一天）').fill(mistyped);
  await page.getByRole('button', { name: '发布' }).click();
  await expect(page.getByRole('alert')).toContainText('第 3 行“2027-02-30 班 春节调休”：请输入有效日期（年-月-日）。');
  await expect(page.getByLabel('特殊日期（每行一天）')).toHaveValue(mistyped);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('hq-calendars-refused-zh-CN.png'), fullPage: true });

  await page.getByLabel('特殊日期（每行一天）').fill(LINES_2027.join('\n'));
  await page.getByRole('button', { name: '发布' }).click();
  await expect(page.getByRole('heading', { name: '2027 年节假日日历', level: 1 })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('已发布 2027 年：8 个放假日、2 个调休上班日');
  await expect(page.getByRole('row', { name: /2027-02-07/ }).getByRole('cell')).toHaveText(['周日', '调休上班', '春节调休']);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('hq-calendar-2027-zh-CN.png'), fullPage: true });

  // The branches receive it on their next sync, with head office's deadline policies.
  await publishPolicy(hq.db, { profile: 'courier', policy: DEFAULT_DEADLINE_POLICIES.courier, by: '张敏 (zhang.min)' }, clock.now());
  const answer = await calendarsSince(hq.db, 0, clock.now());
  expect(answer.calendars.map((c) => [c.year, c.days.length])).toEqual([[2027, 10]]);
  expect(answer.policies?.map((p) => p.profile)).toEqual(['courier']);

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: '下载 2027 年日历文件' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('calendar-2027.json');
  const loaded = calendarFileSchema.parse(JSON.parse(readFileSync((await file.path())!, 'utf8')));
  expect(loaded.calendars).toEqual(answer.calendars);
  // A branch that does not sync gets the policies in the file, as the sync answer carries them.
  expect(loaded.policies).toEqual(answer.policies);

  await page.getByRole('link', { name: '返回节假日日历' }).click();
  const row = page.getByRole('row', { name: /2027/ });
  await expect(row.getByRole('cell')).toHaveText(['1', '2026/12/01 10:00', '张敏 (zhang.min)', '8', '2', '下载 2027 年']);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('hq-calendars-zh-CN.png'), fullPage: true });

  await page.getByRole('navigation', { name: '界面语言' }).getByRole('link', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Calendars', level: 1 })).toBeVisible();
  await expect(page.getByRole('row', { name: /2027/ }).getByRole('cell')).toHaveText([
    '1',
    'Dec 1, 2026, 10:00',
    '张敏 (zhang.min)',
    '8',
    '2',
    'Download 2027',
  ]);
  await page.getByLabel('Special days (one a line)').fill('2028-01-01 off New Year\n2028-01-02 holiday');
  await page.getByLabel('Year', { exact: true }).fill('2028');
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByRole('alert')).toContainText('Line 2 “2028-01-02 holiday”: After the date write 休 or off');
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('hq-calendars-en.png'), fullPage: true });

  await page.getByRole('link', { name: '2027', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Calendar 2027', level: 1 })).toBeVisible();
  await expect(page.getByRole('row', { name: /2027-02-07/ }).getByRole('cell')).toHaveText(['Sun', 'Make-up working day', '春节调休']);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('hq-calendar-2027-en.png'), fullPage: true });
});
