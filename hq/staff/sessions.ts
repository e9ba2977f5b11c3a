import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/types';
import type { User } from './users';

/** A session ends after this long without a request… */
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
/** …and in any case this long after sign-in. */
export const SESSION_MAX_MS = 12 * 60 * 60 * 1000;

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Starts a session: the token goes into the cookie, only its hash into the database. */
export async function startSession(db: Db, userId: string, now: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.query('INSERT INTO sessions (token_sha256, user_id, created_at, last_seen_at) VALUES ($1, $2, $3, $3)', [
    tokenHash(token),
    userId,
    now,
  ]);
  // Sessions that have ended are removed by whoever signs in next.
  await db.query('DELETE FROM sessions WHERE last_seen_at < $1 OR created_at < $2', [now - SESSION_IDLE_MS, now - SESSION_MAX_MS]);
  return token;
}

/** The signed-in user of a cookie's token, its session kept alive; null when there is none or it has ended. */
export async function sessionUser(db: Db, token: string | undefined, now: number): Promise<User | null> {
  if (!token || !TOKEN.test(token)) return null;
  const { rows } = await db.query<User>(
    `UPDATE sessions s SET last_seen_at = $2 FROM users u
     WHERE s.token_sha256 = $1 AND u.id = s.user_id AND s.last_seen_at >= $3 AND s.created_at >= $4
     RETURNING u.id, u.name, u.role`,
    [tokenHash(token), now, now - SESSION_IDLE_MS, now - SESSION_MAX_MS],
  );
  return rows[0] ?? null;
}

export async function endSession(db: Db, token: string | undefined): Promise<void> {
  if (token && TOKEN.test(token)) await db.query('DELETE FROM sessions WHERE token_sha256 = $1', [tokenHash(token)]);
}
