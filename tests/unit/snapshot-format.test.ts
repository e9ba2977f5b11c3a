import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../shared/domain/case';
import { newCaseRecord } from '../../shared/domain/newCase';
import { ReadModel } from '../../electron/store/readModel';
import { decodeSnapshot, encodeSnapshot, SNAPSHOT_FORMAT } from '../../electron/store/snapshotFormat';
import { intake } from '../store/fixtures';

/**
 * The SHA-256 of the snapshot of one fixed model, per format. A change to the snapshot's bytes, or
 * to what a row or a search text is made of, changes the hash: then SNAPSHOT_FORMAT must go up (so
 * that snapshots written before are rebuilt, never misread) and the new hash is added here under
 * the new number. Never edit an entry: a format's bytes are fixed once released.
 */
const KNOWN_FORMATS: Record<number, string> = {
  3: '5127f0d4eebe425ce60f25d2fab371a83fac20b8fa77d7ecc6b5e33c011c114f',
  4: '1fb68e4e64e2fd0330470cbc4f59405cdae56048321cc54707c00d128fd6b300',
};

const T0 = Date.parse('2026-03-02T10:00:00+08:00');

function fixedCases(): CaseRecord[] {
  return Array.from({ length: 12 }, (_, i) => {
    const id = `case-${String(i).padStart(2, '0')}`;
    const base = newCaseRecord({
      id,
      caseNo: `BJ01-20260302-${String(i + 1).padStart(4, '0')}`,
      branchCode: 'BJ01',
      profileId: 'pawnshop',
      intake: intake({ content: `客户反映第${i}号当票鉴定估价偏低，要求说明` }) as never,
      now: T0 + i * 3_600_000,
    });
    return {
      ...base,
      state: i % 3 === 0 ? 'assigned' : base.state,
      assigneeId: i % 3 === 0 ? 'h01' : '',
      nextDueAt: i % 4 === 0 ? Number.POSITIVE_INFINITY : T0 + (12 - i) * 86_400_000,
      ledgerHead: { seq: 1 + (i % 2), hash: 'h' },
    };
  });
}

describe('the read-model snapshot format', () => {
  it('has the bytes recorded for its number: a change of bytes needs a new SNAPSHOT_FORMAT', () => {
    const model = new ReadModel();
    model.load(fixedCases());
    const hash = bytesToHex(sha256(encodeSnapshot(model)));
    expect(
      KNOWN_FORMATS[SNAPSHOT_FORMAT],
      `the snapshot's bytes changed (now ${hash}): raise SNAPSHOT_FORMAT and add this hash under the new number`,
    ).toBe(hash);
    expect(new Set(Object.values(KNOWN_FORMATS)).size, 'two formats with the same bytes').toBe(Object.keys(KNOWN_FORMATS).length);
  });

  it('reads back what it wrote: the same rows, orders and search answers', async () => {
    const cases = fixedCases();
    const model = new ReadModel();
    model.load(cases);
    const back = await decodeSnapshot(encodeSnapshot(model));
    expect(back.size).toBe(cases.length);
    expect(cases.every((c) => back.holds(c))).toBe(true);
    const now = T0 + 5 * 86_400_000;
    for (const q of [{}, { sort: 'received' as const }, { assigneeId: 'h01' }, { overdue: true }]) {
      const query = { offset: 0, limit: 50, ...q };
      expect(back.query(query as never, now)).toEqual(model.query(query as never, now));
    }
    expect(back.search.search('当票鉴定', 50)).toEqual(model.search.search('当票鉴定', 50));
    expect(back.counts(now)).toEqual(model.counts(now));
  });
});
