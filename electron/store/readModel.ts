import type { CaseSummary, Counts, MonthStats, QueuePage, queueQuerySchema } from '../../shared/api/contract';
import type { Actor, CaseRecord } from '../../shared/domain/case';
import { isSupervisorRole, type CaseState } from '../../shared/domain/enums';
import { addToTally, emptyTally, kpisOf } from '../../shared/stats/kpis';
import type { z } from 'zod';
import { rowOf, type CaseRow } from './caseRow';
import { RowStore, type RowColumns } from './rowStore';
import { LateSearch } from './lateSearch';
import { SearchIndex } from './searchIndex';
import { SortedSlots } from './sortedSlots';

/** A page of the queue; the host adds the offset it was asked for. */
type PageOfRows = Omit<QueuePage, 'offset'>;

type Query = z.output<typeof queueQuerySchema>;

/** Slot lists with the index each ends at: what a deadline-ordered walk reads. */
type Lists = readonly Uint32Array[];

/** Rows of one value (or several states), in deadline order; `covers`: the criteria they meet already. */
type Bucket = { covers: readonly (typeof CRITERIA)[number][]; lists: Lists };
const CRITERIA = ['states', 'assigneeId', 'category', 'severity', 'overdue', 'receivedFrom', 'receivedTo', 'businessRef', 'queue'] as const;

const DIMENSION_NAMES = ['state', 'assigneeId', 'category', 'severity', 'categorySeverity', 'stateSeverity'] as const;
type Dimension = (typeof DIMENSION_NAMES)[number];
const pairKey = (a: string, b: string) => `${a}\u0001${b}`;

/** A snapshot's view of the model: its rows as columns in deadline order, and the received order as indexes into them. */
export interface ModelColumns {
  rows: RowColumns;
  receivedOrder: Uint32Array;
}

/**
 * The store host's in-memory view of all cases for queues, counts, statistics and search.
 * IndexedDB stays the truth: the view is loaded from it at start-up (or from the snapshot) and
 * changed in the same transaction callback as each write (and put back if the commit fails). One
 * writer, so it never drifts. Rows are slots of a column store; every queue order and bucket is a
 * sorted list of slots.
 */
export class ReadModel {
  private store: RowStore;
  private readonly dueKey = (slot: number) => this.store.number('dueKey', slot);
  private readonly idOf = (slot: number) => this.store.id(slot);
  private readonly byDue: SortedSlots;
  private readonly byReceived: SortedSlots;
  /** The cases with the supervisor, by deadline: every supervisor's "mine" besides their own. */
  private readonly withSupervisor: SortedSlots;
  private readonly buckets: Record<Dimension, Map<string, SortedSlots>> = {
    state: new Map(),
    assigneeId: new Map(),
    category: new Map(),
    severity: new Map(),
    categorySeverity: new Map(),
    stateSeverity: new Map(),
  };

  private readonly late: LateSearch;

  /** `search` may be on its way (a start from the snapshot): the rows answer meanwhile, searches await `searchReady`. */
  constructor(search: SearchIndex | Promise<SearchIndex> = new SearchIndex(), store = new RowStore()) {
    this.late = new LateSearch(search);
    this.store = store;
    this.byDue = this.slots(this.dueKey);
    this.byReceived = this.slots((slot) => this.store.number('receivedAt', slot));
    this.withSupervisor = this.slots(this.dueKey);
  }

  /** The search index; only once it has arrived (see `searchReady`). */
  get search(): SearchIndex {
    return this.late.now;
  }

  /** The search index with every change made before it arrived. */
  get searchReady(): Promise<SearchIndex> {
    return this.late.ready;
  }

  /** The search index, or null while it is on its way. */
  get searchLoaded(): SearchIndex | null {
    return this.late.loaded;
  }

  private slots(key: (slot: number) => number): SortedSlots {
    return new SortedSlots(key, this.idOf);
  }

  get size(): number {
    return this.store.size;
  }

  /** The value of a slot in a bucketed dimension (category and severity also as a pair, a common filter of two large buckets). */
  private valueIn(dimension: Dimension, slot: number): string {
    const s = this.store;
    switch (dimension) {
      case 'categorySeverity':
        return pairKey(s.value('category', slot)!, s.value('severity', slot)!);
      case 'stateSeverity':
        return pairKey(s.value('state', slot)!, s.value('severity', slot)!);
      default:
        return s.value(dimension, slot)!;
    }
  }

  private bucket(dimension: Dimension, value: string): SortedSlots {
    const map = this.buckets[dimension];
    let bucket = map.get(value);
    if (!bucket) map.set(value, (bucket = this.slots(this.dueKey)));
    return bucket;
  }

  private rows(dimension: Dimension, value: string): Uint32Array {
    return this.buckets[dimension].get(value)?.view() ?? EMPTY;
  }

  /** The rows as columns in deadline order and the received order as indexes into them: what a snapshot keeps. */
  exportColumns(): ModelColumns & { indexOf: (id: string) => number } {
    const order = this.byDue.view().slice();
    const indexOfSlot = new Int32Array(order.reduce((m, s) => Math.max(m, s + 1), 0)).fill(-1);
    order.forEach((slot, i) => (indexOfSlot[slot] = i));
    const receivedOrder = this.byReceived.view().map((slot) => indexOfSlot[slot]!);
    return { rows: this.store.columns(order), receivedOrder, indexOf: (id) => indexOfSlot[this.store.slot(id)!]! };
  }

  /**
   * A model from `exportColumns`' arrays and a search index (or one on its way): the deadline order
   * is the rows' own and the received order is given, so nothing is sorted.
   */
  static restore({ rows, receivedOrder }: ModelColumns, search: SearchIndex | Promise<SearchIndex>): ReadModel {
    const model = new ReadModel(search, RowStore.fromColumns(rows));
    for (let slot = 0; slot < rows.count; slot++) model.byDue.push(slot);
    for (const i of receivedOrder) model.byReceived.push(i);
    model.fillFromDueOrder();
    return model;
  }

  /** Bulk load into an empty model: every row appended, then the orders sorted once. */
  load(records: Iterable<CaseRecord>): void {
    this.append(records);
    this.finishLoad();
  }

  /**
   * Appends cases to a model being loaded (nothing else changes it meanwhile), leaving it unusable
   * until `finishLoad`: a rebuild appends page by page, answering requests in between.
   */
  append(records: Iterable<CaseRecord>): void {
    for (const c of records) {
      const slot = this.store.add(rowOf(c));
      this.byDue.push(slot);
      this.byReceived.push(slot);
      this.search.upsert(c, false);
    }
  }

  /** Sorts the two orders once, and fills every other list from the deadline order. */
  finishLoad(): void {
    this.byDue.sort();
    this.byReceived.sort();
    this.fillFromDueOrder();
    this.search.freeze();
  }

  /** Each bucket and the supervisor's list are the deadline order filtered: filled by one walk over it. */
  private fillFromDueOrder(): void {
    this.withSupervisor.clear();
    for (const map of Object.values(this.buckets)) for (const bucket of map.values()) bucket.clear();
    for (const slot of this.byDue.view()) {
      if (this.store.flag('withSupervisor', slot)) this.withSupervisor.push(slot);
      this.addToBuckets(slot, true);
    }
  }

  upsert(c: CaseRecord): void {
    const row = rowOf(c);
    let slot = this.store.slot(c.id);
    if (slot === undefined) slot = this.store.add(row);
    else {
      this.unlist(slot);
      this.store.write(slot, row);
    }
    this.list(slot);
    this.late.upsert(c);
  }

  /** Whether the model holds exactly what `c` makes of its row and search text (the snapshot's audit; once `searchReady`). */
  holds(c: CaseRecord): boolean {
    const slot = this.store.slot(c.id);
    if (slot === undefined) return false;
    const fresh = rowOf(c);
    const held = this.store.row(slot);
    return (Object.keys(fresh) as (keyof CaseRow)[]).every((k) => Object.is(fresh[k], held[k])) && this.search.holds(c);
  }

  /** Ids of all cases held. */
  ids(): IterableIterator<string> {
    return this.store.ids();
  }

  /** Puts a case back as it was before a write whose commit failed (or drops it if it was new). */
  revert(id: string, before: CaseRecord | null): void {
    if (before) return this.upsert(before);
    const slot = this.store.slot(id);
    if (slot === undefined) return;
    this.unlist(slot);
    this.store.drop(slot);
    this.late.remove(id);
  }

  /** Takes a slot out of every list, by the values it holds now (before they are rewritten). */
  private unlist(slot: number): void {
    this.byDue.remove(slot);
    this.byReceived.remove(slot);
    if (this.store.flag('withSupervisor', slot)) this.withSupervisor.remove(slot);
    for (const dimension of DIMENSION_NAMES) this.buckets[dimension].get(this.valueIn(dimension, slot))?.remove(slot);
  }

  private list(slot: number): void {
    this.byDue.insert(slot);
    this.byReceived.insert(slot);
    if (this.store.flag('withSupervisor', slot)) this.withSupervisor.insert(slot);
    this.addToBuckets(slot, false);
  }

  private addToBuckets(slot: number, bulk: boolean): void {
    for (const dimension of DIMENSION_NAMES) {
      const bucket = this.bucket(dimension, this.valueIn(dimension, slot));
      if (bulk) bucket.push(slot);
      else bucket.insert(slot);
    }
  }

  /**
   * Visits slots of several deadline-ordered lists in one deadline order (a k-way merge over at most
   * twelve lists), stopping after `limit` slots.
   */
  private walkByDue(lists: Lists, ends: readonly number[], limit: number, visit: (slot: number, i: number) => void): void {
    const at = lists.map(() => 0);
    for (let i = 0; i < limit; i++) {
      let best = -1;
      for (let k = 0; k < lists.length; k++) {
        if (at[k]! >= ends[k]!) continue;
        if (best < 0 || this.byDue.precedes(lists[k]![at[k]!]!, lists[best]![at[best]!]!)) best = k;
      }
      if (best < 0) return;
      visit(lists[best]![at[best]!++]!, i);
    }
  }

  /** First index of a deadline-ordered list whose deadline is ≥ k. */
  private dueLowerBound(list: Uint32Array, k: number): number {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.dueKey(list[mid]!) < k) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private matcher(q: Query, now: number): (slot: number) => boolean {
    const s = this.store;
    const code = (field: 'assigneeId' | 'category' | 'severity', value: string | undefined) =>
      value === undefined ? undefined : s.dictionaries[field].find(value);
    const states = q.states?.length ? new Set(q.states.map((st) => s.dictionaries.state.find(st))) : null;
    const assignee = code('assigneeId', q.assigneeId);
    const category = code('category', q.category);
    const severity = code('severity', q.severity);
    const { receivedFrom, receivedTo, businessRef } = q;
    const overdue = q.overdue === true;
    const registered = q.queue === 'unassigned' ? s.dictionaries.state.find('registered') : undefined;
    return (slot) =>
      (registered === undefined || (s.code('state', slot) === registered && !s.flag('withSupervisor', slot))) &&
      (states === null || states.has(s.code('state', slot))) &&
      (assignee === undefined || s.code('assigneeId', slot) === assignee) &&
      (category === undefined || s.code('category', slot) === category) &&
      (severity === undefined || s.code('severity', slot) === severity) &&
      (!overdue || s.number('dueKey', slot) < now) &&
      (receivedFrom === undefined || s.number('receivedAt', slot) >= receivedFrom) &&
      (receivedTo === undefined || s.number('receivedAt', slot) <= receivedTo) &&
      (businessRef === undefined || s.text('businessRef', slot) === businessRef);
  }

  private pageOf(slots: Iterable<number>): CaseSummary[] {
    const items: CaseSummary[] = [];
    for (const slot of slots) items.push(this.store.summary(slot));
    return items;
  }

  /** A page of a queue; `actor` is whose "mine" it is. */
  query(q: Query, now: number, actor?: Actor): PageOfRows {
    if (q.queue === 'mine') return this.mine(q, now, actor);
    const matches = this.matcher(q, now);
    const from = q.offset;
    const to = q.offset + q.limit;
    const bucket = this.smallestBucket(q);
    if (q.sort === 'received') return this.newestFirst(q, bucket, matches);

    // By deadline: walk the narrowest bucket(s), already in deadline order, merging several states.
    const lists = bucket?.lists ?? [this.byDue.view()];
    const ends = lists.map((l) => (q.overdue ? this.dueLowerBound(l, now) : l.length));
    const others = CRITERIA.filter((k) => !bucket?.covers.includes(k) && k !== 'overdue' && q[k] !== undefined);
    const page: number[] = [];
    if (others.length === 0) {
      // Nothing left to filter: the total is known, and only the page itself is read.
      this.walkByDue(lists, ends, to, (slot, i) => i >= from && page.push(slot));
      return { items: this.pageOf(page), total: ends.reduce((n, e) => n + e, 0) };
    }
    let total = 0;
    this.walkByDue(lists, ends, Infinity, (slot) => {
      if (!matches(slot)) return;
      if (total >= from && total < to) page.push(slot);
      total++;
    });
    return { items: this.pageOf(page), total };
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
    const matches = this.matcher({ ...q, queue: undefined }, now);
    const seen = new Set<number>();
    for (const slot of this.rows('assigneeId', staffId)) if (matches(slot)) seen.add(slot);
    if (q.assigneeId === undefined) for (const slot of this.withSupervisor.view()) if (matches(slot)) seen.add(slot);
    const hits = [...seen];
    if (q.sort === 'received') hits.sort((a, b) => this.newerFirst(a, b));
    else hits.sort((a, b) => (this.byDue.precedes(a, b) ? -1 : this.byDue.precedes(b, a) ? 1 : 0));
    return { items: this.pageOf(hits.slice(q.offset, q.offset + q.limit)), total: hits.length };
  }

  /** Newest received first, ties by id (larger first): the reverse of the received order. */
  private newerFirst(a: number, b: number): number {
    const ra = this.store.number('receivedAt', a);
    const rb = this.store.number('receivedAt', b);
    if (ra !== rb) return rb - ra;
    const ia = this.idOf(a);
    const ib = this.idOf(b);
    return ia < ib ? 1 : ia > ib ? -1 : 0;
  }

  private newestFirst(q: Query, bucket: Bucket | null, matches: (slot: number) => boolean): PageOfRows {
    const ranged = q.receivedFrom !== undefined || q.receivedTo !== undefined;
    const size = bucket ? bucket.lists.reduce((n, l) => n + l.length, 0) : Infinity;
    if (!ranged && size <= this.size / 4) {
      // A small bucket: collect its matches, then sort them by received time.
      const hits: number[] = [];
      for (const list of bucket!.lists) for (const slot of list) if (matches(slot)) hits.push(slot);
      hits.sort((a, b) => this.newerFirst(a, b));
      return { items: this.pageOf(hits.slice(q.offset, q.offset + q.limit)), total: hits.length };
    }
    const rows = this.byReceived.view();
    const lo = q.receivedFrom === undefined ? 0 : this.byReceived.lowerBound(q.receivedFrom);
    const hi = q.receivedTo === undefined ? rows.length : this.byReceived.lowerBound(q.receivedTo + 1);
    if (CRITERIA.every((k) => k === 'receivedFrom' || k === 'receivedTo' || q[k] === undefined)) {
      // Nothing but the received range: the total is the range's length, and only the page is read.
      const top = hi - 1 - q.offset;
      const page = Array.from(rows.subarray(Math.max(lo, top - q.limit + 1), Math.max(lo, top + 1))).reverse();
      return { items: this.pageOf(page), total: hi - lo };
    }
    const page: number[] = [];
    let total = 0;
    for (let i = hi - 1; i >= lo; i--) {
      const slot = rows[i]!;
      if (!matches(slot)) continue;
      if (total >= q.offset && total < q.offset + q.limit) page.push(slot);
      total++;
    }
    return { items: this.pageOf(page), total };
  }

  /**
   * The rows of the most selective filter, in deadline order (one list per state asked for): reading
   * fewer rows matters more than anything else.
   */
  private smallestBucket(q: Query): Bucket | null {
    const candidates: Bucket[] = [];
    if (q.states?.length) {
      candidates.push({ covers: ['states'], lists: [...new Set(q.states)].map((st) => this.rows('state', st)) });
    } else if (q.queue === 'unassigned') {
      // The queue's own filter (not with the supervisor) is still applied to these rows: `queue` is never a bucket.
      candidates.push({ covers: ['states'], lists: [this.rows('state', 'registered')] });
    }
    for (const dimension of ['assigneeId', 'category', 'severity'] as const) {
      const value = q[dimension];
      if (value !== undefined) candidates.push({ covers: [dimension], lists: [this.rows(dimension, value)] });
    }
    if (q.category !== undefined && q.severity !== undefined) {
      // First: on a tie in size it leaves nothing to filter.
      candidates.unshift({ covers: ['category', 'severity'], lists: [this.rows('categorySeverity', pairKey(q.category, q.severity))] });
    }
    if (q.states?.length && q.severity !== undefined) {
      const severity = q.severity;
      const lists = [...new Set(q.states)].map((st) => this.rows('stateSeverity', pairKey(st, severity)));
      candidates.unshift({ covers: ['states', 'severity'], lists });
    }
    const size = (b: Bucket) => b.lists.reduce((n, l) => n + l.length, 0);
    return candidates.length ? candidates.reduce((a, b) => (size(b) < size(a) ? b : a)) : null;
  }

  summaries(ids: readonly string[]): CaseSummary[] {
    return ids.flatMap((id) => {
      const slot = this.store.slot(id);
      return slot === undefined ? [] : [this.store.summary(slot)];
    });
  }

  counts(now: number): Omit<Counts, 'notifications'> {
    const byState: Counts['byState'] = {};
    for (const [state, bucket] of this.buckets.state) if (bucket.length) byState[state as CaseState] = bucket.length;
    // Registered cases with the supervisor are not the counter's to assign.
    const registered = this.store.dictionaries.state.find('registered');
    let atSupervisor = 0;
    for (const slot of this.withSupervisor.view()) if (this.store.code('state', slot) === registered) atSupervisor++;
    return { byState, unassigned: (byState.registered ?? 0) - atSupervisor, overdue: this.byDue.lowerBound(now) };
  }

  /** Each case's id and the seq of its last event. */
  *heads(): IterableIterator<[id: string, headSeq: number]> {
    for (const slot of this.store.slots()) yield [this.store.id(slot), this.store.number('headSeq', slot)];
  }

  /** When each case closed in [from, to) was closed, in no particular order. */
  closedBetween(from: number, to: number): number[] {
    const times: number[] = [];
    for (const slot of this.store.slots()) {
      const closedAt = this.store.number('closedAt', slot);
      if (closedAt >= from && closedAt < to) times.push(closedAt);
    }
    return times;
  }

  /** Rows received in [from, to), oldest first (built for the caller, not kept). */
  receivedBetween(from: number, to: number): CaseRow[] {
    const slots = this.byReceived.view().subarray(this.byReceived.lowerBound(from), this.byReceived.lowerBound(to));
    return Array.from(slots, (slot) => this.store.row(slot));
  }
}

const EMPTY = new Uint32Array(0);

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
