/**
 * Head-office sync, desktop edition: main runs the engine (shared/sync/engine.ts) over its own store
 * connection and Node's fetch, and keeps the branch's secret with Electron's safeStorage, so it is
 * never in IndexedDB, the store window or a screen. The store host keeps head office's address and
 * the branch (for the status) and serves the engine's reads and writes through main-only methods.
 *
 * A run starts when the waiting count rises (every archive), when a supervisor asks ('sync.now'
 * moves the next attempt to now), when the PC comes back online, and when head office answers its
 * health probe again after a network failure; otherwise the engine's backoff decides.
 */
import type { SafeStorage } from 'electron';
import { z } from 'zod';
import type { Envelope, Method, Params, Result, Results, StoreApi, SyncStatus } from '../../shared/api/contract';
import { sessionToken } from '../../shared/api/auth';
import { LOCALES, translate, type Locale } from '../../shared/i18n/translate';
import { createSyncEngine, type SyncEngine, type SyncSource } from '../../shared/sync/engine';
import { parseEnrolmentCode, type Enrolment } from '../../shared/sync/enrolment';
import { PATHS } from '../../shared/sync/protocol';
import { signedRequest } from '../../shared/sync/request';
import { fetchTransport, type FetchLike, type Timers } from '../../shared/sync/transport';

/** Who main's own sync calls come from: no role is needed for them (they are main-only). */
/** The engine's own requests: main's connection, no person (the host allows only SYSTEM_METHODS so). */
const SYNC_ENVELOPE: Envelope = {};
/** How often main looks at whether the PC is online and, after a network failure, probes head office. */
export const ONLINE_POLL_MS = 30_000;
/** How long after a lost store connection main subscribes to the status again. */
const RESUBSCRIBE_MS = 5_000;

/** Where main keeps the secret: encrypted by the OS keychain, never in clear on disk. */
export interface SecretKeeper {
  available(): boolean;
  save(secret: string): void;
  load(): string | null;
}

/** A SecretKeeper over safeStorage and a key-value file (electron-store): the file holds ciphertext only. */
export function safeStorageKeeper(
  safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>,
  file: { get(key: 'secret'): unknown; set(key: 'secret', value: string): void },
  platform: string = process.platform,
): SecretKeeper {
  return {
    // On Linux without a keyring, safeStorage falls back to a hard-coded key ('basic_text'): not safe.
    available: () =>
      safeStorage.isEncryptionAvailable() && !(platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text'),
    save: (secret) => file.set('secret', safeStorage.encryptString(secret).toString('base64')),
    load: () => {
      const stored = file.get('secret');
      if (typeof stored !== 'string' || !safeStorage.isEncryptionAvailable()) return null;
      try {
        return safeStorage.decryptString(Buffer.from(stored, 'base64'));
      } catch (thrown) {
        console.error('sync: the stored secret cannot be decrypted (another user or machine?)', thrown);
        return null;
      }
    },
  };
}

export interface MainSyncDeps extends Timers {
  /** Main's own store connection. */
  store: StoreApi;
  fetch: FetchLike;
  secrets: SecretKeeper;
  isOnline: () => boolean;
  now: () => number;
  random: () => number;
  appVersion: string;
}

export interface MainSync {
  start(): void;
  stop(): void;
  /** The UI's enrolment request (untrusted): answers the status, or the translated reason it was refused. */
  enrol(request: unknown): Promise<Result<SyncStatus>>;
  readonly engine: SyncEngine;
}

const enrolRequestSchema = z.object({ code: z.string().max(1000), token: sessionToken, locale: z.enum(LOCALES).optional() });

function refusal(locale: Locale, code: 'invalid_input' | 'internal', key: string): Result<never> {
  return { ok: false, error: { code, key, message: translate(locale, key) } };
}

export function createMainSync(deps: MainSyncDeps): MainSync {
  async function call<M extends Method>(method: M, params: Params<M>): Promise<Results[M]> {
    const r = await deps.store.call(method, params, SYNC_ENVELOPE);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value;
  }

  const source: SyncSource = {
    pending: (limit) => call('sync.pending', { limit }),
    entries: (caseIds) => call('sync.entries', { caseIds }),
    attachment: (attachmentId) => call('sync.attachment', { attachmentId }),
    acknowledge: async (caseId, version, at) => void (await call('sync.acknowledge', { caseId, version, at })),
    loadState: () => call('sync.state', {}),
    saveState: async (state) => void (await call('sync.saveState', { state })),
    waiting: async () => (await call('sync.status', {})).waiting,
    calendarsSince: () => call('sync.calendarsSince', {}),
    receiveCalendars: async (answer) => void (await call('sync.receiveCalendars', { answer })),
    pendingReports: () => call('sync.reports.pending', {}),
    acknowledgeReport: async (reportId, at) => void (await call('sync.reports.acknowledge', { reportId, at })),
  };

  async function enrolment(): Promise<Enrolment | null> {
    const status = await call('sync.status', {});
    const secret = deps.secrets.load();
    return status.enrolled && status.hqUrl && status.branch && secret ? { hqUrl: status.hqUrl, branch: status.branch, secret } : null;
  }

  const transport = fetchTransport(deps.fetch, deps);
  const engine = createSyncEngine({ ...deps, source, transport, enrolment });

  let running = false;
  let unsubscribe: (() => void) | null = null;
  let pollTimer: unknown = null;
  let retryTimer: unknown = null;
  let last: SyncStatus | null = null;
  let wasOnline = true;

  /** A run when more cases wait than before, or when the next attempt was moved to now ('sync.now'). */
  function watch(result: Result<SyncStatus>): void {
    if (!result.ok) {
      // The store window is gone (crash, restart): subscribe again once it is back.
      unsubscribe?.();
      unsubscribe = null;
      last = null;
      if (running && retryTimer === null)
        retryTimer = deps.setTimer(() => {
          retryTimer = null;
          subscribe();
        }, RESUBSCRIBE_MS);
      return;
    }
    const status = result.value;
    const moreWaiting = last !== null && (status.waiting > last.waiting || (status.reportsWaiting ?? 0) > (last.reportsWaiting ?? 0));
    const dueNow = status.nextAttemptAt !== null && status.nextAttemptAt !== last?.nextAttemptAt && status.nextAttemptAt <= deps.now();
    last = status;
    if (moreWaiting || dueNow) engine.trigger();
  }

  function subscribe(): void {
    if (!running || unsubscribe) return;
    unsubscribe = deps.store.subscribe('sync.status', {}, SYNC_ENVELOPE, watch);
  }

  /** After a network failure, a cheap signed GET of /v1/health: when head office answers, run without waiting out the backoff. */
  async function probe(): Promise<void> {
    const status = await call('sync.status', {});
    const error = status.lastError;
    if (!error || !['network', 'timeout', 'server_error'].includes(error.code) || status.waiting === 0) return;
    const target = await enrolment();
    if (!target) return;
    try {
      const answer = await transport(signedRequest(target, { method: 'GET', path: PATHS.health, now: deps.now() }));
      if (answer.status === 200) engine.trigger();
    } catch {
      // Still unreachable: the backoff stands.
    }
  }

  function poll(): void {
    pollTimer = deps.setTimer(() => {
      const online = deps.isOnline();
      if (online && !wasOnline) engine.trigger();
      wasOnline = online;
      void (online ? probe() : Promise.resolve())
        .catch((thrown: unknown) => console.error('sync: health probe failed', thrown))
        .finally(() => running && poll());
    }, ONLINE_POLL_MS);
  }

  async function startEngine(): Promise<void> {
    try {
      await engine.start();
    } catch (thrown) {
      console.error('sync: could not start; trying again', thrown);
      if (running) retryTimer ??= deps.setTimer(() => ((retryTimer = null), void startEngine()), RESUBSCRIBE_MS);
    }
  }

  return {
    engine,
    start() {
      if (running) return;
      running = true;
      wasOnline = deps.isOnline();
      void startEngine();
      subscribe();
      poll();
    },
    stop() {
      running = false;
      engine.stop();
      unsubscribe?.();
      unsubscribe = null;
      for (const t of [pollTimer, retryTimer]) if (t !== null) deps.clearTimer(t);
      pollTimer = retryTimer = null;
    },
    async enrol(request) {
      const parsed = enrolRequestSchema.safeParse(request);
      if (!parsed.success) return refusal('zh-CN', 'invalid_input', 'errors.request.invalid');
      const { code, token, locale = 'zh-CN' } = parsed.data;
      const enrolmentCode = parseEnrolmentCode(code);
      if (!enrolmentCode.ok) return refusal(locale, 'invalid_input', enrolmentCode.problem);
      if (!deps.secrets.available()) return refusal(locale, 'internal', 'errors.enrolment.keychain');
      const { hqUrl, branch, secret } = enrolmentCode.enrolment;
      // Under the UI's session token, so the store host decides who asks and checks their role.
      const configured = await deps.store.call('sync.configure', { hqUrl, branch }, { token, locale });
      if (!configured.ok) return configured;
      try {
        deps.secrets.save(secret);
      } catch (thrown) {
        console.error('sync: could not keep the secret', thrown);
        return refusal(locale, 'internal', 'errors.enrolment.keychain');
      }
      engine.trigger();
      return configured;
    },
  };
}
