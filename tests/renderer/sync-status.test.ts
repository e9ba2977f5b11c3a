import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import type { SyncError, SyncErrorCode, SyncStatus } from '../../shared/api/contract';
import { LOCALES, type Locale } from '../../shared/i18n/translate';
import { CASE_REJECTIONS, REQUEST_ERRORS } from '../../shared/sync/protocol';
import { chinaTimeOfDay } from '../../renderer/app/chinaTime';
import { say, syncDetails, syncErrorWords, syncHeadline, syncProgress, syncTone, type Translate } from '../../renderer/app/syncWords';
import { syncUi } from '../../renderer/i18n/sync';
import { syncStatusOf } from './fixtures';

/** Every way a push can fail: head office's refusals and what can go wrong on the way. */
const TRANSPORT_ERRORS = ['network', 'server_error', 'bad_answer', 'timeout', 'case_rejected'] as const satisfies readonly SyncErrorCode[];
const ALL_CODES: SyncErrorCode[] = [...(Object.keys(REQUEST_ERRORS) as SyncErrorCode[]), ...TRANSPORT_ERRORS];

/** The screens' translator (same options as renderer/i18n/index.ts) over the sync catalog alone. */
function translator(locale: Locale): Translate {
  const i18n = createInstance();
  void i18n.init({
    resources: { [locale]: { translation: syncUi[locale] } },
    lng: locale,
    initAsync: false,
    keySeparator: false,
    nsSeparator: false,
    interpolation: { escapeValue: false },
  });
  return (key, params) => {
    if (!i18n.exists(key, params)) throw new Error(`${locale}: no text for ${key}`);
    return i18n.t(key, params ?? {});
  };
}

const zh = translator('zh-CN');
const en = translator('en');
const AT = Date.parse('2026-11-23T10:42:00+08:00');
const NOW = Date.parse('2026-11-23T10:45:00+08:00');
const time = (at: number) => chinaTimeOfDay('en', at, NOW);

const status = syncStatusOf;
const headline = (t: Translate, s: Partial<SyncStatus>) =>
  syncHeadline(status(s), time)
    .map((w) => say(t, w))
    .join(' · ');
const error = (code: SyncErrorCode, more: Partial<SyncError> = {}): SyncError => ({ code, at: AT, ...more });

describe('the app bar says where head office sync stands, in words', () => {
  it('not enrolled: not connected to head office, whatever else the status holds', () => {
    expect(headline(en, { enrolled: false, waiting: 4, lastError: error('network') })).toBe('Not connected to head office');
    expect(headline(zh, { enrolled: false })).toBe('未连接总部');
  });

  it('synced with nothing waiting: when, in China time (the time alone today, date and time before)', () => {
    expect(headline(en, { lastSuccessAt: AT })).toBe('Synced with head office 10:42 AM');
    expect(headline(zh, { lastSuccessAt: AT })).toBe(`已与总部同步 ${time(AT)}`);
    const yesterday = AT - 24 * 3_600_000;
    expect(headline(en, { lastSuccessAt: yesterday })).toBe('Synced with head office 11/22/26, 10:42 AM');
  });

  it('enrolled, never synced and nothing waiting', () => {
    expect(headline(en, {})).toBe('Not yet synced with head office');
  });

  it('cases waiting, counted in the language’s plural', () => {
    expect(headline(en, { waiting: 1, lastSuccessAt: AT })).toBe('1 case waiting');
    expect(headline(en, { waiting: 12 })).toBe('12 cases waiting');
    expect(headline(zh, { waiting: 12 })).toBe('12 件待发送');
  });

  it('cases waiting and the last error, with when it retries', () => {
    const retry = Date.parse('2026-11-23T10:47:00+08:00');
    expect(headline(en, { waiting: 12, lastError: error('network'), nextAttemptAt: retry })).toBe(
      '12 cases waiting · Head office unreachable, retrying at 10:47 AM',
    );
    expect(headline(zh, { waiting: 12, lastError: error('network'), nextAttemptAt: retry })).toBe(
      `12 件待发送 · 无法连接总部，${time(retry)} 重试`,
    );
    expect(headline(en, { lastError: error('unknown_branch') })).toBe('Head office does not know this branch: enrol it again');
    // Brief (the bar's visible text): without when it retries.
    const brief = syncHeadline(status({ waiting: 12, lastError: error('network'), nextAttemptAt: retry }), time, true);
    expect(brief.map((w) => say(en, w))).toEqual(['12 cases waiting', 'Head office unreachable']);
  });

  it('a push under way counts what is acknowledged; the bar appears only for more than a few cases', () => {
    const s = { waiting: 12, lastError: error('network'), sending: { sent: 5, total: 12 } };
    expect(headline(en, s)).toBe('Sending to head office: 5 of 12');
    expect(syncProgress(status(s))).toEqual({ sent: 5, total: 12, percent: 42 });
    expect(syncProgress(status({ sending: { sent: 1, total: 3 } }))).toBeNull();
    expect(syncProgress(status({ sending: { sent: 0, total: 4 } }))).toEqual({ sent: 0, total: 4, percent: 0 });
    expect(syncProgress(status({}))).toBeNull();
  });

  it('an error is a warning; sending, synced or not enrolled are not', () => {
    expect(syncTone(status({ lastError: error('timeout') }))).toBe('warning');
    expect(syncTone(status({ lastError: error('timeout'), sending: { sent: 0, total: 9 } }))).toBe('normal');
    expect(syncTone(status({ enrolled: false, lastError: error('timeout') }))).toBe('normal');
    expect(syncTone(status({ lastSuccessAt: AT }))).toBe('normal');
  });
});

describe('every error is said in words, never as its code', () => {
  it.each(LOCALES)('%s: each code of the protocol and of the way has its own text', (locale) => {
    const t = translator(locale);
    const texts = ALL_CODES.map((code) => say(t, syncErrorWords(error(code, { skewMs: 9 * 60_000, status: 503 }))));
    // The translator refuses a missing key; no text is a key or a code (`unknown_branch`).
    for (const [i, text] of texts.entries()) expect(text, ALL_CODES[i]).not.toMatch(/sync\.|_/);
    expect(new Set(texts).size).toBe(ALL_CODES.length);
  });

  it('clock skew: how many minutes, and which way (this PC minus head office)', () => {
    expect(say(en, syncErrorWords(error('clock_skew', { skewMs: 9 * 60_000 + 20_000 })))).toBe(
      "Head office refused: this PC's clock is 9 minutes ahead",
    );
    expect(say(en, syncErrorWords(error('clock_skew', { skewMs: -60_000 })))).toBe(
      "Head office refused: this PC's clock is 1 minute behind",
    );
    expect(say(zh, syncErrorWords(error('clock_skew', { skewMs: -9 * 60_000 })))).toBe('总部拒收：本机时钟慢了 9 分钟');
    expect(say(en, syncErrorWords(error('clock_skew')))).toBe("Head office refused: this PC's clock is off");
  });

  it.each(LOCALES)('%s: a case head office turned away says why, each reason in its own words', (locale) => {
    const t = translator(locale);
    const texts = CASE_REJECTIONS.map((reason) => say(t, syncErrorWords(error('case_rejected', { caseId: 'c1', reason }))));
    expect(new Set(texts).size).toBe(CASE_REJECTIONS.length);
    for (const text of texts) expect(text).toContain(say(t, syncErrorWords(error('case_rejected'))));
  });

  it('a fault at head office names its HTTP status when there was one', () => {
    expect(say(en, syncErrorWords(error('server_error', { status: 503 })))).toBe('Head office had a fault (HTTP 503)');
    expect(say(en, syncErrorWords(error('server_error')))).toBe('Head office had a fault');
  });
});

describe('the details', () => {
  const lines = (s: Partial<SyncStatus>) =>
    syncDetails(status(s), time).map(({ label, value }) => [en(label), typeof value === 'string' ? value : say(en, value)]);

  it('enrolled: address, branch, last success, waiting, the last error with its time and the next attempt', () => {
    const next = Date.parse('2026-11-23T10:47:00+08:00');
    expect(lines({ waiting: 2, lastSuccessAt: null, lastError: error('timeout'), nextAttemptAt: next })).toEqual([
      ['Head office address', 'https://hq.example.cn'],
      ['Branch code', 'BJ01'],
      ['Last successful sync', 'Never'],
      ['Waiting to send', '2 cases'],
      ['Last error', 'Head office did not answer in time'],
      ['Error at', '10:42 AM'],
      ['Next attempt', '10:47 AM'],
    ]);
  });

  it('not enrolled: how to enrol', () => {
    expect(lines({ enrolled: false })).toEqual([['State', en('sync.notConnected.detail')]]);
  });
});

describe('the sync catalog', () => {
  it('has the same keys and placeholders in the three languages', () => {
    const placeholders = (v: string) => [...v.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
    const cn = syncUi['zh-CN'] as Record<string, string>;
    for (const locale of LOCALES) {
      const catalog = syncUi[locale] as Record<string, string>;
      expect(Object.keys(catalog).sort(), locale).toEqual(Object.keys(cn).sort());
      for (const key of Object.keys(cn)) expect(placeholders(catalog[key]!), `${locale} ${key}`).toEqual(placeholders(cn[key]!));
    }
  });
});
