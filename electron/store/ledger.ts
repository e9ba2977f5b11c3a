import Dexie from 'dexie';
import type { Actor, CaseRecord } from '../../shared/domain/case';
import type { EventType } from '../../shared/domain/enums';
import { GENESIS_HASH, diffRecords, hashEvent, hashEventsNative, verifyChain, type CaseEvent, type ChainBreak } from '../../shared/ledger/eventHash';
import type { CountersignDb } from './db';

/**
 * Builds the next event of a case's chain and sets the record's ledger head. The caller writes
 * both in one transaction, so a case row never exists without the event that explains it.
 */
export function chainEvent(before: CaseRecord | null, after: CaseRecord, type: EventType, actor: Actor, at: number): CaseEvent {
  const head = before?.ledgerHead ?? { seq: 0, hash: GENESIS_HASH };
  const unsigned = { caseId: after.id, seq: head.seq + 1, type, at, actor, changes: diffRecords(before, after), prevHash: head.hash };
  const event = { ...unsigned, hash: hashEvent(unsigned) };
  after.ledgerHead = { seq: event.seq, hash: event.hash };
  return event;
}

export function eventsOf(db: CountersignDb, caseId: string): Promise<CaseEvent[]> {
  return db.events.where('[caseId+seq]').between([caseId, Dexie.minKey], [caseId, Dexie.maxKey]).toArray();
}

/**
 * Verifies every chain (or one case's): links, hashes, and that the chain ends where the case row
 * says it does (a deleted tail would otherwise go unnoticed). Events arrive in primary-key order,
 * i.e. grouped by case and sorted by seq, so one pass suffices.
 */
export async function verifyLedger(db: CountersignDb, caseId?: string): Promise<{ cases: number; events: number; firstBreak: ChainBreak | null }> {
  const heads = new Map<string, CaseRecord['ledgerHead']>();
  if (caseId) {
    const c = await db.cases.get(caseId);
    if (c) heads.set(c.id, c.ledgerHead);
  } else {
    await db.cases.each((c) => heads.set(c.id, c.ledgerHead));
  }
  const events = caseId ? await eventsOf(db, caseId) : await db.events.toArray();
  const hashes = await hashEventsNative(events);
  let firstBreak: ChainBreak | null = null;
  let start = 0;
  const seen = new Set<string>();
  for (let i = 1; i <= events.length && !firstBreak; i++) {
    if (i < events.length && events[i]!.caseId === events[start]!.caseId) continue;
    const chain = events.slice(start, i);
    const id = chain[0]!.caseId;
    seen.add(id);
    firstBreak = verifyChain(chain, hashes.slice(start, i));
    const head = heads.get(id);
    const last = chain[chain.length - 1]!;
    if (!firstBreak && (!head || head.seq !== last.seq || head.hash !== last.hash)) {
      firstBreak = { caseId: id, seq: Math.min(head?.seq ?? last.seq, last.seq + 1), reason: 'link_broken' };
    }
    start = i;
  }
  for (const [id, head] of heads) {
    if (firstBreak) break;
    if (!seen.has(id)) firstBreak = { caseId: id, seq: 1, reason: head.seq > 0 ? 'sequence_gap' : 'link_broken' };
  }
  return { cases: heads.size, events: events.length, firstBreak };
}
