/**
 * The desktop bridge end to end, in Node with Electron replaced: the UI preload exposes its API
 * method by method and forwards the store port into the page; the renderer's desktop bridge waits
 * for that port; main's broker hands one end to the store window's page (electron/store/window.ts),
 * which serves it on ONE shared host.
 * The renderer picks the web edition when there is no `window.countersign`.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { CountersignBridge as DesktopBridge } from '../../shared/api/desktopBridge';
import type { CallerAwareStoreApi, Envelope } from '../../shared/api/contract';
import type { MainPort } from '../../electron/main/storeClient';

type Listener = (event: { data: unknown; source: unknown; ports: MessagePort[] }) => void;

/** A window whose postMessage delivers asynchronously to its own 'message' listeners, source = itself. */
class FakeWindow {
  readonly listeners: Listener[] = [];
  readonly location = { reload: vi.fn() };
  addEventListener(_type: 'message', listener: Listener) {
    this.listeners.push(listener);
  }
  postMessage(data: unknown, _origin: string, ports: MessagePort[] = []) {
    setTimeout(() => {
      for (const l of this.listeners) l({ data, source: this, ports });
    }, 0);
  }
}

const ipcHandlers = new Map<string, (event: { ports: unknown[] }, ...args: unknown[]) => void>();
const exposed: Record<string, unknown> = {};
const ipcRenderer = {
  on: (channel: string, handler: (event: { ports: unknown[] }, ...args: unknown[]) => void) => void ipcHandlers.set(channel, handler),
  send: vi.fn(),
  invoke: vi.fn(async (channel: string, ...args: unknown[]) => ({ channel, args })),
};
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => void (exposed[key] = value) },
  ipcRenderer,
  MessageChannelMain: MessageChannel,
}));

const uiWindow = new FakeWindow();
(globalThis as { window?: unknown }).window = uiWindow;
await import('../../electron/preload/index');
const { createPortBroker } = await import('../../electron/main/ports');
const { createMainStore } = await import('../../electron/main/storeClient');
const { serveStoreWindow } = await import('../../electron/store/window');
const { connectDesktopStore, desktopBridge } = await import('../../renderer/bridge/desktop');
delete (globalThis as { window?: unknown }).window;

const channels: MessageChannel[] = [];
afterAll(() => {
  for (const c of channels) {
    c.port1.close();
    c.port2.close();
  }
});

describe('UI preload', () => {
  it('exposes window.countersign method by method, no generic invoke', async () => {
    const bridge = exposed.countersign as DesktopBridge;
    expect(Object.keys(bridge).sort()).toEqual(['edition', 'files', 'print', 'requestStorePort', 'settings', 'sync']);
    expect(Object.keys(bridge.files)).toEqual(['saveExport']);
    expect(Object.keys(bridge.settings).sort()).toEqual(['get', 'set']);
    expect(Object.keys(bridge.print).sort()).toEqual(['document', 'printers', 'report']);
    expect(Object.keys(bridge.sync)).toEqual(['enrol']);
    expect(
      Object.isFrozen(bridge) && Object.isFrozen(bridge.settings) && Object.isFrozen(bridge.print) && Object.isFrozen(bridge.sync),
    ).toBe(true);
    expect(bridge.edition).toBe('desktop');
    bridge.requestStorePort();
    expect(ipcRenderer.send).toHaveBeenCalledWith('store:request-port');
    expect(await bridge.settings.get()).toEqual({ channel: 'settings:get', args: [] });
    expect(await bridge.settings.set({ language: 'en' })).toEqual({ channel: 'settings:set', args: [{ language: 'en' }] });
    expect(await bridge.print.document({ document: 'receipt' } as never)).toEqual({
      channel: 'print:document',
      args: [{ document: 'receipt' }],
    });
    expect(await bridge.print.printers()).toEqual({ channel: 'print:printers', args: [] });
    const enrol = { code: 'countersign://enrol?…', token: 'a-session-token' };
    expect(await bridge.sync.enrol(enrol)).toEqual({ channel: 'sync:enrol', args: [enrol] });
    const file = { fileName: 'countersign-BJ01-2026-11-01_2026-11-30.zip', bytes: new Uint8Array([1]) };
    expect(await bridge.files.saveExport(file)).toEqual({ channel: 'export:save', args: [file] });
  });

  it('forwards the store port from main into the page', async () => {
    const seen = new Promise<{ data: unknown; ports: unknown[] }>((resolve) => uiWindow.addEventListener('message', resolve));
    const { port1 } = new MessageChannel();
    (globalThis as { window?: unknown }).window = uiWindow;
    try {
      ipcHandlers.get('store-port')!({ ports: [port1] });
    } finally {
      delete (globalThis as { window?: unknown }).window;
    }
    expect(await seen).toMatchObject({ data: 'store-port', source: uiWindow, ports: [port1] });
    port1.close();
  });
});

describe('the desktop build without its preload bridge', () => {
  it('opens no store of its own: every call and subscription answers a translated error', async () => {
    const { connectStore, EDITION } = await import('../../renderer/bridge/transport.desktop');
    expect(EDITION).toBe('desktop');
    const api = connectStore(); // no window.countersign here
    const answer = await api.call('branch.get', {}, { token: 'a-session-token', locale: 'en' });
    expect(answer).toMatchObject({
      ok: false,
      error: { key: 'errors.edition.noBridge', message: expect.stringContaining('bridge is missing') },
    });
    const pushed = await new Promise((resolve) => api.subscribe('cases.counts', {}, { token: 'a-session-token' }, resolve));
    expect(pushed).toMatchObject({ ok: false, error: { message: expect.stringContaining('缺少桥接') } });
  });
});

describe('the screen language, desktop build', () => {
  it('is read from and saved to main’s machine settings, where main reads it too', async () => {
    const { loadLanguage, saveLanguage } = await import('../../renderer/bridge/language.desktop');
    const saved: unknown[] = [];
    const bridge = {
      ...(exposed.countersign as DesktopBridge),
      settings: {
        get: async () => ({ language: 'zh-TW', dataFolder: '', printer: '', windowBounds: null }),
        set: async (patch: unknown) => (saved.push(patch), {}) as never,
      },
    };
    (globalThis as { countersign?: unknown }).countersign = bridge;
    try {
      expect(await loadLanguage()).toBe('zh-TW');
      saveLanguage('en');
      expect(saved).toEqual([{ language: 'en' }]);
    } finally {
      delete (globalThis as { countersign?: unknown }).countersign;
    }
  });
});

describe('renderer bridge choice', () => {
  it('desktop only when the preload exposed a desktop bridge', () => {
    expect(desktopBridge(undefined)).toBeNull();
    expect(desktopBridge({})).toBeNull();
    expect(desktopBridge({ countersign: { edition: 'web' } })).toBeNull();
    const bridge = exposed.countersign;
    expect(desktopBridge({ countersign: bridge })).toBe(bridge);
  });
});

describe('a UI window talks to the one store host through main’s broker', () => {
  const envelope = { locale: 'en' } as unknown as Envelope;
  const calls: string[] = [];
  const callers: string[] = [];
  const host: CallerAwareStoreApi = {
    call: async (method, _params, _envelope, caller) => {
      calls.push(method);
      callers.push(`${caller}:${method}`);
      return { ok: true, value: { answered: method } } as never;
    },
    subscribe: (_method, _params, _envelope, onResult) => {
      onResult({ ok: true, value: 'live' } as never);
      return () => {};
    },
  };

  /** A MessagePortMain with Electron replaced: Node-style on/off over a DOM-style port. */
  const mainPort = (port: MessagePort): MainPort => ({
    postMessage: (message: unknown) => port.postMessage(message),
    on: ((_event: 'message', listener: (event: MessageEvent) => void) => (port.addEventListener('message', listener), port)) as never,
    off: ((_event: 'message', listener: (event: MessageEvent) => void) => (port.removeEventListener('message', listener), port)) as never,
    start: () => port.start(),
    close: () => port.close(),
  });

  function setup() {
    const mainStore = createMainStore();
    const broker = createPortBroker(
      () => {
        const c = new MessageChannel();
        channels.push(c);
        return c as never;
      },
      { connected: (port) => mainStore.connected(mainPort(port as unknown as MessagePort)), gone: (why) => mainStore.gone(why) },
    );
    // The store window's page and its preload relay: main's message arrives as a window message.
    const storeWindow = new FakeWindow();
    const connections = serveStoreWindow(Promise.resolve(host), storeWindow as never, storeWindow);
    const storeContents = {
      id: 1,
      isDestroyed: () => false,
      once: () => {},
      // The store window's preload relay (electron/preload/store.ts): the channel becomes the message type.
      postMessage: (channel: string, connection: unknown, ports: MessagePort[]) =>
        storeWindow.postMessage(channel === 'store-main-port' ? { type: channel } : { type: channel, connection }, '*', ports),
      send: (_channel: string, connection: unknown) => storeWindow.postMessage({ type: 'store-port-closed', connection }, '*'),
    };
    broker.attachStore(storeContents as never);
    broker.storeReady();
    return { broker, connections, mainStore, storeWindow, storeContents };
  }

  function uiWindowWithBridge(broker: ReturnType<typeof createPortBroker>, id: number) {
    const page = new FakeWindow();
    const contents = {
      id,
      isDestroyed: () => false,
      once: () => {},
      send: () => {},
      // main → UI preload → page
      postMessage: (_channel: string, _message: null, ports: MessagePort[]) => page.postMessage('store-port', '*', ports),
    };
    const bridge: DesktopBridge = {
      edition: 'desktop',
      requestStorePort: () => broker.connect(contents as never),
      settings: { get: async () => ({}) as never, set: async () => ({}) as never },
      print: { document: async () => ({}) as never, printers: async () => [], report: async () => ({}) as never },
      sync: { enrol: async () => ({}) as never },
      files: { saveExport: async () => true },
    };
    return { page, contents, api: connectDesktopStore(bridge, page as never) };
  }

  it('calls made before the port arrives wait for it; two windows share the host', async () => {
    const { broker, connections } = setup();
    const a = uiWindowWithBridge(broker, 10);
    const b = uiWindowWithBridge(broker, 11);
    const [ra, rb] = await Promise.all([a.api.call('branch.get', {}, envelope), b.api.call('cases.counts', {}, envelope)]);
    expect(ra).toEqual({ ok: true, value: { answered: 'branch.get' } });
    expect(rb).toEqual({ ok: true, value: { answered: 'cases.counts' } });
    expect(calls).toEqual(expect.arrayContaining(['branch.get', 'cases.counts']));
    expect(connections.ui()).toBe(2);
    const live = await new Promise((resolve) => a.api.subscribe('cases.counts', {}, envelope, resolve));
    expect(live).toEqual({ ok: true, value: 'live' });
  });

  it('a second request drops the old connection in the store window; a second port (store restarted) makes the page reload', async () => {
    const { broker, connections } = setup();
    const a = uiWindowWithBridge(broker, 20);
    await a.api.call('branch.get', {}, envelope);
    broker.connect(a.contents as never); // the page asked again after a reload
    await vi.waitFor(() => {
      expect(a.page.location.reload).toHaveBeenCalledTimes(1); // this (old) page saw a second port
      expect(connections.ui()).toBe(1); // the old connection dropped, the new one served
    });

    const pending = a.api.call('branch.get', {}, envelope);
    expect(await pending).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('main’s own port is served as main’s and every UI port as a UI’s; main gets a fresh port after a store restart', async () => {
    callers.length = 0;
    const { broker, connections, mainStore, storeContents } = setup();
    const ui = uiWindowWithBridge(broker, 30);
    expect(await mainStore.call('prints.list', { caseId: 'x' }, envelope)).toMatchObject({ ok: true });
    expect(await ui.api.call('prints.list', { caseId: 'x' }, envelope)).toMatchObject({ ok: true });
    expect(callers).toEqual(['main:prints.list', 'ui:prints.list']);
    expect(connections.main()).toBe(true);

    broker.storeGone(); // the store window crashed
    expect(await mainStore.call('branch.get', {}, envelope)).toMatchObject({ ok: false, error: { code: 'internal' } });
    broker.attachStore(storeContents as never); // its replacement
    broker.storeReady();
    expect(await mainStore.call('branch.get', {}, envelope)).toEqual({ ok: true, value: { answered: 'branch.get' } });
    expect(callers.at(-1)).toBe('main:branch.get');
  });

  it('a port posted on the UI channel, or by anyone but the store window’s own preload, is never main’s', async () => {
    callers.length = 0;
    const { storeWindow, connections, mainStore } = setup();
    await vi.waitFor(() => expect(connections.main()).toBe(true));
    const before = connections.ui();
    // Another window (not this page's own preload) posting a "main" port is ignored.
    const forged = new MessageChannel();
    channels.push(forged);
    for (const l of storeWindow.listeners) l({ data: { type: 'store-main-port' }, source: {}, ports: [forged.port1] });
    const client = createMainStore();
    client.connected(mainPort(forged.port2));
    const answer = client.call('branch.get', {}, envelope);
    // A witness: main's real port, set up before the forgery, answers; the forged one never does.
    expect(await mainStore.call('cases.counts', {}, envelope)).toMatchObject({ ok: true });
    expect(callers).toEqual(['main:cases.counts']);
    expect(connections.ui()).toBe(before);
    client.gone('test over');
    expect(await answer).toMatchObject({ ok: false });
  });
});
