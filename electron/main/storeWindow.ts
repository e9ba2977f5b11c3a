/**
 * The hidden store window (docs/architecture.md, "Processes"): created hidden with background throttling off
 * (hidden windows' timers are throttled otherwise), sandboxed like every window, loading
 * app://store/window.html. Main owns it: when its renderer dies it is replaced after a short
 * backoff and every UI window gets a fresh port (ports.ts).
 */
import { app, BrowserWindow, type WebContents } from 'electron';
import { STORE_PRELOAD, STORE_URL } from './paths';
import type { PortBroker } from './ports';
import { windowPreferences } from './security';

export interface StoreWindowLike {
  readonly webContents: Pick<WebContents, 'id' | 'postMessage' | 'send' | 'isDestroyed' | 'once' | 'on'>;
  on(event: 'closed', listener: () => void): unknown;
  isDestroyed(): boolean;
  destroy(): void;
}

export function createStoreWindow(): BrowserWindow {
  const win = new BrowserWindow({
    show: false,
    title: 'Countersign store',
    webPreferences: windowPreferences(app.isPackaged, { backgroundThrottling: false, preload: STORE_PRELOAD }),
  });
  void win.loadURL(STORE_URL).catch((thrown: unknown) => console.error('store window: load failed', thrown));
  return win;
}

/** Backoff before the n-th consecutive restart (n from 0): 250 ms doubling, at most 10 s. */
export function restartDelay(attempt: number): number {
  return Math.min(250 * 2 ** attempt, 10_000);
}

/** A store window that ran this long without dying resets the backoff. */
const STABLE_MS = 60_000;

export interface StoreWindowSupervisor {
  start(): void;
  /** At quit: the store window's end is no longer a crash. */
  stop(): void;
  readonly restarts: number;
}

export function superviseStoreWindow(options: {
  broker: PortBroker;
  create?: () => StoreWindowLike;
  schedule?: (run: () => void, ms: number) => unknown;
  now?: () => number;
}): StoreWindowSupervisor {
  const { broker } = options;
  const create = options.create ?? createStoreWindow;
  const schedule = options.schedule ?? ((run, ms) => setTimeout(run, ms));
  const now = options.now ?? Date.now;
  let current: StoreWindowLike | null = null;
  let stopped = false;
  let attempt = 0;
  let restarts = 0;
  let startedAt = 0;
  let restartPending = false;

  function died(win: StoreWindowLike, why: string): void {
    if (current !== win) return;
    current = null;
    broker.storeGone();
    if (!win.isDestroyed()) win.destroy();
    if (stopped || restartPending) return;
    if (now() - startedAt > STABLE_MS) attempt = 0;
    const delay = restartDelay(attempt++);
    console.error(`store window: ${why}; restarting in ${delay} ms`);
    restartPending = true;
    schedule(() => {
      restartPending = false;
      if (stopped) return;
      restarts++;
      launch(true);
    }, delay);
  }

  function launch(restart: boolean): void {
    const win = create();
    current = win;
    startedAt = now();
    const contents = win.webContents;
    broker.attachStore(contents);
    let loaded = false;
    contents.on('did-finish-load', () => {
      if (current !== win) return;
      if (loaded) {
        // The page reloaded by itself: it serves no connection any more.
        broker.storeGone();
        broker.attachStore(contents);
        broker.storeReady();
        broker.reconnectAll();
        return;
      }
      loaded = true;
      broker.storeReady();
    });
    contents.on('render-process-gone', (_event, details) => died(win, `renderer gone (${details.reason})`));
    win.on('closed', () => died(win, 'closed'));
    if (restart) broker.reconnectAll();
  }

  return {
    start() {
      stopped = false;
      if (!current) launch(false);
    },
    stop() {
      stopped = true;
    },
    get restarts() {
      return restarts;
    },
  };
}
