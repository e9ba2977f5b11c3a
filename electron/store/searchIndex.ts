import type { CaseRecord } from '../../shared/domain/case';
import { normalizeForSearch } from '../../shared/search/normalize';
import { FIELD_SEPARATOR, searchableText } from '../../shared/search/terms';

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

interface Doc {
  id: string;
  text: string;
  receivedAt: number;
  live: boolean;
}

/** Newest received first, ties by id (newest id first): one order however the index was built. */
const ranksBefore = (a: Doc, b: Doc) => a.receivedAt > b.receivedAt || (a.receivedAt === b.receivedAt && a.id > b.id);

/**
 * The index as plain arrays (live documents only, renumbered from 0), for the read-model snapshot:
 * each gram's postings are `counts[k]` document numbers of `docNos`, in gram order `grams`.
 */
export interface SearchState {
  ids: string[];
  texts: string[];
  receivedAt: Float64Array;
  grams: Float64Array;
  counts: Uint32Array;
  docNos: Uint32Array;
}

/**
 * In-memory inverted index of character bigrams over the searchable fields. IndexedDB stays the
 * truth: the host builds this from the cases at start-up and updates it with each write, so saving
 * a case costs no extra index rows (a multiEntry bigram index, measured at design time, costs 4× a put).
 * Candidates come from intersecting postings rarest-first, then a substring check.
 */
export class SearchIndex {
  private docs: Doc[] = [];
  private docOf = new Map<string, number>();
  /** A gram's document numbers, ascending: views into a snapshot's array until a document is added to them. */
  private postings = new Map<number, number[] | Uint32Array>();
  private dead = 0;

  get size(): number {
    return this.docOf.size;
  }

  upsert(c: Pick<CaseRecord, 'id' | 'caseNo' | 'complainant' | 'businessRef' | 'content' | 'receivedAt'>): void {
    const text = searchableText(c);
    const existing = this.docOf.get(c.id);
    if (existing !== undefined) {
      const doc = this.docs[existing]!;
      if (doc.text === text) {
        doc.receivedAt = c.receivedAt;
        return;
      }
      doc.live = false;
      this.dead++;
    }
    this.insert({ id: c.id, text, receivedAt: c.receivedAt, live: true });
    if (this.dead > 1000 && this.dead > this.docs.length / 4) this.compact();
  }

  /** Whether the index holds `c` with its current text and received time. */
  holds(c: Pick<CaseRecord, 'id' | 'caseNo' | 'complainant' | 'businessRef' | 'content' | 'receivedAt'>): boolean {
    const docNo = this.docOf.get(c.id);
    const doc = docNo === undefined ? undefined : this.docs[docNo];
    return doc !== undefined && doc.live && doc.receivedAt === c.receivedAt && doc.text === searchableText(c);
  }

  remove(id: string): void {
    const docNo = this.docOf.get(id);
    if (docNo === undefined) return;
    this.docs[docNo]!.live = false;
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
    const best: Doc[] = [];
    for (const docNo of candidates) {
      const doc = this.docs[docNo]!;
      if (!doc.live || (best.length === limit && !ranksBefore(doc, best[limit - 1]!))) continue;
      if (!doc.text.includes(q)) continue;
      let i = best.length;
      while (i > 0 && ranksBefore(doc, best[i - 1]!)) i--;
      best.splice(i, 0, doc);
      if (best.length > limit) best.pop();
    }
    return best.map((d) => d.id);
  }

  /** The live documents and their postings, renumbered without the dead ones. */
  exportState(): SearchState {
    const renumbered = new Int32Array(this.docs.length).fill(-1);
    const ids: string[] = [];
    const texts: string[] = [];
    const received: number[] = [];
    this.docs.forEach((d, i) => {
      if (!d.live) return;
      renumbered[i] = ids.length;
      ids.push(d.id);
      texts.push(d.text);
      received.push(d.receivedAt);
    });
    let total = 0;
    for (const list of this.postings.values()) total += list.length;
    const grams = new Float64Array(this.postings.size);
    const counts = new Uint32Array(this.postings.size);
    const docNos = new Uint32Array(total);
    let k = 0;
    let at = 0;
    for (const [gram, list] of this.postings) {
      const start = at;
      for (const docNo of list) {
        const to = renumbered[docNo]!;
        if (to >= 0) docNos[at++] = to;
      }
      if (at === start) continue;
      grams[k] = gram;
      counts[k++] = at - start;
    }
    return {
      ids,
      texts,
      receivedAt: Float64Array.from(received),
      grams: grams.slice(0, k),
      counts: counts.slice(0, k),
      docNos: docNos.slice(0, at),
    };
  }

  /** An index from `exportState`'s arrays, without re-reading a single text for its grams. */
  static fromState(state: SearchState): SearchIndex {
    const index = new SearchIndex();
    state.ids.forEach((id, i) => {
      index.docs.push({ id, text: state.texts[i]!, receivedAt: state.receivedAt[i]!, live: true });
      index.docOf.set(id, i);
    });
    let at = 0;
    state.grams.forEach((gram, k) => {
      const n = state.counts[k]!;
      index.postings.set(gram, state.docNos.subarray(at, at + n));
      at += n;
    });
    return index;
  }

  private intersect(grams: number[]): Iterable<number> {
    const lists: (number[] | Uint32Array)[] = [];
    for (const gram of new Set(grams)) {
      const list = this.postings.get(gram);
      if (!list) return [];
      lists.push(list);
    }
    lists.sort((a, b) => a.length - b.length);
    let result: number[] | Uint32Array = lists[0] ?? [];
    for (let i = 1; i < lists.length && result.length > 0; i++) result = intersectSorted(result, lists[i]!);
    return result;
  }

  /** A single character: one pass over the in-memory texts (no bigram can contain it alone). */
  private *scanAll(q: string): Iterable<number> {
    for (let i = 0; i < this.docs.length; i++) if (this.docs[i]!.text.includes(q)) yield i;
  }

  private compact(): void {
    const live = this.docs.filter((d) => d.live);
    this.docs = [];
    this.docOf.clear();
    this.postings.clear();
    this.dead = 0;
    for (const d of live) this.insert(d);
  }

  private insert(d: Doc): void {
    const docNo = this.docs.length;
    this.docs.push(d);
    this.docOf.set(d.id, docNo);
    forEachGram(d.text, (gram) => {
      let list = this.postings.get(gram);
      if (!list) this.postings.set(gram, [docNo]);
      else if (!Array.isArray(list)) {
        // A snapshot's view: copied into an array of its own the first time it grows.
        list = Array.from(list);
        list.push(docNo);
        this.postings.set(gram, list);
      }
      // docNo only grows, so a repeated gram of this document is always the list's last entry.
      else if (list[list.length - 1] !== docNo) list.push(docNo);
    });
  }
}

/** Both lists ascending; galloping would help only for very skewed sizes, which rarest-first avoids. */
function intersectSorted(a: ArrayLike<number>, b: ArrayLike<number>): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      out.push(x);
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return out;
}
