import { describe, it, expect } from 'vitest';
import { diffRecords, GENESIS_HASH, hashEvent, verifyChain, type CaseEvent } from '../../shared/ledger/eventHash';
import type { EventType } from '../../shared/domain/enums';

const CASE_ID = '0190f3a2-0000-7000-8000-000000000001';
const T0 = Date.parse('2026-03-02T10:00:00+08:00');

type Draft = Omit<CaseEvent, 'hash' | 'prevHash' | 'seq' | 'caseId'>;

const DRAFTS: Draft[] = [
  {
    type: 'registered',
    at: T0,
    actor: { staffId: 'c01', role: 'clerk' },
    changes: { state: [null, 'registered'], content: [null, '估价偏低'] },
  },
  {
    type: 'assigned',
    at: T0 + 1000,
    actor: { staffId: 'c01', role: 'clerk' },
    changes: { assigneeId: ['', 'h01'], state: ['registered', 'assigned'] },
  },
  {
    type: 'investigation_started',
    at: T0 + 2000,
    actor: { staffId: 'h01', role: 'handler' },
    changes: { state: ['assigned', 'investigating'] },
  },
  {
    type: 'investigation_noted',
    at: T0 + 3000,
    actor: { staffId: 'h01', role: 'handler' },
    changes: { investigationNotes: [[], [{ at: T0 + 3000, by: 'h01', text: '调取监控' }]] },
  },
  { type: 'progress_call', at: T0 + 4000, actor: { staffId: 'c01', role: 'clerk' }, changes: {} },
];

/** A correctly linked chain built the way the store does it. */
function chain(drafts: Draft[] = DRAFTS, caseId = CASE_ID): CaseEvent[] {
  const events: CaseEvent[] = [];
  let prevHash = GENESIS_HASH;
  drafts.forEach((d, i) => {
    const unsigned = { caseId, seq: i + 1, prevHash, ...d };
    const hash = hashEvent(unsigned);
    events.push({ ...unsigned, hash });
    prevHash = hash;
  });
  return events;
}

/** Recomputes hash and links from `from` (0-based index) on: a forger who rewrites the tail. */
function relink(events: CaseEvent[], from: number): CaseEvent[] {
  const out = events.map((e) => ({ ...e }));
  for (let i = from; i < out.length; i++) {
    const prev = i === 0 ? GENESIS_HASH : out[i - 1]!.hash;
    out[i] = { ...out[i]!, prevHash: prev };
    out[i]!.hash = hashEvent(out[i]!);
  }
  return out;
}

describe('hashEvent', () => {
  const event = chain()[1]!;

  it('is a 64-character lower-case hex SHA-256', () => {
    expect(hashEvent(event)).toMatch(/^[0-9a-f]{64}$/);
    expect(GENESIS_HASH).toBe('0'.repeat(64));
  });

  it('is deterministic', () => {
    expect(hashEvent(event)).toBe(hashEvent(structuredClone(event)));
  });

  it('does not depend on key order, at any depth', () => {
    const reordered = {
      prevHash: event.prevHash,
      changes: { state: event.changes.state!, assigneeId: event.changes.assigneeId! },
      actor: { role: event.actor.role, staffId: event.actor.staffId },
      at: event.at,
      type: event.type,
      seq: event.seq,
      caseId: event.caseId,
    };
    expect(hashEvent(reordered)).toBe(hashEvent(event));
    const nested = chain()[3]!;
    const note = { text: '调取监控', by: 'h01', at: T0 + 3000 };
    expect(hashEvent({ ...nested, changes: { investigationNotes: [[], [note]] } })).toBe(hashEvent(nested));
  });

  it('ignores the hash field itself and anything outside the event', () => {
    const { hash: _hash, ...unsigned } = event;
    expect(hashEvent(event)).toBe(hashEvent(unsigned));
    expect(hashEvent({ ...event, extra: 'x' } as CaseEvent)).toBe(hashEvent(event));
  });

  it.each<[string, (e: CaseEvent) => CaseEvent]>([
    ['caseId', (e) => ({ ...e, caseId: 'other' })],
    ['seq', (e) => ({ ...e, seq: e.seq + 1 })],
    ['type', (e) => ({ ...e, type: 'closed' as EventType })],
    ['at', (e) => ({ ...e, at: e.at + 1 })],
    ['actor', (e) => ({ ...e, actor: { ...e.actor, staffId: 'x99' } })],
    ['actor role', (e) => ({ ...e, actor: { ...e.actor, role: 'admin' } })],
    ['changes', (e) => ({ ...e, changes: { ...e.changes, assigneeId: ['', 'h02'] } })],
    ['prevHash', (e) => ({ ...e, prevHash: GENESIS_HASH })],
  ])('changes when %s changes', (_field, mutate) => {
    expect(hashEvent(mutate(event))).not.toBe(hashEvent(event));
  });

  it('tells arrays from objects and order inside arrays', () => {
    const a = { ...event, changes: { x: [[1, 2], null] as [unknown, unknown] } };
    const b = { ...event, changes: { x: [[2, 1], null] as [unknown, unknown] } };
    const c = { ...event, changes: { x: [{ 0: 1, 1: 2 }, null] as [unknown, unknown] } };
    expect(new Set([hashEvent(a), hashEvent(b), hashEvent(c)]).size).toBe(3);
  });
});

describe('verifyChain', () => {
  it('accepts an empty log and a well-formed chain', () => {
    expect(verifyChain([])).toBeNull();
    expect(verifyChain(chain())).toBeNull();
    expect(verifyChain(chain().slice(0, 1))).toBeNull();
  });

  it('accepts a truncated tail (that is what ledgerHead is for)', () => {
    expect(verifyChain(chain().slice(0, 3))).toBeNull();
  });

  it('finds an edited event as hash_mismatch at its seq', () => {
    const events = chain();
    events[2] = { ...events[2]!, changes: { state: ['assigned', 'closed'] } };
    expect(verifyChain(events)).toEqual({ caseId: CASE_ID, seq: 3, reason: 'hash_mismatch' });
  });

  it('finds an edited actor or time as hash_mismatch', () => {
    const byActor = chain();
    byActor[1] = { ...byActor[1]!, actor: { staffId: 's01', role: 'supervisor' } };
    expect(verifyChain(byActor)).toEqual({ caseId: CASE_ID, seq: 2, reason: 'hash_mismatch' });
    const byTime = chain();
    byTime[4] = { ...byTime[4]!, at: byTime[4]!.at - 86_400_000 };
    expect(verifyChain(byTime)).toEqual({ caseId: CASE_ID, seq: 5, reason: 'hash_mismatch' });
  });

  it('finds a re-hashed edit as link_broken at the next seq', () => {
    const events = chain();
    events[2] = { ...events[2]!, changes: { state: ['assigned', 'closed'] } };
    events[2]!.hash = hashEvent(events[2]!);
    expect(verifyChain(events)).toEqual({ caseId: CASE_ID, seq: 4, reason: 'link_broken' });
  });

  it('finds a wrong prevHash as link_broken at that seq', () => {
    const events = chain();
    events[1] = { ...events[1]!, prevHash: 'f'.repeat(64) };
    events[1]!.hash = hashEvent(events[1]!);
    expect(verifyChain(events)).toEqual({ caseId: CASE_ID, seq: 2, reason: 'link_broken' });
  });

  it('requires the first event to link to the genesis hash', () => {
    const events = relink(chain(), 0);
    events[0] = { ...events[0]!, prevHash: 'a'.repeat(64) };
    events[0]!.hash = hashEvent(events[0]!);
    expect(verifyChain(events)).toEqual({ caseId: CASE_ID, seq: 1, reason: 'link_broken' });
  });

  it('finds a deleted event as sequence_gap at the seq after the hole', () => {
    const events = chain();
    events.splice(1, 1);
    expect(verifyChain(events)).toEqual({ caseId: CASE_ID, seq: 3, reason: 'sequence_gap' });
  });

  it('finds a deleted first event as sequence_gap at seq 2', () => {
    expect(verifyChain(chain().slice(1))).toEqual({ caseId: CASE_ID, seq: 2, reason: 'sequence_gap' });
  });

  it('finds a duplicated or swapped event as sequence_gap', () => {
    const events = chain();
    expect(verifyChain([...events.slice(0, 3), events[2]!, ...events.slice(3)])).toEqual({
      caseId: CASE_ID,
      seq: 3,
      reason: 'sequence_gap',
    });
    const swapped = [events[0]!, events[2]!, events[1]!, ...events.slice(3)];
    expect(verifyChain(swapped)).toEqual({ caseId: CASE_ID, seq: 3, reason: 'sequence_gap' });
  });

  it('a forger who deletes an event and renumbers the rest is caught at the renumbered seq', () => {
    const events = chain();
    events.splice(2, 1);
    const renumbered = events.map((e, i) => ({ ...e, seq: i + 1 }));
    expect(verifyChain(renumbered)).toEqual({ caseId: CASE_ID, seq: 3, reason: 'link_broken' });
    // …and when the links are patched too, the hash of the renumbered event no longer matches.
    const patched = renumbered.map((e, i) => (i === 2 ? { ...e, prevHash: renumbered[1]!.hash } : e));
    expect(verifyChain(patched)).toEqual({ caseId: CASE_ID, seq: 3, reason: 'hash_mismatch' });
  });

  it('reports the first break only', () => {
    const events = chain();
    events[1] = { ...events[1]!, at: 1 };
    events[3] = { ...events[3]!, at: 1 };
    expect(verifyChain(events)).toEqual({ caseId: CASE_ID, seq: 2, reason: 'hash_mismatch' });
  });

  it('reports the case id of the broken event', () => {
    const events = chain(DRAFTS, 'another-case');
    events[0] = { ...events[0]!, type: 'archived' };
    expect(verifyChain(events)).toEqual({ caseId: 'another-case', seq: 1, reason: 'hash_mismatch' });
  });
});

describe('diffRecords', () => {
  const before = {
    id: 'x',
    state: 'registered',
    version: 1,
    updatedAt: T0,
    nextDueAt: T0 + 3600_000,
    ledgerHead: { seq: 1, hash: GENESIS_HASH },
    complainant: { name: '王小明', phone: '13812345678' },
    assignments: [] as unknown[],
    plan: null,
  };

  it('ignores version, updatedAt, nextDueAt and ledgerHead', () => {
    const after = {
      ...before,
      version: 2,
      updatedAt: T0 + 1,
      nextDueAt: Number.POSITIVE_INFINITY,
      ledgerHead: { seq: 2, hash: 'f'.repeat(64) },
    };
    expect(diffRecords(before, after)).toEqual({});
  });

  it('lists changed top-level fields as [before, after]', () => {
    const after = { ...before, version: 2, state: 'assigned', assignments: [{ assigneeId: 'h01' }] };
    expect(diffRecords(before, after)).toEqual({ state: ['registered', 'assigned'], assignments: [[], [{ assigneeId: 'h01' }]] });
  });

  it('compares nested values by content, not by identity or key order', () => {
    const after = { ...before, complainant: { phone: '13812345678', name: '王小明' }, assignments: [] };
    expect(diffRecords(before, after)).toEqual({});
    const changed = { ...before, complainant: { ...before.complainant, phone: '010-12345678' } };
    expect(diffRecords(before, changed)).toEqual({ complainant: [before.complainant, changed.complainant] });
  });

  it('records a new record (before = null) as every non-bookkeeping field from null', () => {
    const changes = diffRecords(null, before);
    expect(Object.keys(changes).sort()).toEqual(['assignments', 'complainant', 'id', 'plan', 'state']);
    expect(changes.state).toEqual([null, 'registered']);
    expect(changes.complainant).toEqual([null, before.complainant]);
  });

  it('records added and removed fields with null for the missing side', () => {
    const { plan: _plan, ...withoutPlan } = before;
    expect(diffRecords({ ...before, plan: { measures: 'm' } }, withoutPlan)).toEqual({ plan: [{ measures: 'm' }, null] });
    expect(diffRecords(before, { ...before, appeal: { reason: 'r' } })).toEqual({ appeal: [null, { reason: 'r' }] });
  });

  it('a diff fed into an event hashes the same however the records were built', () => {
    const after1 = { ...before, state: 'assigned', complainant: { name: '王小明', phone: '010-12345678' } };
    const after2 = Object.fromEntries(
      Object.entries(after1)
        .reverse()
        .map(([k, v]) => [k, k === 'complainant' ? { phone: '010-12345678', name: '王小明' } : v]),
    );
    expect(Object.keys(after2)).not.toEqual(Object.keys(after1));
    const base = {
      caseId: CASE_ID,
      seq: 2,
      type: 'updated' as const,
      at: T0,
      actor: { staffId: 'c01', role: 'clerk' as const },
      prevHash: GENESIS_HASH,
    };
    expect(hashEvent({ ...base, changes: diffRecords(before, after1) })).toBe(hashEvent({ ...base, changes: diffRecords(before, after2) }));
  });
});
