import { describe, expect, it } from 'vitest';
import { BACKOFF_BASE_MS, BACKOFF_MAX_MS, backoffDelay } from '../../shared/sync/backoff';

describe('backoff with full jitter', () => {
  it.each([
    [1, 1_000],
    [2, 2_000],
    [3, 4_000],
    [9, 256_000],
    [10, BACKOFF_MAX_MS],
    [50, BACKOFF_MAX_MS],
    [10_000, BACKOFF_MAX_MS],
  ])('after failure %i the wait is random() × %i ms', (failures, cap) => {
    expect(backoffDelay(failures, () => 0)).toBe(0);
    expect(backoffDelay(failures, () => 0.5)).toBe(cap / 2);
    expect(backoffDelay(failures, () => 0.999_999)).toBe(Math.floor(0.999_999 * cap));
  });

  it('starts at about a second and never exceeds five minutes, whatever random() says', () => {
    expect(BACKOFF_BASE_MS).toBe(1_000);
    expect(BACKOFF_MAX_MS).toBe(300_000);
    expect(backoffDelay(0, () => 1)).toBe(1_000);
    expect(backoffDelay(20, () => 7)).toBe(BACKOFF_MAX_MS);
    expect(backoffDelay(20, () => -1)).toBe(0);
  });

  it('spreads retries over the whole window (full jitter, not a fixed delay)', () => {
    let seed = 1;
    const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    const waits = Array.from({ length: 1000 }, () => backoffDelay(4, random));
    expect(Math.min(...waits)).toBeLessThan(400);
    expect(Math.max(...waits)).toBeGreaterThan(7_600);
    expect(Math.max(...waits)).toBeLessThan(8_000);
  });
});
