import type { StoreApi } from '../../shared/api/contract';
import { connectWebStore } from './web';

/**
 * Chooses the store transport for this edition. The desktop bridge (a MessagePort from main via
 * the preload) arrives with the Electron shell; until then every edition uses the Web Worker.
 */
export function connectStore(): StoreApi {
  return connectWebStore();
}
