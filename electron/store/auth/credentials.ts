import type { AuthSettings, AuthStatus, CredentialState, SignedIn } from '../../../shared/api/auth';
import { IDLE_LOCK_MINUTES } from '../../../shared/api/auth';
import type { Actor } from '../../../shared/domain/case';
import type { CredentialRow } from '../db';
import { fail, META_ORG, requireSupervisor, type StoreContext } from '../context';
import { hashSecret, secretMatches } from './secrets';
import { endSession, endSessionsOf, sessionExpiry, staffMember, startSession } from './sessions';

/** Wrong secrets in a row that lock an account, and for how long. */
export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;
const META_AUTH_SETTINGS = 'authSettings';

export async function authStatus(ctx: StoreContext): Promise<AuthStatus> {
  return { hasAdministrator: (await ctx.db.credentials.count()) > 0, branch: ctx.branch };
}

async function storeSecret(ctx: StoreContext, staffId: string, secret: string): Promise<void> {
  const hashed = await hashSecret(secret, ctx.auth.iterations, ctx.auth.randomBytes);
  const row: CredentialRow = { staffId, ...hashed, failures: 0, lockedUntil: null, updatedAt: ctx.now() };
  await ctx.db.credentials.put(row);
}

async function signedIn(ctx: StoreContext, staffId: string): Promise<SignedIn> {
  const member = staffMember(ctx, staffId)!;
  const { token, expiresAt } = await startSession(ctx, staffId);
  return { token, staffId, name: member.name, role: member.role, expiresAt };
}

/**
 * First run: the first administrator, with a password, joins the organization as 'admin'. Refused
 * once any credential exists (a second set-up would hand the branch to whoever found the form).
 */
export async function setUpAdministrator(ctx: StoreContext, p: { staffId: string; name: string; password: string }): Promise<SignedIn> {
  if ((await ctx.db.credentials.count()) > 0) fail('forbidden', 'errors.auth.alreadySetUp');
  const hashed = await hashSecret(p.password, ctx.auth.iterations, ctx.auth.randomBytes);
  await ctx.db.transaction('rw', ctx.db.credentials, ctx.db.meta, async () => {
    if ((await ctx.db.credentials.count()) > 0) fail('forbidden', 'errors.auth.alreadySetUp');
    const org = ctx.organization;
    const staff = [...org.staff.filter((m) => m.id !== p.staffId), { id: p.staffId, name: p.name, role: 'admin' as const }];
    await ctx.db.meta.put({ key: META_ORG, value: { ...org, staff } });
    await ctx.db.credentials.put({ staffId: p.staffId, ...hashed, failures: 0, lockedUntil: null, updatedAt: ctx.now() });
    ctx.organization = { ...org, staff };
  });
  return signedIn(ctx, p.staffId);
}

/**
 * Sign-in with staff id and PIN or password. The same answer for an unknown id and a wrong secret
 * (and the same time: a missing hash is derived all the same); MAX_FAILURES wrong ones in a row
 * lock the account for LOCK_MINUTES, during which even the right secret is refused. The verdict is
 * taken in a transaction on the row as it is after hashing: attempts sent side by side each count,
 * and none gets in past a lock another one set meanwhile.
 */
export async function signIn(ctx: StoreContext, p: { staffId: string; secret: string }): Promise<SignedIn> {
  const row = staffMember(ctx, p.staffId) ? await ctx.db.credentials.get(p.staffId) : undefined;
  const now = ctx.now();
  const lockedFor = (r: CredentialRow) => (r.lockedUntil && r.lockedUntil > now ? Math.ceil((r.lockedUntil - now) / 60_000) : 0);
  if (row && lockedFor(row)) fail('forbidden', 'errors.auth.locked', { minutes: lockedFor(row) });
  const matches = await secretMatches(p.secret, row ?? null, ctx.auth.iterations);
  if (!row) fail('forbidden', 'errors.auth.wrong');
  const verdict = await ctx.db.transaction('rw', ctx.db.credentials, async () => {
    const current = await ctx.db.credentials.get(row.staffId);
    if (!current) return 'wrong' as const;
    if (lockedFor(current)) return 'locked' as const;
    if (matches) {
      if (current.failures > 0 || current.lockedUntil) await ctx.db.credentials.update(row.staffId, { failures: 0, lockedUntil: null });
      return 'ok' as const;
    }
    const failures = current.failures + 1;
    const locks = failures >= MAX_FAILURES;
    await ctx.db.credentials.update(row.staffId, {
      failures: locks ? 0 : failures,
      lockedUntil: locks ? now + LOCK_MINUTES * 60_000 : null,
    });
    return locks ? ('locked' as const) : ('wrong' as const);
  });
  if (verdict === 'locked') fail('forbidden', 'errors.auth.locked', { minutes: LOCK_MINUTES });
  if (verdict === 'wrong') fail('forbidden', 'errors.auth.wrong');
  if (row.iterations < ctx.auth.iterations) await storeSecret(ctx, row.staffId, p.secret);
  return signedIn(ctx, p.staffId);
}

export function whoami(ctx: StoreContext, actor: Actor, token: string): Omit<SignedIn, 'token'> {
  return { staffId: actor.staffId, name: staffMember(ctx, actor.staffId)!.name, role: actor.role, expiresAt: sessionExpiry(ctx, token) };
}

export function signOut(ctx: StoreContext, token: string): Promise<void> {
  return endSession(ctx, token);
}

/**
 * A supervisor sets or resets a staff member's PIN (a forgotten one): the lock is lifted and the
 * person's open sessions end. Only an administrator sets an administrator's; one's own is changed
 * with the current one ('auth.changeSecret').
 */
export async function setSecret(ctx: StoreContext, actor: Actor, p: { staffId: string; secret: string }): Promise<null> {
  requireSupervisor(actor, 'errors.auth.supervisorOnly');
  const member = staffMember(ctx, p.staffId);
  if (!member) fail('not_found', 'errors.staff.unknown');
  if (p.staffId === actor.staffId) fail('forbidden', 'errors.auth.ownSecret');
  if (member.role === 'admin' && actor.role !== 'admin') fail('forbidden', 'errors.auth.adminOnly');
  await storeSecret(ctx, p.staffId, p.secret);
  await endSessionsOf(ctx, p.staffId);
  return null;
}

export async function changeSecret(ctx: StoreContext, actor: Actor, p: { current: string; next: string }): Promise<null> {
  const row = await ctx.db.credentials.get(actor.staffId);
  if (!(await secretMatches(p.current, row ?? null, ctx.auth.iterations))) fail('forbidden', 'errors.auth.wrongCurrent');
  await storeSecret(ctx, actor.staffId, p.next);
  return null;
}

export async function credentialStates(ctx: StoreContext, actor: Actor): Promise<CredentialState[]> {
  requireSupervisor(actor, 'errors.auth.supervisorOnly');
  const now = ctx.now();
  const rows = await ctx.db.credentials.toArray();
  return rows.map((r) => ({
    staffId: r.staffId,
    lockedUntil: r.lockedUntil && r.lockedUntil > now ? r.lockedUntil : null,
    updatedAt: r.updatedAt,
  }));
}

export async function authSettings(ctx: StoreContext): Promise<AuthSettings> {
  const row = await ctx.db.meta.get(META_AUTH_SETTINGS);
  return { idleLockMinutes: IDLE_LOCK_MINUTES.default, ...(row?.value as Partial<AuthSettings> | undefined) };
}

export async function saveAuthSettings(ctx: StoreContext, actor: Actor, settings: AuthSettings): Promise<AuthSettings> {
  requireSupervisor(actor, 'errors.settings.supervisorOnly');
  await ctx.db.meta.put({ key: META_AUTH_SETTINGS, value: settings });
  return settings;
}
