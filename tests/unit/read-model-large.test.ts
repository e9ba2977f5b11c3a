import { describe, expect, it } from 'vitest';
import { SortedRows, type CaseRow } from '../../electron/store/readModel';

describe('the read model at scale', () => {
  it('bulk-loads 300,000 rows (more than a worker can pass as call arguments) in key order', () => {
    const rows = Array.from(
      { length: 300_000 },
      (_, i) => ({ id: `id-${String(i).padStart(6, '0')}`, dueKey: (i * 7919) % 300_000 }) as unknown as CaseRow,
    );
    const sorted = new SortedRows((r) => (r as unknown as { dueKey: number }).dueKey);
    sorted.reset(rows);
    expect(sorted.rows).toHaveLength(300_000);
    const keys = sorted.rows.map((r) => (r as unknown as { dueKey: number }).dueKey);
    expect(keys.every((k, i) => i === 0 || keys[i - 1]! <= k)).toBe(true);
  });
});
