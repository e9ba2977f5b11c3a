import { describe, expect, it } from 'vitest';
import { decodeBlock, encodeBlock } from '../../shared/ledger/blocks';
import { createTestHost, CLERK, configuredHost, HANDLER, mustCommand, register, SUPERVISOR } from './fixtures';

const BLOCK = 4;

async function busyBranch() {
  const opened = await configuredHost('pawnshop', BLOCK);
  const { host } = opened;
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    const c = await register(host, { complainant: { name: `客户${i}`, phone: '13812345678' } });
    await mustCommand(host, c.id, 'assign', { department: '鉴定部', assigneeId: 'h01' }, CLERK);
    await mustCommand(host, c.id, 'startInvestigation', {}, HANDLER);
    ids.push(c.id);
  }
  return { ...opened, ids };
}

async function history(host: Awaited<ReturnType<typeof busyBranch>>['host'], caseId: string) {
  const r = await host.call('cases.get', { caseId }, SUPERVISOR);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.events;
}

describe('sealed ledger blocks', () => {
  it('seal full blocks after writes; a case reads back its whole history, and the log verifies', async () => {
    const { host, ids } = await busyBranch();
    const before = await Promise.all(ids.map((id) => history(host, id)));
    const sealed = await host.call('ledger.seal', {}, SUPERVISOR);
    expect(sealed.ok).toBe(true);
    expect(await host.db.events.count()).toBe(0);
    expect(await host.db.ledgerBlocks.count()).toBe(3); // 9 events in blocks of 4: 4 + 4 + 1
    expect(await Promise.all(ids.map((id) => history(host, id)))).toEqual(before);
    expect(await host.call('ledger.verify', {}, SUPERVISOR)).toEqual({
      ok: true,
      value: { cases: 3, events: 9, blocks: 3, firstBreak: null },
    });

    // writes after sealing chain onto the sealed heads
    await mustCommand(host, ids[0]!, 'addInvestigationNote', { text: '补充调查' }, HANDLER);
    expect(await host.call('ledger.verify', {}, SUPERVISOR)).toMatchObject({ ok: true, value: { events: 10, firstBreak: null } });
    expect(await host.call('ledger.verify', { caseId: ids[0]! }, SUPERVISOR)).toMatchObject({
      ok: true,
      value: { events: 4, firstBreak: null },
    });
    host.close();
  });

  it('find an edited event inside a sealed block and name it', async () => {
    const { host, ids } = await busyBranch();
    await host.call('ledger.seal', {}, SUPERVISOR);
    const block = (await host.db.ledgerBlocks.get(2))!;
    const forged = decodeBlock(block.bytes).map((e, i) => (i === 1 ? { ...e, actor: { ...e.actor, staffId: 'h99' } } : e));
    await host.db.ledgerBlocks.put({ ...block, bytes: encodeBlock(forged) });
    const r = await host.call('ledger.verify', {}, SUPERVISOR);
    expect(r.ok && r.value.firstBreak).toEqual({ caseId: forged[1]!.caseId, seq: forged[1]!.seq, reason: 'hash_mismatch', block: 2 });
    expect(ids).toContain(forged[1]!.caseId);
    host.close();
  });

  it('notice a removed last block and an edited unsealed event', async () => {
    const { host, ids } = await busyBranch();
    await host.call('ledger.seal', {}, SUPERVISOR);
    await host.db.ledgerBlocks.delete(3);
    expect(await host.call('ledger.verify', {}, SUPERVISOR)).toMatchObject({
      ok: true,
      value: { firstBreak: { reason: 'sequence_gap', block: 3 } },
    });

    const other = await busyBranch();
    await mustCommand(other.host, other.ids[1]!, 'addInvestigationNote', { text: '原始记录' }, HANDLER);
    const row = (await other.host.db.events.where('g').above(0).last())!;
    await other.host.db.events.put({ ...row, at: row.at + 1 });
    expect(await other.host.call('ledger.verify', {}, SUPERVISOR)).toMatchObject({
      ok: true,
      value: { firstBreak: { caseId: row.caseId, seq: row.seq, reason: 'hash_mismatch' } },
    });
    host.close();
    other.host.close();
    expect(ids).toHaveLength(3);
  });

  it('carry on after a restart: positions continue and new blocks chain onto the old', async () => {
    const { host, ids, dbName, clock } = await busyBranch();
    await host.call('ledger.seal', {}, SUPERVISOR);
    host.close();
    const again = await createTestHost({ dbName, now: clock.now, ledgerBlockSize: BLOCK });
    for (const id of ids) await mustCommand(again, id, 'addInvestigationNote', { text: '重启后补充' }, HANDLER);
    await again.call('ledger.seal', {}, SUPERVISOR);
    expect(await again.call('ledger.verify', {}, SUPERVISOR)).toEqual({
      ok: true,
      value: { cases: 3, events: 12, blocks: 4, firstBreak: null },
    });
    again.close();
  });
});
