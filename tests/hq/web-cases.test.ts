import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseEntry } from '../../shared/sync/protocol';
import { translatorFor } from '../../hq/web/i18n';
import { casesSheet } from '../../hq/web/pages/cases';
import { BACKENDS, batchOf, buildCase, startHq, SUITE, type TestHq } from './fixtures';
import { addAdmin, Browser, type Page } from './web-fixtures';

const china = (dateTime: string) => Date.parse(`${dateTime}+08:00`);
const HOSTILE = '<script>alert(1)</script>"\'&';
const FORMULA = '=HYPERLINK("http://evil.example","点我")';

const person = (name: string, phone: string) => ({
  name,
  phone,
  address: '',
  email: '',
  idType: 'resident_id',
  idNumber: '',
  anonymous: false,
});

function caseWith(branch: string, fields: Record<string, unknown>): CaseEntry {
  const entry = buildCase({ branch });
  return { ...entry, record: { ...entry.record, ...fields } };
}

const parcel = caseWith('BJ01', {
  complainant: person('王小明', '13812345678'),
  content: '快递包裹外包装破损，内件丢失。',
  category: 'lost_damaged',
  channel: 'phone',
  severity: 'major',
  receivedAt: china('2026-11-30T23:30:00'),
  callbacks: [{ satisfaction: 'satisfied' }],
  satisfaction: 'satisfied',
  closedAt: china('2026-12-01T09:00:00'),
});
const appraisal = caseWith('BJ01', {
  complainant: person('李四', '13900001111'),
  content: '当物鉴定估价明显偏低，要求重新鉴定。',
  category: 'appraisal',
  channel: 'walk_in',
  severity: 'general',
  // Half past midnight on 1 December in China: still 30 November in UTC.
  receivedAt: china('2026-12-01T00:30:00'),
});
const hostile = caseWith('SH01', {
  complainant: person(HOSTILE, '021-5555 6666'),
  businessRef: FORMULA,
  content: '服务态度差',
  category: 'service_attitude',
  channel: 'online',
  severity: 'urgent',
  state: 'investigating',
  receivedAt: china('2026-10-15T14:00:00'),
});
const formula = caseWith('SH01', {
  complainant: person(FORMULA, '+8613800000000'),
  content: '价格收费争议',
  category: 'price_dispute',
  severity: 'general',
  receivedAt: china('2026-10-16T14:00:00'),
});

/** The case numbers a list page shows, in order. */
const caseNos = (page: Page) => [...page.text.matchAll(/<th scope="row"><a href="\/cases\/[^"]+">([^<]+)<\/a><\/th>/g)].map((m) => m[1]);
const no = (c: CaseEntry) => c.record.caseNo as string;

for (const { backend, skip } of BACKENDS)
  describe.skipIf(skip)(`the HQ page's cases list on ${backend}`, SUITE, () => {
    let hq: TestHq;
    let browser: Browser;
    beforeAll(async () => {
      hq = await startHq(backend);
      await hq.enrol('SH01', '上海一店');
      expect((await hq.post(batchOf([parcel, appraisal]))).status).toBe(200);
      expect((await hq.post(batchOf([hostile, formula], undefined, 'SH01'))).status).toBe(200);
      await addAdmin(hq.db);
      browser = new Browser(hq.url);
      expect((await browser.signIn()).status).toBe(303);
    }, 60_000);
    afterAll(() => hq?.close());

    it('sends anyone not signed in to sign in, and back to the same list afterwards', async () => {
      const stranger = new Browser(hq.url);
      const answer = await stranger.get('/cases?text=%E5%8C%85%E8%A3%B9');
      expect(answer.status).toBe(303);
      expect(answer.location).toBe(`/sign-in?next=${encodeURIComponent('/cases?text=%E5%8C%85%E8%A3%B9')}`);
      expect((await stranger.get('/cases.xlsx')).status).toBe(303);
      const signedIn = await stranger.signIn('admin', undefined, { next: '/cases?text=%E5%8C%85%E8%A3%B9' });
      expect(signedIn.location).toBe('/cases?text=%E5%8C%85%E8%A3%B9');
    });

    it('lists every branch newest first, each case number leading to its page, with the navigation entry current', async () => {
      const page = await browser.get('/cases');
      expect(page.status).toBe(200);
      expect(caseNos(page)).toEqual([no(appraisal), no(parcel), no(formula), no(hostile)]);
      expect(page.text).toContain(`<a href="/cases/${parcel.caseId}">${no(parcel)}</a>`);
      expect(page.text).toMatch(/<a href="\/cases" aria-current="page">案件<\/a>/);
      expect(page.text).toContain('共 4 件。');
      expect(page.text).toMatch(/<caption>\s*符合条件的案件（第 1 页）\s*<\/caption>/);
      const row = /<tr>\s*<th scope="row"><a href="\/cases\/[^"]+">BJ01[^<]*<\/a><\/th>[\s\S]*?<\/tr>/.exec(page.text)![0];
      expect(row).toContain('北京一店');
      expect(row).toContain('2026/12/01 00:30'); // China time
      expect(row).toContain('鉴定估价');
      expect(row).toContain('一般');
      expect(row).toContain('李四');
      expect(row).toContain('已核验');
      expect(page.text).toContain('满意'); // the parcel's outcome
    });

    it('searches a Chinese word, the phone as typed, and the business reference; combines every filter', async () => {
      expect(caseNos(await browser.get(`/cases?text=${encodeURIComponent('包裹')}`))).toEqual([no(parcel)]);
      expect(caseNos(await browser.get(`/cases?text=${encodeURIComponent('138 1234-5678')}`))).toEqual([no(parcel)]);
      expect(caseNos(await browser.get(`/cases?text=${encodeURIComponent('evil.example')}`))).toEqual([no(formula), no(hostile)]);
      expect(caseNos(await browser.get('/cases?branch=SH01&sort=caseNo&dir=asc'))).toEqual([no(hostile), no(formula)]);
      expect(caseNos(await browser.get('/cases?state=investigating'))).toEqual([no(hostile)]);
      expect(caseNos(await browser.get('/cases?category=appraisal'))).toEqual([no(appraisal)]);
      expect(caseNos(await browser.get('/cases?channel=online'))).toEqual([no(hostile)]);
      expect(caseNos(await browser.get('/cases?severity=major'))).toEqual([no(parcel)]);
      expect(caseNos(await browser.get('/cases?outcome=satisfied'))).toEqual([no(parcel)]);
      // The period is in China days, both ends included: 30 November ends at midnight China time.
      expect(caseNos(await browser.get('/cases?from=2026-11-30&to=2026-11-30'))).toEqual([no(parcel)]);
      expect(caseNos(await browser.get('/cases?from=2026-12-01'))).toEqual([no(appraisal)]);
      expect(caseNos(await browser.get('/cases?to=2026-10-15'))).toEqual([no(hostile)]);
      // The form shows what was asked for.
      const page = await browser.get(`/cases?text=${encodeURIComponent('包裹')}&branch=BJ01&severity=major&from=2026-11-01`);
      expect(page.text).toContain('name="text" value="包裹"');
      expect(page.text).toMatch(/<option value="BJ01" selected>BJ01 北京一店<\/option>/);
      expect(page.text).toMatch(/<option value="major" selected>重大<\/option>/);
      expect(page.text).toContain('name="from" value="2026-11-01"');
      expect(page.text).toContain(
        `href="/cases.xlsx?text=${encodeURIComponent('包裹')}&amp;branch=BJ01&amp;from=2026-11-01&amp;severity=major"`,
      );
    });

    it('says when nothing matches', async () => {
      const page = await browser.get(`/cases?text=${encodeURIComponent('不存在的词')}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('没有符合条件的案件。');
      expect(page.text).not.toContain('<table');
    });

    it('pages with links that keep the filters, the current page marked', async () => {
      const first = await browser.get('/cases?branch=BJ01&size=1');
      expect(caseNos(first)).toEqual([no(appraisal)]);
      expect(first.text).toContain('<a href="/cases?branch=BJ01&amp;page=1&amp;size=1" rel="next">下一页</a>');
      expect(first.text).toContain('<a href="/cases?branch=BJ01&amp;size=1" aria-current="page" aria-label="第 1 页">1</a>');
      const second = await browser.get('/cases?branch=BJ01&page=1&size=1');
      expect(caseNos(second)).toEqual([no(parcel)]);
      expect(second.text).toContain('<a href="/cases?branch=BJ01&amp;size=1" rel="prev">上一页</a>');
      expect(second.text).toContain('aria-current="page" aria-label="第 2 页">2</a>');
      expect(second.text).toContain('name="size" value="1"'); // a new search keeps the page size
    });

    it('switches language keeping the page and its filters: only lang is replaced, the links escaped', async () => {
      const query = `branch=BJ01&text=${encodeURIComponent('快递 包裹')}&severity=major&lang=zh-TW&size=1`;
      const page = await browser.get(`/cases?${query}`);
      expect(caseNos(page)).toEqual([no(parcel)]);
      const links = [...page.text.matchAll(/<a\s+href="([^"]*)"\s+lang="([^"]+)"\s+hreflang/g)].map((m) => [m[2], m[1]]);
      expect(links.map(([lang]) => lang)).toEqual(['zh-CN', 'zh-TW', 'en']);
      for (const [lang, href] of links) {
        // Every & of the address is written &amp; in the attribute.
        expect(href).not.toMatch(/&(?!amp;)/);
        const link = new URL(href!.replaceAll('&amp;', '&'), hq.url);
        expect(link.pathname).toBe('/cases');
        expect([...link.searchParams]).toEqual([
          ['branch', 'BJ01'],
          ['text', '快递 包裹'],
          ['severity', 'major'],
          ['lang', lang],
          ['size', '1'],
        ]);
      }
      // Following the English link: the same filtered list, in English.
      const english = await browser.get(links[2]![1]!.replaceAll('&amp;', '&'));
      expect(english.text).toContain('<html lang="en">');
      expect(caseNos(english)).toEqual([no(parcel)]);
      expect(english.text).toContain('value="快递 包裹"');

      // A page without a query gets only the language; text in the query never breaks out of the attribute.
      expect((await browser.get('/cases')).text).toMatch(/<a\s+href="\/cases\?lang=en"\s+lang="en"/);
      const hostileQuery = await browser.get(`/cases?text=${encodeURIComponent(HOSTILE)}&x="><script>`);
      expect(hostileQuery.text).not.toContain('<script>');
      const href = /<a\s+href="([^"]*)"\s+lang="en"/.exec(hostileQuery.text)![1]!;
      expect(new URL(href.replaceAll('&amp;', '&'), hq.url).searchParams.get('text')).toBe(HOSTILE);
      await browser.get('/cases?lang=zh-CN'); // the next tests read Chinese
    });

    it('answers bad filters with the form and a translated message beside it (400), never a 5xx', async () => {
      const cases: [string, string, string][] = [
        ['text=ab', '搜索：请输入至少一个汉字，或至少三个字母或数字', 'Search: Enter at least one Chinese character'],
        ['from=2026-02-30', '登记日期从：时间无效', 'Registered from: Invalid time'],
        ['from=2026-12-02&to=2026-12-01', '登记日期至：结束时间须晚于开始时间', 'Registered until: The end must be after the start'],
        ['state=nope', '办理状态：状态无效', 'State: '],
        ['branch=bj01%3Cx%3E', '网点：网点代码应为 2–12 位大写字母或数字', 'Branch: '],
        ['sort=DROP%20TABLE', '排序：排序方式无效', 'Sort by: Invalid sort order'],
        ['page=1000', '最多只能翻到前 1000 条', 'Only the first 1,000 rows'],
        ['size=0', '每页条数须为 1 至 100', 'Rows per page: 1 to 100'],
        [`text=${'长'.repeat(101)}`, '搜索：不能超过 100 个字', 'Search: '],
      ];
      for (const [query, zh, en] of cases) {
        const page = await browser.get(`/cases?${query}&lang=zh-CN`);
        expect(page.status, query).toBe(400);
        expect(page.text, query).toContain('查询条件有误，未查询：');
        expect(page.text, query).toContain(zh);
        expect(page.text, query).toContain('<form class="filters"');
        const english = await browser.get(`/cases?${query}&lang=en`);
        expect(english.text, query).toContain(en);
        expect((await browser.get(`/cases.xlsx?${query}`)).status, query).toBe(400);
      }
      await browser.get('/cases?lang=zh-CN'); // the next tests read Chinese
      // Repeated and odd fields are read as text, the first of each.
      expect((await browser.get('/cases?branch=SH01&branch=BJ01&x[y]=1')).status).toBe(200);
    });

    it('shows hostile text from a branch and in the query as text, never as markup', async () => {
      const page = await browser.get(`/cases?branch=SH01`);
      expect(page.text).not.toContain('<script>');
      expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;');
      const echoed = await browser.get(`/cases?text=${encodeURIComponent(HOSTILE)}`);
      expect(echoed.status).toBe(200);
      expect(echoed.text).not.toContain('<script>');
      expect(echoed.text).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;"');
    });

    it('downloads every matching row as XLSX, headings in the page language, formula-like text neutralised', async () => {
      const file = await browser.get('/cases.xlsx?branch=SH01&sort=caseNo&dir=asc&lang=en');
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toContain('spreadsheetml');
      expect(file.headers.get('content-disposition')).toContain('cases-20261201.xlsx');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(file.bytes.buffer as ArrayBuffer);
      const sheet = book.worksheets[0]!;
      expect(sheet.name).toBe('Cases');
      expect(sheet.getRow(1).values).toEqual([
        undefined,
        'Case no.',
        'Branch',
        'Branch',
        'Registered',
        'Category',
        'Channel',
        'Severity',
        'State',
        'Outcome',
        'Customer',
        'Phone',
        'Event chain',
      ]);
      expect(sheet.rowCount).toBe(3);
      expect(sheet.getRow(2).values).toEqual([
        undefined,
        no(hostile),
        'SH01',
        '上海一店',
        'Oct 15, 2026, 14:00',
        'Service attitude',
        'Online',
        'Urgent',
        'Investigating',
        undefined,
        HOSTILE,
        '021-5555 6666',
        'Verified',
      ]);
      const row = sheet.getRow(3);
      expect(row.getCell(10).value).toBe(`'${FORMULA}`);
      expect(row.getCell(10).formula).toBeUndefined();
      expect(row.getCell(11).value).toBe("'+8613800000000");

      const zh = await browser.get(`/cases.xlsx?text=${encodeURIComponent('包裹')}&lang=zh-CN`);
      await book.xlsx.load(zh.bytes.buffer as ArrayBuffer);
      const zhSheet = book.worksheets[book.worksheets.length - 1]!;
      expect(zhSheet.getRow(1).getCell(1).value).toBe('投诉单号');
      expect(zhSheet.getRow(2).getCell(1).value).toBe(no(parcel));
      expect(zhSheet.getRow(2).getCell(9).value).toBe('满意');
    });
  });

describe('the cases sheet', () => {
  it('says in its last row when the result was cut at the cap', () => {
    const t = translatorFor('zh-CN');
    const { rows } = casesSheet({ t, locale: 'zh-CN' }, [], true);
    expect(rows).toEqual([['只含前 10,000 件：符合条件的案件更多，请缩小查询条件后再下载。']]);
  });
});
