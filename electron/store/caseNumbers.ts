import { chinaDayKey, formatCaseNumber, parseCaseNumber } from '../../shared/domain/caseNumber';
import { fail, type StoreContext } from './context';

function branchCodeOf(ctx: StoreContext): string {
  if (!ctx.branch) fail('invalid_state', 'errors.branch.notConfigured');
  return ctx.branch.branchCode;
}

/** Takes the next number of the day; call inside a transaction that includes `sequences`. */
export async function takeNextNumber(ctx: StoreContext, receivedAt: number): Promise<string> {
  const branchCode = branchCodeOf(ctx);
  const dayKey = chinaDayKey(receivedAt);
  const key = `${branchCode}-${dayKey}`;
  const row = await ctx.db.sequences.get(key);
  const next = (row?.last ?? 0) + 1;
  await ctx.db.sequences.put({ key, last: next });
  return formatCaseNumber(branchCode, dayKey, next);
}

/**
 * Reserves a number in its own committed transaction, so the clerk can tell the customer before
 * the case is saved. If the app dies before the save, the number stays used up: a gap, never a
 * number given out twice.
 */
export function reserveNumber(ctx: StoreContext, receivedAt: number): Promise<string> {
  return ctx.db.transaction('rw', ctx.db.sequences, () => takeNextNumber(ctx, receivedAt));
}

/** A reserved number must be this branch's and already handed out by the sequence; uniqueness is the index's job. */
export async function checkReserved(ctx: StoreContext, caseNo: string): Promise<void> {
  const parsed = parseCaseNumber(caseNo);
  const branchCode = branchCodeOf(ctx);
  if (!parsed || parsed.branchCode !== branchCode) fail('invalid_input', 'errors.caseNo.invalid');
  const row = await ctx.db.sequences.get(`${branchCode}-${parsed.dayKey}`);
  if (!row || parsed.seq > row.last) fail('invalid_input', 'errors.caseNo.invalid');
  if ((await ctx.db.cases.where('caseNo').equals(caseNo).count()) > 0) fail('conflict', 'errors.caseNo.taken');
}
