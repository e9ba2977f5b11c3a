import { chinaDate, HOUR_MS } from '../../shared/deadlines/calendar';
import type { Queryable } from '../db/types';
import { whereOf, type CaseFilter } from './filter';

export const COUNT_DIMENSIONS = ['branch', 'month', 'category', 'channel', 'severity', 'outcome', 'state'] as const;
export type CountDimension = (typeof COUNT_DIMENSIONS)[number];

export interface CountRow {
  /** The branch code, 'YYYY-MM' (China time), or the value counted; '' for cases without one (an outcome: not closed yet). */
  key: string;
  count: number;
}

const COLUMN: Record<Exclude<CountDimension, 'month'>, string> = {
  branch: 'c.branch_code',
  category: 'c.category',
  channel: 'c.channel',
  severity: 'c.severity',
  outcome: 'c.outcome',
  state: 'c.state',
};

/**
 * How many cases matching `filter` fall in each value of `by`: months ascending, anything else
 * most cases first (ties by key).
 */
export async function caseCounts(db: Queryable, filter: CaseFilter, by: CountDimension): Promise<CountRow[]> {
  const where = whereOf(filter);
  if (by === 'month') return countsByMonth(db, where.sql, where.params);
  const { rows } = await db.query<{ key: string | null; n: number }>(
    `SELECT ${COLUMN[by]} AS key, count(*)::int AS n FROM cases c ${where.sql} GROUP BY 1`,
    where.params,
  );
  return rows
    .map((r) => ({ key: r.key ?? '', count: Number(r.n) }))
    .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * China's offset from UTC is a whole number of hours, so an hour since the epoch never straddles
 * two China months: SQL counts by hour and the calendar module (the one definition of China time)
 * names each hour's month. A month of cases is at most 744 rows back.
 */
async function countsByMonth(db: Queryable, where: string, params: unknown[]): Promise<CountRow[]> {
  const { rows } = await db.query<{ hour: number | null; n: number }>(
    `SELECT (c.registered_at / ${HOUR_MS})::float8 AS hour, count(*)::int AS n FROM cases c ${where} GROUP BY 1`,
    params,
  );
  const months = new Map<string, number>();
  for (const r of rows) {
    const key = r.hour === null ? '' : chinaDate(Number(r.hour) * HOUR_MS).slice(0, 7);
    months.set(key, (months.get(key) ?? 0) + Number(r.n));
  }
  return [...months].map(([key, count]) => ({ key, count })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
