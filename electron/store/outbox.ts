import Dexie from 'dexie';
import type { OutboxRow } from '../../shared/api/contract';
import type { StoreContext } from './context';

/** Archived cases not yet acknowledged by head office, oldest first (the sync engine reads these). */
export async function pendingOutbox(ctx: StoreContext, limit: number): Promise<OutboxRow[]> {
  const rows = await ctx.db.outbox.where('[delivered+seq]').between([0, Dexie.minKey], [0, Dexie.maxKey]).limit(limit).toArray();
  return rows.map(({ seq, caseId, version, createdAt, deliveredAt }) => ({ seq, caseId, version, createdAt, deliveredAt }));
}
