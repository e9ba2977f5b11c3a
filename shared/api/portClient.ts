/**
 * The UI side of the store API over a MessagePort-like channel (docs/architecture.md, "Processes"): a Web
 * Worker in the browser edition, a MessagePort handed out by main in the desktop edition.
 *
 * Wire format (plain, structured-clone-safe objects; never functions):
 *   UI → host   { kind: 'call',        id, method, params, envelope }
 *               { kind: 'subscribe',   id, method, params, envelope }
 *               { kind: 'unsubscribe', id }
 *   host → UI   { kind: 'result', id, result }   the answer to a call (exactly one)
 *               { kind: 'push',   id, result }   a subscription's result (any number)
 * `id` is a positive integer chosen by the client, unique per client; a subscription is
 * identified by the id of its 'subscribe' message. `result` is a contract `Result`.
 */
import { translate, isLocale, DEFAULT_LOCALE, type Locale } from '../i18n/translate';
import type { ApiError, Envelope, LiveMethod, Method, Params, Result, Results, StoreApi } from './contract';

/** What both a DOM MessagePort, a Node MessagePort and a worker's global scope offer. */
export interface PortLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  removeEventListener?(type: 'message', listener: (event: { data: unknown }) => void): void;
  start?(): void;
}

export type PortRequest =
  | { kind: 'call'; id: number; method: string; params: unknown; envelope: unknown }
  | { kind: 'subscribe'; id: number; method: string; params: unknown; envelope: unknown }
  | { kind: 'unsubscribe'; id: number };

export type PortResponse = { kind: 'result'; id: number; result: Result<unknown> } | { kind: 'push'; id: number; result: Result<unknown> };

export interface PortClient extends StoreApi {
  /**
   * The host is gone (worker error, store window crashed, port closed): every pending call and
   * every live subscription gets an internal error result, and later calls answer one at once.
   */
  hostDied(reason: string): void;
  /** Whether hostDied was called. */
  readonly dead: boolean;
}

function localeOf(envelope: unknown): Locale {
  const locale = typeof envelope === 'object' && envelope !== null ? (envelope as { locale?: unknown }).locale : undefined;
  return isLocale(locale) ? locale : DEFAULT_LOCALE;
}

/**
 * An internal error result in the caller's locale, with a short reason for the log. `errors.internal`
 * promises nothing changed; a call the host received before it died may or may not have been
 * saved, and gets `errors.hostLost`, which says so.
 */
export function internalError(
  envelope: unknown,
  reason?: string,
  key: 'errors.internal' | 'errors.hostLost' = 'errors.internal',
): { ok: false; error: ApiError } {
  const text = translate(localeOf(envelope), key);
  const detail = reason ? String(reason).slice(0, 200) : '';
  return { ok: false, error: { code: 'internal', key, message: detail ? `${text} (${detail})` : text } };
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as { ok?: unknown; error?: unknown };
  return r.ok === true || (r.ok === false && typeof r.error === 'object' && r.error !== null);
}

export function createPortClient(port: PortLike): PortClient {
  let nextId = 1;
  let diedReason: string | null = null;
  const pending = new Map<number, { envelope: unknown; resolve: (r: Result<unknown>) => void }>();
  const subscriptions = new Map<number, { envelope: unknown; onResult: (r: Result<unknown>) => void }>();

  port.addEventListener('message', (event) => {
    const data = event.data as Partial<PortResponse> | null;
    if (typeof data !== 'object' || data === null || typeof data.id !== 'number') return;
    const result = isResult(data.result) ? data.result : null;
    if (data.kind === 'result') {
      const waiting = pending.get(data.id);
      if (!waiting) return;
      pending.delete(data.id);
      waiting.resolve(result ?? internalError(waiting.envelope, 'malformed response'));
    } else if (data.kind === 'push') {
      const subscription = subscriptions.get(data.id);
      if (subscription) subscription.onResult(result ?? internalError(subscription.envelope, 'malformed response'));
    }
  });
  port.start?.();

  /** Posts a request; returns why it could not be sent, or null. */
  function send(request: PortRequest): string | null {
    try {
      port.postMessage(request);
      return null;
    } catch (thrown) {
      // DataCloneError (a function or a DOM node in params) or a closed port.
      return thrown instanceof Error ? thrown.message : String(thrown);
    }
  }

  function call<M extends Method>(method: M, params: Params<M>, envelope: Envelope): Promise<Result<Results[M]>> {
    if (diedReason !== null) return Promise.resolve(internalError(envelope, diedReason));
    const id = nextId++;
    return new Promise<Result<Results[M]>>((resolve) => {
      pending.set(id, { envelope, resolve: resolve as (r: Result<unknown>) => void });
      const failure = send({ kind: 'call', id, method, params, envelope });
      if (failure !== null) {
        pending.delete(id);
        resolve(internalError(envelope, failure));
      }
    });
  }

  function subscribe<M extends LiveMethod>(
    method: M,
    params: Params<M>,
    envelope: Envelope,
    onResult: (result: Result<Results[M]>) => void,
  ): () => void {
    if (diedReason !== null) {
      onResult(internalError(envelope, diedReason));
      return () => {};
    }
    const id = nextId++;
    subscriptions.set(id, { envelope, onResult: onResult as (r: Result<unknown>) => void });
    const failure = send({ kind: 'subscribe', id, method, params, envelope });
    if (failure !== null) {
      subscriptions.delete(id);
      onResult(internalError(envelope, failure));
      return () => {};
    }
    return () => {
      if (!subscriptions.delete(id)) return;
      if (diedReason === null) send({ kind: 'unsubscribe', id });
    };
  }

  function hostDied(reason: string): void {
    if (diedReason !== null) return;
    diedReason = reason || 'store host stopped';
    const calls = [...pending.values()];
    const subs = [...subscriptions.values()];
    pending.clear();
    subscriptions.clear();
    for (const waiting of calls) waiting.resolve(internalError(waiting.envelope, diedReason, 'errors.hostLost'));
    for (const subscription of subs) subscription.onResult(internalError(subscription.envelope, diedReason));
  }

  return {
    call,
    subscribe,
    hostDied,
    get dead() {
      return diedReason !== null;
    },
  };
}
