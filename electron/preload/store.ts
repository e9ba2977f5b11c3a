/**
 * The hidden store window's preload (sandboxed, CommonJS: out/electron/preload/store.cjs). It
 * exposes nothing: it only passes main's messages on to the page (electron/store/window.ts),
 * a UI store port with its connection id, main's own store port, or the news that a connection's
 * UI end is gone.
 */
import { ipcRenderer } from 'electron';
import { CHANNELS } from '../../shared/api/desktopBridge';

ipcRenderer.on(CHANNELS.storePort, (event, connection: unknown) => {
  window.postMessage({ type: CHANNELS.storePort, connection }, '*', event.ports);
});

ipcRenderer.on(CHANNELS.mainStorePort, (event) => {
  window.postMessage({ type: CHANNELS.mainStorePort }, '*', event.ports);
});

ipcRenderer.on(CHANNELS.storePortClosed, (_event, connection: unknown) => {
  window.postMessage({ type: CHANNELS.storePortClosed, connection }, '*');
});
