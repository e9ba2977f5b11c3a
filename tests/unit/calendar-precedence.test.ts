import { describe, expect, it } from 'vitest';
import {
  calendarFileSchema,
  mergePublishedCalendars,
  publishedCalendarSchema,
  WorkCalendar,
  yearCalendarSchema,
  type PublishedCalendar,
} from '../../shared/deadlines';

/** 2027: New Year's Day on a Friday, and a 调休 Saturday (the library has no 2027). */
const HQ_2027: PublishedCalendar = {
  year: 2027,
  version: 3,
  publishedAt: Date.parse('2026-11-20T10:00:00+08:00'),
  days: [
    { date: '2027-01-01', workday: false, name: '元旦' },
    { date: '2027-02-20', workday: true, name: '春节调休' },
  ],
};

describe('one precedence rule: local entries, else head office (for its years), else the library, else Monday–Friday', () => {
  it('a year only head office has: its days decide', () => {
    const calendar = new WorkCalendar([], [HQ_2027]);
    expect(calendar.isWorkday('2027-01-01')).toBe(false);
    expect(calendar.dayName('2027-01-01')).toBe('元旦');
    expect(calendar.isWorkday('2027-02-20')).toBe(true); // a Saturday
    expect(calendar.isWorkday('2027-01-04')).toBe(true); // a plain Monday
    expect(calendar.addWorkingDays('2026-12-31', 1)).toBe('2027-01-04');
    expect(new WorkCalendar().addWorkingDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(calendar.coverage(2027)).toBe('headOffice');
  });

  it('a local entry wins over head office, day by day; head office keeps the other days', () => {
    const calendar = new WorkCalendar([{ date: '2027-01-01', workday: true, name: '本店照常营业' }], [HQ_2027]);
    expect(calendar.isWorkday('2027-01-01')).toBe(true);
    expect(calendar.dayName('2027-01-01')).toBe('本店照常营业');
    expect(calendar.isWorkday('2027-02-20')).toBe(true);
    expect(calendar.coverage(2027)).toBe('headOffice');
    expect(calendar.overridesIn(2027)).toBe(1);
  });

  it('head office replaces the library for a year it published: a library day it left out is a plain weekday', () => {
    // 2026-10-01 (Thursday) is a National Day holiday in the library; 2026-10-10 (Saturday) a 调休 working day.
    const library = new WorkCalendar();
    expect(library.isWorkday('2026-10-01')).toBe(false);
    expect(library.isWorkday('2026-10-10')).toBe(true);
    const corrected = new WorkCalendar([], [{ year: 2026, days: [{ date: '2026-10-02', workday: false }] }]);
    expect(corrected.isWorkday('2026-10-01')).toBe(true);
    expect(corrected.isWorkday('2026-10-02')).toBe(false);
    expect(corrected.isWorkday('2026-10-10')).toBe(false);
    expect(corrected.coverage(2026)).toBe('headOffice');
    // Other years keep the library.
    expect(corrected.isWorkday('2025-10-01')).toBe(false);
    expect(corrected.coverage(2025)).toBe('library');
  });

  it('head office speaks only for its own year', () => {
    const calendar = new WorkCalendar([], [{ year: 2027, days: [{ date: '2028-01-03', workday: false }] }]);
    expect(calendar.isWorkday('2028-01-03')).toBe(true);
    expect(calendar.coverage(2028)).toBe('unknown');
  });

  it('coverage: head office, then the library, then local entries only, then none', () => {
    const calendar = new WorkCalendar([{ date: '2028-01-03', workday: false }], [HQ_2027]);
    expect([2026, 2027, 2028, 2029].map((y) => calendar.coverage(y))).toEqual(['library', 'headOffice', 'overrides', 'unknown']);
    expect(calendar.uncoveredYears(2026, 2029)).toEqual([2029]);
  });

  it('from 1 December (China time), next year with no calendar at all is named; before, or once covered, it is not', () => {
    const plain = new WorkCalendar();
    expect(plain.nextYearMissing(Date.parse('2026-11-30T23:59:00+08:00'))).toBeNull();
    // 16:00 UTC on 30 November is already 1 December in China.
    expect(plain.nextYearMissing(Date.parse('2026-11-30T16:00:00Z'))).toBe(2027);
    expect(plain.nextYearMissing(Date.parse('2026-12-31T23:59:00+08:00'))).toBe(2027);
    expect(plain.nextYearMissing(Date.parse('2027-01-01T00:00:00+08:00'))).toBeNull();
    expect(new WorkCalendar([], [HQ_2027]).nextYearMissing(Date.parse('2026-12-01T09:00:00+08:00'))).toBeNull();
    expect(new WorkCalendar([{ date: '2027-01-01', workday: false }]).nextYearMissing(Date.parse('2026-12-01T09:00:00+08:00'))).toBeNull();
    // 2026 is in the library: on 1 December 2025 nothing is missing.
    expect(plain.nextYearMissing(Date.parse('2025-12-01T09:00:00+08:00'))).toBeNull();
  });
});

describe("head office's calendars: checked, merged", () => {
  const issues = (r: { success: boolean; error?: { issues: { message: string; path: PropertyKey[] }[] } }) =>
    r.error?.issues.map((i) => [i.path.join('.'), i.message]);

  it('real dates, each once, all inside the year', () => {
    expect(yearCalendarSchema.safeParse({ year: 2027, days: HQ_2027.days }).success).toBe(true);
    expect(issues(yearCalendarSchema.safeParse({ year: 2027, days: [{ date: '2027-02-30', workday: false }] }))).toEqual([
      ['days.0.date', 'errors.deadline.date'],
    ]);
    expect(
      issues(
        yearCalendarSchema.safeParse({
          year: 2027,
          days: [
            { date: '2027-01-01', workday: false },
            { date: '2027-01-01', workday: true },
          ],
        }),
      ),
    ).toEqual([['days.1.date', 'errors.deadline.duplicateDate']]);
    const outside = yearCalendarSchema.safeParse({ year: 2027, days: [{ date: '2026-12-31', workday: false }] });
    expect(issues(outside)).toEqual([['days.0.date', 'errors.calendar.outsideYear']]);
    expect((outside.error!.issues[0] as { params?: unknown }).params).toEqual({ year: 2027 });
    expect(issues(yearCalendarSchema.safeParse({ year: 1999, days: [] }))).toEqual([['year', 'errors.calendar.year']]);
    expect(publishedCalendarSchema.safeParse({ ...HQ_2027, version: 0 }).success).toBe(false);
  });

  it("a file that is not head office's calendar file says so", () => {
    expect(issues(calendarFileSchema.safeParse({ hello: 'world' }))?.[0]?.[1]).toBe('errors.calendar.notAFile');
    expect(issues(calendarFileSchema.safeParse([]))?.[0]?.[1]).toBe('errors.calendar.notAFile');
    expect(calendarFileSchema.safeParse({ format: 'countersign-calendar', formatVersion: 1, calendars: [HQ_2027] }).success).toBe(true);
  });

  it('per year, the higher version wins, whichever arrives first', () => {
    const older = { ...HQ_2027, version: 2, days: [] };
    const y2028 = { ...HQ_2027, year: 2028, version: 1, days: [] };
    expect(mergePublishedCalendars([HQ_2027], [older, y2028])).toEqual([HQ_2027, y2028]);
    expect(mergePublishedCalendars([older], [HQ_2027])).toEqual([HQ_2027]);
  });
});
