import type { CaseEvent } from '../shared/ledger/eventHash';
import type { Queryable } from './db/types';

/**
 * A case's event chain as head office stores it (migration 002): one JSON text a case, the events
 * in order, exactly as verified. Every reader of stored events goes through this module.
 */
export function parseStoredEvents(text: string): CaseEvent[] {
  return JSON.parse(text) as CaseEvent[];
}

/** The event chain head office holds of a case (empty when it holds none). */
export async function storedEvents(db: Queryable, caseId: string): Promise<CaseEvent[]> {
  const { rows } = await db.query<{ events: string }>('SELECT events FROM cases WHERE id = $1', [caseId]);
  return rows[0] ? parseStoredEvents(rows[0].events) : [];
}

/** SQL for the number of events a case row holds (for reports and checks): use as `${EVENT_COUNT_SQL} AS events` over `cases`. */
export const EVENT_COUNT_SQL = 'json_array_length(events::json)';
