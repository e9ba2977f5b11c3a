import type { SyncError, SyncStatus } from '../../shared/api/contract';

/**
 * Head office sync in words: what the app bar and its details say about a SyncStatus, as catalog
 * keys and their parameters (renderer/i18n/sync.ts). A parameter may itself be words, translated
 * first (`say`). Pure: the screen's time format comes in as `time`.
 */
export interface Words {
  key: string;
  params?: Record<string, string | number | Words>;
}

/** A backlog larger than this gets a progress bar while it goes out. */
export const PROGRESS_ABOVE = 3;

const MINUTE = 60_000;

/** Why the last push failed, as a supervisor can act on it (never the bare code). */
export function syncErrorWords(error: SyncError): Words {
  if (error.code === 'clock_skew') {
    if (error.skewMs === undefined || Math.abs(error.skewMs) < MINUTE / 2) return { key: 'sync.error.clock_skew' };
    const count = Math.round(Math.abs(error.skewMs) / MINUTE);
    // skewMs is this PC's clock minus head office's: positive, this PC is ahead.
    return { key: error.skewMs > 0 ? 'sync.error.clock_skew.ahead' : 'sync.error.clock_skew.behind', params: { count } };
  }
  if (error.code === 'case_rejected')
    return error.reason
      ? { key: 'sync.error.case_rejected', params: { reason: { key: `sync.rejection.${error.reason}` } } }
      : { key: 'sync.error.case_rejected.plain' };
  if (error.code === 'server_error' && error.status !== undefined)
    return { key: 'sync.error.server_error.status', params: { status: error.status } };
  return { key: `sync.error.${error.code}` };
}

/** The last error, with when the engine tries again when it has planned that. */
export function syncErrorWithRetry(error: SyncError, nextAttemptAt: number | null, time: (at: number) => string): Words {
  const words = syncErrorWords(error);
  return nextAttemptAt === null ? words : { key: 'sync.retrying', params: { error: words, time: time(nextAttemptAt) } };
}

/**
 * The app bar's few words, most telling first: not connected; a push under way; the cases waiting
 * and the last error; or when it last synced. `brief` leaves out when it retries (the item's
 * visible text, where the bar is narrow; its name and the details say it).
 */
export function syncHeadline(s: SyncStatus, time: (at: number) => string, brief = false): Words[] {
  if (!s.enrolled) return [{ key: 'sync.notConnected' }];
  if (s.sending) return [{ key: 'sync.sending', params: { sent: s.sending.sent, total: s.sending.total } }];
  const parts: Words[] = [];
  if (s.waiting > 0) parts.push({ key: 'sync.waiting', params: { count: s.waiting } });
  if (s.lastError) parts.push(brief ? syncErrorWords(s.lastError) : syncErrorWithRetry(s.lastError, s.nextAttemptAt, time));
  else if (s.waiting === 0)
    parts.push(s.lastSuccessAt === null ? { key: 'sync.neverSynced' } : { key: 'sync.synced', params: { time: time(s.lastSuccessAt) } });
  return parts;
}

/** How serious the state looks: an error is a warning, anything else ordinary. */
export function syncTone(s: SyncStatus): 'warning' | 'normal' {
  return s.enrolled && !s.sending && s.lastError ? 'warning' : 'normal';
}

/** The progress of a push, when it is a backlog worth a bar (more than a few cases). */
export function syncProgress(s: SyncStatus): { sent: number; total: number; percent: number } | null {
  if (!s.sending || s.sending.total <= PROGRESS_ABOVE) return null;
  const { sent, total } = s.sending;
  return { sent, total, percent: Math.min(100, Math.round((sent / total) * 100)) };
}

/** The details under the app bar's item: one labelled line each, its value words or as shown (an address, a time). */
export function syncDetails(s: SyncStatus, time: (at: number) => string): { label: string; value: Words | string }[] {
  if (!s.enrolled) return [{ label: 'sync.detail.state', value: { key: 'sync.notConnected.detail' } }];
  const lines: { label: string; value: Words | string }[] = [
    { label: 'sync.detail.address', value: s.hqUrl ?? '' },
    { label: 'sync.detail.branch', value: s.branch ?? '' },
    {
      label: 'sync.detail.lastSuccess',
      value: s.lastSuccessAt === null ? { key: 'sync.never' } : time(s.lastSuccessAt),
    },
    { label: 'sync.detail.waiting', value: { key: 'sync.cases', params: { count: s.waiting } } },
  ];
  if (s.sending) lines.push({ label: 'sync.detail.sending', value: { key: 'sync.sending', params: { ...s.sending } } });
  if (s.lastError) {
    lines.push({ label: 'sync.detail.lastError', value: syncErrorWords(s.lastError) });
    lines.push({ label: 'sync.detail.errorAt', value: time(s.lastError.at) });
  }
  if (s.nextAttemptAt !== null) lines.push({ label: 'sync.detail.nextAttempt', value: time(s.nextAttemptAt) });
  return lines;
}

export type Translate = (key: string, params?: Record<string, string | number>) => string;

/** Words as text: nested words first, then the key with its parameters. */
export function say(t: Translate, words: Words): string {
  if (!words.params) return t(words.key);
  const params = Object.fromEntries(
    Object.entries(words.params).map(([name, value]) => [name, typeof value === 'object' ? say(t, value) : value]),
  );
  return t(words.key, params);
}
