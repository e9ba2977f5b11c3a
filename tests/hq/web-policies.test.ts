import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { policyPublications } from '../../hq/policies';
import { addUser } from '../../hq/staff/users';
import { DEFAULT_DEADLINE_POLICIES } from '../../shared/deadlines';
import { PATHS } from '../../shared/sync/protocol';
import { BACKENDS, startHq, SUITE, T0, type TestHq } from './fixtures';
import { addAdmin, Browser, csrfOf, PASSWORD } from './web-fixtures';

/** The general profile's form as the page fills it (the bundled policy), with `changes` typed over it. */
function generalForm(csrf: string, changes: Record<string, string> = {}): Record<string, string> {
  const fields: Record<string, string> = { _csrf: csrf };
  for (const c of DEFAULT_DEADLINE_POLICIES.general.clocks) {
    fields[`amount.${c.id}`] = String(c.amount);
    fields[`unit.${c.id}`] = c.unit;
  }
  return { ...fields, ...changes };
}

for (const { backend, skip } of BACKENDS)
  describe.skipIf(skip)(`the Deadline policies page on ${backend}`, SUITE, () => {
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

    it("shows each profile's bundled policy; an administrator publishes one as the signed-in user, and branches receive it", async () => {
      const page = await admin.get('/policies');
      expect(page.status).toBe(200);
      expect(page.text).toContain('<a href="/policies" aria-current="page">时限规定</a>');
      expect(page.text.match(/总部尚未发布/g)).toHaveLength(4);
      const resolve = /<tr>\s*<th scope="row">处理完毕<\/th>\s*<td>\s*3 个工作日\s*<\/td>\s*<td>\s*—\s*<\/td>/;
      expect(page.text).toMatch(resolve);

      const sent = await admin.post('/policies/general', { ...generalForm(csrfOf(page), { 'amount.resolve': '5' }), by: 'someone else' });
      expect(sent.status).toBe(303);
      const [held] = await policyPublications(hq.db);
      const policy = {
        ...DEFAULT_DEADLINE_POLICIES.general,
        clocks: DEFAULT_DEADLINE_POLICIES.general.clocks.map((c) => (c.id === 'resolve' ? { ...c, amount: 5 } : c)),
      };
      expect(held).toEqual({ profile: 'general', version: expect.any(Number), publishedAt: T0, policy, publishedBy: '张敏 (zhang.min)' });
      expect(sent.location).toBe(`/policies?published=${held!.version}#policy-general`);

      const after = await admin.get(`/policies?published=${held!.version}&lang=en`);
      expect(after.text).toContain(`Published the General policy (version ${held!.version})`);
      expect(after.text).toMatch(/<th scope="row">[^<]*<\/th>\s*<td>\s*3 working days\s*<\/td>\s*<td>\s*5 working days\s*<\/td>/);
      expect(after.text).toContain('published by 张敏 (zhang.min)');

      const answer = await hq.send({ method: 'GET', path: `${PATHS.calendars}?since=0` });
      expect(answer.json.policies).toEqual([{ profile: 'general', version: held!.version, publishedAt: T0, policy }]);
    });

    it('refuses a bad time, naming the clock, keeping what was typed, publishing nothing', async () => {
      const page = await admin.get('/policies');
      const refused = await admin.post(
        '/policies/general',
        generalForm(csrfOf(page), { 'amount.resolve': '0', 'amount.callback': 'x', 'unit.assign': 'weeks' }),
      );
      expect(refused.status).toBe(400);
      expect(refused.text).toContain('未发布。请更正以下 3 处');
      const items = [...refused.text.matchAll(/<li>([^<]*：[^<]*)<\/li>/g)].map((m) => m[1]);
      expect(items).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^转派责任部门：/),
          expect.stringMatching(/^处理完毕：/),
          expect.stringMatching(/^电话回访：/),
        ]),
      );
      expect(refused.text).toMatch(/<input\s+name="amount.resolve"[^>]*value="0"[^>]*aria-invalid="true"/);
      expect(refused.text).toMatch(/<input\s+name="amount.callback"[^>]*value="x"/);
      expect(await hq.count('published_policies')).toBe(0);
    });

    it('lets staff see the policies but only an administrator publish; a form without its CSRF token is refused', async () => {
      await addUser(hq.db, { id: 'li.na', name: '李娜', role: 'staff', password: PASSWORD }, T0);
      const staff = new Browser(hq.url);
      await staff.signIn('li.na');
      const list = await staff.get('/policies');
      expect(list.status).toBe(200);
      expect(list.text).toContain('只有管理员可以发布时限规定');
      expect(list.text).not.toContain('<form class="policy"');
      expect((await staff.post('/policies/general', generalForm(csrfOf(list)))).status).toBe(403);
      expect((await admin.post('/policies/general', generalForm(''))).status).toBe(403);
      const anonymous = new Browser(hq.url);
      expect((await anonymous.get('/policies')).status).toBe(303);
      expect((await admin.post('/policies/bakery', generalForm(csrfOf(await admin.get('/policies'))))).status).toBe(404);
      expect(await hq.count('published_policies')).toBe(0);
    });
  });
