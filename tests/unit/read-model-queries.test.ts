import { beforeEach, describe, expect, it } from 'vitest';
import { queueQuerySchema, type QueueQuery } from '../../shared/api/contract';
import type { CaseRecord } from '../../shared/domain/case';
import { newCaseRecord } from '../../shared/domain/newCase';
import { ReadModel } from '../../electron/store/readModel';
import { intake } from '../store/fixtures';

const T0 = Date.parse('2026-03-02T10:00:00+08:00');
const HOUR = 3_600_000;
/** The deadline several cases share. */
const DUE = T0 + 24 * HOUR;

function record(id: string, changes: Partial<CaseRecord>): CaseRecord {
  const base = newCaseRecord({
    id,
    caseNo: `BJ01-20260302-${id}`,
    branchCode: 'BJ01',
    profileId: 'pawnshop',
    intake: intake() as never,
    now: T0,
  });
  return { ...base, ...changes };
}

/** Eight cases: three share a deadline, two share a received time, two are h09's. Listed out of id order on purpose. */
const CASES: CaseRecord[] = [
  record('003', { state: 'assigned', assigneeId: 'h01', nextDueAt: DUE, receivedAt: T0 }),
  record('001', { state: 'investigating', assigneeId: 'h02', nextDueAt: DUE, receivedAt: T0 + HOUR }),
  record('008', { state: 'investigating', assigneeId: 'h02', nextDueAt: DUE, receivedAt: T0 + 6 * HOUR }),
  record('002', { state: 'assigned', assigneeId: 'h01', nextDueAt: DUE - HOUR, receivedAt: T0 + 2 * HOUR }),
  record('004', { state: 'investigating', assigneeId: 'h02', nextDueAt: DUE + HOUR, receivedAt: T0 + 3 * HOUR }),
  record('005', { state: 'registered', nextDueAt: DUE + 2 * HOUR, receivedAt: T0 + 4 * HOUR }),
  record('007', { state: 'registered', assigneeId: 'h09', nextDueAt: DUE + 3 * HOUR, receivedAt: T0 + 5 * HOUR }),
  record('006', { state: 'registered', assigneeId: 'h09', nextDueAt: DUE + 4 * HOUR, receivedAt: T0 + 5 * HOUR }),
];

/** The same cases loaded in bulk (start-up) or written one by one (later writes): both must answer alike. */
const BUILDS: [string, () => ReadModel][] = [
  [
    'loaded',
    () => {
      const m = new ReadModel();
      m.load(CASES);
      return m;
    },
  ],
  [
    'written',
    () => {
      const m = new ReadModel();
      for (const c of CASES) m.upsert(c);
      return m;
    },
  ],
];

const ids = (model: ReadModel, q: QueueQuery, now = T0) => model.query(queueQuerySchema.parse(q), now).items.map((s) => s.id);

describe.each(BUILDS)('the queue of a model %s', (_how, build) => {
  // Built in each test, not while tests are collected, so that every test exercises the build.
  let model: ReadModel;
  beforeEach(() => {
    model = build();
  });

  it('lists by deadline, equal deadlines by id', () => {
    expect(ids(model, {})).toEqual(['002', '001', '003', '008', '004', '005', '007', '006']);
    expect(model.query(queueQuerySchema.parse({}), T0).total).toBe(8);
  });

  it('merges the states asked for into one deadline order, whichever state is named first', () => {
    expect(ids(model, { states: ['assigned', 'investigating'] })).toEqual(['002', '001', '003', '008', '004']);
    expect(ids(model, { states: ['investigating', 'assigned'] })).toEqual(['002', '001', '003', '008', '004']);
    expect(ids(model, { states: ['investigating'] })).toEqual(['001', '008', '004']);
  });

  it('returns exactly one page, with the total of all matches', () => {
    expect(model.query(queueQuerySchema.parse({ offset: 1, limit: 2 }), T0)).toMatchObject({ total: 8 });
    expect(ids(model, { offset: 1, limit: 2 })).toEqual(['001', '003']);
    expect(ids(model, { states: ['assigned', 'investigating'], offset: 1, limit: 2 })).toEqual(['001', '003']);
  });

  it('counts as overdue only a deadline already passed, not one falling due now', () => {
    expect(ids(model, { overdue: true }, DUE)).toEqual(['002']);
    expect(ids(model, { overdue: true, sort: 'received' }, DUE)).toEqual(['002']);
    expect(ids(model, { overdue: true, states: ['assigned'], category: 'appraisal' }, DUE)).toEqual(['002']);
    expect(model.counts(DUE).overdue).toBe(1);
  });

  it('includes a case received exactly at the start of the range asked for', () => {
    expect(ids(model, { states: ['assigned', 'investigating'], receivedFrom: T0 + HOUR })).toEqual(['002', '001', '008', '004']);
    expect(ids(model, { assigneeId: 'h02', receivedFrom: T0 + HOUR, receivedTo: T0 + 3 * HOUR })).toEqual(['001', '004']);
    expect(ids(model, { sort: 'received', receivedFrom: T0 + HOUR, receivedTo: T0 + 3 * HOUR })).toEqual(['004', '002', '001']);
  });

  it('applies every other filter to the narrowest one', () => {
    expect(ids(model, { states: ['registered'], assigneeId: 'h09' })).toEqual(['007', '006']);
    expect(ids(model, { states: ['investigating'], businessRef: 'none' })).toEqual([]);
    expect(ids(model, { assigneeId: 'h02', severity: 'general', category: 'appraisal' })).toEqual(['001', '008', '004']);
  });

  it('lists newest received first, equal times by id descending, in a small bucket and overall', () => {
    expect(ids(model, { sort: 'received' })).toEqual(['008', '007', '006', '005', '004', '002', '001', '003']);
    expect(ids(model, { sort: 'received', assigneeId: 'h09' })).toEqual(['007', '006']);
    expect(model.query(queueQuerySchema.parse({ sort: 'received', assigneeId: 'h09', offset: 1, limit: 1 }), T0)).toEqual({
      items: [expect.objectContaining({ id: '006' })],
      total: 2,
    });
    expect(ids(model, { sort: 'received', states: ['investigating'] })).toEqual(['008', '004', '001']);
  });

  it('finds nothing for a filter value no case has', () => {
    expect(model.query(queueQuerySchema.parse({ assigneeId: 'h99' }), T0)).toEqual({ items: [], total: 0 });
    expect(model.query(queueQuerySchema.parse({ assigneeId: 'h99', sort: 'received' }), T0)).toEqual({ items: [], total: 0 });
    expect(model.query(queueQuerySchema.parse({ states: ['closed'] }), T0)).toEqual({ items: [], total: 0 });
    expect(model.summaries(['h99', '001']).map((s) => s.id)).toEqual(['001']);
  });

  it('counts cases by state', () => {
    expect(model.counts(T0)).toEqual({ byState: { assigned: 2, investigating: 3, registered: 3 }, unassigned: 3, overdue: 0 });
  });
});

describe('a model loaded twice', () => {
  it('holds the cases of both loads, in one deadline order', () => {
    const model = new ReadModel();
    model.load(CASES.slice(0, 4));
    model.load(CASES.slice(4));
    expect(ids(model, {})).toEqual(['002', '001', '003', '008', '004', '005', '007', '006']);
  });
});
