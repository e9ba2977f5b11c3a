import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { chinaDate } from '../../shared/deadlines/calendar';
import { pdfText, squeeze } from '../forms/pdf';
import { appClockFromNow } from './clock';
import { expect, test as appTest } from './fixtures';
import { FirstRunPage } from './pages/app';
import { seriousViolations } from './pages/axe';
import { headOfficeFixtures, signIn, type HeadOfficeFixtures } from './pages/hq';
import { archiveAtTheCounter, HeadOfficeSettings } from './pages/sync';

/**
 * The monthly report (R7.4; docs/monthly-report.md): a supervisor makes the month's report in the
 * branch's settings; its page is printed to PDF through Chromium (as the print dialog's "Save as
 * PDF" does) and read back with pdftotext; its XLSX is saved and read back; the sync carries it to
 * a real head office (hq/ on PGlite), whose HQ page lists it with its spreadsheet.
 */
const test = appTest.extend<HeadOfficeFixtures>(headOfficeFixtures);

// eslint-disable-next-line no-empty-pattern -- Playwright reads a hook's fixtures from this pattern
test.beforeEach(({}, testInfo) => {
  testInfo.skip(testInfo.project.name === 'electron', 'the desktop app syncs and saves through main: its parts are tested in tests/unit');
});

test("a supervisor makes the month's report: PDF and XLSX read back; it reaches head office, whose page lists it", async ({
  page,
  openApp,
  openHeadOffice,
}, testInfo) => {
  test.setTimeout(180_000);
  const now = appClockFromNow();
  const hq = await openHeadOffice(now);
  const hqUrl = await hq.listen();
  const { code } = await hq.enrol({ branch: 'SZ05', name: '深圳驿站', hqUrl });
  await hq.addUser({ id: 'ops', name: '运营服务部', role: 'staff' });

  await openApp();
  await new FirstRunPage(page).setUp({ code: 'SZ05', name: '深圳驿站', profile: '快递驿站' }, { id: 's05', name: '站长' });
  const settings = new HeadOfficeSettings(page);
  await settings.open();
  await settings.enrol(code);
  await expect(settings.section().getByRole('status')).toHaveText('已在总部注册');
  await archiveAtTheCounter(page, { name: '李四', phone: '13912345678', ref: 'SF1234567890', content: '取件时找不到包裹' });

  await settings.open();
  const section = page.getByRole('region', { name: '月度报告' });
  await section.scrollIntoViewIfNeeded();
  const month = chinaDate(now()).slice(0, 7);
  // A month not yet begun is refused, in words.
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  await section.getByLabel('报告月份').fill(next);
  await section.getByRole('button', { name: '生成月度报告' }).click();
  await expect(section.getByRole('alert')).toHaveText(`${next} 还没有到，不能生成报告。`);

  await section.getByLabel('报告月份').fill(month);
  await section.getByRole('button', { name: '生成月度报告' }).click();
  const made = section.getByRole('status').filter({ hasText: '已生成' });
  await expect(made).toContainText(`已生成 ${month} 的报告（第 1 版），将随同步送交总部。`);
  await expect(section.getByRole('list', { name: '已生成的报告' })).toContainText(`${month} · 第 1 版`);
  expect(await seriousViolations(page, { include: '#reports-title' })).toEqual([]);
  await section.screenshot({ path: testInfo.outputPath('zh-CN-reports-section.png') });

  // The XLSX, as the browser downloads it.
  const downloading = page.waitForEvent('download');
  await made.getByRole('button', { name: '保存 XLSX' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`complaints-SZ05-${month}-v1.xlsx`);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await readFile(await download.path())) as unknown as ArrayBuffer);
  expect(book.worksheets.map((w) => w.name)).toEqual(['概况', '重点投诉']);
  const rows = book
    .getWorksheet('概况')!
    .getSheetValues()
    .filter(Boolean)
    .map((r) => (r as unknown[]).slice(1));
  expect(rows).toContainEqual(['受理投诉总数', 1]);

  // The page, as the print dialog would print it: the preview's document printed to PDF by Chromium.
  await made.getByRole('button', { name: '打印 / PDF' }).click();
  const dialog = page.getByRole('dialog', { name: `${month} 月度报告预览` });
  const frame = dialog.locator('iframe');
  await expect(frame).toHaveAttribute('srcdoc', /月度投诉情况报告/);
  await expect(dialog.getByRole('button', { name: '打印 / PDF' })).toBeEnabled();
  await page.screenshot({ path: testInfo.outputPath('zh-CN-report-preview.png') });
  const html = (await frame.getAttribute('srcdoc'))!;
  const printer = await page.context().newPage();
  await printer.setContent(html, { waitUntil: 'load' });
  await printer.evaluate(() => document.fonts.ready.then(() => undefined));
  const pdfPath = join(mkdtempSync(join(tmpdir(), 'cs-e2e-report-')), 'report.pdf');
  writeFileSync(pdfPath, await printer.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true }));
  await printer.close();
  const text = squeeze(pdfText(pdfPath));
  for (const expected of ['月度投诉情况报告', '报送：运营服务部', '深圳驿站（SZ05）', '受理投诉总数1', '按受理渠道', '本月无重点投诉。'])
    expect(text).toContain(expected);
  await dialog.getByRole('button', { name: '关闭' }).click();

  // The sync carries it to head office.
  await expect(section.getByRole('list', { name: '已生成的报告' })).toContainText('已送达总部', { timeout: 60_000 });
  const hqPage = await page.context().newPage();
  await hqPage.goto(`${hqUrl}/reports?lang=zh-CN`);
  await signIn(hqPage, 'ops');
  await expect(hqPage.getByRole('heading', { name: '月度投诉报告', level: 1 })).toBeVisible();
  const row = hqPage.getByRole('row', { name: /SZ05 深圳驿站/ });
  await expect(row).toContainText(month);
  await expect(row).toContainText('无 PDF');
  const hqDownloading = hqPage.waitForEvent('download');
  await row.getByRole('link', { name: 'XLSX' }).click();
  const hqFile = await hqDownloading;
  expect(hqFile.suggestedFilename()).toBe(`complaints-SZ05-${month}-v1.xlsx`);
  expect(await readFile(await hqFile.path())).toEqual(await readFile(await download.path()));
  await hqPage.screenshot({ path: testInfo.outputPath('zh-CN-hq-reports.png') });

  // In English: the month made again is its version 2, in English; head office lists both on request.
  await page.bringToFront();
  await page.getByRole('combobox', { name: '界面语言', exact: true }).click();
  await page.getByRole('option', { name: 'English' }).click();
  const en = page.getByRole('region', { name: 'Monthly report' });
  await en.scrollIntoViewIfNeeded();
  await en.getByLabel('Month', { exact: true }).fill(month);
  await en.getByRole('button', { name: 'Make the monthly report' }).click();
  await expect(en.getByRole('status').filter({ hasText: 'made' })).toContainText(`Report for ${month} made (version 2)`);
  await expect(en.getByRole('list', { name: 'Reports made' })).not.toContainText('Waiting for the sync', { timeout: 60_000 });
  await en.screenshot({ path: testInfo.outputPath('en-reports-section.png') });
  await hqPage.goto(`${hqUrl}/reports?lang=en&all=1`);
  await expect(hqPage.getByRole('row', { name: /SZ05/ })).toHaveCount(2);
  await hqPage.screenshot({ path: testInfo.outputPath('en-hq-reports.png') });
});
