import { MAX_OVERDUE_LISTED, type Dashboard, type DashboardGroup, type OverdueCase, type TrendPoint } from '../../shared/api/contract';
import { chinaDayIndex, dateOfDayIndex, dayIndexOfDate, dayIndexStart } from '../../shared/deadlines';
import type { Actor } from '../../shared/domain/case';
import { CHANNELS, RESPONSIBILITIES, SATISFACTIONS, SEVERITIES } from '../../shared/domain/enums';
import { addToTally, emptyTally, kpisOf, type KpiTally } from '../../shared/stats/kpis';
import { bucketsOf, isoWeekOf, monthOf } from '../../shared/stats/period';
import { requireSupervisor, type StoreContext } from './context';
import type { CaseRow } from './caseRow';
import { modelReady } from './readModelHandle';
import { acceptanceDeadline } from './stats';

const zeros = <K extends string>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

interface Bucket {
  label: string;
  from: number;
  to: number;
  received: number;
  closed: number;
  tally: KpiTally;
}

/** Trend buckets of the days [first, last], and for each day of it (by offset) the index of its bucket. */
function trendBuckets(first: number, last: number, of: (day: number) => { label: string; start: number }) {
  const buckets: Bucket[] = bucketsOf(first, last, of).map((b) => ({ ...b, received: 0, closed: 0, tally: emptyTally() }));
  const ofDay = new Uint16Array(last - first + 1);
  buckets.forEach((b, i) => ofDay.fill(i, b.from - first, b.to - first + 1));
  return { buckets, ofDay };
}

/**
 * The dashboard's figures over the read model's rows (docs/statistics.md): the cases received on
 * the days [from, to] (China time) make the counts and indicators; cases closed on those days make
 * the trends' "closed". `acceptanceDue`: the acceptance deadline of a received time, null without
 * an assignment clock; `now`: when waiting and overdue cases are judged.
 */
export function dashboardFigures(
  period: { from: string; to: string },
  received: readonly CaseRow[],
  closedTimes: Iterable<number>,
  acceptanceDue: ((receivedAt: number) => number) | null,
  now: number,
): Dashboard {
  const first = dayIndexOfDate(period.from);
  const last = dayIndexOfDate(period.to);
  const [start, end] = [dayIndexStart(first), dayIndexStart(last + 1)];
  const weeks = trendBuckets(first, last, isoWeekOf);
  const months = trendBuckets(first, last, monthOf);
  const byCategory: Record<string, number> = {};
  const byChannel = zeros(CHANNELS);
  const bySeverity = zeros(SEVERITIES);
  const byOutcome = zeros([...SATISFACTIONS, 'none'] as const);
  const byResponsibility = zeros([...RESPONSIBILITIES, 'none'] as const);
  const total = emptyTally();
  const departments = new Map<string, { received: number; tally: KpiTally }>();
  const staff = new Map<string, { received: number; tally: KpiTally }>();
  const group = (map: typeof departments, key: string) => {
    let g = map.get(key);
    if (!g) map.set(key, (g = { received: 0, tally: emptyTally() }));
    g.received++;
    return g.tally;
  };
  const overdue: CaseRow[] = [];

  for (const r of received) {
    byCategory[r.category] = (byCategory[r.category] ?? 0) + 1;
    byChannel[r.channel]++;
    bySeverity[r.severity]++;
    byOutcome[r.satisfaction ?? 'none']++;
    byResponsibility[r.responsibility ?? 'none']++;
    const due = acceptanceDue ? acceptanceDue(r.receivedAt) : null;
    const offset = chinaDayIndex(r.receivedAt) - first;
    const week = weeks.buckets[weeks.ofDay[offset]!]!;
    const month = months.buckets[months.ofDay[offset]!]!;
    week.received++;
    month.received++;
    addToTally(total, r, due, now);
    addToTally(group(departments, r.department), r, due, now);
    addToTally(group(staff, r.assigneeId), r, due, now);
    addToTally(week.tally, r, due, now);
    addToTally(month.tally, r, due, now);
    if (!r.finished && r.dueKey < now) overdue.push(r);
  }

  let closed = 0;
  for (const closedAt of closedTimes) {
    if (closedAt < start || closedAt >= end) continue;
    closed++;
    const offset = chinaDayIndex(closedAt) - first;
    weeks.buckets[weeks.ofDay[offset]!]!.closed++;
    months.buckets[months.ofDay[offset]!]!.closed++;
  }

  const hasClock = acceptanceDue !== null;
  const groups = (map: typeof departments): DashboardGroup[] =>
    [...map]
      .map(([key, g]) => ({ key, received: g.received, kpis: kpisOf(g.tally, hasClock) }))
      .sort((a, b) => b.received - a.received || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const trend = (b: Bucket): TrendPoint => ({
    label: b.label,
    from: dateOfDayIndex(b.from),
    to: dateOfDayIndex(b.to),
    received: b.received,
    closed: b.closed,
    kpis: kpisOf(b.tally, hasClock),
  });
  overdue.sort((a, b) => a.dueKey - b.dueKey || (a.id < b.id ? -1 : 1));
  const listed: OverdueCase[] = overdue
    .slice(0, MAX_OVERDUE_LISTED)
    .map((r) => ({ id: r.id, caseNo: r.caseNo, assigneeId: r.assigneeId, nextDueAt: r.dueKey }));

  return {
    from: period.from,
    to: period.to,
    at: now,
    received: received.length,
    closed,
    byCategory,
    byChannel,
    bySeverity,
    byOutcome,
    byResponsibility,
    hasAcceptanceClock: hasClock,
    kpis: kpisOf(total, hasClock),
    byDepartment: groups(departments),
    byStaff: groups(staff),
    overdue: { count: overdue.length, cases: listed },
    trends: { weeks: weeks.buckets.map(trend), months: months.buckets.map(trend) },
  };
}

/** 'stats.dashboard': a supervisor's (or administrator's) figures for a period, from the read model. */
export async function dashboard(ctx: StoreContext, period: { from: string; to: string }, actor: Actor): Promise<Dashboard> {
  requireSupervisor(actor, 'errors.stats.supervisorOnly');
  const start = dayIndexStart(dayIndexOfDate(period.from));
  const end = dayIndexStart(dayIndexOfDate(period.to) + 1);
  const model = await modelReady(ctx);
  return dashboardFigures(period, model.receivedBetween(start, end), model.closedBetween(start, end), acceptanceDeadline(ctx), ctx.now());
}
