import { describe, expect, it } from 'vitest';
import type { StoreHost } from '../../electron/store/host';
import type { ReadModelOptions } from '../../electron/store/context';
import type { Counts } from '../../shared/api/contract';
import { createTestHost, CLERK, intake, LoadGate, mustCommand, register, SUPERVISOR, TestClock, uniqueDbName } from './fixtures';

/** A branch database holding `cases` cases, its host closed (which stores a snapshot). */
async function seeded(cases: number): Promise<{ dbName: string; clock: TestClock }> {
  const clock = new TestClock();
  const dbName = uniqueDbName('cs-loading');
  const host = await createTestHost({ dbName, now: clock.now });
  const r = await host.call(
    'branch.configure',
    { branch: { branchCode: 'BJ01', branchName: '北京一店', profileId: 'pawnshop' } },
    SUPERVISOR,
  );
  if (!r.ok) throw new Error(r.error.message);
  for (let i = 0; i < cases; i++) await register(host, { complainant: { name: `客户${i}`, phone: '138 1234 5678', address: '朝阳区' } });
  await host.close();
  return { dbName, clock };
}

function reopen(seed: { dbName: string; clock: TestClock }, readModel: ReadModelOptions): Promise<StoreHost> {
  return createTestHost({ dbName: seed.dbName, now: seed.clock.now, readModel });
}

/** The first value a live query delivers. */
function firstDelivered(host: StoreHost): Promise<Counts> {
  return new Promise((resolve, reject) => {
    host.subscribe('cases.counts', {}, SUPERVISOR, (r) => (r.ok ? resolve(r.value) : reject(new Error(r.error.message))));
  });
}

async function idsInQueue(host: StoreHost): Promise<string[]> {
  const page = await host.call('cases.query', { limit: 100 }, SUPERVISOR);
  if (!page.ok) throw new Error(page.error.message);
  return page.value.items.map((c) => c.id);
}

describe('the store host while its read model loads', () => {
  it('signs in, reserves a number and saves a case before the model is loaded; the case is then in queues, counts and search once', async () => {
    const seed = await seeded(3);
    const gate = new LoadGate();
    // Rebuilt from every case, two at a time, each read held until the test lets it go.
    const host = await reopen(seed, { useSnapshot: false, pageSize: 2, pause: gate.pause });
    await gate.holding(); // not one case read yet
    let loaded = false;
    void host.start.then(() => (loaded = true));
    const asked = host.call('cases.query', { limit: 100 }, CLERK);
    const counts = firstDelivered(host);

    expect(await host.call('auth.whoami', {}, CLERK)).toMatchObject({ ok: true, value: { staffId: 'c01' } });
    const reserved = await host.call('cases.reserveNumber', {}, CLERK);
    if (!reserved.ok) throw new Error(reserved.error.message);
    const saved = await host.call(
      'cases.register',
      { intake: intake({ content: '装载期间登记：柜台态度生硬。' }), reservedCaseNo: reserved.value },
      CLERK,
    );
    if (!saved.ok) throw new Error(saved.error.message);
    expect(saved.value.caseNo).toBe(reserved.value);
    expect(loaded).toBe(false);

    gate.step();
    await gate.holding(); // the first page is in the model; a case saved now comes in a later page as well
    const between = await register(host, { content: '两页之间登记：估价偏低。' });
    gate.open();

    expect(await host.start).toEqual({ source: 'rebuilt', replayed: 0 });
    const page = await asked;
    expect(page.ok && page.value.total).toBe(5);
    const ids = await idsInQueue(host);
    expect(ids).toHaveLength(5);
    expect(new Set(ids).size).toBe(5);
    expect(ids).toEqual(expect.arrayContaining([saved.value.id, between.id]));
    expect((await counts).byState.registered).toBe(5);
    const found = await host.call('cases.search', { text: '装载期间', limit: 10 }, CLERK);
    expect(found.ok && found.value.map((c) => c.id)).toEqual([saved.value.id]);
    const again = await host.call('cases.search', { text: '两页之间', limit: 10 }, CLERK);
    expect(again.ok && again.value.map((c) => c.id)).toEqual([between.id]);
    await host.close();
  });

  it('applies, after the load, a change to a case the load had already read', async () => {
    const seed = await seeded(3);
    const gate = new LoadGate();
    const host = await reopen(seed, { useSnapshot: false, pageSize: 2, pause: gate.pause });
    await gate.holding();
    gate.step();
    await gate.holding(); // the first two cases (by id) are in the model
    const [first] = (await host.db.cases.orderBy(':id').primaryKeys()) as string[];
    expect(await mustCommand(host, first!, 'update', { content: '读过之后更正的内容。' }, CLERK)).toMatchObject({ version: 2 });
    gate.open();
    await host.start;
    const found = await host.call('cases.search', { text: '读过之后更正', limit: 10 }, CLERK);
    expect(found.ok && found.value.map((c) => c.id)).toEqual([first]);
    await host.close();
  });

  it('keeps a case saved while the snapshot loads, and the snapshot it then stores holds it', async () => {
    const seed = await seeded(2);
    const gate = new LoadGate();
    const host = await reopen(seed, { pause: gate.pause });
    await gate.holding();
    const saved = await register(host, { content: '快照装载时登记。' });
    gate.open();
    expect((await host.start).source).toBe('snapshot');
    expect(await idsInQueue(host)).toContain(saved.id);
    await host.writeSnapshot();

    // Started from that snapshot alone (nothing changed since), the case is there once.
    const next = await reopen(seed, {});
    expect(await next.start).toEqual({ source: 'snapshot', replayed: 0 });
    expect(await next.audited).toBe(0);
    const ids = await idsInQueue(next);
    expect(ids.filter((id) => id === saved.id)).toHaveLength(1);
    expect(ids).toHaveLength(3);
    await Promise.all([host.close(), next.close()]);
  });

  it('answers what needs the model with an internal error when the load fails, and still saves', async () => {
    const seed = await seeded(1);
    const host = await reopen(seed, { useSnapshot: false, pause: () => Promise.reject(new Error('the disk went away')) });
    await expect(host.start).rejects.toThrow('the disk went away');
    expect(await host.call('cases.query', { limit: 10 }, CLERK)).toMatchObject({ ok: false, error: { code: 'internal' } });
    await expect(firstDelivered(host)).rejects.toThrow();
    expect((await host.call('cases.register', { intake: intake() }, CLERK)).ok).toBe(true);
    await host.close();
  });
  it('from the snapshot, answers the queues before its search index is read; a search asked meanwhile waits and finds a case saved meanwhile', async () => {
    const seed = await seeded(3);
    let letSearchGo = () => {};
    const searchHeld = new Promise<void>((go) => (letSearchGo = go));
    // Every read of the load goes on at once, but the search index's.
    const host = await reopen(seed, { pause: (before) => (before === 'search' ? searchHeld : Promise.resolve()) });
    expect(await host.start).toEqual({ source: 'snapshot', replayed: 0 });
    expect(await idsInQueue(host)).toHaveLength(3);

    let answered = false;
    const found = host.call('cases.search', { text: '装载期间', limit: 10 }, CLERK).then((r) => {
      answered = true;
      if (!r.ok) throw new Error(r.error.message);
      return r.value.map((c) => c.id);
    });
    const saved = await host.call('cases.register', { intake: intake({ content: '装载期间登记：柜台态度生硬。' }) }, CLERK);
    if (!saved.ok) throw new Error(saved.error.message);
    expect(await idsInQueue(host)).toContain(saved.value.id);
    expect(answered).toBe(false);

    letSearchGo();
    expect(await found).toEqual([saved.value.id]);
    expect(await host.audited).toBe(0);
    await host.close();
  });
});
