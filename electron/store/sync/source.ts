import Dexie from 'dexie';
import type { SyncStatus } from '../../../shared/api/contract';
import type { Enrolment } from '../../../shared/sync/enrolment';
import { INITIAL_SYNC_STATE, type PendingCase, type SyncSource, type SyncState } from '../../../shared/sync/engine';
import type { CaseEntry } from '../../../shared/sync/protocol';
import type { StoreContext } from '../context';
import type { StoredOutboxRow } from '../db';
import { heldHqCalendars, receiveHqCalendars } from '../calendars';
import { eventsOf } from '../ledger';
import { acknowledgeReport, pendingReports } from '../monthReport';

/** The engine's state (SyncState), in the meta table. */
export const META_SYNC_STATE = 'syncState';
/**
 * Head office's address and the branch code it knows (from the enrolment code). The secret is kept
 * here only in the browser edition, whose store host runs the engine itself (there is no other
 * process to keep it); the desktop edition's main keeps it with safeStorage and stores no secret here.
 */
export const META_SYNC_ENROLMENT = 'syncEnrolment';

export type StoredEnrolment = Pick<Enrolment, 'hqUrl' | 'branch'> & { secret?: string };

const PAGE = 500;

/** Undelivered outbox rows in order, a page at a time. */
async function undeliveredPage(ctx: StoreContext, afterSeq: number): Promise<StoredOutboxRow[]> {
  return ctx.db.outbox.where('[delivered+seq]').between([0, afterSeq], [0, Dexie.maxKey], false, true).limit(PAGE).toArray();
}

/** Cases waiting for head office: the newest outbox version of each, the longest-waiting first. */
export async function pendingCases(ctx: StoreContext, limit: number): Promise<PendingCase[]> {
  const byCase = new Map<string, PendingCase>();
  let after = 0;
  for (;;) {
    const rows = await undeliveredPage(ctx, after);
    for (const row of rows) {
      const seen = byCase.get(row.caseId);
      if (seen) seen.version = Math.max(seen.version, row.version);
      else if (byCase.size < limit) byCase.set(row.caseId, { caseId: row.caseId, version: row.version });
    }
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1]!.seq;
  }
  return [...byCase.values()];
}

export async function waitingCount(ctx: StoreContext): Promise<number> {
  const ids = new Set<string>();
  await ctx.db.outbox
    .where('[delivered+seq]')
    .between([0, Dexie.minKey], [0, Dexie.maxKey])
    .each((row) => void ids.add(row.caseId));
  return ids.size;
}

/** Each case as head office receives it: its record as stored, its whole chain, its attachments' metadata. */
export async function caseEntries(ctx: StoreContext, caseIds: string[]): Promise<CaseEntry[]> {
  const { db } = ctx;
  return db.transaction('r', [db.cases, db.events, db.caseBlocks, db.ledgerBlocks, db.attachments], async () => {
    const records = await db.cases.bulkGet(caseIds);
    const entries: CaseEntry[] = [];
    for (const record of records) {
      if (!record) continue;
      const [events, attachments] = await Promise.all([
        eventsOf(db, record.id),
        db.attachments.where('caseId').equals(record.id).toArray(),
      ]);
      entries.push({
        caseId: record.id,
        version: record.version,
        record: record as unknown as CaseEntry['record'],
        events,
        attachments: attachments.map(({ id, sha256, name, type, bytes }) => ({ id, sha256, name, type, size: bytes.byteLength })),
      });
    }
    return entries;
  });
}

export async function attachmentBytes(ctx: StoreContext, attachmentId: string): Promise<Uint8Array | null> {
  return (await ctx.db.attachments.get(attachmentId))?.bytes ?? null;
}

/** Head office holds `version` of the case: that outbox row and the case's older ones are delivered. */
export async function acknowledge(ctx: StoreContext, caseId: string, version: number, at: number): Promise<void> {
  await ctx.db.outbox
    .where('caseId')
    .equals(caseId)
    .filter((row) => row.delivered === 0 && row.version <= version)
    .modify({ delivered: 1, deliveredAt: at });
}

export async function loadSyncState(ctx: StoreContext): Promise<SyncState> {
  const row = await ctx.db.meta.get(META_SYNC_STATE);
  return { ...INITIAL_SYNC_STATE, ...(row?.value as Partial<SyncState> | undefined) };
}

export async function saveSyncState(ctx: StoreContext, state: SyncState): Promise<void> {
  await ctx.db.meta.put({ key: META_SYNC_STATE, value: state });
}

export async function storedEnrolment(ctx: StoreContext): Promise<StoredEnrolment | null> {
  return ((await ctx.db.meta.get(META_SYNC_ENROLMENT))?.value as StoredEnrolment | undefined) ?? null;
}

/** The sync as the app bar shows it. Reads the outbox and meta only, so a live query re-runs when either changes. */
export async function syncStatus(ctx: StoreContext): Promise<SyncStatus> {
  const [enrolment, state, waiting, reportsWaiting] = await Promise.all([
    storedEnrolment(ctx),
    loadSyncState(ctx),
    waitingCount(ctx),
    ctx.db.reports.where('[delivered+createdAt]').between([0, Dexie.minKey], [0, Dexie.maxKey]).count(),
  ]);
  return {
    enrolled: enrolment !== null,
    hqUrl: enrolment?.hqUrl ?? null,
    branch: enrolment?.branch ?? null,
    waiting,
    lastSuccessAt: state.lastSuccessAt,
    lastAttemptAt: state.lastAttemptAt,
    nextAttemptAt: state.nextAttemptAt,
    lastError: state.lastError,
    sending: state.sending,
    reportsWaiting,
  };
}

/** The engine's view of this store (browser edition: the host runs the engine over it). */
export function dexieSyncSource(ctx: StoreContext): SyncSource {
  return {
    pending: (limit) => pendingCases(ctx, limit),
    entries: (caseIds) => caseEntries(ctx, caseIds),
    attachment: (id) => attachmentBytes(ctx, id),
    acknowledge: (caseId, version, at) => acknowledge(ctx, caseId, version, at),
    loadState: () => loadSyncState(ctx),
    saveState: (state) => saveSyncState(ctx, state),
    waiting: () => waitingCount(ctx),
    calendarsSince: async () => (await heldHqCalendars(ctx)).since,
    pendingReports: () => pendingReports(ctx),
    acknowledgeReport: (reportId, at) => acknowledgeReport(ctx, reportId, at),
    receiveCalendars: (answer) => receiveHqCalendars(ctx, answer),
  };
}
