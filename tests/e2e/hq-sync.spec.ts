import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { openPglite } from '../../hq/db/pglite';
import { EVENT_COUNT_SQL } from '../../hq/caseEvents';
import type { Db } from '../../hq/db/types';
import { enrolBranch } from '../../hq/enrol';
import { migrate } from '../../hq/migrate';
import { buildServer } from '../../hq/server';
import { e2eClockStart } from './clock';
import { expect, test } from './fixtures';
import { FirstRunPage } from './pages/app';
import { archiveAtTheCounter, HeadOfficeSettings, SyncBar } from './pages/sync';

/**
 * The branch and a real head office (hq/ on PGlite, on loopback): cases archived while head office
 * is down wait with their count shown; head office starts; they arrive, verified, and the count
 * falls to zero. Head office keeps the app's clock (tests/e2e/clock.ts), or it would refuse the
 * branch's timestamps as a clock 9 days off.
 */
// eslint-disable-next-line no-empty-pattern -- Playwright reads a hook's fixtures from this pattern
test.beforeEach(({}, testInfo) => {
  testInfo.skip(
    testInfo.project.name === 'electron',
    'the desktop app syncs from main: its head-office run is tested in tests/unit/main-sync.test.ts',
  );
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let db: Db;
let hq: FastifyInstance | null = null;

test.afterEach(async () => {
  await hq?.close();
  await db?.close();
});

test('cases archived while head office is down wait, counted; head office starts; they arrive verified and the count falls to zero', async ({
  page,
  openApp,
}, testInfo) => {
  test.setTimeout(180_000);
  // The app's clock runs this far from the real one; head office's runs alike.
  const offset = e2eClockStart() - Date.now();
  const now = () => Date.now() + offset;
  db = await openPglite();
  await migrate(db);
  const port = await freePort();
  const hqUrl = `http://127.0.0.1:${port}`;
  const { code } = await enrolBranch(db, { branch: 'SZ05', name: '深圳驿站', hqUrl }, now());

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

  hq = buildServer({ db, now });
  await hq.listen({ port, host: '127.0.0.1' });
  // No one presses anything: the engine's next retry finds head office up.
  await expect(bar.item()).toHaveAccessibleName(/^总部同步：已与总部同步/, { timeout: 90_000 });
  await page.screenshot({ path: testInfo.outputPath('2-hq-up-synced.png') });
  await bar.openDetails();
  await expect(bar.detail('待发送')).toHaveText('0 件');
  await bar.closeDetails();

  const { rows } = await db.query<{ case_no: string; state: string; chain_status: string; events: number }>(
    `SELECT case_no, state, chain_status, ${EVENT_COUNT_SQL} AS events
     FROM cases c WHERE branch_code = 'SZ05' ORDER BY case_no`,
  );
  expect(rows).toEqual([
    { case_no: expect.stringMatching(/^SZ05-\d{8}-001$/), state: 'archived', chain_status: 'verified', events: 3 },
    { case_no: expect.stringMatching(/^SZ05-\d{8}-002$/), state: 'archived', chain_status: 'verified', events: 3 },
  ]);
});
