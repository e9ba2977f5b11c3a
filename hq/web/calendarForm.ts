import type { CalendarOverride } from '../../shared/deadlines';
import { translate } from '../../shared/i18n/translate';
import { checkCalendar, type CalendarIssue } from '../calendar';
import { readCalendarLines, type ReadLines } from './calendarLines';
import type { Locale, T } from './i18n';

/** One problem of the publish form, in words: on a line of the days (with that line's text), of the year, or of the whole. */
export interface FormProblem {
  line?: number;
  text?: string;
  field: 'year' | 'days';
  message: string;
}

export type CalendarForm = { ok: true; year: number; days: CalendarOverride[] } | { ok: false; problems: FormProblem[] };

/** The year as typed: four digits make a number; anything else goes to the schema as it is, to be refused there in words. */
function yearOf(text: string): unknown {
  return /^\d{4}$/.test(text) ? Number(text) : text;
}

/** A schema issue (`days.3.date`, `year`, `days`) placed on the line its day came from. */
function placed(issue: CalendarIssue, read: ReadLines, lines: string[], message: string): FormProblem {
  const [field, index] = issue.path.split('.');
  if (field === 'year') return { field: 'year', message };
  const line = index === undefined ? undefined : read.lineOf[Number(index)];
  return line === undefined ? { field: 'days', message } : { field: 'days', line, text: lines[line - 1]!.trim(), message };
}

/**
 * The publish form's year and lines, read and checked with the calendar's own rules (hq/calendar.ts):
 * every problem at once, each named in the page's language, or the calendar to publish.
 */
export function readCalendarForm(locale: Locale, t: T, yearText: string, daysText: string): CalendarForm {
  const read = readCalendarLines(daysText);
  const lines = daysText.split(/\r\n|\r|\n/);
  const checked = checkCalendar(yearOf(yearText.trim()), read.days);
  if (checked.ok && read.problems.length === 0) return checked;
  const problems: FormProblem[] = [
    ...read.problems.map((p) => ({ field: 'days' as const, line: p.line, text: p.text, message: t(p.key) })),
    ...(checked.ok ? [] : checked.issues).map((issue) =>
      placed(issue, read, lines, translate(locale, issue.key, (issue.params ?? {}) as Record<string, string | number>)),
    ),
  ];
  // The year first, then the lines in their order, then anything about the whole.
  const rank = (p: FormProblem) => (p.field === 'year' ? -1 : (p.line ?? Number.MAX_SAFE_INTEGER));
  return { ok: false, problems: problems.sort((a, b) => rank(a) - rank(b)) };
}
