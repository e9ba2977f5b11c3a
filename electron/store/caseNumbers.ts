import { chinaDayKey, formatCaseNumber, parseCaseNumber } from '../../shared/domain/caseNumber';
import { fail, type StoreContext } from './context';

function branchCodeOf(ctx: StoreContext): string {
  if (!ctx.branch) fail('invalid_state', 'errors.branch.notConfigured');
  return ctx.branch.branchCode;
}

/**
 * The last number taken on a day: the larger of the reservations (sequences) and the numbers on
 * saved cases, so a registration need not write the sequence: its case row records the number.
 */
async function lastTaken(ctx: StoreContext, key: string): Promise<number> {
  const cached = ctx.lastNumbers.get(key);
  if (cached !== undefined) return cached;
  const [row, lastCase] = await Promise.all([ctx.db.sequences.get(key), ctx.db.cases.where('caseNo').startsWith(`${key}-`).last()]);
  const last = Math.max(row?.last ?? 0, lastCase ? (parseCaseNumber(lastCase.caseNo)?.seq ?? 0) : 0);
  ctx.lastNumbers.set(key, last);
  return last;
}

/** Takes the next number of the day for a case saved in the calling transaction. */
export async function takeNextNumber(ctx: StoreContext, receivedAt: number): Promise<string> {
  const branchCode = branchCodeOf(ctx);
  const dayKey = chinaDayKey(receivedAt);
  const key = `${branchCode}-${dayKey}`;
  const next = (await lastTaken(ctx, key)) + 1;
  ctx.lastNumbers.set(key, next);
  return formatCaseNumber(branchCode, dayKey, next);
}

/** Forget cached numbers after a failed transaction: the next call reads the truth again. */
export function forgetNumbers(ctx: StoreContext): void {
  ctx.lastNumbers.clear();
}

/**
 * Reserves a number in its own committed transaction, so the clerk can tell the customer before
 * the case is saved. If the app dies before the save, the number stays used up: a gap, never a
 * number given out twice.
 */
export async function reserveNumber(ctx: StoreContext, receivedAt: number): Promise<string> {
  try {
    return await ctx.db.transaction('rw', [ctx.db.sequences, ctx.db.cases], async () => {
      const caseNo = await takeNextNumber(ctx, receivedAt);
      const parsed = parseCaseNumber(caseNo)!;
      await ctx.db.sequences.put({ key: `${parsed.branchCode}-${parsed.dayKey}`, last: parsed.seq });
      return caseNo;
    });
  } catch (e) {
    forgetNumbers(ctx);
    throw e;
  }
}

/** A reserved number must be this branch's and already handed out; uniqueness is the index's job. */
export async function checkReserved(ctx: StoreContext, caseNo: string): Promise<void> {
  const parsed = parseCaseNumber(caseNo);
  const branchCode = branchCodeOf(ctx);
  if (!parsed || parsed.branchCode !== branchCode) fail('invalid_input', 'errors.caseNo.invalid');
  if ((await ctx.db.cases.where('caseNo').equals(caseNo).count()) > 0) fail('conflict', 'errors.caseNo.taken');
  if (parsed.seq > (await lastTaken(ctx, `${branchCode}-${parsed.dayKey}`))) fail('invalid_input', 'errors.caseNo.invalid');
}
