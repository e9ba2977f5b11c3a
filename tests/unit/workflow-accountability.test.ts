import { describe, expect, it } from 'vitest';
import { DEFAULT_ACCOUNTABILITY_RULES, missedDeadline, proposeDeduction, rulesOf } from '../../shared/accountability/rules';
import { scoreLines, scoreSheet } from '../../shared/accountability/scoreSheet';
import type { Actor, CaseRecord } from '../../shared/domain/case';
import { CASE_STATES, type CaseState } from '../../shared/domain/enums';
import { newCaseRecord } from '../../shared/domain/newCase';
import { intakeSchema } from '../../shared/domain/case';
import {
  allowedCommands,
  applyCommand,
  commandSchemas,
  isDomainError,
  type Command,
  type CommandName,
  type Transition,
} from '../../shared/workflow';
import type { DomainError } from '../../shared/workflow/errors';

const T0 = Date.parse('2026-03-02T10:00:00+08:00');
const DAY = 86_400_000;
const SUPERVISOR: Actor = { staffId: 's01', role: 'supervisor' };
const ADMIN: Actor = { staffId: 'a01', role: 'admin' };
const H01: Actor = { staffId: 'h01', role: 'handler' };
const H02: Actor = { staffId: 'h02', role: 'handler' };
const CLERK: Actor = { staffId: 'c01', role: 'clerk' };
const FACTS = { accountability: { proposed: 3, appealDueAt: T0 + 5 * DAY, department: '鉴定部' } };

function caseIn(state: CaseState, overrides: Partial<CaseRecord> = {}): CaseRecord {
  const intake = intakeSchema.parse({
    channel: 'walk_in',
    receivedAt: T0,
    receivedBy: 'c01',
    complainant: { name: '王小明', phone: '13812345678' },
    category: 'appraisal',
    content: '估价偏低',
  });
  const c = newCaseRecord({ id: 'c-1', caseNo: 'BJ01-20260302-001', branchCode: 'BJ01', profileId: 'pawnshop', intake, now: T0 });
  return { ...c, state, closedAt: T0 + DAY, version: 9, ...overrides };
}

function cmd(name: CommandName, input: unknown): Command {
  const parsed = commandSchemas[name].safeParse(input);
  if (!parsed.success) throw new Error(`${name}: ${parsed.error.message}`);
  return { name, payload: parsed.data } as Command;
}

function ok(r: Transition | DomainError): Transition {
  if (isDomainError(r)) throw new Error(`refused: ${r.message}`);
  return r;
}

const RECORD = { kind: 'direct', staffId: 'h01', measure: 'written_review' };

describe('recordAccountability', () => {
  it.each(CASE_STATES)('in state %s: taken only on a closed or archived case, by a supervisor or an administrator', (state) => {
    const accountable = ['closed', 'closed_at_counter', 'invalid', 'archived'].includes(state);
    for (const actor of [SUPERVISOR, ADMIN, H01, CLERK]) {
      const r = applyCommand(caseIn(state), cmd('recordAccountability', RECORD), actor, T0 + 2 * DAY, FACTS);
      const allowed = accountable && (actor === SUPERVISOR || actor === ADMIN);
      expect(isDomainError(r), `${actor.role}`).toBe(!allowed);
      if (allowed) expect(ok(r)).toMatchObject({ from: state, to: state, events: ['accountability_recorded'] });
    }
  });

  it('takes the proposal when no deduction is given, and numbers records from 1', () => {
    const first = ok(applyCommand(caseIn('closed'), cmd('recordAccountability', RECORD), SUPERVISOR, T0 + 2 * DAY, FACTS)).next;
    expect(first.accountability).toEqual([
      {
        entry: 1,
        staffId: 'h01',
        kind: 'direct',
        measure: 'written_review',
        department: '鉴定部',
        proposed: 3,
        points: 3,
        reason: '',
        at: T0 + 2 * DAY,
        by: 's01',
        appealDueAt: T0 + 5 * DAY,
        appeal: null,
        decision: null,
      },
    ]);
    const second = ok(applyCommand(first, cmd('recordAccountability', { ...RECORD, deduction: 3 }), ADMIN, T0 + 3 * DAY, FACTS)).next;
    expect(second.accountability.map((a) => a.entry)).toEqual([1, 2]);
    expect(second.version).toBe(first.version + 1);
  });

  it('needs a reason for a deduction other than the proposal, and refuses without the store’s facts', () => {
    const c = caseIn('closed');
    expect(applyCommand(c, cmd('recordAccountability', { ...RECORD, deduction: 0 }), SUPERVISOR, T0, FACTS)).toMatchObject({
      code: 'incomplete',
      message: 'errors.accountability.reasonRequired',
      params: { proposed: 3 },
      issues: [{ path: 'command.payload.reason', key: 'errors.accountability.reasonRequired' }],
    });
    const adjusted = ok(applyCommand(c, cmd('recordAccountability', { ...RECORD, deduction: 0, reason: '初犯' }), SUPERVISOR, T0, FACTS));
    expect(adjusted.next.accountability[0]).toMatchObject({ proposed: 3, points: 0, reason: '初犯' });
    expect(applyCommand(c, cmd('recordAccountability', RECORD), SUPERVISOR, T0)).toMatchObject({
      code: 'internal',
      message: 'errors.accountability.noFacts',
    });
  });

  it('refuses deductions out of range and unknown vocabularies in the schema', () => {
    const schema = commandSchemas.recordAccountability;
    for (const deduction of [-1, 0.5, 101, Infinity, Number.NaN, '2', null])
      expect(schema.safeParse({ ...RECORD, deduction }).success).toBe(false);
    expect(schema.safeParse({ ...RECORD, kind: 'shared' }).success).toBe(false);
    expect(schema.safeParse({ ...RECORD, measure: 'dismissal' }).success).toBe(false);
    expect(schema.safeParse({ ...RECORD, by: 's99' }).success).toBe(false);
    expect(schema.safeParse({ ...RECORD, deduction: 100, reason: '严重' }).success).toBe(true);
  });
});

describe('appealAccountability and decideAccountabilityAppeal', () => {
  const recorded = () => ok(applyCommand(caseIn('archived'), cmd('recordAccountability', RECORD), SUPERVISOR, T0 + 2 * DAY, FACTS)).next;

  it('only the staff member concerned appeals, until the end of the window, once', () => {
    const c = recorded();
    expect(allowedCommands(c, H01)).toContain('appealAccountability');
    expect(allowedCommands(c, H02)).not.toContain('appealAccountability');
    expect(applyCommand(c, cmd('appealAccountability', { entry: 1, reason: '理由' }), H02, T0 + 3 * DAY)).toMatchObject({
      code: 'invalid_state',
      message: 'errors.accountability.nothingToAppeal',
    });
    const both = ok(applyCommand(c, cmd('recordAccountability', { ...RECORD, staffId: 'h02' }), SUPERVISOR, T0 + 2 * DAY, FACTS)).next;
    expect(applyCommand(both, cmd('appealAccountability', { entry: 1, reason: '替他申诉' }), H02, T0 + 3 * DAY)).toMatchObject({
      code: 'forbidden',
      message: 'errors.accountability.notYours',
    });
    expect(applyCommand(c, cmd('appealAccountability', { entry: 1, reason: '理由' }), H01, T0 + 5 * DAY + 1)).toMatchObject({
      code: 'invalid_state',
      message: 'errors.accountability.appealClosed',
    });
    const appealed = ok(applyCommand(c, cmd('appealAccountability', { entry: 1, reason: '理由' }), H01, T0 + 5 * DAY));
    expect(appealed).toMatchObject({ from: 'archived', to: 'archived', events: ['accountability_appealed'] });
    expect(appealed.next.accountability[0]!.appeal).toEqual({ at: T0 + 5 * DAY, reason: '理由' });
    expect(allowedCommands(appealed.next, H01)).not.toContain('appealAccountability');
    expect(allowedCommands(appealed.next, SUPERVISOR)).toContain('decideAccountabilityAppeal');
  });

  it('a supervisor decides: upheld keeps the points, overturned clears them, adjusted sets them', () => {
    const appealed = ok(applyCommand(recorded(), cmd('appealAccountability', { entry: 1, reason: '理由' }), H01, T0 + 3 * DAY)).next;
    const decide = (input: object, actor: Actor = SUPERVISOR) =>
      applyCommand(appealed, cmd('decideAccountabilityAppeal', { entry: 1, note: '说明', ...input }), actor, T0 + 4 * DAY);
    expect(ok(decide({ outcome: 'upheld' })).next.accountability[0]!.points).toBe(3);
    expect(ok(decide({ outcome: 'overturned' })).next.accountability[0]!.points).toBe(0);
    const adjusted = ok(decide({ outcome: 'adjusted', deduction: 1 }));
    expect(adjusted.events).toEqual(['accountability_appeal_decided']);
    expect(adjusted.next.accountability[0]).toMatchObject({
      points: 1,
      proposed: 3,
      decision: { at: T0 + 4 * DAY, by: 's01', outcome: 'adjusted', points: 1, note: '说明' },
    });
    expect(decide({ outcome: 'adjusted' })).toMatchObject({ message: 'errors.accountability.adjustedNeedsPoints' });
    expect(decide({ outcome: 'upheld' }, H01)).toMatchObject({ code: 'forbidden' });
    expect(
      applyCommand(appealed, cmd('decideAccountabilityAppeal', { entry: 2, outcome: 'upheld', note: '说明' }), SUPERVISOR, T0),
    ).toMatchObject({
      code: 'not_found',
      message: 'errors.accountability.entryNotFound',
    });
    expect(allowedCommands(adjusted.next, SUPERVISOR)).not.toContain('decideAccountabilityAppeal');
  });
});

describe('the rules and the score sheet, pure', () => {
  it('propose from severity, validity and lateness; stored rules fall back to the defaults when damaged', () => {
    const rules = DEFAULT_ACCOUNTABILITY_RULES;
    const valid = { valid: true, responsibility: 'staff' as const, analysis: '' };
    expect(proposeDeduction({ severity: 'general', validity: valid }, false, rules).points).toBe(1);
    expect(proposeDeduction({ severity: 'urgent', validity: valid }, true, rules).points).toBe(7);
    expect(proposeDeduction({ severity: 'major', validity: null }, true, rules)).toEqual({
      points: 2,
      lines: [{ rule: 'lateHandling', points: 2 }],
    });
    expect(rulesOf({ generalComplaint: -3 })).toEqual(rules);
    expect(rulesOf(undefined)).toEqual(rules);
  });

  it('late handling: a clock due before the closing and not met in time', () => {
    const closedAt = T0 + 3 * DAY;
    expect(missedDeadline([{ status: 'met', dueAt: T0 + DAY }], closedAt)).toBe(false);
    expect(missedDeadline([{ status: 'met_late', dueAt: T0 + DAY }], closedAt)).toBe(true);
    expect(missedDeadline([{ status: 'stopped', dueAt: T0 + DAY }], closedAt)).toBe(true);
    expect(missedDeadline([{ status: 'stopped', dueAt: T0 + 4 * DAY }], closedAt)).toBe(false);
    expect(missedDeadline([{ status: 'running', dueAt: T0 + 5 * DAY }], closedAt)).toBe(false);
    expect(missedDeadline([{ status: 'not_started', dueAt: null }], closedAt)).toBe(false);
  });

  it('sums per staff member and per department within [from, to)', () => {
    let c = caseIn('closed');
    for (const [staffId, deduction, at] of [
      ['h01', 3, T0],
      ['h02', 4, T0 + DAY],
      ['h01', 2, T0 + 2 * DAY],
    ] as const) {
      c = ok(applyCommand(c, cmd('recordAccountability', { ...RECORD, staffId, deduction, reason: 'x' }), SUPERVISOR, at, FACTS)).next;
    }
    const lines = scoreLines([c], new Map([['h01', '李娜']]));
    const sheet = scoreSheet(lines, { from: 'a', to: 'b', fromAt: T0, toAt: T0 + 2 * DAY });
    expect(sheet.total).toEqual({ records: 2, points: 7 });
    expect(sheet.staff).toEqual([
      { staffId: 'h02', staffName: '', records: 1, points: 4 },
      { staffId: 'h01', staffName: '李娜', records: 1, points: 3 },
    ]);
    expect(sheet.departments).toEqual([{ department: '鉴定部', records: 2, points: 7 }]);
  });
});
