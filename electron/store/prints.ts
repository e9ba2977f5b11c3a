import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { methods, PrintRecord } from '../../shared/api/contract';
import type { Actor } from '../../shared/domain/case';
import { fail, type StoreContext } from './context';
import type { PrintRow } from './db';

/**
 * The print log: which document of a case was printed, when, by whom, how many copies, and the
 * PDF copy of what was printed. Kept beside the case, not in its event chain: printing changes
 * nothing about the complaint, and an archived case is still printed (its archive summary).
 */
export async function recordPrint(
  ctx: StoreContext,
  params: z.output<(typeof methods)['prints.record']>,
  actor: Actor,
): Promise<PrintRecord> {
  const c = await ctx.db.cases.get(params.caseId);
  if (!c) fail('not_found', 'errors.case.notFound');
  const { pdf, ...rest } = params;
  const row: PrintRow = {
    ...rest,
    id: uuidv7(),
    caseNo: c.caseNo,
    at: ctx.now(),
    by: actor.staffId,
    pdfBytes: pdf?.byteLength ?? 0,
    pdf: pdf ?? null,
  };
  await ctx.db.prints.add(row);
  return withoutPdf(row);
}

/** A case's print log, newest first. */
export async function listPrints(ctx: StoreContext, caseId: string): Promise<PrintRecord[]> {
  const rows = await ctx.db.prints.where('[caseId+at]').between([caseId, -Infinity], [caseId, Infinity]).reverse().toArray();
  return rows.map(withoutPdf);
}

export async function readPrint(ctx: StoreContext, printId: string): Promise<PrintRecord & { pdf: Uint8Array | null }> {
  const row = await ctx.db.prints.get(printId);
  if (!row) fail('not_found', 'errors.print.notFound');
  return row;
}

function withoutPdf(row: PrintRow): PrintRecord {
  const { pdf: _pdf, ...record } = row;
  return record;
}
