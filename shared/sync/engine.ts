import { v7 as uuidv7 } from 'uuid';
import type { SyncError } from '../api/contract';
import {
  batchAnswerSchema,
  blobStatusSchema,
  calendarsAnswerSchema,
  readAnswer,
  reportAnswerSchema,
  transportFailure,
  type Answer,
} from './answers';
import { backoffDelay } from './backoff';
import { gzip } from './gzip';
import type { Enrolment } from './enrolment';
import {
  BLOB_CHUNK_BYTES,
  caseEntrySchema,
  MAX_BATCH_CASES,
  PATHS,
  PROTOCOL_VERSION,
  TARGET_BATCH_BYTES,
  type BatchAnswer,
  type BlobStatus,
  type CaseEntry,
  type CalendarsAnswer,
  type ReportAnswer,
  type ReportEntry,
} from './protocol';
import { signedRequest, type RequestParts } from './request';
import type { Timers, Transport } from './transport';

/** A case waiting for head office: its newest version in the outbox. */
export interface PendingCase {
  caseId: string;
  version: number;
}

/** Where the sync stands, kept in the store so a restart (or a crash) resumes where it was. */
export interface SyncState {
  lastSuccessAt: number | null;
  lastAttemptAt: number | null;
  /** When the next run is due after a failure (null: none planned; run when triggered). */
  nextAttemptAt: number | null;
  /** Failures in a row (the backoff's exponent); 0 after a success. */
  attempt: number;
  lastError: SyncError | null;
  /** While a run is under way: cases acknowledged so far out of those waiting when it began. */
  sending: { sent: number; total: number } | null;
}

export const INITIAL_SYNC_STATE: Readonly<SyncState> = Object.freeze({
  lastSuccessAt: null,
  lastAttemptAt: null,
  nextAttemptAt: null,
  attempt: 0,
  lastError: null,
  sending: null,
});

/** What the engine reads and writes at the branch: the outbox, the cases, attachments and its own state. */
export interface SyncSource {
  /** Cases waiting for head office (newest version of each), the longest-waiting first. */
  pending(limit: number): Promise<PendingCase[]>;
  /** Each named case as it is now: its record, whole event chain and attachments' metadata (a missing case is left out). */
  entries(caseIds: string[]): Promise<CaseEntry[]>;
  /** An attachment's bytes (null when it is not stored). */
  attachment(attachmentId: string): Promise<Uint8Array | null>;
  /** Head office holds this version: its outbox row and older ones of the case are delivered. */
  acknowledge(caseId: string, version: number, at: number): Promise<void>;
  loadState(): Promise<SyncState>;
  saveState(state: SyncState): Promise<void>;
  /** How many cases wait for head office. */
  waiting(): Promise<number>;
  /** The newest calendar version received from head office (0: none). A source without it asks for no calendars. */
  calendarsSince?(): Promise<number>;
  /** Keeps the calendars head office answered (each year's newest). */
  receiveCalendars?(answer: CalendarsAnswer): Promise<void>;
  /** Monthly reports not yet delivered, oldest first. A source without it sends none. */
  pendingReports?(): Promise<ReportEntry[]>;
  /** Head office holds this report. */
  acknowledgeReport?(reportId: string, at: number): Promise<void>;
}

export interface SyncEngineDeps extends Timers {
  source: SyncSource;
  transport: Transport;
  /** The branch's enrolment with head office (null: not enrolled, nothing is sent). */
  enrolment: () => Promise<Enrolment | null>;
  now: () => number;
  random: () => number;
  appVersion: string;
}

export type RunOutcome =
  { result: 'not_enrolled' } | { result: 'done'; sent: number; rejected: number } | { result: 'failed'; sent: number; error: SyncError };

export interface SyncEngine {
  /** One run: everything waiting, batch after batch. A second call while one runs gets the same run. */
  syncOnce(): Promise<RunOutcome>;
  /** Loads the persisted state and plans the first run (at nextAttemptAt if a backoff is pending, else now). */
  start(): Promise<void>;
  /** Something to send, or someone asked: run soon (after the run under way, if any). */
  trigger(): void;
  stop(): void;
}

/** Refusals of one attachment's upload: its case is set aside, the run goes on. */
const PER_ATTACHMENT_REFUSALS = new Set<SyncError['code']>(['blob_hash_mismatch', 'too_large']);

/** Batches on their way to head office at once: it stores some while the next are read, built and sent. */
export const IN_FLIGHT_BATCHES = 4;
/** Entries are read from the source this many at a time while a batch fills. */
const ENTRY_PAGE = 50;
/** A piece upload that HQ answers with another offset more often than this gives up for this run. */
const MAX_OFFSET_RESYNCS = 3;

/** Refusals that, for a batch of one case, concern that case alone: it is set aside, the run goes on. */
const ONE_CASE_REFUSALS = new Set<SyncError['code']>(['too_large', 'invalid_batch']);

const encoder = new TextEncoder();

/** Where utf8Length encodes: one buffer, grown when a text needs more (3 bytes at most per UTF-16 unit). */
let scratch = new Uint8Array(64 * 1024);

/** Bytes of `text` in UTF-8 (a batch is sized by bytes, case by case), by the platform's encoder into a reused buffer. */
export function utf8Length(text: string): number {
  if (scratch.length < text.length * 3) scratch = new Uint8Array(text.length * 3);
  return encoder.encodeInto(text, scratch).written;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: SyncError };

function rejectedLocally(caseId: string, at: number, detail: string): SyncError {
  return { code: 'case_rejected', at, caseId, reason: 'record_mismatch', detail };
}

export function createSyncEngine(deps: SyncEngineDeps): SyncEngine {
  const { source, now } = deps;
  let current: Promise<RunOutcome> | null = null;
  let again = false;
  let timer: unknown = null;
  let stopped = false;
  let storeFailures = 0;

  async function exchange<T>(enrolment: Enrolment, parts: Omit<RequestParts, 'now'>, schema: Parameters<typeof readAnswer<T>>[1]) {
    const request = signedRequest(enrolment, { ...parts, now: now() });
    try {
      const answer = await deps.transport(request);
      return readAnswer(answer, schema, now());
    } catch (thrown) {
      return { ok: false, error: transportFailure(thrown, now()) } satisfies Answer<T>;
    }
  }

  /**
   * The next batch: as many waiting cases as fit TARGET_BATCH_BYTES of JSON (at least one), each
   * serialized once; cases set aside or in a batch still on its way are left out.
   */
  async function nextBatch(
    skip: Map<string, SyncError>,
    inFlight: ReadonlySet<string>,
    alone: ReadonlySet<string>,
  ): Promise<{ entries: CaseEntry[]; json: string[] } | null> {
    for (;;) {
      const pending = (await source.pending(skip.size + inFlight.size + MAX_BATCH_CASES)).filter(
        (p) => !skip.has(p.caseId) && !inFlight.has(p.caseId),
      );
      if (pending.length === 0) return null;
      const entries: CaseEntry[] = [];
      const json: string[] = [];
      let bytes = 0;
      for (let i = 0; i < pending.length; i += ENTRY_PAGE) {
        const ids = pending.slice(i, i + ENTRY_PAGE).map((p) => p.caseId);
        const found = await source.entries(ids);
        for (const id of ids) if (!found.some((e) => e.caseId === id)) skip.set(id, rejectedLocally(id, now(), 'not found at the branch'));
        for (const entry of found) {
          const text = JSON.stringify(entry);
          if (alone.has(entry.caseId)) return entries.length > 0 ? { entries, json } : { entries: [entry], json: [text] };
          const size = utf8Length(text) + 1;
          if (entries.length > 0 && bytes + size > TARGET_BATCH_BYTES) return { entries, json };
          entries.push(entry);
          json.push(text);
          bytes += size;
          if (entries.length >= MAX_BATCH_CASES) return { entries, json };
        }
      }
      if (entries.length > 0) return { entries, json };
    }
  }

  /** Uploads one attachment from where head office's copy ends. */
  async function uploadBlob(enrolment: Enrolment, sha: string, attachmentId: string): Promise<Outcome<void>> {
    const status = await exchange<BlobStatus>(enrolment, { method: 'GET', path: PATHS.blob(sha) }, blobStatusSchema);
    let received: number;
    if (status.ok) {
      if (status.value.complete) return { ok: true, value: undefined };
      received = status.value.received;
    } else if (status.error.code === 'not_found') {
      received = 0;
    } else {
      return status;
    }
    const bytes = await source.attachment(attachmentId);
    // Not stored here: head office answers the case 'attachment_missing', which names it.
    if (!bytes) return { ok: true, value: undefined };
    let resyncs = 0;
    while (received < bytes.length) {
      const piece = bytes.subarray(received, Math.min(received + BLOB_CHUNK_BYTES, bytes.length));
      const path = `${PATHS.blob(sha)}?offset=${received}&total=${bytes.length}`;
      const put = await exchange<BlobStatus>(
        enrolment,
        { method: 'PUT', path, body: piece, contentType: 'application/octet-stream' },
        blobStatusSchema,
      );
      if (put.ok) {
        if (put.value.complete) return { ok: true, value: undefined };
        if (put.value.received <= received) return { ok: false, error: { code: 'bad_answer', at: now(), status: 200 } };
        received = put.value.received;
      } else if (put.refusal?.code === 'blob_offset' && put.refusal.received !== undefined && resyncs++ < MAX_OFFSET_RESYNCS) {
        received = put.refusal.received;
      } else {
        return put;
      }
    }
    return { ok: true, value: undefined };
  }

  /**
   * Uploads what the batch's cases refer to. A refusal that concerns one attachment only (its bytes
   * do not match its hash, or it is too large) sets its case aside; anything else fails the run.
   */
  async function uploadAttachments(
    enrolment: Enrolment,
    entries: CaseEntry[],
    held: Set<string>,
    skip: Map<string, SyncError>,
  ): Promise<Outcome<void>> {
    for (const entry of entries) {
      for (const a of entry.attachments) {
        if (held.has(a.sha256)) continue;
        const done = await uploadBlob(enrolment, a.sha256, a.id);
        if (!done.ok && PER_ATTACHMENT_REFUSALS.has(done.error.code)) {
          skip.set(entry.caseId, { ...done.error, caseId: entry.caseId, detail: `attachment ${a.id}` });
          break;
        }
        if (!done.ok) return done;
        held.add(a.sha256);
      }
    }
    return { ok: true, value: undefined };
  }

  async function postBatch(enrolment: Enrolment, json: string[]): Promise<Answer<BatchAnswer>> {
    // A new id for every attempt: head office refuses a replayed one, and its (case, version) upsert makes a resend harmless.
    const batchId = uuidv7();
    const head = JSON.stringify({
      protocol: PROTOCOL_VERSION,
      batchId,
      branch: enrolment.branch,
      appVersion: deps.appVersion,
      waiting: await source.waiting(),
    });
    const text = `${head.slice(0, -1)},"cases":[${json.join(',')}]}`;
    const body = await gzip(encoder.encode(text));
    return exchange(
      enrolment,
      { method: 'POST', path: PATHS.batches, body, requestId: batchId, contentType: 'application/json', gzip: true },
      batchAnswerSchema,
    );
  }

  /**
   * After a run that did not fail: head office's calendars published since the last ones received.
   * Not getting them (an older head office without the route, a lost answer) fails nothing: the
   * next run asks again.
   */
  async function receiveCalendars(enrolment: Enrolment): Promise<void> {
    if (!source.calendarsSince || !source.receiveCalendars) return;
    const path = `${PATHS.calendars}?since=${await source.calendarsSince()}`;
    const answer = await exchange<CalendarsAnswer>(enrolment, { method: 'GET', path }, calendarsAnswerSchema);
    if (answer.ok) await source.receiveCalendars(answer.value);
  }

  /**
   * After the cases: each monthly report not yet delivered, one request each (a report is small,
   * and one head office cannot take does not hold the others back). Answers the failure that
   * stops the run, and the refusal of a report set aside (tried again next run), if any.
   */
  async function sendReports(enrolment: Enrolment): Promise<{ failure: SyncError | null; setAside: SyncError | null; sent: number }> {
    if (!source.pendingReports || !source.acknowledgeReport) return { failure: null, setAside: null, sent: 0 };
    let setAside: SyncError | null = null;
    let sent = 0;
    for (const report of await source.pendingReports()) {
      const requestId = uuidv7();
      const text = JSON.stringify({ protocol: PROTOCOL_VERSION, requestId, branch: enrolment.branch, report });
      const body = await gzip(encoder.encode(text));
      const answer = await exchange<ReportAnswer>(
        enrolment,
        { method: 'POST', path: PATHS.reports, body, requestId, contentType: 'application/json', gzip: true },
        reportAnswerSchema,
      );
      if (answer.ok && answer.value.reportId === report.reportId) {
        await source.acknowledgeReport(report.reportId, now());
        sent++;
      } else if (answer.ok) {
        setAside ??= { code: 'bad_answer', at: now(), status: 200, detail: `report ${report.month}` };
      } else if (ONE_CASE_REFUSALS.has(answer.error.code)) {
        setAside ??= { ...answer.error, detail: `report ${report.month} v${report.version}` };
      } else if (answer.error.code === 'not_found') {
        // A head office without the route (older than the reports): they wait; the cases went.
        setAside ??= { ...answer.error, detail: `report ${report.month} v${report.version}` };
        break;
      } else {
        return { failure: answer.error, setAside, sent };
      }
    }
    return { failure: null, setAside, sent };
  }

  async function run(): Promise<RunOutcome> {
    const enrolled = await deps.enrolment();
    if (!enrolled) return { result: 'not_enrolled' };
    const enrolment: Enrolment = enrolled;
    let state: SyncState = await source.loadState();
    const total = await source.waiting();
    let sent = 0;
    state = { ...state, lastAttemptAt: now(), sending: total > 0 ? { sent, total } : null };
    await source.saveState(state);

    // Cases set aside for this run (turned away, or unanswered): each is tried at most once a run.
    const skip = new Map<string, SyncError>();
    const held = new Set<string>();
    let failure: SyncError | null = null;
    // A success is head office taking a batch: a run with nothing to send proves nothing about it.
    let answered = false;
    const inFlight = new Set<string>();
    let flights: Promise<void>[] = [];
    // Cases of a batch refused for another case's sake go again once the batches on their way are answered.
    let resend = false;
    const alone = new Set<string>();

    /**
     * Head office found the batch malformed: the cases that fail the protocol's schema here are set
     * aside, so one bad case does not sink the others (they go again this run). Checked only then:
     * on the way out, a backlog of thousands would pay for a check that almost never finds anything.
     */
    function setAsideMalformed(entries: CaseEntry[]): boolean {
      let found = false;
      for (const entry of entries) {
        const checked = caseEntrySchema.safeParse(entry);
        if (checked.success) continue;
        const where = checked.error.issues[0]?.path.join('.') ?? '';
        skip.set(entry.caseId, rejectedLocally(entry.caseId, now(), `not sent: ${where}`));
        found = true;
      }
      return found;
    }

    async function deliver(sendable: { entry: CaseEntry; json: string }[]): Promise<void> {
      const answer = await postBatch(
        enrolment,
        sendable.map((s) => s.json),
      );
      if (!answer.ok && ONE_CASE_REFUSALS.has(answer.error.code) && sendable.length === 1) {
        // One case larger (or stranger) than head office takes: set it aside, the others still go.
        skip.set(sendable[0]!.entry.caseId, { ...answer.error, caseId: sendable[0]!.entry.caseId });
        return;
      }
      if (!answer.ok && answer.error.code === 'invalid_batch') {
        // Which case head office could not take is found here by the schema, or else by sending each alone.
        if (!setAsideMalformed(sendable.map((s) => s.entry))) for (const { entry } of sendable) alone.add(entry.caseId);
        resend = true;
        return;
      }
      if (!answer.ok) {
        failure ??= answer.error;
        return;
      }
      answered = true;
      const at = now();
      const settled = new Set<string>();
      for (const result of answer.value.results) {
        const entry = sendable.find((s) => s.entry.caseId === result.caseId && s.entry.version === result.version)?.entry;
        if (!entry || settled.has(entry.caseId)) continue;
        settled.add(entry.caseId);
        if (result.status === 'rejected') {
          skip.set(entry.caseId, { code: 'case_rejected', at, caseId: entry.caseId, reason: result.reason, detail: result.detail });
          continue;
        }
        await source.acknowledge(entry.caseId, entry.version, at);
        sent++;
      }
      for (const { entry } of sendable) {
        if (!settled.has(entry.caseId)) skip.set(entry.caseId, { code: 'bad_answer', at, status: 200, caseId: entry.caseId });
      }
      state = { ...state, sending: { sent, total: Math.max(total, sent) } };
      await source.saveState(state);
    }

    for (;;) {
      await sendWaiting();
      await Promise.all(flights);
      flights = [];
      if (failure || !resend) break;
      resend = false;
    }
    let reportProblem: SyncError | null = null;
    if (!failure) {
      const reports = await sendReports(enrolment);
      failure = reports.failure;
      reportProblem = reports.setAside;
      if (reports.sent > 0) answered = true;
    }
    if (!failure) await receiveCalendars(enrolment);

    async function sendWaiting(): Promise<void> {
      while (!failure) {
        const batch = await nextBatch(skip, inFlight, alone);
        if (!batch) return;
        const uploaded = await uploadAttachments(enrolment, batch.entries, held, skip);
        if (!uploaded.ok) {
          failure = uploaded.error;
          break;
        }
        const sendable = batch.entries.flatMap((entry, i) => (skip.has(entry.caseId) ? [] : [{ entry, json: batch.json[i]! }]));
        if (sendable.length === 0) continue;
        for (const { entry } of sendable) inFlight.add(entry.caseId);
        flights.push(
          deliver(sendable).finally(() => {
            for (const { entry } of sendable) inFlight.delete(entry.caseId);
          }),
        );
        if (flights.length >= IN_FLIGHT_BATCHES) await flights.shift();
      }
    }

    const at = now();
    const problem = failure ?? [...skip.values()][0] ?? reportProblem;
    const attempt = problem ? state.attempt + 1 : 0;
    state = {
      ...state,
      ...(answered && !failure ? { lastSuccessAt: at } : {}),
      attempt,
      lastError: problem,
      nextAttemptAt: problem ? at + backoffDelay(attempt, deps.random) : null,
      sending: null,
    };
    await source.saveState(state);
    return failure ? { result: 'failed', sent, error: failure } : { result: 'done', sent, rejected: skip.size };
  }

  function plan(delayMs: number): void {
    if (stopped) return;
    if (timer !== null) deps.clearTimer(timer);
    timer = deps.setTimer(
      () => {
        timer = null;
        void engine.syncOnce();
      },
      Math.max(0, delayMs),
    );
  }

  /** After a run: again at once if triggered meanwhile, else when the run's backoff says (a store failure: a backoff of its own). */
  async function afterRun(storeFailed: boolean): Promise<void> {
    const state = storeFailed ? null : await source.loadState();
    if (again) {
      again = false;
      plan(0);
    } else if (storeFailed) {
      plan(backoffDelay(++storeFailures, deps.random));
    } else if (state?.nextAttemptAt != null) {
      plan(state.nextAttemptAt - now());
    }
  }

  async function runAndPlan(): Promise<RunOutcome> {
    let outcome: RunOutcome;
    let storeFailed = false;
    try {
      outcome = await run();
      storeFailures = 0;
    } catch (thrown) {
      // The store itself failed (closed, restarting): try again later, as after a network failure.
      console.error('sync: run failed', thrown);
      storeFailed = true;
      outcome = { result: 'failed', sent: 0, error: { code: 'network', at: now() } };
    }
    try {
      await afterRun(storeFailed);
    } catch (thrown) {
      console.error('sync: could not plan the next run', thrown);
    }
    current = null;
    return outcome;
  }

  const engine: SyncEngine = {
    syncOnce() {
      current ??= runAndPlan();
      return current;
    },
    async start() {
      stopped = false;
      const state = await source.loadState();
      // A run cut short by a crash left its progress behind.
      if (state.sending) await source.saveState({ ...state, sending: null });
      plan(state.nextAttemptAt === null ? 0 : state.nextAttemptAt - now());
    },
    trigger() {
      if (current) again = true;
      else plan(0);
    },
    stop() {
      stopped = true;
      again = false;
      if (timer !== null) deps.clearTimer(timer);
      timer = null;
    },
  };
  return engine;
}
