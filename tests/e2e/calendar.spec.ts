import AxeBuilder from '@axe-core/playwright';
import { calendarFileText, publishCalendar } from '../../hq/calendar';
import { calendarFile, DEFAULT_DEADLINE_POLICIES, WorkCalendar, type CalendarOverride } from '../../shared/deadlines';
import { chinaDate, endOfChinaDate } from '../../shared/deadlines/calendar';
import { appClockFromNow, e2eClockStart } from './clock';
import { expect, test as appTest, type Page } from './fixtures';
import { CasePage, FirstRunPage, IntakePage, QueuesPage } from './pages/app';
import { headOfficeFixtures, type HeadOfficeFixtures } from './pages/hq';
import { closedLoopbackUrl, HeadOfficeSettings, SyncBar } from './pages/sync';

/**
 * One calendar for all branches: head office (hq/ on PGlite, on loopback, on the app's clock)
 * publishes 2027's holidays; the branch syncs; a deadline running into 2027 moves, and the settings
 * say that 2027 comes from head office.
 */
const test = appTest.extend<HeadOfficeFixtures>(headOfficeFixtures);

// eslint-disable-next-line no-empty-pattern -- Playwright reads a hook's fixtures from this pattern
test.beforeEach(({}, testInfo) => {
  testInfo.skip(
    testInfo.project.name === 'electron',
    'the desktop app syncs from main: its calendar request is tested in tests/unit/sync-engine-calendars.test.ts',
  );
});

/** 2027 as head office publishes it: New Year's Day and the Spring Festival, with its two 调休 Saturdays. */
const DAYS_2027: CalendarOverride[] = [
  { date: '2027-01-01', workday: false, name: '元旦' },
  ...['2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12'].map((date) => ({
    date,
    workday: false,
    name: '春节',
  })),
  { date: '2027-01-30', workday: true, name: '春节调休' },
  { date: '2027-02-20', workday: true, name: '春节调休' },
];
/** The courier profile's "resolve" clock, lengthened so that it runs into 2027 from any day the suite's clock may start on. */
const RESOLVE_DAYS = 30;

/** As the case page shows a due time: the end of a China day, zh-CN short style. */
const shown = (date: string) =>
  new Date(endOfChinaDate(date)).toLocaleString('zh-CN', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Asia/Shanghai' });

function yearRow(page: Page, year: number) {
  return page
    .getByRole('table', { name: /各年度工作日历来源|Where each year/ })
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: String(year), exact: true }) });
}

test('head office publishes 2027; after a sync a branch deadline moves and the settings say 2027 comes from head office', async ({
  page,
  openApp,
  openHeadOffice,
}, testInfo) => {
  test.setTimeout(180_000);
  const now = appClockFromNow();
  const hq = await openHeadOffice(now);
  const hqUrl = await closedLoopbackUrl();
  const { code } = await hq.enrol({ branch: 'GZ07', name: '广州七店', hqUrl });
  await hq.listen(hqUrl);

  await openApp();
  await new FirstRunPage(page).setUp({ code: 'GZ07', name: '广州七店', profile: '快递驿站' }, { id: 's07', name: '站长' });
  const settings = new HeadOfficeSettings(page);
  await settings.open();
  await settings.enrol(code);
  await expect(settings.section().getByRole('status')).toHaveText('已在总部注册');

  // Head office's calendar file carries its deadline policies: loaded, the courier policy is in force and the settings say whose.
  const courier = DEFAULT_DEADLINE_POLICIES.courier;
  const publishedAt = now();
  const hqPolicy = { ...courier, clocks: courier.clocks.map((c) => (c.id === 'resolve' ? { ...c, amount: 4 } : c)) };
  const file = calendarFile(
    [{ year: 2024, version: 1, publishedAt, days: [] }],
    [{ profile: 'courier', version: 2, publishedAt, policy: hqPolicy }],
  );
  await expect(page.locator('#policy-source')).toHaveText('时限规定来源：系统默认');
  await page.getByLabel('载入总部节假日文件').setInputFiles({
    name: 'calendar-2024.json',
    mimeType: 'application/json',
    buffer: Buffer.from(calendarFileText(file)),
  });
  await expect(page.getByRole('status').filter({ hasText: '已载入总部节假日文件。' })).toBeVisible();
  await expect(page.locator('#policy-source')).toHaveText(`时限规定来源：总部发布（${chinaDate(publishedAt)}）`);
  await expect(page.getByLabel('处理完毕 时长')).toHaveValue('4');
  await page.locator('#policy-source').scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('policy-from-file-zh-CN.png') });

  await page.getByLabel('处理完毕 时长').fill(String(RESOLVE_DAYS));
  await page.getByRole('button', { name: '保存时限与日历' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已保存' })).toBeVisible();
  await expect(yearRow(page, 2027)).toContainText('未录入（按周一至周五计算）');
  // From 1 December (E2E_CLOCK=2026-12-…) the supervisor is warned on every screen that 2027 has no calendar.
  const reminder = page.getByRole('status').filter({ hasText: '尚无 2027 年的节假日和调休安排' });
  const december = chinaDate(e2eClockStart()).startsWith('2026-12');
  await expect(reminder).toHaveCount(december ? 1 : 0);
  if (december) {
    await reminder.scrollIntoViewIfNeeded();
    await page.screenshot({ path: testInfo.outputPath('reminder-zh-CN.png') });
  }

  // A file that is not head office's calendar is refused with the reason; nothing changes.
  await page.getByLabel('载入总部节假日文件').setInputFiles({
    name: 'holidays.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify([{ date: '2027-01-01', workday: false }])),
  });
  await expect(page.getByRole('alert').filter({ hasText: '这不是总部导出的节假日文件。' })).toBeVisible();
  await expect(yearRow(page, 2027)).toContainText('未录入');

  // A complaint whose 30-working-day clock runs into 2027.
  await page.getByRole('tab', { name: '登记投诉' }).click();
  const intake = new IntakePage(page);
  await intake.typeComplaint({ name: '赵六', phone: '13712345678', address: '', ref: 'SF2026112300001', content: '包裹丢失' });
  await intake.saveWithKeyboard();
  await expect(intake.caseNumber()).toBeVisible();
  const caseNo = (await intake.caseNumber().textContent())!.trim();
  // The case number carries the day it was received: the clock's start.
  const received = caseNo.replace(/^GZ07-(\d{4})(\d{2})(\d{2})-\d+$/, '$1-$2-$3');
  const before = shown(new WorkCalendar().addWorkingDays(received, RESOLVE_DAYS));
  const after = shown(new WorkCalendar([], [{ year: 2027, days: DAYS_2027 }]).addWorkingDays(received, RESOLVE_DAYS));
  expect(after).not.toBe(before);

  const queues = new QueuesPage(page);
  const casePage = new CasePage(page);
  await queues.open();
  await casePage.openFromList(caseNo);
  await expect(casePage.clock('处理完毕')).toContainText(before);

  // Head office publishes 2027; the supervisor syncs.
  await publishCalendar(hq.db, { year: 2027, days: DAYS_2027, by: '总部运营服务部' }, now());
  const bar = new SyncBar(page);
  await bar.openDetails();
  await bar.syncNow().click();
  await bar.closeDetails();
  await settings.open();
  await expect(yearRow(page, 2027)).toContainText('总部发布');
  await expect(reminder).toHaveCount(0);
  await expect(yearRow(page, 2026)).toContainText('内置法定节假日库');
  expect((await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual(
    [],
  );
  await yearRow(page, 2027).scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('settings-zh-CN.png'), fullPage: true });

  await queues.open();
  await casePage.openFromList(caseNo);
  await expect(casePage.clock('处理完毕')).toContainText(after);

  await settings.open();
  await page.getByLabel('界面语言').first().click();
  await page.getByRole('option', { name: 'English' }).click();
  await expect(yearRow(page, 2027)).toContainText('Head office (published');
  await page.screenshot({ path: testInfo.outputPath('settings-en.png'), fullPage: true });
});
