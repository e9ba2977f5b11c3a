import type { Queryable } from '../db/types';
import { CASE_COLUMNS_SQL, caseColumns } from './columns';

/** Rows read and written at a time: a few megabytes of records. */
const CHUNK = 500;

/**
 * Fills the record-derived columns of every stored case from its record (migration 003's data
 * step, run in the migration's transaction): caseColumns stays the only definition of them.
 */
export async function backfillCaseColumns(tx: Queryable): Promise<void> {
  let after = '';
  for (;;) {
    const { rows } = await tx.query<{ id: string; record: Record<string, unknown> }>(
      'SELECT id, record FROM cases WHERE id > $1 ORDER BY id LIMIT $2',
      [after, CHUNK],
    );
    if (!rows.length) return;
    await tx.query(
      `UPDATE cases SET ${CASE_COLUMNS_SQL.assigned}
       FROM jsonb_to_recordset($1::jsonb) AS x(id text, ${CASE_COLUMNS_SQL.recordset})
       WHERE cases.id = x.id`,
      [JSON.stringify(rows.map((r) => ({ id: r.id, ...caseColumns(r.record) })))],
    );
    after = rows[rows.length - 1]!.id;
  }
}
