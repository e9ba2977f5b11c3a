import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StoreHost } from '../../electron/store/host';
import { META_SNAPSHOT, readStoredSnapshot, storeSnapshot, type SnapshotRecord } from '../../electron/store/snapshot';
import { SNAPSHOT_FORMAT } from '../../electron/store/snapshotFormat';
import type { Params } from '../../shared/api/contract';
import { createTestHost, CLERK, command, intake, LoadGate, MONDAY_10AM, register, SUPERVISOR, TestClock, uniqueDbName } from './fixtures';

/**
 * Snapshots only when asked (or at close), so each run decides when one is written; in parts of
 * 256 bytes, so that a snapshot of a few cases has parts of rows and parts of its search index.
 */
const PART = 256;
const ONLY_WHEN_ASKED = { snapshotAfter: Number.POSITIVE_INFINITY, snapshotPartBytes: PART };

/**
 * Blocks of three events: the property's runs seal often, so changes are found in blocks as well as
 * rows. With a gate, the model loads two cases a page, each read held until the gate lets it go.
 */
function open(dbName: string, clock: TestClock, useSnapshot = true, ledgerBlockSize = 3, gate?: LoadGate): Promise<StoreHost> {
  const loading = gate ? { pageSize: 2, pause: gate.pause } : {};
  return createTestHost({ dbName, now: clock.now, ledgerBlockSize, readModel: { ...ONLY_WHEN_ASKED, useSnapshot, ...loading } });
}

async function configured(dbName: string, clock: TestClock, ledgerBlockSize = 3): Promise<StoreHost> {
  const host = await open(dbName, clock, true, ledgerBlockSize);
  const r = await host.call(
    'branch.configure',
    { branch: { branchCode: 'BJ01', branchName: '北京一店', profileId: 'pawnshop' } },
    SUPERVISOR,
  );
  if (!r.ok) throw new Error(r.error.message);
  return host;
}

async function storedSnapshot(host: StoreHost): Promise<SnapshotRecord | undefined> {
  return (await readStoredSnapshot(host.db)) ?? undefined;
}

async function editSnapshot(host: StoreHost, edit: (s: SnapshotRecord) => void): Promise<void> {
  const s = await storedSnapshot(host);
  if (!s) return;
  edit(s);
  await storeSnapshot(host.db, s, PART);
}

/** A torn or damaged write: one byte changed. */
function flip(s: SnapshotRecord, at: number): void {
  s.bytes[at] = s.bytes[at]! ^ 0x5a;
}

const QUEUES: Params<'cases.query'>[] = [
  { limit: 200 },
  { limit: 200, sort: 'received' },
  { limit: 200, states: ['registered'] },
  { limit: 200, states: ['assigned', 'investigating'] },
  { limit: 200, severity: 'major' },
  { limit: 200, assigneeId: 'h01' },
  { limit: 200, category: 'appraisal', severity: 'general' },
  { limit: 200, overdue: true },
  { limit: 200, queue: 'unassigned' },
];
const TERMS = ['王', '王小明', '鉴定', '估价', '态度', '李四', '138', 'BJ01', '赎当'];

/** Everything the read model answers: queues, counts, search, month statistics, the dashboard. */
async function answers(host: StoreHost) {
  const ask = async <T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>) => {
    const r = await p;
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  return {
    queues: await Promise.all(QUEUES.map((q) => ask(host.call('cases.query', q, SUPERVISOR)))),
    mine: await ask(host.call('cases.query', { limit: 200, queue: 'mine' }, SUPERVISOR)),
    counts: await ask(host.call('cases.counts', {}, SUPERVISOR)),
    search: await Promise.all(TERMS.map((text) => ask(host.call('cases.search', { text, limit: 200 }, CLERK)))),
    month: await ask(host.call('stats.month', { month: '2026-03' }, SUPERVISOR)),
    dashboard: await ask(host.call('stats.dashboard', { from: '2026-02-01', to: '2026-03-31' }, SUPERVISOR)),
  };
}

const NAMES = ['王小明', '李四', '张三丰', '赵敏'];
const CONTENTS = ['当物鉴定估价明显偏低。', '柜台人员态度生硬。', '赎当时利息算错。', '鉴定估价与合同不符，态度差。'];

/**
 * How the next host's model loads: before the following operations, or while they run (`loadStep`
 * lets one read of the load go), from the snapshot if it can be trusted or rebuilt from every case.
 */
type Load = 'before' | 'during' | 'duringRebuild';
const load: fc.Arbitrary<Load> = fc.oneof(
  fc.constant('before' as const),
  fc.constant('during' as const),
  // A rebuild reads every case a page at a time: most room for writes between its reads.
  { weight: 2, arbitrary: fc.constant('duringRebuild' as const) },
);

type Op =
  | { kind: 'register'; name: number; content: number; major: boolean; minutesAgo: number }
  | { kind: 'update'; at: number; content: number; name: number }
  | { kind: 'assign'; at: number }
  | { kind: 'refused'; at: number }
  | { kind: 'snapshot' }
  | { kind: 'seal' }
  | { kind: 'crash'; load: Load }
  | { kind: 'close'; load: Load }
  | { kind: 'loadStep' }
  | { kind: 'corrupt'; byte: number }
  | { kind: 'format'; delta: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('register' as const),
      name: fc.nat(NAMES.length - 1),
      content: fc.nat(CONTENTS.length - 1),
      major: fc.boolean(),
      minutesAgo: fc.nat(3),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('update' as const),
      at: fc.nat(),
      content: fc.nat(CONTENTS.length - 1),
      name: fc.nat(NAMES.length - 1),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('assign' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('refused' as const), at: fc.nat() }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'snapshot' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'seal' as const }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('crash' as const), load }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('close' as const), load }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'loadStep' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('corrupt' as const), byte: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('format' as const), delta: fc.constantFrom(-1, 1) }) },
);

describe('read-model snapshot', () => {
  it('starts from the snapshot and the cases changed since, never from a snapshot that cannot be trusted', async () => {
    const clock = new TestClock();
    const dbName = uniqueDbName();
    let host = await configured(dbName, clock, 1000);
    const first = await register(host);
    await register(host, { complainant: { name: '李四', phone: '139 0000 1111', address: '海淀区' } });
    expect(await host.start).toEqual({ source: 'rebuilt', replayed: 0 });
    await host.close();

    host = await open(dbName, clock, true, 1000);
    expect(await host.start).toEqual({ source: 'snapshot', replayed: 0 });
    expect(await host.audited).toBe(0);
    // Written after the snapshot, then the host dies without closing: the write is found through the log.
    await command(host, first.id, 'update', { content: '补充：柜台人员态度生硬。' }, CLERK);
    host = await open(dbName, clock, true, 1000);
    expect(await host.start).toEqual({ source: 'snapshot', replayed: 1 });
    const found = await host.call('cases.search', { text: '态度生硬', limit: 10 }, CLERK);
    expect(found.ok && found.value.map((c) => c.id)).toEqual([first.id]);
    await host.writeSnapshot();

    await editSnapshot(host, (s) => flip(s, 20)); // in the rows
    expect((await (await open(dbName, clock)).start).source).toBe('rebuilt');
    await host.writeSnapshot();
    // In the search index: the queues come from the snapshot, the search index is built from every case.
    await editSnapshot(host, (s) => flip(s, s.bytes.length - 9));
    const searchRebuilt = await open(dbName, clock);
    expect(await searchRebuilt.start).toEqual({ source: 'snapshot', replayed: 0 });
    const again = await searchRebuilt.call('cases.search', { text: '态度生硬', limit: 10 }, CLERK);
    expect(again.ok && again.value.map((c) => c.id)).toEqual([first.id]);
    await host.writeSnapshot();
    await editSnapshot(host, (s) => (s.format = SNAPSHOT_FORMAT + 1));
    expect((await (await open(dbName, clock)).start).source).toBe('rebuilt');
    await host.writeSnapshot();
    await editSnapshot(host, (s) => (s.schema -= 1));
    expect((await (await open(dbName, clock)).start).source).toBe('rebuilt');
    await host.writeSnapshot();
    await editSnapshot(host, (s) => (s.lastG += 100));
    expect((await (await open(dbName, clock)).start).source).toBe('rebuilt');
    await host.writeSnapshot();
    await host.db.meta.delete(`${META_SNAPSHOT}#0`); // a part gone
    expect((await (await open(dbName, clock)).start).source).toBe('rebuilt');
    await host.writeSnapshot();
    expect((await (await open(dbName, clock)).start).source).toBe('snapshot');
  });

  it('stores its bytes in parts of a few MB, and leaves no part of a longer snapshot behind', async () => {
    const host = await configured(uniqueDbName(), new TestClock());
    const bytes = new Uint8Array(9 * 1024 * 1024);
    for (let i = 0; i < bytes.length; i++) bytes[i] = i % 251;
    const same = (a: Uint8Array | undefined, b: Uint8Array) => a?.length === b.length && a.every((x, i) => x === b[i]);
    const record: SnapshotRecord = {
      format: 1,
      schema: 1,
      lastG: 0,
      sealBlocks: 0,
      cases: 0,
      searchAt: 8,
      partSha256: ['a', 'b', 'c'],
      bytes,
    };
    await storeSnapshot(host.db, record);
    expect((await host.db.meta.where('key').startsWith(`${META_SNAPSHOT}#`).primaryKeys()).length).toBe(3);
    expect(same((await readStoredSnapshot(host.db))?.bytes, bytes)).toBe(true);
    await storeSnapshot(host.db, { ...record, partSha256: ['a'], bytes: bytes.slice(0, 1000) });
    expect(await host.db.meta.where('key').startsWith(`${META_SNAPSHOT}#`).primaryKeys()).toEqual([`${META_SNAPSHOT}#0`]);
    expect(same((await readStoredSnapshot(host.db))?.bytes, bytes.slice(0, 1000))).toBe(true);
    await host.close();
  });

  it('puts right, in the background, a case row edited behind the host’s back', async () => {
    const clock = new TestClock();
    const dbName = uniqueDbName();
    const host = await configured(dbName, clock);
    const c = await register(host);
    await host.close();
    const tool = await open(dbName, clock, false);
    await tool.db.cases.update(c.id, { content: '被改过的内容' });
    const reopened = await open(dbName, clock);
    expect((await reopened.start).source).toBe('snapshot');
    expect(await reopened.audited).toBe(1);
    const found = await reopened.call('cases.search', { text: '被改过', limit: 10 }, CLERK);
    expect(found.ok && found.value.map((x) => x.id)).toEqual([c.id]);
  });

  it('snapshot + the writes since = a full rebuild, for any writes (also while the model loads), snapshots, crashes, seals and snapshot versions', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 40, size: 'medium' }), async (ops) => {
        const clock = new TestClock(MONDAY_10AM + 3_600_000);
        const dbName = uniqueDbName('cs-snapshot');
        let host = await configured(dbName, clock);
        // The load of the current host's model, while the operations run (null: loaded before them).
        let gate = null as LoadGate | null;
        // Snapshots the current host was asked for during its load: written once it ends, while later operations run.
        let snapshots: Promise<void>[] = [];
        const reopen = async (how: Load) => {
          gate = how === 'before' ? null : new LoadGate();
          snapshots = []; // a crashed host's are never written
          host = await open(dbName, clock, how !== 'duringRebuild', 3, gate ?? undefined);
        };
        const ids: string[] = [];
        const write = async (caseAt: number, name: Params<'cases.command'>['command']['name'], payload: unknown) => {
          if (ids.length === 0) return;
          await command(host, ids[caseAt % ids.length]!, name, payload, CLERK);
        };
        for (const o of ops) {
          clock.advance(60_000);
          switch (o.kind) {
            case 'register': {
              const r = await host.call(
                'cases.register',
                {
                  intake: intake({
                    receivedAt: clock.at - o.minutesAgo * 60_000,
                    complainant: { name: NAMES[o.name]!, phone: '138 1234 5678', address: '朝阳区' },
                    content: CONTENTS[o.content]!,
                    severity: o.major ? 'major' : 'general',
                  }),
                },
                CLERK,
              );
              if (!r.ok) throw new Error(r.error.message);
              ids.push(r.value.id);
              break;
            }
            case 'update':
              await write(o.at, 'update', { content: CONTENTS[o.content]!, complainant: { name: NAMES[o.name]! } });
              break;
            case 'assign':
              await write(o.at, 'assign', { department: '鉴定部', assigneeId: 'h01' });
              break;
            case 'refused':
              await write(o.at, 'update', { severity: 'general' });
              break;
            case 'snapshot':
              if (gate) snapshots.push(host.writeSnapshot());
              else await host.writeSnapshot();
              break;
            case 'loadStep':
              gate?.step();
              break;
            case 'seal':
              await host.call('ledger.seal', {}, SUPERVISOR);
              break;
            case 'crash':
              await reopen(o.load); // the old host is dropped without closing, its load where it was
              break;
            case 'close':
              gate?.open(); // closing stores a snapshot, after the load
              await host.close();
              await reopen(o.load);
              break;
            case 'corrupt':
              await editSnapshot(host, (s) => flip(s, o.byte % s.bytes.length));
              break;
            case 'format':
              await editSnapshot(host, (s) => (s.format = SNAPSHOT_FORMAT + o.delta));
              break;
          }
        }
        gate?.open();
        await Promise.all(snapshots);
        const reopened = await open(dbName, clock);
        const rebuilt = await open(dbName, clock, false);
        expect((await rebuilt.start).source).toBe('rebuilt');
        expect(await answers(reopened)).toEqual(await answers(rebuilt));
        // The snapshot and the log alone were right: the background audit found nothing to correct.
        expect(await reopened.audited).toBe(0);
        expect(await answers(host)).toEqual(await answers(rebuilt));
        await Promise.all([host.close(), reopened.close(), rebuilt.close()]);
      }),
      { numRuns: 80 },
    );
  }, 120_000);
});
