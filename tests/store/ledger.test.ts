import Dexie from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import type { StoreHost } from '../../electron/store/host';
import { decodeBlock, encodeBlock, hashBlock } from '../../shared/ledger/blocks';
import { CLERK, configuredHost, HANDLER, mustCommand, register, SUPERVISOR } from './fixtures';

async function verify(host: StoreHost, caseId?: string) {
  const r = await host.call('ledger.verify', caseId ? { caseId } : {}, SUPERVISOR);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** Removes a case's unsealed event rows, as a hand at the database would. */
function deleteRows(host: StoreHost, caseId: string) {
  return host.db.events.where('[caseId+seq]').between([caseId, Dexie.minKey], [caseId, Dexie.maxKey]).delete();
}

describe('the event log', () => {
  it('reports the first broken link when an event is edited, and a truncated tail', async () => {
    const { host } = await configuredHost();
    const a = await register(host);
    const b = await register(host);
    await mustCommand(host, b.id, 'progressCall', { notes: '已回电' }, CLERK);
    await mustCommand(host, b.id, 'progressCall', { notes: '再次回电' }, CLERK);
    expect(await verify(host)).toMatchObject({ cases: 2, events: 4, firstBreak: null });

    await host.db.events.update([b.id, 2], { 'changes.progressCalls': [[], [{ at: 0, by: 'x', text: '改过' }]] } as never);
    expect(await verify(host)).toMatchObject({ firstBreak: { caseId: b.id, seq: 2, reason: 'hash_mismatch' } });
    expect(await verify(host, a.id)).toMatchObject({ firstBreak: null });

    const { host: other } = await configuredHost();
    const c = await register(other);
    await mustCommand(other, c.id, 'progressCall', { notes: '已回电' }, CLERK);
    await other.db.events.delete([c.id, 2]);
    expect(await verify(other)).toMatchObject({ firstBreak: { caseId: c.id, seq: 2, reason: 'events_missing' } });
    expect(await verify(other, c.id)).toMatchObject({ firstBreak: { caseId: c.id, seq: 2, reason: 'events_missing' } });
    host.close();
    other.close();
  });

  it('names a case whose events are gone entirely, registration and all (unsealed)', async () => {
    const { host } = await configuredHost();
    const a = await register(host);
    const b = await register(host);
    await mustCommand(host, b.id, 'progressCall', { notes: '已回电' }, CLERK);
    expect(await deleteRows(host, b.id)).toBe(2);
    expect(await host.db.cases.get(b.id)).toMatchObject({ ledgerHead: { seq: 2 } });

    expect(await verify(host)).toMatchObject({ cases: 2, events: 1, firstBreak: { caseId: b.id, seq: 1, reason: 'events_missing' } });
    expect(await verify(host, b.id)).toMatchObject({ events: 0, firstBreak: { caseId: b.id, seq: 1, reason: 'events_missing' } });
    expect(await verify(host, a.id)).toMatchObject({ firstBreak: null });
    host.close();
  });

  it('names a sealed case whose events are gone, and one whose unsealed tail is gone', async () => {
    const { host } = await configuredHost('pawnshop', 4);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const c = await register(host, { complainant: { name: `客户${i}`, phone: '13812345678' } });
      await mustCommand(host, c.id, 'assign', { department: '鉴定部', assigneeId: 'h01' }, CLERK);
      ids.push(c.id);
    }
    await host.call('ledger.seal', {}, SUPERVISOR);
    expect(await host.db.events.count()).toBe(0);
    const [a, b, c] = ids as [string, string, string];
    await mustCommand(host, c, 'startInvestigation', {}, HANDLER); // seq 3, unsealed
    expect(await verify(host)).toMatchObject({ cases: 3, events: 7, firstBreak: null });

    // The sealed blocks still hash (nothing in them changed), but nothing leads to b's events any more.
    await host.db.caseBlocks.delete(b);
    expect(await verify(host)).toMatchObject({ firstBreak: { caseId: b, seq: 1, reason: 'events_missing' } });
    expect(await verify(host, b)).toMatchObject({ events: 0, firstBreak: { caseId: b, seq: 1, reason: 'events_missing' } });
    expect(await verify(host, a)).toMatchObject({ firstBreak: null });

    const { host: other } = await configuredHost('pawnshop', 4);
    const d = await register(other);
    await mustCommand(other, d.id, 'assign', { department: '鉴定部', assigneeId: 'h01' }, CLERK);
    await other.call('ledger.seal', {}, SUPERVISOR);
    await mustCommand(other, d.id, 'startInvestigation', {}, HANDLER);
    await mustCommand(other, d.id, 'addInvestigationNote', { text: '调取监控' }, HANDLER);
    expect(await deleteRows(other, d.id)).toBe(2);
    expect(await verify(other)).toMatchObject({ firstBreak: { caseId: d.id, seq: 3, reason: 'events_missing' } });
    expect(await verify(other, d.id)).toMatchObject({ events: 2, firstBreak: { caseId: d.id, seq: 3, reason: 'events_missing' } });
    host.close();
    other.close();
  });
});

describe('sealed blocks, forged', () => {
  async function sealedBranch() {
    const { host } = await configuredHost('pawnshop', 2);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const c = await register(host, { complainant: { name: `客户${i}`, phone: '13812345678' } });
      await mustCommand(host, c.id, 'assign', { department: '鉴定部', assigneeId: 'h01' }, CLERK);
      ids.push(c.id);
    }
    await host.call('ledger.seal', {}, SUPERVISOR);
    expect(await host.db.ledgerBlocks.count()).toBe(3);
    return { host, ids };
  }

  /** Rewrites block n with one event's time changed, the event and the block re-hashed to match. */
  async function forgeBlock(host: StoreHost, n: number) {
    const block = (await host.db.ledgerBlocks.get(n))!;
    const events = decodeBlock(block.bytes);
    const bytes = encodeBlock(events.map((e, i) => (i === 0 ? { ...e, at: e.at + 60_000 } : e)));
    await host.db.ledgerBlocks.put({ ...block, bytes, hash: hashBlock(block.prevHash, bytes) });
  }

  it('name the block after a re-hashed block: its link no longer holds', async () => {
    const { host } = await sealedBranch();
    await forgeBlock(host, 2);
    expect(await verify(host)).toMatchObject({ firstBreak: { reason: 'link_broken', block: 3 } });
    host.close();
  });

  it('name the last block when it was re-hashed: the seal no longer ends at its hash', async () => {
    const { host } = await sealedBranch();
    await forgeBlock(host, 3);
    expect(await verify(host)).toMatchObject({ firstBreak: { reason: 'link_broken', block: 3 } });
    host.close();
  });

  it('name a block moved out of its place', async () => {
    const { host } = await sealedBranch();
    const second = (await host.db.ledgerBlocks.get(2))!;
    await host.db.ledgerBlocks.delete(2);
    await host.db.ledgerBlocks.put({ ...second, n: 4 });
    expect(await verify(host)).toMatchObject({ events: 2, firstBreak: { reason: 'link_broken', block: 2 } });
    host.close();
  });

  it('refuse to seal a broken chain, and keep the events as they are', async () => {
    const { host } = await configuredHost('pawnshop', 100);
    const c = await register(host);
    await mustCommand(host, c.id, 'assign', { department: '鉴定部', assigneeId: 'h01' }, CLERK);
    await host.db.events.update([c.id, 2], { at: 1 });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await host.call('ledger.seal', {}, SUPERVISOR)).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
    expect(await host.db.ledgerBlocks.count()).toBe(0);
    expect(await host.db.events.count()).toBe(2);
    expect(await verify(host)).toMatchObject({ blocks: 0, firstBreak: { caseId: c.id, seq: 2, reason: 'hash_mismatch' } });
    host.close();
  });
});
