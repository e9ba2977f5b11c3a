/**
 * Head office's calendars: a year's public holidays and 调休 working days, published once at head
 * office and received by every branch (on its sync, or from the file head office exports, which
 * carries head office's deadline policies too). One schema checks them wherever they are read: at
 * head office before publishing, in the sync answer, and in the file a supervisor loads. Messages
 * are i18n keys (messages.ts).
 */
import { z } from 'zod';
import { isCalendarDate, yearOfDate, type CalendarOverride, type YearCalendar } from './calendar';
import { publishedPoliciesSchema, type PublishedPolicy } from './publishedPolicies';
import { calendarOverridesSchema, DEADLINE_ERRORS } from './schema';

/** A year's calendar as head office published it; `version` grows with every publication (of any year). */
export interface PublishedCalendar extends YearCalendar {
  version: number;
  /** Epoch milliseconds. */
  publishedAt: number;
  days: CalendarOverride[];
}

export const CALENDAR_ERRORS = {
  year: 'errors.calendar.year',
  outsideYear: 'errors.calendar.outsideYear',
  notAFile: 'errors.calendar.notAFile',
  tooLarge: 'errors.calendar.tooLarge',
} as const;

export const MIN_CALENDAR_YEAR = 2000;
export const MAX_CALENDAR_YEAR = 2100;
/** The file format's name and version, so a branch can tell head office's calendar file from any other JSON. */
export const CALENDAR_FILE_FORMAT = 'countersign-calendar';
export const CALENDAR_FILE_VERSION = 1;
/** A calendar file is small (a year is a few dozen days): anything larger is not one. */
export const MAX_CALENDAR_FILE_BYTES = 1024 * 1024;
const MAX_YEARS = 200;

export const calendarYearSchema = z
  .int({ error: CALENDAR_ERRORS.year })
  .min(MIN_CALENDAR_YEAR, { error: CALENDAR_ERRORS.year })
  .max(MAX_CALENDAR_YEAR, { error: CALENDAR_ERRORS.year });

/** Every day of a year's calendar is inside that year (the dates are real and each once: calendarOverridesSchema). */
function daysInsideYear(calendar: YearCalendar, ctx: z.RefinementCtx): void {
  calendar.days.forEach((day, index) => {
    // A date that is not a real one has its own issue (calendarOverridesSchema); zod runs this check anyway.
    if (!isCalendarDate(day.date)) return;
    if (yearOfDate(day.date) !== calendar.year)
      ctx.addIssue({
        code: 'custom',
        message: CALENDAR_ERRORS.outsideYear,
        path: ['days', index, 'date'],
        params: { year: calendar.year },
      });
  });
}

/** A year and its days, as head office publishes them. */
export const yearCalendarSchema: z.ZodType<{ year: number; days: CalendarOverride[] }> = z
  .object({ year: calendarYearSchema, days: calendarOverridesSchema }, { error: DEADLINE_ERRORS.invalid })
  .superRefine(daysInsideYear);

const epochMs = z.number().int().min(0).max(8.64e15);

export const publishedCalendarSchema: z.ZodType<PublishedCalendar> = z
  .object({ year: calendarYearSchema, version: z.number().int().min(1), publishedAt: epochMs, days: calendarOverridesSchema })
  .superRefine(daysInsideYear);

/**
 * The file head office exports (`npm run hq -- calendar export`) for a branch to load in its
 * settings: what the sync answer (CalendarsAnswer) carries, for a branch that does not sync.
 */
export interface CalendarFile {
  format: typeof CALENDAR_FILE_FORMAT;
  formatVersion: typeof CALENDAR_FILE_VERSION;
  calendars: PublishedCalendar[];
  /**
   * Every business profile's newest deadline policy, as the sync answer's `policies`. Absent from
   * files exported before head office's policies travelled in the file: such a file still loads.
   */
  policies?: PublishedPolicy[];
}

export const calendarFileSchema: z.ZodType<CalendarFile> = z.object(
  {
    format: z.literal(CALENDAR_FILE_FORMAT, { error: CALENDAR_ERRORS.notAFile }),
    formatVersion: z.literal(CALENDAR_FILE_VERSION, { error: CALENDAR_ERRORS.notAFile }),
    calendars: z
      .array(publishedCalendarSchema, { error: CALENDAR_ERRORS.notAFile })
      .min(1, { error: CALENDAR_ERRORS.notAFile })
      .max(MAX_YEARS),
    policies: publishedPoliciesSchema.optional(),
  },
  { error: CALENDAR_ERRORS.notAFile },
);

/** The file of these calendars and policies (head office writes `policies` always, an empty list when it has published none). */
export function calendarFile(calendars: PublishedCalendar[], policies: PublishedPolicy[] = []): CalendarFile {
  return { format: CALENDAR_FILE_FORMAT, formatVersion: CALENDAR_FILE_VERSION, calendars, policies };
}

/**
 * What a branch holds of head office's calendars after receiving `incoming`: per year, the higher
 * version wins (a file older than the last sync changes nothing).
 */
export function mergePublishedCalendars(held: readonly PublishedCalendar[], incoming: readonly PublishedCalendar[]): PublishedCalendar[] {
  const byYear = new Map(held.map((c) => [c.year, c]));
  for (const calendar of incoming) {
    const known = byYear.get(calendar.year);
    if (!known || calendar.version > known.version) byYear.set(calendar.year, calendar);
  }
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}
