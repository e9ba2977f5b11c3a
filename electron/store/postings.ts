/**
 * The search index's postings: for each gram, the ascending numbers of the documents holding it.
 *
 * Most of them sit in one frozen block (every gram's list one after another in a single
 * Uint32Array, the grams sorted beside it), which is what a snapshot stores and a start reads
 * back; documents added since go to small per-gram arrays. Document numbers only grow, so a gram's
 * frozen list followed by its added one is still ascending. The added lists are folded into the
 * block when they have grown to an eighth of it (and before a snapshot is taken), so a save never
 * copies a long list.
 */
export interface PostingList {
  frozen: Uint32Array;
  added: readonly number[];
  length: number;
}

const EMPTY = new Uint32Array(0);
const NONE: readonly number[] = [];

export class Postings {
  private grams = new Float64Array(0);
  /** `offsets[k]`…`offsets[k + 1]`: where gram k's documents are in `docNos`. */
  private offsets = new Uint32Array(1);
  private docNos = new Uint32Array(0);
  private added = new Map<number, number[]>();
  private addedCount = 0;

  add(gram: number, docNo: number): void {
    const list = this.added.get(gram);
    if (!list) this.added.set(gram, [docNo]);
    // A repeated gram of one document is always the list's last entry.
    else if (list[list.length - 1] !== docNo) list.push(docNo);
    else return;
    this.addedCount++;
  }

  /** Folds the added lists into the block when they have grown large (after a document's grams). */
  settle(): void {
    if (this.addedCount > 100_000 && this.addedCount > this.docNos.length / 8) this.freeze();
  }

  /** The documents holding `gram`, ascending: its frozen list, then its added one (null: none). */
  list(gram: number): PostingList | null {
    const k = this.find(gram);
    const added = this.added.get(gram) ?? NONE;
    if (k < 0) return added.length ? { frozen: EMPTY, added, length: added.length } : null;
    const frozen = this.docNos.subarray(this.offsets[k]!, this.offsets[k + 1]!);
    return { frozen, added, length: frozen.length + added.length };
  }

  private find(gram: number): number {
    let lo = 0;
    let hi = this.grams.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.grams[mid]! < gram) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.grams.length && this.grams[lo] === gram ? lo : -1;
  }

  /** Moves every added list into the block. */
  freeze(): void {
    if (this.added.size === 0) return;
    const addedGrams = Float64Array.from(this.added.keys()).sort();
    const grams = new Float64Array(this.grams.length + addedGrams.length);
    const offsets = new Uint32Array(grams.length + 1);
    const docNos = new Uint32Array(this.docNos.length + this.addedCount);
    let i = 0;
    let j = 0;
    let k = 0;
    let at = 0;
    while (i < this.grams.length || j < addedGrams.length) {
      const fromBlock = j >= addedGrams.length || (i < this.grams.length && this.grams[i]! <= addedGrams[j]!);
      const gram = fromBlock ? this.grams[i]! : addedGrams[j]!;
      grams[k] = gram;
      offsets[k] = at;
      if (fromBlock) {
        docNos.set(this.docNos.subarray(this.offsets[i]!, this.offsets[i + 1]!), at);
        at += this.offsets[i + 1]! - this.offsets[i]!;
        i++;
      }
      if (j < addedGrams.length && addedGrams[j] === gram) {
        const list = this.added.get(gram)!;
        docNos.set(list, at);
        at += list.length;
        j++;
      }
      k++;
    }
    offsets[k] = at;
    this.grams = grams.slice(0, k);
    this.offsets = offsets.slice(0, k + 1);
    this.docNos = docNos;
    this.added.clear();
    this.addedCount = 0;
  }

  /**
   * Every gram with its documents renumbered by `renumbered` (−1: left out), for a snapshot: grams
   * ascending, `counts[k]` documents each, one after another in `docNos`. Renumbering must keep
   * the documents' order (it only closes the gaps of the dead ones).
   */
  export(renumbered: Int32Array): { grams: Float64Array; counts: Uint32Array; docNos: Uint32Array } {
    this.freeze();
    const grams = new Float64Array(this.grams.length);
    const counts = new Uint32Array(this.grams.length);
    const docNos = new Uint32Array(this.docNos.length);
    let k = 0;
    let at = 0;
    for (let g = 0; g < this.grams.length; g++) {
      const start = at;
      for (let p = this.offsets[g]!; p < this.offsets[g + 1]!; p++) {
        const to = renumbered[this.docNos[p]!]!;
        if (to >= 0) docNos[at++] = to;
      }
      if (at === start) continue;
      grams[k] = this.grams[g]!;
      counts[k++] = at - start;
    }
    return { grams: grams.slice(0, k), counts: counts.slice(0, k), docNos: docNos.slice(0, at) };
  }

  /** Postings from `export`'s arrays (copied: they may be views of a larger record). */
  static fromArrays(grams: Float64Array, counts: Uint32Array, docNos: Uint32Array): Postings {
    const postings = new Postings();
    postings.grams = grams.slice();
    postings.offsets = new Uint32Array(grams.length + 1);
    let at = 0;
    for (let k = 0; k < counts.length; k++) {
      postings.offsets[k] = at;
      at += counts[k]!;
    }
    postings.offsets[counts.length] = at;
    postings.docNos = docNos.slice();
    return postings;
  }
}
