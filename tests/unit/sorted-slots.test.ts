import { describe, expect, it } from 'vitest';
import { SortedSlots } from '../../electron/store/sortedSlots';

/** Slots 0…n-1 with these keys and ids. */
function list(keys: number[], ids: string[]): SortedSlots {
  return new SortedSlots(
    (slot) => keys[slot]!,
    (slot) => ids[slot]!,
  );
}

describe('SortedSlots', () => {
  it('orders by key, equal keys (also "no deadline", Infinity) by id, whether sorted once or inserted one by one', () => {
    const keys = [5, 3, 5, Infinity, 3, Infinity, 5];
    const ids = ['e', 'd', 'a', 'z', 'b', 'c', 'f'];
    const expected = [4, 1, 2, 0, 6, 5, 3]; // 3:b 3:d 5:a 5:e 5:f ∞:c ∞:z
    const sorted = list(keys, ids);
    const inserted = list(keys, ids);
    for (const slot of [0, 1, 2, 3, 4, 5, 6]) {
      sorted.push(slot);
      inserted.insert(slot);
    }
    sorted.sort();
    expect([...sorted.view()]).toEqual(expected);
    expect([...inserted.view()]).toEqual(expected);
    expect(sorted.precedes(2, 0)).toBe(true);
    expect(sorted.precedes(0, 2)).toBe(false);
    expect(sorted.precedes(2, 2)).toBe(false);
  });

  it('grows past its first room, pushed or inserted', () => {
    const n = 100;
    const keys = Array.from({ length: n }, (_, slot) => n - slot);
    const ids = keys.map((k) => `id${k}`);
    const pushed = list(keys, ids);
    const inserted = list(keys, ids);
    for (let slot = 0; slot < n; slot++) {
      pushed.push(slot);
      inserted.insert(slot);
    }
    pushed.sort();
    const expected = Array.from({ length: n }, (_, i) => n - 1 - i);
    expect([...pushed.view()]).toEqual(expected);
    expect([...inserted.view()]).toEqual(expected);
  });

  it('removes only a slot it holds', () => {
    const keys = [1, 2, 3, 4];
    const s = list(keys, ['a', 'b', 'c', 'd']);
    for (const slot of [0, 1, 3]) s.insert(slot);
    s.remove(2); // not held: its place is between 1 and 3
    expect([...s.view()]).toEqual([0, 1, 3]);
    keys[2] = 9; // past the end
    s.remove(2);
    expect([...s.view()]).toEqual([0, 1, 3]);
    s.remove(1);
    expect([...s.view()]).toEqual([0, 3]);
    s.clear();
    expect([...s.view()]).toEqual([]);
    s.insert(2);
    expect([...s.view()]).toEqual([2]);
  });
});
