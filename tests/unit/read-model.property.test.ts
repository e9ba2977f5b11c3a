import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { queueQuerySchema } from '../../shared/api/contract';
import type { CaseRecord } from '../../shared/domain/case';
import { ReadModel } from '../../electron/store/readModel';
import { rowOf, summaryOf, type CaseRow } from '../../electron/store/caseRow';
import { generateCases } from '../bench/generate';

const NOW = Date.parse('2026-11-01T10:00:00+08:00');

/** The obvious way: filter everything, sort everything. The read model must agree with it. */
function reference(rows: CaseRow[], q: ReturnType<typeof queueQuerySchema.parse>, now: number) {
  const hits = rows.filter(
    (r) =>
      (!q.states?.length || q.states.includes(r.state)) &&
      (q.assigneeId === undefined || r.assigneeId === q.assigneeId) &&
      (q.category === undefined || r.category === q.category) &&
      (q.severity === undefined || r.severity === q.severity) &&
      (!q.overdue || r.dueKey < now) &&
      (q.receivedFrom === undefined || r.receivedAt >= q.receivedFrom) &&
      (q.receivedTo === undefined || r.receivedAt <= q.receivedTo) &&
      (q.businessRef === undefined || r.businessRef === q.businessRef),
  );
  const id = (a: CaseRow, b: CaseRow) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  hits.sort(q.sort === 'received' ? (a, b) => b.receivedAt - a.receivedAt || id(b, a) : (a, b) => a.dueKey - b.dueKey || id(a, b));
  return { items: hits.slice(q.offset, q.offset + q.limit).map(summaryOf), total: hits.length };
}

describe('ReadModel queues', () => {
  const { cases } = generateCases(2_000, NOW, 3);
  const model = new ReadModel();
  model.load(cases.slice(0, 1_500));
  for (const c of cases.slice(1_500)) model.upsert(c); // the incremental path too
  const edited: CaseRecord = { ...cases[7]!, state: 'assigned', assigneeId: 'h03', nextDueAt: NOW - 1 };
  model.upsert(edited);
  const rows = [...cases.slice(0, 7), edited, ...cases.slice(8)].map(rowOf);

  it('answer every combination of filters, sorts and pages exactly as filter-then-sort does', () => {
    const query = fc.record(
      {
        states: fc.subarray(['registered', 'assigned', 'investigating', 'awaiting_callback', 'archived', 'closed_at_counter'] as const, {
          minLength: 1,
        }),
        assigneeId: fc.constantFrom('', 'h00', 'h03', 'h07'),
        category: fc.constantFrom('appraisal', 'fees_interest', 'other'),
        severity: fc.constantFrom('general', 'major', 'urgent'),
        overdue: fc.boolean(),
        receivedFrom: fc.integer({ min: NOW - 365 * 86_400_000, max: NOW }),
        receivedTo: fc.integer({ min: NOW - 200 * 86_400_000, max: NOW }),
        sort: fc.constantFrom('due', 'received'),
        offset: fc.integer({ min: 0, max: 300 }),
        limit: fc.integer({ min: 1, max: 60 }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(query, (raw) => {
        const q = queueQuerySchema.parse(raw);
        expect(model.query(q, NOW)).toEqual(reference(rows, q, NOW));
      }),
      { numRuns: 400 },
    );
  });

  it('answer the queues read straight from one list (newest first, pairs of filters) as filter-then-sort does', () => {
    // Few criteria at a time: the record above almost never leaves all but these out.
    const paging = {
      sort: fc.constantFrom('due', 'received'),
      offset: fc.integer({ min: 0, max: 2_100 }),
      limit: fc.integer({ min: 1, max: 60 }),
    };
    const states = fc.subarray(['registered', 'assigned', 'investigating', 'awaiting_callback', 'archived'] as const, { minLength: 1 });
    const severity = fc.constantFrom('general', 'major', 'urgent');
    const query = fc.oneof(
      fc.record(paging),
      fc.record({ ...paging, receivedFrom: fc.integer({ min: NOW - 365 * 86_400_000, max: NOW }) }),
      fc.record({ ...paging, receivedTo: fc.integer({ min: NOW - 200 * 86_400_000, max: NOW }) }),
      fc.record({ ...paging, states, severity }),
      fc.record({ ...paging, category: fc.constantFrom('appraisal', 'fees_interest', 'other'), severity }),
    );
    fc.assert(
      fc.property(query, (raw) => {
        const q = queueQuerySchema.parse(raw);
        expect(model.query(q, NOW)).toEqual(reference(rows, q, NOW));
      }),
      { numRuns: 300 },
    );
  });

  it('count states and overdue cases like a full pass does', () => {
    const counts = model.counts(NOW);
    expect(counts.overdue).toBe(rows.filter((r) => r.dueKey < NOW).length);
    for (const [state, n] of Object.entries(counts.byState)) expect(n).toBe(rows.filter((r) => r.state === state).length);
  });
});
