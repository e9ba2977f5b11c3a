import { withRoom } from './growable';

/**
 * Row numbers ("slots") of the read model in ascending order of a key, ties by the case id, so that
 * every slot has exactly one place: a queue in deadline or received order, kept as 32-bit numbers
 * rather than as an array of objects. The key of a slot must not change while it is held: the
 * model removes a slot before it rewrites its row, and inserts it again after.
 */
export class SortedSlots {
  data = new Uint32Array(16);
  length = 0;

  constructor(
    private readonly key: (slot: number) => number,
    private readonly idOf: (slot: number) => string,
  ) {}

  /** Whether slot a comes before slot b in this list's order (whether or not either is in it). */
  precedes(a: number, b: number): boolean {
    const ka = this.key(a);
    const kb = this.key(b);
    return ka < kb || (ka === kb && this.idOf(a) < this.idOf(b));
  }

  private position(slot: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.precedes(this.data[mid]!, slot)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(slot: number): void {
    const i = this.position(slot);
    this.data = withRoom(this.data, this.length + 1);
    this.data.copyWithin(i + 1, i, this.length);
    this.data[i] = slot;
    this.length++;
  }

  remove(slot: number): void {
    const i = this.position(slot);
    if (i >= this.length || this.data[i] !== slot) return;
    this.data.copyWithin(i, i + 1, this.length);
    this.length--;
  }

  /** Bulk load: append in any order, then `sort` once (or append already in order and skip it). */
  push(slot: number): void {
    this.data = withRoom(this.data, this.length + 1);
    this.data[this.length++] = slot;
  }

  sort(): void {
    const slots = Array.from(this.view());
    const keys = new Float64Array(slots.reduce((m, slot) => Math.max(m, slot + 1), 0));
    for (const slot of slots) keys[slot] = this.key(slot);
    const idOf = this.idOf;
    // `precedes` with the keys read once each: equal keys (Infinity − Infinity is NaN, falsy too) fall through to the ids.
    slots.sort((a, b) => keys[a]! - keys[b]! || (idOf(a) < idOf(b) ? -1 : idOf(a) > idOf(b) ? 1 : 0));
    this.data.set(slots);
  }

  /** Empties the list (its room is kept). */
  clear(): void {
    this.length = 0;
  }

  /** The slots in order (a view: valid until the next change). */
  view(): Uint32Array {
    return this.data.subarray(0, this.length);
  }

  /** First index whose key is ≥ k. */
  lowerBound(k: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.key(this.data[mid]!) < k) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
