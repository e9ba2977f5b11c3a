import type { CaseBlockRow, SealRow } from '../../electron/store/db';
import { encodeBlock, GENESIS_BLOCK_HASH, hashBlock, type LedgerBlock } from '../../shared/ledger/blocks';
import type { CaseEvent } from '../../shared/ledger/eventHash';

/** Generated events as the host would have sealed them over time: blocks, case index, seal row. */
export function sealedLedger(events: readonly CaseEvent[], blockSize: number) {
  const blocks: LedgerBlock[] = [];
  const caseBlocks = new Map<string, CaseBlockRow>();
  let prevHash = GENESIS_BLOCK_HASH;
  for (let i = 0; i < events.length; i += blockSize) {
    const batch = events.slice(i, i + blockSize);
    const bytes = encodeBlock(batch);
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
