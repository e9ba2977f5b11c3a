import type { StoreApi } from '../../shared/api/contract';
import { connectDesktopStore, desktopBridge } from './desktop';
import { connectWebStore } from './web';

/**
 * Chooses the store transport for this edition: the desktop edition's preload exposes
 * `window.countersign` (a MessagePort from main to the hidden store window); without it this is
 * the browser edition (a Web Worker of the page).
 */
export function connectStore(): StoreApi {
  const bridge = desktopBridge();
  return bridge ? connectDesktopStore(bridge) : connectWebStore();
}
