import { chinaDate } from '../../../shared/deadlines/calendar';
import type { SyncStatus } from '../../../shared/api/contract';

/** The first and last day of a month 'YYYY-MM'. */
export function monthPeriod(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** The month before 'YYYY-MM'. */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** Days of the next month in which the reminder still shows for the month before. */
export const REMIND_INTO_NEXT_MONTH_DAYS = 5;
/** Days at a month's end in which the reminder shows. */
export const REMIND_AT_MONTH_END_DAYS = 3;

/**
 * The month a supervisor should export now (R7.4: 每月将投诉记录情况提交运营服务部), or null: in a
 * month's last 3 days, and the first 5 days of the next (for the month before), when the branch
 * has not synced with head office since that month began.
 */
export function monthToExport(now: number, status: Pick<SyncStatus, 'lastSuccessAt'> | null): string | null {
  const today = chinaDate(now);
  const month = today.slice(0, 7);
  const day = Number(today.slice(8, 10));
  const { to } = monthPeriod(month);
  const lastDay = Number(to.slice(8, 10));
  const target = day > lastDay - REMIND_AT_MONTH_END_DAYS ? month : day <= REMIND_INTO_NEXT_MONTH_DAYS ? previousMonth(month) : null;
  if (!target) return null;
  const synced = status?.lastSuccessAt ?? null;
  if (synced !== null && chinaDate(synced) >= `${target}-01`) return null;
  return target;
}
