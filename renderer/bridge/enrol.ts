/**
 * Enrolling the branch with head office, browser edition: the store host in this page's worker
 * takes the code and keeps the secret (there is no main process to keep it). The desktop build
 * resolves enrol.desktop.ts instead, where main keeps the secret and the screens never hold it.
 */
import type { Envelope, Result, StoreApi, SyncStatus } from '../../shared/api/contract';

/** Where this edition keeps the branch's secret, in words (renderer/i18n/sync.ts). */
export const SECRET_KEPT_KEY = 'sync.secretKept.web';

export function enrol(api: StoreApi, envelope: Envelope, code: string): Promise<Result<SyncStatus>> {
  return api.call('sync.enrol', { code }, envelope);
}
