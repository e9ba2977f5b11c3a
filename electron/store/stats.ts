import type { MonthStats } from '../../shared/api/contract';
import { assignmentClock, dayIndexOfDate, dayIndexStart, dueAfter } from '../../shared/deadlines';
import type { StoreContext } from './context';
import { monthFigures } from './readModel';

/** The first instant of a calendar month (China time) and of the next one. */
export function monthRange(month: string): [number, number] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return [dayIndexStart(dayIndexOfDate(`${month}-01`)), dayIndexStart(dayIndexOfDate(`${next}-01`))];
}

/**
 * R8.1/R8.2 figures for the cases received in one calendar month (China time). A case is accepted
 * on time when it was assigned (or settled) by the deadline of the branch's assignment clock, on
 * the branch's working-day calendar; a policy without that clock has no on-time rate.
 */
export function monthStats(ctx: StoreContext, month: string): MonthStats {
  const [from, to] = monthRange(month);
  const clock = assignmentClock(ctx.policy);
  const { calendar } = ctx;
  const acceptanceDue = clock ? (receivedAt: number) => dueAfter(receivedAt, clock, calendar) : null;
  return monthFigures(month, ctx.model.receivedBetween(from, to), acceptanceDue);
}
