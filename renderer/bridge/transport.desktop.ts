/**
 * The store transport of the desktop build (resolved instead of transport.ts, see
 * renderer/vite.config.ts): the MessagePort main hands out through the preload. Without the
 * preload's bridge there is no store at all; every call answers a translated error, which the
 * screens show, rather than opening a database of the page's own.
 */
import type { StoreApi } from '../../shared/api/contract';
import { connectDesktopStore, desktopBridge, missingBridgeStore } from './desktop';

export const EDITION = 'desktop' as const;

export function connectStore(): StoreApi {
  const bridge = desktopBridge();
  return bridge ? connectDesktopStore(bridge) : missingBridgeStore();
}
