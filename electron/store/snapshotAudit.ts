import type { CountersignDb } from './db';
import type { ReadModel } from './readModel';
import type { RequestGate } from './requestGate';
import { readCasePage, untilIdle, type SnapshotState } from './snapshot';

/** Small pages: each page's rows are decoded on the host's thread, and requests wait behind it. */
const AUDIT_PAGE = 500;

/**
 * After a start from the snapshot, reads every case in the background, page by page, and puts right
 * any case the model holds otherwise than its row says (or holds without a row): the snapshot
 * finds the cases changed since through the event log, which a row edited behind the host's back
 * (a tampered row, a tool) does not touch. Verification's check of each case's head waits for this.
 * Returns how many cases it corrected.
 */
export async function auditReadModel(ctx: {
  db: CountersignDb;
  model: ReadModel;
  snapshot: SnapshotState;
  /** Requests first: each page waits until none is being answered. */
  requests?: Pick<RequestGate, 'quiet'>;
}): Promise<number> {
  const { db, model, snapshot: state } = ctx;
  // The search texts are audited too: they arrive after the rows.
  await model.searchReady;
  const seen = new Set<string>();
  let corrected = 0;
  let afterId: string | null = null;
  for (;;) {
    await ctx.requests?.quiet();
    if (!db.isOpen()) return corrected; // the host closed: the next start audits again
    const page = await consistentRead(state, () => readCasePage(db, afterId, AUDIT_PAGE));
    for (const c of page) {
      seen.add(c.id);
      if (model.holds(c)) continue;
      model.upsert(c);
      corrected++;
    }
    if (page.length === 0) break;
    afterId = page[page.length - 1]!.id;
  }
  // Rows the table no longer has (none of the host's writes deletes a case).
  const unseen = [...model.ids()].filter((id) => !seen.has(id));
  const rows = await consistentRead(state, () => db.cases.bulkGet(unseen));
  unseen.forEach((id, i) => {
    if (rows[i] !== undefined) return;
    model.revert(id, null);
    corrected++;
  });
  state.changes += corrected;
  return corrected;
}

/**
 * A read done while no case write was in flight or began: the model changes before a write commits,
 * so a read beside a write could see a case older (or newer) than the model's. The caller applies
 * what it read before yielding.
 */
async function consistentRead<T>(state: SnapshotState, read: () => Promise<T>): Promise<T> {
  for (;;) {
    await untilIdle(state);
    const began = state.began;
    const result = await read();
    if (state.inFlight === 0 && state.began === began) return result;
  }
}
