import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { caseCounts, COUNT_DIMENSIONS } from '../../hq/cases';
import { BACKENDS, buildCase, startHq, SUITE, type TestHq } from './fixtures';
import { addAdmin, Browser, deliver, withRecord } from './web-fixtures';

const china = (at: string) => Date.parse(`${at}+08:00`);

/** The numbers of one dimension's table on the page: row label → count. */
function tableOf(page: string, dimension: string): Map<string, number> {
  const section = new RegExp(`<section class="stat" aria-labelledby="by-${dimension}">[\\s\\S]*?</section>`).exec(page)?.[0] ?? '';
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(section)?.[1] ?? '';
  return new Map([...body.matchAll(/<th scope="row">([^<]*)<\/th>\s*<td class="num">(\d+)<\/td>/g)].map((m) => [m[1]!, Number(m[2])]));
}

for (const { backend, skip } of BACKENDS)
  describe.skipIf(skip)(`HQ statistics page on ${backend}`, SUITE, () => {
    let hq: TestHq;
    let browser: Browser;
    beforeAll(async () => {
      hq = await startHq(backend);
    }, 60_000);
    beforeEach(async () => {
      await hq.reset();
      await hq.db.exec('TRUNCATE users CASCADE');
      await addAdmin(hq.db);
      browser = new Browser(hq.url);
      expect((await browser.signIn()).status).toBe(303);
      await deliver(hq, [
        withRecord(buildCase(), { receivedAt: china('2026-10-15T14:00:00'), category: 'appraisal', channel: 'phone', severity: 'major' }),
        withRecord(buildCase(), {
          receivedAt: china('2026-12-01T00:30:00'),
          category: 'appraisal',
          channel: 'walk_in',
          severity: 'general',
        }),
        withRecord(buildCase(), {
          receivedAt: china('2026-12-20T09:00:00'),
          category: 'fees_interest',
          channel: 'walk_in',
          severity: 'general',
          closedAt: china('2026-12-21T09:00:00'),
          satisfaction: 'satisfied',
        }),
      ]);
    });
    afterAll(() => hq?.close());

    it('shows every dimension as a chart with its accessible name and a table whose numbers are caseCounts', async () => {
      const page = await browser.get('/stats?lang=en');
      expect(page.status).toBe(200);
      expect(page.text).not.toMatch(/<script|style=|<style/i);
      for (const d of COUNT_DIMENSIONS) {
        const counts = await caseCounts(hq.db, {}, d);
        const table = tableOf(page.text, d);
        expect(
          [...table.values()].reduce((a, b) => a + b, 0),
          d,
        ).toBe(3);
        expect(table.size, d).toBeGreaterThanOrEqual(counts.length);
      }
      expect(tableOf(page.text, 'category')).toEqual(
        new Map(
          [
            ['Appraisal', 2],
            ['Fees and interest', 1],
          ].map(([k, v]) => [k, v]),
        ),
      );
      // The month trend has no gap: November shows as 0.
      expect(tableOf(page.text, 'month')).toEqual(
        new Map([
          ['2026-10', 1],
          ['2026-11', 0],
          ['2026-12', 2],
        ]),
      );
      expect(page.text).toMatch(/<svg class="chart" role="img" aria-label="Cases by Channel: Walk-in 2; Phone 1"/);
      expect(page.text).toMatch(/<a href="\/stats" aria-current="page">Statistics<\/a>/);
      const zh = await browser.get('/stats?lang=zh-CN');
      expect(zh.text).toContain('<a href="/stats" aria-current="page">统计</a>');
      expect(zh.text).toMatch(/aria-label="按渠道统计的件数：上门 2 件；电话 1 件"/);
    });

    it('applies the filter: period in China days (both included), branch, category, channel, severity, outcome', async () => {
      const total = async (query: string) => {
        const page = await browser.get(`/stats?lang=en&${query}`);
        expect(page.status, query).toBe(200);
        return [...tableOf(page.text, 'branch').values()].reduce((a, b) => a + b, 0);
      };
      expect(await total('from=2026-12-01&to=2026-12-20')).toBe(2); // 00:30 on the 1st and the 20th both count
      expect(await total('from=2026-12-02')).toBe(1);
      expect(await total('to=2026-11-30')).toBe(1);
      expect(await total('category=appraisal')).toBe(2);
      expect(await total('channel=walk_in&severity=general')).toBe(2);
      expect(await total('branch=BJ01')).toBe(3);
      expect(await total('branch=SH09')).toBe(0);
      const bad = await browser.get('/stats?lang=en&from=2026-12-31&to=2026-12-01');
      expect(bad.status).toBe(400);
      expect(bad.text).toContain('The end must be after the start');
      expect((await browser.get('/stats?lang=zh-CN&from=2026-02-30')).text).toContain('时间无效');
      expect((await browser.get('/stats?severity=<b>')).status).toBe(400);
    });

    it('downloads the counts as XLSX, one sheet per dimension, the filter applied', async () => {
      const file = await browser.get('/stats.xlsx?lang=en&channel=walk_in');
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toContain('spreadsheetml');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(file.bytes as unknown as ArrayBuffer);
      expect(book.worksheets.map((s) => s.name)).toEqual(['Branch', 'Month', 'Category', 'Channel', 'Severity', 'Outcome', 'State']);
      const rows = (name: string) => (book.getWorksheet(name)!.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1));
      expect(rows('Channel')).toEqual([
        ['Channel', 'Cases'],
        ['Walk-in', 2],
      ]);
      const outcomes = await caseCounts(hq.db, { channel: 'walk_in' }, 'outcome');
      expect(
        rows('Outcome')
          .slice(1)
          .map((r) => r[1]),
      ).toEqual(outcomes.map((r) => r.count));
      expect(rows('Outcome')).toContainEqual(['Not closed yet', 1]);
    });

    it('sends anyone not signed in to sign in', async () => {
      for (const path of ['/stats', '/stats.xlsx']) {
        const page = await new Browser(hq.url).get(path);
        expect(page.status).toBe(303);
        expect(page.location).toBe(`/sign-in?next=${encodeURIComponent(path)}`);
      }
    });
  });
