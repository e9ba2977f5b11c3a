import { newCaseRecord } from '../../shared/domain/newCase';
import { describe, it, expect } from 'vitest';
import type { Actor, CaseRecord } from '../../shared/domain/case';
import { CASE_STATES, ROLES, type CaseState, type EventType, type Role, type Severity } from '../../shared/domain/enums';
import { GENESIS_HASH } from '../../shared/ledger/eventHash';
import { catalogs, LOCALES, translate } from '../../shared/i18n/translate';
import {
  COMMAND_NAMES,
  allowedCommands,
  applyCommand,
  commandSchemas,
  isAllowed,
  isDomainError,
  missingFor,
  needsSupervisor,
  type Command,
  type CommandName,
  type DomainError,
  type Transition,
} from '../../shared/workflow';

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

/** 2026-03-02 10:00 China time. */
const T0 = Date.parse('2026-03-02T10:00:00+08:00');
const NOW = T0 + 3_600_000;

const CLERK: Actor = { staffId: 'c01', role: 'clerk' };
const HANDLER: Actor = { staffId: 'h01', role: 'handler' };
const SUPERVISOR: Actor = { staffId: 's01', role: 'supervisor' };
const ADMIN: Actor = { staffId: 'a01', role: 'admin' };
const ACTORS: Record<Role, Actor> = { clerk: CLERK, handler: HANDLER, supervisor: SUPERVISOR, admin: ADMIN };

/** A freshly registered case, as the store creates it. */
function registeredCase(overrides: Partial<CaseRecord> = {}): CaseRecord {
  const intake = {
    channel: 'walk_in' as const,
    receivedAt: T0,
    receivedBy: 'c01',
    complainant: { name: '王小明', phone: '13812345678', address: '朝阳区建国路 88 号', idNumber: '' },
    businessRef: 'DP2026030200017',
    category: 'appraisal',
    severity: 'general' as const,
    isReport: false,
    content: '当物鉴定估价明显偏低，要求重新鉴定。',
    expectedResolution: '重新估价',
  };
  const c = newCaseRecord({
    id: '0190f3a2-0000-7000-8000-000000000001',
    caseNo: 'BJ01-20260302-001',
    branchCode: 'BJ01',
    profileId: 'pawnshop',
    intake,
    now: T0,
  });
  return { ...c, ledgerHead: { seq: 1, hash: GENESIS_HASH }, ...overrides };
}

const ASSIGNED_FIELDS: Partial<CaseRecord> = {
  assignments: [{ department: '鉴定部', assigneeId: 'h01', dueAt: null, assignedAt: T0 + 1, assignedBy: 'c01', note: '' }],
  assigneeId: 'h01',
};
const PLANNED_FIELDS: Partial<CaseRecord> = {
  investigationNotes: [{ at: T0 + 2, by: 'h01', text: '调取监控，核实估价过程。' }],
  validity: { valid: true, responsibility: 'staff', analysis: '估价员未按规程复核。' },
  plan: { measures: '重新鉴定并致歉', ownerId: 'h01', dueAt: T0 + 86_400_000, compensation: null },
};
const APPROVED_FIELDS: Partial<CaseRecord> = {
  approvals: [{ at: T0 + 3, by: 's01', decision: 'approved', comment: '' }],
};
const RESOLVED_FIELDS: Partial<CaseRecord> = { result: { text: '已重新鉴定', at: T0 + 4, by: 'h01' } };
const TOLD_FIELDS: Partial<CaseRecord> = { resultTold: { at: T0 + 5, by: 'c01', method: 'phone' } };
const CALLED_BACK_FIELDS: Partial<CaseRecord> = {
  callbacks: [{ at: T0 + 6, by: 'c01', satisfaction: 'satisfied', notes: '客户表示满意', objection: '', standardMet: false }],
  satisfaction: 'satisfied',
};

/** A complete case in `state`: everything that state requires is filled in. */
function caseIn(state: CaseState, overrides: Partial<CaseRecord> = {}): CaseRecord {
  const base: Partial<CaseRecord> = { state };
  const add = (...parts: Partial<CaseRecord>[]) => Object.assign(base, ...parts);
  switch (state) {
    case 'registered':
      break;
    case 'assigned':
      add(ASSIGNED_FIELDS);
      break;
    case 'investigating':
    case 'reopened':
      add(ASSIGNED_FIELDS, { investigationNotes: PLANNED_FIELDS.investigationNotes });
      break;
    case 'plan_proposed':
      add(ASSIGNED_FIELDS, PLANNED_FIELDS);
      break;
    case 'plan_approved':
      add(ASSIGNED_FIELDS, PLANNED_FIELDS, APPROVED_FIELDS);
      break;
    case 'resolved':
      add(ASSIGNED_FIELDS, PLANNED_FIELDS, APPROVED_FIELDS, RESOLVED_FIELDS);
      break;
    case 'awaiting_callback':
      add(ASSIGNED_FIELDS, PLANNED_FIELDS, APPROVED_FIELDS, RESOLVED_FIELDS, TOLD_FIELDS);
      break;
    case 'closed':
      add(ASSIGNED_FIELDS, PLANNED_FIELDS, APPROVED_FIELDS, RESOLVED_FIELDS, TOLD_FIELDS, CALLED_BACK_FIELDS, { closedAt: T0 + 6 });
      break;
    case 'closed_at_counter':
      add({ closingExplanation: '当场解释清楚，客户满意', closedAt: T0 + 1, satisfaction: 'satisfied' });
      break;
    case 'invalid':
      add({ closingExplanation: '不属于本网点受理范围，已告知客户向快递公司反映', closedAt: T0 + 1 });
      break;
    case 'archived':
      add(ASSIGNED_FIELDS, PLANNED_FIELDS, APPROVED_FIELDS, RESOLVED_FIELDS, TOLD_FIELDS, CALLED_BACK_FIELDS, {
        closedAt: T0 + 6,
        archivedAt: T0 + 7,
      });
      break;
  }
  return registeredCase({ ...base, version: 5, ...overrides });
}

/** Raw payloads as a screen sends them; they go through the command's schema like the store does. */
const VALID_INPUT: Record<CommandName, unknown> = {
  update: { content: '当物鉴定估价明显偏低，要求重新鉴定并说明依据。' },
  assign: { department: '鉴定部', assigneeId: 'h02', dueAt: T0 + 86_400_000 },
  closeAtCounter: { explanation: '当场解释清楚，客户满意' },
  markInvalid: { explanation: '不属于本网点受理范围' },
  startInvestigation: {},
  addInvestigationNote: { text: '询问当班估价员' },
  progressCall: { notes: '电话告知客户正在调查' },
  proposePlan: {
    validity: { valid: true, responsibility: 'staff', analysis: '估价员未按规程复核' },
    plan: { measures: '重新鉴定并致歉', ownerId: 'h01', dueAt: T0 + 2 * 86_400_000 },
  },
  approvePlan: { comment: '同意' },
  rejectPlan: { comment: '补充补偿方案' },
  recordHandling: { result: '已重新鉴定，差额已补' },
  tellResult: { method: 'phone' },
  recordCallback: { satisfaction: 'satisfied', notes: '客户满意' },
  fileAppeal: { reason: '客户对鉴定结果仍有异议' },
  addEvidence: {
    attachmentId: '0190f3a2-0000-7000-8000-00000000000a',
    name: '监控截图.png',
    type: 'image/png',
    size: 2048,
    kind: 'evidence',
  },
  linkCase: { relatedCaseId: '0190f3a2-0000-7000-8000-0000000000b1' },
  archive: {},
};

function cmd<C extends CommandName>(name: C, input: unknown = VALID_INPUT[name]): Command {
  const parsed = commandSchemas[name].safeParse(input);
  if (!parsed.success) throw new Error(`fixture payload for ${name} is invalid: ${parsed.error.message}`);
  return { name, payload: parsed.data } as Command;
}

function ok(r: Transition | DomainError): Transition {
  if (isDomainError(r)) throw new Error(`expected a transition, got ${r.code} ${r.message} ${JSON.stringify(r.params ?? {})}`);
  return r;
}

function err(r: Transition | DomainError): DomainError {
  if (!isDomainError(r)) throw new Error(`expected a DomainError, got a transition ${r.from} -> ${r.to}`);
  return r;
}

// ---------------------------------------------------------------------------------------------
// The expected rule table, written from DESIGN.md "Workflow" and REQUIREMENTS.md R1–R7.
// ---------------------------------------------------------------------------------------------

const OPEN_WORK: CaseState[] = ['assigned', 'investigating', 'plan_proposed', 'plan_approved', 'resolved', 'awaiting_callback', 'reopened'];
const COUNTER_ROLES: Role[] = ['clerk', 'supervisor', 'admin'];
const HANDLING_ROLES: Role[] = ['handler', 'supervisor', 'admin'];
const SUPERVISOR_ROLES: Role[] = ['supervisor', 'admin'];
const EVERYONE: Role[] = ['clerk', 'handler', 'supervisor', 'admin'];

interface ExpectedRule {
  from: CaseState[];
  roles: Role[];
  event: EventType;
  /** Target state per source state; omitted = the case stays where it is. */
  to?: (from: CaseState) => CaseState;
}

const EXPECTED: Record<CommandName, ExpectedRule> = {
  update: { from: ['registered', 'assigned'], roles: COUNTER_ROLES, event: 'updated' },
  assign: {
    from: ['registered', 'assigned', 'reopened'],
    roles: COUNTER_ROLES,
    event: 'assigned',
    to: (s) => (s === 'reopened' ? 'reopened' : 'assigned'),
  },
  closeAtCounter: { from: ['registered'], roles: COUNTER_ROLES, event: 'closed_at_counter', to: () => 'closed_at_counter' },
  markInvalid: { from: ['registered', 'assigned'], roles: COUNTER_ROLES, event: 'marked_invalid', to: () => 'invalid' },
  startInvestigation: { from: ['assigned', 'reopened'], roles: HANDLING_ROLES, event: 'investigation_started', to: () => 'investigating' },
  addInvestigationNote: { from: OPEN_WORK, roles: HANDLING_ROLES, event: 'investigation_noted' },
  progressCall: { from: ['registered', ...OPEN_WORK], roles: EVERYONE, event: 'progress_call' },
  proposePlan: { from: ['investigating'], roles: HANDLING_ROLES, event: 'plan_proposed', to: () => 'plan_proposed' },
  approvePlan: { from: ['plan_proposed'], roles: SUPERVISOR_ROLES, event: 'plan_approved', to: () => 'plan_approved' },
  rejectPlan: { from: ['plan_proposed'], roles: SUPERVISOR_ROLES, event: 'plan_rejected', to: () => 'investigating' },
  recordHandling: { from: ['plan_approved'], roles: HANDLING_ROLES, event: 'handled', to: () => 'resolved' },
  tellResult: { from: ['resolved'], roles: EVERYONE, event: 'result_told', to: () => 'awaiting_callback' },
  recordCallback: { from: ['awaiting_callback'], roles: EVERYONE, event: 'callback_recorded', to: () => 'closed' },
  fileAppeal: { from: ['awaiting_callback', 'closed'], roles: EVERYONE, event: 'appeal_filed', to: () => 'reopened' },
  addEvidence: { from: CASE_STATES.filter((s) => s !== 'archived'), roles: EVERYONE, event: 'evidence_added' },
  linkCase: { from: CASE_STATES.filter((s) => s !== 'archived'), roles: EVERYONE, event: 'case_linked' },
  archive: { from: ['closed', 'closed_at_counter', 'invalid'], roles: COUNTER_ROLES, event: 'archived', to: () => 'archived' },
};

function expectKeyInAllCatalogs(key: string) {
  for (const locale of LOCALES) expect(catalogs[locale], `${key} in ${locale}`).toHaveProperty([key]);
}

// ---------------------------------------------------------------------------------------------

describe('fixtures', () => {
  it.each(CASE_STATES)('caseIn(%s) is a complete record for its state', (state) => {
    expect(missingFor(state, caseIn(state))).toEqual([]);
  });

  it('the expected table covers every command the machine knows', () => {
    expect([...COMMAND_NAMES].sort()).toEqual(Object.keys(EXPECTED).sort());
  });
});

describe.each(COMMAND_NAMES)('command %s: source states and roles', (name) => {
  const rule = EXPECTED[name];

  it.each(CASE_STATES)(`from %s`, (state) => {
    for (const role of ROLES) {
      const actor = ACTORS[role];
      const c = caseIn(state);
      const before = structuredClone(c);
      const allowed = rule.from.includes(state) && rule.roles.includes(role);
      expect(isAllowed(c, name, actor), `${name} by ${role} in ${state}`).toBe(allowed);
      expect(allowedCommands(c, actor).includes(name)).toBe(allowed);

      const r = applyCommand(c, cmd(name), actor, NOW);
      expect(c, 'applyCommand must not mutate its input').toEqual(before);
      if (!rule.from.includes(state)) {
        const e = err(r);
        expect(e.code).toBe('invalid_state');
        expect(e.message).toBe('errors.workflow.invalidState');
        expect(e.params).toEqual({ state: `state.${state}`, command: `command.${name}` });
      } else if (!rule.roles.includes(role)) {
        const e = err(r);
        expect(e.code).toBe('forbidden');
        expect(e.message).toBe('errors.workflow.roleNotAllowed');
        expect(e.params).toEqual({ role: `role.${role}`, command: `command.${name}` });
      } else {
        const t = ok(r);
        const to = rule.to ? rule.to(state) : state;
        expect(t.from).toBe(state);
        expect(t.to).toBe(to);
        expect(t.next.state).toBe(to);
        expect(t.events[0]).toBe(rule.event);
        expect(t.events).toEqual(to === 'closed' && state !== 'closed' ? [rule.event, 'closed'] : [rule.event]);
        expect(t.next.version).toBe(c.version + 1);
        expect(t.next.updatedAt).toBe(NOW);
        expect(missingFor(t.to, t.next)).toEqual([]);
      }
    }
  });
});

describe('allowedCommands', () => {
  it.each(CASE_STATES)('in %s offers exactly what the table allows, per role', (state) => {
    for (const role of ROLES) {
      const expected = COMMAND_NAMES.filter((n) => EXPECTED[n].from.includes(state) && EXPECTED[n].roles.includes(role));
      expect(allowedCommands(caseIn(state), ACTORS[role]).sort(), `${role} in ${state}`).toEqual([...expected].sort());
    }
  });

  it('offers a clerk the counter actions on a new case', () => {
    expect(allowedCommands(caseIn('registered'), CLERK).sort()).toEqual([
      'addEvidence',
      'assign',
      'closeAtCounter',
      'linkCase',
      'markInvalid',
      'progressCall',
      'update',
    ]);
  });

  it('offers a handler only a progress call, evidence and a link on a new case', () => {
    expect(allowedCommands(caseIn('registered'), HANDLER)).toEqual(['progressCall', 'addEvidence', 'linkCase']);
  });

  it('offers the supervisor approve and reject on a proposed plan, the handler neither', () => {
    expect(allowedCommands(caseIn('plan_proposed'), SUPERVISOR)).toEqual(expect.arrayContaining(['approvePlan', 'rejectPlan']));
    expect(allowedCommands(caseIn('plan_proposed'), HANDLER)).not.toContain('approvePlan');
    expect(allowedCommands(caseIn('plan_proposed'), HANDLER)).not.toContain('rejectPlan');
  });

  it('offers nothing on an archived case, to anyone', () => {
    for (const role of ROLES) expect(allowedCommands(caseIn('archived'), ACTORS[role])).toEqual([]);
  });
});

describe('guards', () => {
  describe('escalated cases (major, urgent, 举报) need a supervisor', () => {
    const escalated: [string, Partial<CaseRecord>][] = [
      ['major', { severity: 'major' }],
      ['urgent', { severity: 'urgent' }],
      ['report', { isReport: true }],
    ];
    const cases: [CommandName, CaseState][] = [
      ['assign', 'registered'],
      ['assign', 'assigned'],
      ['assign', 'reopened'],
      ['closeAtCounter', 'registered'],
      ['markInvalid', 'registered'],
      ['markInvalid', 'assigned'],
    ];

    it.each(escalated)('needsSupervisor: %s', (_label, fields) => {
      expect(needsSupervisor({ severity: 'general', isReport: false, ...fields })).toBe(true);
    });

    it('needsSupervisor: a general complaint does not', () => {
      expect(needsSupervisor({ severity: 'general', isReport: false })).toBe(false);
    });

    for (const [label, fields] of escalated) {
      it.each(cases)(`${label}: %s in %s is refused to a clerk and allowed to supervisor and admin`, (name, state) => {
        const c = caseIn(state, fields);
        const e = err(applyCommand(c, cmd(name), CLERK, NOW));
        expect(e.code).toBe('forbidden');
        expect(e.message).toBe('errors.workflow.supervisorRequired');
        for (const actor of [SUPERVISOR, ADMIN]) ok(applyCommand(c, cmd(name), actor, NOW));
      });
    }

    it.each(cases)('general: %s in %s is allowed to a clerk', (name, state) => {
      ok(applyCommand(caseIn(state), cmd(name), CLERK, NOW));
    });

    it('isAllowed still offers the command to the clerk (the guard looks at the case, not the role table)', () => {
      expect(isAllowed(caseIn('registered', { severity: 'major' }), 'assign', CLERK)).toBe(true);
    });
  });

  describe('callback', () => {
    const awaiting = () => caseIn('awaiting_callback');

    it('standardMet is refused to clerk and handler', () => {
      for (const actor of [CLERK, HANDLER]) {
        const e = err(
          applyCommand(
            awaiting(),
            cmd('recordCallback', { satisfaction: 'unsatisfied', notes: '', objection: '仍不满意', standardMet: true }),
            actor,
            NOW,
          ),
        );
        expect(e.code).toBe('forbidden');
        expect(e.message).toBe('errors.workflow.standardMetBySupervisor');
      }
    });

    it('standardMet is refused to a non-supervisor even when the customer is satisfied', () => {
      const e = err(
        applyCommand(awaiting(), cmd('recordCallback', { satisfaction: 'satisfied', notes: '', standardMet: true }), CLERK, NOW),
      );
      expect(e.message).toBe('errors.workflow.standardMetBySupervisor');
    });

    it('standardMet by a supervisor closes an unsatisfied case without an objection', () => {
      for (const actor of [SUPERVISOR, ADMIN]) {
        const t = ok(
          applyCommand(
            awaiting(),
            cmd('recordCallback', { satisfaction: 'unsatisfied', notes: '已达到公司标准', standardMet: true }),
            actor,
            NOW,
          ),
        );
        expect(t.to).toBe('closed');
        expect(t.events).toEqual(['callback_recorded', 'closed']);
        expect(t.next.satisfaction).toBe('unsatisfied');
        expect(t.next.closedAt).toBe(NOW);
        expect(t.next.callbacks.at(-1)).toMatchObject({ standardMet: true, by: actor.staffId, at: NOW });
      }
    });

    it.each(['unsatisfied', 'partly_satisfied'] as const)('%s without an objection is refused as incomplete', (satisfaction) => {
      for (const objection of [undefined, '', '   ']) {
        const e = err(
          applyCommand(
            awaiting(),
            cmd('recordCallback', { satisfaction, notes: '', ...(objection === undefined ? {} : { objection }) }),
            CLERK,
            NOW,
          ),
        );
        expect(e.code).toBe('incomplete');
        expect(e.message).toBe('errors.workflow.missing');
        expect(e.params).toEqual({ fields: 'missing.objection' });
      }
    });

    it('an objection of invisible characters only is no objection (as for required text fields)', () => {
      const e = err(
        applyCommand(awaiting(), cmd('recordCallback', { satisfaction: 'unsatisfied', notes: '', objection: '\u200B\u00A0' }), CLERK, NOW),
      );
      expect(e.code).toBe('incomplete');
      expect(e.params).toEqual({ fields: 'missing.objection' });
    });

    it('satisfied → closed, with events callback_recorded then closed', () => {
      const c = awaiting();
      const t = ok(applyCommand(c, cmd('recordCallback', { satisfaction: 'satisfied', notes: '客户满意' }), CLERK, NOW));
      expect(t.from).toBe('awaiting_callback');
      expect(t.to).toBe('closed');
      expect(t.events).toEqual(['callback_recorded', 'closed']);
      expect(t.next.closedAt).toBe(NOW);
      expect(t.next.satisfaction).toBe('satisfied');
      expect(t.next.callbacks).toHaveLength(c.callbacks.length + 1);
      expect(t.next.callbacks.at(-1)).toEqual({
        at: NOW,
        by: 'c01',
        satisfaction: 'satisfied',
        notes: '客户满意',
        objection: '',
        standardMet: false,
      });
      expect(missingFor('closed', t.next)).toEqual([]);
    });

    it.each(['unsatisfied', 'partly_satisfied'] as const)('%s with an objection → reopened, one event, not closed', (satisfaction) => {
      const t = ok(applyCommand(awaiting(), cmd('recordCallback', { satisfaction, notes: '', objection: '补偿太少' }), HANDLER, NOW));
      expect(t.to).toBe('reopened');
      expect(t.events).toEqual(['callback_recorded']);
      expect(t.next.closedAt).toBeNull();
      expect(t.next.satisfaction).toBe(satisfaction);
      expect(t.next.callbacks.at(-1)).toMatchObject({ objection: '补偿太少', satisfaction });
    });
  });

  describe('archive requires a complete record', () => {
    const incomplete: [CaseState, Partial<CaseRecord>, string][] = [
      ['closed', { callbacks: [], satisfaction: null }, 'missing.callback'],
      ['closed', { result: null }, 'missing.result'],
      ['closed', { resultTold: null }, 'missing.resultTold'],
      ['closed', { approvals: [{ at: T0, by: 's01', decision: 'rejected', comment: 'x' }] }, 'missing.approval'],
      ['closed', { investigationNotes: [] }, 'missing.investigation'],
      ['closed', { validity: null }, 'missing.validity'],
      ['closed', { plan: null }, 'missing.plan'],
      ['closed', { closedAt: null }, 'missing.closedAt'],
      ['closed', { assignments: [], assigneeId: '' }, 'missing.assignment'],
      ['closed_at_counter', { closingExplanation: '  ' }, 'missing.explanation'],
      ['invalid', { closingExplanation: '' }, 'missing.explanation'],
      ['invalid', { closedAt: null }, 'missing.closedAt'],
      ['closed_at_counter', { caseNo: '' }, 'missing.caseNo'],
    ];

    it.each(incomplete)('%s case with %o is refused (%s)', (state, fields, key) => {
      const e = err(applyCommand(caseIn(state, fields), cmd('archive'), SUPERVISOR, NOW));
      expect(e.code).toBe('incomplete');
      expect(e.message).toBe('errors.workflow.missing');
      expect(String(e.params?.fields).split(',')).toContain(key);
    });

    it('lists every missing item', () => {
      const e = err(applyCommand(caseIn('closed', { result: null, resultTold: null }), cmd('archive'), CLERK, NOW));
      expect(String(e.params?.fields).split(',').sort()).toEqual(['missing.result', 'missing.resultTold']);
    });

    it.each(['closed', 'closed_at_counter', 'invalid'] as const)('a complete %s case is archived', (state) => {
      const t = ok(applyCommand(caseIn(state), cmd('archive'), CLERK, NOW));
      expect(t.to).toBe('archived');
      expect(t.events).toEqual(['archived']);
      expect(t.next.archivedAt).toBe(NOW);
    });
  });

  describe('required fields of the target state', () => {
    it('a plan cannot be proposed before any investigation note', () => {
      const e = err(applyCommand(caseIn('investigating', { investigationNotes: [] }), cmd('proposePlan'), HANDLER, NOW));
      expect(e.code).toBe('incomplete');
      expect(e.params).toEqual({ fields: 'missing.investigation' });
    });

    it('an investigation cannot start without an assignee', () => {
      const e = err(applyCommand(caseIn('assigned', { assigneeId: '' }), cmd('startInvestigation'), HANDLER, NOW));
      expect(e.code).toBe('incomplete');
      expect(e.params).toEqual({ fields: 'missing.assignment' });
    });

    it('a plan is proposed with validity and plan recorded', () => {
      const c = caseIn('investigating');
      const t = ok(applyCommand(c, cmd('proposePlan'), HANDLER, NOW));
      expect(t.next.validity).toEqual({ valid: true, responsibility: 'staff', analysis: '估价员未按规程复核' });
      expect(t.next.plan).toEqual({ measures: '重新鉴定并致歉', ownerId: 'h01', dueAt: T0 + 2 * 86_400_000, compensation: null });
    });

    it('payload schemas refuse a plan without measures, owner or deadline', () => {
      const base = VALID_INPUT.proposePlan as { validity: object; plan: Record<string, unknown> };
      for (const field of ['measures', 'ownerId', 'dueAt']) {
        const plan = { ...base.plan };
        delete plan[field];
        expect(commandSchemas.proposePlan.safeParse({ ...base, plan }).success, field).toBe(false);
      }
      expect(commandSchemas.proposePlan.safeParse({ ...base, plan: { ...base.plan, measures: '   ' } }).success).toBe(false);
    });

    it('closing at the counter or marking invalid needs an explanation (schema)', () => {
      for (const name of ['closeAtCounter', 'markInvalid'] as const) {
        expect(commandSchemas[name].safeParse({}).success).toBe(false);
        expect(commandSchemas[name].safeParse({ explanation: ' ' }).success).toBe(false);
      }
    });
  });
});

describe('transitions in detail', () => {
  it('assign records the assignment and the current assignee', () => {
    const t = ok(applyCommand(caseIn('registered'), cmd('assign'), CLERK, NOW));
    expect(t.next.assigneeId).toBe('h02');
    expect(t.next.assignments).toEqual([
      { department: '鉴定部', assigneeId: 'h02', dueAt: T0 + 86_400_000, note: '', assignedAt: NOW, assignedBy: 'c01' },
    ]);
  });

  it('reassigning keeps the earlier assignments', () => {
    const t = ok(applyCommand(caseIn('assigned'), cmd('assign'), SUPERVISOR, NOW));
    expect(t.next.assignments).toHaveLength(2);
    expect(t.next.assigneeId).toBe('h02');
  });

  it('closeAtCounter records the explanation, the closing time and a satisfied customer', () => {
    const t = ok(applyCommand(caseIn('registered'), cmd('closeAtCounter'), CLERK, NOW));
    expect(t.next).toMatchObject({
      state: 'closed_at_counter',
      closingExplanation: '当场解释清楚，客户满意',
      closedAt: NOW,
      satisfaction: 'satisfied',
    });
    expect(t.events).toEqual(['closed_at_counter']);
  });

  it('markInvalid records the explanation and the closing time', () => {
    const t = ok(applyCommand(caseIn('registered'), cmd('markInvalid'), CLERK, NOW));
    expect(t.next).toMatchObject({ state: 'invalid', closingExplanation: '不属于本网点受理范围', closedAt: NOW });
    expect(t.events).toEqual(['marked_invalid']);
  });

  it('rejectPlan sends the case back to investigating and records the rejection', () => {
    const t = ok(applyCommand(caseIn('plan_proposed'), cmd('rejectPlan'), SUPERVISOR, NOW));
    expect(t.to).toBe('investigating');
    expect(t.next.approvals.at(-1)).toEqual({ at: NOW, by: 's01', decision: 'rejected', comment: '补充补偿方案' });
  });

  it('rejectPlan needs a comment (schema)', () => {
    expect(commandSchemas.rejectPlan.safeParse({}).success).toBe(false);
    expect(commandSchemas.rejectPlan.safeParse({ comment: '' }).success).toBe(false);
  });

  it('approvePlan records the approval', () => {
    const t = ok(applyCommand(caseIn('plan_proposed'), cmd('approvePlan'), ADMIN, NOW));
    expect(t.next.approvals.at(-1)).toEqual({ at: NOW, by: 'a01', decision: 'approved', comment: '同意' });
  });

  it('recordHandling and tellResult record who did it and when', () => {
    const handled = ok(applyCommand(caseIn('plan_approved'), cmd('recordHandling'), HANDLER, NOW));
    expect(handled.next.result).toEqual({ text: '已重新鉴定，差额已补', at: NOW, by: 'h01' });
    const told = ok(applyCommand(handled.next, cmd('tellResult'), CLERK, NOW + 1));
    expect(told.next.resultTold).toEqual({ at: NOW + 1, by: 'c01', method: 'phone' });
    expect(told.next.version).toBe(handled.next.version + 1);
  });

  it.each(['awaiting_callback', 'closed'] as const)('an appeal from %s reopens the case and clears closedAt', (state) => {
    const t = ok(applyCommand(caseIn(state), cmd('fileAppeal'), CLERK, NOW));
    expect(t.from).toBe(state);
    expect(t.to).toBe('reopened');
    expect(t.events).toEqual(['appeal_filed']);
    expect(t.next.appeal).toEqual({ at: NOW, reason: '客户对鉴定结果仍有异议' });
    expect(t.next.closedAt).toBeNull();
  });

  it('a reopened case is reassigned in place and investigated again', () => {
    const reopened = ok(applyCommand(caseIn('closed'), cmd('fileAppeal'), CLERK, NOW)).next;
    const reassigned = ok(applyCommand(reopened, cmd('assign'), SUPERVISOR, NOW + 1));
    expect(reassigned.to).toBe('reopened');
    const investigating = ok(applyCommand(reassigned.next, cmd('startInvestigation'), HANDLER, NOW + 2));
    expect(investigating.from).toBe('reopened');
    expect(investigating.to).toBe('investigating');
  });

  it('recording commands do not move the case', () => {
    for (const [name, state] of [
      ['addInvestigationNote', 'investigating'],
      ['progressCall', 'registered'],
      ['update', 'assigned'],
    ] as const) {
      const t = ok(applyCommand(caseIn(state), cmd(name), SUPERVISOR, NOW));
      expect(t.from).toBe(state);
      expect(t.to).toBe(state);
    }
  });

  it('notes and progress calls are appended with author and time', () => {
    const noted = ok(applyCommand(caseIn('investigating'), cmd('addInvestigationNote'), HANDLER, NOW));
    expect(noted.next.investigationNotes.at(-1)).toEqual({ at: NOW, by: 'h01', text: '询问当班估价员' });
    const called = ok(applyCommand(caseIn('registered'), cmd('progressCall'), CLERK, NOW));
    expect(called.next.progressCalls).toEqual([{ at: NOW, by: 'c01', text: '电话告知客户正在调查' }]);
  });

  describe('update changes only what the patch names', () => {
    const c = caseIn('registered', {
      severity: 'major',
      isReport: true,
      complainant: { name: '王小明', phone: '13812345678', address: '朝阳区建国路 88 号', idNumber: '11010519491231002X' },
    });
    const phoneFix = () => ok(applyCommand(c, cmd('update', { complainant: { phone: '010-12345678' } }), SUPERVISOR, NOW)).next;

    it("a phone correction keeps the complainant's address and ID number", () => {
      expect(phoneFix().complainant).toEqual({ ...c.complainant, phone: '010-12345678' });
    });

    it('a phone correction keeps severity, the 举报 flag, business reference and expected resolution', () => {
      const next = phoneFix();
      expect({
        severity: next.severity,
        isReport: next.isReport,
        businessRef: next.businessRef,
        expectedResolution: next.expectedResolution,
      }).toEqual({
        severity: 'major',
        isReport: true,
        businessRef: c.businessRef,
        expectedResolution: c.expectedResolution,
      });
    });

    it('the update schema adds no defaults for fields the patch leaves out', () => {
      expect(commandSchemas.update.safeParse({ content: '新内容' })).toEqual({ success: true, data: { content: '新内容' } });
      expect(commandSchemas.update.safeParse({ complainant: { phone: '13812345678' } })).toEqual({
        success: true,
        data: { complainant: { phone: '13812345678' } },
      });
    });

    it('a content correction changes the content', () => {
      expect(ok(applyCommand(c, cmd('update'), SUPERVISOR, NOW)).next.content).toBe('当物鉴定估价明显偏低，要求重新鉴定并说明依据。');
    });
  });
});

describe('version', () => {
  it('increases by exactly one on each accepted command along the whole life of a case', () => {
    const steps: [CommandName, Actor, unknown?][] = [
      ['assign', CLERK],
      ['progressCall', CLERK],
      ['startInvestigation', HANDLER],
      ['addInvestigationNote', HANDLER],
      ['proposePlan', HANDLER],
      ['rejectPlan', SUPERVISOR],
      ['proposePlan', HANDLER],
      ['approvePlan', SUPERVISOR],
      ['recordHandling', HANDLER],
      ['tellResult', CLERK],
      ['recordCallback', CLERK, { satisfaction: 'unsatisfied', notes: '', objection: '补偿太少' }],
      ['startInvestigation', HANDLER],
      ['proposePlan', HANDLER],
      ['approvePlan', SUPERVISOR],
      ['recordHandling', HANDLER],
      ['tellResult', CLERK],
      ['recordCallback', CLERK],
      ['archive', CLERK],
    ];
    let c = registeredCase();
    const states: CaseState[] = [c.state];
    for (const [i, [name, actor, input]] of steps.entries()) {
      const t = ok(applyCommand(c, cmd(name, input ?? VALID_INPUT[name]), actor, NOW + i));
      expect(t.next.version).toBe(c.version + 1);
      expect(t.next.updatedAt).toBe(NOW + i);
      c = t.next;
      states.push(c.state);
    }
    expect(c.version).toBe(1 + steps.length);
    expect(states).toEqual([
      'registered',
      'assigned',
      'assigned',
      'investigating',
      'investigating',
      'plan_proposed',
      'investigating',
      'plan_proposed',
      'plan_approved',
      'resolved',
      'awaiting_callback',
      'reopened',
      'investigating',
      'plan_proposed',
      'plan_approved',
      'resolved',
      'awaiting_callback',
      'closed',
      'archived',
    ]);
    expect(c.callbacks).toHaveLength(2);
    expect(c.archivedAt).toBe(NOW + steps.length - 1);
  });

  it('does not change on a refused command', () => {
    const c = caseIn('registered');
    err(applyCommand(c, cmd('archive'), CLERK, NOW));
    expect(c.version).toBe(5);
  });
});

describe('refusals carry i18n keys', () => {
  const refusals: [string, () => Transition | DomainError][] = [
    ['wrong state', () => applyCommand(caseIn('registered'), cmd('archive'), CLERK, NOW)],
    ['wrong role', () => applyCommand(caseIn('plan_proposed'), cmd('approvePlan'), HANDLER, NOW)],
    ['supervisor required', () => applyCommand(caseIn('registered', { severity: 'urgent' as Severity }), cmd('assign'), CLERK, NOW)],
    [
      'standard met by a clerk',
      () =>
        applyCommand(
          caseIn('awaiting_callback'),
          cmd('recordCallback', { satisfaction: 'unsatisfied', notes: '', standardMet: true }),
          CLERK,
          NOW,
        ),
    ],
    [
      'missing objection',
      () => applyCommand(caseIn('awaiting_callback'), cmd('recordCallback', { satisfaction: 'unsatisfied', notes: '' }), CLERK, NOW),
    ],
    ['incomplete archive', () => applyCommand(caseIn('closed', { result: null, callbacks: [] }), cmd('archive'), CLERK, NOW)],
    ['after archive', () => applyCommand(caseIn('archived'), cmd('fileAppeal'), ADMIN, NOW)],
  ];

  it.each(refusals)('%s: message and key-valued params exist in all three catalogs and translate', (_label, run) => {
    const e = err(run());
    expect(isDomainError(e)).toBe(true);
    expectKeyInAllCatalogs(e.message);
    for (const value of Object.values(e.params ?? {})) {
      if (typeof value === 'string') for (const key of value.split(',')) expectKeyInAllCatalogs(key);
    }
    for (const locale of LOCALES) {
      const text = translate(locale, e.message, e.params);
      expect(text).not.toContain('{{');
      expect(text).not.toMatch(/\b(state|command|role|missing|errors)\.[a-zA-Z_]/);
    }
  });

  it('isDomainError tells a refusal from a transition', () => {
    expect(isDomainError(applyCommand(caseIn('registered'), cmd('assign'), CLERK, NOW))).toBe(false);
    expect(isDomainError(applyCommand(caseIn('registered'), cmd('archive'), CLERK, NOW))).toBe(true);
  });
});
