/**
 * The store transport of the browser edition: the store host in a Web Worker of the page. The
 * edition is chosen when the screens are built, not at run time: the desktop build resolves
 * `./transport` to transport.desktop.ts (renderer/vite.config.ts, mode 'desktop'), so it holds no
 * worker and no second database at all.
 */
import type { StoreApi } from '../../shared/api/contract';
import { connectWebStore } from './web';

export const EDITION = 'web' as const;

export function connectStore(): StoreApi {
  return connectWebStore();
}
