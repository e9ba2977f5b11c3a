import type { MonthStats } from '../../shared/api/contract';
import { assignmentClock, chinaDayIndex, dayIndexOfDate, dayIndexStart, dueAfter } from '../../shared/deadlines';
import type { StoreContext } from './context';
import { monthFigures } from './readModel';
import { modelReady } from './readModelHandle';

/** The first instant of a calendar month (China time) and of the next one. */
export function monthRange(month: string): [number, number] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return [dayIndexStart(dayIndexOfDate(`${month}-01`)), dayIndexStart(dayIndexOfDate(`${next}-01`))];
}

/**
 * The acceptance deadline of a case received at a time: the assignment clock of the policy in
 * force, on the branch's working-day calendar (受理及时率, shared/stats/kpis.ts); null when the
 * policy has no such clock. A clock of working days ends on a day that depends on the received day
 * alone, so each day is worked out once.
 */
export function acceptanceDeadline(ctx: StoreContext): ((receivedAt: number) => number) | null {
  const clock = assignmentClock(ctx.policy);
  if (!clock) return null;
  const { calendar } = ctx;
  if (clock.unit !== 'workingDays') return (receivedAt) => dueAfter(receivedAt, clock, calendar);
  const byDay = new Map<number, number>();
  return (receivedAt) => {
    const day = chinaDayIndex(receivedAt);
    let due = byDay.get(day);
    if (due === undefined) byDay.set(day, (due = dueAfter(receivedAt, clock, calendar)));
    return due;
  };
}

/**
 * R8.1/R8.2 figures for the cases received in one calendar month (China time), with the indicators
 * of shared/stats/kpis.ts; a policy without an assignment clock has no on-time rate.
 */
export async function monthStats(ctx: StoreContext, month: string): Promise<MonthStats> {
  const [from, to] = monthRange(month);
  const model = await modelReady(ctx);
  return monthFigures(month, model.receivedBetween(from, to), acceptanceDeadline(ctx), ctx.now());
}
