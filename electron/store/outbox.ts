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
