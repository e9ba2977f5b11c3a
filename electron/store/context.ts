import type { Branch, Organization } from '../../shared/api/contract';
import {
  policyInForce,
  WorkCalendar,
  type CalendarOverride,
  type DeadlinePolicy,
  type PublishedCalendar,
  type PublishedPolicy,
} from '../../shared/deadlines';
import type { DomainError } from '../../shared/workflow/errors';
import type { CountersignDb } from './db';
import type { ExportOptions } from './export';
import type { Actor } from '../../shared/domain/case';
import { isSupervisorRole } from '../../shared/domain/enums';
import { loadLedgerState } from './ledger';
import { nextTask } from './nextTask';
import { ReadModelHandle } from './readModelHandle';
import { RequestGate } from './requestGate';
import { DEFAULT_SNAPSHOT_AFTER, openReadModel, snapshotState, type LoadOptions, type SnapshotState } from './snapshot';
import { DEFAULT_SESSION_HOURS, type AuthOptions, type AuthState } from './auth/sessions';
import { SECRET_ITERATIONS, systemRandomBytes } from './auth/secrets';

/** What every repository function works with: the database, the in-memory read model, the clock. */
export interface StoreContext {
  db: CountersignDb;
  /** The read model, loading in the background when the host starts (`modelReady`, readModelHandle.ts). */
  readModel: ReadModelHandle;
  /** Requests in flight: the model's load and the snapshot's audit step aside for them (requestGate.ts). */
  requests: RequestGate;
  /** Last case number taken per `<BRANCH>-<YYYYMMDD>`, once looked up (one writer: the host). */
  lastNumbers: Map<string, number>;
  now: () => number;
  branch: Branch | null;
  policy: DeadlinePolicy;
  calendar: WorkCalendar;
  /**
   * The branch's organization: its staff (who may sign in, with which role: the host derives every
   * request's actor from it) and its own and retired categories (checked at intake).
   */
  organization: Organization;
  ledger: { nextG: number; unsealed: number; blockSize: number; sealing: Promise<void> };
  /** The read-model snapshot's writer (electron/store/snapshot.ts). */
  snapshot: SnapshotState;
  /** Called after every committed case write: re-runs subscriptions served from the read model. */
  caseWriteListeners: Set<() => void>;
  /** Called after a write queued a case for head office (the sync engine starts a run). */
  outboxListeners: Set<() => void>;
  /** The sync engine when this host runs it (browser edition); null when main runs it (desktop). */
  sync: { trigger(): void } | null;
  /** The export file's app version and signer (electron/store/export.ts); null: the stored secret signs. */
  exporter: ExportOptions | null;
  /** Sign-in: hashing cost, randomness, session lifetime and the sessions known (electron/store/auth). */
  auth: AuthState;
}

export function caseWritten(ctx: StoreContext): void {
  for (const listener of ctx.caseWriteListeners) listener();
}

/** Thrown inside a transaction to abort it; the host turns it into `{ok: false, error}`. */
export class StoreError extends Error {
  constructor(readonly error: DomainError & { issues?: { path: string; key: string }[] }) {
    super(error.message);
  }
}

/** Branch set-up, staff, deadline rules and head-office sync are a supervisor's (or administrator's); `message` says which. */
export function requireSupervisor(actor: Actor, message: string): void {
  if (!isSupervisorRole(actor.role)) throw new StoreError({ code: 'forbidden', message });
}

export function fail(code: DomainError['code'], message: string, params?: DomainError['params']): never {
  throw new StoreError(params ? { code, message, params } : { code, message });
}

export const META_BRANCH = 'branch';
export const META_POLICY = 'deadlinePolicy';
export const META_CALENDAR = 'calendarOverrides';
/** Head office's calendars as received (electron/store/calendars.ts). */
export const META_HQ_CALENDARS = 'hqCalendars';
export const META_ORG = 'organization';

/** A stored organization, complete: ones saved before categories existed have none of their own. */
export function organizationOf(stored: Partial<Organization> | undefined): Organization {
  return {
    departments: stored?.departments ?? [],
    staff: stored?.staff ?? [],
    customCategories: stored?.customCategories ?? [],
    retiredCategories: stored?.retiredCategories ?? [],
  };
}

export interface ReadModelOptions extends LoadOptions {
  /** Case writes after which a snapshot is written in the background; Infinity: only at close. */
  snapshotAfter?: number;
  /** The size of the parts a snapshot is stored in (tests use small parts: a snapshot of a few cases in several). */
  snapshotPartBytes?: number;
}

export async function loadContext(
  db: CountersignDb,
  now: () => number,
  blockSize: number,
  options: ReadModelOptions = {},
  auth: AuthOptions = {},
): Promise<StoreContext> {
  const [branchRow, policyRow, calendarRow, orgRow, hqCalendarsRow] = await db.meta.bulkGet([
    META_BRANCH,
    META_POLICY,
    META_CALENDAR,
    META_ORG,
    META_HQ_CALENDARS,
  ]);
  const branch = (branchRow?.value as Branch | undefined) ?? null;
  const ledger = await loadLedgerState(db, blockSize);
  const requests = new RequestGate();
  return {
    db,
    requests,
    // Not awaited: the host answers what needs no read model while it loads. Begun in the next task,
    // so the requests that waited for the host to open are read before the load's first read.
    readModel: new ReadModelHandle(
      nextTask().then(() => openReadModel(db, ledger.nextG - 1, { between: () => requests.quiet(), ...options })),
    ),
    lastNumbers: new Map(),
    ledger,
    snapshot: snapshotState(options.snapshotAfter ?? DEFAULT_SNAPSHOT_AFTER, ledger.nextG - 1, options.snapshotPartBytes),
    caseWriteListeners: new Set(),
    outboxListeners: new Set(),
    sync: null,
    exporter: null,
    auth: {
      iterations: auth.iterations ?? SECRET_ITERATIONS,
      randomBytes: auth.randomBytes ?? systemRandomBytes,
      sessionMs: (auth.sessionHours ?? DEFAULT_SESSION_HOURS) * 3_600_000,
      sessions: new Map(),
    },
    now,
    branch,
    policy: policyInForce(
      branch?.profileId ?? 'general',
      policyRow?.value as DeadlinePolicy | undefined,
      (hqCalendarsRow?.value as { policies?: PublishedPolicy[] } | undefined)?.policies ?? [],
    ).policy,
    calendar: new WorkCalendar(
      (calendarRow?.value as CalendarOverride[] | undefined) ?? [],
      (hqCalendarsRow?.value as { calendars: PublishedCalendar[] } | undefined)?.calendars ?? [],
    ),
    organization: organizationOf(orgRow?.value as Partial<Organization> | undefined),
  };
}
