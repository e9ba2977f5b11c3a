import { z } from 'zod';
import { chinaDate } from '../deadlines/calendar';

/** Case numbers are `<BRANCH>-<YYYYMMDD>-<NNN>`: a per-branch daily sequence, never reused. */
export const branchCodeSchema = z.string({ error: 'errors.branch.code' }).regex(/^[A-Z0-9]{2,12}$/, { message: 'errors.branch.code' });

/** The calendar day (China time, UTC+8, no DST) of a timestamp, as YYYYMMDD. */
export function chinaDayKey(at: number): string {
  return chinaDate(at).replaceAll('-', '');
}

export function formatCaseNumber(branchCode: string, dayKey: string, seq: number): string {
  return `${branchCode}-${dayKey}-${String(seq).padStart(3, '0')}`;
}

/** `<BRANCH>-<YYYYMMDD>-<NNN>`: the sequence is padded to 3 digits and a day never reaches a million. */
const CASE_NO = /^([A-Z0-9]{2,12})-(\d{8})-(\d{3,6})$/;

export const caseNoSchema = z.string({ error: 'errors.caseNo.invalid' }).regex(CASE_NO, { message: 'errors.caseNo.invalid' });

export function parseCaseNumber(caseNo: string): { branchCode: string; dayKey: string; seq: number } | null {
  const m = CASE_NO.exec(caseNo);
  if (!m) return null;
  return { branchCode: m[1]!, dayKey: m[2]!, seq: Number(m[3]) };
}
