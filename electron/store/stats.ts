import type { MonthStats } from '../../shared/api/contract';
import type { CaseRecord } from '../../shared/domain/case';
import { CLOSED_STATES } from '../../shared/domain/enums';
import type { StoreContext } from './context';
import { dayIndexOfDate, dayIndexStart } from '../../shared/deadlines';

/** R4.1/R4.2: a complaint is accepted on time when it is assigned (or settled) within one hour. */
const ACCEPTANCE_MS = 3600_000;

function monthRange(month: string): [number, number] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return [dayIndexStart(dayIndexOfDate(`${month}-01`)), dayIndexStart(dayIndexOfDate(`${next}-01`))];
}

function bump(counter: Record<string, number>, key: string): void {
  counter[key] = (counter[key] ?? 0) + 1;
}

function rate(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/** R8.1/R8.2 figures for the cases received in one calendar month (China time). */
export async function monthStats(ctx: StoreContext, month: string): Promise<MonthStats> {
  const [from, to] = monthRange(month);
  const stats: MonthStats = {
    month, total: 0, byState: {}, byCategory: {}, byChannel: {}, bySeverity: {}, bySatisfaction: {},
    onTimeAcceptanceRate: null, satisfactionRate: null, successRate: null,
  };
  let acceptedOnTime = 0;
  let finished = 0;
  let satisfied = 0;
  let withSatisfaction = 0;
  let succeeded = 0;
  await ctx.db.cases.where('receivedAt').between(from, to, true, false).each((c: CaseRecord) => {
    stats.total++;
    bump(stats.byState, c.state);
    bump(stats.byCategory, c.category);
    bump(stats.byChannel, c.channel);
    bump(stats.bySeverity, c.severity);
    if (c.satisfaction) {
      bump(stats.bySatisfaction, c.satisfaction);
      withSatisfaction++;
      if (c.satisfaction === 'satisfied') satisfied++;
    }
    const acceptedAt = c.assignments[0]?.assignedAt ?? (c.state === 'closed_at_counter' || c.state === 'invalid' ? c.closedAt : null);
    if (acceptedAt !== null && acceptedAt !== undefined && acceptedAt - c.receivedAt <= ACCEPTANCE_MS) acceptedOnTime++;
    if (CLOSED_STATES.includes(c.state) || c.state === 'archived') {
      finished++;
      if (c.appeal === null && !c.callbacks.some((cb) => cb.satisfaction === 'unsatisfied' && !cb.standardMet)) succeeded++;
    }
  });
  stats.onTimeAcceptanceRate = rate(acceptedOnTime, stats.total);
  stats.satisfactionRate = rate(satisfied, withSatisfaction);
  stats.successRate = rate(succeeded, finished);
  return stats;
}
