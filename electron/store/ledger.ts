import Dexie from 'dexie';
import type { Actor, CaseRecord } from '../../shared/domain/case';
import type { EventType } from '../../shared/domain/enums';
import {
  blockHeads,
  decodeBlock,
  encodeBlock,
  firstBadEventIn,
  GENESIS_BLOCK_HASH,
  hashBlock,
  hashBlockNative,
  parseHeads,
} from '../../shared/ledger/blocks';
import { GENESIS_HASH, diffRecords, hashEvent, verifyChain, type CaseEvent, type ChainBreak } from '../../shared/ledger/eventHash';
import type { StoreContext } from './context';
import { META_HEADS_BEFORE_V10, type CountersignDb, type EventRow, type SealRow } from './db';
import { modelReady } from './readModelHandle';

export const META_SEAL = 'ledgerSeal';
export const DEFAULT_BLOCK_SIZE = 1000;
const NO_SEAL: SealRow = { lastG: 0, blocks: 0, lastHash: GENESIS_BLOCK_HASH };

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

/** Appends events in the caller's transaction, numbered in the branch-wide order; returns the last number given. */
export async function appendEvents(ctx: StoreContext, events: readonly CaseEvent[]): Promise<number> {
  const rows = events.map((e) => ({ ...e, g: ctx.ledger.nextG++ }));
  await ctx.db.events.bulkAdd(rows);
  ctx.ledger.unsealed += events.length;
  return rows[rows.length - 1]?.g ?? 0;
}

function withoutPosition({ g: _g, ...event }: EventRow): CaseEvent {
  return event;
}

export async function sealRow(db: CountersignDb): Promise<SealRow> {
  return ((await db.meta.get(META_SEAL))?.value as SealRow | undefined) ?? NO_SEAL;
}

/** A case's whole log: its sealed events from their blocks, then the rows not sealed yet. */
export async function eventsOf(db: CountersignDb, caseId: string): Promise<CaseEvent[]> {
  const [placed, rows] = await Promise.all([
    db.caseBlocks.get(caseId),
    db.events.where('[caseId+seq]').between([caseId, Dexie.minKey], [caseId, Dexie.maxKey]).toArray(),
  ]);
  const blocks = await db.ledgerBlocks.bulkGet(placed?.blocks ?? []);
  const sealed = blocks.flatMap((b) => (b ? decodeBlock(b.bytes, caseId) : []));
  return [...sealed, ...rows.map(withoutPosition)].sort((a, b) => a.seq - b.seq);
}

/** Where the ledger stands, read once when the host opens. */
export async function loadLedgerState(db: CountersignDb, blockSize: number) {
  const seal = await sealRow(db);
  const last = await db.events.orderBy('g').last();
  const unsealed = await db.events.where('g').above(seal.lastG).count();
  return { nextG: Math.max(last?.g ?? 0, seal.lastG) + 1, unsealed, blockSize, sealing: Promise.resolve() };
}

/**
 * Seals the oldest unsealed events into one block: checks each event's hash and its link to the
 * case's previous event first (a broken chain is never sealed), then writes the block, notes which
 * cases it holds, and removes the rows, in one transaction. Returns how many events it sealed.
 */
export async function sealOneBlock(ctx: StoreContext, options: { onlyFull: boolean }): Promise<number> {
  const { db } = ctx;
  return db.transaction('rw', [db.events, db.ledgerBlocks, db.caseBlocks, db.meta], async () => {
    const seal = await sealRow(db);
    const rows = await db.events.where('g').above(seal.lastG).limit(ctx.ledger.blockSize).toArray();
    if (rows.length === 0 || (options.onlyFull && rows.length < ctx.ledger.blockSize)) return 0;
    const heads = new Map<string, { seq: number; hash: string }>();
    const caseIds = [...new Set(rows.map((r) => r.caseId))];
    const placed = await db.caseBlocks.bulkGet(caseIds);
    caseIds.forEach((id, i) => {
      const p = placed[i];
      heads.set(id, p ? { seq: p.lastSeq, hash: p.lastHash } : { seq: 0, hash: GENESIS_HASH });
    });
    const events = rows.map(withoutPosition);
    // Events of one case may sit in this batch out of seq order only if written in one transaction.
    events.sort((a, b) => (a.caseId === b.caseId ? a.seq - b.seq : 0));
    for (const e of events) {
      const head = heads.get(e.caseId)!;
      if (e.seq !== head.seq + 1 || e.prevHash !== head.hash || hashEvent(e) !== e.hash) {
        throw new Error(`ledger: refusing to seal a broken chain at ${e.caseId}#${e.seq}`);
      }
      heads.set(e.caseId, { seq: e.seq, hash: e.hash });
    }
    const bytes = encodeBlock(events);
    const n = seal.blocks + 1;
    const hash = hashBlock(seal.lastHash, bytes);
    await db.ledgerBlocks.add({ n, prevHash: seal.lastHash, hash, count: events.length, bytes });
    await db.caseBlocks.bulkPut(
      caseIds.map((caseId, i) => ({
        caseId,
        blocks: [...(placed[i]?.blocks ?? []), n],
        lastSeq: heads.get(caseId)!.seq,
        lastHash: heads.get(caseId)!.hash,
      })),
    );
    await db.events.bulkDelete(rows.map((r) => [r.caseId, r.seq] as [string, number]));
    await db.meta.put({ key: META_SEAL, value: { lastG: rows[rows.length - 1]!.g, blocks: n, lastHash: hash } satisfies SealRow });
    ctx.ledger.unsealed -= rows.length;
    return rows.length;
  });
}

/** Seals every full block waiting; runs after writes, one sealing at a time. */
export function sealFullBlocksSoon(ctx: StoreContext): void {
  if (ctx.ledger.unsealed < ctx.ledger.blockSize) return;
  ctx.ledger.sealing = ctx.ledger.sealing
    .then(async () => {
      while ((await sealOneBlock(ctx, { onlyFull: true })) > 0);
    })
    .catch((e: unknown) => console.error('ledger: sealing failed; will retry after the next write', e));
}

/** Seals everything now, the last block possibly partial (maintenance, and before an export). */
export async function sealAll(ctx: StoreContext): Promise<{ sealed: number }> {
  await ctx.ledger.sealing;
  let sealed = 0;
  for (let n = await sealOneBlock(ctx, { onlyFull: false }); n > 0; n = await sealOneBlock(ctx, { onlyFull: false })) sealed += n;
  return { sealed };
}

export interface LedgerReport {
  cases: number;
  events: number;
  blocks: number;
  firstBreak: ChainBreak | null;
}

interface SealedLog {
  events: number;
  /** Each case's last sealed seq: the heads kept at the v10 upgrade, overridden block by block by the blocks' own. */
  sealedTo: Map<string, number>;
  firstBreak: ChainBreak | null;
}

/** Every block hash-linked to the one before and ending at the seal; collects the heads the blocks carry on the way. */
async function verifyBlocks(db: CountersignDb, seal: SealRow): Promise<SealedLog> {
  let prev = GENESIS_BLOCK_HASH;
  let events = 0;
  const sealedTo = new Map<string, number>();
  const before = (await db.meta.get(META_HEADS_BEFORE_V10))?.value;
  if (typeof before === 'string') parseHeads(before, sealedTo);
  const PAGE = 50;
  const readPage = (from: number) =>
    db.ledgerBlocks
      .where('n')
      .between(from, from + PAGE, true, false)
      .toArray();
  let next = readPage(1);
  for (let from = 1; from <= seal.blocks; from += PAGE) {
    const blocks = await next;
    // Read the next page while this one is hashed (Web Crypto works off the main thread).
    if (from + PAGE <= seal.blocks) next = readPage(from + PAGE);
    const hashes = await Promise.all(blocks.map((b) => hashBlockNative(b.prevHash, b.bytes)));
    for (const [i, b] of blocks.entries()) {
      if (b.n !== from + i || b.prevHash !== prev || hashes[i] !== b.hash) {
        return {
          events,
          sealedTo,
          firstBreak: hashes[i] !== b.hash ? firstBadEventIn(b) : { caseId: '', seq: 0, reason: 'link_broken', block: from + i },
        };
      }
      prev = b.hash;
      events += b.count;
      const heads = blockHeads(b.bytes);
      if (heads !== null) parseHeads(heads, sealedTo);
    }
    if (blocks.length < Math.min(PAGE, seal.blocks - from + 1))
      return { events, sealedTo, firstBreak: { caseId: '', seq: 0, reason: 'sequence_gap', block: from + blocks.length } };
  }
  if (prev !== seal.lastHash) return { events, sealedTo, firstBreak: { caseId: '', seq: 0, reason: 'link_broken', block: seal.blocks } };
  return { events, sealedTo, firstBreak: null };
}

/** Unsealed rows, case by case: each links to the case's sealed head (or genesis) and ends at the case row's head. */
async function verifyUnsealed(
  db: CountersignDb,
  seal: SealRow,
): Promise<{ events: number; cases: Set<string>; firstBreak: ChainBreak | null }> {
  const rows = await db.events.where('g').above(seal.lastG).toArray();
  const byCase = new Map<string, CaseEvent[]>();
  for (const r of rows) {
    const list = byCase.get(r.caseId) ?? [];
    list.push(withoutPosition(r));
    byCase.set(r.caseId, list);
  }
  const ids = [...byCase.keys()];
  const [cases, placed] = await Promise.all([db.cases.bulkGet(ids), db.caseBlocks.bulkGet(ids)]);
  for (const [i, id] of ids.entries()) {
    const chain = byCase.get(id)!.sort((a, b) => a.seq - b.seq);
    const start = placed[i] ? { seq: placed[i].lastSeq, hash: placed[i].lastHash } : { seq: 0, hash: GENESIS_HASH };
    const first = chain[0]!;
    if (first.seq !== start.seq + 1)
      return { events: rows.length, cases: new Set(ids), firstBreak: { caseId: id, seq: first.seq, reason: 'sequence_gap' } };
    if (first.prevHash !== start.hash)
      return { events: rows.length, cases: new Set(ids), firstBreak: { caseId: id, seq: first.seq, reason: 'link_broken' } };
    const broken = verifyChain(chain, undefined, start);
    if (broken) return { events: rows.length, cases: new Set(ids), firstBreak: broken };
    const head = cases[i]?.ledgerHead;
    const last = chain[chain.length - 1]!;
    if (!head || head.seq !== last.seq || head.hash !== last.hash) {
      const reason = head && head.seq > last.seq ? 'events_missing' : 'link_broken';
      return { events: rows.length, cases: new Set(ids), firstBreak: { caseId: id, seq: last.seq + 1, reason } };
    }
  }
  return { events: rows.length, cases: new Set(ids), firstBreak: null };
}

/**
 * Cases whose log stops short of the case's head with no unsealed rows to check: every event gone
 * (no registration event at all), or the sealed part ending before the head. Cases with unsealed
 * rows are `withRows`: verifyUnsealed matched those rows to the head already.
 */
async function missingEvents(
  ctx: StoreContext,
  sealedTo: ReadonlyMap<string, number>,
  withRows: ReadonlySet<string>,
): Promise<ChainBreak | null> {
  for (const [caseId, headSeq] of (await modelReady(ctx)).heads()) {
    if (withRows.has(caseId)) continue;
    const lastSeq = sealedTo.get(caseId) ?? 0;
    if (lastSeq < headSeq) return { caseId, seq: lastSeq + 1, reason: 'events_missing' };
    if (lastSeq > headSeq) return { caseId, seq: headSeq + 1, reason: 'link_broken' };
  }
  return null;
}

/**
 * Verifies the whole log: every sealed block (hash over the previous block's hash and its bytes:
 * any edited, removed or reordered event breaks it), then every unsealed event (hash, link to the
 * case's previous event, and the case row's head), then that every case's log reaches its head
 * (a case whose events are gone entirely is a break too), where each case's sealed part ends read
 * from the blocks' heads (for blocks sealed before v10, from the heads kept at the upgrade). With
 * `caseId`, re-checks that one case's chain event by event, sealed and unsealed.
 */
export async function verifyLedger(ctx: StoreContext, caseId?: string): Promise<LedgerReport> {
  const { db } = ctx;
  await ctx.ledger.sealing;
  const seal = await sealRow(db);
  if (caseId) {
    const [c, events] = await Promise.all([db.cases.get(caseId), eventsOf(db, caseId)]);
    let firstBreak = events.length ? verifyChain(events) : null;
    const lastSeq = events[events.length - 1]?.seq ?? 0;
    if (!firstBreak && c && lastSeq < c.ledgerHead.seq) firstBreak = { caseId, seq: lastSeq + 1, reason: 'events_missing' };
    else if (!firstBreak && c && (lastSeq > c.ledgerHead.seq || c.ledgerHead.hash !== events[events.length - 1]?.hash)) {
      firstBreak = { caseId, seq: c.ledgerHead.seq + 1, reason: 'link_broken' };
    }
    return { cases: c ? 1 : 0, events: events.length, blocks: seal.blocks, firstBreak };
  }
  const sealed = await verifyBlocks(db, seal);
  const unsealed = sealed.firstBreak ? null : await verifyUnsealed(db, seal);
  // The heads come from the read model: one started from the snapshot is checked against every row first.
  if (unsealed && !unsealed.firstBreak) await ctx.requests.waitsFor(ctx.snapshot.audited);
  const missing = unsealed && !unsealed.firstBreak ? await missingEvents(ctx, sealed.sealedTo, unsealed.cases) : null;
  return {
    cases: (await modelReady(ctx)).size,
    events: sealed.events + (unsealed?.events ?? 0),
    blocks: seal.blocks,
    firstBreak: sealed.firstBreak ?? unsealed?.firstBreak ?? missing,
  };
}
