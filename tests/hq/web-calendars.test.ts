import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { calendarPublications, publishCalendar } from '../../hq/calendar';
import { calendarCommand } from '../../hq/calendarCli';
import { calendarLines, readCalendarLines } from '../../hq/web/calendarLines';
import { publishPolicy } from '../../hq/policies';
import { addUser } from '../../hq/staff/users';
import { calendarFileSchema, DEFAULT_DEADLINE_POLICIES } from '../../shared/deadlines';
import { PATHS } from '../../shared/sync/protocol';
import { BACKENDS, startHq, SUITE, T0, type TestHq } from './fixtures';
import { addAdmin, Browser, csrfOf, PASSWORD } from './web-fixtures';

const HOSTILE = '<script>alert(1)</script>"\'&';
const LINES_2027 = ['2027-01-01 休 元旦', '', '# 春节', '2027-02-06 off 春节', '2027/2/7 班 春节调休', '2027-02-20 WORK'].join('\n');
const DAYS_2027 = [
  { date: '2027-01-01', workday: false, name: '元旦' },
  { date: '2027-02-06', workday: false, name: '春节' },
  { date: '2027-02-07', workday: true, name: '春节调休' },
  { date: '2027-02-20', workday: true },
];

describe('the calendar line format', () => {
  it('reads a date, 休/off or 班/work and an optional name a line; skips blank and # lines; names each bad line', () => {
    expect(readCalendarLines(LINES_2027)).toEqual({ days: DAYS_2027, lineOf: [1, 4, 5, 6], problems: [] });
    expect(readCalendarLines('\u30002027-10-01\u3000休\u3000国庆节 假期\r\n')).toEqual({
      days: [{ date: '2027-10-01', workday: false, name: '国庆节 假期' }],
      lineOf: [1],
      problems: [],
    });
    expect(readCalendarLines('元旦 2027-01-01\n2027-01-02\n2027-01-03 放假\n2027-01-04 休').problems).toEqual([
      { line: 1, text: '元旦 2027-01-01', key: 'calendars.line.date' },
      { line: 2, text: '2027-01-02', key: 'calendars.line.kind' },
      { line: 3, text: '2027-01-03 放假', key: 'calendars.line.kind' },
    ]);
  });

  it('writes a calendar back as the lines it reads', () => {
    expect(readCalendarLines(calendarLines(DAYS_2027)).days).toEqual(DAYS_2027);
  });
});

for (const { backend, skip } of BACKENDS)
  describe.skipIf(skip)(`the Calendars page on ${backend}`, SUITE, () => {
    let hq: TestHq;
    let admin: Browser;
    beforeAll(async () => {
      hq = await startHq(backend);
    }, 60_000);
    beforeEach(async () => {
      await hq.reset();
      await addAdmin(hq.db, 'zhang.min', '张敏');
      admin = new Browser(hq.url);
      expect((await admin.signIn('zhang.min')).status).toBe(303);
    });
    afterAll(() => hq?.close());

    const publish = async (by: Browser, year: string, days: string) => {
      const page = await by.get('/calendars');
      return by.post('/calendars', { _csrf: csrfOf(page), year, days });
    };

    it('publishes a year from the form as the signed-in user: in the list, its days, and to the branches (calendarsSince)', async () => {
      const form = await admin.get('/calendars');
      expect(form.status).toBe(200);
      expect(form.text).toContain('还没有发布任何年份');
      expect(form.text).toMatch(/<input\s+name="year"[^>]*value="2027"/); // next year in China time
      expect(form.text).toContain('<a href="/calendars" aria-current="page">节假日日历</a>');

      // A published_by in the form is not a field the page reads: the session says who publishes.
      const sent = await admin.post('/calendars', { _csrf: csrfOf(form), year: '2027', days: LINES_2027, by: 'someone else' });
      expect(sent.status).toBe(303);
      const [held] = await calendarPublications(hq.db);
      expect(held).toEqual({ year: 2027, version: expect.any(Number), publishedAt: T0, publishedBy: '张敏 (zhang.min)', days: DAYS_2027 });
      expect(sent.location).toBe(`/calendars/2027?published=${held!.version}`);

      const year = await admin.get(sent.location!);
      expect(year.text).toContain('已发布 2027 年：2 个放假日、2 个调休上班日');
      const day = /<th scope="row">2027-02-07<\/th>[\s\S]*?<\/tr>/.exec(year.text)?.[0].replace(/\s+/g, ' ');
      expect(day).toBe(
        '<th scope="row">2027-02-07</th> <td>周日</td> <td> <span class="workday">调休上班</span> </td> <td>春节调休</td> </tr>',
      );
      expect(year.text).toContain('张敏 (zhang.min) 于 2026/12/01 10:00 发布');
      expect((await admin.get('/calendars/2027')).text).not.toContain('已发布 2027 年'); // said once

      const list = await admin.get('/calendars?lang=en');
      const row = /<tr>\s*<th scope="row"><a href="\/calendars\/2027">2027<\/a><\/th>[\s\S]*?<\/tr>/.exec(list.text)?.[0] ?? '';
      expect(row).toMatch(
        new RegExp(
          `<td class="num">${held!.version}</td>\\s*<td>Dec 1, 2026, 10:00</td>\\s*<td>张敏 \\(zhang.min\\)</td>\\s*<td class="num">2</td>\\s*<td class="num">2</td>`,
        ),
      );
      expect(row).toContain('<a href="/calendars/2027/calendar-2027.json" download>Download 2027</a>');

      const answer = await hq.send({ method: 'GET', path: `${PATHS.calendars}?since=0` });
      expect(answer.json.calendars).toEqual([{ year: 2027, version: held!.version, publishedAt: T0, days: DAYS_2027 }]);
    });

    it('refuses bad lines and a bad year, naming each problem by its line, keeping the text, publishing nothing', async () => {
      const days = ['2027-01-01 休 元旦', '2027-02-30 休', 'New Year 2027-01-01', '2026-12-31 班', '2027-01-01 班', '2027-03-01 放假'].join(
        '\n',
      );
      const refused = await publish(admin, '2027', days);
      expect(refused.status).toBe(400);
      expect(refused.text).toContain('未发布。请修改以下 5 处');
      const items = [...refused.text.matchAll(/<li>(第[^<]*)<\/li>/g)].map((m) => m[1]);
      expect(items).toEqual([
        '第 2 行“2027-02-30 休”：请输入有效日期（年-月-日）。',
        '第 3 行“New Year 2027-01-01”：行首须是日期，写作 年-月-日，例如 2027-01-01。',
        '第 4 行“2026-12-31 班”：该日期不在 2027 年内。',
        '第 5 行“2027-01-01 班”：该日期已录入。',
        '第 6 行“2027-03-01 放假”：日期后须写“休”（放假）或“班”（调休上班），也可写 off 或 work。',
      ]);
      expect(refused.text).toContain(`>\n${days}</textarea>`); // the text as sent, to correct
      expect(refused.text).toMatch(/<textarea[^>]*aria-invalid="true"/);
      expect(refused.text).toMatch(/<input\s+name="year"[^>]*value="2027"/);

      const badYear = await publish(admin, '27', '2027-01-01 休');
      expect(badYear.status).toBe(400);
      expect(badYear.text).toContain('年份：年份须为 2000 至 2100 之间的整数。');
      expect(badYear.text).toMatch(/<input\s+name="year"[^>]*value="27"[^>]*aria-invalid="true"/);

      await admin.get('/calendars?lang=en');
      const en = await publish(admin, '2027', '2027-13-01 off');
      expect(en.text).toContain('Line 1 “2027-13-01 off”: Enter a real date (YYYY-MM-DD).');
      expect(await hq.count('calendars')).toBe(0);
    });

    it('lets staff see the calendars and download the file, but only an administrator publish', async () => {
      await publishCalendar(hq.db, { year: 2027, days: DAYS_2027, by: '王经理' }, T0);
      await addUser(hq.db, { id: 'li.na', name: '李娜', role: 'staff', password: PASSWORD }, T0);
      const staff = new Browser(hq.url);
      await staff.signIn('li.na');
      const list = await staff.get('/calendars');
      expect(list.status).toBe(200);
      expect(list.text).toContain('<a href="/calendars/2027">2027</a>');
      expect(list.text).toContain('只有管理员可以发布日历。');
      expect(list.text).not.toContain('<form class="publish"');
      expect((await staff.get('/calendars/2027')).text).not.toContain('更正这一年');
      expect((await staff.get('/calendars/2027/calendar-2027.json')).status).toBe(200);

      const refused = await staff.post('/calendars', { _csrf: csrfOf(list), year: '2028', days: '2028-01-01 休' });
      expect(refused.status).toBe(403);
      expect(refused.text).toContain('只有管理员可以这样做，未做任何改动。');
      expect(await hq.count('calendars')).toBe(1);

      const anonymous = new Browser(hq.url);
      for (const path of ['/calendars', '/calendars/2027', '/calendars/2027/calendar-2027.json']) {
        const page = await anonymous.get(path);
        expect(page.status).toBe(303);
        expect(page.location).toBe(`/sign-in?next=${encodeURIComponent(path)}`);
      }
      const signIn = await anonymous.get('/sign-in');
      expect((await anonymous.post('/calendars', { _csrf: csrfOf(signIn), year: '2028', days: '' })).status).toBe(303);
      expect(await hq.count('calendars')).toBe(1);
    });

    it('refuses a publish sent without its CSRF token, or with another browser’s', async () => {
      expect((await admin.post('/calendars', { year: '2027', days: '2027-01-01 休' })).status).toBe(403);
      const other = new Browser(hq.url);
      await other.signIn('zhang.min');
      const foreign = await admin.post('/calendars', { _csrf: csrfOf(await other.get('/calendars')), year: '2027', days: '2027-01-01 休' });
      expect(foreign.status).toBe(403);
      expect(foreign.text).toContain('表单已过期或不是从本页面提交的，未做任何改动');
      expect(await hq.count('calendars')).toBe(0);
    });

    it('downloads a year’s calendar file: the one `calendar export` writes, as an attachment, with the published deadline policies', async () => {
      const y2027 = await publishCalendar(hq.db, { year: 2027, days: DAYS_2027, by: '王经理' }, T0);
      await publishCalendar(hq.db, { year: 2028, days: [], by: '王经理' }, T0);
      const { publishedBy: _, ...courier } = await publishPolicy(
        hq.db,
        { profile: 'courier', policy: DEFAULT_DEADLINE_POLICIES.courier, by: '王经理' },
        T0,
      );
      const file = await admin.get('/calendars/2027/calendar-2027.json');
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(file.headers.get('content-disposition')).toBe(
        `attachment; filename="calendar-2027.json"; filename*=UTF-8''calendar-2027.json`,
      );
      expect(calendarFileSchema.parse(JSON.parse(file.text))).toEqual({
        format: 'countersign-calendar',
        formatVersion: 1,
        calendars: [y2027],
        policies: [courier],
      });

      const dir = mkdtempSync(join(tmpdir(), 'hq-calendar-'));
      try {
        const said = await calendarCommand(hq.db, ['export', '--year', '2027', '--out', join(dir, 'c.json')], T0);
        expect(file.text).toBe(readFileSync(join(dir, 'c.json'), 'utf8'));
        expect(said).toBe(
          `Wrote ${join(dir, 'c.json')}: calendars 2027 (version ${y2027.version}); deadline policies courier (version ${courier.version}). A supervisor loads it in the branch's settings.`,
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      for (const path of [
        '/calendars/2029/calendar-2029.json',
        '/calendars/2027/calendar-2028.json',
        '/calendars/2027/x',
        '/calendars/abcd',
      ]) {
        const missing = await admin.get(path);
        expect(missing.status).toBe(404);
        expect(missing.text).toContain('这一年还没有发布节假日日历');
      }
    });

    it('fills the form with a published year to correct it; publishing again replaces the year', async () => {
      await publishCalendar(hq.db, { year: 2027, days: DAYS_2027, by: '王经理' }, T0);
      const form = await admin.get('/calendars?correct=2027');
      expect(form.text).toContain(`>\n${calendarLines(DAYS_2027)}</textarea>`);
      const sent = await admin.post('/calendars', { _csrf: csrfOf(form), year: '2027', days: '2027-01-01 休 元旦' });
      expect(sent.status).toBe(303);
      expect((await calendarPublications(hq.db)).map((c) => c.days)).toEqual([[{ date: '2027-01-01', workday: false, name: '元旦' }]]);
    });

    it('shows hostile text as text: a day’s name, and who published', async () => {
      await hq.db.exec('TRUNCATE users CASCADE');
      await addUser(hq.db, { id: 'evil', name: HOSTILE, role: 'admin', password: PASSWORD }, T0);
      const browser = new Browser(hq.url);
      await browser.signIn('evil');
      const refused = await publish(browser, '2027', `2027-01-01 休 ${HOSTILE}\n${HOSTILE}`);
      expect(refused.status).toBe(400);
      const sent = await publish(browser, '2027', `2027-01-01 休 ${HOSTILE.slice(0, 40)}`);
      expect(sent.status).toBe(303);
      for (const page of [refused, await browser.get('/calendars'), await browser.get('/calendars/2027')]) {
        expect(page.text).not.toContain('<script>alert');
        expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;');
      }
    });
  });
