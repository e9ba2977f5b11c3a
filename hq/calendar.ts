import {
  calendarFile,
  deadlineMessages,
  yearCalendarSchema,
  type CalendarFile,
  type CalendarOverride,
  type PublishedCalendar,
} from '../shared/deadlines';
import type { CalendarsAnswer } from '../shared/sync/protocol';
import type { Queryable } from './db/types';
import { RequestError } from './errors';
import { publishedPolicies } from './policies';

/** One problem of a calendar: where it is (`days.3.date`, `year`, `days`) and its i18n key (shared/deadlines/messages.ts). */
export interface CalendarIssue {
  path: string;
  key: string;
  params?: Record<string, unknown>;
}

/** Why a calendar cannot be published: each problem with where it is (`days.3.date`) and its i18n key. */
export class CalendarProblem extends Error {
  constructor(readonly issues: CalendarIssue[]) {
    super(issues.map((i) => `${i.path || 'calendar'}: ${describe(i.key, i.params)}`).join('; '));
  }
}

/** The English text of a key, for the command line and logs (the HQ page translates the keys itself). */
function describe(key: string, params: Record<string, unknown> = {}): string {
  const text = (deadlineMessages.en as Record<string, string>)[key] ?? key;
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? ''));
}

export interface PublishRequest {
  year: unknown;
  days: unknown;
  /** Who publishes (a signed-in user's name, or the command line's user). */
  by: string;
}

/** A year's calendar as published, and who published it (head office's own record: not sent to branches). */
export interface CalendarPublication extends PublishedCalendar {
  publishedBy: string;
}

interface CalendarRow {
  version: string | number;
  year: number;
  days: CalendarOverride[];
  published_at: string | number;
  published_by?: string;
}

function published(row: CalendarRow): PublishedCalendar {
  return { year: row.year, version: Number(row.version), publishedAt: Number(row.published_at), days: row.days };
}

function publication(row: CalendarRow & { published_by: string }): CalendarPublication {
  return { ...published(row), publishedBy: row.published_by };
}

/** A year and its days checked as publishCalendar checks them: real dates, each once, all inside the year. */
export function checkCalendar(
  year: unknown,
  days: unknown,
): { ok: true; year: number; days: CalendarOverride[] } | { ok: false; issues: CalendarIssue[] } {
  const checked = yearCalendarSchema.safeParse({ year, days });
  if (checked.success) return { ok: true, ...checked.data };
  return {
    ok: false,
    issues: checked.error.issues.map((issue) => {
      const { params } = issue as { params?: Record<string, unknown> };
      return { path: issue.path.join('.'), key: issue.message, ...(params ? { params } : {}) };
    }),
  };
}

/**
 * Publishes a year's calendar (a new version; the year's previous one is superseded): real dates,
 * each once, all inside the year. Throws CalendarProblem, storing nothing, otherwise.
 */
export async function publishCalendar(db: Queryable, r: PublishRequest, now: number): Promise<PublishedCalendar> {
  const checked = checkCalendar(r.year, r.days);
  if (!checked.ok) throw new CalendarProblem(checked.issues);
  const by = r.by.trim().slice(0, 100) || 'head office';
  const days = [...checked.days].sort((a, b) => a.date.localeCompare(b.date));
  const { rows } = await db.query<CalendarRow>(
    `INSERT INTO calendars (year, days, published_at, published_by) VALUES ($1, $2, $3, $4)
     RETURNING version, year, days, published_at`,
    [checked.year, JSON.stringify(days), now, by],
  );
  return published(rows[0]!);
}

const NEWEST_PER_YEAR = `SELECT DISTINCT ON (year) version, year, days, published_at FROM calendars`;

/** A year's calendar as last published, or null. */
export async function publishedCalendar(db: Queryable, year: number): Promise<CalendarPublication | null> {
  const { rows } = await db.query<CalendarRow & { published_by: string }>(
    'SELECT version, year, days, published_at, published_by FROM calendars WHERE year = $1 ORDER BY version DESC LIMIT 1',
    [year],
  );
  return rows[0] ? publication(rows[0]) : null;
}

/** Every year's newest calendar with who published it, by year (the HQ page's list). */
export async function calendarPublications(db: Queryable): Promise<CalendarPublication[]> {
  const { rows } = await db.query<CalendarRow & { published_by: string }>(
    'SELECT DISTINCT ON (year) version, year, days, published_at, published_by FROM calendars ORDER BY year, version DESC',
  );
  return rows.map(publication);
}

/** Every year's newest calendar, by year. */
export async function publishedCalendars(db: Queryable): Promise<PublishedCalendar[]> {
  const { rows } = await db.query<CalendarRow>(`${NEWEST_PER_YEAR} ORDER BY year, version DESC`);
  return rows.map(published);
}

/**
 * The answer of GET /v1/calendars?since=N: each year's newest calendar and each profile's newest
 * deadline policy (hq/policies.ts) when it is newer than N (one version sequence for both).
 */
export async function calendarsSince(db: Queryable, since: number, now: number): Promise<CalendarsAnswer> {
  const { rows } = await db.query<CalendarRow>(`${NEWEST_PER_YEAR} ORDER BY year, version DESC`);
  const calendars = rows.map(published);
  const policies = await publishedPolicies(db);
  const latest = [...calendars, ...policies].reduce((max, c) => Math.max(max, c.version), 0);
  // A branch ahead of head office (its database was replaced) gets everything again.
  const wanted = (version: number) => since > latest || version > since;
  return {
    serverTime: now,
    latest,
    calendars: calendars.filter((c) => wanted(c.version)),
    policies: policies.filter((p) => wanted(p.version)),
  };
}

/** `since` as a request carries it: a whole number of at most 15 digits. */
export function sinceOf(query: unknown): number {
  const since = (query as { since?: unknown } | undefined)?.since;
  if (typeof since !== 'string' || !/^\d{1,15}$/.test(since))
    throw new RequestError('malformed', 'GET /v1/calendars needs ?since= and the newest version the branch holds (0: none).');
  return Number(since);
}

/**
 * The file a branch loads in its settings: the years' newest calendars (all years when none is
 * named) and every profile's newest deadline policy, as the sync answer carries them.
 */
export async function exportCalendars(db: Queryable, years?: number[]): Promise<CalendarFile> {
  const all = await publishedCalendars(db);
  const chosen = years ? all.filter((c) => years.includes(c.year)) : all;
  if (chosen.length === 0) throw new Error(years ? `no calendar is published for ${years.join(', ')}` : 'no calendar is published');
  return calendarFile(chosen, await publishedPolicies(db));
}

/** The calendar file's text, as `calendar export` writes it and the HQ page downloads it. */
export function calendarFileText(file: CalendarFile): string {
  return JSON.stringify(file, null, 2) + '\n';
}
