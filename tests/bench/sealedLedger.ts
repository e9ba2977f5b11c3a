import type { CaseBlockRow, CountersignDb, SealRow, SequenceRow } from '../../electron/store/db';
import { DEFAULT_BLOCK_SIZE, META_SEAL } from '../../electron/store/ledger';
import type { CaseRecord } from '../../shared/domain/case';
import { encodeBlock, GENESIS_BLOCK_HASH, hashBlock, type LedgerBlock } from '../../shared/ledger/blocks';
import type { CaseEvent } from '../../shared/ledger/eventHash';

/**
 * Generated events as the host would have sealed them over time: blocks, case index, seal row.
 * `encode` = encodeEvents gives blocks as hosts before schema v10 sealed them (no heads).
 */
export function sealedLedger(
  events: readonly CaseEvent[],
  blockSize: number,
  encode: (events: readonly CaseEvent[]) => Uint8Array = encodeBlock,
) {
  const blocks: LedgerBlock[] = [];
  const caseBlocks = new Map<string, CaseBlockRow>();
  let prevHash = GENESIS_BLOCK_HASH;
  for (let i = 0; i < events.length; i += blockSize) {
    const batch = events.slice(i, i + blockSize);
    const bytes = encode(batch);
    const n = blocks.length + 1;
    const hash = hashBlock(prevHash, bytes);
    blocks.push({ n, prevHash, hash, count: batch.length, bytes });
    for (const e of batch) {
      const row = caseBlocks.get(e.caseId) ?? { caseId: e.caseId, blocks: [], lastSeq: 0, lastHash: '' };
      if (row.blocks.at(-1) !== n) row.blocks.push(n);
      row.lastSeq = e.seq;
      row.lastHash = e.hash;
      caseBlocks.set(e.caseId, row);
    }
    prevHash = hash;
  }
  const seal: SealRow = { lastG: 0, blocks: blocks.length, lastHash: prevHash };
  return { blocks, caseBlocks: [...caseBlocks.values()], seal };
}

const CASE_CHUNK = 5_000;
const BLOCK_CHUNK = 50;

/**
 * Writes generated cases into a store database as a branch's database looks in steady state: the
 * case rows in chunks, the log sealed in blocks of 1,000 events, the case-number sequences.
 */
export async function writeGenerated(
  db: CountersignDb,
  generated: { cases: CaseRecord[]; events: CaseEvent[]; sequences: SequenceRow[] },
): Promise<{ blocks: number }> {
  const { cases, events, sequences } = generated;
  for (let i = 0; i < cases.length; i += CASE_CHUNK) await db.cases.bulkPut(cases.slice(i, i + CASE_CHUNK));
  const sealed = sealedLedger(events, DEFAULT_BLOCK_SIZE);
  for (let i = 0; i < sealed.blocks.length; i += BLOCK_CHUNK) await db.ledgerBlocks.bulkPut(sealed.blocks.slice(i, i + BLOCK_CHUNK));
  await db.caseBlocks.bulkPut(sealed.caseBlocks);
  await db.meta.put({ key: META_SEAL, value: sealed.seal });
  await db.sequences.bulkPut(sequences);
  return { blocks: sealed.blocks.length };
}
