import type { MonthStats } from '../../shared/api/contract';
import { dayIndexOfDate, dayIndexStart, HOUR_MS } from '../../shared/deadlines';
import type { StoreContext } from './context';
import { monthFigures } from './readModel';

/** R4.1/R4.2: a complaint is accepted on time when it is assigned (or settled) within one hour. */
const ACCEPTANCE_MS = HOUR_MS;

function monthRange(month: string): [number, number] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return [dayIndexStart(dayIndexOfDate(`${month}-01`)), dayIndexStart(dayIndexOfDate(`${next}-01`))];
}

/** R8.1/R8.2 figures for the cases received in one calendar month (China time). */
export function monthStats(ctx: StoreContext, month: string): MonthStats {
  const [from, to] = monthRange(month);
  return monthFigures(month, ctx.model.receivedBetween(from, to), ACCEPTANCE_MS);
}
