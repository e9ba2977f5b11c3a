import type { Queryable } from '../db/types';
import type { Outcome } from './columns';
import { COUNT_CAP, whereOf, type CaseFilter, type CasePage, type CaseSort } from './filter';

/** One line of head office's case list. */
export interface CaseListRow {
  id: string;
  branchCode: string;
  branchName: string;
  caseNo: string;
  state: string;
  /** When the case was received at the branch (ms); null when its record does not say. */
  registeredAt: number | null;
  category: string;
  channel: string;
  severity: string;
  outcome: Outcome | null;
  customerName: string;
  customerPhone: string;
  /** 'flagged' when head office turned away a version of the case for a chain problem (see `flags`). */
  chainStatus: 'verified' | 'flagged';
}

export interface CaseList {
  rows: CaseListRow[];
  /** Cases matching the filter, counted exactly up to COUNT_CAP. */
  total: number;
  /** More than COUNT_CAP match (`total` is COUNT_CAP): narrow the filter to see them all. */
  totalCapped: boolean;
}

/** Sort keys, in order; the same direction for all, so one index serves both directions. id makes each row's place unique. */
const ORDER: Record<CaseSort, string[]> = {
  registered: ['c.registered_at', 'c.id'],
  caseNo: ['c.case_no', 'c.id'],
  branch: ['c.branch_code', 'c.case_no', 'c.id'],
  state: ['c.state', 'c.registered_at', 'c.id'],
  severity: ['c.severity_rank', 'c.registered_at', 'c.id'],
};

/**
 * A page of the cases matching `filter` across all branches, and how many match. The count stops
 * at COUNT_CAP: an exact count of a broad filter over a million cases costs a scan of them all,
 * and nobody pages through a thousand rows (casePageSchema refuses pages beyond it). A
 * common word matches tens of thousands of cases, and each counted match is a row checked exactly.
 */
export async function listCases(db: Queryable, filter: CaseFilter, page: CasePage): Promise<CaseList> {
  const where = whereOf(filter);
  const n = where.params.length;
  const order = ORDER[page.sort].map((key) => `${key} ${page.dir === 'asc' ? 'ASC' : 'DESC'}`).join(', ');
  const [list, count] = await Promise.all([
    db.query<Row>(
      `SELECT c.id, c.branch_code, b.name AS branch_name, c.case_no, c.state, c.registered_at::float8 AS registered_at,
         c.category, c.channel, c.severity, c.outcome, c.customer_name, c.customer_phone,
         EXISTS (SELECT 1 FROM flags f WHERE f.case_id = c.id) AS flagged
       FROM cases c JOIN branches b ON b.code = c.branch_code
       ${where.sql}
       ORDER BY ${order}
       LIMIT $${n + 1} OFFSET $${n + 2}`,
      [...where.params, page.size, page.page * page.size],
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT 1 FROM cases c ${where.sql} LIMIT $${n + 1}) AS m`, [
      ...where.params,
      COUNT_CAP + 1,
    ]),
  ]);
  const matched = Number(count.rows[0]!.n);
  return { rows: list.rows.map(rowOf), total: Math.min(matched, COUNT_CAP), totalCapped: matched > COUNT_CAP };
}

interface Row {
  id: string;
  branch_code: string;
  branch_name: string;
  case_no: string;
  state: string;
  registered_at: number | null;
  category: string;
  channel: string;
  severity: string;
  outcome: Outcome | null;
  customer_name: string;
  customer_phone: string;
  flagged: boolean;
}

function rowOf(r: Row): CaseListRow {
  return {
    id: r.id,
    branchCode: r.branch_code,
    branchName: r.branch_name,
    caseNo: r.case_no,
    state: r.state,
    registeredAt: r.registered_at === null ? null : Number(r.registered_at),
    category: r.category,
    channel: r.channel,
    severity: r.severity,
    outcome: r.outcome,
    customerName: r.customer_name,
    customerPhone: r.customer_phone,
    chainStatus: r.flagged ? 'flagged' : 'verified',
  };
}
