import { readFile } from 'node:fs/promises';
import { chinaDate } from '../../shared/deadlines/calendar';
import { monthPeriod } from '../../renderer/features/settings/exportPeriod';
import { appClockFromNow } from './clock';
import { expect, test as appTest } from './fixtures';
import { seriousViolations } from './pages/axe';
import { headOfficeFixtures, signIn, type HeadOfficeFixtures } from './pages/hq';
import { FirstRunPage, fillPicker, pickerField } from './pages/app';
import { archiveAtTheCounter, closedLoopbackUrl, HeadOfficeSettings } from './pages/sync';

/**
 * Issue 12's whole path for an offline branch: the branch (browser edition) archives a complaint
 * while head office is out of reach, its supervisor exports the month, and head-office staff upload
 * the file on the HQ page (a real head office on loopback), find the case by a Chinese word and see
 * its chain verified.
 */
const test = appTest.extend<HeadOfficeFixtures>(headOfficeFixtures);

// eslint-disable-next-line no-empty-pattern -- Playwright reads a hook's fixtures from this pattern
test.beforeEach(({}, testInfo) => {
  testInfo.skip(testInfo.project.name !== 'web', 'the HQ page is a web page and the desktop saves through main: the web project runs it');
});

test('an offline branch’s export, uploaded on the HQ page, is found by a Chinese word and shown verified', async ({
  page,
  openApp,
  openHeadOffice,
}, testInfo) => {
  test.setTimeout(180_000);
  const now = appClockFromNow();
  const hq = await openHeadOffice(now);
  const hqPage = await hq.listen();
  await hq.addUser({ id: 'li.hua', name: '李华', role: 'staff' });
  // The branch's enrolment names an address it never reaches: the file is its only way to head office.
  const { code } = await hq.enrol({ branch: 'SZ05', name: '深圳驿站', hqUrl: await closedLoopbackUrl() });

  await openApp();
  await new FirstRunPage(page).setUp({ code: 'SZ05', name: '深圳驿站', profile: '快递驿站' }, { id: 's05', name: '站长' });
  const settings = new HeadOfficeSettings(page);
  await settings.open();
  await settings.enrol(code);
  await archiveAtTheCounter(page, { name: '陈静', phone: '13912345678', ref: 'SF1234567890', content: '快递外包装破损，易碎品摔坏' });

  await settings.open();
  const section = page.getByRole('region', { name: '导出给总部' });
  await section.scrollIntoViewIfNeeded();
  const period = monthPeriod(chinaDate(now()).slice(0, 7));
  await fillPicker(pickerField(section, '开始日期'), period.from);
  await fillPicker(pickerField(section, '结束日期'), period.to);
  const downloading = page.waitForEvent('download');
  await section.getByRole('button', { name: '导出给总部' }).click();
  const file = testInfo.outputPath('export.zip');
  await (await downloading).saveAs(file);
  expect((await readFile(file)).byteLength).toBeGreaterThan(0);

  // Head office, in another tab of the same browser: sign in, upload, search, open (in Chinese:
  // this browser's own language is the app's test default).
  const office = await page.context().newPage();
  await office.goto(`${hqPage}/import?lang=zh-CN`);
  await signIn(office, 'li.hua');
  await office.getByLabel('导出文件').setInputFiles(file);
  await office.getByRole('button', { name: '上传并导入' }).click();
  await expect(office.getByRole('status')).toContainText('新收 1 件');

  await office.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '案件' }).click();
  await office.getByLabel('搜索').fill('易碎品');
  await office.getByRole('button', { name: '查询' }).click();
  const results = office.getByRole('table', { name: /符合条件的案件/ });
  await expect(results.getByRole('row')).toHaveCount(2);
  await results.getByRole('link', { name: /^SZ05-/ }).click();
  await expect(office.getByRole('heading', { name: /^投诉 SZ05-/ })).toBeVisible();
  await expect(office.getByText('已核验：事件链完整')).toBeVisible();
  // The complaint's content, in the record (and again in the timeline's first event).
  await expect(office.getByText('快递外包装破损，易碎品摔坏').first()).toBeVisible();
  expect(await seriousViolations(office)).toEqual([]);
  await office.screenshot({ path: testInfo.outputPath('hq-case-from-file-zh-CN.png'), fullPage: true });
});
