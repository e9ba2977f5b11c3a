import type { z } from 'zod';
import type { methods, SyncStatus } from '../../../shared/api/contract';
import type { Actor } from '../../../shared/domain/case';
import { parseEnrolmentCode } from '../../../shared/sync/enrolment';
import { fail, requireSupervisor, StoreError, type StoreContext } from '../context';
import { loadSyncState, META_SYNC_ENROLMENT, saveSyncState, storedEnrolment, syncStatus, type StoredEnrolment } from './source';

/** An enrolment code names the branch it was made for: it must be this one. */
function checkBranch(ctx: StoreContext, branch: string, path: string): void {
  if (!ctx.branch) fail('invalid_state', 'errors.branch.notConfigured');
  if (ctx.branch.branchCode !== branch) {
    const params = { code: branch, ours: ctx.branch.branchCode };
    throw new StoreError({
      code: 'invalid_input',
      message: 'errors.enrolment.otherBranch',
      params,
      issues: [{ path, key: 'errors.enrolment.otherBranch' }],
    });
  }
}

/** A new enrolment (or a rotated secret) starts afresh: no error or backoff left from the old one. */
async function saveEnrolment(ctx: StoreContext, enrolment: StoredEnrolment): Promise<void> {
  await ctx.db.transaction('rw', ctx.db.meta, async () => {
    await ctx.db.meta.put({ key: META_SYNC_ENROLMENT, value: enrolment });
    const state = await loadSyncState(ctx);
    await saveSyncState(ctx, { ...state, attempt: 0, lastError: null, nextAttemptAt: null });
  });
}

/** Browser edition: the store host runs the engine and keeps the whole enrolment, secret included. */
export async function enrol(ctx: StoreContext, { code }: z.output<(typeof methods)['sync.enrol']>, actor: Actor): Promise<SyncStatus> {
  requireSupervisor(actor, 'errors.sync.supervisorOnly');
  // Desktop: main keeps the secret (safeStorage); it must never be written to IndexedDB.
  if (!ctx.sync) fail('forbidden', 'errors.enrolment.desktop');
  const parsed = parseEnrolmentCode(code);
  if (!parsed.ok) throw new StoreError({ code: 'invalid_input', message: parsed.problem, issues: [{ path: 'code', key: parsed.problem }] });
  checkBranch(ctx, parsed.enrolment.branch, 'code');
  await saveEnrolment(ctx, parsed.enrolment);
  ctx.sync.trigger();
  return syncStatus(ctx);
}

/** Desktop edition (main only, with the supervisor's envelope): where head office is; main keeps the secret. */
export async function configure(
  ctx: StoreContext,
  params: z.output<(typeof methods)['sync.configure']>,
  actor: Actor,
): Promise<SyncStatus> {
  requireSupervisor(actor, 'errors.sync.supervisorOnly');
  checkBranch(ctx, params.branch, 'branch');
  await saveEnrolment(ctx, { hqUrl: params.hqUrl, branch: params.branch });
  return syncStatus(ctx);
}

/**
 * A push now. Where the host runs the engine it starts a run; on the desktop, main's engine watches
 * the status and runs when the next attempt is due, which is now.
 */
export async function syncNow(ctx: StoreContext, actor: Actor): Promise<SyncStatus> {
  requireSupervisor(actor, 'errors.sync.supervisorOnly');
  if (!(await storedEnrolment(ctx))) fail('invalid_state', 'errors.sync.notEnrolled');
  if (ctx.sync) ctx.sync.trigger();
  else await saveSyncState(ctx, { ...(await loadSyncState(ctx)), nextAttemptAt: ctx.now() });
  return syncStatus(ctx);
}
