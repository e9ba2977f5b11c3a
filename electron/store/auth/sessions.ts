import { sha256Hex } from '../../../shared/sync/protocol';
import type { Actor } from '../../../shared/domain/case';
import type { StaffMember } from '../../../shared/api/contract';
import type { SessionRow } from '../db';
import { fail, type StoreContext } from '../context';

const TOKEN_BYTES = 32;

/** How the host signs people in: tests lower the cost and fix the randomness; the editions keep the defaults. */
export interface AuthOptions {
  /** PBKDF2 iterations for new hashes (default SECRET_ITERATIONS). */
  iterations?: number;
  randomBytes?: (n: number) => Uint8Array;
  /** A session's lifetime (default 12: a working day and its overtime). */
  sessionHours?: number;
}

export interface AuthState {
  iterations: number;
  randomBytes: (n: number) => Uint8Array;
  sessionMs: number;
  /** Sessions by the hash of their token, as read or written by this host (the only writer). */
  sessions: Map<string, SessionRow | null>;
}

export const DEFAULT_SESSION_HOURS = 12;

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function tokenHash(token: string): string {
  return sha256Hex(new TextEncoder().encode(token));
}

export function staffMember(ctx: StoreContext, staffId: string): StaffMember | undefined {
  return ctx.organization.staff.find((m) => m.id === staffId);
}

export async function startSession(ctx: StoreContext, staffId: string): Promise<{ token: string; expiresAt: number }> {
  const token = base64url(ctx.auth.randomBytes(TOKEN_BYTES));
  const now = ctx.now();
  const row: SessionRow = { tokenHash: tokenHash(token), staffId, createdAt: now, expiresAt: now + ctx.auth.sessionMs };
  await ctx.db.sessions.put(row);
  ctx.auth.sessions.set(row.tokenHash, row);
  return { token, expiresAt: row.expiresAt };
}

export async function endSession(ctx: StoreContext, token: string): Promise<void> {
  const key = tokenHash(token);
  await ctx.db.sessions.delete(key);
  ctx.auth.sessions.set(key, null);
}

/** Ends every session of a person (their PIN was reset). */
export async function endSessionsOf(ctx: StoreContext, staffId: string): Promise<void> {
  const keys = await ctx.db.sessions.where('staffId').equals(staffId).primaryKeys();
  await ctx.db.sessions.bulkDelete(keys);
  for (const key of keys) ctx.auth.sessions.set(key, null);
}

/** When a session already checked by actorOf ends. */
export function sessionExpiry(ctx: StoreContext, token: string): number {
  return ctx.auth.sessions.get(tokenHash(token))?.expiresAt ?? 0;
}

/**
 * Who is asking, from the host's own records: the session the token names, and that person's
 * role in the branch's organization today (a role changed or a person removed takes effect at the
 * next request). Anything else is refused as 'unauthenticated'. Answered at once for a session this
 * host already knows, else through Dexie's own promise: a live query that asks keeps its tracking
 * (a native await before its reads would lose it).
 */
export function actorOf(ctx: StoreContext, token: string | undefined): Actor | PromiseLike<Actor> {
  if (!token) fail('unauthenticated', 'errors.auth.signedOut');
  const key = tokenHash(token);
  const known = ctx.auth.sessions.get(key);
  if (known !== undefined) return actorFor(ctx, known);
  return ctx.db.sessions.get(key).then((row) => {
    ctx.auth.sessions.set(key, row ?? null);
    return actorFor(ctx, row ?? null);
  });
}

function actorFor(ctx: StoreContext, session: SessionRow | null): Actor {
  if (!session) fail('unauthenticated', 'errors.auth.signedOut');
  if (session.expiresAt <= ctx.now()) fail('unauthenticated', 'errors.auth.expired');
  const member = staffMember(ctx, session.staffId);
  if (!member) fail('unauthenticated', 'errors.auth.noLongerStaff');
  return { staffId: member.id, role: member.role };
}
