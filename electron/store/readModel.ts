import type { CaseSummary, Counts, MonthStats, QueuePage, queueQuerySchema } from '../../shared/api/contract';
import type { CaseRecord } from '../../shared/domain/case';
import { CLOSED_STATES, type Channel, type Satisfaction } from '../../shared/domain/enums';
import type { z } from 'zod';
import { SearchIndex } from './searchIndex';

type Query = z.output<typeof queueQuerySchema>;

/** What queues, counts and statistics need of a case: a few dozen bytes instead of the whole record. */
export interface CaseRow extends CaseSummary {
  channel: Channel;
  satisfaction: Satisfaction | null;
  /** When the case was accepted: first assigned, or settled at the counter / found outside remit. */
  acceptedAt: number | null;
  finished: boolean;
  /** Finished without an unsatisfied round or an appeal. */
  succeeded: boolean;
  /** nextDueAt with "no deadline" as +Infinity, for sorting. */
  dueKey: number;
}

export function rowOf(c: CaseRecord): CaseRow {
  const finished = CLOSED_STATES.includes(c.state) || c.state === 'archived';
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
    acceptedAt: c.assignments[0]?.assignedAt ?? (c.state === 'closed_at_counter' || c.state === 'invalid' ? c.closedAt : null),
    finished,
    succeeded: finished && c.appeal === null && !c.callbacks.some((cb) => cb.satisfaction === 'unsatisfied' && !cb.standardMet),
    dueKey: c.nextDueAt,
  };
}

export function summaryOf(row: CaseRow): CaseSummary {
  const { id, caseNo, complainantName, category, severity, state, isReport, businessRef, assigneeId, receivedAt, nextDueAt } = row;
  return { id, caseNo, complainantName, category, severity, state, isReport, businessRef, assigneeId, receivedAt, nextDueAt };
}

/** Ascending by `key`, ties by id, so every row has exactly one place. */
class SortedRows {
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
    this.rows.push(...rows);
    this.rows.sort((a, b) => this.key(a) - this.key(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** First index whose key is ≥ k. */
  lowerBound(k: number): number {
    let lo = 0;
    let hi = this.rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.key(this.rows[mid]!) < k) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function matcher(q: Query, now: number): (r: CaseRow) => boolean {
  const states = q.states?.length ? new Set(q.states) : null;
  return (r) =>
    (!states || states.has(r.state)) &&
    (q.assigneeId === undefined || r.assigneeId === q.assigneeId) &&
    (q.category === undefined || r.category === q.category) &&
    (q.severity === undefined || r.severity === q.severity) &&
    (!q.overdue || r.dueKey < now) &&
    (q.receivedFrom === undefined || r.receivedAt >= q.receivedFrom) &&
    (q.receivedTo === undefined || r.receivedAt <= q.receivedTo) &&
    (q.businessRef === undefined || r.businessRef === q.businessRef);
}

/**
 * The store host's in-memory view of all cases for queues, counts, statistics and search.
 * IndexedDB stays the truth: the view is loaded from it at start-up and changed in the same
 * transaction callback as each write (and put back if the commit fails). One writer, so it never
 * drifts; 100,000 rows take a few tens of megabytes.
 */
export class ReadModel {
  private rows = new Map<string, CaseRow>();
  private byDue = new SortedRows((r) => r.dueKey);
  private byReceived = new SortedRows((r) => r.receivedAt);
  readonly search = new SearchIndex();

  get size(): number {
    return this.rows.size;
  }

  load(records: Iterable<CaseRecord>): void {
    for (const c of records) {
      this.rows.set(c.id, rowOf(c));
      this.search.upsert(c);
    }
    this.byDue.reset([...this.rows.values()]);
    this.byReceived.reset([...this.rows.values()]);
  }

  upsert(c: CaseRecord): void {
    this.removeRow(c.id);
    const row = rowOf(c);
    this.rows.set(c.id, row);
    this.byDue.insert(row);
    this.byReceived.insert(row);
    this.search.upsert(c);
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
    this.rows.delete(id);
  }

  query(q: Query, now: number): QueuePage {
    const matches = matcher(q, now);
    const from = q.offset;
    const to = q.offset + q.limit;
    const items: CaseSummary[] = [];
    let total = 0;
    const take = (r: CaseRow) => {
      if (!matches(r)) return;
      if (total >= from && total < to) items.push(summaryOf(r));
      total++;
    };
    if (q.sort === 'received') {
      const rows = this.byReceived.rows;
      const lo = q.receivedFrom === undefined ? 0 : this.byReceived.lowerBound(q.receivedFrom);
      const hi = q.receivedTo === undefined ? rows.length : this.byReceived.lowerBound(q.receivedTo + 1);
      for (let i = hi - 1; i >= lo; i--) take(rows[i]!);
    } else {
      const rows = this.byDue.rows;
      const hi = q.overdue ? this.byDue.lowerBound(now) : rows.length;
      for (let i = 0; i < hi; i++) take(rows[i]!);
    }
    return { items, total };
  }

  summaries(ids: readonly string[]): CaseSummary[] {
    return ids.flatMap((id) => {
      const row = this.rows.get(id);
      return row ? [summaryOf(row)] : [];
    });
  }

  counts(now: number): Omit<Counts, 'notifications'> {
    const byState: Counts['byState'] = {};
    for (const r of this.rows.values()) byState[r.state] = (byState[r.state] ?? 0) + 1;
    return { byState, unassigned: byState.registered ?? 0, overdue: this.byDue.lowerBound(now) };
  }

  /** Rows received in [from, to). */
  receivedBetween(from: number, to: number): CaseRow[] {
    return this.byReceived.rows.slice(this.byReceived.lowerBound(from), this.byReceived.lowerBound(to));
  }
}

export function monthFigures(month: string, rows: readonly CaseRow[], acceptanceMs: number): MonthStats {
  const stats: MonthStats = {
    month, total: rows.length, byState: {}, byCategory: {}, byChannel: {}, bySeverity: {}, bySatisfaction: {},
    onTimeAcceptanceRate: null, satisfactionRate: null, successRate: null,
  };
  const bump = (counter: Record<string, number>, key: string) => (counter[key] = (counter[key] ?? 0) + 1);
  let acceptedOnTime = 0;
  let finished = 0;
  let succeeded = 0;
  let rated = 0;
  let satisfied = 0;
  for (const r of rows) {
    bump(stats.byState, r.state);
    bump(stats.byCategory, r.category);
    bump(stats.byChannel, r.channel);
    bump(stats.bySeverity, r.severity);
    if (r.satisfaction) {
      bump(stats.bySatisfaction, r.satisfaction);
      rated++;
      if (r.satisfaction === 'satisfied') satisfied++;
    }
    if (r.acceptedAt !== null && r.acceptedAt - r.receivedAt <= acceptanceMs) acceptedOnTime++;
    if (r.finished) {
      finished++;
      if (r.succeeded) succeeded++;
    }
  }
  const rate = (n: number, d: number) => (d === 0 ? null : n / d);
  stats.onTimeAcceptanceRate = rate(acceptedOnTime, rows.length);
  stats.satisfactionRate = rate(satisfied, rated);
  stats.successRate = rate(succeeded, finished);
  return stats;
}
