import Dexie from 'dexie';
import type { CaseDetail, CaseSummary, Counts, QueuePage } from '../../shared/api/contract';
import type { queueQuerySchema } from '../../shared/api/contract';
import { computeClocks } from '../../shared/deadlines';
import type { Actor, CaseRecord } from '../../shared/domain/case';
import { CASE_STATES, CLOSED_STATES, type CaseState } from '../../shared/domain/enums';
import { allowedCommands } from '../../shared/workflow';
import type { z } from 'zod';
import { clockHistory } from './cases';
import { fail, type StoreContext } from './context';
import type { CountersignDb } from './db';
import { eventsOf } from './ledger';

type Collection = ReturnType<CountersignDb['cases']['toCollection']>;

type Query = z.output<typeof queueQuerySchema>;

export function summarize(c: CaseRecord): CaseSummary {
  return {
    id: c.id,
    caseNo: c.caseNo,
    complainantName: c.complainant.name,
    category: c.category,
    severity: c.severity,
    state: c.state,
    isReport: c.isReport,
    businessRef: c.businessRef,
    assigneeId: c.assigneeId,
    receivedAt: c.receivedAt,
    nextDueAt: Number.isFinite(c.nextDueAt) ? c.nextDueAt : null,
  };
}

export async function caseDetail(ctx: StoreContext, caseId: string, actor: Actor): Promise<CaseDetail> {
  const c = await ctx.db.cases.get(caseId);
  if (!c) fail('not_found', 'errors.case.notFound');
  const events = await eventsOf(ctx.db, caseId);
  const stopped = CLOSED_STATES.includes(c.state) || c.state === 'archived';
  const clocks = computeClocks(ctx.policy, clockHistory(events), ctx.now(), ctx.calendar, { stopped });
  return { case: c, events, clocks, allowedCommands: allowedCommands(c, actor) };
}

const byDue = (prefix: string | number) => [[prefix, Dexie.minKey], [prefix, Dexie.maxKey]] as const;

/** Picks the index that narrows the query most and sorts by the nearest deadline; the rest is filtered. */
function baseCollections(ctx: StoreContext, q: Query): { collections: Collection[]; used: string; sortedByDue: boolean } {
  const t = ctx.db.cases;
  if (q.sort === 'received') {
    if (q.receivedFrom !== undefined || q.receivedTo !== undefined) {
      const c = t.where('receivedAt').between(q.receivedFrom ?? Dexie.minKey, q.receivedTo ?? Dexie.maxKey, true, true).reverse();
      return { collections: [c], used: 'received', sortedByDue: false };
    }
    return { collections: [t.orderBy('receivedAt').reverse()], used: 'none', sortedByDue: false };
  }
  if (q.overdue) return { collections: [t.where('nextDueAt').below(ctx.now())], used: 'overdue', sortedByDue: true };
  if (q.states?.length) {
    const collections = [...new Set(q.states)].map((s) => t.where('[state+nextDueAt]').between(...byDue(s), true, true));
    return { collections, used: 'states', sortedByDue: true };
  }
  if (q.assigneeId !== undefined) return { collections: [t.where('[assigneeId+nextDueAt]').between(...byDue(q.assigneeId), true, true)], used: 'assigneeId', sortedByDue: true };
  if (q.category !== undefined) return { collections: [t.where('[category+nextDueAt]').between(...byDue(q.category), true, true)], used: 'category', sortedByDue: true };
  if (q.severity !== undefined) return { collections: [t.where('[severity+nextDueAt]').between(...byDue(q.severity), true, true)], used: 'severity', sortedByDue: true };
  return { collections: [t.orderBy('nextDueAt')], used: 'none', sortedByDue: true };
}

function matches(q: Query, now: number, used: string): (c: CaseRecord) => boolean {
  const states = q.states?.length ? new Set<CaseState>(q.states) : null;
  return (c) =>
    (used === 'states' || !states || states.has(c.state)) &&
    (q.assigneeId === undefined || c.assigneeId === q.assigneeId) &&
    (q.category === undefined || c.category === q.category) &&
    (q.severity === undefined || c.severity === q.severity) &&
    (!q.overdue || c.nextDueAt < now) &&
    (q.receivedFrom === undefined || c.receivedAt >= q.receivedFrom) &&
    (q.receivedTo === undefined || c.receivedAt <= q.receivedTo) &&
    (q.businessRef === undefined || c.businessRef === q.businessRef);
}

const CRITERIA = ['states', 'assigneeId', 'category', 'severity', 'overdue', 'receivedFrom', 'receivedTo', 'businessRef'] as const;

export async function queryCases(ctx: StoreContext, q: Query): Promise<QueuePage> {
  const now = ctx.now();
  const { collections, used, sortedByDue } = baseCollections(ctx, q);
  const predicate = matches(q, now, used);
  const criteria = CRITERIA.filter((k) => q[k] !== undefined && !(k === 'overdue' && q.overdue === false));
  const onlyIndexed = criteria.length === 0 || (criteria.length === 1 && criteria[0] === used);
  const want = q.offset + q.limit;
  const pages = await Promise.all(
    collections.map((c) => (onlyIndexed ? c : c.clone().filter(predicate)).limit(want).toArray()),
  );
  let rows = pages.flat();
  if (collections.length > 1 && sortedByDue) rows.sort((a, b) => a.nextDueAt - b.nextDueAt);
  rows = rows.slice(q.offset, want);
  const total = onlyIndexed ? (await Promise.all(collections.map((c) => c.clone().count()))).reduce((a, b) => a + b, 0) : null;
  return { items: rows.map(summarize), total };
}

export async function searchCases(ctx: StoreContext, text: string, limit: number): Promise<CaseSummary[]> {
  const ids = ctx.index.search(text, limit);
  const rows = await ctx.db.cases.bulkGet(ids);
  return rows.filter((r): r is CaseRecord => r !== undefined).map(summarize);
}

export async function countCases(ctx: StoreContext): Promise<Counts> {
  const { db } = ctx;
  const perState = await Promise.all(CASE_STATES.map((s) => db.cases.where('[state+nextDueAt]').between(...byDue(s), true, true).count()));
  const byState: Counts['byState'] = {};
  CASE_STATES.forEach((s, i) => {
    if (perState[i]) byState[s] = perState[i];
  });
  const [overdue, notifications] = await Promise.all([
    db.cases.where('nextDueAt').below(ctx.now()).count(),
    db.notifications.where('[role+read]').equals(['supervisor', 0]).count(),
  ]);
  return { byState, unassigned: byState.registered ?? 0, overdue, notifications };
}
