/**
 * Text as the search index sees it: full-width to half-width and compatibility forms folded
 * (NFKC), lower case, and no spaces or dashes, so "138 1234-5678" finds 13812345678.
 */
export function normalizeForSearch(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\-‐‑‒–—－]+/gu, '');
}
