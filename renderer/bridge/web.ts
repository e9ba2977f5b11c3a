import type { StoreApi } from '../../shared/api/contract';
import { createPortClient } from '../../shared/api/portClient';

/** Browser edition: the store host runs in a Web Worker of this page (real IndexedDB). */
export function connectWebStore(): StoreApi {
  const worker = new Worker(new URL('../../electron/store/worker.ts', import.meta.url), { type: 'module', name: 'countersign-store' });
  const client = createPortClient(worker);
  worker.addEventListener('error', (e) => client.hostDied(e.message || 'store worker failed'));
  return client;
}
