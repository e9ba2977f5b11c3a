import Dexie from 'dexie';
import type { OutboxRow } from '../../shared/api/contract';
import type { CaseRecord } from '../../shared/domain/case';
import type { StoreContext } from './context';

/**
 * Every stored write of an archived case queues its version for head office: the archiving itself,
 * and any change to the case afterwards, so head office converges on the newest version. Called
 * inside the transaction that writes the case (all or nothing).
 */
export async function enqueueIfArchived(ctx: StoreContext, stored: CaseRecord, now: number): Promise<void> {
  if (stored.state !== 'archived') return;
  await ctx.db.outbox.add({ caseId: stored.id, version: stored.version, createdAt: now, deliveredAt: null, delivered: 0 } as never);
}

/** The outbox's undelivered rows as stored, oldest first (a view for tests and diagnosis; the engine reads `sync.pending`). */
export async function pendingOutbox(ctx: StoreContext, limit: number): Promise<OutboxRow[]> {
  const rows = await ctx.db.outbox.where('[delivered+seq]').between([0, Dexie.minKey], [0, Dexie.maxKey]).limit(limit).toArray();
  return rows.map(({ seq, caseId, version, createdAt, deliveredAt }) => ({ seq, caseId, version, createdAt, deliveredAt }));
}
