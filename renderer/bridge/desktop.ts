/**
 * Desktop edition: the store host runs in main's hidden store window; main hands this page a
 * MessagePort through the preload (`window.countersign`, electron/preload/index.ts), which passes
 * it on with window.postMessage('store-port', '*', [port]). Calls made before the port arrives
 * wait for it. A second port means the store window was restarted: this page's subscriptions
 * are gone with the old one, so the page reloads (drafts are autosaved in the store).
 */
import type { ApiError, Envelope, StoreApi } from '../../shared/api/contract';
import { createPortClient, type PortLike } from '../../shared/api/portClient';
import { DEFAULT_LOCALE, translate } from '../../shared/i18n/translate';
import { CHANNELS, type CountersignBridge as DesktopBridge } from '../../shared/api/desktopBridge';

declare global {
  interface Window {
    /** Present only in the desktop edition (the preload exposes it). */
    countersign?: DesktopBridge;
  }
}

/** The bridge, if this page runs in the desktop edition. */
export function desktopBridge(
  target: { countersign?: unknown } | undefined = globalThis as { countersign?: unknown },
): DesktopBridge | null {
  const bridge = target?.countersign as Partial<DesktopBridge> | undefined;
  return bridge?.edition === 'desktop' && typeof bridge.requestStorePort === 'function' ? (bridge as DesktopBridge) : null;
}

export interface DesktopWindow {
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  readonly location: { reload(): void };
}

export function connectDesktopStore(bridge: DesktopBridge, target: DesktopWindow = window): StoreApi {
  let port: MessagePort | null = null;
  const queued: unknown[] = [];
  const listeners = new Set<(event: { data: unknown }) => void>();

  // A port-like front that holds requests until main's port arrives.
  const front: PortLike = {
    postMessage(message) {
      if (port) port.postMessage(message);
      else queued.push(message);
    },
    addEventListener: (_type, listener) => void listeners.add(listener),
    removeEventListener: (_type, listener) => void listeners.delete(listener),
  };
  const client = createPortClient(front);

  target.addEventListener('message', (event) => {
    // Only the preload's message in this very window (not an iframe's) carries the port.
    if (event.source !== target || event.data !== CHANNELS.storePort || !event.ports[0]) return;
    if (port) {
      client.hostDied('store window restarted');
      target.location.reload();
      return;
    }
    port = event.ports[0];
    port.addEventListener('message', (e) => {
      for (const listener of listeners) listener(e);
    });
    port.start();
    for (const message of queued.splice(0)) port.postMessage(message);
  });
  bridge.requestStorePort();
  return client;
}

/** The store of a desktop page without the preload's bridge: every call and subscription answers why there is none. */
export function missingBridgeStore(): StoreApi {
  const refusal = (envelope: Envelope): { ok: false; error: ApiError } => {
    const key = 'errors.edition.noBridge';
    return { ok: false, error: { code: 'internal', key, message: translate(envelope?.locale ?? DEFAULT_LOCALE, key) } };
  };
  return {
    call: async (_method, _params, envelope) => refusal(envelope),
    subscribe: (_method, _params, envelope, onResult) => {
      onResult(refusal(envelope));
      return () => {};
    },
  };
}
