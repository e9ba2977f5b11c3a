import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ReadModel } from '../../electron/store/readModel';
import type { StoreHost } from '../../electron/store/host';
import { CLERK, command, configuredHost, EN, intake, mustCommand, register, SUPERVISOR } from './fixtures';

/**
 * The next save aborts its transaction just after changing the read model, as a failed commit
 * would. Returns the host's log of the failure, which the test expects.
 */
function abortNextSaveAfterTheModelChanges() {
  const upsert = ReadModel.prototype.upsert;
  vi.spyOn(ReadModel.prototype, 'upsert').mockImplementationOnce(function (this: ReadModel, c) {
    upsert.call(this, c);
    Dexie.currentTransaction!.abort();
  });
  return vi.spyOn(console, 'error').mockImplementation(() => {});
}

async function queue(host: StoreHost, query: Parameters<StoreHost['call']>[1] = {}) {
  const r = await host.call('cases.query', query as never, SUPERVISOR);
  if (!r.ok) throw new Error(r.error.message);
  return { total: r.value.total, ids: r.value.items.map((i) => i.id) };
}

async function counts(host: StoreHost) {
  const r = await host.call('cases.counts', {}, SUPERVISOR);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

async function search(host: StoreHost, text: string) {
  const r = await host.call('cases.search', { text }, SUPERVISOR);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.map((s) => s.id);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('an aborted save', () => {
  it('leaves a command’s case as it was, in the database and in queues, counts and search', async () => {
    const { host } = await configuredHost('pawnshop');
    const c = await register(host);
    const logged = abortNextSaveAfterTheModelChanges();
    const r = await command(host, c.id, 'update', { complainant: { name: '李四' }, severity: 'urgent' }, CLERK);
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(logged).toHaveBeenCalledWith('store host: unexpected failure', expect.anything());

    const detail = await host.call('cases.get', { caseId: c.id }, SUPERVISOR);
    expect(detail.ok && [detail.value.case.version, detail.value.case.complainant.name, detail.value.events.length]).toEqual([
      1,
      '王小明',
      1,
    ]);
    expect(await queue(host, { severity: 'urgent' })).toEqual({ total: 0, ids: [] });
    expect(await queue(host, { severity: 'general' })).toEqual({ total: 1, ids: [c.id] });
    expect(await search(host, '李四')).toEqual([]);
    expect(await search(host, '王小明')).toEqual([c.id]);
    expect(await counts(host)).toMatchObject({ byState: { registered: 1 }, notifications: 0 });

    // The next save goes through as usual.
    await mustCommand(host, c.id, 'assign', { department: '鉴定部', assigneeId: 'h01' }, CLERK);
    expect(await queue(host, { states: ['assigned'] })).toEqual({ total: 1, ids: [c.id] });
    host.close();
  });

  it('leaves no trace of a registration: no case, no number taken, nothing in queues, counts or search', async () => {
    const { host } = await configuredHost('pawnshop');
    const logged = abortNextSaveAfterTheModelChanges();
    const r = await host.call('cases.register', { intake: intake({ severity: 'major' }) }, CLERK);
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(logged).toHaveBeenCalledWith('store host: unexpected failure', expect.anything());

    expect(await host.db.cases.count()).toBe(0);
    expect(await queue(host)).toEqual({ total: 0, ids: [] });
    expect(await search(host, '王小明')).toEqual([]);
    expect(await counts(host)).toEqual({ byState: {}, unassigned: 0, overdue: 0, notifications: 0 });
    expect(await host.call('ledger.verify', {}, SUPERVISOR)).toMatchObject({ ok: true, value: { cases: 0, events: 0, firstBreak: null } });

    const saved = await register(host);
    expect(saved.caseNo).toBe('BJ01-20260302-001');
    expect(await queue(host)).toEqual({ total: 1, ids: [saved.id] });
    host.close();
  });
});

describe('supervisor notifications', () => {
  async function notifications(host: StoreHost) {
    return (await host.db.notifications.toArray()).map((n) => [n.caseNo, n.reason]);
  }

  it('go out when a correction raises a case to major or urgent, or marks it a report; once per escalation', async () => {
    const { host } = await configuredHost('general');
    const major = await register(host, { category: 'service_attitude' });
    const urgent = await register(host, { category: 'service_attitude' });
    const report = await register(host, { category: 'service_attitude' });
    const plain = await register(host, { category: 'service_attitude' });
    expect(await notifications(host)).toEqual([]);

    await mustCommand(host, major.id, 'update', { severity: 'major' }, CLERK);
    await mustCommand(host, urgent.id, 'update', { severity: 'urgent' }, CLERK);
    await mustCommand(host, report.id, 'update', { isReport: true }, CLERK);
    await mustCommand(host, plain.id, 'update', { content: '补充：柜台人员态度生硬。' }, CLERK);
    expect(await notifications(host)).toEqual([
      [major.caseNo, 'major'],
      [urgent.caseNo, 'urgent'],
      [report.caseNo, 'report'],
    ]);
    // Already with the supervisor: raising it further sends nothing new.
    await mustCommand(host, major.id, 'update', { severity: 'urgent' }, SUPERVISOR);
    expect(await notifications(host)).toHaveLength(3);
    expect(await counts(host)).toMatchObject({ notifications: 3 });
    const refused = await command(host, major.id, 'update', { severity: 'general' }, EN(CLERK));
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    host.close();
  });
});
