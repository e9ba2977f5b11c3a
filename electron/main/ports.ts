/**
 * Port brokering (docs/architecture.md, "Processes"): one MessageChannelMain a UI connection; port1 goes to
 * the hidden store window, port2 to the UI window, and the two talk directly (main never sees a
 * UI's store request). Main has a connection of its own besides, posted on its own channel so the
 * store window serves it as main's (CHANNELS.mainStorePort). Ports meant for a store window that
 * has not finished loading wait here. When a UI window asks again (it reloaded) or goes away, the
 * store window is told to drop the old connection; after a store window restart main and every UI
 * window get a fresh port.
 */
import { MessageChannelMain, type MessagePortMain, type WebContents } from 'electron';
import { CHANNELS } from '../../shared/api/desktopBridge';

export type BrokerContents = Pick<WebContents, 'id' | 'postMessage' | 'send' | 'isDestroyed' | 'once'>;

/** Main's own end of its store connection (electron/main/storeClient.ts). */
export interface MainConnection {
  /** A new store window exists: this port reaches it (requests wait in the port until it serves them). */
  connected(port: MessagePortMain): void;
  /** The store window is gone: the last port is dead. */
  gone(reason: string): void;
}

export interface PortBroker {
  /** A new store window exists (its page may still be loading); main's connection to it is made at once. */
  attachStore(store: BrokerContents): void;
  /** The store window's page has loaded: hand it the ports that waited. */
  storeReady(): void;
  /** The store window is gone (crashed or closed): its connections are dead. */
  storeGone(): void;
  /** A UI window asks for a store port. */
  connect(ui: BrokerContents): void;
  /** A new store window replaced a dead one: a fresh port for every UI window. */
  reconnectAll(): void;
  /** UI windows with a live connection (for tests and logs). */
  readonly connections: number;
}

interface UiEntry {
  contents: BrokerContents;
  /** The connection id the current store window knows, or null when it knows none. */
  connection: number | null;
}

/** A port waiting for the store window's page: a UI connection by its id, or main's (connection null). */
interface Waiting {
  connection: number | null;
  port: MessagePortMain;
}

export function createPortBroker(
  makeChannel: () => { port1: MessagePortMain; port2: MessagePortMain } = () => new MessageChannelMain(),
  main?: MainConnection,
): PortBroker {
  let store: { contents: BrokerContents; ready: boolean } | null = null;
  let pending: Waiting[] = [];
  const uis = new Map<number, UiEntry>();
  let nextConnection = 1;

  const storeAlive = () => store !== null && !store.contents.isDestroyed();

  function post({ connection, port }: Waiting): void {
    if (connection === null) store!.contents.postMessage(CHANNELS.mainStorePort, null, [port]);
    else store!.contents.postMessage(CHANNELS.storePort, connection, [port]);
  }

  function sendToStore(waiting: Waiting): void {
    if (store?.ready && storeAlive()) post(waiting);
    else pending.push(waiting);
  }

  function closeConnection(connection: number): void {
    const waiting = pending.find((p) => p.connection === connection);
    if (waiting) {
      pending = pending.filter((p) => p !== waiting);
      waiting.port.close();
      return;
    }
    if (store?.ready && storeAlive()) store.contents.send(CHANNELS.storePortClosed, connection);
  }

  function connect(ui: BrokerContents): void {
    if (ui.isDestroyed()) return;
    let entry = uis.get(ui.id);
    if (!entry) {
      entry = { contents: ui, connection: null };
      uis.set(ui.id, entry);
      const id = ui.id;
      ui.once('destroyed', () => {
        const gone = uis.get(id);
        uis.delete(id);
        if (gone?.connection != null) closeConnection(gone.connection);
      });
    }
    if (entry.connection !== null) closeConnection(entry.connection);
    const connection = nextConnection++;
    const { port1, port2 } = makeChannel();
    entry.connection = connection;
    ui.postMessage(CHANNELS.storePort, null, [port2]);
    sendToStore({ connection, port: port1 });
  }

  function connectMain(): void {
    if (!main) return;
    const { port1, port2 } = makeChannel();
    sendToStore({ connection: null, port: port1 });
    main.connected(port2);
  }

  return {
    attachStore(contents) {
      store = { contents, ready: false };
      connectMain();
    },
    storeReady() {
      if (!store || !storeAlive()) return;
      store.ready = true;
      const waiting = pending;
      pending = [];
      for (const w of waiting) post(w);
    },
    storeGone() {
      store = null;
      for (const { port } of pending) port.close();
      pending = [];
      for (const entry of uis.values()) entry.connection = null;
      main?.gone('store window gone');
    },
    connect,
    reconnectAll() {
      for (const entry of [...uis.values()]) {
        if (entry.contents.isDestroyed()) uis.delete(entry.contents.id);
        else connect(entry.contents);
      }
    },
    get connections() {
      return [...uis.values()].filter((e) => e.connection !== null).length;
    },
  };
}
