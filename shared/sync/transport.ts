import type { SyncRequest } from './request';

/** What came back from head office: the status and the body's bytes (read in full). */
export interface HttpAnswer {
  status: number;
  body: Uint8Array;
}

/** How a request failed before an answer arrived in full. */
export class TransportError extends Error {
  constructor(
    readonly kind: 'network' | 'timeout',
    message: string,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

/** Sends one request; throws TransportError when no complete answer arrives. Injected into the engine. */
export type Transport = (request: SyncRequest) => Promise<HttpAnswer>;

/** The parts of `fetch` the transport uses (Node's and the browser's alike). */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: Uint8Array; signal: AbortSignal },
) => Promise<{ status: number; arrayBuffer(): Promise<ArrayBuffer> }>;

export interface Timers {
  setTimer(run: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

/** A request (answer body included) that takes longer than this is abandoned as a timeout. */
export const REQUEST_TIMEOUT_MS = 60_000;

/** A Transport over `fetch`: a network failure or a body cut short is 'network', no answer in time is 'timeout'. */
export function fetchTransport(fetchFn: FetchLike, timers: Timers, timeoutMs = REQUEST_TIMEOUT_MS): Transport {
  return async (request) => {
    const abort = new AbortController();
    let timedOut = false;
    const timer = timers.setTimer(() => {
      timedOut = true;
      abort.abort();
    }, timeoutMs);
    try {
      const init: Parameters<FetchLike>[1] = { method: request.method, headers: request.headers, signal: abort.signal };
      if (request.body) init.body = request.body;
      const response = await fetchFn(request.url, init);
      return { status: response.status, body: new Uint8Array(await response.arrayBuffer()) };
    } catch (thrown) {
      if (timedOut) throw new TransportError('timeout', `no answer within ${timeoutMs} ms`);
      throw new TransportError('network', thrown instanceof Error ? thrown.message : String(thrown));
    } finally {
      timers.clearTimer(timer);
    }
  };
}
