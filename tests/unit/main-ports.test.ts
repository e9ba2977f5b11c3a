/**
 * Port brokering and the store window's restart (electron/main/ports.ts, storeWindow.ts), with
 * Electron replaced: a UI request makes one channel and posts the right ends; ports wait for the
 * store window's page; a crashed store window is replaced after a backoff and every UI window
 * gets a fresh port; a reloaded or closed UI window's old connection is dropped.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const created: { port1: FakePort; port2: FakePort }[] = [];
class FakePort {
  closed = false;
  constructor(readonly name: string) {}
  close() {
    this.closed = true;
  }
}
vi.mock('electron', () => ({
  MessageChannelMain: class {
    port1: FakePort;
    port2: FakePort;
    constructor() {
      const n = created.length + 1;
      this.port1 = new FakePort(`c${n}.port1`);
      this.port2 = new FakePort(`c${n}.port2`);
      created.push(this);
    }
  },
  BrowserWindow: class {},
}));

const { createPortBroker } = await import('../../electron/main/ports');
const { superviseStoreWindow, restartDelay } = await import('../../electron/main/storeWindow');

type Listener = (...args: unknown[]) => void;
class FakeContents {
  static next = 1;
  readonly id = FakeContents.next++;
  destroyed = false;
  readonly posted: { channel: string; message: unknown; ports: FakePort[] }[] = [];
  readonly sent: { channel: string; args: unknown[] }[] = [];
  readonly listeners = new Map<string, Listener[]>();
  postMessage(channel: string, message: unknown, ports: FakePort[] = []) {
    this.posted.push({ channel, message, ports });
  }
  send(channel: string, ...args: unknown[]) {
    this.sent.push({ channel, args });
  }
  isDestroyed() {
    return this.destroyed;
  }
  on(event: string, listener: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener) {
    return this.on(event, listener);
  }
  emit(event: string, ...args: unknown[]) {
    for (const l of this.listeners.get(event) ?? []) l(...args);
  }
}
class FakeWindow {
  readonly webContents = new FakeContents();
  destroyed = false;
  private closed: (() => void)[] = [];
  on(_event: 'closed', listener: () => void) {
    this.closed.push(listener);
  }
  isDestroyed() {
    return this.destroyed;
  }
  destroy() {
    this.destroyed = true;
    this.webContents.destroyed = true;
    for (const l of this.closed) l();
  }
}

// Electron's own types do not know the fakes; the broker uses only what they implement.
const asContents = (c: FakeContents) => c as unknown as Parameters<ReturnType<typeof createPortBroker>['connect']>[0];

beforeEach(() => {
  created.length = 0;
  vi.spyOn(console, 'error').mockImplementation(() => {});
});

describe('port broker', () => {
  it('a UI request makes one channel: port2 to the UI window, port1 to the store window', () => {
    const broker = createPortBroker();
    const store = new FakeContents();
    const ui = new FakeContents();
    broker.attachStore(asContents(store));
    broker.storeReady();
    broker.connect(asContents(ui));

    expect(created).toHaveLength(1);
    const [channel] = created;
    expect(ui.posted).toEqual([{ channel: 'store-port', message: null, ports: [channel!.port2] }]);
    expect(store.posted).toEqual([{ channel: 'store-port', message: 1, ports: [channel!.port1] }]);
    expect(broker.connections).toBe(1);
  });

  it('ports wait until the store window has loaded', () => {
    const broker = createPortBroker();
    const store = new FakeContents();
    const ui = new FakeContents();
    broker.attachStore(asContents(store));
    broker.connect(asContents(ui));
    expect(ui.posted).toHaveLength(1); // the UI end goes at once; its requests queue in the port
    expect(store.posted).toHaveLength(0);
    broker.storeReady();
    expect(store.posted.map((p) => p.ports[0]!.name)).toEqual(['c1.port1']);
  });

  it('a second request from the same UI window (a reload) drops its old connection', () => {
    const broker = createPortBroker();
    const store = new FakeContents();
    const ui = new FakeContents();
    broker.attachStore(asContents(store));
    broker.storeReady();
    broker.connect(asContents(ui));
    broker.connect(asContents(ui));
    expect(store.sent).toEqual([{ channel: 'store-port-closed', args: [1] }]);
    expect(store.posted.map((p) => p.message)).toEqual([1, 2]);
    expect(broker.connections).toBe(1);
  });

  it('a closed UI window drops its connection', () => {
    const broker = createPortBroker();
    const store = new FakeContents();
    const ui = new FakeContents();
    broker.attachStore(asContents(store));
    broker.storeReady();
    broker.connect(asContents(ui));
    ui.destroyed = true;
    ui.emit('destroyed');
    expect(store.sent).toEqual([{ channel: 'store-port-closed', args: [1] }]);
    expect(broker.connections).toBe(0);
  });

  it('a port still waiting for a store window that dies is closed, not delivered', () => {
    const broker = createPortBroker();
    const store = new FakeContents();
    broker.attachStore(asContents(store));
    broker.connect(asContents(new FakeContents()));
    broker.storeGone();
    expect(created[0]!.port1.closed).toBe(true);
    expect(store.posted).toHaveLength(0);
  });
});

describe('main’s own connection', () => {
  function mainEnd() {
    const events: string[] = [];
    const main = {
      connected: (port: unknown) => void events.push(`connected ${(port as FakePort).name}`),
      gone: (why: string) => void events.push(`gone: ${why}`),
    };
    return { events, main };
  }

  it('is made with each store window, on main’s own channel, and never handed to a UI window', () => {
    const { events, main } = mainEnd();
    const broker = createPortBroker(undefined, main as never);
    const store = new FakeContents();
    const ui = new FakeContents();
    broker.attachStore(asContents(store));
    expect(events).toEqual(['connected c1.port2']); // main may send at once; its requests wait in the port
    expect(store.posted).toHaveLength(0);
    broker.storeReady();
    broker.connect(asContents(ui));
    expect(store.posted).toEqual([
      { channel: 'store-main-port', message: null, ports: [created[0]!.port1] },
      { channel: 'store-port', message: 1, ports: [created[1]!.port1] },
    ]);
    expect(ui.posted.map((p) => [p.channel, p.ports[0]!.name])).toEqual([['store-port', 'c2.port2']]);
    expect(broker.connections).toBe(1); // main's connection is not a UI's
  });

  it('is re-established after a store window restart', () => {
    const { events, main } = mainEnd();
    const broker = createPortBroker(undefined, main as never);
    const windows: FakeWindow[] = [];
    const timers: (() => void)[] = [];
    const supervisor = superviseStoreWindow({
      broker,
      create: () => {
        const w = new FakeWindow();
        windows.push(w);
        return w as never;
      },
      schedule: (run) => timers.push(run),
    });
    supervisor.start();
    windows[0]!.webContents.emit('did-finish-load');
    windows[0]!.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    timers.shift()!();
    windows[1]!.webContents.emit('did-finish-load');
    expect(events).toEqual(['connected c1.port2', 'gone: store window gone', 'connected c2.port2']);
    expect(windows[1]!.webContents.posted.map((p) => [p.channel, p.ports[0]!.name])).toEqual([['store-main-port', 'c2.port1']]);
  });
});

describe('store window supervisor', () => {
  function setup() {
    const broker = createPortBroker();
    const windows: FakeWindow[] = [];
    const timers: { run: () => void; ms: number }[] = [];
    let clock = 0;
    const supervisor = superviseStoreWindow({
      broker,
      create: () => {
        const w = new FakeWindow();
        windows.push(w);
        return w as never;
      },
      schedule: (run, ms) => timers.push({ run, ms }),
      now: () => clock,
    });
    return { broker, windows, timers, supervisor, advance: (ms: number) => (clock += ms) };
  }

  it('restarts the store window after render-process-gone, with a backoff, and hands out fresh ports', () => {
    const { broker, windows, timers, supervisor } = setup();
    supervisor.start();
    const first = windows[0]!;
    first.webContents.emit('did-finish-load');
    const uiA = new FakeContents();
    const uiB = new FakeContents();
    broker.connect(asContents(uiA));
    broker.connect(asContents(uiB));
    expect(first.webContents.posted).toHaveLength(2);

    first.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    expect(first.destroyed).toBe(true);
    expect(windows).toHaveLength(1); // not at once
    expect(timers.map((t) => t.ms)).toEqual([restartDelay(0)]);
    expect(broker.connections).toBe(0);

    timers.shift()!.run();
    expect(windows).toHaveLength(2);
    expect(supervisor.restarts).toBe(1);
    const second = windows[1]!;
    // Each UI window got a fresh UI end at once; the store ends wait for the new page.
    expect(uiA.posted.map((p) => p.ports[0]!.name)).toEqual(['c1.port2', 'c3.port2']);
    expect(uiB.posted.map((p) => p.ports[0]!.name)).toEqual(['c2.port2', 'c4.port2']);
    expect(second.webContents.posted).toHaveLength(0);
    second.webContents.emit('did-finish-load');
    expect(second.webContents.posted.map((p) => p.ports[0]!.name)).toEqual(['c3.port1', 'c4.port1']);
    expect(second.webContents.sent).toEqual([]); // the new store window never knew the old connections
  });

  it('backs off longer on consecutive crashes and resets after a stable run', () => {
    const { windows, timers, supervisor, advance } = setup();
    supervisor.start();
    for (let i = 0; i < 3; i++) {
      windows.at(-1)!.webContents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 1 });
      timers.shift()!.run();
    }
    windows.at(-1)!.webContents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 1 });
    expect(timers.map((t) => t.ms)).toEqual([restartDelay(3)]);
    timers.shift()!.run();
    advance(120_000);
    windows.at(-1)!.webContents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 1 });
    expect(timers.map((t) => t.ms)).toEqual([restartDelay(0)]);
    expect(restartDelay(0)).toBeLessThan(restartDelay(3));
    expect(restartDelay(100)).toBe(10_000);
  });

  it('does not restart once stopped (the app is quitting)', () => {
    const { windows, timers, supervisor } = setup();
    supervisor.start();
    supervisor.stop();
    windows[0]!.destroy();
    expect(timers).toHaveLength(0);
  });
});
