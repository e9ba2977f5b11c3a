import { describe, expect, it } from 'vitest';
import { PUBLIC_METHODS } from '../../shared/api/auth';
import { MAIN_ONLY_METHODS, methods, SYSTEM_METHODS, type Method } from '../../shared/api/contract';
import { createStoreHost } from '../../electron/store/host';
import { LOCK_MINUTES, MAX_FAILURES } from '../../electron/store/auth/credentials';
import { SECRET_ITERATIONS } from '../../electron/store/auth/secrets';
import {
  ADMIN,
  CLERK,
  configuredHost,
  createTestHost,
  EN,
  HANDLER,
  OTHER_CLERK,
  ORG_STAFF,
  register,
  STAFF,
  SUPERVISOR,
  TestClock,
  testAuth,
  uniqueDbName,
} from './fixtures';

const MINUTE = 60_000;
const secretOf = (id: string) => STAFF.find((m) => m.id === id)!.secret;

describe('sign-in: the store host decides who asks', () => {
  it('hashes with PBKDF2-SHA256 at 600,000 iterations by default, never keeping the secret itself', async () => {
    expect(SECRET_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    const host = await createStoreHost({ dbName: uniqueDbName('cs-kdf'), now: new TestClock().now });
    const setUp = await host.call('auth.setup', { staffId: 'a01', name: '管理员', password: 'admin-password-01' }, {});
    expect(setUp.ok).toBe(true);
    const [row] = await host.db.credentials.toArray();
    expect(row).toMatchObject({ staffId: 'a01', iterations: SECRET_ITERATIONS });
    expect(row!.hash.byteLength).toBe(32);
    expect(JSON.stringify(await host.db.credentials.toArray())).not.toContain('admin-password-01');
    // The token is not stored either: only its hash.
    const token = setUp.ok ? setUp.value.token : '';
    expect(JSON.stringify(await host.db.sessions.toArray())).not.toContain(token);
    await host.close();
  });

  it('first run: one administrator with a password of at least 10 characters; a second set-up is refused', async () => {
    const host = await createStoreHost({ dbName: uniqueDbName('cs-setup'), now: new TestClock().now, auth: testAuth() });
    expect(await host.call('auth.status', {}, {})).toEqual({ ok: true, value: { hasAdministrator: false, branch: null } });
    expect(await host.call('auth.setup', { staffId: 'a01', name: '管理员', password: 'short' }, EN({}))).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', issues: [{ path: 'password', message: "An administrator's password has at least 10 characters" }] },
    });
    expect((await host.call('auth.setup', { staffId: 'a01', name: '管理员', password: 'admin-password-01' }, {})).ok).toBe(true);
    expect(await host.call('auth.setup', { staffId: 'x99', name: '冒充者', password: 'another-password' }, {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden', key: 'errors.auth.alreadySetUp' },
    });
    const org = await host.db.meta.get('organization');
    expect((org?.value as { staff: unknown[] }).staff).toEqual([{ id: 'a01', name: '管理员', role: 'admin' }]);
    await host.close();
  });

  it('refuses every method but sign-in without a session, whatever a UI connection asks', async () => {
    const { host } = await configuredHost();
    for (const method of Object.keys(methods) as Method[]) {
      if ((PUBLIC_METHODS as readonly string[]).includes(method)) continue;
      const r = await host.call(method, {} as never, { locale: 'en' });
      expect(r.ok, method).toBe(false);
      if (!r.ok) expect(['unauthenticated', 'forbidden', 'invalid_input'], `${method}: ${r.error.code}`).toContain(r.error.code);
      // A main-only method is refused as such before anything else; every other one as signed out (or its parameters first).
      if (!r.ok && (MAIN_ONLY_METHODS as readonly string[]).includes(method)) expect(r.error.code).toBe('forbidden');
    }
    for (const method of ['cases.query', 'cases.counts', 'org.get', 'drafts.list', 'auth.whoami', 'stats.month'] as const) {
      const params = method === 'stats.month' ? { month: '2026-03' } : {};
      expect(await host.call(method, params as never, {}), method).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    }
    host.close();
  });

  it('main without a session reaches only the sync engine’s methods', async () => {
    const { host } = await configuredHost();
    for (const method of SYSTEM_METHODS) {
      const r = await host.call(method, { limit: 10, caseIds: [], attachmentId: crypto.randomUUID() } as never, {}, 'main');
      if (!r.ok) expect(r.error.code, method).not.toBe('unauthenticated');
    }
    expect(await host.call('prints.record', {} as never, {}, 'main')).toMatchObject({ ok: false });
    expect(await host.call('cases.query', {}, {}, 'main')).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await host.call('org.get', {}, {}, 'main')).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    host.close();
  });

  it('a self-declared actor or role is refused, never believed', async () => {
    const { host } = await configuredHost();
    const forged = { actor: { staffId: 's01', role: 'supervisor' } };
    expect(await host.call('org.save', { organization: { departments: [], staff: ORG_STAFF } }, forged as never)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', key: 'errors.request.invalid' },
    });
    const withRole = { token: CLERK.token, role: 'admin' };
    expect(await host.call('deadlines.save', { policy: null }, withRole as never)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    // The clerk's own token is a clerk's, whatever the clerk would like to be.
    expect(await host.call('deadlines.save', { policy: null }, CLERK)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    host.close();
  });

  it('records the signed-in person on every event, and a person reads only their own drafts', async () => {
    const { host } = await configuredHost();
    const c = await register(host, {}, OTHER_CLERK);
    const detail = await host.call('cases.get', { caseId: c.id }, SUPERVISOR);
    expect(detail.ok && detail.value.events[0]!.actor).toEqual({ staffId: 'c02', role: 'clerk' });
    const draftId = crypto.randomUUID();
    expect((await host.call('drafts.save', { draftId, data: { name: '王' } }, CLERK)).ok).toBe(true);
    expect(await host.call('drafts.list', {}, OTHER_CLERK)).toEqual({ ok: true, value: [] });
    await host.call('drafts.discard', { draftId }, OTHER_CLERK);
    const mine = await host.call('drafts.list', {}, CLERK);
    expect(mine.ok && mine.value.map((d) => d.draftId)).toEqual([draftId]);
    host.close();
  });

  it('signing out, an expired session, a removed person and a changed role all take effect at the next request', async () => {
    const clock = new TestClock();
    const host = await createTestHost({ dbName: uniqueDbName('cs-expiry'), now: clock.now, auth: { ...testAuth(), sessionHours: 12 } });
    const signedIn = await host.call('auth.signIn', { staffId: 'h01', secret: secretOf('h01') }, {});
    if (!signedIn.ok) throw new Error(signedIn.error.message);
    const handler = { token: signedIn.value.token, locale: 'en' as const };
    expect(await host.call('auth.whoami', {}, handler)).toMatchObject({ ok: true, value: { staffId: 'h01', role: 'handler' } });

    // A supervisor makes h01 a supervisor: the same token now acts as one.
    const promoted = ORG_STAFF.map((m) => (m.id === 'h01' ? { ...m, role: 'supervisor' as const } : m));
    expect((await host.call('org.save', { organization: { departments: [], staff: promoted } }, ADMIN)).ok).toBe(true);
    expect(await host.call('auth.whoami', {}, handler)).toMatchObject({ ok: true, value: { role: 'supervisor' } });

    clock.advance(12 * 60 * MINUTE);
    expect(await host.call('org.get', {}, handler)).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated', message: 'Your sign-in has expired: sign in again' },
    });

    const again = await host.call('auth.signIn', { staffId: 'h01', secret: secretOf('h01') }, {});
    if (!again.ok) throw new Error(again.error.message);
    const fresh = { token: again.value.token, locale: 'en' as const };
    expect((await host.call('auth.signOut', {}, fresh)).ok).toBe(true);
    expect(await host.call('org.get', {}, fresh)).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated', key: 'errors.auth.signedOut' },
    });

    const third = await host.call('auth.signIn', { staffId: 'h01', secret: secretOf('h01') }, {});
    if (!third.ok) throw new Error(third.error.message);
    // Everyone's sessions of the morning have ended too: the administrator signs in again.
    expect(await host.call('org.get', {}, ADMIN)).toMatchObject({ ok: false, error: { key: 'errors.auth.expired' } });
    const admin = await host.call('auth.signIn', { staffId: 'a01', secret: secretOf('a01') }, {});
    if (!admin.ok) throw new Error(admin.error.message);
    const withoutH01 = ORG_STAFF.filter((m) => m.id !== 'h01');
    expect(
      await host.call('org.save', { organization: { departments: [], staff: withoutH01 } }, { token: admin.value.token }),
    ).toMatchObject({
      ok: true,
    });
    expect(await host.call('org.get', {}, { token: third.value.token })).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated', key: 'errors.auth.noLongerStaff' },
    });
    expect(await host.call('auth.signIn', { staffId: 'h01', secret: secretOf('h01') }, {})).toMatchObject({
      ok: false,
      error: { key: 'errors.auth.wrong' },
    });
    await host.close();
  });

  it('locks an account after repeated wrong secrets, refuses even the right one meanwhile; a supervisor’s reset lets the person in', async () => {
    const clock = new TestClock();
    const host = await createTestHost({ dbName: uniqueDbName('cs-lock'), now: clock.now });
    for (let i = 1; i < MAX_FAILURES; i++) {
      expect(await host.call('auth.signIn', { staffId: 'c01', secret: `wrong-${i}` }, {})).toMatchObject({
        ok: false,
        error: { code: 'forbidden', key: 'errors.auth.wrong' },
      });
    }
    expect(await host.call('auth.signIn', { staffId: 'c01', secret: 'wrong-last' }, EN({}))).toMatchObject({
      ok: false,
      error: { key: 'errors.auth.locked', message: expect.stringContaining(`Try again in ${LOCK_MINUTES} minutes`) },
    });
    expect(await host.call('auth.signIn', { staffId: 'c01', secret: secretOf('c01') }, {})).toMatchObject({
      ok: false,
      error: { key: 'errors.auth.locked' },
    });
    const states = await host.call('auth.credentials', {}, SUPERVISOR);
    expect(states.ok && states.value.find((s) => s.staffId === 'c01')?.lockedUntil).toBe(clock.at + LOCK_MINUTES * MINUTE);
    // An unknown staff id is answered as a wrong secret: nobody learns who exists.
    expect(await host.call('auth.signIn', { staffId: 'zz9', secret: 'whatever' }, {})).toMatchObject({
      ok: false,
      error: { key: 'errors.auth.wrong' },
    });

    // A clerk cannot reset anyone; a supervisor cannot reset an administrator or themselves this way.
    expect(await host.call('auth.setSecret', { staffId: 'c01', secret: '999999' }, OTHER_CLERK)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await host.call('auth.setSecret', { staffId: 'a01', secret: '9999999999' }, SUPERVISOR)).toMatchObject({
      ok: false,
      error: { key: 'errors.auth.adminOnly' },
    });
    expect(await host.call('auth.setSecret', { staffId: 's01', secret: '999999' }, SUPERVISOR)).toMatchObject({
      ok: false,
      error: { key: 'errors.auth.ownSecret' },
    });
    expect(await host.call('auth.setSecret', { staffId: 'c01', secret: '12345' }, SUPERVISOR)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', issues: [{ path: 'secret', key: 'errors.auth.secretTooShort' }] },
    });
    expect((await host.call('auth.setSecret', { staffId: 'c01', secret: '777777' }, SUPERVISOR)).ok).toBe(true);
    // The reset ended c01's open sessions.
    expect(await host.call('org.get', {}, CLERK)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await host.call('auth.signIn', { staffId: 'c01', secret: '777777' }, {})).toMatchObject({
      ok: true,
      value: { staffId: 'c01', role: 'clerk' },
    });
    await host.close();
  });

  it('the lock lifts by itself after its minutes; one’s own PIN changes only with the current one', async () => {
    const clock = new TestClock();
    const host = await createTestHost({ dbName: uniqueDbName('cs-lift'), now: clock.now });
    for (let i = 0; i < MAX_FAILURES; i++) await host.call('auth.signIn', { staffId: 'h01', secret: `wrong-${i}` }, {});
    clock.advance(LOCK_MINUTES * MINUTE);
    expect((await host.call('auth.signIn', { staffId: 'h01', secret: secretOf('h01') }, {})).ok).toBe(true);
    expect(await host.call('auth.changeSecret', { current: 'not-it', next: '24680246' }, HANDLER)).toMatchObject({
      ok: false,
      error: { key: 'errors.auth.wrongCurrent' },
    });
    expect((await host.call('auth.changeSecret', { current: secretOf('h01'), next: '24680246' }, HANDLER)).ok).toBe(true);
    expect(await host.call('auth.signIn', { staffId: 'h01', secret: secretOf('h01') }, {})).toMatchObject({ ok: false });
    expect((await host.call('auth.signIn', { staffId: 'h01', secret: '24680246' }, {})).ok).toBe(true);
    await host.close();
  });

  it('attempts sent side by side each count: none gets past the lock', async () => {
    const host = await createTestHost({ dbName: uniqueDbName('cs-race'), now: new TestClock().now });
    const tries = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        host.call('auth.signIn', { staffId: 'c01', secret: i === 11 ? secretOf('c01') : `wrong-${i}` }, {}),
      ),
    );
    // Eleven wrong ones in parallel lock the account before the right one is judged.
    expect(tries.at(-1)).toMatchObject({ ok: false, error: { key: 'errors.auth.locked' } });
    await host.close();
  });

  it('nobody removes or demotes themselves, and only an administrator changes administrators', async () => {
    const { host } = await configuredHost();
    const without = (id: string) => ORG_STAFF.filter((m) => m.id !== id);
    expect(await host.call('org.save', { organization: { departments: [], staff: without('s01') } }, SUPERVISOR)).toMatchObject({
      ok: false,
      error: { key: 'errors.org.keepYourself' },
    });
    const selfPromoted = ORG_STAFF.map((m) => (m.id === 's01' ? { ...m, role: 'admin' as const } : m));
    expect(await host.call('org.save', { organization: { departments: [], staff: selfPromoted } }, SUPERVISOR)).toMatchObject({
      ok: false,
      error: { key: 'errors.org.keepYourself' },
    });
    const clerkPromoted = ORG_STAFF.map((m) => (m.id === 'c01' ? { ...m, role: 'admin' as const } : m));
    expect(await host.call('org.save', { organization: { departments: [], staff: clerkPromoted } }, SUPERVISOR)).toMatchObject({
      ok: false,
      error: { key: 'errors.org.adminsByAdmin' },
    });
    expect(await host.call('org.save', { organization: { departments: [], staff: without('a01') } }, SUPERVISOR)).toMatchObject({
      ok: false,
      error: { key: 'errors.org.adminsByAdmin' },
    });
    expect((await host.call('org.save', { organization: { departments: [], staff: clerkPromoted } }, ADMIN)).ok).toBe(true);
    host.close();
  });
});
