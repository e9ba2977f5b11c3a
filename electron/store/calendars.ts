import {
  calendarFileSchema,
  chinaYear,
  mergePublishedCalendars,
  mergePublishedPolicies,
  WorkCalendar,
  yearOfDate,
  type CalendarOverride,
  type PublishedCalendar,
  type PublishedPolicy,
} from '../../shared/deadlines';
import type { DeadlineSettings } from '../../shared/api/contract';
import type { CalendarsAnswer } from '../../shared/sync/protocol';
import { META_CALENDAR, META_HQ_CALENDARS, StoreError, type StoreContext } from './context';
import { refreshPolicy } from './policy';
import { zodIssues } from './validation';

/**
 * Head office's calendars as this branch holds them: each year's newest, each profile's newest
 * deadline policy, and `since`, the newest version the sync has seen (only a sync answer moves it:
 * a file may hold some years only).
 */
export interface HeldHqCalendars {
  since: number;
  calendars: PublishedCalendar[];
  /** Absent in what a branch kept before head office published policies. */
  policies?: PublishedPolicy[];
}

export async function heldHqCalendars(ctx: StoreContext): Promise<HeldHqCalendars> {
  const stored = (await ctx.db.meta.get(META_HQ_CALENDARS))?.value as HeldHqCalendars | undefined;
  return stored ?? { since: 0, calendars: [] };
}

/** The calendar deadlines are counted on: the local entries and head office's calendars (WorkCalendar's precedence). */
export async function refreshCalendar(ctx: StoreContext): Promise<void> {
  const [overrides, held] = await Promise.all([
    ctx.db.meta.get(META_CALENDAR).then((row) => (row?.value as CalendarOverride[] | undefined) ?? []),
    heldHqCalendars(ctx),
  ]);
  ctx.calendar = new WorkCalendar(overrides, held.calendars);
}

/** What head office sends a branch: the sync answer's lists, which its calendar file (CalendarFile) carries alike. */
type Received = Pick<CalendarsAnswer, 'calendars' | 'policies'>;

/**
 * The one way head office's calendars and policies are kept, whether the sync or a file brought
 * them: per year and per profile the higher version wins (an older or equal one changes nothing).
 */
async function keep(ctx: StoreContext, received: Received, since?: number): Promise<void> {
  await ctx.db.transaction('rw', ctx.db.meta, async () => {
    const held = await heldHqCalendars(ctx);
    // Head office's versions went back (its database was replaced): its answer, all years, replaces what was held.
    const restarted = since !== undefined && since < held.since;
    const calendars = mergePublishedCalendars(restarted ? [] : held.calendars, received.calendars);
    // Without `policies` (an older head office or file) the branch keeps the policies it held.
    const policies = mergePublishedPolicies(restarted ? [] : (held.policies ?? []), received.policies ?? []);
    const value: HeldHqCalendars = { since: since ?? held.since, calendars, policies };
    await ctx.db.meta.put({ key: META_HQ_CALENDARS, value });
  });
  // Deadlines computed from now on use them (as after a supervisor's own entries).
  await refreshCalendar(ctx);
  await refreshPolicy(ctx);
}

/** What the sync received (GET /v1/calendars): kept, and the next request asks for what is newer. */
export async function receiveHqCalendars(ctx: StoreContext, answer: CalendarsAnswer): Promise<void> {
  await keep(ctx, answer, answer.latest);
}

function refused(key: string, issues: { path: string; key: string; params?: Record<string, number | string> }[] = []): never {
  throw new StoreError({ code: 'invalid_input', message: key, ...(issues[0]?.params ? { params: issues[0].params } : {}), issues });
}

/**
 * A supervisor loads the file head office exported (the settings' "Load head office's calendar"):
 * all of it is checked before anything is kept; a bad file is refused whole with the first problem.
 * Its calendars and deadline policies are kept as the sync's are (keep), but never move `since`.
 */
export async function loadCalendarFile(ctx: StoreContext, text: string): Promise<void> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    refused('errors.calendar.notAFile', [{ path: 'text', key: 'errors.calendar.notAFile' }]);
  }
  const checked = calendarFileSchema.safeParse(parsed);
  if (!checked.success) {
    const issues = zodIssues(checked.error, 'text');
    refused(issues[0]!.key, issues);
  }
  await keep(ctx, checked.data);
}

/** Per year shown in the settings: where its calendar comes from, and the local entries that win over it. */
export async function calendarYears(ctx: StoreContext): Promise<Pick<DeadlineSettings, 'calendarYears' | 'nextYearMissing'>> {
  const held = await heldHqCalendars(ctx);
  const overrides = ((await ctx.db.meta.get(META_CALENDAR))?.value as CalendarOverride[] | undefined) ?? [];
  // From what was just read (a live query may re-run before ctx.calendar is rebuilt).
  const calendar = new WorkCalendar(overrides, held.calendars);
  const year = chinaYear(ctx.now());
  const years = [...new Set([year, year + 1, ...held.calendars.map((c) => c.year), ...overrides.map((o) => yearOfDate(o.date))])]
    .filter((y) => y >= year - 1)
    .sort((a, b) => a - b);
  return {
    calendarYears: years.map((y) => ({
      year: y,
      source: calendar.coverage(y),
      localEntries: calendar.overridesIn(y),
      publishedAt: held.calendars.find((c) => c.year === y)?.publishedAt ?? null,
    })),
    nextYearMissing: calendar.nextYearMissing(ctx.now()),
  };
}
