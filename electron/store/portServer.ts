/**
 * The host side of the store API over a MessagePort-like channel; the wire format is documented
 * in shared/api/portClient.ts. The host validates every request itself, so this layer only routes
 * messages: it never throws, whatever arrives on the port.
 */
import type {
  ApiError,
  Caller,
  CallerAwareStoreApi,
  Envelope,
  LiveMethod,
  Method,
  Params,
  Result,
  StoreApi,
} from '../../shared/api/contract';
import { internalError, type PortLike, type PortResponse } from '../../shared/api/portClient';
import { DEFAULT_LOCALE, isLocale, translate } from '../../shared/i18n/translate';

type Listener = (event: { data: unknown }) => void;

function invalidRequest(envelope: unknown): { ok: false; error: ApiError } {
  const locale = typeof envelope === 'object' && envelope !== null ? (envelope as { locale?: unknown }).locale : undefined;
  const key = 'errors.request.invalid';
  return { ok: false, error: { code: 'invalid_input', key, message: translate(isLocale(locale) ? locale : DEFAULT_LOCALE, key) } };
}

function describe(thrown: unknown): string {
  return thrown instanceof Error ? thrown.message : String(thrown);
}

/** Who is at the other end of a port, as whoever handed out the port knows it (never as a message says). */
export interface ServeOptions {
  caller: Caller;
}

/**
 * Answers the port's requests with `host`, as requests of `options.caller`. Returns a dispose
 * function that stops every subscription and ignores further messages.
 */
export function servePort(host: CallerAwareStoreApi, port: PortLike, options: ServeOptions): () => void {
  const { caller } = options;
  const subscriptions = new Map<number, { unsubscribe: () => void }>();
  let disposed = false;

  function post(response: PortResponse, envelope: unknown): void {
    if (disposed) return;
    try {
      port.postMessage(response);
    } catch (thrown) {
      // A value that cannot be cloned, or a closed port: tell the caller if the port still works.
      try {
        port.postMessage({ ...response, result: internalError(envelope, describe(thrown)) });
      } catch (_closed) {
        // The other side is gone; nothing left to answer.
      }
    }
  }

  function stop(id: number): void {
    const entry = subscriptions.get(id);
    if (!entry) return;
    subscriptions.delete(id);
    try {
      entry.unsubscribe();
    } catch (thrown) {
      console.error('store port: unsubscribe failed', thrown);
    }
  }

  function handle(data: unknown): void {
    if (disposed || typeof data !== 'object' || data === null) return;
    const message = data as { kind?: unknown; id?: unknown; method?: unknown; params?: unknown; envelope?: unknown };
    const { id, envelope } = message;
    if (typeof id !== 'number' || !Number.isSafeInteger(id)) return;

    switch (message.kind) {
      case 'call': {
        let answer: Promise<Result<unknown>>;
        try {
          answer = Promise.resolve(host.call(message.method as Method, message.params as Params<Method>, envelope as Envelope, caller));
        } catch (thrown) {
          answer = Promise.reject(thrown);
        }
        answer.then(
          (result) => post({ kind: 'result', id, result }, envelope),
          (thrown: unknown) => {
            console.error('store port: call failed', thrown);
            post({ kind: 'result', id, result: internalError(envelope) }, envelope);
          },
        );
        return;
      }
      case 'subscribe': {
        stop(id); // a reused id replaces the old subscription
        // Registered before host.subscribe, which may deliver its first result synchronously.
        const entry = { unsubscribe: () => {} };
        subscriptions.set(id, entry);
        const onResult = (result: Result<unknown>) => {
          if (subscriptions.get(id) === entry) post({ kind: 'push', id, result }, envelope);
        };
        try {
          const unsubscribe = host.subscribe(
            message.method as LiveMethod,
            message.params as Params<LiveMethod>,
            envelope as Envelope,
            onResult,
            caller,
          );
          if (subscriptions.get(id) === entry) entry.unsubscribe = unsubscribe;
          else unsubscribe();
        } catch (thrown) {
          console.error('store port: subscribe failed', thrown);
          post({ kind: 'push', id, result: internalError(envelope) }, envelope);
          if (subscriptions.get(id) === entry) subscriptions.delete(id);
        }
        return;
      }
      case 'unsubscribe':
        stop(id);
        return;
      default:
        post({ kind: 'result', id, result: invalidRequest(envelope) }, envelope);
    }
  }

  const listener: Listener = (event) => {
    try {
      handle(event?.data);
    } catch (thrown) {
      console.error('store port: message dropped', thrown);
    }
  };
  port.addEventListener('message', listener);
  port.start?.();

  return () => {
    if (disposed) return;
    for (const id of [...subscriptions.keys()]) stop(id);
    disposed = true;
    port.removeEventListener?.('message', listener);
  };
}

/** A stand-in host that answers everything with an internal error (the database did not open). */
export function failedHost(reason: string): StoreApi {
  return {
    call: async (_method, _params, envelope) => internalError(envelope, reason),
    subscribe: (_method, _params, envelope, onResult) => {
      onResult(internalError(envelope, reason));
      return () => {};
    },
  };
}

/**
 * Serves the port once `ready` settles. Messages that arrive earlier are buffered and answered in
 * order; if the host fails to open, every call and subscription is answered with an internal error
 * carrying the reason.
 */
export function serveWhenReady(ready: Promise<CallerAwareStoreApi>, port: PortLike, options: ServeOptions): () => void {
  const buffered: { data: unknown }[] = [];
  const relayed = new Set<Listener>();
  let served = false;
  let disposed = false;
  let dispose: (() => void) | null = null;

  const listener: Listener = (event) => {
    if (disposed) return;
    if (served) for (const l of relayed) l(event);
    else buffered.push({ data: event?.data });
  };
  port.addEventListener('message', listener);
  port.start?.();

  const relay: PortLike = {
    postMessage: (message) => port.postMessage(message),
    addEventListener: (_type, l) => relayed.add(l),
    removeEventListener: (_type, l) => relayed.delete(l),
  };

  const serve = (host: CallerAwareStoreApi) => {
    if (disposed) return;
    dispose = servePort(host, relay, options);
    served = true;
    for (const event of buffered.splice(0)) for (const l of relayed) l(event);
  };
  ready.then(serve, (thrown: unknown) => {
    console.error('store host failed to open', thrown);
    serve(failedHost(describe(thrown)));
  });

  return () => {
    if (disposed) return;
    disposed = true;
    buffered.length = 0;
    dispose?.();
    port.removeEventListener?.('message', listener);
  };
}
