import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../shared/domain/case';
import { newCaseRecord } from '../../shared/domain/newCase';
import { monthFigures, ReadModel } from '../../electron/store/readModel';
import { rowOf } from '../../electron/store/caseRow';
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
      closing: null,
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

  it('records how a finished case was closed, its closing time, department and responsibility', () => {
    const closed = { state: 'closed' as const, assignments: [assignment(T0)], closedAt: T0 + HOUR };
    const result = { text: '已处理', at: T0, by: 'h01' };
    expect(rowOf(record('001', { ...closed, result, callbacks: [callback('satisfied')] }))).toMatchObject({
      closing: 'callback',
      closedAt: T0 + HOUR,
      department: '鉴定部',
    });
    expect(rowOf(record('002', { ...closed, result }))).toMatchObject({ closing: 'noCallback' });
    // Archived: the counter's settlement records "satisfied" without a result; a case found invalid has neither.
    expect(rowOf(record('003', { state: 'archived', closedAt: T0, satisfaction: 'satisfied' })).closing).toBe('counter');
    expect(rowOf(record('004', { state: 'archived', closedAt: T0 })).closing).toBe('invalid');
    expect(rowOf(record('005', { state: 'closed_at_counter', closedAt: T0, satisfaction: 'satisfied' })).closing).toBe('counter');
    expect(rowOf(record('006', { state: 'invalid', closedAt: T0 })).closing).toBe('invalid');
    expect(rowOf(record('007', { state: 'awaiting_callback', result }))).toMatchObject({ closing: null, closedAt: null });
    const reassigned = { ...assignment(T0 + HOUR), department: '客服部' };
    const validity = { valid: true, responsibility: 'staff' as const, analysis: '' };
    expect(rowOf(record('008', { state: 'investigating', assignments: [assignment(T0), reassigned], validity }))).toMatchObject({
      department: '客服部',
      responsibility: 'staff',
    });
    expect(rowOf(record('009'))).toMatchObject({ department: '', responsibility: null, closing: null });
  });
});

describe('month figures', () => {
  it('count every dimension and the rates of shared/stats/kpis.ts', () => {
    const result = { text: '已处理', at: T0, by: 'h01' };
    const rows = [
      record('001', {
        channel: 'phone',
        severity: 'major',
        satisfaction: 'satisfied',
        state: 'closed',
        result,
        callbacks: [callback('satisfied')],
        closedAt: T0 + HOUR,
      }),
      record('002', {
        category: 'fees_interest',
        satisfaction: 'partly_satisfied',
        state: 'closed',
        result,
        callbacks: [callback('partly_satisfied', true)],
        closedAt: T0 + 2 * HOUR,
      }),
      record('003', { satisfaction: 'unsatisfied', state: 'reopened', assignments: [assignment(T0 + 3 * HOUR)] }),
      record('004'),
    ].map(rowOf);
    const due = (receivedAt: number) => receivedAt + 2 * HOUR;
    const stats = monthFigures('2026-03', rows, due, T0 + 3 * HOUR);
    expect(stats).toEqual({
      month: '2026-03',
      total: 4,
      byState: { closed: 2, reopened: 1, registered: 1 },
      byCategory: { appraisal: 3, fees_interest: 1 },
      byChannel: { phone: 1, walk_in: 3 },
      bySeverity: { major: 1, general: 3 },
      bySatisfaction: { satisfied: 1, partly_satisfied: 1, unsatisfied: 1 },
      onTimeAcceptanceRate: 2 / 4, // 001 and 002 by the deadline (002 exactly at it); 003 late; 004 still waiting, past it
      satisfactionRate: (1 + 0.5 + 0) / 3,
      successRate: 2 / 2, // both closed after a callback, satisfied and partly satisfied
    });
    // Before 004's deadline it is not counted yet.
    expect(monthFigures('2026-03', rows, due, T0 + HOUR).onTimeAcceptanceRate).toBe(2 / 3);
  });

  it('have no rates without cases, ratings, closed cases or an assignment clock', () => {
    expect(monthFigures('2026-04', [], (t) => t, T0)).toMatchObject({
      total: 0,
      onTimeAcceptanceRate: null,
      satisfactionRate: null,
      successRate: null,
    });
    const rows = [rowOf(record('001', { assignments: [assignment(T0)], state: 'assigned' }))];
    expect(monthFigures('2026-03', rows, null, T0)).toMatchObject({
      onTimeAcceptanceRate: null,
      satisfactionRate: null,
      successRate: null,
    });
    expect(monthFigures('2026-03', rows, (t) => t, T0)).toMatchObject({ onTimeAcceptanceRate: 1 });
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
