import { dateOfDayIndex, dayIndexOfDate, isCalendarDate } from '../deadlines/calendar';

/** A dashboard period may span at most this many days (a leap year, both ends included). */
export const MAX_DASHBOARD_DAYS = 366;

/** Store error keys of a period (shared/stats/messages.ts). */
export const PERIOD_ERRORS = {
  date: 'errors.stats.date',
  reversed: 'errors.stats.reversed',
  tooLong: 'errors.stats.tooLong',
} as const;

/**
 * What is wrong with a period of calendar days 'YYYY-MM-DD', both included, or null: an end before
 * the start, or more than MAX_DASHBOARD_DAYS days. Dates that are not real dates are the schema's to refuse.
 */
export function periodProblem(from: string, to: string): typeof PERIOD_ERRORS.reversed | typeof PERIOD_ERRORS.tooLong | null {
  if (!isCalendarDate(from) || !isCalendarDate(to)) return null;
  const days = dayIndexOfDate(to) - dayIndexOfDate(from) + 1;
  if (days < 1) return PERIOD_ERRORS.reversed;
  if (days > MAX_DASHBOARD_DAYS) return PERIOD_ERRORS.tooLong;
  return null;
}

/** Monday = 0 … Sunday = 6 of a day index (day 0, 1970-01-01, was a Thursday). */
function mondayBased(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** The ISO week of a day index: 'YYYY-Www' (the year of the week's Thursday) and the index of its Monday. */
export function isoWeekOf(day: number): { label: string; start: number } {
  const start = day - mondayBased(day);
  const thursday = start + 3;
  const year = Number(dateOfDayIndex(thursday).slice(0, 4));
  const week = Math.floor((thursday - dayIndexOfDate(`${year}-01-01`)) / 7) + 1;
  return { label: `${year}-W${String(week).padStart(2, '0')}`, start };
}

/** The calendar month 'YYYY-MM' of a day index and the index of its first day. */
export function monthOf(day: number): { label: string; start: number } {
  const label = dateOfDayIndex(day).slice(0, 7);
  return { label, start: dayIndexOfDate(`${label}-01`) };
}

/** The trend buckets (ISO weeks or months) that meet the days [first, last], each clipped to them, in order. */
export function bucketsOf(
  first: number,
  last: number,
  of: (day: number) => { label: string; start: number },
): { label: string; from: number; to: number }[] {
  const out: { label: string; from: number; to: number }[] = [];
  for (let day = first; day <= last;) {
    const { label } = of(day);
    let end = day;
    while (end + 1 <= last && of(end + 1).label === label) end++;
    out.push({ label, from: day, to: end });
    day = end + 1;
  }
  return out;
}
