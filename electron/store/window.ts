/**
 * Entry of the desktop's hidden store window (docs/architecture.md, "Processes"), loaded from
 * app://store/window.html. ONE store host for main and every UI window: main hands this page one
 * MessagePort per UI connection and one for itself (through electron/preload/store.ts), each
 * served on that host as a UI's or as main's, by the channel it came on; requests that arrive
 * while the database opens are buffered (serveWhenReady). When main says a connection's UI end is
 * gone (the window reloaded or closed), its subscriptions stop.
 */
import { CHANNELS, type StoreWindowBridge } from '../../shared/api/desktopBridge';
import { version } from '../../package.json';
import type { PortLike } from '../../shared/api/portClient';
import type { CallerAwareStoreApi } from '../../shared/api/contract';
import { createStoreHost } from './host';
import { serveWhenReady } from './portServer';

export interface StoreWindowTarget {
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

export interface StoreWindowConnections {
  /** UI connections being served. */
  ui(): number;
  /** Whether main's own connection is being served. */
  main(): boolean;
}

/** Serves every port posted to `target` on the one host `ready`. */
export function serveStoreWindow(ready: Promise<CallerAwareStoreApi>, target: StoreWindowTarget, self: unknown): StoreWindowConnections {
  const connections = new Map<unknown, () => void>();
  let mainConnection: (() => void) | null = null;
  target.addEventListener('message', (event) => {
    if (event.source !== self) return; // only what this window's preload posted
    const data = event.data as { type?: unknown; connection?: unknown } | null;
    if (typeof data !== 'object' || data === null) return;
    if (data.type === CHANNELS.storePort && event.ports[0]) {
      connections.get(data.connection)?.();
      connections.set(data.connection, serveWhenReady(ready, event.ports[0] as PortLike, { caller: 'ui' }));
    } else if (data.type === CHANNELS.mainStorePort && event.ports[0]) {
      mainConnection?.();
      mainConnection = serveWhenReady(ready, event.ports[0] as PortLike, { caller: 'main' });
    } else if (data.type === CHANNELS.storePortClosed) {
      connections.get(data.connection)?.();
      connections.delete(data.connection);
    }
  });
  return { ui: () => connections.size, main: () => mainConnection !== null };
}

if (typeof window !== 'undefined' && typeof document !== 'undefined') {
  // Main holds the branch secret: export files are signed through the store preload's bridge.
  const bridge = (window as unknown as { countersignStore?: StoreWindowBridge }).countersignStore;
  const sign = bridge ? (text: string) => bridge.signExport(text) : undefined;
  serveStoreWindow(createStoreHost({ dbName: 'countersign', export: { appVersion: version, ...(sign ? { sign } : {}) } }), window, window);
}
