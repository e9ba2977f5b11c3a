import type { CaseSummary, Counts, MonthStats, QueuePage, queueQuerySchema } from '../../shared/api/contract';
import type { CaseRecord } from '../../shared/domain/case';
import type { Actor } from '../../shared/domain/case';
import {
  isFinishedState,
  isSupervisorRole,
  type CaseState,
  type Channel,
  type Responsibility,
  type Satisfaction,
} from '../../shared/domain/enums';
import { acceptedAtOf, addToTally, closingOf, emptyTally, kpisOf, type Closing } from '../../shared/stats/kpis';
import type { z } from 'zod';
import { SearchIndex } from './searchIndex';

/** A page of the queue; the host adds the offset it was asked for. */
type PageOfRows = Omit<QueuePage, 'offset'>;

type Query = z.output<typeof queueQuerySchema>;

/** What queues, counts and statistics need of a case: a few dozen bytes instead of the whole record. */
export interface CaseRow extends CaseSummary {
  channel: Channel;
  satisfaction: Satisfaction | null;
  /** When the case was accepted: first assigned, or settled at the counter / found outside remit (shared/stats/kpis.ts). */
  acceptedAt: number | null;
  finished: boolean;
  /** How a finished case was closed (shared/stats/kpis.ts); null while open. */
  closing: Closing | null;
  closedAt: number | null;
  /** The department of the current assignment, '' before one. */
  department: string;
  /** Responsibility as the investigation found it; null before one. */
  responsibility: Responsibility | null;
  /** nextDueAt with "no deadline" as +Infinity, for sorting. */
  dueKey: number;
  /** The seq of the case's last event (its ledger head), so verification notices a log cut short. */
  headSeq: number;
  /** With the supervisor (R1.1, R1.5): open, and a report nobody is assigned to or a notification not yet acknowledged. */
  withSupervisor: boolean;
}

export function rowOf(c: CaseRecord): CaseRow {
  const finished = isFinishedState(c.state);
  return {
    id: c.id,
    caseNo: c.caseNo,
    complainantName: c.complainant.name,
    category: c.category,
    severity: c.severity,
    state: c.state,
    isReport: c.isReport,
    businessRef: c.businessRef,
    assigneeId: c.assigneeId,
    receivedAt: c.receivedAt,
    nextDueAt: Number.isFinite(c.nextDueAt) ? c.nextDueAt : null,
    channel: c.channel,
    satisfaction: c.satisfaction,
    acceptedAt: acceptedAtOf(c),
    finished,
    closing: closingOf(c),
    closedAt: c.closedAt,
    department: c.assignments.at(-1)?.department ?? '',
    responsibility: c.validity?.responsibility ?? null,
    dueKey: c.nextDueAt,
    headSeq: c.ledgerHead.seq,
    withSupervisor: !finished && ((c.isReport && c.assigneeId === '') || c.escalation?.acknowledgedAt === null),
  };
}

export function summaryOf(row: CaseRow): CaseSummary {
  const { id, caseNo, complainantName, category, severity, state, isReport, businessRef, assigneeId, receivedAt, nextDueAt } = row;
  return { id, caseNo, complainantName, category, severity, state, isReport, businessRef, assigneeId, receivedAt, nextDueAt };
}

/** Ascending by `key`, ties by id, so every row has exactly one place. */
export class SortedRows {
  readonly rows: CaseRow[] = [];
  constructor(private readonly key: (r: CaseRow) => number) {}

  private position(row: CaseRow): number {
    const k = this.key(row);
    let lo = 0;
    let hi = this.rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const m = this.rows[mid]!;
      const mk = this.key(m);
      if (mk < k || (mk === k && m.id < row.id)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(row: CaseRow): void {
    this.rows.splice(this.position(row), 0, row);
  }

  remove(row: CaseRow): void {
    const i = this.position(row);
    if (this.rows[i] === row) this.rows.splice(i, 1);
  }

  /** Bulk load: append everything, then sort once. */
  reset(rows: CaseRow[]): void {
    this.rows.length = 0;
    // One row at a time: spreading 100,000 rows as call arguments overflows a worker's stack.
    for (const row of rows) this.rows.push(row);
    this.rows.sort((a, b) => this.key(a) - this.key(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** First index whose key is ≥ k. */
  lowerBound(k: number): number {
    return lowerBound(this.rows, this.key, k);
  }
}

const byDueKey = (r: CaseRow) => r.dueKey;

/** First index of `rows` (ascending by `key`) whose key is ≥ k. */
function lowerBound(rows: readonly CaseRow[], key: (r: CaseRow) => number, k: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(rows[mid]!) < k) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Visits rows of several deadline-ordered lists in one deadline order (a k-way merge over at most
 * twelve lists), stopping after `limit` rows.
 */
function walkByDue(lists: readonly CaseRow[][], ends: readonly number[], limit: number, visit: (r: CaseRow, i: number) => void): void {
  const at = lists.map(() => 0);
  for (let i = 0; i < limit; i++) {
    let best = -1;
    for (let k = 0; k < lists.length; k++) {
      if (at[k]! >= ends[k]!) continue;
      if (best < 0) best = k;
      else {
        const x = lists[k]![at[k]!]!;
        const y = lists[best]![at[best]!]!;
        if (x.dueKey < y.dueKey || (x.dueKey === y.dueKey && x.id < y.id)) best = k;
      }
    }
    if (best < 0) return;
    visit(lists[best]![at[best]!++]!, i);
  }
}

/** Rows of one value (or several states), in deadline order; `covers`: the criteria they meet already. */
type Bucket = { covers: readonly (typeof CRITERIA)[number][]; lists: CaseRow[][] };
const CRITERIA = ['states', 'assigneeId', 'category', 'severity', 'overdue', 'receivedFrom', 'receivedTo', 'businessRef', 'queue'] as const;

/** The bucketed dimensions and each row's value in them: category and severity also as a pair (a common filter of two large buckets). */
const DIMENSIONS = {
  state: (r: CaseRow) => r.state,
  assigneeId: (r: CaseRow) => r.assigneeId,
  category: (r: CaseRow) => r.category,
  severity: (r: CaseRow) => r.severity,
  categorySeverity: (r: CaseRow) => pairKey(r.category, r.severity),
  stateSeverity: (r: CaseRow) => pairKey(r.state, r.severity),
} as const;
type Dimension = keyof typeof DIMENSIONS;
const DIMENSION_NAMES = Object.keys(DIMENSIONS) as Dimension[];
const pairKey = (category: string, severity: string) => `${category}\u0001${severity}`;

function matcher(q: Query, now: number): (r: CaseRow) => boolean {
  // Plain locals: the parsed query object may be slow to read a hundred thousand times.
  const states = q.states?.length ? new Set<string>(q.states) : null;
  const { assigneeId, category, severity, receivedFrom, receivedTo, businessRef } = q;
  const overdue = q.overdue === true;
  const unassignedQueue = q.queue === 'unassigned';
  return (r) =>
    (!unassignedQueue || (r.state === 'registered' && !r.withSupervisor)) &&
    (states === null || states.has(r.state)) &&
    (assigneeId === undefined || r.assigneeId === assigneeId) &&
    (category === undefined || r.category === category) &&
    (severity === undefined || r.severity === severity) &&
    (!overdue || r.dueKey < now) &&
    (receivedFrom === undefined || r.receivedAt >= receivedFrom) &&
    (receivedTo === undefined || r.receivedAt <= receivedTo) &&
    (businessRef === undefined || r.businessRef === businessRef);
}

/**
 * The store host's in-memory view of all cases for queues, counts, statistics and search.
 * IndexedDB stays the truth: the view is loaded from it at start-up and changed in the same
 * transaction callback as each write (and put back if the commit fails). One writer, so it never
 * drifts; 100,000 rows take a few tens of megabytes.
 */
export class ReadModel {
  private rows = new Map<string, CaseRow>();
  private buckets: Record<Dimension, Map<string, SortedRows>> = {
    state: new Map(),
    assigneeId: new Map(),
    category: new Map(),
    severity: new Map(),
    categorySeverity: new Map(),
    stateSeverity: new Map(),
  };
  private byDue = new SortedRows(byDueKey);
  private byReceived = new SortedRows((r) => r.receivedAt);
  /** The cases with the supervisor, by deadline: every supervisor's "mine" besides their own. */
  private withSupervisor = new SortedRows(byDueKey);
  constructor(readonly search = new SearchIndex()) {}

  get size(): number {
    return this.rows.size;
  }

  /** The rows in deadline order and, for each place in received order, the index of its row there: what a snapshot keeps. */
  exportRows(): { byDue: CaseRow[]; receivedOrder: Uint32Array } {
    const place = new Map<CaseRow, number>();
    this.byDue.rows.forEach((r, i) => place.set(r, i));
    return { byDue: this.byDue.rows.slice(), receivedOrder: Uint32Array.from(this.byReceived.rows, (r) => place.get(r)!) };
  }

  /**
   * A model from `exportRows`' arrays and a search index: the deadline order is the rows' own, each
   * bucket keeps it by filtering, and the received order is given, so nothing is sorted.
   */
  static restore(byDue: readonly CaseRow[], receivedOrder: Uint32Array, search: SearchIndex): ReadModel {
    const model = new ReadModel(search);
    for (const row of byDue) {
      model.rows.set(row.id, row);
      model.addToBuckets(row, true);
      model.byDue.rows.push(row);
      if (row.withSupervisor) model.withSupervisor.rows.push(row);
    }
    for (const i of receivedOrder) model.byReceived.rows.push(byDue[i]!);
    return model;
  }

  load(records: Iterable<CaseRecord>): void {
    for (const c of records) {
      const row = rowOf(c);
      this.rows.set(c.id, row);
      this.addToBuckets(row, true);
      this.search.upsert(c);
    }
    for (const map of Object.values(this.buckets)) for (const bucket of map.values()) bucket.reset([...bucket.rows]);
    this.byDue.reset([...this.rows.values()]);
    this.byReceived.reset([...this.rows.values()]);
    this.withSupervisor.reset([...this.rows.values()].filter((r) => r.withSupervisor));
  }

  upsert(c: CaseRecord): void {
    this.removeRow(c.id);
    const row = rowOf(c);
    this.rows.set(c.id, row);
    this.addToBuckets(row);
    this.byDue.insert(row);
    this.byReceived.insert(row);
    if (row.withSupervisor) this.withSupervisor.insert(row);
    this.search.upsert(c);
  }

  /** Whether the model holds exactly what `c` makes of its row and search text (the snapshot's audit). */
  holds(c: CaseRecord): boolean {
    const row = this.rows.get(c.id);
    if (!row) return false;
    const fresh = rowOf(c);
    return (Object.keys(fresh) as (keyof CaseRow)[]).every((k) => Object.is(fresh[k], row[k])) && this.search.holds(c);
  }

  /** Ids of all cases held. */
  ids(): IterableIterator<string> {
    return this.rows.keys();
  }

  /** Puts a case back as it was before a write whose commit failed (or drops it if it was new). */
  revert(id: string, before: CaseRecord | null): void {
    if (before) this.upsert(before);
    else {
      this.removeRow(id);
      this.search.remove(id);
    }
  }

  private removeRow(id: string): void {
    const old = this.rows.get(id);
    if (!old) return;
    this.byDue.remove(old);
    this.byReceived.remove(old);
    if (old.withSupervisor) this.withSupervisor.remove(old);
    for (const dimension of DIMENSION_NAMES) this.buckets[dimension].get(DIMENSIONS[dimension](old))?.remove(old);
    this.rows.delete(id);
  }

  private addToBuckets(row: CaseRow, bulk = false): void {
    for (const dimension of DIMENSION_NAMES) {
      const map = this.buckets[dimension];
      const value = DIMENSIONS[dimension](row);
      let bucket = map.get(value);
      if (!bucket) map.set(value, (bucket = new SortedRows(byDueKey)));
      if (bulk) bucket.rows.push(row);
      else bucket.insert(row);
    }
  }

  /** A page of a queue; `actor` is whose "mine" it is. */
  query(q: Query, now: number, actor?: Actor): PageOfRows {
    if (q.queue === 'mine') return this.mine(q, now, actor);
    const matches = matcher(q, now);
    const from = q.offset;
    const to = q.offset + q.limit;
    const bucket = this.smallestBucket(q);
    if (q.sort === 'received') return this.newestFirst(q, bucket, matches);

    // By deadline: walk the narrowest bucket(s), already in deadline order, merging several states.
    const lists = bucket?.lists ?? [this.byDue.rows];
    const ends = lists.map((l) => (q.overdue ? lowerBound(l, byDueKey, now) : l.length));
    const others = CRITERIA.filter((k) => !bucket?.covers.includes(k) && k !== 'overdue' && q[k] !== undefined);
    const items: CaseSummary[] = [];
    if (others.length === 0) {
      // Nothing left to filter: the total is known, and only the page itself is read.
      walkByDue(lists, ends, to, (r, i) => i >= from && items.push(summaryOf(r)));
      return { items, total: ends.reduce((n, e) => n + e, 0) };
    }
    let total = 0;
    walkByDue(lists, ends, Infinity, (r) => {
      if (!matches(r)) return;
      if (total >= from && total < to) items.push(summaryOf(r));
      total++;
    });
    return { items, total };
  }

  /**
   * "mine": the actor's own cases; a supervisor's also holds every case with the supervisor. Both
   * lists are short (one person's, and the escalated open ones), so they are merged and sorted.
   */
  private mine(q: Query, now: number, actor: Actor | undefined): PageOfRows {
    const staffId = actor?.staffId;
    if (staffId === undefined || (q.assigneeId !== undefined && q.assigneeId !== staffId)) return { items: [], total: 0 };
    const own = { ...q, queue: undefined, assigneeId: staffId };
    if (!isSupervisorRole(actor!.role)) return this.query(own, now);
    const matches = matcher({ ...q, queue: undefined }, now);
    const seen = new Set<CaseRow>();
    for (const r of this.buckets.assigneeId.get(staffId)?.rows ?? []) if (matches(r)) seen.add(r);
    for (const r of this.withSupervisor.rows) if (matches(r) && q.assigneeId === undefined) seen.add(r);
    const hits = [...seen];
    const byId = (a: CaseRow, b: CaseRow) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    if (q.sort === 'received') hits.sort((a, b) => b.receivedAt - a.receivedAt || -byId(a, b));
    else hits.sort((a, b) => a.dueKey - b.dueKey || byId(a, b));
    return { items: hits.slice(q.offset, q.offset + q.limit).map(summaryOf), total: hits.length };
  }

  private newestFirst(q: Query, bucket: Bucket | null, matches: (r: CaseRow) => boolean): PageOfRows {
    const ranged = q.receivedFrom !== undefined || q.receivedTo !== undefined;
    const size = bucket ? bucket.lists.reduce((n, l) => n + l.length, 0) : Infinity;
    if (!ranged && size <= this.rows.size / 4) {
      // A small bucket: collect its matches, then sort them by received time.
      const hits = bucket!.lists.flatMap((l) => l.filter(matches));
      hits.sort((a, b) => b.receivedAt - a.receivedAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
      return { items: hits.slice(q.offset, q.offset + q.limit).map(summaryOf), total: hits.length };
    }
    const rows = this.byReceived.rows;
    const lo = q.receivedFrom === undefined ? 0 : this.byReceived.lowerBound(q.receivedFrom);
    const hi = q.receivedTo === undefined ? rows.length : this.byReceived.lowerBound(q.receivedTo + 1);
    if (CRITERIA.every((k) => k === 'receivedFrom' || k === 'receivedTo' || q[k] === undefined)) {
      // Nothing but the received range: the total is the range's length, and only the page is read.
      const top = hi - 1 - q.offset;
      const page = rows.slice(Math.max(lo, top - q.limit + 1), Math.max(lo, top + 1)).reverse();
      return { items: page.map(summaryOf), total: hi - lo };
    }
    const items: CaseSummary[] = [];
    let total = 0;
    for (let i = hi - 1; i >= lo; i--) {
      const r = rows[i]!;
      if (!matches(r)) continue;
      if (total >= q.offset && total < q.offset + q.limit) items.push(summaryOf(r));
      total++;
    }
    return { items, total };
  }

  /**
   * The rows of the most selective filter, in deadline order (one list per state asked for).
   * Rows sit scattered in memory, so reading fewer of them matters more than anything else.
   */
  private smallestBucket(q: Query): Bucket | null {
    const candidates: Bucket[] = [];
    if (q.states?.length) {
      candidates.push({ covers: ['states'], lists: [...new Set(q.states)].map((st) => this.buckets.state.get(st)?.rows ?? []) });
    } else if (q.queue === 'unassigned') {
      // The queue's own filter (not with the supervisor) is still applied to these rows: `queue` is never a bucket.
      candidates.push({ covers: ['states'], lists: [this.buckets.state.get('registered')?.rows ?? []] });
    }
    for (const dimension of ['assigneeId', 'category', 'severity'] as const) {
      const value = q[dimension];
      if (value !== undefined) candidates.push({ covers: [dimension], lists: [this.buckets[dimension].get(value)?.rows ?? []] });
    }
    if (q.category !== undefined && q.severity !== undefined) {
      const rows = this.buckets.categorySeverity.get(pairKey(q.category, q.severity))?.rows ?? [];
      // First: on a tie in size it leaves nothing to filter.
      candidates.unshift({ covers: ['category', 'severity'], lists: [rows] });
    }
    if (q.states?.length && q.severity !== undefined) {
      const severity = q.severity;
      const lists = [...new Set(q.states)].map((st) => this.buckets.stateSeverity.get(pairKey(st, severity))?.rows ?? []);
      candidates.unshift({ covers: ['states', 'severity'], lists });
    }
    const size = (b: Bucket) => b.lists.reduce((n, l) => n + l.length, 0);
    return candidates.length ? candidates.reduce((a, b) => (size(b) < size(a) ? b : a)) : null;
  }

  summaries(ids: readonly string[]): CaseSummary[] {
    return ids.flatMap((id) => {
      const row = this.rows.get(id);
      return row ? [summaryOf(row)] : [];
    });
  }

  counts(now: number): Omit<Counts, 'notifications'> {
    const byState: Counts['byState'] = {};
    for (const [state, bucket] of this.buckets.state) if (bucket.rows.length) byState[state as CaseState] = bucket.rows.length;
    // Registered cases with the supervisor are not the counter's to assign.
    const atSupervisor = this.withSupervisor.rows.reduce((n, r) => n + (r.state === 'registered' ? 1 : 0), 0);
    return { byState, unassigned: (byState.registered ?? 0) - atSupervisor, overdue: this.byDue.lowerBound(now) };
  }

  /** Each case's id and the seq of its last event. */
  *heads(): IterableIterator<[id: string, headSeq: number]> {
    for (const [id, row] of this.rows) yield [id, row.headSeq];
  }

  /** Every row, in no particular order. */
  allRows(): IterableIterator<CaseRow> {
    return this.rows.values();
  }

  /** Rows received in [from, to). */
  receivedBetween(from: number, to: number): CaseRow[] {
    return this.byReceived.rows.slice(this.byReceived.lowerBound(from), this.byReceived.lowerBound(to));
  }
}

/**
 * Month figures over the rows received in it. `acceptanceDue` gives, for a received time, the
 * deadline of acceptance (the branch's assignment clock); null when the policy has none. The rates
 * are shared/stats/kpis.ts's indicators at `now`.
 */
export function monthFigures(
  month: string,
  rows: readonly CaseRow[],
  acceptanceDue: ((receivedAt: number) => number) | null,
  now: number,
): MonthStats {
  const byState: Record<string, number> = {};
  const byCategory: Record<string, number> = {};
  const byChannel: Record<string, number> = {};
  const bySeverity: Record<string, number> = {};
  const bySatisfaction: Record<string, number> = {};
  const bump = (counter: Record<string, number>, key: string) => (counter[key] = (counter[key] ?? 0) + 1);
  const tally = emptyTally();
  for (const r of rows) {
    bump(byState, r.state);
    bump(byCategory, r.category);
    bump(byChannel, r.channel);
    bump(bySeverity, r.severity);
    if (r.satisfaction) bump(bySatisfaction, r.satisfaction);
    addToTally(tally, r, acceptanceDue ? acceptanceDue(r.receivedAt) : null, now);
  }
  const kpis = kpisOf(tally, acceptanceDue !== null);
  return {
    month,
    total: rows.length,
    byState,
    byCategory,
    byChannel,
    bySeverity,
    bySatisfaction,
    onTimeAcceptanceRate: kpis.onTimeAcceptance.value,
    satisfactionRate: kpis.satisfaction.value,
    successRate: kpis.success.value,
  };
}
