/**
 * Working days in China time (Asia/Shanghai: UTC+8 all year, no DST).
 *
 * Official holidays and 调休 working days come from chinese-days' packaged JSON rather than its
 * isWorkday(): the library builds and reads its tables with the host's local-time getters, so in
 * any UTC−x time zone it answers for the wrong day (in New York, isWorkday('2026-10-17'), a plain
 * Saturday, is true). The JSON is the same data keyed by plain date strings.
 */
import chineseDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

export interface CalendarOverride {
  date: string;
  workday: boolean;
  name?: string;
}

/** One year's holidays and 调休 working days as head office published them (days inside that year). */
export interface YearCalendar {
  year: number;
  days: readonly CalendarOverride[];
}

/**
 * Where a year's working days come from: head office's calendar, the bundled library, a
 * supervisor's overrides only, or nowhere (Mon–Fri).
 */
export type YearCoverage = 'headOffice' | 'library' | 'overrides' | 'unknown';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * HOUR_MS;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of the China calendar day containing the instant `at`. */
export function chinaDayIndex(at: number): number {
  return Math.floor((at + CHINA_OFFSET_MS) / DAY_MS);
}

/** 00:00:00.000 China time of a day index, as epoch milliseconds. */
export function dayIndexStart(day: number): number {
  return day * DAY_MS - CHINA_OFFSET_MS;
}

/** 23:59:59.999 China time of a day index, as epoch milliseconds. */
export function dayIndexEnd(day: number): number {
  return dayIndexStart(day + 1) - 1;
}

/** Parses a real calendar date 'YYYY-MM-DD' into a day index; throws RangeError otherwise. */
export function dayIndexOfDate(date: string): number {
  const match = DATE_PATTERN.exec(date);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const utc = Date.UTC(year, month - 1, day);
    const back = new Date(utc);
    if (back.getUTCFullYear() === year && back.getUTCMonth() === month - 1 && back.getUTCDate() === day) {
      return utc / DAY_MS;
    }
  }
  throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${date}`);
}

/** Whether `date` is a real calendar date 'YYYY-MM-DD' (dayIndexOfDate's rule). */
export function isCalendarDate(date: string): boolean {
  try {
    dayIndexOfDate(date);
    return true;
  } catch {
    return false;
  }
}

/** 00:00:00.000 China time of the calendar date 'YYYY-MM-DD' (a date picker's value), as epoch milliseconds. */
export function startOfChinaDate(date: string): number {
  return dayIndexStart(dayIndexOfDate(date));
}

/** 23:59:59.999 China time of the calendar date 'YYYY-MM-DD': a due date means the end of that day. */
export function endOfChinaDate(date: string): number {
  return dayIndexEnd(dayIndexOfDate(date));
}

export function dateOfDayIndex(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The China calendar date of an instant, 'YYYY-MM-DD'. */
export function chinaDate(at: number): string {
  return dateOfDayIndex(chinaDayIndex(at));
}

const DATE_TIME_PATTERN = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/;
const MINUTE_MS = 60_000;

/** The China wall-clock time of an instant, 'YYYY-MM-DDTHH:mm' (what a date-time picker holds). */
export function chinaDateTime(at: number): string {
  return new Date(Math.floor(at / MINUTE_MS) * MINUTE_MS + CHINA_OFFSET_MS).toISOString().slice(0, 16);
}

/** The instant of the China wall-clock time 'YYYY-MM-DDTHH:mm'; throws RangeError otherwise. */
export function instantOfChinaDateTime(dateTime: string): number {
  const match = DATE_TIME_PATTERN.exec(dateTime);
  const [hours, minutes] = [Number(match?.[2]), Number(match?.[3])];
  if (!match || hours > 23 || minutes > 59) throw new RangeError(`Not a date and time (YYYY-MM-DDTHH:mm): ${dateTime}`);
  return startOfChinaDate(match[1]!) + hours * HOUR_MS + minutes * MINUTE_MS;
}

export function chinaYear(at: number): number {
  return new Date(chinaDayIndex(at) * DAY_MS).getUTCFullYear();
}

/** 0 = Sunday … 6 = Saturday. Day 0 (1970-01-01) was a Thursday. */
function weekdayOfDayIndex(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

function yearOfDayIndex(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

/** The year of a real calendar date 'YYYY-MM-DD'; throws RangeError otherwise. */
export function yearOfDate(date: string): number {
  return yearOfDayIndex(dayIndexOfDate(date));
}

interface DayRule {
  workday: boolean;
  name?: string;
}

function tableToRules(table: Record<string, string>, workday: boolean, into: Map<number, DayRule>): void {
  for (const [date, description] of Object.entries(table)) {
    // Library names read "National Day,国庆节,3": English, Chinese, length of the holiday.
    into.set(dayIndexOfDate(date), { workday, name: description.split(',')[1] ?? description });
  }
}

const LIBRARY_RULES = new Map<number, DayRule>();
tableToRules(chineseDays.holidays as Record<string, string>, false, LIBRARY_RULES);
tableToRules(chineseDays.workdays as Record<string, string>, true, LIBRARY_RULES);

/**
 * Years the bundled chinese-days has the State Council arrangement for (2004–2026 in v1.5.7).
 * Every arrangement makes 1 January a holiday; keying on it ignores an arrangement's spill-over
 * into the previous December (e.g. 2017's New Year holiday began on 2016-12-31).
 */
export const LIBRARY_YEARS: readonly number[] = [...new Set([...LIBRARY_RULES.keys()].map(yearOfDayIndex))]
  .filter((year) => LIBRARY_RULES.has(dayIndexOfDate(`${year}-01-01`)))
  .sort((a, b) => a - b);

const LIBRARY_YEAR_SET = new Set(LIBRARY_YEARS);

export function libraryKnowsYear(year: number): boolean {
  return LIBRARY_YEAR_SET.has(year);
}

/** Day-number memo keys: a deadline amount is at most 60, so 1024 slots per start day never collide. */
const MEMO_SLOTS = 1024;

/**
 * The working-day calendar deadlines are counted on. Its one precedence rule, per day: a local
 * entry (a supervisor's override) wins; else, in a year head office published, head office's
 * entry for the day, or a plain weekday rule when it has none (its calendar is the whole year's);
 * else the bundled library's entry; else Monday to Friday.
 */
export class WorkCalendar {
  private readonly overrides = new Map<number, DayRule>();
  private readonly overrideYears = new Set<number>();
  private readonly headOffice = new Map<number, DayRule>();
  private readonly headOfficeYears = new Set<number>();
  private readonly workdayMemo = new Map<number, boolean>();
  private readonly addMemo = new Map<number, number>();

  /** A later duplicate date wins, among overrides and within a head-office year alike. */
  constructor(overrides: readonly CalendarOverride[] = [], headOffice: readonly YearCalendar[] = []) {
    for (const { date, workday, name } of overrides) {
      const day = dayIndexOfDate(date);
      this.overrides.set(day, name === undefined ? { workday } : { workday, name });
      this.overrideYears.add(yearOfDayIndex(day));
    }
    for (const { year, days } of headOffice) {
      this.headOfficeYears.add(year);
      for (const { date, workday, name } of days) {
        const day = dayIndexOfDate(date);
        // Head office's calendar of a year speaks for that year only.
        if (yearOfDayIndex(day) === year) this.headOffice.set(day, name === undefined ? { workday } : { workday, name });
      }
    }
  }

  /** The entry that decides `day`, if any: local, else head office's year, else the library (see the class). */
  private ruleOf(day: number): DayRule | undefined {
    const local = this.overrides.get(day);
    if (local) return local;
    if (this.headOfficeYears.has(yearOfDayIndex(day))) return this.headOffice.get(day);
    return LIBRARY_RULES.get(day);
  }

  /** Whether chinese-days has the official holidays of `year`. */
  knowsYear(year: number): boolean {
    return libraryKnowsYear(year);
  }

  coverage(year: number): YearCoverage {
    if (this.headOfficeYears.has(year)) return 'headOffice';
    if (libraryKnowsYear(year)) return 'library';
    return this.overrideYears.has(year) ? 'overrides' : 'unknown';
  }

  /** Local entries in `year` (they win over head office and the library). */
  overridesIn(year: number): number {
    let count = 0;
    for (const day of this.overrides.keys()) if (yearOfDayIndex(day) === year) count++;
    return count;
  }

  /** Years in [fromYear, toYear] with no calendar at all (head office, library or overrides): the UI asks for their holidays. */
  uncoveredYears(fromYear: number, toYear: number): number[] {
    const years: number[] = [];
    for (let year = fromYear; year <= toYear; year++) {
      if (this.coverage(year) === 'unknown') years.push(year);
    }
    return years;
  }

  /**
   * From 1 December (China time) on: next year, when it has no calendar at all (head office,
   * library or local entries), so the supervisor is warned in time; otherwise null.
   */
  nextYearMissing(at: number): number | null {
    const today = new Date(chinaDayIndex(at) * DAY_MS);
    if (today.getUTCMonth() !== 11) return null;
    const next = today.getUTCFullYear() + 1;
    return this.coverage(next) === 'unknown' ? next : null;
  }

  isWorkday(date: string): boolean {
    return this.isWorkdayIndex(dayIndexOfDate(date));
  }

  /** The holiday or 调休 name of a date, from the entry that decides it, if it has one. */
  dayName(date: string): string | undefined {
    return this.ruleOf(dayIndexOfDate(date))?.name;
  }

  isWorkdayIndex(day: number): boolean {
    let workday = this.workdayMemo.get(day);
    if (workday === undefined) {
      const rule = this.ruleOf(day);
      if (rule) workday = rule.workday;
      else {
        const weekday = weekdayOfDayIndex(day);
        workday = weekday !== 0 && weekday !== 6;
      }
      this.workdayMemo.set(day, workday);
    }
    return workday;
  }

  /** The Nth working day after `date` (the date itself does not count; n = 0 gives the date back). */
  addWorkingDays(date: string, n: number): string {
    return dateOfDayIndex(this.addWorkingDaysIndex(dayIndexOfDate(date), n));
  }

  addWorkingDaysIndex(day: number, n: number): number {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`Working days must be a whole number ≥ 0: ${n}`);
    const key = n < MEMO_SLOTS ? day * MEMO_SLOTS + n : undefined;
    const known = key === undefined ? undefined : this.addMemo.get(key);
    if (known !== undefined) return known;
    let current = day;
    for (let left = n; left > 0;) {
      current++;
      if (this.isWorkdayIndex(current)) left--;
    }
    if (key !== undefined) this.addMemo.set(key, current);
    return current;
  }

  /** 23:59:59.999 China time of the Nth working day after the China day of `startAt`. */
  workingDaysDeadline(startAt: number, n: number): number {
    return dayIndexEnd(this.addWorkingDaysIndex(chinaDayIndex(startAt), n));
  }

  /** 00:00 China time of the Nth working day after the China day of `startAt`. */
  workingDaysOpening(startAt: number, n: number): number {
    return dayIndexStart(this.addWorkingDaysIndex(chinaDayIndex(startAt), n));
  }
}
