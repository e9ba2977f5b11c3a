/**
 * Enrolling the branch with head office, desktop build (resolved instead of enrol.ts, see
 * renderer/vite.config.ts): the code goes to main, which keeps the secret with the system's secure
 * storage (safeStorage) and hands the store host only the address and branch.
 */
import type { Envelope, Result, StoreApi, SyncStatus } from '../../shared/api/contract';
import { DEFAULT_LOCALE, translate } from '../../shared/i18n/translate';
import { desktopBridge } from './desktop';

/** Where this edition keeps the branch's secret, in words (renderer/i18n/sync.ts). */
export const SECRET_KEPT_KEY = 'sync.secretKept.desktop';

export function enrol(_api: StoreApi, envelope: Envelope, code: string): Promise<Result<SyncStatus>> {
  const bridge = desktopBridge();
  if (!bridge) {
    const key = 'errors.edition.noBridge';
    return Promise.resolve({ ok: false, error: { code: 'internal', key, message: translate(envelope.locale ?? DEFAULT_LOCALE, key) } });
  }
  return bridge.sync.enrol({ code, token: envelope.token ?? '', ...(envelope.locale ? { locale: envelope.locale } : {}) });
}
