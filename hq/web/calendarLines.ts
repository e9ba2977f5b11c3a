import type { CalendarOverride } from '../../shared/deadlines';

/**
 * The HQ page's way of entering a year's special days: one day a line (docs/hq.md, "The line format").
 *
 *   2027-01-01 休 元旦
 *   2027-02-07 班 春节调休
 *
 * A date (YYYY-MM-DD; 2027/2/7 is read too), then 休 or off (a holiday) or 班 or work (a 调休
 * working day), then a name if wanted. Blank lines and lines starting with # are skipped. Whether a
 * date is real, inside the year and entered once is checked by the calendar's own schema
 * (hq/calendar.ts checkCalendar); this only reads the lines.
 */

export type LineProblemKey = 'calendars.line.date' | 'calendars.line.kind';

export interface LineProblem {
  /** 1-based, as people count lines. */
  line: number;
  text: string;
  key: LineProblemKey;
}

export interface ReadLines {
  days: CalendarOverride[];
  /** The line number each of `days` came from (a schema issue at days.3 is about line lineOf[3]). */
  lineOf: number[];
  problems: LineProblem[];
}

const KINDS: Record<string, boolean> = { 休: false, off: false, 班: true, work: true };
const DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/;

export function readCalendarLines(text: string): ReadLines {
  const out: ReadLines = { days: [], lineOf: [], problems: [] };
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim(); // \s covers the full-width space U+3000 too
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const [dateText = '', kindText = '', ...nameWords] = trimmed.split(/\s+/);
    const date = DATE.exec(dateText);
    if (!date) return out.problems.push({ line, text: trimmed, key: 'calendars.line.date' });
    const workday = Object.hasOwn(KINDS, kindText.toLowerCase()) ? KINDS[kindText.toLowerCase()] : undefined;
    if (workday === undefined) return out.problems.push({ line, text: trimmed, key: 'calendars.line.kind' });
    const name = nameWords.join(' ');
    out.days.push({ date: `${date[1]}-${date[2]!.padStart(2, '0')}-${date[3]!.padStart(2, '0')}`, workday, ...(name ? { name } : {}) });
    out.lineOf.push(line);
  });
  return out;
}

/** A calendar's days as lines of the same format (to correct a published year). */
export function calendarLines(days: readonly CalendarOverride[]): string {
  return days.map((d) => [d.date, d.workday ? '班' : '休', d.name].filter(Boolean).join(' ')).join('\n');
}
