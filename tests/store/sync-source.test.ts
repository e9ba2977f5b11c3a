/**
 * What the branch sends head office (issue 11, "What is sent"), from the store host's side: the
 * outbox, the case entries with their whole chain and attachments, acknowledgements and the
 * persisted sync state. Runs in Node (fake-indexeddb) and in Chromium.
 */
import { describe, expect, it } from 'vitest';
import { openDb, LATEST_SCHEMA_VERSION } from '../../electron/store/db';
import { verifyChain } from '../../shared/ledger/eventHash';
import { caseEntrySchema, sha256Hex } from '../../shared/sync/protocol';
import { INITIAL_SYNC_STATE } from '../../shared/sync/engine';
import { createTestHost, CLERK, command, configuredHost, mustCommand, register, SUPERVISOR, TestClock, uniqueDbName } from './fixtures';
import type { StoreHost } from '../../electron/store/host';
import type { Envelope } from '../../shared/api/contract';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 9, 8, 7]);

async function main<T>(host: StoreHost, method: Parameters<StoreHost['call']>[0], params: object, envelope: Envelope = CLERK): Promise<T> {
  const r = await host.call(method, params as never, envelope, 'main');
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as T;
}

/** A case settled at the counter: closed and archived in one step (R1.7). */
async function archivedCase(host: StoreHost, withAttachment = false) {
  const c = await register(host);
  if (withAttachment) {
    const r = await host.call(
      'cases.addAttachment',
      { caseId: c.id, expectedVersion: c.version, kind: 'evidence', name: '收据.png', type: 'image/png', bytes: PNG },
      CLERK,
    );
    if (!r.ok) throw new Error(r.error.message);
  }
  return mustCommand(host, c.id, 'closeAtCounter', { explanation: '当场解决' }, CLERK);
}

describe('the outbox', () => {
  it('queues a case when it is archived, with its archived version; open cases are not queued', async () => {
    const { host } = await configuredHost();
    await register(host);
    const archived = await archivedCase(host);
    expect(await main(host, 'sync.pending', { limit: 10 })).toEqual([{ caseId: archived.id, version: archived.version }]);
    const status = await host.call('sync.status', {}, CLERK);
    expect(status.ok && status.value).toMatchObject({ waiting: 1, enrolled: false, lastError: null, sending: null });
    host.close();
  });

  it('no workflow command changes an archived case today: each is refused and nothing more is queued', async () => {
    // The rule is "every stored write of an archived case queues it" (outbox.ts, enqueueIfArchived);
    // the oversight issue's accountability decisions and appeals will be the first writes after archiving.
    const { host } = await configuredHost();
    const archived = await archivedCase(host);
    const refused = await command(host, archived.id, 'linkCase', { relatedCaseId: archived.id }, SUPERVISOR);
    expect(refused.ok).toBe(false);
    const attach = await host.call(
      'cases.addAttachment',
      { caseId: archived.id, expectedVersion: archived.version, kind: 'evidence', name: 'x.png', type: 'image/png', bytes: PNG },
      SUPERVISOR,
    );
    expect(attach).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
    expect(await host.db.outbox.count()).toBe(1);
    host.close();
  });

  it('pending gives the newest version of each case, the longest-waiting first; acknowledging marks that version and older ones', async () => {
    const { host, clock } = await configuredHost();
    const a = await archivedCase(host);
    const b = await archivedCase(host);
    // A later version of `a` queued after `b` (as a change to an archived case queues it).
    await host.db.outbox.add({ caseId: a.id, version: a.version + 1, createdAt: clock.at, deliveredAt: null, delivered: 0 } as never);
    expect(await main(host, 'sync.pending', { limit: 10 })).toEqual([
      { caseId: a.id, version: a.version + 1 },
      { caseId: b.id, version: b.version },
    ]);
    expect(await main(host, 'sync.pending', { limit: 1 })).toEqual([{ caseId: a.id, version: a.version + 1 }]);

    // Only the older row of `a` is delivered: its newer one now waits behind `b`.
    await main(host, 'sync.acknowledge', { caseId: a.id, version: a.version, at: clock.at });
    expect(await main(host, 'sync.pending', { limit: 10 })).toEqual([
      { caseId: b.id, version: b.version },
      { caseId: a.id, version: a.version + 1 },
    ]);
    await main(host, 'sync.acknowledge', { caseId: a.id, version: a.version + 1, at: clock.at + 1 });
    expect(await main(host, 'sync.pending', { limit: 10 })).toEqual([{ caseId: b.id, version: b.version }]);
    const rows = await host.db.outbox.where('caseId').equals(a.id).toArray();
    expect(rows.map((r) => [r.delivered, r.deliveredAt])).toEqual([
      [1, clock.at],
      [1, clock.at + 1],
    ]);
    const status = await host.call('sync.status', {}, CLERK);
    expect(status.ok && status.value.waiting).toBe(1);
    host.close();
  });
});

describe('case entries', () => {
  it('hold the record, the whole chain (sealed blocks included) and the attachments with their SHA-256, as the protocol wants them', async () => {
    const { host } = await configuredHost('pawnshop', 2);
    const archived = await archivedCase(host, true);
    await host.call('ledger.seal', {}, SUPERVISOR);
    const [entry] = await main<unknown[]>(host, 'sync.entries', { caseIds: [archived.id, '00000000-0000-7000-8000-000000000000'] });
    const parsed = caseEntrySchema.parse(entry);
    expect(parsed.version).toBe(archived.version);
    expect(parsed.record).toMatchObject({ id: archived.id, caseNo: archived.caseNo, state: 'archived', ledgerHead: archived.ledgerHead });
    expect(parsed.events.map((e) => e.type)).toEqual(['registered', 'evidence_added', 'closed_at_counter', 'archived']);
    expect(verifyChain(parsed.events)).toBeNull();
    expect(parsed.attachments).toEqual([
      { id: archived.evidence[0]!.attachmentId, sha256: sha256Hex(PNG), name: '收据.png', type: 'image/png', size: PNG.byteLength },
    ]);
    const bytes = await main<Uint8Array>(host, 'sync.attachment', { attachmentId: archived.evidence[0]!.attachmentId });
    expect(Array.from(bytes)).toEqual(Array.from(PNG));
    expect(await main(host, 'sync.attachment', { attachmentId: '00000000-0000-7000-8000-000000000000' })).toBeNull();
    host.close();
  });
});

describe('sync state', () => {
  it('starts empty, and what main saves is what it loads after a restart', async () => {
    const { host, dbName, clock } = await configuredHost();
    expect(await main(host, 'sync.state', {})).toEqual(INITIAL_SYNC_STATE);
    const state = {
      lastSuccessAt: clock.at - 1000,
      lastAttemptAt: clock.at,
      nextAttemptAt: clock.at + 4000,
      attempt: 3,
      lastError: { code: 'clock_skew' as const, at: clock.at, status: 401, skewMs: 540_000 },
      sending: null,
    };
    await main(host, 'sync.saveState', { state });
    host.close();
    const reopened = await createTestHost({ dbName, now: clock.now });
    expect(await main(reopened, 'sync.state', {})).toEqual(state);
    const status = await reopened.call('sync.status', {}, CLERK);
    expect(status.ok && status.value).toMatchObject({ nextAttemptAt: clock.at + 4000, lastError: { code: 'clock_skew', skewMs: 540_000 } });
    expect(await reopened.call('sync.saveState', { state: { ...state, attempt: -1 } }, CLERK, 'main')).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    reopened.close();
  });

  it('the engine-facing methods are main-only: a screen is refused', async () => {
    const { host } = await configuredHost();
    for (const method of [
      'sync.pending',
      'sync.entries',
      'sync.attachment',
      'sync.acknowledge',
      'sync.state',
      'sync.saveState',
      'sync.configure',
    ] as const) {
      expect(await host.call(method, {} as never, SUPERVISOR)).toMatchObject({
        ok: false,
        error: { code: 'forbidden', key: 'errors.request.mainOnly' },
      });
    }
    host.close();
  });
});

describe('schema v6', () => {
  it('gives attachments stored by a v5 database their SHA-256, keeping everything else', async () => {
    const dbName = uniqueDbName('cs-v5');
    const v5 = openDb(dbName, 5);
    await v5.open();
    const row = { id: 'att-old', caseId: 'case-old', name: 'scan.pdf', type: 'application/pdf', bytes: PNG, addedAt: 1_700_000_000_000 };
    await v5.table('attachments').add(row);
    await v5.table('outbox').add({ caseId: 'case-old', version: 7, createdAt: 1, deliveredAt: null, delivered: 0 });
    v5.close();

    const host = await createTestHost({ dbName, now: new TestClock().now });
    expect(host.db.verno).toBe(LATEST_SCHEMA_VERSION);
    const upgraded = await host.db.attachments.get('att-old');
    expect(upgraded).toEqual({ ...row, bytes: expect.any(Uint8Array), sha256: sha256Hex(PNG) });
    expect(Array.from(upgraded!.bytes)).toEqual(Array.from(PNG));
    expect(await main(host, 'sync.pending', { limit: 10 })).toEqual([{ caseId: 'case-old', version: 7 }]);
    host.close();
  });
});
