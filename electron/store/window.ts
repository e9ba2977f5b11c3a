/**
 * Entry of the desktop's hidden store window (DESIGN.md "Processes"), loaded from
 * app://store/window.html. ONE store host for every UI window: main hands this page one
 * MessagePort per UI connection (through electron/preload/store.ts) and each is served on that
 * host; requests that arrive while the database opens are buffered (serveWhenReady). When main
 * says a connection's UI end is gone (the window reloaded or closed), its subscriptions stop.
 */
import type { PortLike } from '../../shared/api/portClient';
import type { StoreApi } from '../../shared/api/contract';
import { createStoreHost } from './host';
import { serveWhenReady } from './portServer';

const STORE_PORT = 'store-port';
const STORE_PORT_CLOSED = 'store-port-closed';

export interface StoreWindowTarget {
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

/** Serves every port posted to `target` on the one host `ready`; returns the live connection count. */
export function serveStoreWindow(ready: Promise<StoreApi>, target: StoreWindowTarget, self: unknown): () => number {
  const connections = new Map<unknown, () => void>();
  target.addEventListener('message', (event) => {
    if (event.source !== self) return; // only what this window's preload posted
    const data = event.data as { type?: unknown; connection?: unknown } | null;
    if (typeof data !== 'object' || data === null) return;
    if (data.type === STORE_PORT && event.ports[0]) {
      connections.get(data.connection)?.();
      connections.set(data.connection, serveWhenReady(ready, event.ports[0] as PortLike));
    } else if (data.type === STORE_PORT_CLOSED) {
      connections.get(data.connection)?.();
      connections.delete(data.connection);
    }
  });
  return () => connections.size;
}

if (typeof window !== 'undefined' && typeof document !== 'undefined') {
  serveStoreWindow(createStoreHost({ dbName: 'countersign' }), window, window);
}
