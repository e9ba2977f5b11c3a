import { describe, expect, it } from 'vitest';
import { SortedSlots } from '../../electron/store/sortedSlots';

describe('the read model at scale', () => {
  it('bulk-loads 300,000 slots (more than a worker can pass as call arguments) in key order, ties by id', () => {
    const n = 300_000;
    const key = (slot: number) => (slot * 7919) % 1000;
    const id = (slot: number) => `id-${String(slot).padStart(6, '0')}`;
    const sorted = new SortedSlots(key, id);
    for (let slot = 0; slot < n; slot++) sorted.push(slot);
    sorted.sort();
    const slots = sorted.view();
    expect(slots).toHaveLength(n);
    let ordered = true;
    for (let i = 1; i < n; i++) {
      const [a, b] = [slots[i - 1]!, slots[i]!];
      if (key(a) > key(b) || (key(a) === key(b) && id(a) >= id(b))) ordered = false;
    }
    expect(ordered).toBe(true);
  });

  it('inserts and removes one slot in its place', () => {
    const keys = [5, 1, 3, 3, 9];
    const sorted = new SortedSlots(
      (slot) => keys[slot]!,
      (slot) => `c${slot}`,
    );
    for (const slot of [0, 1, 2, 3, 4]) sorted.insert(slot);
    expect(Array.from(sorted.view())).toEqual([1, 2, 3, 0, 4]);
    sorted.remove(2);
    sorted.remove(7); // not held: nothing changes
    expect(Array.from(sorted.view())).toEqual([1, 3, 0, 4]);
    expect(sorted.lowerBound(4)).toBe(2);
  });
});
