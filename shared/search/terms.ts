import type { CaseRecord } from '../domain/case';
import { normalizeForSearch } from './normalize';

/** Never occurs in a query (search text refuses control characters), so no gram spans two fields. */
export const FIELD_SEPARATOR = '\u0001';

/** What search looks in, one string: case number, name, phone, business reference and content, normalized. */
export function searchableText(
  c: Pick<CaseRecord, 'caseNo' | 'businessRef' | 'content'> & { complainant: Pick<CaseRecord['complainant'], 'name' | 'phone'> },
): string {
  return normalizeForSearch([c.caseNo, c.complainant.name, c.complainant.phone, c.businessRef, c.content].join(FIELD_SEPARATOR));
}

/** Letters, digits and punctuation of ASCII: frequent enough that only trigrams of them narrow a search. */
const isNarrow = (codePoint: number) => codePoint < 0x80;

/**
 * The terms of a normalized text, for an inverted index that answers "which texts may contain q":
 * every wide (CJK, …) character, every pair holding a wide character, every run of three narrow
 * (ASCII) characters. A term is a 32-bit FNV-1a hash of its code points (collisions only add
 * candidates; an exact check follows). Each term of a string is a term of any text containing it,
 * so `terms(text) ⊇ terms(q)` whenever q occurs in text; a query with no term (one or two ASCII
 * characters) cannot be narrowed this way.
 */
export function searchTerms(normalized: string): number[] {
  const terms = new Set<number>();
  for (const field of normalized.split(FIELD_SEPARATOR)) for (const gram of grams(field)) terms.add(gram.term);
  return [...terms];
}

/**
 * The terms a search for `normalized` looks up: a few of its own terms that together cover its
 * characters (for "态度生硬": 态度 and 生硬, not the ten). Any subset finds every text containing
 * the query; the exact check does the rest. Fewer terms read fewer index entries, and keep
 * PostgreSQL's estimate honest: it takes a text's terms as independent, so ten overlapping terms
 * of a common word make it guess a handful of rows where tens of thousands match, and plan for that.
 */
export function queryTerms(normalized: string): number[] {
  const all = grams(normalized);
  const chosen = new Set<number>();
  let covered = -1;
  for (let at = 0; at < normalized.length; at++) {
    if (at <= covered) continue;
    let best: Gram | null = null;
    for (const g of all) if (g.start <= at && g.end >= at && (best === null || g.end > best.end)) best = g;
    if (!best) continue;
    chosen.add(best.term);
    covered = best.end;
  }
  return [...chosen];
}

interface Gram {
  term: number;
  /** First and last UTF-16 index of the gram in its text. */
  start: number;
  end: number;
}

function grams(field: string): Gram[] {
  const out: Gram[] = [];
  const cps: { cp: number; at: number; last: number }[] = [];
  for (let i = 0; i < field.length; i++) {
    const cp = field.codePointAt(i)!;
    cps.push({ cp, at: i, last: cp > 0xffff ? i + 1 : i });
    if (cp > 0xffff) i++;
  }
  for (let i = 0; i < cps.length; i++) {
    const a = cps[i]!;
    const b = cps[i + 1];
    const c = cps[i + 2];
    if (!isNarrow(a.cp)) out.push({ term: finish(mix(FNV_OFFSET, a.cp)), start: a.at, end: a.last });
    if (b === undefined) continue;
    if (!isNarrow(a.cp) || !isNarrow(b.cp)) out.push({ term: finish(mix(mix(FNV_OFFSET, a.cp), b.cp)), start: a.at, end: b.last });
    else if (c !== undefined && isNarrow(c.cp))
      out.push({ term: finish(mix(mix(mix(FNV_OFFSET, a.cp), b.cp), c.cp)), start: a.at, end: c.last });
  }
  return out;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** One code point (as three bytes) into an FNV-1a hash. */
function mix(h: number, codePoint: number): number {
  h = Math.imul(h ^ (codePoint >>> 16), FNV_PRIME);
  h = Math.imul(h ^ ((codePoint >>> 8) & 0xff), FNV_PRIME);
  return Math.imul(h ^ (codePoint & 0xff), FNV_PRIME);
}

/** As a signed 32-bit integer: PostgreSQL's integer. */
const finish = (h: number) => h | 0;
