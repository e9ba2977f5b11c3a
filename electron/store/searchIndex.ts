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

/**
 * In-memory inverted index of character bigrams over the searchable fields. IndexedDB stays the
 * truth: the host builds this from the cases at start-up and updates it with each write, so saving
 * a case costs no extra index rows (a multiEntry bigram index, measured at design time, costs 4× a put).
 * Candidates come from intersecting postings rarest-first, then a substring check.
 */
export class SearchIndex {
  private docs: Doc[] = [];
  private docOf = new Map<string, number>();
  private postings = new Map<number, number[]>();
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
      if (!doc.live || (best.length === limit && doc.receivedAt <= best[limit - 1]!.receivedAt)) continue;
      if (!doc.text.includes(q)) continue;
      let i = best.length;
      while (i > 0 && best[i - 1]!.receivedAt < doc.receivedAt) i--;
      best.splice(i, 0, doc);
      if (best.length > limit) best.pop();
    }
    return best.map((d) => d.id);
  }

  private intersect(grams: number[]): Iterable<number> {
    const lists: number[][] = [];
    for (const gram of new Set(grams)) {
      const list = this.postings.get(gram);
      if (!list) return [];
      lists.push(list);
    }
    lists.sort((a, b) => a.length - b.length);
    let result = lists[0] ?? [];
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
      const list = this.postings.get(gram);
      if (!list) this.postings.set(gram, [docNo]);
      // docNo only grows, so a repeated gram of this document is always the list's last entry.
      else if (list[list.length - 1] !== docNo) list.push(docNo);
    });
  }
}

/** Both lists ascending; galloping would help only for very skewed sizes, which rarest-first avoids. */
function intersectSorted(a: number[], b: number[]): number[] {
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
