import type { Db } from '../db/types';
import { hashPassword, passwordMatches, passwordProblem } from './passwords';

export const USER_ROLES = ['admin', 'staff'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export interface User {
  id: string;
  name: string;
  role: UserRole;
}

const USER_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{1,39}$/;

/** Why a sign-in id is not acceptable, or null. */
export function userIdProblem(id: string): string | null {
  return USER_ID.test(id) ? null : `the user id "${id}" is not 2–40 letters, digits, ".", "_" or "-" (starting with a letter or digit)`;
}

export interface AddUser {
  id: string;
  name: string;
  role: UserRole;
  password: string;
}

/**
 * Adds a head-office user, or, for an id that exists, sets its name, role and a new password
 * (and signs it out everywhere). Answers whether the user existed.
 */
export async function addUser(db: Db, u: AddUser, now: number): Promise<{ existed: boolean }> {
  const problem =
    userIdProblem(u.id) ??
    (!u.name.trim() || u.name.length > 100 ? 'the user needs a name (at most 100 characters)' : null) ??
    (USER_ROLES.includes(u.role) ? null : `the role is one of ${USER_ROLES.join(', ')}`) ??
    passwordProblem(u.password);
  if (problem) throw new Error(problem);
  const hash = await hashPassword(u.password);
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ existed: boolean }>(
      `INSERT INTO users (id, name, role, password_hash, created_at, password_set_at) VALUES ($1, $2, $3, $4, $5, $5)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, role = EXCLUDED.role, password_hash = EXCLUDED.password_hash,
         password_set_at = EXCLUDED.password_set_at
       RETURNING (xmax <> 0) AS existed -- an update leaves xmax set, an insert does not`,
      [u.id, u.name.trim(), u.role, hash, now],
    );
    await tx.query('DELETE FROM sessions WHERE user_id = $1', [u.id]);
    return { existed: rows[0]!.existed };
  });
}

/** The user whose id and password these are, or null (an unknown id takes as long as a wrong password). */
export async function checkPassword(db: Db, id: string, password: string): Promise<User | null> {
  const { rows } = await db.query<User & { password_hash: string }>('SELECT id, name, role, password_hash FROM users WHERE id = $1', [id]);
  const row = rows[0];
  if (!(await passwordMatches(password, row?.password_hash ?? null)) || !row) return null;
  return { id: row.id, name: row.name, role: row.role };
}
