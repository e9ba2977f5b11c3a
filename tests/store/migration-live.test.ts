import Dexie from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import { LATEST_SCHEMA_VERSION, openDb } from '../../electron/store/db';
import { createTestHost, CLERK, configuredHost, register, SUPERVISOR, TestClock, uniqueDbName, intake } from './fixtures';

describe('schema migrations', () => {
  it('upgrades a version-1 database with data to the latest version without loss', async () => {
    const dbName = uniqueDbName('cs-migrate');
    const clock = new TestClock();
    // Write through the latest host, then strip the v2 field to get a faithful v1 row.
    const v2host = await createTestHost({ dbName: `${dbName}-seed`, now: clock.now });
    await v2host.call('branch.configure', { branch: { branchCode: 'SH02', branchName: '上海二店', profileId: 'courier' } }, SUPERVISOR);
    const r = await v2host.call('cases.register', { intake: intake({ category: 'lost_damaged' }) }, CLERK);
    if (!r.ok) throw new Error(r.error.message);
    const original = r.value;
    const events = (await v2host.db.events.toArray()).map(({ g: _g, ...e }) => e);
    const meta = await v2host.db.meta.toArray();
    v2host.close();

    const v1 = openDb(dbName, 1);
    await v1.open();
    expect(v1.verno).toBe(1);
    const { relatedCaseIds: _dropped, escalation: _v5, emergencySteps: _alsoV5, ...v1Row } = original;
    // v5 added the complainant's e-mail, ID type and anonymity: a v1 row has none of them.
    const { email: _email, idType: _idType, anonymous: _anonymous, ...v1Complainant } = original.complainant;
    await v1.table('cases').add({ ...v1Row, complainant: v1Complainant });
    await v1.table('events').bulkAdd(events);
    await v1.table('meta').bulkAdd(meta);
    v1.close();

    const upgraded = await createTestHost({ dbName, now: clock.now });
    expect(upgraded.db.verno).toBe(LATEST_SCHEMA_VERSION);
    const detail = await upgraded.call('cases.get', { caseId: original.id }, SUPERVISOR);
    expect(detail.ok && detail.value.case).toEqual(original);
    expect(detail.ok && detail.value.case.complainant).toMatchObject({ email: '', idType: 'resident_id', anonymous: false });
    expect(detail.ok && detail.value.events).toEqual(events);
    const mine = await upgraded.db.cases.where('[receivedBy+receivedAt]').between(['c01', Dexie.minKey], ['c01', Dexie.maxKey]).count();
    expect(mine).toBe(1);
    // v3: every event has its place in the branch-wide log, ready to be sealed
    expect((await upgraded.db.events.toArray()).map((e) => e.g)).toEqual([1]);
    expect(await upgraded.call('ledger.verify', {}, SUPERVISOR)).toMatchObject({ ok: true, value: { firstBreak: null } });
    upgraded.close();
  });
});

describe('live queries', () => {
  it('push fresh counts and queue pages when data changes', async () => {
    const { host } = await configuredHost();
    const seen: number[] = [];
    let resolveNext: (() => void) | null = null;
    const unsubscribe = host.subscribe('cases.counts', {}, SUPERVISOR, (r) => {
      if (r.ok) seen.push(r.value.byState.registered ?? 0);
      resolveNext?.();
    });
    const next = () => new Promise<void>((resolve) => (resolveNext = resolve));
    await next();
    expect(seen.at(-1)).toBe(0);
    const waitForChange = next();
    await register(host);
    await waitForChange;
    while (seen.at(-1) !== 1) await next();
    expect(seen.at(-1)).toBe(1);
    unsubscribe();
    host.close();
  });

  it('push a fresh queue page after each case write, and stop after unsubscribing', async () => {
    const { host } = await configuredHost();
    const totals: number[] = [];
    const unsubscribe = host.subscribe('cases.query', { states: ['registered'] }, CLERK, (r) => {
      if (r.ok) totals.push(r.value.total);
    });
    await register(host);
    await register(host);
    await vi.waitFor(() => expect(totals).toEqual([0, 1, 2]));
    unsubscribe();
    // A subscription still listening sees the next write; the one stopped must not.
    const after: number[] = [];
    const witness = host.subscribe('cases.query', { states: ['registered'] }, CLERK, (r) => {
      if (r.ok) after.push(r.value.total);
    });
    await register(host);
    await vi.waitFor(() => expect(after).toEqual([2, 3]));
    expect(totals).toEqual([0, 1, 2]);
    witness();
    host.close();
  });

  it('report a bad subscription request as an error result', async () => {
    const { host } = await configuredHost();
    const results: unknown[] = [];
    host.subscribe('cases.query', { limit: 100000 } as never, { ...CLERK, locale: 'en' }, (r) => results.push(r));
    expect(results).toMatchObject([{ ok: false, error: { code: 'invalid_input' } }]);
    host.close();
  });
});
