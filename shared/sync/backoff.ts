/** The first retry waits up to this long… */
export const BACKOFF_BASE_MS = 1_000;
/** …doubling after each further failure, up to this. */
export const BACKOFF_MAX_MS = 5 * 60_000;

/**
 * How long to wait after the `failures`-th failure in a row (1 for the first): exponential backoff
 * with full jitter, random() × min(5 min, 1 s × 2^(failures − 1)), so branches that lost head
 * office together do not come back together.
 */
export function backoffDelay(failures: number, random: () => number): number {
  const exponent = Math.max(0, Math.min(failures - 1, 30));
  const cap = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** exponent);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.floor(r * cap);
}
