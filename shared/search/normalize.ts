/**
 * Text as the search index sees it: full-width to half-width and compatibility forms folded
 * (NFKC), lower case, and no spaces or dashes, so "138 1234-5678" finds 13812345678.
 */
export function normalizeForSearch(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s\-‐‑‒–—－]+/gu, '');
}

/** Overlapping pairs of characters (code points, so CJK Extension B counts as one). */
export function bigrams(normalized: string): string[] {
  const chars = Array.from(normalized);
  if (chars.length < 2) return chars;
  const grams: string[] = [];
  for (let i = 0; i < chars.length - 1; i++) grams.push(chars[i]! + chars[i + 1]!);
  return grams;
}
