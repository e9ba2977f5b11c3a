import type { SyncStatus } from '../../shared/api/contract';
import type { CaseRecord } from '../../shared/domain/case';
import type { ProfileId } from '../../shared/domain/enums';
import { newCaseRecord } from '../../shared/domain/newCase';
import { catalogs, LOCALES } from '../../shared/i18n/translate';
import { ui } from '../../renderer/i18n/ui';

export const MONDAY_10AM = Date.parse('2026-03-02T10:00:00+08:00');

/** A pawnshop complaint just registered at the counter by clerk c01. */
export function registeredCase(profileId: ProfileId = 'pawnshop'): CaseRecord {
  return newCaseRecord({
    id: '0190f3a2-0000-7000-8000-000000000001',
    caseNo: 'BJ01-20260302-001',
    branchCode: 'BJ01',
    profileId,
    now: MONDAY_10AM,
    intake: {
      channel: 'walk_in',
      receivedAt: MONDAY_10AM,
      receivedBy: 'c01',
      complainant: {
        name: '王小明',
        phone: '13812345678',
        address: '朝阳区建国路 1 号',
        email: '',
        idType: 'resident_id',
        idNumber: '',
        anonymous: false,
      },
      businessRef: 'DP2026030200017',
      category: 'appraisal',
      severity: 'general',
      isReport: false,
      content: '当物鉴定估价明显偏低，要求重新鉴定。',
      expectedResolution: '重新鉴定',
    },
  });
}

/** Whether every language the screens offer has a text for the key (screen texts or domain labels). */
export function isTranslated(key: string): boolean {
  return LOCALES.every((locale) => key in (ui[locale] as Record<string, string>) || key in catalogs[locale]);
}

/** Head-office sync as the store reports it: enrolled, nothing waiting, nothing tried yet; `s` changes that. */
export const syncStatusOf = (s: Partial<SyncStatus> = {}): SyncStatus => ({
  enrolled: true,
  hqUrl: 'https://hq.example.cn',
  branch: 'BJ01',
  waiting: 0,
  lastSuccessAt: null,
  lastAttemptAt: null,
  nextAttemptAt: null,
  lastError: null,
  sending: null,
  ...s,
});
