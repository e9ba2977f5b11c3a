import { describe, expect, it } from 'vitest';
import { monthPeriod, monthToExport } from '../../renderer/features/settings/exportPeriod';

const at = (text: string) => Date.parse(text);

describe('the month-end reminder to export', () => {
  it.each([
    ['in the last 3 days of a month, never synced', '2026-11-28T09:00:00+08:00', null, '2026-11'],
    ['on the last day of February', '2027-02-28T23:00:00+08:00', null, '2027-02'],
    ['in the first days of the next month, for the month before', '2026-12-05T09:00:00+08:00', null, '2026-11'],
    ['mid-month: no reminder', '2026-11-20T09:00:00+08:00', null, null],
    ['synced this month: no reminder', '2026-11-29T09:00:00+08:00', at('2026-11-03T10:00:00+08:00'), null],
    ['synced last month only', '2026-11-29T09:00:00+08:00', at('2026-10-31T23:00:00+08:00'), '2026-11'],
    ['China time decides the day (UTC still the 27th)', '2026-11-27T17:00:00Z', null, '2026-11'],
    ['new year: December is the month before', '2027-01-02T09:00:00+08:00', null, '2026-12'],
  ])('%s', (_what, now, lastSuccessAt, month) => {
    expect(monthToExport(at(now), { lastSuccessAt })).toBe(month);
  });

  it('a month is its first to its last day', () => {
    expect(monthPeriod('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthPeriod('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });
});
