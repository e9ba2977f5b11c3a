import Dexie from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import type { StoreHost } from '../../electron/store/host';
import { META_SEAL, sealRow } from '../../electron/store/ledger';
import { blockHeads, decodeBlock, encodeBlock, encodeEvents, GENESIS_BLOCK_HASH, hashBlock } from '../../shared/ledger/blocks';
import { META_HEADS_BEFORE_V10, openDb } from '../../electron/store/db';
import { sealedLedger } from '../bench/sealedLedger';
import { hashEvent } from '../../shared/ledger/eventHash';
import { CLERK, configuredHost, HANDLER, mustCommand, openHost, register, SUPERVISOR, TestClock, uniqueDbName } from './fixtures';

async function verify(host: StoreHost, caseId?: string) {
  const r = await host.call('ledger.verify', caseId ? { caseId } : {}, SUPERVISOR);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** Removes a case's unsealed event rows, as a hand at the database would. */
function deleteRows(host: StoreHost, caseId: string) {
  return host.db.events.where('[caseId+seq]').between([caseId, Dexie.minKey], [caseId, Dexie.maxKey]).delete();
}

/** Three registered and assigned cases, every event sealed into blocks of `blockSize`. */
async function threeSealedCases(blockSize: number) {
  const { host } = await configuredHost('pawnshop', blockSize);
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    const c = await register(host, { complainant: { name: `客户${i}`, phone: '13812345678' } });
    await mustCommand(host, c.id, 'assign', { department: '鉴定部', assigneeId: 'h01' }, CLERK);
    ids.push(c.id);
  }
  await host.call('ledger.seal', {}, SUPERVISOR);
  expect(await host.db.events.count()).toBe(0);
  return { host, ids };
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
    const { host, ids } = await threeSealedCases(4);
    const [a, b, c] = ids as [string, string, string];
    await mustCommand(host, c, 'startInvestigation', {}, HANDLER); // seq 3, unsealed
    expect(await verify(host)).toMatchObject({ cases: 3, events: 7, firstBreak: null });

    // b's index row gone, its history reads back without its sealed events: verifying b names it.
    // (The whole log still holds them, up to b's head, as the blocks' own heads say under their hash.)
    const placed = (await host.db.caseBlocks.get(b))!;
    await host.db.caseBlocks.delete(b);
    expect(await verify(host, b)).toMatchObject({ events: 0, firstBreak: { caseId: b, seq: 1, reason: 'events_missing' } });
    expect(await verify(host, a)).toMatchObject({ firstBreak: null });
    await host.db.caseBlocks.put(placed);

    // Every block rewritten without b's events and re-chained, the seal too: the blocks hold, but no
    // block's heads reach the head b's case row names (its index row, untouched, is not what counts).
    let prevHash = GENESIS_BLOCK_HASH;
    for (const block of await host.db.ledgerBlocks.orderBy('n').toArray()) {
      const bytes = encodeBlock(decodeBlock(block.bytes).filter((e) => e.caseId !== b));
      const hash = hashBlock(prevHash, bytes);
      await host.db.ledgerBlocks.put({ ...block, prevHash, hash, bytes });
      prevHash = hash;
    }
    await host.db.meta.put({ key: META_SEAL, value: { ...(await sealRow(host.db)), lastHash: prevHash } });
    expect(await verify(host)).toMatchObject({ firstBreak: { caseId: b, seq: 1, reason: 'events_missing' } });

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
    const branch = await threeSealedCases(2);
    expect(await branch.host.db.ledgerBlocks.count()).toBe(3);
    return branch;
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
    expect(await verify(host)).toMatchObject({ firstBreak: { caseId: '', seq: 0, reason: 'link_broken', block: 3 } });
    host.close();
  });

  it('name the case whose head in a block was changed: the heads are under the block hash', async () => {
    const { host } = await sealedBranch();
    const block = (await host.db.ledgerBlocks.get(2))!;
    const [caseId, seq] = blockHeads(block.bytes)!.split('\n')[0]!.split('\t') as [string, string];
    const bytes = block.bytes.slice();
    bytes.set(new TextEncoder().encode(`${caseId}\t${Number(seq) === 9 ? 8 : 9}`), 6);
    await host.db.ledgerBlocks.put({ ...block, bytes });
    expect(await verify(host)).toMatchObject({ firstBreak: { caseId, seq: Number(seq), reason: 'hash_mismatch', block: 2 } });
    host.close();
  });

  it('name a block moved out of its place', async () => {
    const { host } = await sealedBranch();
    const second = (await host.db.ledgerBlocks.get(2))!;
    await host.db.ledgerBlocks.delete(2);
    await host.db.ledgerBlocks.put({ ...second, n: 4 });
    expect(await verify(host)).toMatchObject({ events: 2, firstBreak: { caseId: '', seq: 0, reason: 'link_broken', block: 2 } });
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

describe('sealing', () => {
  const rows = (host: StoreHost) => host.db.events.toArray();

  it('seals a block right after the write that fills it, oldest events first, and leaves a partial block unsealed', async () => {
    const { host } = await configuredHost('pawnshop', 3);
    const a = await register(host);
    const b = await register(host);
    expect(await verify(host)).toMatchObject({ blocks: 0 });
    await mustCommand(host, a.id, 'assign', { department: '鉴定部', assigneeId: 'h01' }, CLERK);
    expect(await verify(host)).toMatchObject({ blocks: 1, events: 3, firstBreak: null });
    expect(await rows(host)).toHaveLength(0);
    const block = (await host.db.ledgerBlocks.get(1))!;
    expect(decodeBlock(block.bytes).map((e) => [e.caseId, e.seq])).toEqual([
      [a.id, 1],
      [b.id, 1],
      [a.id, 2],
    ]);
    await register(host);
    expect(await verify(host)).toMatchObject({ blocks: 1, events: 4, firstBreak: null });
    expect(await rows(host)).toHaveLength(1);
    host.close();
  });

  it('ledger.seal seals the partial last block too and says how many events it sealed', async () => {
    const { host } = await configuredHost('pawnshop', 4);
    const a = await register(host);
    await register(host);
    await mustCommand(host, a.id, 'assign', { department: '鉴定部', assigneeId: 'h01' }, CLERK);
    expect(await host.call('ledger.seal', {}, SUPERVISOR)).toEqual({ ok: true, value: { sealed: 3 } });
    expect(await rows(host)).toHaveLength(0);
    expect(await host.call('ledger.seal', {}, SUPERVISOR)).toEqual({ ok: true, value: { sealed: 0 } });
    expect(await verify(host)).toMatchObject({ blocks: 1, events: 3, firstBreak: null });
    host.close();
  });

  it('a host reopened over a backlog seals every full block at once and numbers new events after the old ones', async () => {
    const clock = new TestClock();
    const dbName = uniqueDbName();
    const { host } = await openHost(clock, dbName);
    await host.call('branch.configure', { branch: { branchCode: 'BJ01', branchName: '北京一店', profileId: 'pawnshop' } }, SUPERVISOR);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const c = await register(host, { complainant: { name: `客户${i}`, phone: '13812345678' } });
      await mustCommand(host, c.id, 'assign', { department: '鉴定部', assigneeId: 'h01' }, CLERK);
      ids.push(c.id);
    }
    // The last write goes to the case with the lowest id, so the newest row is not the last by case and seq.
    const lowest = [...ids].sort()[0]!;
    await mustCommand(host, lowest, 'startInvestigation', {}, HANDLER);
    const before = await rows(host);
    expect(before).toHaveLength(7);
    const lastG = Math.max(...before.map((r) => r.g));
    host.close();

    const { host: reopened } = await openHost(clock, dbName, 3);
    expect(await verify(reopened)).toMatchObject({ blocks: 2, events: 7, firstBreak: null });
    expect(await rows(reopened)).toHaveLength(1);
    const c = await register(reopened);
    const newest = (await rows(reopened)).find((r) => r.caseId === c.id)!;
    expect(newest.g).toBe(lastG + 1);
    reopened.close();
  });

  it('refuses to seal a chain with an event missing or an event linked to the wrong predecessor', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { host } = await configuredHost('pawnshop', 100);
    const c = await register(host);
    await mustCommand(host, c.id, 'assign', { department: '鉴定部', assigneeId: 'h01' }, CLERK);
    await mustCommand(host, c.id, 'startInvestigation', {}, HANDLER);
    await host.db.events.delete([c.id, 2]);
    expect(await host.call('ledger.seal', {}, SUPERVISOR)).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(logged.mock.calls.flat().map(String).join(' ')).toContain(`broken chain at ${c.id}#3`);
    expect(await host.db.ledgerBlocks.count()).toBe(0);

    const { host: other } = await configuredHost('pawnshop', 100);
    const d = await register(other);
    await mustCommand(other, d.id, 'assign', { department: '鉴定部', assigneeId: 'h01' }, CLERK);
    const second = (await other.db.events.get([d.id, 2]))!;
    const { g: _g, hash: _hash, ...unsigned } = { ...second, prevHash: 'f'.repeat(64) };
    await other.db.events.put({ ...second, prevHash: unsigned.prevHash, hash: hashEvent(unsigned) });
    expect(await other.call('ledger.seal', {}, SUPERVISOR)).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(await other.db.ledgerBlocks.count()).toBe(0);
    expect(await other.db.events.count()).toBe(2);
    logged.mockRestore();
    host.close();
    other.close();
  });
});

describe('verification against the case row', () => {
  it('names an unsealed log whose case head was changed, is behind it, or whose case row is gone', async () => {
    const { host } = await configuredHost('pawnshop', 100);
    const c = await register(host);
    await mustCommand(host, c.id, 'assign', { department: '鉴定部', assigneeId: 'h01' }, CLERK);
    const first = (await host.db.events.get([c.id, 1]))!;

    await host.db.cases.update(c.id, { ledgerHead: { seq: 2, hash: 'f'.repeat(64) } });
    expect(await verify(host)).toMatchObject({ firstBreak: { caseId: c.id, seq: 3, reason: 'link_broken' } });
    expect(await verify(host, c.id)).toMatchObject({ firstBreak: { caseId: c.id, seq: 3, reason: 'link_broken' } });

    await host.db.cases.update(c.id, { ledgerHead: { seq: 1, hash: first.hash } });
    expect(await verify(host)).toMatchObject({ firstBreak: { caseId: c.id, seq: 3, reason: 'link_broken' } });
    expect(await verify(host, c.id)).toMatchObject({ firstBreak: { caseId: c.id, seq: 2, reason: 'link_broken' } });

    await host.db.cases.delete(c.id);
    expect(await verify(host)).toMatchObject({ firstBreak: { caseId: c.id, seq: 3, reason: 'link_broken' } });
    host.close();
  });

  it('names a sealed log that runs past its case head', async () => {
    const clock = new TestClock();
    const dbName = uniqueDbName();
    const { host } = await openHost(clock, dbName, 100);
    await host.call('branch.configure', { branch: { branchCode: 'BJ01', branchName: '北京一店', profileId: 'pawnshop' } }, SUPERVISOR);
    const c = await register(host);
    await mustCommand(host, c.id, 'assign', { department: '鉴定部', assigneeId: 'h01' }, CLERK);
    await host.call('ledger.seal', {}, SUPERVISOR);
    const first = decodeBlock((await host.db.ledgerBlocks.get(1))!.bytes)[0]!;
    await host.db.cases.update(c.id, { ledgerHead: { seq: 1, hash: first.hash } });
    host.close();

    const { host: reopened } = await openHost(clock, dbName, 100);
    expect(await verify(reopened)).toMatchObject({ firstBreak: { caseId: c.id, seq: 2, reason: 'link_broken' } });
    expect(await verify(reopened, c.id)).toMatchObject({ firstBreak: { caseId: c.id, seq: 2, reason: 'link_broken' } });
    reopened.close();
  });
});

describe('verifying one case', () => {
  it('reports nothing for a case id that does not exist', async () => {
    const { host } = await configuredHost();
    const { host: other } = await configuredHost();
    await register(host);
    const elsewhere = await register(other);
    expect(await verify(host, elsewhere.id)).toMatchObject({ cases: 0, events: 0, firstBreak: null });
    host.close();
    other.close();
  });

  it('keeps the first break of an edited event even when the log also stops short of the head', async () => {
    const { host } = await configuredHost();
    const c = await register(host);
    await mustCommand(host, c.id, 'assign', { department: '鉴定部', assigneeId: 'h01' }, CLERK);
    await mustCommand(host, c.id, 'startInvestigation', {}, HANDLER);
    await host.db.events.update([c.id, 1], { at: 1 });
    expect(await verify(host, c.id)).toMatchObject({ firstBreak: { caseId: c.id, seq: 1, reason: 'hash_mismatch' } });
    await host.db.events.delete([c.id, 3]);
    expect(await verify(host, c.id)).toMatchObject({ firstBreak: { caseId: c.id, seq: 1, reason: 'hash_mismatch' } });
    host.close();
  });
});

describe('sealed blocks, missing or renumbered', () => {
  async function oneEventPerBlock(n: number) {
    const { host } = await configuredHost('pawnshop', 1);
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push((await register(host, { complainant: { name: `客户${i}`, phone: '13812345678' } })).id);
    return { host, ids };
  }

  it('a case whose sealed block is gone reads as missing its events; a missing last block is a gap', async () => {
    const { host, ids } = await oneEventPerBlock(3);
    await host.db.ledgerBlocks.delete(3);
    expect(await verify(host, ids[2])).toMatchObject({ events: 0, firstBreak: { caseId: ids[2], seq: 1, reason: 'events_missing' } });
    expect(await verify(host)).toMatchObject({ events: 2, firstBreak: { caseId: '', seq: 0, reason: 'sequence_gap', block: 3 } });
    host.close();
  });

  it('verifies more than a page of blocks, and names a last block given another number', async () => {
    const { host } = await oneEventPerBlock(51);
    expect(await verify(host)).toMatchObject({ blocks: 51, events: 51, firstBreak: null });
    const last = (await host.db.ledgerBlocks.get(51))!;
    await host.db.ledgerBlocks.delete(51);
    await host.db.ledgerBlocks.put({ ...last, n: 60 });
    expect(await verify(host)).toMatchObject({ events: 50, firstBreak: { caseId: '', seq: 0, reason: 'link_broken', block: 51 } });
    host.close();
  });
});

describe('a log sealed before v10 (blocks without heads)', () => {
  /** Three cases, registered and assigned, as a v9 database holds them: sealed in blocks of 4 without heads. */
  async function sealedBeforeV10() {
    const clock = new TestClock();
    const { host: seed } = await configuredHost('pawnshop', 100);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const c = await register(seed, { complainant: { name: `客户${i}`, phone: '13812345678' } });
      await mustCommand(seed, c.id, 'assign', { department: '鉴定部', assigneeId: 'h01' }, CLERK);
      ids.push(c.id);
    }
    const events = (await seed.db.events.orderBy('g').toArray()).map(({ g: _g, ...e }) => e);
    const cases = await seed.db.cases.toArray();
    const branch = (await seed.db.meta.get('branch'))!;
    seed.close();

    const dbName = uniqueDbName();
    const v9 = openDb(dbName, 9);
    await v9.open();
    const sealed = sealedLedger(events, 4, encodeEvents);
    await v9.cases.bulkAdd(cases);
    await v9.ledgerBlocks.bulkAdd(sealed.blocks);
    await v9.caseBlocks.bulkAdd(sealed.caseBlocks);
    await v9.meta.bulkAdd([branch, { key: META_SEAL, value: sealed.seal }]);
    v9.close();
    const { host } = await openHost(clock, dbName, 4);
    return { host, ids };
  }

  it("keeps each case's sealed head at the upgrade, and verifies", async () => {
    const { host, ids } = await sealedBeforeV10();
    expect(blockHeads((await host.db.ledgerBlocks.get(1))!.bytes)).toBeNull();
    expect((await host.db.meta.get(META_HEADS_BEFORE_V10))?.value).toBe(ids.map((id) => `${id}\t2\n`).join(''));
    expect(await verify(host)).toMatchObject({ cases: 3, events: 6, blocks: 2, firstBreak: null });
    host.close();
  });

  it('chains blocks with heads onto the old ones, and still names a case whose events are gone', async () => {
    const { host, ids } = await sealedBeforeV10();
    const [a, b, c] = ids as [string, string, string];
    for (const id of [a, b]) {
      await mustCommand(host, id, 'startInvestigation', {}, HANDLER);
      await mustCommand(host, id, 'addInvestigationNote', { text: '调取监控' }, HANDLER);
    }
    expect(await host.db.ledgerBlocks.count()).toBe(3);
    expect(blockHeads((await host.db.ledgerBlocks.get(3))!.bytes)).toBe(`${a}\t4\n${b}\t4\n`);
    expect(await verify(host)).toMatchObject({ events: 10, blocks: 3, firstBreak: null });

    // The heads kept at the upgrade are under no hash (as caseBlocks never was): without c's, c reads as missing its events.
    const kept = (await host.db.meta.get(META_HEADS_BEFORE_V10))!.value as string;
    await host.db.meta.put({ key: META_HEADS_BEFORE_V10, value: kept.replace(`${c}\t2\n`, '') });
    expect(await verify(host)).toMatchObject({ firstBreak: { caseId: c, seq: 1, reason: 'events_missing' } });
    await host.db.meta.put({ key: META_HEADS_BEFORE_V10, value: kept });

    await mustCommand(host, b, 'addInvestigationNote', { text: '再次调取监控' }, HANDLER);
    expect(await deleteRows(host, b)).toBe(1);
    expect(await verify(host)).toMatchObject({ firstBreak: { caseId: b, seq: 5, reason: 'events_missing' } });
    host.close();
  });
});
