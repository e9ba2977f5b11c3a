import type { Db } from '../db/types';

/** Failed sign-ins are counted over this long from a key's first failure. */
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;

/** Failed attempts allowed per window: from one address (what a guesser of many ids holds) and for one user id (what a guesser from many addresses holds). */
export interface SignInLimits {
  perAddress: number;
  perUser: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = { perAddress: 30, perUser: 5 };

/** A user id is at most 40 characters (hq/staff/users.ts): a longer name is cut, which merges no two real ids. */
const MAX_USER_KEY = 64;

/** Who is signing in, as the limits count it. */
export interface Attempt {
  address: string;
  /** The user id typed (trimmed, any case). */
  user: string;
}

function keysOf({ address, user }: Attempt, limits: SignInLimits): { key: string; max: number }[] {
  return [
    { key: `address:${address}`, max: limits.perAddress },
    { key: `user:${user.trim().toLowerCase().slice(0, MAX_USER_KEY)}`, max: limits.perUser },
  ];
}

/**
 * The counts live in the database (table sign_in_attempts, migration 008), so every HQ process on
 * one database counts the same attempts; the same SQL on PGlite and PostgreSQL.
 */
export function signInLimiter(db: Db, limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS, windowMs = SIGN_IN_WINDOW_MS) {
  return {
    /** How long until this attempt may be checked, in ms, when a count of its address or user id is full; null when it may be. */
    async waitMs(attempt: Attempt, now: number): Promise<number | null> {
      const keys = keysOf(attempt, limits);
      const { rows } = await db.query<{ key: string; failures: number; ends_at: string | number }>(
        'SELECT key, failures, ends_at FROM sign_in_attempts WHERE key IN ($1, $2) AND ends_at > $3',
        [keys[0]!.key, keys[1]!.key, now],
      );
      const waits = rows.filter((r) => r.failures >= keys.find((k) => k.key === r.key)!.max).map((r) => Number(r.ends_at) - now);
      return waits.length ? Math.max(...waits) : null;
    },

    /** Counts a failed attempt for its address and its user id (a window ended starts again at 1); ended windows are removed. */
    async failed(attempt: Attempt, now: number): Promise<void> {
      await db.query('DELETE FROM sign_in_attempts WHERE ends_at <= $1', [now]);
      for (const { key } of keysOf(attempt, limits))
        await db.query(
          `INSERT INTO sign_in_attempts (key, failures, ends_at) VALUES ($1, 1, $2)
           ON CONFLICT (key) DO UPDATE SET
             failures = CASE WHEN sign_in_attempts.ends_at <= $3 THEN 1 ELSE sign_in_attempts.failures + 1 END,
             ends_at = CASE WHEN sign_in_attempts.ends_at <= $3 THEN $2 ELSE sign_in_attempts.ends_at END`,
          [key, now + windowMs, now],
        );
    },
  };
}

export type SignInLimiter = ReturnType<typeof signInLimiter>;
