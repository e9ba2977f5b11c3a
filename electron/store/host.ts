import Dexie, { liveQuery } from 'dexie';
import type { z } from 'zod';
import {
  envelopeSchema,
  LIVE_METHODS,
  MAIN_ONLY_METHODS,
  methods,
  SYSTEM_METHODS,
  type ApiError,
  type Caller,
  type CallerAwareStoreApi,
  type Envelope,
  type LiveMethod,
  type Method,
  type Params,
  type Result,
  type Results,
} from '../../shared/api/contract';
import type { Actor } from '../../shared/domain/case';
import { DEFAULT_LOCALE, LOCALES, translate, type Locale } from '../../shared/i18n/translate';
import { reserveNumber } from './caseNumbers';
import { accountabilityRules, myRecords, proposeFor, saveAccountabilityRules, scoreSheetFile, scoreSheetOf } from './accountability';
import { addAttachment, readAttachment, registerCase, runCommand } from './cases';
import { caseWritten, loadContext, META_BRANCH, requireSupervisor, StoreError, type ReadModelOptions, type StoreContext } from './context';
import { changesOfLoad, flushSnapshot, writeSnapshotSoon, type OpenedModel } from './snapshot';
import { auditReadModel } from './snapshotAudit';
import type { ReadModel } from './readModel';
import { openDb, type CountersignDb } from './db';
import { deadlineSettings, organization, saveDeadlineSettings, saveOrganization } from './branchSettings';
import { heldHqCalendars, loadCalendarFile, receiveHqCalendars } from './calendars';
import { refreshPolicy } from './policy';
import { discardDraft, listDrafts, saveDraft } from './drafts';
import { openNotifications } from './escalations';
import { DEFAULT_BLOCK_SIZE, sealAll, sealFullBlocksSoon, verifyLedger } from './ledger';
import { listPrints, readPrint, recordPrint } from './prints';
import { caseDetail, countCases, queryCases, searchCases } from './queries';
import { monthStats } from './stats';
import { dashboard } from './dashboard';
import { acknowledgeReport, attachReportPdf, createMonthlyReport, listReports, pendingReports, readReport } from './monthReport';
import { zodIssues } from './validation';
import { PUBLIC_METHODS } from '../../shared/api/auth';
import { actorOf, type AuthOptions } from './auth/sessions';
import {
  authSettings,
  authStatus,
  changeSecret,
  credentialStates,
  saveAuthSettings,
  setSecret,
  setUpAdministrator,
  signIn,
  signOut,
  whoami,
} from './auth/credentials';
import { accessLog, grantAccess, guardArchived, guardCaseOf, myAccess, openRequests, refuseAccess, requestAccess } from './archive';
import { detailFor, recordFor, refuseMaskedCorrection, summariesFor } from './disclosure';
import { createSyncEngine, type SyncEngine } from '../../shared/sync/engine';
import { fetchTransport, type FetchLike, type Timers } from '../../shared/sync/transport';
import { configure, enrol, syncNow } from './sync/handlers';
import { buildExport, exportProgress, type ExportOptions } from './export';
import {
  acknowledge,
  attachmentBytes,
  caseEntries,
  dexieSyncSource,
  loadSyncState,
  pendingCases,
  saveSyncState,
  storedEnrolment,
  syncStatus,
} from './sync/source';

/**
 * A method's work, with the person asking as the host derived it from the request's session token
 * (`token` is that token: sign-out and "who am I" need it).
 */
type Handler<M extends Method> = (
  ctx: StoreContext,
  params: z.output<(typeof methods)[M]>,
  actor: Actor,
  token: string,
) => Promise<Results[M]>;

/**
 * Who asks when nobody is signed in: main's own connection for the sync engine's reads and writes
 * (SYSTEM_METHODS), or anyone before signing in (PUBLIC_METHODS). Those handlers never read the
 * actor; it is a placeholder, never a person, and no other method is ever run with it.
 */
const NOBODY: Actor = { staffId: 'nobody', role: 'clerk' };

/** Live methods answered from the read model rather than from IndexedDB. */
const MODEL_METHODS = ['cases.query', 'cases.counts'] as const;

const handlers: { [M in Method]: Handler<M> } = {
  'auth.status': (ctx) => authStatus(ctx),
  'auth.setup': (ctx, params) => setUpAdministrator(ctx, params),
  'auth.signIn': (ctx, params) => signIn(ctx, params),
  'auth.whoami': async (ctx, _params, actor, token) => whoami(ctx, actor, token),
  'auth.signOut': async (ctx, _params, _actor, token) => {
    await signOut(ctx, token);
    return null;
  },
  'auth.setSecret': (ctx, params, actor) => setSecret(ctx, actor, params),
  'auth.changeSecret': (ctx, params, actor) => changeSecret(ctx, actor, params),
  'auth.credentials': (ctx, _params, actor) => credentialStates(ctx, actor),
  'auth.settings': (ctx) => authSettings(ctx),
  'auth.saveSettings': (ctx, params, actor) => saveAuthSettings(ctx, actor, params),
  'branch.get': async (ctx) => ctx.branch,
  'branch.configure': async (ctx, { branch }, actor) => {
    requireSupervisor(actor, 'errors.settings.supervisorOnly');
    await ctx.db.meta.put({ key: META_BRANCH, value: branch });
    ctx.branch = branch;
    await refreshPolicy(ctx);
    return branch;
  },
  'cases.reserveNumber': (ctx, { receivedAt }) => reserveNumber(ctx, receivedAt ?? ctx.now()),
  'cases.register': async (ctx, params, actor) => recordFor(await registerCase(ctx, params, actor), actor),
  'cases.command': async (ctx, params, actor) => {
    refuseMaskedCorrection(params.command.name, params.command.payload);
    return recordFor(await runCommand(ctx, params, actor), actor);
  },
  'cases.get': async (ctx, { caseId }, actor) => {
    const detail = await caseDetail(ctx, caseId, actor);
    await guardArchived(ctx, detail.case, actor, 'detail', detail.events);
    return detailFor(detail, actor);
  },
  'cases.addAttachment': async (ctx, params, actor) => recordFor(await addAttachment(ctx, params, actor), actor),
  'attachments.get': async (ctx, { attachmentId }, actor) => {
    const attachment = await readAttachment(ctx, attachmentId);
    await guardCaseOf(ctx, attachment.caseId, actor, 'attachment');
    return { name: attachment.name, type: attachment.type, bytes: attachment.bytes };
  },
  'cases.query': async (ctx, params, actor) => {
    const page = await queryCases(ctx, params, actor);
    return { ...page, items: summariesFor(page.items, actor) };
  },
  'cases.search': async (ctx, { text, limit }, actor) => summariesFor(await searchCases(ctx, text, limit), actor),
  'cases.counts': (ctx) => countCases(ctx),
  'notifications.list': (ctx) => openNotifications(ctx),
  'stats.month': (ctx, { month }) => monthStats(ctx, month),
  'drafts.save': (ctx, { draftId, data }, actor) => saveDraft(ctx, draftId, data, actor),
  'drafts.list': (ctx, _params, actor) => listDrafts(ctx, actor),
  'drafts.discard': (ctx, { draftId }, actor) => discardDraft(ctx, draftId, actor),
  'ledger.verify': (ctx, { caseId }) => verifyLedger(ctx, caseId),
  'ledger.seal': (ctx) => sealAll(ctx),
  'org.get': (ctx) => organization(ctx),
  'org.save': (ctx, { organization: org }, actor) => {
    requireSupervisor(actor, 'errors.settings.supervisorOnly');
    return saveOrganization(ctx, org, actor);
  },
  'prints.record': (ctx, params, actor) => recordPrint(ctx, params, actor),
  'prints.list': async (ctx, { caseId }, actor) => {
    // Read first: a live query observes only what it reads before its first non-Dexie await.
    const prints = await listPrints(ctx, caseId);
    await guardCaseOf(ctx, caseId, actor, null);
    return prints;
  },
  'prints.get': async (ctx, { printId }, actor) => {
    const print = await readPrint(ctx, printId);
    await guardCaseOf(ctx, print.caseId, actor, 'print');
    return print;
  },
  'sync.status': (ctx) => syncStatus(ctx),
  'sync.now': (ctx, _params, actor) => syncNow(ctx, actor),
  'sync.enrol': (ctx, params, actor) => enrol(ctx, params, actor),
  'sync.configure': (ctx, params, actor) => configure(ctx, params, actor),
  'sync.pending': (ctx, { limit }) => pendingCases(ctx, limit),
  'sync.entries': (ctx, { caseIds }) => caseEntries(ctx, caseIds),
  'sync.attachment': (ctx, { attachmentId }) => attachmentBytes(ctx, attachmentId),
  'sync.acknowledge': async (ctx, { caseId, version, at }) => {
    await acknowledge(ctx, caseId, version, at);
    return null;
  },
  'sync.state': (ctx) => loadSyncState(ctx),
  'sync.saveState': async (ctx, { state }) => {
    await saveSyncState(ctx, state);
    return null;
  },
  'sync.calendarsSince': async (ctx) => (await heldHqCalendars(ctx)).since,
  'sync.receiveCalendars': async (ctx, { answer }) => {
    await receiveHqCalendars(ctx, answer);
    return null;
  },
  'export.build': (ctx, params, actor) => buildExport(ctx, params, actor, ctx.exporter),
  'export.progress': (ctx) => exportProgress(ctx),
  // Statistics dashboard (R8.1/R8.2; docs/statistics.md).
  'stats.dashboard': (ctx, period, actor) => dashboard(ctx, period, actor),
  'deadlines.get': (ctx) => deadlineSettings(ctx),
  'deadlines.save': (ctx, patch, actor) => {
    requireSupervisor(actor, 'errors.settings.supervisorOnly');
    return saveDeadlineSettings(ctx, patch);
  },
  'calendars.load': async (ctx, { text }, actor) => {
    requireSupervisor(actor, 'errors.settings.supervisorOnly');
    await loadCalendarFile(ctx, text);
    return deadlineSettings(ctx);
  },
  // The restricted archive (electron/store/archive.ts, docs/privacy.md).
  'archive.requestAccess': (ctx, params, actor) => requestAccess(ctx, params, actor),
  'archive.requests': (ctx, _params, actor) => openRequests(ctx, actor),
  'archive.grant': (ctx, params, actor) => grantAccess(ctx, params, actor),
  'archive.refuse': (ctx, { requestId }, actor) => refuseAccess(ctx, requestId, actor),
  'archive.myGrants': (ctx, _params, actor) => myAccess(ctx, actor),
  'archive.accessLog': (ctx, params, actor) => accessLog(ctx, params, actor),
  // --- Accountability (R8.3, electron/store/accountability.ts)
  'accountability.rules': (ctx) => accountabilityRules(ctx),
  'accountability.saveRules': (ctx, { rules }, actor) => saveAccountabilityRules(ctx, rules, actor),
  'accountability.propose': (ctx, { caseId }) => proposeFor(ctx, caseId),
  'accountability.mine': (ctx, _params, actor) => myRecords(ctx, actor),
  'accountability.scoreSheet': (ctx, params, actor) => scoreSheetOf(ctx, params, actor),
  'accountability.scoreSheetXlsx': (ctx, params, actor) => scoreSheetFile(ctx, params, actor),
  // --- end of accountability
  // Monthly report for the operations department (R7.4): electron/store/monthReport.ts.
  'reports.monthly.create': (ctx, params, actor) => createMonthlyReport(ctx, params, actor),
  // A month's report names cases and staff: the operations department's, read by supervisors.
  'reports.list': (ctx, _params, actor) => {
    requireSupervisor(actor, 'errors.report.readSupervisorOnly');
    return listReports(ctx);
  },
  'reports.get': (ctx, { reportId }, actor) => {
    requireSupervisor(actor, 'errors.report.readSupervisorOnly');
    return readReport(ctx, reportId);
  },
  'sync.reports.pending': (ctx) => pendingReports(ctx),
  'sync.reports.acknowledge': async (ctx, { reportId, at }) => {
    await acknowledgeReport(ctx, reportId, at);
    return null;
  },
  'reports.attachPdf': (ctx, { reportId, pdf }) => attachReportPdf(ctx, reportId, pdf),
};

function apiError(
  locale: Locale,
  code: ApiError['code'],
  key: string,
  params?: Record<string, string | number>,
  issues?: { path: string; key: string; params?: Record<string, string | number> }[],
): ApiError {
  const error: ApiError = { code, key, message: translate(locale, key, params) };
  if (issues?.length) error.issues = issues.map((i) => ({ path: i.path, key: i.key, message: translate(locale, i.key, i.params) }));
  return error;
}

function toApiError(locale: Locale, thrown: unknown): ApiError {
  if (thrown instanceof StoreError) {
    const { code, message, params, issues } = thrown.error;
    return apiError(locale, code, message, params, issues);
  }
  if (thrown instanceof Dexie.ConstraintError) return apiError(locale, 'conflict', 'errors.caseNo.taken');
  console.error('store host: unexpected failure', thrown);
  return apiError(locale, 'internal', 'errors.internal');
}

export interface StoreHost extends CallerAwareStoreApi {
  readonly db: CountersignDb;
  /**
   * Settles when the read model is loaded (the host answers before: only what the model answers
   * waits for it): from the snapshot (and how many cases changed since) or rebuilt.
   */
  readonly start: Promise<{ source: OpenedModel['source']; replayed: number }>;
  /** Settles when a model started from the snapshot has been checked against every case row (how many it corrected). */
  readonly audited: Promise<number>;
  /** Writes the read-model snapshot now, after any write in flight (maintenance, benchmarks, tests). */
  writeSnapshot(): Promise<void>;
  /** Stops sync, lets sealing finish, stores a snapshot if writes are not in the last one, closes the database. */
  close(): Promise<void>;
}

type Prepared = { ok: true; run: (ctx: StoreContext) => Promise<unknown>; locale: Locale } | { ok: false; error: ApiError };

export interface StoreHostOptions {
  dbName: string;
  now?: () => number;
  ledgerBlockSize?: number;
  /**
   * The browser edition has no main process: its screens print through the browser's own dialog
   * and may log that ('browser' mode, without a PDF copy). A desktop host leaves this off, so only
   * main's connection writes the print log.
   */
  uiMayLogBrowserPrints?: boolean;
  /**
   * Run the head-office sync engine in this host (browser edition: the worker passes `fetch`; it
   * keeps the enrolment's secret, there being no other process to keep it). Left off on the
   * desktop, where main runs the engine and keeps the secret with safeStorage.
   */
  sync?: HostSyncOptions;
  /**
   * The export file for head office: the app's version, and who signs it. The browser edition's
   * host signs with the secret it holds (leave `sign` off); the desktop's main holds the secret
   * and passes the signing here (through the store window's bridge).
   */
  export?: ExportOptions;
  /** The read-model snapshot (electron/store/snapshot.ts): how often it is written, and whether it is read at all. */
  readModel?: ReadModelOptions;
  /** Sign-in's hashing cost, randomness and session lifetime; the editions keep the defaults (tests lower the cost). */
  auth?: AuthOptions;
}

export interface HostSyncOptions extends Partial<Timers> {
  fetch: FetchLike;
  appVersion: string;
  random?: () => number;
}

function startSync(ctx: StoreContext, options: HostSyncOptions): SyncEngine {
  const timers: Timers = {
    setTimer: options.setTimer ?? ((run, ms) => setTimeout(run, ms)),
    clearTimer: options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)),
  };
  const engine = createSyncEngine({
    source: dexieSyncSource(ctx),
    transport: fetchTransport(options.fetch, timers),
    enrolment: async () => {
      const stored = await storedEnrolment(ctx);
      return stored?.secret ? { hqUrl: stored.hqUrl, branch: stored.branch, secret: stored.secret } : null;
    },
    now: ctx.now,
    random: options.random ?? Math.random,
    appVersion: options.appVersion,
    ...timers,
  });
  ctx.sync = engine;
  ctx.outboxListeners.add(() => engine.trigger());
  void engine.start().catch((thrown: unknown) => console.error('sync: could not start', thrown));
  return engine;
}

/** Whether a UI connection may make this main-only request: only the browser edition's log of its own dialog prints. */
function uiMayCall(method: Method, params: unknown, options: StoreHostOptions): boolean {
  if (method !== 'prints.record' || !options.uiMayLogBrowserPrints) return false;
  if (typeof params !== 'object' || params === null) return false;
  const p = params as { mode?: unknown; pdf?: unknown };
  return p.mode === 'browser' && p.pdf === undefined;
}

/**
 * Who asks, decided here and never taken from the request: the person whose session the token
 * names (their role from the branch's organization), main's own connection for the sync engine's
 * work, or nobody for the few methods that come before signing in.
 */
function authenticate(ctx: StoreContext, method: Method, token: string | undefined, caller: Caller): Actor | PromiseLike<Actor> {
  if ((PUBLIC_METHODS as readonly string[]).includes(method)) return NOBODY;
  if (!token && caller === 'main' && (SYSTEM_METHODS as readonly string[]).includes(method)) return NOBODY;
  return actorOf(ctx, token);
}

/**
 * Validates the envelope, the caller and the parameters; a request that fails here never reaches
 * the database. The person asking is derived when the request runs (`run`), so a live query
 * re-run after its session ended is refused too.
 */
function prepare(method: string, params: unknown, envelope: unknown, caller: Caller, options: StoreHostOptions): Prepared {
  const env = envelopeSchema.safeParse(envelope);
  const locale: Locale = env.success ? env.data.locale : localeOf(envelope);
  if (!env.success)
    return { ok: false, error: apiError(locale, 'invalid_input', 'errors.request.invalid', undefined, zodIssues(env.error)) };
  if (!Object.hasOwn(methods, method))
    return { ok: false, error: apiError(locale, 'invalid_input', 'errors.request.unknownMethod', { method: String(method).slice(0, 60) }) };
  const m = method as Method;
  // Before the parameters are read: a UI connection learns nothing about a method it may not call.
  if (caller !== 'main' && (MAIN_ONLY_METHODS as readonly string[]).includes(m) && !uiMayCall(m, params, options))
    return { ok: false, error: apiError(locale, 'forbidden', 'errors.request.mainOnly', { method: m }) };
  const parsed = methods[m].safeParse(params ?? {});
  if (!parsed.success) {
    const issues = zodIssues(parsed.error);
    return { ok: false, error: apiError(locale, 'invalid_input', issues[0]?.key ?? 'errors.request.invalid', issues[0]?.params, issues) };
  }
  const handler = handlers[m] as Handler<Method>;
  const token = env.data.token;
  return {
    ok: true,
    locale,
    run: (ctx) => {
      try {
        const actor = authenticate(ctx, m, token, caller);
        const work = (a: Actor) => handler(ctx, parsed.data as never, a, token ?? '');
        // Dexie's promise is not a native Promise: tell an actor from a pending lookup by `then`.
        return 'then' in actor ? (actor.then(work) as Promise<unknown>) : work(actor);
      } catch (refused) {
        return Promise.reject(refused);
      }
    },
  };
}

/** The language of a request whose envelope was refused, when it names one we have. */
function localeOf(envelope: unknown): Locale {
  const locale = typeof envelope === 'object' && envelope !== null ? (envelope as { locale?: unknown }).locale : undefined;
  return (LOCALES as readonly unknown[]).includes(locale) ? (locale as Locale) : DEFAULT_LOCALE;
}

/** The background audit of a model started from the snapshot (snapshotAudit.ts); how many cases it corrected. */
function audit(ctx: StoreContext, model: ReadModel): Promise<number> {
  return auditReadModel({ db: ctx.db, model, snapshot: ctx.snapshot, requests: ctx.requests }).then(
    (corrected) => {
      if (corrected > 0) {
        console.warn(`store: ${corrected} cases differed from the read-model snapshot; corrected from their rows`);
        caseWritten(ctx);
      }
      return corrected;
    },
    (e: unknown) => {
      // Closing the host stops the audit; anything else is worth a line in the log.
      if (ctx.db.isOpen()) console.error('store: could not audit the read model', e);
      return 0;
    },
  );
}

/**
 * The store host: the only code that opens the database. It trusts no caller: every request is
 * validated here, and every workflow rule is enforced here, whichever window or worker calls.
 */
export async function createStoreHost(options: StoreHostOptions): Promise<StoreHost> {
  const db = openDb(options.dbName);
  await db.open();
  const ctx = await loadContext(
    db,
    options.now ?? Date.now,
    options.ledgerBlockSize ?? DEFAULT_BLOCK_SIZE,
    options.readModel,
    options.auth,
  );
  ctx.exporter = options.export ?? null;
  sealFullBlocksSoon(ctx); // a backlog left by a crash or a migration
  const loaded = ctx.readModel.opened.then((opened) => {
    ctx.snapshot.changes += changesOfLoad(opened);
    // A rebuild of many cases, or many changed since the snapshot: store a fresh one in the background.
    if (ctx.snapshot.changes >= ctx.snapshot.every) void writeSnapshotSoon(ctx);
    return opened;
  });
  // Every request that needs the model is answered with the failure (an internal error).
  loaded.catch((e: unknown) => {
    if (db.isOpen()) console.error('store: could not load the read model', e);
  });
  const start = loaded.then(({ source, replayed }) => ({ source, replayed }));
  start.catch(() => {});
  // Verification waits for this (electron/store/ledger.ts); nothing to audit after a rebuild or a failed load.
  ctx.snapshot.audited = loaded.then(
    (opened) => (opened.source === 'snapshot' ? audit(ctx, opened.model) : 0),
    () => 0,
  );
  const engine = options.sync ? startSync(ctx, options.sync) : null;

  async function call<M extends Method>(
    method: M,
    params: Params<M>,
    envelope: Envelope,
    caller: Caller = 'ui',
  ): Promise<Result<Results[M]>> {
    const prepared = prepare(method, params, envelope, caller, options);
    if (!prepared.ok) return prepared;
    try {
      return { ok: true, value: (await ctx.requests.serve(() => prepared.run(ctx))) as Results[M] };
    } catch (thrown) {
      return { ok: false, error: toApiError(prepared.locale, thrown) };
    }
  }

  function subscribe<M extends LiveMethod>(
    method: M,
    params: Params<M>,
    envelope: Envelope,
    onResult: (r: Result<Results[M]>) => void,
    caller: Caller = 'ui',
  ): () => void {
    const prepared = (LIVE_METHODS as readonly string[]).includes(method)
      ? prepare(method, params, envelope, caller, options)
      : prepare('?', params, envelope, caller, options);
    if (!prepared.ok) {
      onResult(prepared);
      return () => {};
    }
    const deliver = (value: unknown) => onResult({ ok: true, value: value as Results[M] });
    const refuse = (thrown: unknown) => onResult({ ok: false, error: toApiError(prepared.locale, thrown) });
    if ((MODEL_METHODS as readonly string[]).includes(method)) {
      // Served from the in-memory read model, which Dexie cannot observe: re-run after each case write.
      let active = true;
      const rerun = () => active && void ctx.requests.serve(() => prepared.run(ctx)).then(deliver, refuse);
      ctx.caseWriteListeners.add(rerun);
      rerun();
      return () => {
        active = false;
        ctx.caseWriteListeners.delete(rerun);
      };
    }
    const subscription = liveQuery(() => prepared.run(ctx)).subscribe({ next: deliver, error: refuse });
    return () => subscription.unsubscribe();
  }

  return {
    db,
    start,
    audited: ctx.snapshot.audited,
    call,
    subscribe,
    writeSnapshot: () => writeSnapshotSoon(ctx),
    close: () => {
      engine?.stop();
      // Let a sealing in progress finish its transaction; closing aborts nothing already committed.
      return ctx.ledger.sealing
        .then(() => flushSnapshot(ctx))
        .catch((e: unknown) => console.error('store: could not store the read-model snapshot at close', e))
        .finally(() => db.close());
    },
  };
}
