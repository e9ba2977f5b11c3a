import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../shared/domain/case';
import { newCaseRecord } from '../../shared/domain/newCase';
import { monthFigures, ReadModel, rowOf } from '../../electron/store/readModel';
import { intake } from '../store/fixtures';

const T0 = Date.parse('2026-03-02T10:00:00+08:00');
const HOUR = 3_600_000;

function record(id: string, changes: Partial<CaseRecord> = {}): CaseRecord {
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

const assignment = (at: number) => ({ department: '鉴定部', assigneeId: 'h01', dueAt: null, assignedAt: at, assignedBy: 's01', note: '' });
const callback = (satisfaction: 'satisfied' | 'partly_satisfied' | 'unsatisfied', standardMet = false) => ({
  at: T0,
  by: 'c01',
  satisfaction,
  notes: '',
  objection: '',
  standardMet,
});

describe('a case as a read-model row', () => {
  it('keeps what queues, counts and statistics need', () => {
    const c = record('001', {
      state: 'assigned',
      assigneeId: 'h01',
      channel: 'phone',
      assignments: [assignment(T0 + HOUR), assignment(T0 + 5 * HOUR)],
      nextDueAt: T0 + 24 * HOUR,
      ledgerHead: { seq: 3, hash: 'x' },
    });
    expect(rowOf(c)).toMatchObject({
      id: '001',
      state: 'assigned',
      assigneeId: 'h01',
      channel: 'phone',
      satisfaction: null,
      acceptedAt: T0 + HOUR,
      finished: false,
      succeeded: false,
      nextDueAt: T0 + 24 * HOUR,
      dueKey: T0 + 24 * HOUR,
      headSeq: 3,
    });
    expect(rowOf(record('002'))).toMatchObject({ acceptedAt: null, nextDueAt: null, dueKey: Number.POSITIVE_INFINITY, headSeq: 0 });
  });

  it('takes the closing time as acceptance when the case was never assigned', () => {
    expect(rowOf(record('001', { state: 'closed_at_counter', closedAt: T0 + 600_000 })).acceptedAt).toBe(T0 + 600_000);
    expect(rowOf(record('002', { state: 'archived', closedAt: T0 + 700_000 })).acceptedAt).toBe(T0 + 700_000);
  });

  it('counts as succeeded a finished case closed without reopening', () => {
    const closed = { state: 'closed' as const, assignments: [assignment(T0)], closedAt: T0 + HOUR };
    expect(rowOf(record('001', { ...closed, callbacks: [callback('satisfied')] })).succeeded).toBe(true);
    // A supervisor found the standard met: closed despite the objection, never reopened.
    expect(rowOf(record('002', { ...closed, callbacks: [callback('unsatisfied', true)] })).succeeded).toBe(true);
    expect(rowOf(record('003', { ...closed, callbacks: [callback('unsatisfied'), callback('satisfied')] })).succeeded).toBe(false);
    expect(rowOf(record('004', { ...closed, appeal: { at: T0, reason: '复核' }, callbacks: [callback('satisfied')] })).succeeded).toBe(
      false,
    );
    expect(rowOf(record('005', { ...closed, state: 'archived' })).succeeded).toBe(true);
    expect(rowOf(record('006', { state: 'awaiting_callback', callbacks: [] })).succeeded).toBe(false);
  });
});

describe('month figures', () => {
  it('count every dimension and the rates over their own denominators', () => {
    const rows = [
      record('001', { channel: 'phone', severity: 'major', satisfaction: 'satisfied', state: 'closed', closedAt: T0 + HOUR }),
      record('002', { category: 'fees_interest', satisfaction: 'partly_satisfied', state: 'closed', closedAt: T0 + 2 * HOUR }),
      record('003', { satisfaction: 'unsatisfied', state: 'reopened', assignments: [assignment(T0 + 3 * HOUR)] }),
      record('004'),
    ].map(rowOf);
    const stats = monthFigures('2026-03', rows, (receivedAt) => receivedAt + 2 * HOUR);
    expect(stats).toEqual({
      month: '2026-03',
      total: 4,
      byState: { closed: 2, reopened: 1, registered: 1 },
      byCategory: { appraisal: 3, fees_interest: 1 },
      byChannel: { phone: 1, walk_in: 3 },
      bySeverity: { major: 1, general: 3 },
      bySatisfaction: { satisfied: 1, partly_satisfied: 1, unsatisfied: 1 },
      onTimeAcceptanceRate: 2 / 4, // 001 and 002 by the deadline (002 exactly at it); 003 late; 004 not yet
      satisfactionRate: 1 / 3,
      successRate: 2 / 2,
    });
  });

  it('have no rates without cases, ratings, finished cases or an assignment clock', () => {
    expect(monthFigures('2026-04', [], (t) => t)).toMatchObject({
      total: 0,
      onTimeAcceptanceRate: null,
      satisfactionRate: null,
      successRate: null,
    });
    const rows = [rowOf(record('001', { assignments: [assignment(T0)], state: 'assigned' }))];
    expect(monthFigures('2026-03', rows, null)).toMatchObject({ onTimeAcceptanceRate: null, satisfactionRate: null, successRate: null });
    expect(monthFigures('2026-03', rows, (t) => t)).toMatchObject({ onTimeAcceptanceRate: 1 });
  });
});

describe('ReadModel bookkeeping', () => {
  it('reverts a change, drops a new case, and lists heads, summaries and received ranges', () => {
    const model = new ReadModel();
    const a = record('001', { ledgerHead: { seq: 1, hash: 'a' } });
    model.load([a]);
    const changed = { ...a, state: 'assigned' as const, ledgerHead: { seq: 2, hash: 'b' }, receivedAt: T0 + HOUR };
    model.upsert(changed);
    model.revert(a.id, a);
    const b = record('002', { receivedAt: T0 + 2 * HOUR, ledgerHead: { seq: 1, hash: 'c' } });
    model.upsert(b);
    model.revert(b.id, null);
    expect(model.size).toBe(1);
    expect([...model.heads()]).toEqual([['001', 1]]);
    expect(model.counts(T0)).toEqual({ byState: { registered: 1 }, unassigned: 1, overdue: 0 });
    expect(model.summaries(['002', '001']).map((s) => s.id)).toEqual(['001']);
    expect(model.search.search('王小明', 10)).toEqual(['001']);
    expect(model.receivedBetween(T0, T0 + 1).map((r) => r.id)).toEqual(['001']);
    expect(model.receivedBetween(T0 + 1, T0 + 3 * HOUR)).toEqual([]);
  });
});
