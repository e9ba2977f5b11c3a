import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, openDb } from '../../electron/store/db';
import { createStoreHost } from '../../electron/store/host';
import { CLERK, configuredHost, mustCommand, register, SUPERVISOR, TestClock, uniqueDbName, intake, MONDAY_10AM } from './fixtures';

describe('the event log', () => {
  it('reports the first broken link when an event is edited, and a truncated tail', async () => {
    const { host } = await configuredHost();
    const a = await register(host);
    const b = await register(host);
    await mustCommand(host, b.id, 'progressCall', { notes: '已回电' }, CLERK);
    await mustCommand(host, b.id, 'progressCall', { notes: '再次回电' }, CLERK);
    expect(await host.call('ledger.verify', {}, SUPERVISOR)).toMatchObject({ ok: true, value: { cases: 2, events: 4, firstBreak: null } });

    await host.db.events.update([b.id, 2], { 'changes.progressCalls': [[], [{ at: 0, by: 'x', text: '改过' }]] } as never);
    expect(await host.call('ledger.verify', {}, SUPERVISOR)).toMatchObject({
      ok: true,
      value: { firstBreak: { caseId: b.id, seq: 2, reason: 'hash_mismatch' } },
    });
    expect(await host.call('ledger.verify', { caseId: a.id }, SUPERVISOR)).toMatchObject({ ok: true, value: { firstBreak: null } });

    const { host: other } = await configuredHost();
    const c = await register(other);
    await mustCommand(other, c.id, 'progressCall', { notes: '已回电' }, CLERK);
    await other.db.events.delete([c.id, 2]);
    expect(await other.call('ledger.verify', {}, SUPERVISOR)).toMatchObject({
      ok: true,
      value: { firstBreak: { caseId: c.id, reason: 'link_broken' } },
    });
    host.close();
    other.close();
  });
});

describe('schema migrations', () => {
  it('upgrades a version-1 database with data to the latest version without loss', async () => {
    const dbName = uniqueDbName('cs-migrate');
    const clock = new TestClock();
    // Write through the latest host, then strip the v2 field to get a faithful v1 row.
    const v2host = await createStoreHost({ dbName: `${dbName}-seed`, now: clock.now });
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
    const { relatedCaseIds: _dropped, ...v1Row } = original;
    await v1.table('cases').add(v1Row);
    await v1.table('events').bulkAdd(events);
    await v1.table('meta').bulkAdd(meta);
    v1.close();

    const upgraded = await createStoreHost({ dbName, now: clock.now });
    expect(upgraded.db.verno).toBe(LATEST_SCHEMA_VERSION);
    const detail = await upgraded.call('cases.get', { caseId: original.id }, SUPERVISOR);
    expect(detail.ok && detail.value.case).toEqual(original);
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
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(totals).toEqual([0, 1, 2]);
    unsubscribe();
    await register(host);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(totals).toEqual([0, 1, 2]);
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

describe('drafts', () => {
  it('keep whatever was typed until the case is saved from them', async () => {
    const { host } = await configuredHost();
    const draftId = crypto.randomUUID();
    const typed = { complainant: { name: '张<b>三', phone: '1381234' }, content: '还没写完……' };
    expect(await host.call('drafts.save', { draftId, data: typed }, CLERK)).toMatchObject({ ok: true });
    const listed = await host.call('drafts.list', {}, CLERK);
    expect(listed.ok && listed.value.map((d) => d.data)).toEqual([typed]);
    const others = await host.call('drafts.list', {}, SUPERVISOR);
    expect(others.ok && others.value).toEqual([]);
    await host.call('cases.register', { intake: intake(), draftId }, CLERK);
    const after = await host.call('drafts.list', {}, CLERK);
    expect(after.ok && after.value).toEqual([]);
    host.close();
  });
});

describe('month statistics', () => {
  it('count by state, category, channel, severity and satisfaction with the KPI rates', async () => {
    const { host } = await configuredHost('courier');
    const a = await register(host, { category: 'pickup' });
    await register(host, { category: 'lost_damaged', channel: 'phone', severity: 'major' });
    await mustCommand(host, a.id, 'closeAtCounter', { explanation: '当场解决' }, CLERK);
    await register(host, { category: 'pickup', receivedAt: MONDAY_10AM - 40 * 86_400_000 });
    const r = await host.call('stats.month', { month: '2026-03' }, SUPERVISOR);
    expect(r).toMatchObject({
      ok: true,
      value: {
        total: 2,
        byCategory: { pickup: 1, lost_damaged: 1 },
        byChannel: { walk_in: 1, phone: 1 },
        bySeverity: { general: 1, major: 1 },
        byState: { closed_at_counter: 1, registered: 1 },
        bySatisfaction: { satisfied: 1 },
        onTimeAcceptanceRate: 0.5,
        satisfactionRate: 1,
        successRate: 1,
      },
    });
    host.close();
  });
});
