import type { Queryable } from '../db/types';
import type { Outcome } from './columns';
import { COUNT_CAP, whereOf, type CaseFilter, type CasePage, type CaseSort, type Where } from './filter';

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
 * How far a search of a common word walks the sort order for its page: this many rows per row
 * of the page's end (offset + size) before it takes the index instead. 40 finds a page of a word
 * in one case in forty or more (a common complaint word is in one in twenty) while a walk that
 * fails costs little beside the index's way; rarer words' matches are fewer to fetch and sort.
 */
export const WALK_ROWS_PER_MATCH = 40;

/**
 * A page of the cases matching `filter` across all branches, and how many match. The count stops
 * at COUNT_CAP: an exact count of a broad filter over a million cases costs a scan of them all,
 * and nobody pages through a thousand rows (casePageSchema refuses pages beyond it). A
 * common word matches tens of thousands of cases, and each counted match is a row checked exactly.
 *
 * A search's page is read one of two ways, chosen by the capped count (see searchPage).
 */
export async function listCases(
  db: Queryable,
  filter: CaseFilter,
  page: CasePage,
  walkRowsPerMatch = WALK_ROWS_PER_MATCH,
): Promise<CaseList> {
  const where = whereOf(filter);
  const counted = countMatches(db, where);
  const [rows, matched] =
    filter.text === undefined
      ? await Promise.all([pageOf(db, where, page), counted])
      : await counted.then(async (n) => [await searchPage(db, filter, page, n > COUNT_CAP, walkRowsPerMatch), n] as const);
  return { rows: rows.map(rowOf), total: Math.min(matched, COUNT_CAP), totalCapped: matched > COUNT_CAP };
}

/** How many cases match, up to COUNT_CAP + 1. */
async function countMatches(db: Queryable, where: Where): Promise<number> {
  const n = where.params.length;
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM cases c ${where.sql} LIMIT $${n + 1}) AS m`,
    [...where.params, COUNT_CAP + 1],
  );
  return Number(rows[0]!.n);
}

/**
 * A search's page. PostgreSQL takes a text's terms as independent, so its guess of how many cases
 * match is off by orders of magnitude either way, and a plan built on it may walk the whole sort
 * order looking for a rare name, or fetch and sort every case holding a common word. The capped
 * count says which it is:
 * - more than COUNT_CAP match (a common word): the page is read by walking the cases in the sort
 *   order (the list's index) and checking each, which stops after a page's worth of matches; the
 *   LIMIT on the walk, in a subquery, fixes that plan on any planner statistics (conditions are not
 *   pushed into a subquery with a LIMIT). Its matches are the first ones in the order, so a full
 *   page from it is the page;
 * - otherwise, or when the walk cannot fill the page within its bound (the matches lie far down
 *   the order), the matches are fetched through the search index and sorted (matchesPage).
 */
async function searchPage(db: Queryable, filter: CaseFilter, page: CasePage, common: boolean, walkRowsPerMatch: number): Promise<Row[]> {
  if (common) {
    const { text, ...rest } = filter;
    const params: unknown[] = [];
    const walked = whereOf(rest, params);
    const matching = whereOf({ text }, params);
    const bound = (page.page + 1) * page.size * walkRowsPerMatch;
    const n = params.length;
    const { rows } = await db.query<Row>(
      `${SELECT}
       FROM (SELECT c.* FROM cases c ${walked.sql} ORDER BY ${orderOf(page)} LIMIT $${n + 1}) AS c
       ${matching.sql}
       ORDER BY ${orderOf(page)}
       LIMIT $${n + 2} OFFSET $${n + 3}`,
      [...params, bound, page.size, page.page * page.size],
    );
    if (rows.length === page.size) return rows;
  }
  return matchesPage(db, whereOf(filter), page);
}

/**
 * The page of a search's matches, fetched all through the search index (a materialized CTE: the
 * planner may not turn it into a walk of the sort order) and sorted. Only the list's columns are
 * carried, never the record or the chain.
 */
async function matchesPage(db: Queryable, where: Where, page: CasePage): Promise<Row[]> {
  const n = where.params.length;
  const { rows } = await db.query<Row>(
    `WITH c AS MATERIALIZED (SELECT ${LIST_COLUMNS} FROM cases c ${where.sql})
     ${SELECT}
     FROM c
     ORDER BY ${orderOf(page)}
     LIMIT $${n + 1} OFFSET $${n + 2}`,
    [...where.params, page.size, page.page * page.size],
  );
  return rows;
}

/** The page, as PostgreSQL plans it. */
async function pageOf(db: Queryable, where: Where, page: CasePage): Promise<Row[]> {
  const n = where.params.length;
  const { rows } = await db.query<Row>(
    `${SELECT}
     FROM cases c
     ${where.sql}
     ORDER BY ${orderOf(page)}
     LIMIT $${n + 1} OFFSET $${n + 2}`,
    [...where.params, page.size, page.page * page.size],
  );
  return rows;
}

/** What a page shows and sorts by, of `cases c`. */
const LIST_COLUMNS = `c.id, c.branch_code, c.case_no, c.state, c.registered_at, c.category, c.channel, c.severity, c.severity_rank,
  c.outcome, c.customer_name, c.customer_phone`;

// The branch's name as a subquery, not a join: a join may give up the walk's order (a hash join
// then a sort of everything walked).
const SELECT = `SELECT c.id, c.branch_code, (SELECT b.name FROM branches b WHERE b.code = c.branch_code) AS branch_name, c.case_no, c.state, c.registered_at::float8 AS registered_at,
  c.category, c.channel, c.severity, c.outcome, c.customer_name, c.customer_phone,
  EXISTS (SELECT 1 FROM flags f WHERE f.case_id = c.id) AS flagged`;

const orderOf = (page: CasePage) => ORDER[page.sort].map((key) => `${key} ${page.dir === 'asc' ? 'ASC' : 'DESC'}`).join(', ');

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
