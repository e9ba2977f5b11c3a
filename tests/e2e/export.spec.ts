import { readFile } from 'node:fs/promises';
import { chinaDate } from '../../shared/deadlines/calendar';
import { importExportFile } from '../../hq/import';
import { monthPeriod } from '../../renderer/features/settings/exportPeriod';
import { appClockFromNow } from './clock';
import { expect, test as appTest } from './fixtures';
import { FirstRunPage, fillPicker, pickerField } from './pages/app';
import { archiveAtTheCounter, closedLoopbackUrl, HeadOfficeSettings } from './pages/sync';
import { seriousViolations } from './pages/axe';
import { headOfficeFixtures, type HeadOfficeFixtures } from './pages/hq';

/**
 * An offline branch exports the month's archived cases (browser edition: the store worker writes
 * and signs the file, the browser downloads it), and a real head office (hq/ on PGlite) imports the
 * downloaded file through importExportFile: the case held, its chain verified; the same file again
 * changes nothing.
 */
const test = appTest.extend<HeadOfficeFixtures>(headOfficeFixtures);

// eslint-disable-next-line no-empty-pattern -- Playwright reads a hook's fixtures from this pattern
test.beforeEach(({}, testInfo) => {
  testInfo.skip(
    testInfo.project.name === 'electron',
    'the desktop app saves through main’s dialog: tested in tests/unit/main-export.test.ts',
  );
});

test('a supervisor exports the month to head office; head office imports the downloaded file, verified, once', async ({
  page,
  openApp,
  openHeadOffice,
}, testInfo) => {
  test.setTimeout(180_000);
  const now = appClockFromNow();
  const hq = await openHeadOffice(now);
  // Head office is never reachable from this branch: the file is the only way.
  const { code } = await hq.enrol({ branch: 'SZ05', name: '深圳驿站', hqUrl: await closedLoopbackUrl() });

  await openApp();
  await new FirstRunPage(page).setUp({ code: 'SZ05', name: '深圳驿站', profile: '快递驿站' }, { id: 's05', name: '站长' });
  const settings = new HeadOfficeSettings(page);
  await settings.open();
  await settings.enrol(code);
  await expect(settings.section().getByRole('status')).toHaveText('已在总部注册');
  await archiveAtTheCounter(page, { name: '=1+1 李四', phone: '13912345678', ref: 'SF1234567890', content: '取件时找不到包裹' });

  await settings.open();
  const section = page.getByRole('region', { name: '导出给总部' });
  await section.scrollIntoViewIfNeeded();
  const period = monthPeriod(chinaDate(now()).slice(0, 7));
  await fillPicker(pickerField(section, '开始日期'), period.from);
  await fillPicker(pickerField(section, '结束日期'), period.to);
  const downloading = page.waitForEvent('download');
  await section.getByRole('button', { name: '导出给总部' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`countersign-SZ05-${period.from}_${period.to}.zip`);
  await expect(section.getByRole('status').last()).toHaveText(/已保存文件 countersign-SZ05-.+（1 件投诉），请交给总部/);
  expect(await seriousViolations(page, { include: '#export-title' })).toEqual([]);
  await section.screenshot({ path: testInfo.outputPath('zh-CN-export-section.png') });

  const bytes = new Uint8Array(await readFile((await download.path())!));
  const imported = await importExportFile(hq.db, bytes, now());
  expect(imported).toMatchObject({
    status: 'imported',
    branch: 'SZ05',
    results: [{ status: 'accepted', caseNo: expect.stringMatching(/^SZ05-/) }],
  });
  const held = await hq.db.query<{ chain_status: string; record: { complainant: { name: string }; content: string } }>(
    "SELECT chain_status, record FROM cases WHERE branch_code = 'SZ05'",
  );
  expect(held.rows).toHaveLength(1);
  expect(held.rows[0]).toMatchObject({
    chain_status: 'verified',
    record: { content: '取件时找不到包裹', complainant: { name: '=1+1 李四' } },
  });
  expect(await importExportFile(hq.db, bytes, now())).toMatchObject({ status: 'already_imported' });

  await page.getByRole('combobox', { name: '界面语言', exact: true }).click();
  await page.getByRole('option', { name: 'English' }).click();
  const en = page.getByRole('region', { name: 'Export to head office' });
  await expect(en.getByRole('button', { name: 'Export to head office' })).toBeVisible();
  await expect(pickerField(en, 'From')).toBeVisible();
  await en.scrollIntoViewIfNeeded();
  await en.screenshot({ path: testInfo.outputPath('en-export-section.png') });
});
