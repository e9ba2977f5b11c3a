/**
 * Port brokering (DESIGN.md "Processes"): one MessageChannelMain a UI connection; port1 goes to
 * the hidden store window, port2 to the UI window, and the two talk directly (main never sees a
 * store request). Ports meant for a store window that has not finished loading wait here. When a
 * UI window asks again (it reloaded) or goes away, the store window is told to drop the old
 * connection; after a store window restart every UI window gets a fresh port.
 */
import { MessageChannelMain, type MessagePortMain, type WebContents } from 'electron';
import { CHANNELS } from '../../shared/api/desktopBridge';

export type BrokerContents = Pick<WebContents, 'id' | 'postMessage' | 'send' | 'isDestroyed' | 'once'>;

export interface PortBroker {
  /** A new store window exists (its page may still be loading). */
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

export function createPortBroker(
  makeChannel: () => { port1: MessagePortMain; port2: MessagePortMain } = () => new MessageChannelMain(),
): PortBroker {
  let store: { contents: BrokerContents; ready: boolean } | null = null;
  let pending: { connection: number; port: MessagePortMain }[] = [];
  const uis = new Map<number, UiEntry>();
  let nextConnection = 1;

  const storeAlive = () => store !== null && !store.contents.isDestroyed();

  function sendToStore(connection: number, port: MessagePortMain): void {
    if (store?.ready && storeAlive()) store.contents.postMessage(CHANNELS.storePort, connection, [port]);
    else pending.push({ connection, port });
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
    sendToStore(connection, port1);
  }

  return {
    attachStore(contents) {
      store = { contents, ready: false };
    },
    storeReady() {
      if (!store || !storeAlive()) return;
      store.ready = true;
      const waiting = pending;
      pending = [];
      for (const { connection, port } of waiting) store.contents.postMessage(CHANNELS.storePort, connection, [port]);
    },
    storeGone() {
      store = null;
      for (const { port } of pending) port.close();
      pending = [];
      for (const entry of uis.values()) entry.connection = null;
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
