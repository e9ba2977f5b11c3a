import { describe, expect, it } from 'vitest';
import type { ScoreSheet } from '../../shared/accountability/scoreSheet';
import { scoreSheetDocument } from '../../shared/forms/scoreSheet';
import { translate } from '../../shared/i18n/translate';

const SHEET: ScoreSheet = {
  from: '2026-03-01',
  to: '2026-03-31',
  lines: [
    {
      caseId: 'c1',
      caseNo: 'BJ01-20260302-001',
      entry: 1,
      staffId: 'h01',
      staffName: '<img src=x onerror=alert(1)>',
      department: '<b>客服部</b>',
      kind: 'direct',
      measure: 'fine',
      proposed: 1,
      points: 3,
      reason: '理由',
      at: Date.parse('2026-03-03T10:00:00+08:00'),
      appealDueAt: Date.parse('2026-03-10T23:59:59.999+08:00'),
      appeal: 'pending',
    },
  ],
  staff: [{ staffId: 'h01', staffName: '<img src=x onerror=alert(1)>', records: 1, points: 3 }],
  departments: [{ department: '<b>客服部</b>', records: 1, points: 3 }],
  total: { records: 1, points: 3 },
};

describe('the printed score sheet', () => {
  it('says the period, the totals and every line in the chosen language, escaping every value', () => {
    const page = scoreSheetDocument(SHEET, { t: (k, p) => translate('en', k, p), staff: () => '<img src=x onerror=alert(1)> (h01)' }, 'en');
    expect(page).toContain('Accountability score sheet');
    expect(page).toContain('Period: 2026-03-01 to 2026-03-31');
    expect(page).toContain('Waiting for decision');
    expect(page).toContain('Fine');
    expect(page).not.toContain('<img');
    expect(page).not.toContain('<b>');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt; (h01)');
    expect(page).toContain('&lt;b&gt;客服部&lt;/b&gt;');
  });

  it('an empty period says so', () => {
    const page = scoreSheetDocument(
      { ...SHEET, lines: [], staff: [], departments: [], total: { records: 0, points: 0 } },
      { t: (k, p) => translate('zh-CN', k, p), staff: (id) => id },
      'zh-CN',
    );
    expect(page).toContain('本期间没有追责记录。');
  });
});
