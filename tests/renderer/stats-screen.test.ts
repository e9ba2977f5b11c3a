import { describe, expect, it } from 'vitest';
import { catalogs, LOCALES } from '../../shared/i18n/translate';
import { KPI_IDS } from '../../shared/stats/kpis';
import { amount, percent, percentPoints } from '../../renderer/features/stats/format';
import { statsUi } from '../../renderer/i18n/stats';

describe('the statistics screen’s words', () => {
  it('has the same keys and placeholders in the three languages', () => {
    const placeholders = (v: string) => [...v.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
    const cn = statsUi['zh-CN'] as Record<string, string>;
    for (const locale of LOCALES) {
      const catalog = statsUi[locale] as Record<string, string>;
      expect(Object.keys(catalog).sort(), locale).toEqual(Object.keys(cn).sort());
      for (const key of Object.keys(cn)) expect(placeholders(catalog[key]!), `${locale} ${key}`).toEqual(placeholders(cn[key]!));
    }
  });

  it('names and defines every indicator in every language', () => {
    for (const locale of LOCALES)
      for (const id of KPI_IDS) {
        expect(catalogs[locale][`stats.kpi.${id}`], `${locale} ${id}`).toBeTruthy();
        expect(catalogs[locale][`stats.kpi.${id}.definition`], `${locale} ${id}`).toBeTruthy();
      }
  });
});

describe('an indicator on the screen', () => {
  it('is a percentage in the screen’s language, a dash without a value', () => {
    expect(percent('en', { value: 2 / 3, numerator: 2, denominator: 3 }, '—')).toBe('66.7%');
    expect(percent('zh-CN', { value: 1, numerator: 1, denominator: 1 }, '—')).toBe('100%');
    expect(percent('en', { value: null, numerator: 0, denominator: 0 }, '—')).toBe('—');
  });

  it('is a number of percent on a chart, a gap without a value', () => {
    expect(percentPoints({ value: 0.12345, numerator: 1, denominator: 8 })).toBe(12.3);
    expect(percentPoints({ value: null, numerator: 0, denominator: 0 })).toBeNull();
  });

  it('shows a satisfaction score’s half points', () => {
    expect([amount(3), amount(2.5)]).toEqual(['3', '2.5']);
  });
});
