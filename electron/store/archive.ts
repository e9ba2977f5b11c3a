/**
 * The restricted archive (R7.3, docs/privacy.md): an archived case's detail, attachments and print
 * copies are read by supervisors and administrators; anyone else needs a supervisor's grant, which
 * runs out on the host's clock. Whoever archived a case (settling at the counter archives at once)
 * keeps reading it for an hour, to print its summary. Every read of an archived case is logged.
 */
import Dexie from 'dexie';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { AccessGrant, AccessLogEntry, AccessRequest, methods } from '../../shared/api/contract';
import type { Actor, CaseRecord } from '../../shared/domain/case';
import { isSupervisorRole } from '../../shared/domain/enums';
import type { CaseEvent } from '../../shared/ledger/eventHash';
import { fail, requireSupervisor, type StoreContext } from './context';
import { eventsOf } from './ledger';

const HOUR = 3_600_000;
/** How long whoever archived a case still reads it without a grant. */
export const ARCHIVER_WINDOW_MS = HOUR;
/**
 * Reads of one case by one person, of one kind and on one footing, within this time make one log
 * entry: a case page left open re-reads the case whenever anything about it changes.
 */
export const LOG_COALESCE_MS = 10 * 60_000;
/** The access log answers at most this many entries, newest first. */
export const MAX_LOG_ENTRIES = 1000;

type Basis = Pick<AccessLogEntry, 'basis' | 'grantId'>;

const active = (g: AccessGrant, now: number) => g.grantedAt <= now && now < g.expiresAt;

async function grantsOf(ctx: StoreContext, staffId: string, caseId?: string): Promise<AccessGrant[]> {
  const range =
    caseId === undefined
      ? [
          [staffId, Dexie.minKey],
          [staffId, Dexie.maxKey],
        ]
      : [
          [staffId, caseId],
          [staffId, caseId],
        ];
  const grants = await ctx.db.accessGrants.where('[staffId+caseId]').between(range[0], range[1], true, true).toArray();
  const now = ctx.now();
  return grants.filter((g) => active(g, now)).sort((a, b) => b.expiresAt - a.expiresAt);
}

/** On what footing `actor` reads the archived case `c`, or null when they may not. */
async function footing(ctx: StoreContext, c: CaseRecord, actor: Actor, events?: readonly CaseEvent[]): Promise<Basis | null> {
  if (isSupervisorRole(actor.role)) return { basis: 'supervisor', grantId: null };
  const [grant] = await grantsOf(ctx, actor.staffId, c.id);
  if (grant) return { basis: 'grant', grantId: grant.id };
  // The staff member a responsibility is recorded against reads the case they are charged for (to appeal, R8.3).
  if ((c.accountability ?? []).some((a) => a.staffId === actor.staffId)) return { basis: 'accountable', grantId: null };
  const archived = (events ?? (await eventsOf(ctx.db, c.id))).findLast((e) => e.type === 'archived');
  const since = ctx.now() - (archived?.at ?? -Infinity);
  if (archived?.actor.staffId === actor.staffId && since >= 0 && since < ARCHIVER_WINDOW_MS) return { basis: 'archiver', grantId: null };
  return null;
}

/**
 * Refuses `actor` an archived case they may not read, and logs the read of one they may. Cases not
 * archived pass untouched. `events`: the case's, when the caller has them already.
 */
export async function guardArchived(
  ctx: StoreContext,
  c: CaseRecord,
  actor: Actor,
  what: AccessLogEntry['what'] | null,
  events?: readonly CaseEvent[],
): Promise<void> {
  if (c.state !== 'archived') return;
  const basis = await footing(ctx, c, actor, events);
  if (!basis) fail('forbidden', 'errors.archive.restricted', { caseNo: c.caseNo });
  if (what) logRead(ctx, { caseId: c.id, caseNo: c.caseNo, staffId: actor.staffId, role: actor.role, at: ctx.now(), what, ...basis });
}

/** The case an attachment or a print belongs to, refused or logged like the case itself. */
export function guardCaseOf(ctx: StoreContext, caseId: string, actor: Actor, what: AccessLogEntry['what'] | null): Promise<void> {
  // Dexie's own promise when the case is not archived, so a live query keeps observing what follows.
  return ctx.db.cases.get(caseId).then((c) => (c?.state === 'archived' ? guardArchived(ctx, c, actor, what) : undefined));
}

interface LogState {
  last: Map<string, number>;
  pending: Set<Promise<void>>;
}
const logStates = new WeakMap<StoreContext, LogState>();

function logStateOf(ctx: StoreContext): LogState {
  let state = logStates.get(ctx);
  if (!state) logStates.set(ctx, (state = { last: new Map(), pending: new Set() }));
  return state;
}

function logRead(ctx: StoreContext, entry: AccessLogEntry): void {
  const state = logStateOf(ctx);
  const key = [entry.staffId, entry.caseId, entry.what, entry.basis, entry.grantId].join('\u0001');
  const last = state.last.get(key);
  if (last !== undefined && entry.at >= last && entry.at - last < LOG_COALESCE_MS) return;
  state.last.set(key, entry.at);
  // A live query may not write (Dexie refuses a read-write transaction inside one): the entry is
  // added from a task of its own. The access log's readers wait for entries on their way.
  const written = new Promise<void>((resolve) => {
    setTimeout(() => {
      ctx.db.accessLog.add(entry).then(
        () => resolve(),
        (e: unknown) => {
          state.last.delete(key);
          if (ctx.db.isOpen()) console.error('store: could not write the access log', e);
          resolve();
        },
      );
    }, 0);
  });
  state.pending.add(written);
  void written.then(() => state.pending.delete(written));
}

/** Settles when every access-log entry on its way is written. */
export async function accessLogWritten(ctx: StoreContext): Promise<void> {
  await Promise.all([...logStateOf(ctx).pending]);
}

async function archivedCase(ctx: StoreContext, caseId: string): Promise<CaseRecord> {
  const c = await ctx.db.cases.get(caseId);
  if (!c) fail('not_found', 'errors.case.notFound');
  if (c.state !== 'archived') fail('invalid_state', 'errors.archive.notArchived', { caseNo: c.caseNo });
  return c;
}

export async function requestAccess(
  ctx: StoreContext,
  { caseId, reason }: z.output<(typeof methods)['archive.requestAccess']>,
  actor: Actor,
): Promise<AccessRequest> {
  const c = await archivedCase(ctx, caseId);
  if (isSupervisorRole(actor.role)) fail('invalid_state', 'errors.archive.noNeed');
  return ctx.db.transaction('rw', ctx.db.accessRequests, async () => {
    const mine = await ctx.db.accessRequests.where('staffId').equals(actor.staffId).toArray();
    // Asking again while a request waits is the same request.
    const waiting = mine.find((r) => r.caseId === caseId && r.status === 'open');
    if (waiting) return waiting;
    const request: AccessRequest = {
      id: uuidv7(),
      caseId,
      caseNo: c.caseNo,
      staffId: actor.staffId,
      reason,
      at: ctx.now(),
      status: 'open',
      decidedBy: null,
      decidedAt: null,
      grantId: null,
    };
    await ctx.db.accessRequests.add(request);
    return request;
  });
}

/** Requests waiting for a supervisor, oldest first. */
export async function openRequests(ctx: StoreContext, actor: Actor): Promise<AccessRequest[]> {
  requireSupervisor(actor, 'errors.archive.supervisorOnly');
  const rows = await ctx.db.accessRequests.where('status').equals('open').toArray();
  return rows.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
}

async function openRequest(ctx: StoreContext, requestId: string): Promise<AccessRequest> {
  const request = await ctx.db.accessRequests.get(requestId);
  if (!request) fail('not_found', 'errors.archive.requestNotFound');
  if (request.status !== 'open') fail('invalid_state', 'errors.archive.requestDecided');
  return request;
}

export async function grantAccess(
  ctx: StoreContext,
  params: z.output<(typeof methods)['archive.grant']>,
  actor: Actor,
): Promise<AccessGrant> {
  requireSupervisor(actor, 'errors.archive.supervisorOnly');
  const { db } = ctx;
  return db.transaction('rw', [db.cases, db.accessRequests, db.accessGrants], async () => {
    const request = params.requestId === undefined ? null : await openRequest(ctx, params.requestId);
    const c = await archivedCase(ctx, request?.caseId ?? params.caseId!);
    const now = ctx.now();
    const grant: AccessGrant = {
      id: uuidv7(),
      caseId: c.id,
      caseNo: c.caseNo,
      staffId: request?.staffId ?? params.staffId!,
      requestId: request?.id ?? null,
      grantedBy: actor.staffId,
      grantedAt: now,
      expiresAt: now + params.hours * HOUR,
    };
    await db.accessGrants.add(grant);
    if (request)
      await db.accessRequests.put({ ...request, status: 'granted', decidedBy: actor.staffId, decidedAt: now, grantId: grant.id });
    return grant;
  });
}

export async function refuseAccess(ctx: StoreContext, requestId: string, actor: Actor): Promise<AccessRequest> {
  requireSupervisor(actor, 'errors.archive.supervisorOnly');
  return ctx.db.transaction('rw', ctx.db.accessRequests, async () => {
    const request = await openRequest(ctx, requestId);
    const refused: AccessRequest = { ...request, status: 'refused', decidedBy: actor.staffId, decidedAt: ctx.now() };
    await ctx.db.accessRequests.put(refused);
    return refused;
  });
}

/** The caller's grants still running, and their requests still waiting. */
export async function myAccess(ctx: StoreContext, actor: Actor): Promise<{ grants: AccessGrant[]; requests: AccessRequest[] }> {
  const [grants, mine] = await Promise.all([
    grantsOf(ctx, actor.staffId),
    ctx.db.accessRequests.where('staffId').equals(actor.staffId).toArray(),
  ]);
  return { grants, requests: mine.filter((r) => r.status === 'open').sort((a, b) => a.at - b.at) };
}

export async function accessLog(
  ctx: StoreContext,
  { caseId, from, to }: z.output<(typeof methods)['archive.accessLog']>,
  actor: Actor,
): Promise<AccessLogEntry[]> {
  requireSupervisor(actor, 'errors.archive.supervisorOnly');
  await accessLogWritten(ctx);
  const lo = from ?? -Infinity;
  const hi = to ?? Infinity;
  const rows =
    caseId === undefined
      ? ctx.db.accessLog.where('at').between(lo, hi, true, true)
      : ctx.db.accessLog.where('[caseId+at]').between([caseId, lo], [caseId, hi], true, true);
  return rows.reverse().limit(MAX_LOG_ENTRIES).toArray();
}
