import { describe, expect, it } from 'vitest';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import {
  blockHeads,
  caseIdsInBlock,
  decodeBlock,
  encodeBlock,
  encodeEvents,
  firstBadEventIn,
  GENESIS_BLOCK_HASH,
  hashBlock,
  hashBlockNative,
  parseHeads,
} from '../../shared/ledger/blocks';
import { GENESIS_HASH, hashEvent, type CaseEvent } from '../../shared/ledger/eventHash';

function chain(caseId: string, n: number): CaseEvent[] {
  const events: CaseEvent[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const unsigned = {
      caseId,
      seq,
      type: 'progress_call' as const,
      at: 1_767_322_800_000 + seq,
      actor: { staffId: 'c01', role: 'clerk' as const },
      changes: { progressCalls: [[], [{ text: `第${seq}次回电 😀 𠀀\t"引号"` }]] as [unknown, unknown] },
      prevHash,
    };
    const e = { ...unsigned, hash: hashEvent(unsigned) };
    events.push(e);
    prevHash = e.hash;
  }
  return events;
}

describe('ledger blocks', () => {
  const events = [...chain('case-a', 3), ...chain('case-b', 2)];

  it('round-trip events exactly, and pick one case out of a block', () => {
    const bytes = encodeBlock(events);
    expect(decodeBlock(bytes)).toEqual(events);
    expect(decodeBlock(bytes, 'case-b')).toEqual(events.slice(3));
  });

  it('hash the same with the pure-JS and the native SHA-256, chained on the previous block', async () => {
    const bytes = encodeBlock(events);
    const first = hashBlock(GENESIS_BLOCK_HASH, bytes);
    expect(await hashBlockNative(GENESIS_BLOCK_HASH, bytes)).toBe(first);
    expect(hashBlock(first, bytes)).not.toBe(first);
  });

  it('name the first event that no longer hashes to itself', () => {
    const lines = decodeBlock(encodeBlock(events)).map((e) => (e.seq === 2 && e.caseId === 'case-a' ? { ...e, at: e.at + 1 } : e));
    const block = { n: 7, prevHash: GENESIS_BLOCK_HASH, hash: 'x', count: 5, bytes: encodeBlock(lines) };
    expect(firstBadEventIn(block)).toEqual({ caseId: 'case-a', seq: 2, reason: 'hash_mismatch', block: 7 });
  });
});

describe('the heads a block carries', () => {
  const events = [...chain('case-a', 3), ...chain('case-b', 2)];

  it('name each case of the block with its last seq in it, ahead of the events, and read back', () => {
    const bytes = encodeBlock(events);
    expect(blockHeads(bytes)).toBe('case-a\t3\ncase-b\t2\n');
    expect(caseIdsInBlock(bytes)).toEqual(new Set(['case-a', 'case-b']));
    const heads = new Map([['case-a', 1]]);
    parseHeads(blockHeads(bytes)!, heads);
    expect(heads).toEqual(
      new Map([
        ['case-a', 3],
        ['case-b', 2],
      ]),
    );
  });

  it('are absent from a block sealed before v10, which still decodes and names its cases', () => {
    const bytes = encodeEvents(events);
    expect(blockHeads(bytes)).toBeNull();
    expect(decodeBlock(bytes)).toEqual(events);
    expect(caseIdsInBlock(bytes)).toEqual(new Set(['case-a', 'case-b']));
  });

  it('are covered by the block hash, and a block whose heads disagree with its events names the case', () => {
    const honest = encodeBlock(events);
    const text = blockHeads(honest)!;
    const forgedHeads = utf8ToBytes(text.replace('case-b\t2', 'case-b\t9'));
    const forged = honest.slice();
    forged.set(forgedHeads, 6);
    expect(hashBlock(GENESIS_BLOCK_HASH, forged)).not.toBe(hashBlock(GENESIS_BLOCK_HASH, honest));
    expect(decodeBlock(forged)).toEqual(events);
    const block = { n: 3, prevHash: GENESIS_BLOCK_HASH, hash: hashBlock(GENESIS_BLOCK_HASH, honest), count: 5, bytes: forged };
    expect(firstBadEventIn(block)).toEqual({ caseId: 'case-b', seq: 2, reason: 'hash_mismatch', block: 3 });
  });
});

describe('a block that cannot be read', () => {
  it('is named as a hash mismatch of the block, with no event, when its bytes do not inflate', () => {
    const block = { n: 7, prevHash: GENESIS_BLOCK_HASH, hash: 'f'.repeat(64), count: 1, bytes: new Uint8Array([1, 2, 3, 4, 5]) };
    expect(firstBadEventIn(block)).toEqual({ caseId: '', seq: 0, reason: 'hash_mismatch', block: 7 });
  });

  it('is named as a hash mismatch of the block, with no event, when it holds no events', () => {
    const bytes = encodeBlock([]);
    const block = { n: 4, prevHash: GENESIS_BLOCK_HASH, hash: 'f'.repeat(64), count: 0, bytes };
    expect(firstBadEventIn(block)).toEqual({ caseId: '', seq: 0, reason: 'hash_mismatch', block: 4 });
  });
});
