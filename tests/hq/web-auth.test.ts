import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openPglite } from '../../hq/db/pglite';
import { SESSION_IDLE_MS, SESSION_MAX_MS } from '../../hq/staff/sessions';
import { addUser, checkPassword } from '../../hq/staff/users';
import { registerWebPages } from '../../hq/web/register';
import { BACKENDS, buildCase, freshDb, startHq, SUITE, T0, type TestHq } from './fixtures';
import { addAdmin, Browser, csrfOf, deliver, PASSWORD, withRecord } from './web-fixtures';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

for (const { backend, skip } of BACKENDS)
  describe.skipIf(skip)(`HQ page sign-in on ${backend}`, SUITE, () => {
    let hq: TestHq;
    beforeAll(async () => {
      hq = await startHq(backend);
    }, 60_000);
    beforeEach(async () => {
      await hq.reset();
      await hq.db.exec('TRUNCATE users CASCADE');
      await addAdmin(hq.db);
    });
    afterAll(() => hq?.close());

    it('add-user keeps a slow, salted hash (never the password); adding the id again resets the password and signs it out', async () => {
      await addUser(hq.db, { id: 'li.na', name: '李娜', role: 'staff', password: PASSWORD }, T0);
      const { rows } = await hq.db.query<{ id: string; password_hash: string; role: string }>(
        'SELECT id, password_hash, role FROM users ORDER BY id',
      );
      expect(rows.map((r) => r.role)).toEqual(['admin', 'staff']);
      for (const r of rows) {
        expect(r.password_hash).toMatch(/^scrypt\$131072\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
        expect(r.password_hash).not.toContain(PASSWORD);
      }
      expect(rows[0]!.password_hash).not.toBe(rows[1]!.password_hash); // same password, another salt
      await expect(addUser(hq.db, { id: 'zhao', name: '赵', role: 'staff', password: 'short pass' }, T0)).rejects.toThrow(
        'at least 12 characters',
      );
      await expect(addUser(hq.db, { id: '../x', name: '赵', role: 'staff', password: PASSWORD }, T0)).rejects.toThrow('user id');

      const before = new Browser(hq.url);
      expect((await before.signIn('li.na')).location).toBe('/branches');
      const reset = await addUser(hq.db, { id: 'li.na', name: '李娜', role: 'staff', password: 'a new and longer one' }, T0);
      expect(reset).toEqual({ existed: true });
      expect((await before.get('/branches')).status).toBe(303); // signed out by the reset
      expect(await checkPassword(hq.db, 'li.na', PASSWORD)).toBeNull();
      expect(await checkPassword(hq.db, 'li.na', 'a new and longer one')).toEqual({ id: 'li.na', name: '李娜', role: 'staff' });
      expect(await checkPassword(hq.db, 'nobody', PASSWORD)).toBeNull();
    });

    it('signs in with an HttpOnly, SameSite cookie whose token is kept only as a hash; signing out ends the session', async () => {
      const browser = new Browser(hq.url);
      const signedIn = await browser.signIn();
      expect(signedIn).toMatchObject({ status: 303, location: '/branches' });
      const cookie = signedIn.headers.getSetCookie().find((c) => c.startsWith('hq_session='))!;
      expect(cookie).toMatch(/; HttpOnly/);
      expect(cookie).toMatch(/; SameSite=Lax/);
      expect(cookie).toMatch(/; Path=\//);
      const token = browser.cookies.get('hq_session')!;
      const { rows } = await hq.db.query<{ token_sha256: string; user_id: string }>('SELECT token_sha256, user_id FROM sessions');
      expect(rows).toEqual([{ token_sha256: sha256(token), user_id: 'admin' }]);

      const branches = await browser.get('/branches');
      expect(branches.status).toBe(200);
      expect(branches.text).toContain('已登录：总部管理员');

      const out = await browser.post('/sign-out', { _csrf: csrfOf(branches) });
      expect(out).toMatchObject({ status: 303, location: '/sign-in?bye' });
      expect(await hq.count('sessions')).toBe(0);
      expect(browser.cookies.has('hq_session')).toBe(false);
      expect((await browser.get('/sign-in?bye')).text).toContain('您已退出登录');

      const replayed = new Browser(hq.url);
      replayed.cookies.set('hq_session', token); // the old cookie, kept by someone
      expect((await replayed.get('/branches')).status).toBe(303);
    });

    it('returns to the page asked for after signing in, but never to another site', async () => {
      const browser = new Browser(hq.url);
      const asked = await browser.get('/branches?lang=en');
      expect(asked.location).toBe('/sign-in?next=%2Fbranches%3Flang%3Den');
      expect((await browser.signIn('admin', PASSWORD, { next: '/branches?lang=en' })).location).toBe('/branches?lang=en');
      const other = new Browser(hq.url);
      expect((await other.signIn('admin', PASSWORD, { next: '//evil.example.com/' })).location).toBe('/branches');
    });

    it('refuses a wrong password and an unknown user with one message, and starts no session', async () => {
      for (const [user, password] of [
        ['admin', 'not the password at all'],
        ['nobody', PASSWORD],
      ]) {
        const browser = new Browser(hq.url);
        const page = await browser.signIn(user, password);
        expect(page.status).toBe(401);
        expect(page.text).toContain('用户名或密码不对');
        expect(browser.cookies.has('hq_session')).toBe(false);
      }
      const empty = await new Browser(hq.url).signIn('admin', '');
      expect(empty.status).toBe(400);
      expect(empty.text).toContain('请填写用户名和密码');
      expect(await hq.count('sessions')).toBe(0);
    });

    it('limits sign-in attempts per user id, saying so in the page’s language', async () => {
      // Its own user id (the counts are in the database, emptied before each test).
      await addUser(hq.db, { id: 'wang.wu', name: '王五', role: 'staff', password: PASSWORD }, T0);
      const browser = new Browser(hq.url);
      for (let i = 0; i < 5; i++) expect((await browser.signIn('wang.wu', `wrong password ${i}`)).status).toBe(401);
      const limited = await browser.signIn('wang.wu', PASSWORD); // even the right one, now
      expect(limited.status).toBe(429);
      expect(limited.text).toContain('登录尝试次数过多，请 15 分钟后再试');
      expect(await hq.count('sessions')).toBe(0);
      const english = new Browser(hq.url, { 'accept-language': 'en-GB,en;q=0.9' });
      expect((await english.signIn('WANG.WU ', PASSWORD)).text).toContain('Too many sign-in attempts. Try again in 15 minutes.');
      // Another user id from the same address is not held back by it.
      await addUser(hq.db, { id: 'li.na', name: '李娜', role: 'staff', password: PASSWORD }, T0);
      expect((await browser.signIn('li.na')).status).toBe(303);
    });

    it('refuses every form sent without its CSRF token, or with another', async () => {
      const browser = new Browser(hq.url);
      const form = await browser.get('/sign-in');
      const missing = await browser.post('/sign-in', { user: 'admin', password: PASSWORD });
      expect(missing.status).toBe(403);
      expect(missing.text).toContain('表单已过期或不是从本页面提交的，未做任何改动');
      const wrong = await browser.post('/sign-in', { _csrf: `${csrfOf(form)}x`, user: 'admin', password: PASSWORD });
      expect(wrong.status).toBe(403);
      const stranger = new Browser(hq.url); // a token of another browser (another secret)
      const foreign = await stranger.post('/sign-in', { _csrf: csrfOf(form), user: 'admin', password: PASSWORD });
      expect(foreign.status).toBe(403);
      expect(await hq.count('sessions')).toBe(0);

      await browser.signIn();
      expect((await browser.post('/sign-out', {})).status).toBe(403);
      expect((await browser.post('/sign-out', { _csrf: 'forged' })).status).toBe(403);
      expect(await hq.count('sessions')).toBe(1); // still signed in
      expect((await browser.get('/branches')).status).toBe(200);
    });

    it('ends a session after two idle hours, and twelve hours after sign-in however busy', async () => {
      const idle = new Browser(hq.url);
      await idle.signIn();
      hq.clock.advance(SESSION_IDLE_MS - 1);
      expect((await idle.get('/branches')).status).toBe(200); // and kept alive by it
      hq.clock.advance(SESSION_IDLE_MS - 1);
      expect((await idle.get('/branches')).status).toBe(200);
      hq.clock.advance(SESSION_IDLE_MS + 1);
      expect((await idle.get('/branches')).location).toBe('/sign-in?next=%2Fbranches');

      const busy = new Browser(hq.url);
      await busy.signIn();
      for (let h = 1; h < 12; h++) {
        hq.clock.advance(3_600_000);
        expect((await busy.get('/branches')).status).toBe(200);
      }
      hq.clock.advance(SESSION_MAX_MS - 11 * 3_600_000 + 1);
      expect((await busy.get('/branches')).status).toBe(303);
    });

    it('serves nothing with personal data to anyone not signed in: every such page leads to sign-in', async () => {
      const c = withRecord(buildCase(), { complainant: { name: '王小明', phone: '13812345678' } });
      await deliver(hq, [c]);
      const browser = new Browser(hq.url);
      for (const path of ['/branches', '/branches.xlsx', `/cases/${c.caseId}`, `/cases/${c.caseId}/attachments/att-1`, '/']) {
        const page = await browser.get(path);
        expect(page.status, path).toBe(303);
        expect(page.location, path).toMatch(/^\/(sign-in\?next=|branches$)/);
        for (const secret of ['王小明', '13812345678', c.record.caseNo, '北京一店']) expect(page.text, path).not.toContain(secret);
      }
      const forged = new Browser(hq.url);
      forged.cookies.set('hq_session', 'A'.repeat(43));
      expect((await forged.get('/branches')).status).toBe(303);
    });
  });

describe('HQ page sign-in limit per address', SUITE, () => {
  it('refuses further attempts from one address, whatever user id they name', async () => {
    const db = await freshDb('PGlite');
    const app = Fastify();
    registerWebPages(app, { db, now: () => T0, signInLimits: { perAddress: 3, perUser: 100 } });
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
      const browser = new Browser(url);
      for (const user of ['a1', 'a2', 'a3']) expect((await browser.signIn(user, PASSWORD)).status).toBe(401);
      const limited = await browser.signIn('a4', PASSWORD);
      expect(limited.status).toBe(429);
      expect(limited.text).toContain('登录尝试次数过多');
    } finally {
      await app.close();
      await db.close();
    }
  });
});

describe('npm run hq -- add-user (PGlite in a data folder)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hq-add-user-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function addUserCli(args: string[], stdin: string) {
    const { DATABASE_URL: _ignored, ...env } = process.env;
    const child = spawn(process.execPath, ['--import', 'tsx', 'hq/main.ts', 'add-user', ...args], {
      env: { ...env, HQ_DATA_DIR: join(dir, 'hq-data') },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.stdin.end(stdin);
    const [code] = (await once(child, 'exit')) as [number];
    return { code, out };
  }

  it('adds a user with the password piped in, refuses a short one, and resets it when run again', async () => {
    expect(await addUserCli(['--user', 'zhang.min', '--name', '张敏', '--role', 'admin'], `${PASSWORD}\n`)).toMatchObject({
      code: 0,
      out: expect.stringContaining('Added: zhang.min 张敏 (admin)'),
    });
    expect(await addUserCli(['--user', 'zhang.min', '--name', '张敏'], 'too short\n')).toMatchObject({
      code: 1,
      out: expect.stringContaining('a password has at least 12 characters'),
    });
    expect(await addUserCli(['--user', 'zhang.min', '--name', '张敏'], 'another good password\n')).toMatchObject({
      code: 0,
      out: expect.stringContaining('Password reset'),
    });
    expect(await addUserCli(['--user', 'x', '--name', 'X', '--role', 'boss'], `${PASSWORD}\n`)).toMatchObject({ code: 1 });
    const db = await openPglite(join(dir, 'hq-data'));
    try {
      expect(await checkPassword(db, 'zhang.min', PASSWORD)).toBeNull();
      expect(await checkPassword(db, 'zhang.min', 'another good password')).toEqual({ id: 'zhang.min', name: '张敏', role: 'staff' });
    } finally {
      await db.close();
    }
  }, 120_000);
});
