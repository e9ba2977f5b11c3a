import { EVENT_COUNT_SQL } from '../../hq/caseEvents';
import { appClockFromNow } from './clock';
import { expect, test as appTest } from './fixtures';
import { FirstRunPage } from './pages/app';
import { headOfficeFixtures, type HeadOfficeFixtures } from './pages/hq';
import { archiveAtTheCounter, closedLoopbackUrl, HeadOfficeSettings, SyncBar } from './pages/sync';

/**
 * The branch and a real head office (hq/ on PGlite, on loopback): cases archived while head office
 * is down wait with their count shown; head office starts; they arrive, verified, and the count
 * falls to zero. Head office keeps the app's clock (tests/e2e/clock.ts), or it would refuse the
 * branch's timestamps as a clock 9 days off.
 */
const test = appTest.extend<HeadOfficeFixtures>(headOfficeFixtures);

// eslint-disable-next-line no-empty-pattern -- Playwright reads a hook's fixtures from this pattern
test.beforeEach(({}, testInfo) => {
  testInfo.skip(
    testInfo.project.name === 'electron',
    'the desktop app syncs from main: its head-office run is tested in tests/unit/main-sync.test.ts',
  );
});

test('cases archived while head office is down wait, counted; head office starts; they arrive verified and the count falls to zero', async ({
  page,
  openApp,
  openHeadOffice,
}, testInfo) => {
  test.setTimeout(180_000);
  // Head office's clock runs as far from the real one as the app's.
  const now = appClockFromNow();
  const hq = await openHeadOffice(now);
  const hqUrl = await closedLoopbackUrl();
  const { code } = await hq.enrol({ branch: 'SZ05', name: '深圳驿站', hqUrl });

  await openApp();
  await new FirstRunPage(page).setUp({ code: 'SZ05', name: '深圳驿站', profile: '快递驿站' }, { id: 's05', name: '站长' });
  const settings = new HeadOfficeSettings(page);
  await settings.open();
  await settings.enrol(code);
  await expect(settings.section().getByRole('status')).toHaveText('已在总部注册');

  const bar = new SyncBar(page);
  await archiveAtTheCounter(page, { name: '李四', phone: '13912345678', ref: 'SF1234567890', content: '取件时找不到包裹' });
  await page.getByRole('button', { name: '登记下一件' }).click();
  await archiveAtTheCounter(page, { name: '王五', phone: '13812345678', ref: 'SF1234567891', content: '包裹外包装破损' });
  await bar.expectState(/^总部同步：2 件待发送 · 无法连接总部/);
  await page.screenshot({ path: testInfo.outputPath('1-hq-down-2-waiting.png') });

  await hq.listen(hqUrl);
  // No one presses anything: the engine's next retry finds head office up.
  await expect(bar.item()).toHaveAccessibleName(/^总部同步：已与总部同步/, { timeout: 90_000 });
  await page.screenshot({ path: testInfo.outputPath('2-hq-up-synced.png') });
  await bar.openDetails();
  await expect(bar.detail('待发送')).toHaveText('0 件');
  await bar.closeDetails();

  const { rows } = await hq.db.query<{ case_no: string; state: string; chain_status: string; events: number }>(
    `SELECT case_no, state, chain_status, ${EVENT_COUNT_SQL} AS events
     FROM cases c WHERE branch_code = 'SZ05' ORDER BY case_no`,
  );
  expect(rows).toEqual([
    { case_no: expect.stringMatching(/^SZ05-\d{8}-001$/), state: 'archived', chain_status: 'verified', events: 3 },
    { case_no: expect.stringMatching(/^SZ05-\d{8}-002$/), state: 'archived', chain_status: 'verified', events: 3 },
  ]);
});
