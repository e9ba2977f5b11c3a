import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CaseEvent } from '../../shared/ledger/eventHash';
import { BACKENDS, BRANCH, buildCase, grow, rechained, rewritten, startHq, SUITE, T0, withEvents, type TestHq } from './fixtures';
import { addAdmin, Browser, deliver, upload, withRecord } from './web-fixtures';

const HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'&';
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
const PDF = new TextEncoder().encode('%PDF-1.4 not really');
const HTML_FILE = new TextEncoder().encode('<html><script>alert(3)</script></html>');

for (const { backend, skip } of BACKENDS)
  describe.skipIf(skip)(`HQ page on ${backend}`, SUITE, () => {
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
    });
    afterAll(() => hq?.close());

    it('lists each branch: last contact in China time, cases received, cases waiting, app version, a warning when silent', async () => {
      await deliver(hq, [buildCase(), buildCase()], { appVersion: '0.3.1', waiting: 7 });
      await hq.enrol('SH02', '上海二店'); // never in contact
      hq.clock.advance(48 * 3_600_000); // exactly 48 hours: not yet silent
      await browser.signIn(); // the session of the morning has long ended
      let page = await browser.get('/branches');
      expect(page.status).toBe(200);
      const row = (code: string) => new RegExp(`<tr>\\s*<td>${code}</td>[\\s\\S]*?</tr>`).exec(page.text)?.[0] ?? '';
      expect(row(BRANCH)).toContain('北京一店');
      expect(row(BRANCH)).toContain('2026/12/01 10:00'); // T0 is 10:00 China time
      expect(row(BRANCH)).toMatch(/<td class="num">2<\/td>\s*<td class="num">7<\/td>\s*<td>0\.3\.1<\/td>/);
      expect(row(BRANCH)).toContain('正常');
      expect(row('SH02')).toContain('警告：从未联系总部');
      expect(page.text).toContain('超过 48 小时没有联系总部的网点会标出警告');
      expect(page.text).toContain('1 个网点需要关注');

      hq.clock.advance(1);
      page = await browser.get('/branches?lang=en');
      expect(page.text).toContain('<html lang="en">');
      expect(row(BRANCH)).toContain('Dec 1, 2026, 10:00');
      expect(row(BRANCH)).toContain('Warning: silent for more than 48 hours');
      expect(page.text).toContain('2 branches need attention');
    });

    it('chooses the language by ?lang=, then the cookie it sets, then Accept-Language; zh-CN otherwise', async () => {
      expect((await browser.get('/branches')).text).toContain('<html lang="zh-CN">');
      expect((await browser.get('/branches?lang=zh-TW')).text).toContain('<html lang="zh-TW">');
      expect((await browser.get('/branches')).text).toContain('網點代碼'); // the cookie remembers
      const tw = new Browser(hq.url, { 'accept-language': 'zh-Hant-TW,zh;q=0.8' });
      expect((await tw.get('/sign-in')).text).toContain('<html lang="zh-TW">');
      const en = new Browser(hq.url, { 'accept-language': 'en-US,en;q=0.9' });
      expect((await en.get('/sign-in')).text).toContain('<html lang="en">');
      expect((await new Browser(hq.url, { 'accept-language': 'fr' }).get('/sign-in')).text).toContain('<html lang="zh-CN">');
    });

    it('sends the pages with a strict Content-Security-Policy and no script; the sync API keeps its CORS and sets no cookie', async () => {
      for (const [path, by] of [
        ['/sign-in', new Browser(hq.url)],
        ['/branches', browser],
      ] as const) {
        const page = await by.get(path);
        expect(page.headers.get('content-security-policy')).toBe(
          "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        );
        expect(page.headers.get('x-content-type-options')).toBe('nosniff');
        expect(page.headers.get('referrer-policy')).toBe('no-referrer');
        expect(page.headers.get('cache-control')).toBe('no-store');
        expect(page.headers.get('access-control-allow-origin')).toBeNull();
        expect(page.text).not.toMatch(/<script|style=|<style/i);
        expect(page.text).toMatch(/<a class="skip" href="#main">/);
        expect(page.text).toMatch(/<main id="main"/);
      }
      const css = await browser.get('/assets/hq.css');
      expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
      const health = await fetch(`${hq.url}/v1/health`, { headers: { origin: 'http://localhost:5173' } });
      expect(health.headers.get('access-control-allow-origin')).toBe('*');
      expect(health.headers.get('set-cookie')).toBeNull();
      expect(health.headers.get('content-security-policy')).toBeNull();
    });

    it('shows a case’s record, timeline and chain status, verified', async () => {
      const c = withRecord(grow(buildCase(), 1), {
        profileId: 'pawnshop',
        channel: 'walk_in',
        category: 'appraisal',
        severity: 'major',
        businessRef: 'DP-2026-0012',
        complainant: { name: '王小明', phone: '13812345678', anonymous: false },
        content: '当物鉴定估价明显偏低，要求重新鉴定。',
        investigationNotes: [{ at: T0 + 3_600_000, by: 'h01', text: '已调取鉴定记录' }],
      });
      await deliver(hq, [c]);
      let page = await browser.get(`/cases/${c.caseId}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain(`投诉 ${c.record.caseNo}`);
      for (const text of [
        '已核验',
        '当票号',
        'DP-2026-0012',
        '王小明',
        '13812345678',
        '鉴定估价',
        '重大',
        '上门',
        '已归档',
        '已调取鉴定记录',
        '登记',
        '调查记录',
      ])
        expect(page.text).toContain(text);
      page = await browser.get(`/cases/${c.caseId}?lang=en`);
      for (const text of ['Verified', 'Pawn ticket no.', 'Appraisal', 'Major', 'Walk-in', 'Archived'].filter(Boolean))
        expect(page.text, text).toContain(text);
    });

    it('says the timeline in the page’s language: events, fields and their values; anything unknown as sent, escaped', async () => {
      const base = buildCase({ events: 1 });
      const event = (seq: number, type: CaseEvent['type'], changes: CaseEvent['changes']): CaseEvent => ({
        ...base.events[0]!,
        seq,
        type,
        at: T0 + seq * 60_000,
        changes,
      });
      const c = withEvents(
        base,
        rechained([
          event(1, 'registered', { state: [null, 'registered'], channel: [null, 'walk_in'], id: [null, base.caseId] }),
          event(2, 'assigned', { state: ['registered', 'assigned'], assigneeId: ['', 'h01'], updatedAt: [T0, T0 + 1] }),
          event(3, 'updated', {
            channel: ['walk_in', 'phone'],
            category: ['other', 'lost_damaged'],
            severity: ['general', 'major'],
            somethingNew: [null, HOSTILE],
            version: [2, 3],
          }),
          event(4, 'callback_recorded', { satisfaction: [null, 'unsatisfied'], callbacks: [[], [{ satisfaction: 'unsatisfied' }]] }),
          event(5, 'updated', { severity: ['major', 'not_a_severity'] }),
        ]),
        5,
      );
      await deliver(hq, [c]);
      const timeline = async (lang: string) => {
        const page = await browser.get(`/cases/${c.caseId}?lang=${lang}`);
        expect(page.status).toBe(200);
        return /<section aria-labelledby="timeline-h">[\s\S]*?<\/section>/.exec(page.text)![0];
      };
      /** Each event's row: its cells' text, the changes as their lines. */
      const rows = (text: string) =>
        [...text.matchAll(/<tr>\s*<td class="num">(\d+)<\/td>[\s\S]*?<\/tr>/g)].map((row) => ({
          type: [...row[0].matchAll(/<td>([^<]*)<\/td>/g)].map((m) => m[1])[1],
          changes: [...row[0].matchAll(/<li>([^<]*)<\/li>/g)].map((m) => m[1]),
        }));

      expect(rows(await timeline('zh-CN'))).toEqual([
        { type: '登记', changes: [] }, // the registration's changes are the record, shown above
        { type: '分派', changes: ['状态 → 已分派', '经办人 → h01'] },
        {
          type: '修改登记内容',
          changes: [
            '受理渠道 → 电话',
            '投诉类别 → 丢件破损',
            '严重程度 → 重大',
            // A field without a label, as sent, escaped.
            'somethingNew: &lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&quot;&#39;&amp;',
          ],
        },
        { type: '客户回访', changes: ['客户满意度 → 不满意', '客户回访'] },
        { type: '修改登记内容', changes: ['严重程度 → not_a_severity'] }, // a value the vocabulary lacks, as sent
      ]);
      expect(rows(await timeline('en'))).toEqual([
        { type: 'Registered', changes: [] },
        { type: 'Assigned', changes: ['State → Assigned', 'Handler → h01'] },
        {
          type: 'Registration edited',
          changes: [
            'Channel → Phone',
            'Category → Lost or damaged parcel',
            'Severity → Major',
            'somethingNew: &lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&quot;&#39;&amp;',
          ],
        },
        { type: 'Customer callback', changes: ['Customer satisfaction → Unsatisfied', 'Customer callbacks'] },
        { type: 'Registration edited', changes: ['Severity → not_a_severity'] },
      ]);

      // An event type this page has no word for (a newer branch's) is shown as stored, escaped.
      const stored = c.events.map((e) => (e.seq === 5 ? { ...e, type: '<b>state_changed</b>' } : e));
      await hq.db.query('UPDATE cases SET events = $1 WHERE id = $2', [JSON.stringify(stored), c.caseId]);
      expect(rows(await timeline('zh-CN'))[4]).toEqual({
        type: '&lt;b&gt;state_changed&lt;/b&gt;',
        changes: ['严重程度 → not_a_severity'],
      });
    });

    it('shows a flagged case with each flag: reason, detail, when', async () => {
      const c = buildCase({ events: 3 });
      await deliver(hq, [c]);
      hq.clock.advance(60_000);
      const tampered = withEvents(c, rewritten(c, 2, { notes: [null, '改过的'] }), c.version + 1);
      await hq.post({ ...(await import('./fixtures')).batchOf([tampered]) });
      const page = await browser.get(`/cases/${c.caseId}`);
      expect(page.text).toContain('已标记');
      expect(page.text).toContain('历史记录被改写');
      expect(page.text).toContain('2026/12/01 10:01');
      expect(page.text).not.toContain('已核验');
    });

    it('escapes hostile text from a branch everywhere it is shown', async () => {
      await hq.db.query('UPDATE branches SET name = $1, app_version = $2 WHERE code = $3', [HOSTILE, HOSTILE.slice(0, 40), BRANCH]);
      const sha = await upload(hq, PNG);
      const c = withRecord(
        { ...buildCase(), attachments: [{ id: 'att-1', sha256: sha, name: `${HOSTILE}.png`, type: 'image/png', size: PNG.length }] },
        {
          complainant: { name: HOSTILE, phone: HOSTILE },
          content: HOSTILE,
          category: HOSTILE,
          state: HOSTILE.slice(0, 40),
          investigationNotes: [{ by: HOSTILE, text: HOSTILE, at: 'x' }],
        },
      );
      await deliver(hq, [c]);
      for (const path of ['/branches', `/cases/${c.caseId}`]) {
        const page = await browser.get(path);
        expect(page.status).toBe(200);
        expect(page.text).not.toContain('<script>alert');
        expect(page.text).not.toContain('<img src=x');
        expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&quot;&#39;&amp;');
      }
    });

    it('serves attachments safely: listed images inline as themselves, everything else (PDFs too) only as a download', async () => {
      const [png, pdf, html] = [await upload(hq, PNG), await upload(hq, PDF), await upload(hq, HTML_FILE)];
      const c = {
        ...buildCase(),
        attachments: [
          { id: 'photo', sha256: png, name: '现场照片.png', type: 'image/png', size: PNG.length },
          { id: 'form', sha256: pdf, name: 'signed "form".pdf', type: 'application/pdf', size: PDF.length },
          { id: 'page', sha256: html, name: 'a.svg', type: 'image/svg+xml', size: HTML_FILE.length },
          { id: 'web', sha256: html, name: 'a.html', type: 'text/html', size: HTML_FILE.length },
        ],
      };
      await deliver(hq, [c]);
      const page = await browser.get(`/cases/${c.caseId}`);
      expect(page.text).toContain(`<img src="/cases/${c.caseId}/attachments/photo" alt="图片：现场照片.png"`);
      expect(page.text).not.toContain(`<img src="/cases/${c.caseId}/attachments/page"`);

      const photo = await browser.get(`/cases/${c.caseId}/attachments/photo`);
      expect(photo.status).toBe(200);
      expect(photo.headers.get('content-type')).toBe('image/png');
      expect(photo.headers.get('content-disposition')).toBe(
        `inline; filename="____.png"; filename*=UTF-8''${encodeURIComponent('现场照片.png')}`,
      );
      expect(photo.headers.get('x-content-type-options')).toBe('nosniff');
      expect(photo.headers.get('content-security-policy')).toContain('sandbox');
      expect(photo.bytes).toEqual(PNG);

      const form = await browser.get(`/cases/${c.caseId}/attachments/form`);
      expect(form.headers.get('content-type')).toBe('application/octet-stream');
      expect(form.headers.get('content-disposition')).toBe(
        `attachment; filename="signed__form_.pdf"; filename*=UTF-8''signed%20%22form%22.pdf`,
      );
      for (const id of ['page', 'web']) {
        const other = await browser.get(`/cases/${c.caseId}/attachments/${id}`);
        expect(other.headers.get('content-type')).toBe('application/octet-stream');
        expect(other.headers.get('content-disposition')).toMatch(/^attachment;/);
        expect(other.headers.get('x-content-type-options')).toBe('nosniff');
      }
      expect((await browser.get(`/cases/${c.caseId}/attachments/nothing`)).status).toBe(404);
      const unknown = await browser.get('/cases/no-such-case');
      expect(unknown.status).toBe(404);
      expect(unknown.text).toContain('找不到这件投诉');
    });

    it('downloads the branches as XLSX, formula-like text neutralised', async () => {
      await hq.db.query('UPDATE branches SET name = $1 WHERE code = $2', ['=HYPERLINK("http://evil.example","点我")', BRANCH]);
      await deliver(hq, [buildCase()], { appVersion: '+1.0', waiting: 3 });
      await hq.db.query('UPDATE branches SET name = $1 WHERE code = $2', ['=HYPERLINK("http://evil.example","点我")', BRANCH]);
      const file = await browser.get('/branches.xlsx');
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="branches-20261201\.xlsx"/);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(file.bytes.buffer as ArrayBuffer);
      const sheet = book.getWorksheet('网点')!;
      expect(sheet.getRow(1).values).toEqual([
        undefined,
        '网点代码',
        '网点名称',
        '最后联系',
        '总部已收到的投诉',
        '网点待发送',
        '应用版本',
        '状态',
      ]);
      const row = sheet.getRow(2);
      expect(row.values).toEqual([
        undefined,
        BRANCH,
        `'=HYPERLINK("http://evil.example","点我")`,
        '2026/12/01 10:00',
        1,
        3,
        "'+1.0",
        '正常',
      ]);
      expect(row.getCell(2).type).toBe(ExcelJS.ValueType.String);
      expect(row.getCell(2).formula).toBeUndefined();
    });
  });
