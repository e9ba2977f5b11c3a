import type { CaseRecord } from '../../shared/domain/case';
import { normalizeForSearch } from '../../shared/search/normalize';
import { FIELD_SEPARATOR, searchableText } from '../../shared/search/terms';
import { withRoom } from './growable';
import { Postings, type PostingList } from './postings';
import { TextPool } from './textPool';

const SEPARATOR_CODE = FIELD_SEPARATOR.codePointAt(0)!;
const CODE_POINTS = 0x110000;

/**
 * Calls `visit` with every bigram of `text` as one number (two code points), without allocating a
 * string per gram: indexing 100,000 cases makes about ten million of them.
 */
function forEachGram(text: string, visit: (gram: number) => void): void {
  let previous = -1;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    if (code > 0xffff) i++;
    if (previous > SEPARATOR_CODE && code > SEPARATOR_CODE) visit(previous * CODE_POINTS + code);
    previous = code;
  }
}

/**
 * The index as plain arrays (live documents only, renumbered from 0), for the read-model snapshot:
 * document k's text is the next `lengths[k]` code units of `texts`; each gram's postings are
 * `counts[k]` document numbers of `docNos`, in ascending gram order `grams`. The documents' ids are
 * the caller's (the read model stores them with its rows).
 */
export interface SearchState {
  ids: string[];
  texts: Uint16Array;
  lengths: Uint32Array;
  receivedAt: Float64Array;
  grams: Float64Array;
  counts: Uint32Array;
  docNos: Uint32Array;
}

type CaseText = Pick<CaseRecord, 'id' | 'caseNo' | 'complainant' | 'businessRef' | 'content' | 'receivedAt'>;

/**
 * In-memory inverted index of character bigrams over the searchable fields. IndexedDB stays the
 * truth: the host builds this from the cases at start-up (or reads it from the snapshot) and
 * updates it with each write, so saving a case costs no extra index rows (a multiEntry bigram
 * index, measured at design time, costs 4× a put). Candidates come from intersecting postings
 * rarest-first, then a substring check. Documents are numbers: a changed text gets a new one (so
 * postings stay ascending), the old one is dead until the next compaction.
 */
export class SearchIndex {
  private ids: string[] = [];
  private docOf = new Map<string, number>();
  private starts = new Uint32Array(1024);
  private lengths = new Uint32Array(1024);
  private received = new Float64Array(1024);
  private live = new Uint8Array(1024);
  private texts = new TextPool();
  private postings = new Postings();
  private dead = 0;

  get size(): number {
    return this.docOf.size;
  }

  /** Adds or replaces a case's text; `settle` off for a bulk load, which freezes the postings once at its end. */
  upsert(c: CaseText, settle = true): void {
    const text = searchableText(c);
    const existing = this.docOf.get(c.id);
    if (existing !== undefined) {
      if (this.textOf(existing) === text) {
        this.received[existing] = c.receivedAt;
        return;
      }
      this.live[existing] = 0;
      this.dead++;
    }
    this.insert(c.id, text, c.receivedAt);
    if (settle) this.postings.settle();
    if (this.dead > 1000 && this.dead > this.ids.length / 4) this.compact();
  }

  /** Whether the index holds `c` with its current text and received time. */
  holds(c: CaseText): boolean {
    const docNo = this.docOf.get(c.id);
    return docNo !== undefined && this.received[docNo] === c.receivedAt && this.textOf(docNo) === searchableText(c);
  }

  remove(id: string): void {
    const docNo = this.docOf.get(id);
    if (docNo === undefined) return;
    this.live[docNo] = 0;
    this.docOf.delete(id);
    this.dead++;
  }

  /** Ids of live documents containing `query`, newest received first. */
  search(query: string, limit: number): string[] {
    const q = normalizeForSearch(query);
    if (q === '') return [];
    const grams: number[] = [];
    forEachGram(q, (g) => grams.push(g));
    const candidates = grams.length === 0 ? this.scanAll(q) : this.intersect(grams);
    // Newest `limit` hits, kept sorted as they come: a common word may match tens of thousands.
    const best: number[] = [];
    for (const docNo of candidates) {
      if (!this.live[docNo] || (best.length === limit && !this.ranksBefore(docNo, best[limit - 1]!))) continue;
      if (!this.texts.includes(this.starts[docNo]!, this.lengths[docNo]!, q)) continue;
      let i = best.length;
      while (i > 0 && this.ranksBefore(docNo, best[i - 1]!)) i--;
      best.splice(i, 0, docNo);
      if (best.length > limit) best.pop();
    }
    return best.map((d) => this.ids[d]!);
  }

  /** Newest received first, ties by id (newest id first): one order however the index was built. */
  private ranksBefore(a: number, b: number): boolean {
    const ra = this.received[a]!;
    const rb = this.received[b]!;
    return ra > rb || (ra === rb && this.ids[a]! > this.ids[b]!);
  }

  private textOf(docNo: number): string {
    return this.texts.text(this.starts[docNo]!, this.lengths[docNo]!);
  }

  /** Folds recently added postings into the frozen block (after a bulk load). */
  freeze(): void {
    this.postings.freeze();
  }

  /** The live documents and their postings, renumbered without the dead ones. */
  exportState(): SearchState {
    const count = this.ids.length;
    const renumbered = new Int32Array(count).fill(-1);
    const ids: string[] = [];
    let units = 0;
    for (let d = 0; d < count; d++) {
      if (!this.live[d]) continue;
      renumbered[d] = ids.length;
      ids.push(this.ids[d]!);
      units += this.lengths[d]!;
    }
    const texts = new Uint16Array(units);
    const lengths = new Uint32Array(ids.length);
    const receivedAt = new Float64Array(ids.length);
    const all = this.texts.view();
    let at = 0;
    for (let d = 0; d < count; d++) {
      const k = renumbered[d]!;
      if (k < 0) continue;
      const length = this.lengths[d]!;
      texts.set(all.subarray(this.starts[d]!, this.starts[d]! + length), at);
      at += length;
      lengths[k] = length;
      receivedAt[k] = this.received[d]!;
    }
    return { ids, texts, lengths, receivedAt, ...this.postings.export(renumbered) };
  }

  /** An index from `exportState`'s arrays, without re-reading a single text for its grams. */
  static fromState(state: SearchState): SearchIndex {
    const index = new SearchIndex();
    const n = state.ids.length;
    index.ids = state.ids;
    index.texts = TextPool.of(state.texts);
    const room = n + Math.max(1024, n >>> 4);
    index.starts = new Uint32Array(room);
    index.lengths = new Uint32Array(room);
    index.lengths.set(state.lengths);
    index.received = new Float64Array(room);
    index.received.set(state.receivedAt);
    index.live = new Uint8Array(room);
    index.live.fill(1, 0, n);
    let at = 0;
    for (let d = 0; d < n; d++) {
      index.starts[d] = at;
      at += state.lengths[d]!;
      index.docOf.set(state.ids[d]!, d);
    }
    index.postings = Postings.fromArrays(state.grams, state.counts, state.docNos);
    return index;
  }

  private intersect(grams: number[]): Iterable<number> {
    const lists: PostingList[] = [];
    for (const gram of new Set(grams)) {
      const list = this.postings.list(gram);
      if (!list) return [];
      lists.push(list);
    }
    lists.sort((a, b) => a.length - b.length);
    const rarest = lists[0]!;
    let result = Array.from(rarest.frozen);
    for (const docNo of rarest.added) result.push(docNo);
    for (let i = 1; i < lists.length && result.length > 0; i++) result = intersectSorted(result, lists[i]!);
    return result;
  }

  /** A single character: one pass over the texts (no bigram can contain it alone). */
  private *scanAll(q: string): Iterable<number> {
    for (let d = 0; d < this.ids.length; d++) if (this.texts.includes(this.starts[d]!, this.lengths[d]!, q)) yield d;
  }

  private compact(): void {
    const live: [id: string, text: string, receivedAt: number][] = [];
    for (let d = 0; d < this.ids.length; d++) if (this.live[d]) live.push([this.ids[d]!, this.textOf(d), this.received[d]!]);
    this.ids = [];
    this.docOf.clear();
    this.texts = new TextPool();
    this.postings = new Postings();
    this.dead = 0;
    for (const [id, text, receivedAt] of live) this.insert(id, text, receivedAt);
    this.postings.freeze();
  }

  private insert(id: string, text: string, receivedAt: number): void {
    const docNo = this.ids.length;
    const room = docNo + 1;
    this.starts = withRoom(this.starts, room);
    this.lengths = withRoom(this.lengths, room);
    this.received = withRoom(this.received, room);
    this.live = withRoom(this.live, room);
    this.ids.push(id);
    this.docOf.set(id, docNo);
    this.starts[docNo] = this.texts.append(text);
    this.lengths[docNo] = text.length;
    this.received[docNo] = receivedAt;
    this.live[docNo] = 1;
    forEachGram(text, (gram) => this.postings.add(gram, docNo));
  }
}

/**
 * The entries of `a` (short, ascending) that are also in `b` (ascending, in two parts): by binary
 * search when `b` is much longer, by one merged pass otherwise.
 */
function intersectSorted(a: readonly number[], b: PostingList): number[] {
  const out: number[] = [];
  if (a.length * 8 < b.length) {
    for (const x of a) if (contains(b.frozen, x) || contains(b.added, x)) out.push(x);
    return out;
  }
  // Every added entry is above every frozen one: merge with the frozen part, then the added part.
  mergeInto(out, a, mergeInto(out, a, 0, b.frozen), b.added);
  return out;
}

/** Pushes the entries of `a` from `i` on that are in `list`; returns where `a` stands after `list`'s last entry. */
function mergeInto(out: number[], a: readonly number[], i: number, list: ArrayLike<number>): number {
  let j = 0;
  while (i < a.length && j < list.length) {
    const x = a[i]!;
    const y = list[j]!;
    if (x === y) {
      out.push(x);
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return i;
}

function contains(list: ArrayLike<number>, x: number): boolean {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo < list.length && list[lo] === x;
}
