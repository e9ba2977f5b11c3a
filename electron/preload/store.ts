/**
 * The hidden store window's preload (sandboxed, CommonJS: out/electron/preload/store.cjs). It
 * passes main's messages on to the page (electron/store/window.ts): a UI store port with its
 * connection id, main's own store port, or the news that a connection's UI end is gone. It
 * exposes one thing, `window.countersignStore.signExport`: export files are signed by main,
 * since only main holds the branch secret.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS, type StoreWindowBridge } from '../../shared/api/desktopBridge';

const storeBridge: StoreWindowBridge = Object.freeze({
  signExport(canonicalManifest: string): Promise<string> {
    return ipcRenderer.invoke(CHANNELS.exportSign, canonicalManifest) as Promise<string>;
  },
});
contextBridge.exposeInMainWorld('countersignStore', storeBridge);

ipcRenderer.on(CHANNELS.storePort, (event, connection: unknown) => {
  window.postMessage({ type: CHANNELS.storePort, connection }, '*', event.ports);
});

ipcRenderer.on(CHANNELS.mainStorePort, (event) => {
  window.postMessage({ type: CHANNELS.mainStorePort }, '*', event.ports);
});

ipcRenderer.on(CHANNELS.storePortClosed, (_event, connection: unknown) => {
  window.postMessage({ type: CHANNELS.storePortClosed, connection }, '*');
});
