import type { CaseDetail, CaseSummary, Counts, QueuePage, queueQuerySchema } from '../../shared/api/contract';
import { computeClocks, policyForComplainant } from '../../shared/deadlines';
import type { Actor } from '../../shared/domain/case';
import { isFinishedState } from '../../shared/domain/enums';
import { allowedCommands } from '../../shared/workflow';
import type { z } from 'zod';
import { clockHistory } from './cases';
import { fail, type StoreContext } from './context';
import { eventsOf } from './ledger';
import { modelReady } from './readModelHandle';

export async function caseDetail(ctx: StoreContext, caseId: string, actor: Actor): Promise<CaseDetail> {
  const c = await ctx.db.cases.get(caseId);
  if (!c) fail('not_found', 'errors.case.notFound');
  const events = await eventsOf(ctx.db, caseId);
  const stopped = isFinishedState(c.state);
  // An anonymous report has no callback clock (shared/deadlines/customer.ts).
  const clocks = computeClocks(policyForComplainant(ctx.policy, c.complainant), clockHistory(events), ctx.now(), ctx.calendar, { stopped });
  // Only a case with links waits for a read model still loading (a case just registered has none).
  const model = ctx.readModel.current ?? (c.relatedCaseIds.length > 0 ? await modelReady(ctx) : null);
  return { case: c, events, clocks, allowedCommands: allowedCommands(c, actor), related: model?.summaries(c.relatedCaseIds) ?? [] };
}

/**
 * Queues come from the in-memory read model (sorted by deadline or by received time), so every
 * combination of filters costs one pass over compact rows, never a cursor walk over IndexedDB.
 */
export async function queryCases(ctx: StoreContext, q: z.output<typeof queueQuerySchema>, actor: Actor): Promise<QueuePage> {
  return { ...(await modelReady(ctx)).query(q, ctx.now(), actor), offset: q.offset };
}

export async function searchCases(ctx: StoreContext, text: string, limit: number): Promise<CaseSummary[]> {
  const model = await modelReady(ctx);
  // After a start from the snapshot the search index arrives after the rows; a search asked meanwhile waits for it.
  const index = model.searchLoaded ?? (await ctx.requests.waitsFor(model.searchReady));
  return model.summaries(index.search(text, limit));
}

export async function countCases(ctx: StoreContext): Promise<Counts> {
  const notifications = await ctx.db.notifications.where('[role+acknowledged]').equals(['supervisor', 0]).count();
  return { ...(await modelReady(ctx)).counts(ctx.now()), notifications };
}
