import { SATISFACTIONS, SEVERITIES } from '../../shared/domain/enums';
import { searchableText, searchTerms } from '../../shared/search/terms';

/**
 * How a closed case ended, for head office's filters and counts: settled at the counter (R1.7),
 * found outside the branch's remit (R1.4), closed without a callback (an anonymous report), or the
 * customer's word at the closing callback. Null while the case is not closed.
 */
export const OUTCOMES = [
  'settled_at_counter',
  'invalid',
  'closed_without_callback',
  'satisfied',
  'partly_satisfied',
  'unsatisfied',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** The columns of `cases` taken from the record, by their SQL names. */
export interface CaseColumns {
  registered_at: number | null;
  category: string;
  channel: string;
  severity: string;
  /** Position in SEVERITIES (general < major < urgent), for sorting; null for an unknown severity. */
  severity_rank: number | null;
  outcome: Outcome | null;
  customer_name: string;
  customer_phone: string;
  business_ref: string;
  /** searchableText of the record: what a search's candidates are checked against. */
  search_text: string;
  /** searchTerms of search_text, GIN-indexed: what narrows a search to candidates. */
  search_terms: number[];
}

/** The SQL type of each column, in one order: for statements that write them all. */
const COLUMN_TYPES: Record<keyof CaseColumns, string> = {
  registered_at: 'bigint',
  category: 'text',
  channel: 'text',
  severity: 'text',
  severity_rank: 'smallint',
  outcome: 'text',
  customer_name: 'text',
  customer_phone: 'text',
  business_ref: 'text',
  search_text: 'text',
  search_terms: 'integer[]',
};
const NAMES = Object.keys(COLUMN_TYPES) as (keyof CaseColumns)[];

/** Fragments for statements writing every column of CaseColumns from `jsonb_to_recordset(...) AS x(...)`. */
export const CASE_COLUMNS_SQL = {
  /** `registered_at, category, …` */
  names: NAMES.join(', '),
  /** `x.registered_at, x.category, …` */
  values: NAMES.map((n) => `x.${n}`).join(', '),
  /** `registered_at bigint, category text, …`, for the recordset's column list. */
  recordset: NAMES.map((n) => `${n} ${COLUMN_TYPES[n]}`).join(', '),
  /** `registered_at = EXCLUDED.registered_at, …`, for ON CONFLICT DO UPDATE. */
  excluded: NAMES.map((n) => `${n} = EXCLUDED.${n}`).join(', '),
  /** `registered_at = x.registered_at, …`, for UPDATE … FROM. */
  assigned: NAMES.map((n) => `${n} = x.${n}`).join(', '),
  /** Placeholders `$k::bigint, $k+1::text, …` for a VALUES row whose columns start at parameter `first`. */
  placeholders: (first: number) => NAMES.map((n, i) => `$${first + i}::${COLUMN_TYPES[n]}`).join(', '),
};

/** The columns' values in CASE_COLUMNS_SQL's order, as statement parameters. */
export function caseColumnValues(columns: CaseColumns): unknown[] {
  return NAMES.map((n) => columns[n]);
}

/** Before 2100-01-01: a time beyond that is a bad clock or a bad record, and is treated as missing. */
const LATEST_TIME = Date.UTC(2100, 0, 1);

/**
 * The one place that turns a record into the columns head office filters, sorts, counts and
 * searches on. The record is the branch's (checked only in the fields the protocol relies on), so
 * every field is read defensively: a missing or mistyped one becomes '' or null, never an error.
 */
export function caseColumns(record: Record<string, unknown>): CaseColumns {
  const complainant = asObject(record.complainant);
  const severity = text(record.severity);
  const rank = (SEVERITIES as readonly string[]).indexOf(severity);
  const searchable = {
    caseNo: text(record.caseNo),
    complainant: { name: text(complainant.name), phone: text(complainant.phone) },
    businessRef: text(record.businessRef),
    content: text(record.content),
  };
  const search_text = searchableText(searchable);
  return {
    registered_at: time(record.receivedAt) ?? time(record.createdAt),
    category: text(record.category),
    channel: text(record.channel),
    severity,
    severity_rank: rank < 0 ? null : rank,
    outcome: outcomeOf(record),
    customer_name: searchable.complainant.name,
    customer_phone: searchable.complainant.phone,
    business_ref: searchable.businessRef,
    search_text,
    search_terms: searchTerms(search_text),
  };
}

/** See OUTCOMES. A callback closes with the customer's satisfaction; closing at the counter records 'satisfied' without one. */
function outcomeOf(record: Record<string, unknown>): Outcome | null {
  if (time(record.closedAt) === null) return null;
  const satisfaction = text(record.satisfaction);
  const called = Array.isArray(record.callbacks) && record.callbacks.length > 0;
  if (called && (SATISFACTIONS as readonly string[]).includes(satisfaction)) return satisfaction as Outcome;
  if (!called && satisfaction === 'satisfied') return 'settled_at_counter';
  if (record.result !== null && typeof record.result === 'object') return 'closed_without_callback';
  return 'invalid';
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function time(value: unknown): number | null {
  return Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) < LATEST_TIME ? (value as number) : null;
}
