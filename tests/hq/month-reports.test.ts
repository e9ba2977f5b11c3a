/**
 * The monthly report at head office: a real branch store host makes it and its engine sends it to
 * a real HQ on loopback (POST /v1/reports); HQ keeps every version once, and the HQ page lists
 * them per month and branch with their files.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StoreHost } from '../../electron/store/host';
import { bytesToBase64 } from '../../shared/reports/base64';
import { PATHS, type ReportEntry } from '../../shared/sync/protocol';
import { importExportFile } from '../../hq/import';
import { translatorFor } from '../../hq/web/i18n';
import { importPage } from '../../hq/web/pages/import';
import { PARTS } from '../../shared/export/format';
import { formatEnrolmentCode } from '../../shared/sync/enrolment';
import { CLERK, createTestHost, intake, SUPERVISOR, uniqueDbName } from '../store/fixtures';
import { exportOf, repack, text } from '../unit/export/fixtures';
import { BACKENDS, BRANCH, branchHost, startHq, SUITE, statusWhen, type TestHq } from './fixtures';
import { addAdmin, Browser } from './web-fixtures';

const DAY = 86_400_000;

const reportsDelivered = (host: StoreHost) =>
  statusWhen(host, (s) => s.reportsWaiting === 0 && s.sending === null && s.lastSuccessAt !== null && s.lastError === null);

async function makeReport(host: StoreHost, month = '2026-11') {
  const r = await host.call('reports.monthly.create', { month, language: 'zh-CN' }, SUPERVISOR);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

async function signedIn(hq: TestHq) {
  await addAdmin(hq.db);
  const browser = new Browser(hq.url);
  await browser.signIn();
  return browser;
}

for (const { backend, skip } of BACKENDS) {
  describe.skipIf(skip)(`monthly reports to head office on ${backend}`, SUITE, () => {
    let hq: TestHq;
    let host: StoreHost;
    beforeAll(async () => {
      hq = await startHq(backend);
    }, SUITE.timeout);
    beforeEach(async () => {
      await hq.reset();
      host = await branchHost(hq);
      return () => host.close();
    });
    afterAll(() => hq?.close());

    it('the sync carries each version once; the HQ page lists the newest per month and branch, every version on request, with the XLSX', async () => {
      const registered = await host.call(
        'cases.register',
        { intake: intake({ receivedAt: hq.clock.now() - 10 * DAY, severity: 'major' }) },
        CLERK,
      );
      if (!registered.ok) throw new Error(registered.error.message);
      const first = await makeReport(host);
      await reportsDelivered(host);
      hq.clock.advance(60_000);
      const second = await makeReport(host);
      await reportsDelivered(host);

      const { rows } = await hq.db.query<{
        report_id: string;
        month: string;
        version: number;
        xlsx: Uint8Array;
        pdf: Uint8Array | null;
        data: { total: number };
      }>('SELECT report_id, month, version, xlsx, pdf, data FROM month_reports ORDER BY version');
      expect(rows.map((r) => [r.report_id, r.month, Number(r.version), r.pdf])).toEqual([
        [first.report.id, '2026-11', 1, null],
        [second.report.id, '2026-11', 2, null],
      ]);
      expect(new Uint8Array(rows[1]!.xlsx)).toEqual(second.xlsx);
      expect(rows[1]!.data.total).toBe(1);
      const listed = await host.call('reports.list', {}, SUPERVISOR);
      expect(listed.ok && listed.value.every((r) => r.deliveredAt !== null)).toBe(true);

      const browser = await signedIn(hq);
      const page = await browser.get('/reports');
      expect(page.status).toBe(200);
      expect(page.text).toContain('月度投诉报告');
      expect(page.text).toContain(`${BRANCH} 北京一店`);
      expect(page.text).toContain(`/reports/${BRANCH}/${second.report.id}.xlsx`);
      expect(page.text).not.toContain(`/reports/${BRANCH}/${first.report.id}.xlsx`);
      expect(page.text).toContain('无 PDF');
      const all = await browser.get('/reports?month=2026-11&all=1');
      expect(all.text).toContain(`/reports/${BRANCH}/${first.report.id}.xlsx`);
      const other = await browser.get('/reports?month=2026-10&lang=en');
      expect(other.text).toContain('No monthly report has been received yet.');

      const file = await browser.get(`/reports/${BRANCH}/${second.report.id}.xlsx`);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-disposition')).toContain(`complaints-${BRANCH}-2026-11-v2.xlsx`);
      expect(file.bytes).toEqual(second.xlsx);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(file.bytes as unknown as ArrayBuffer);
      expect(book.worksheets.map((w) => w.name)).toEqual(['概况', '重点投诉']);
      expect((await browser.get(`/reports/${BRANCH}/${second.report.id}.pdf`)).status).toBe(404);
      expect((await browser.get('/reports?month=2026-13')).status).toBe(400);
      // Not signed in: sent to sign in.
      expect((await new Browser(hq.url).get(`/reports/${BRANCH}/${second.report.id}.xlsx`)).status).toBe(303);
    });

    it('the export file carries the report (format version 2); HQ imports it once; a version 1 file still imports', async () => {
      // A branch that cannot reach head office: the secret is BJ01's, the address a closed port.
      const offline = await createTestHost({
        dbName: uniqueDbName('report-export'),
        now: hq.clock.now,
        sync: { fetch: () => Promise.reject(new Error('offline')), appVersion: 'test' },
      });
      try {
        const configured = await offline.call(
          'branch.configure',
          { branch: { branchCode: BRANCH, branchName: '北京一店', profileId: 'pawnshop' } },
          SUPERVISOR,
        );
        if (!configured.ok) throw new Error(configured.error.message);
        const code = formatEnrolmentCode({ hqUrl: 'http://127.0.0.1:9', branch: BRANCH, secret: hq.secrets.get(BRANCH)! });
        const enrolled = await offline.call('sync.enrol', { code }, SUPERVISOR);
        if (!enrolled.ok) throw new Error(enrolled.error.message);
        const made = await makeReport(offline);
        // No archived case in the period: the report alone makes the file.
        const file = await offline.call('export.build', { from: '2026-11-01', to: '2026-11-30', language: 'zh-CN' }, SUPERVISOR);
        if (!file.ok) throw new Error(file.error.message);
        const outcome = await importExportFile(hq.db, file.value.bytes, hq.clock.now());
        expect(outcome).toMatchObject({
          status: 'imported',
          results: [],
          reports: [{ reportId: made.report.id, month: '2026-11', version: 1, status: 'accepted' }],
        });
        // The import page says what the file carried.
        const shown = importPage({ locale: 'en', t: translatorFor('en'), user: null, path: '/import', query: '', csrfToken: 't' }, outcome);
        expect(shown.text.replace(/\s+/g, ' ')).toContain('<a href="/reports" >Monthly reports in the file: 1 (1 new).</a >');
        const { rows } = await hq.db.query<{ xlsx: Uint8Array }>('SELECT xlsx FROM month_reports WHERE report_id = $1', [made.report.id]);
        expect(new Uint8Array(rows[0]!.xlsx)).toEqual(made.xlsx);
        expect((await importExportFile(hq.db, file.value.bytes, hq.clock.now())).status).toBe('already_imported');
        expect(await hq.count('month_reports')).toBe(1);

        // A version 1 manifest may not carry reports: the file is refused whole.
        const downgraded = repack(file.value.bytes, (files) => {
          const manifest = JSON.parse(text(files[PARTS.manifest]!));
          files[PARTS.manifest] = new TextEncoder().encode(JSON.stringify({ ...manifest, version: 1 }));
        });
        expect(await importExportFile(hq.db, downgraded, hq.clock.now())).toMatchObject({ status: 'refused', problem: 'bad_manifest' });
      } finally {
        await offline.close();
      }
      // A file without reports is still version 1, and imports as before.
      const plain = await exportOf([], { secret: hq.secrets.get(BRANCH)! });
      expect(plain.manifest.version).toBe(1);
      expect(await importExportFile(hq.db, plain.bytes, hq.clock.now())).toMatchObject({ status: 'imported', reports: [] });
    });

    it('POST /v1/reports: idempotent per report id, signed, of the signing branch only; a PDF is offered when sent', async () => {
      const made = await makeReport(host);
      await reportsDelivered(host);
      const pending = await host.call('sync.reports.pending', {}, SUPERVISOR, 'main');
      expect(pending.ok && pending.value).toEqual([]);
      const pdf = new TextEncoder().encode('%PDF-1.7 test');
      const entry: ReportEntry = {
        reportId: 'report-with-pdf',
        month: '2026-10',
        version: 1,
        language: 'en',
        createdAt: hq.clock.now(),
        createdBy: 's01',
        data: { ...made.data, month: '2026-10' },
        xlsx: bytesToBase64(made.xlsx),
        pdf: bytesToBase64(pdf),
      };
      const send = (report: ReportEntry, requestId = crypto.randomUUID(), branch = BRANCH) =>
        hq.send({ path: PATHS.reports, body: { protocol: 1, requestId, branch, report }, requestId });
      const sent = await send(entry);
      expect(sent.status).toBe(200);
      expect(sent.json).toMatchObject({ reportId: 'report-with-pdf', status: 'accepted' });
      expect((await send(entry)).json).toMatchObject({ status: 'duplicate' });

      const foreign = await send({ ...entry, reportId: 'x', data: { ...entry.data, branch: { code: 'SH01', name: '上海' } } });
      expect(foreign.status).toBe(400);
      expect(foreign.json.error.code).toBe('invalid_batch');
      const otherMonth = await send({ ...entry, reportId: 'y', month: '2026-09' });
      expect(otherMonth.json.error.code).toBe('invalid_batch');
      const unsigned = await hq.send({
        path: PATHS.reports,
        body: { protocol: 1, requestId: crypto.randomUUID(), branch: BRANCH, report: entry },
        branch: null,
      });
      expect(unsigned.status).toBe(401);
      expect(await hq.count('month_reports')).toBe(2);

      // The desktop prints the PDF after making the report: sent again with it, head office adds the PDF, nothing else.
      const later = { ...entry, reportId: 'pdf-later', pdf: null };
      expect((await send(later)).json).toMatchObject({ status: 'accepted' });
      expect((await send({ ...later, pdf: bytesToBase64(pdf), createdBy: 'changed' })).json).toMatchObject({ status: 'accepted' });
      expect((await send({ ...later, pdf: bytesToBase64(new TextEncoder().encode('%PDF-other')) })).json).toMatchObject({
        status: 'duplicate',
      });
      const held = await hq.db.query<{ pdf: Uint8Array; created_by: string }>(
        "SELECT pdf, created_by FROM month_reports WHERE report_id = 'pdf-later'",
      );
      expect([new Uint8Array(held.rows[0]!.pdf), held.rows[0]!.created_by]).toEqual([pdf, 's01']);
      await hq.db.query("DELETE FROM month_reports WHERE report_id = 'pdf-later'");

      const browser = await signedIn(hq);
      const page = await browser.get('/reports?month=2026-10');
      expect(page.text).toContain(`/reports/${BRANCH}/report-with-pdf.pdf`);
      const file = await browser.get(`/reports/${BRANCH}/report-with-pdf.pdf`);
      expect(file.headers.get('content-type')).toBe('application/pdf');
      expect(file.bytes).toEqual(pdf);
    });
  });
}
