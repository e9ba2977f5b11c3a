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
  for (const field of normalized.split(FIELD_SEPARATOR)) {
    const cps = Array.from(field, (ch) => ch.codePointAt(0)!);
    for (let i = 0; i < cps.length; i++) {
      const a = cps[i]!;
      const b = cps[i + 1];
      const c = cps[i + 2];
      if (!isNarrow(a)) terms.add(finish(mix(FNV_OFFSET, a)));
      if (b === undefined) continue;
      if (!isNarrow(a) || !isNarrow(b)) terms.add(finish(mix(mix(FNV_OFFSET, a), b)));
      else if (c !== undefined && isNarrow(c)) terms.add(finish(mix(mix(mix(FNV_OFFSET, a), b), c)));
    }
  }
  return [...terms];
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
