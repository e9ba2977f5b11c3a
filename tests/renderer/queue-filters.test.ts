import { describe, expect, it } from 'vitest';
import { methods } from '../../shared/api/contract';
import { NO_ASSIGNEE, NO_FILTERS, PRESETS, queryOf, type QueueFilters } from '../../renderer/features/queues/queueFilters';

const query = (f: Partial<QueueFilters>) => queryOf({ ...NO_FILTERS, ...f });

describe('the complaint list asks the store for what the queue and filters choose', () => {
  it('asks for everything when nothing is chosen', () => {
    expect(query({})).toEqual({});
  });

  it.each([
    // Whose "mine" is the request's actor; a supervisor's holds the escalated cases too (R1.1, R1.5).
    ['mine', { queue: 'mine' }],
    ['unassigned', { queue: 'unassigned' }],
    ['overdue', { overdue: true }],
    ['awaiting_callback', { states: ['awaiting_callback'] }],
    ['all', {}],
  ] as const)('queue %s', (preset, expected) => {
    expect(query({ preset })).toEqual(expected);
  });

  it('a chosen state, category, severity and assignee narrow the queue; a chosen state replaces the queue’s states', () => {
    expect(query({ preset: 'unassigned', state: 'assigned', category: 'appraisal', severity: 'major', assignee: 'h02' })).toEqual({
      states: ['assigned'],
      category: 'appraisal',
      severity: 'major',
      assigneeId: 'h02',
    });
  });

  it('"nobody yet" asks for cases without an assignee, overriding "mine"', () => {
    expect(query({ preset: 'mine', assignee: NO_ASSIGNEE })).toEqual({ assigneeId: '' });
  });

  it('a business reference is sent without surrounding spaces; spaces alone send none', () => {
    expect(query({ businessRef: '  DP2026  ' })).toEqual({ businessRef: 'DP2026' });
    expect(query({ businessRef: '   ' })).toEqual({});
  });

  it('received dates cover whole China days, China midnight to the last millisecond of the day', () => {
    expect(query({ from: '2026-03-02', to: '2026-03-03' })).toEqual({
      receivedFrom: Date.parse('2026-03-02T00:00:00.000+08:00'),
      receivedTo: Date.parse('2026-03-03T23:59:59.999+08:00'),
    });
  });

  it.each(PRESETS)('queue %s with every filter set is a query the store accepts', (preset) => {
    const q = query({
      preset,
      state: 'assigned',
      category: 'appraisal',
      severity: 'urgent',
      assignee: 'h02',
      businessRef: 'DP',
      from: '2026-03-01',
      to: '2026-03-31',
    });
    expect(methods['cases.query'].safeParse(q).success).toBe(true);
  });
});
