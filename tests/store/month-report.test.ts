import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { asStaff, CLERK, configuredHost, EN, MONDAY_10AM, mustCommand, openHost, register, SUPERVISOR, ADMIN } from './fixtures';
import type { StoreHost } from '../../electron/store/host';
import type { Envelope } from '../../shared/api/contract';

const DAY = 86_400_000;

async function create(host: StoreHost, month = '2026-03', envelope: Envelope = SUPERVISOR, language: 'zh-CN' | 'zh-TW' | 'en' = 'zh-CN') {
  return host.call('reports.monthly.create', { month, language }, envelope);
}

async function mustCreate(...args: Parameters<typeof create>) {
  const r = await create(...args);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

async function sheets(xlsx: Uint8Array) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(xlsx as unknown as ArrayBuffer);
  return book;
}

describe('the monthly report (reports.monthly.create)', () => {
  it("makes the month's figures and notable cases, its spreadsheet, keeps it and queues it for head office", async () => {
    const { host } = await configuredHost('courier');
    const a = await register(host, { category: 'pickup' });
    const urgent = await register(host, { category: 'lost_damaged', channel: 'phone', severity: 'urgent' });
    await mustCommand(host, a.id, 'closeAtCounter', { explanation: '当场解决' }, CLERK);
    await register(host, { category: 'pickup', receivedAt: MONDAY_10AM - 40 * DAY }); // February: not in March's report

    const made = await mustCreate(host);
    expect(made.report).toMatchObject({
      month: '2026-03',
      version: 1,
      language: 'zh-CN',
      createdBy: 's01',
      pdfBytes: 0,
      deliveredAt: null,
    });
    expect(made.data).toMatchObject({
      month: '2026-03',
      branch: { code: 'BJ01', name: '北京一店' },
      total: 2,
      byCategory: { pickup: 1, lost_damaged: 1 },
      byChannel: { walk_in: 1, phone: 1 },
      bySeverity: { general: 1, urgent: 1 },
      open: 1,
      notableTotal: 1,
    });
    expect(made.data.notable).toEqual([
      expect.objectContaining({ caseNo: urgent.caseNo, severity: 'urgent', reasons: ['urgent', 'escalated'] }),
    ]);

    const book = await sheets(made.xlsx);
    expect(book.worksheets.map((w) => w.name)).toEqual(['概况', '重点投诉']);
    const summary = book.getWorksheet('概况')!;
    const rows = summary
      .getSheetValues()
      .filter(Boolean)
      .map((r) => (r as unknown[]).slice(1));
    expect(rows).toContainEqual(['受理投诉总数', 2]);
    expect(rows).toContainEqual(['尚未办结', 1]);
    expect(rows).toContainEqual(['电话', 1, 0.5]);
    expect(book.getWorksheet('重点投诉')!.getRow(2).getCell(1).value).toBe(urgent.caseNo);

    const listed = await host.call('reports.list', {}, SUPERVISOR);
    expect(listed.ok && listed.value.map((r) => [r.month, r.version])).toEqual([['2026-03', 1]]);
    const status = await host.call('sync.status', {}, SUPERVISOR);
    expect(status.ok && status.value.reportsWaiting).toBe(1);
    await host.close();
  });

  it('in English when asked: sheet names and labels', async () => {
    const { host } = await configuredHost('courier');
    await register(host, { category: 'pickup' });
    const made = await mustCreate(host, '2026-03', ADMIN, 'en');
    const book = await sheets(made.xlsx);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Summary', 'Notable complaints']);
    const rows = book
      .getWorksheet('Summary')!
      .getSheetValues()
      .filter(Boolean)
      .map((r) => (r as unknown[]).slice(1));
    expect(rows).toContainEqual(['Complaints received', 1]);
    await host.close();
  });

  it('re-creating a month makes its next version; the earlier one is kept', async () => {
    const { host, clock } = await configuredHost('courier');
    await register(host, { category: 'pickup' });
    const first = await mustCreate(host);
    await register(host, { category: 'pickup', severity: 'major' });
    clock.advance(60_000);
    const second = await mustCreate(host);
    expect(second.report.version).toBe(2);
    expect(second.report.id).not.toBe(first.report.id);
    expect([first.data.total, second.data.total]).toEqual([1, 2]);
    const listed = await host.call('reports.list', {}, SUPERVISOR);
    expect(listed.ok && listed.value.map((r) => r.version)).toEqual([2, 1]);
    const read = await host.call('reports.get', { reportId: first.report.id }, SUPERVISOR);
    expect(read.ok && read.value.data.total).toBe(1);
    // A report names cases and staff: a clerk reads neither the list nor a report.
    expect(await host.call('reports.list', {}, CLERK)).toMatchObject({
      ok: false,
      error: { code: 'forbidden', key: 'errors.report.readSupervisorOnly' },
    });
    expect(await host.call('reports.get', { reportId: first.report.id }, CLERK)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await host.close();
  });

  it('refuses clerks and handlers, months not yet begun, before 2000 or malformed, with translated messages', async () => {
    const { host } = await configuredHost('courier');
    const clerk = await create(host, '2026-03', CLERK);
    expect(clerk.ok || clerk.error).toMatchObject({ code: 'forbidden', message: '只有主管或管理员可以生成月度报告。' });
    const handler = await create(host, '2026-03', await asStaff(host, 'h02', 'handler'));
    expect(handler.ok || handler.error.code).toBe('forbidden');
    const future = await create(host, '2026-04', EN(SUPERVISOR));
    expect(future.ok || future.error).toMatchObject({
      code: 'invalid_input',
      message: '2026-04 has not come yet: no report can be made for it.',
    });
    const early = await create(host, '1999-12');
    expect(early.ok || early.error).toMatchObject({ code: 'invalid_input', message: '不能生成 2000 年以前的报告。' });
    for (const month of ['2026-3', '2026-13', 'March', '']) {
      const bad = await create(host, month);
      expect(bad.ok || bad.error).toMatchObject({ code: 'invalid_input', key: 'errors.report.month', message: '请选择月份（YYYY-MM）。' });
    }
    const listed = await host.call('reports.list', {}, SUPERVISOR);
    expect(listed.ok && listed.value).toEqual([]);
    await host.close();
  });

  it('refuses before the branch is set up', async () => {
    const { host } = await openHost();
    const r = await create(host);
    expect(r.ok || r.error.key).toBe('errors.branch.notConfigured');
    await host.close();
  });

  it('writes text that looks like a formula as text (a branch category labelled "=…")', async () => {
    const { host } = await configuredHost('courier');
    const org = await host.call('org.get', {}, SUPERVISOR);
    if (!org.ok) throw new Error(org.error.message);
    const saved = await host.call(
      'org.save',
      { organization: { ...org.value, customCategories: [{ id: 'custom_1', label: '=HYPERLINK("http://x","y")' }] } },
      SUPERVISOR,
    );
    if (!saved.ok) throw new Error(saved.error.message);
    await register(host, { category: 'custom_1', severity: 'major' });
    const made = await mustCreate(host);
    const book = await sheets(made.xlsx);
    const values = book
      .getWorksheet('概况')!
      .getSheetValues()
      .flatMap((r) => (Array.isArray(r) ? r : []));
    expect(values).toContain(`'=HYPERLINK("http://x","y")`);
    book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => expect(cell.formula).toBeUndefined())));
    expect(book.getWorksheet('重点投诉')!.getRow(2).getCell(3).value).toBe(`'=HYPERLINK("http://x","y")`);
    await host.close();
  });
});
