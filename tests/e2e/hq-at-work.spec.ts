import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { chinaDate } from '../../shared/deadlines/calendar';
import { openPglite } from '../../hq/db/pglite';
import type { Db } from '../../hq/db/types';
import { enrolBranch } from '../../hq/enrol';
import { migrate } from '../../hq/migrate';
import { buildServer } from '../../hq/server';
import { addUser } from '../../hq/staff/users';
import { monthPeriod } from '../../renderer/features/settings/exportPeriod';
import { PASSWORD } from '../hq/web-fixtures';
import { e2eClockStart } from './clock';
import { expect, test } from './fixtures';
import { seriousViolations } from './pages/axe';
import { FirstRunPage, fillPicker, pickerField } from './pages/app';
import { archiveAtTheCounter, closedLoopbackUrl, HeadOfficeSettings } from './pages/sync';

/**
 * Issue 12's whole path for an offline branch: the branch (browser edition) archives a complaint
 * while head office is out of reach, its supervisor exports the month, and head-office staff upload
 * the file on the HQ page (a real head office on loopback), find the case by a Chinese word and see
 * its chain verified.
 */
// eslint-disable-next-line no-empty-pattern -- Playwright reads a hook's fixtures from this pattern
test.beforeEach(({}, testInfo) => {
  testInfo.skip(testInfo.project.name !== 'web', 'the HQ page is a web page and the desktop saves through main: the web project runs it');
});

let db: Db | null = null;
let hq: FastifyInstance | null = null;
test.afterEach(async () => {
  await hq?.close();
  await db?.close();
  hq = null;
  db = null;
});

test('an offline branch’s export, uploaded on the HQ page, is found by a Chinese word and shown verified', async ({
  page,
  openApp,
}, testInfo) => {
  test.setTimeout(180_000);
  const offset = e2eClockStart() - Date.now();
  const now = () => Date.now() + offset;
  db = await openPglite();
  await migrate(db);
  hq = buildServer({ db, now });
  await hq.listen({ port: 0, host: '127.0.0.1' });
  const hqPage = `http://127.0.0.1:${(hq.server.address() as { port: number }).port}`;
  await addUser(db, { id: 'li.hua', name: '李华', role: 'staff', password: PASSWORD }, now());
  // The branch's enrolment names an address it never reaches: the file is its only way to head office.
  const { code } = await enrolBranch(db, { branch: 'SZ05', name: '深圳驿站', hqUrl: await closedLoopbackUrl() }, now());

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
  await office.getByLabel('用户名').fill('li.hua');
  await office.getByLabel('密码').fill(PASSWORD);
  await office.getByRole('button', { name: '登录' }).click();
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
