/**
 * What a case must hold in each state (completeness), what a transition reports, and how each
 * command's dialog turns what the clerk typed into the payload its schema accepts. The policy rule
 * table is workflow.test.ts; these pin the record-keeping rules underneath it.
 */
import { describe, expect, it } from 'vitest';
import type { Actor, CaseRecord } from '../../shared/domain/case';
import { nextCustomCategoryId, categoryLabel } from '../../shared/domain/categories';
import { CASE_STATES, type CaseState } from '../../shared/domain/enums';
import { newCaseRecord } from '../../shared/domain/newCase';
import { endOfChinaDate } from '../../shared/deadlines/calendar';
import { GENESIS_HASH } from '../../shared/ledger/eventHash';
import { COMMANDS } from '../../shared/workflow/definitions';
import type { FieldSpec } from '../../shared/workflow/fields';
import { dueDateOf } from '../../shared/workflow/fields';
import {
  applyCommand,
  commandSchemas,
  isDomainError,
  missingFor,
  type Command,
  type CommandName,
  type Transition,
} from '../../shared/workflow';

const T0 = Date.parse('2026-03-02T10:00:00+08:00');
const CLERK: Actor = { staffId: 'c01', role: 'clerk' };
const HANDLER: Actor = { staffId: 'h01', role: 'handler' };
const SUPERVISOR: Actor = { staffId: 's01', role: 'supervisor' };

const INTAKE = {
  channel: 'walk_in',
  receivedAt: T0,
  receivedBy: 'c01',
  complainant: {
    name: '李娜',
    phone: '13912345678',
    address: '浦东新区世纪大道 100 号',
    email: '',
    idType: 'resident_id',
    idNumber: '',
    anonymous: false,
  },
  businessRef: 'SF1234567890',
  category: 'appraisal',
  severity: 'general',
  isReport: false,
  content: '包裹外箱破损，内物受损。',
  expectedResolution: '赔偿',
} as const;

function baseCase(): CaseRecord {
  return newCaseRecord({
    id: '0190f3a2-0000-7000-8000-000000000042',
    caseNo: '042',
    branchCode: 'SH02',
    profileId: 'courier',
    intake: INTAKE,
    now: T0,
  });
}

/** A case that holds everything any state asks for. */
function completeCase(state: CaseState): CaseRecord {
  return {
    ...baseCase(),
    state,
    assignments: [{ department: '客服部', assigneeId: 'h01', dueAt: null, assignedAt: T0, assignedBy: 'c01', note: '' }],
    assigneeId: 'h01',
    investigationNotes: [{ at: T0, by: 'h01', text: '查看分拣监控' }],
    validity: { valid: true, responsibility: 'company', analysis: '分拣时跌落' },
    plan: { measures: '按保价赔偿', ownerId: 'h01', dueAt: T0 + 86_400_000, compensation: null },
    approvals: [{ at: T0, by: 's01', decision: 'approved', comment: '' }],
    result: { text: '已赔偿', at: T0, by: 'h01' },
    resultTold: { at: T0, by: 'c01', method: 'phone' },
    callbacks: [{ at: T0, by: 'c01', satisfaction: 'satisfied', notes: '', objection: '', standardMet: true }],
    satisfaction: 'satisfied',
    closingExplanation: '当场解释清楚',
    closedAt: T0,
  };
}

/** Each way a record can lack an item, and the key that names what is missing. */
const BREAKERS: { key: string; how: string; breaks: (c: CaseRecord) => Partial<CaseRecord> }[] = [
  { key: 'missing.complainantName', how: 'blank name', breaks: (c) => ({ complainant: { ...c.complainant, name: '  ' } }) },
  {
    key: 'missing.contact',
    how: 'no way of contact',
    breaks: (c) => ({ complainant: { ...c.complainant, phone: ' ', address: '', email: '' } }),
  },
  { key: 'missing.content', how: 'blank content', breaks: () => ({ content: ' \n' }) },
  { key: 'missing.caseNo', how: 'no case number', breaks: () => ({ caseNo: '' }) },
  { key: 'missing.assignment', how: 'no assignment on record', breaks: () => ({ assignments: [] }) },
  { key: 'missing.assignment', how: 'no current assignee', breaks: () => ({ assigneeId: '' }) },
  { key: 'missing.investigation', how: 'no investigation note', breaks: () => ({ investigationNotes: [] }) },
  { key: 'missing.validity', how: 'no validity finding', breaks: () => ({ validity: null }) },
  { key: 'missing.plan', how: 'no plan', breaks: () => ({ plan: null }) },
  { key: 'missing.plan', how: 'a plan without measures', breaks: (c) => ({ plan: c.plan && { ...c.plan, measures: ' ' } }) },
  { key: 'missing.plan', how: 'a plan without owner', breaks: (c) => ({ plan: c.plan && { ...c.plan, ownerId: '' } }) },
  { key: 'missing.plan', how: 'a plan without due date', breaks: (c) => ({ plan: c.plan && { ...c.plan, dueAt: 0 } }) },
  { key: 'missing.approval', how: 'no approval', breaks: () => ({ approvals: [] }) },
  {
    key: 'missing.approval',
    how: 'only a rejection',
    breaks: () => ({ approvals: [{ at: T0, by: 's01', decision: 'rejected', comment: '' }] }),
  },
  { key: 'missing.result', how: 'no result', breaks: () => ({ result: null }) },
  { key: 'missing.resultTold', how: 'result not told', breaks: () => ({ resultTold: null }) },
  { key: 'missing.callback', how: 'no callback', breaks: () => ({ callbacks: [] }) },
  { key: 'missing.callback', how: 'no satisfaction', breaks: () => ({ satisfaction: null }) },
  { key: 'missing.closedAt', how: 'no closing time', breaks: () => ({ closedAt: null }) },
  { key: 'missing.explanation', how: 'blank explanation', breaks: () => ({ closingExplanation: ' ' }) },
];

const AFTER_ASSIGNMENT: CaseState[] = [
  'assigned',
  'investigating',
  'reopened',
  'plan_proposed',
  'plan_approved',
  'resolved',
  'awaiting_callback',
  'closed',
];
const AFTER_PLAN: CaseState[] = ['plan_proposed', 'plan_approved', 'resolved', 'awaiting_callback', 'closed'];
const AFTER_APPROVAL: CaseState[] = ['plan_approved', 'resolved', 'awaiting_callback', 'closed'];
const AFTER_RESULT: CaseState[] = ['resolved', 'awaiting_callback', 'closed'];
const SETTLED_EARLY: CaseState[] = ['closed_at_counter', 'invalid'];

/** The policy: which states need which item (R3–R6: nothing moves on without what the step before recorded). */
function needed(state: CaseState, key: string): boolean {
  switch (key) {
    case 'missing.complainantName':
    case 'missing.contact':
    case 'missing.content':
    case 'missing.caseNo':
      return true;
    case 'missing.assignment':
      return AFTER_ASSIGNMENT.includes(state);
    case 'missing.investigation':
    case 'missing.validity':
    case 'missing.plan':
      return AFTER_PLAN.includes(state);
    case 'missing.approval':
      return AFTER_APPROVAL.includes(state);
    case 'missing.result':
      return AFTER_RESULT.includes(state);
    case 'missing.resultTold':
      return state === 'awaiting_callback' || state === 'closed';
    case 'missing.callback':
      return state === 'closed';
    case 'missing.closedAt':
      return state === 'closed' || SETTLED_EARLY.includes(state);
    case 'missing.explanation':
      return SETTLED_EARLY.includes(state);
    default:
      throw new Error(key);
  }
}

describe('what a case must hold in each state', () => {
  it.each(CASE_STATES)('a complete record in %s lacks nothing', (state) => {
    expect(missingFor(state, completeCase(state))).toEqual([]);
  });

  for (const state of CASE_STATES) {
    it.each(BREAKERS)(`in ${state}: $how is reported only where the state needs it`, ({ key, breaks }) => {
      const c = completeCase(state);
      expect(missingFor(state, { ...c, ...breaks(c) })).toEqual(needed(state, key) ? [key] : []);
    });
  }

  it('asks nothing of an anonymous report but its content, and no telling or callback before closing', () => {
    const c = completeCase('closed');
    const anonymous = { ...c, isReport: true, complainant: { ...c.complainant, name: '', phone: '', address: '', anonymous: true } };
    expect(missingFor('closed', { ...anonymous, resultTold: null, callbacks: [], satisfaction: null })).toEqual([]);
    expect(missingFor('closed', { ...anonymous, content: '' })).toEqual(['missing.content']);
  });

  it('names every missing item, in the order of the record', () => {
    const c = completeCase('closed');
    expect(missingFor('closed', { ...c, content: '', result: null, closedAt: null })).toEqual([
      'missing.content',
      'missing.result',
      'missing.closedAt',
    ]);
  });
});

function cmd(name: CommandName, input: unknown): Command {
  return { name, payload: commandSchemas[name].parse(input) } as Command;
}

function transition(r: ReturnType<typeof applyCommand>): Transition {
  if (isDomainError(r)) throw new Error(`refused: ${r.message}`);
  return r;
}

describe('a transition', () => {
  it('lists every item the next state lacks in one refusal, comma-separated', () => {
    const c = { ...baseCase(), content: ' ', complainant: { ...baseCase().complainant, name: '' } };
    const r = applyCommand(c, cmd('assign', { department: '客服部', assigneeId: 'h01' }), CLERK, T0 + 1);
    expect(r).toMatchObject({
      code: 'incomplete',
      message: 'errors.workflow.missing',
      params: { fields: 'missing.complainantName,missing.content' },
    });
  });

  it('does not refuse a record-only command for what the case lacked before it', () => {
    const c = { ...completeCase('investigating'), validity: null, assignments: [] };
    const r = transition(applyCommand(c, cmd('addInvestigationNote', { text: '补充询问' }), HANDLER, T0 + 1));
    expect(r.to).toBe('investigating');
    expect(r.events).toEqual(['investigation_noted']);
  });

  it('appends `closed` after the event of a command that closes the case, and only then', () => {
    const awaiting = { ...completeCase('awaiting_callback'), callbacks: [], satisfaction: null, closedAt: null };
    const closing = transition(applyCommand(awaiting, cmd('recordCallback', { satisfaction: 'satisfied', notes: '满意' }), CLERK, T0 + 1));
    expect(closing.events).toEqual(['callback_recorded', 'closed']);
    const moving = transition(
      applyCommand(completeCase('registered'), cmd('assign', { department: '客服部', assigneeId: 'h01' }), CLERK, T0 + 1),
    );
    expect(moving.events).toEqual(['assigned']);
  });

  it('refuses to start an investigation nobody is assigned to, naming the assignment', () => {
    const c = { ...completeCase('reopened'), assigneeId: '' };
    expect(applyCommand(c, cmd('startInvestigation', {}), HANDLER, T0 + 1)).toEqual({
      code: 'incomplete',
      message: 'errors.workflow.missing',
      params: { fields: 'missing.assignment' },
    });
  });
});

describe('isDomainError tells a refusal from a transition', () => {
  it.each([
    ['a refusal', { code: 'forbidden', message: 'errors.x' }, true],
    ['a transition', { code: 'x', message: 'y', next: {} }, false],
    ['an object without a message', { code: 'forbidden' }, false],
    ['an object without a code', { message: 'errors.x' }, false],
    ['null', null, false],
    ['a string', 'errors.x', false],
  ])('%s', (_what, value, expected) => {
    expect(isDomainError(value)).toBe(expected);
  });
});

describe('a correction of a report or escalated case', () => {
  const report = { ...baseCase(), isReport: true };
  it('lets a clerk correct what does not touch the escalation', () => {
    const r = transition(applyCommand(report, cmd('update', { content: '补充：快递员态度恶劣' }), CLERK, T0 + 1));
    expect(r.next.isReport).toBe(true);
  });
  it('keeps withdrawing the report flag for a supervisor', () => {
    expect(applyCommand(report, cmd('update', { isReport: false }), CLERK, T0 + 1)).toEqual({
      code: 'forbidden',
      message: 'errors.workflow.supervisorRequired',
    });
    expect(transition(applyCommand(report, cmd('update', { isReport: false }), SUPERVISOR, T0 + 1)).next.isReport).toBe(false);
  });
});

describe('a new case', () => {
  it('starts registered, unassigned, with every later stage empty and no clock running', () => {
    const c = baseCase();
    expect(c).toMatchObject({
      state: 'registered',
      version: 1,
      assignments: [],
      assigneeId: '',
      investigationNotes: [],
      evidence: [],
      progressCalls: [],
      validity: null,
      plan: null,
      approvals: [],
      result: null,
      resultTold: null,
      callbacks: [],
      satisfaction: null,
      appeal: null,
      accountability: [],
      relatedCaseIds: [],
      closingExplanation: '',
      nextDueAt: Number.POSITIVE_INFINITY,
      createdAt: T0,
      updatedAt: T0,
      closedAt: null,
      archivedAt: null,
      ledgerHead: { seq: 0, hash: GENESIS_HASH },
    });
  });
});

describe("the branch's own categories", () => {
  const none = { customCategories: [], retiredCategories: [] };
  it('numbers a new one after those in use, skipping ids already taken', () => {
    expect(nextCustomCategoryId(none)).toBe('custom_1');
    expect(nextCustomCategoryId({ ...none, customCategories: [{ id: 'custom_1', label: 'a' }] })).toBe('custom_2');
    expect(nextCustomCategoryId({ ...none, customCategories: [{ id: 'custom_2', label: 'a' }] })).toBe('custom_3');
    expect(
      nextCustomCategoryId({
        ...none,
        customCategories: [
          { id: 'custom_3', label: 'a' },
          { id: 'custom_4', label: 'b' },
        ],
      }),
    ).toBe('custom_5');
  });
  it("shows the branch's own label for its category and the catalog's for the others", () => {
    const settings = { ...none, customCategories: [{ id: 'custom_1', label: '寄存柜故障' }] };
    const translate = (key: string) => `[${key}]`;
    expect(categoryLabel('custom_1', settings, translate)).toBe('寄存柜故障');
    expect(categoryLabel('custom_2', settings, translate)).toBe('[category.custom_2]');
    expect(categoryLabel('damage', settings, translate)).toBe('[category.damage]');
  });
});

describe('a date field in a dialog', () => {
  it('means the end of that China day, nothing when empty, and not a number when malformed', () => {
    expect(dueDateOf('')).toBeNull();
    expect(dueDateOf('2026-03-10')).toBe(endOfChinaDate('2026-03-10'));
    expect(dueDateOf('2026-13-45')).toBeNaN();
  });
});

/** A plausible value for each field, as the clerk would type it. */
function sampleValue(name: string, spec: FieldSpec): string | boolean {
  // Accountability: which record of the case's list, and a deduction in points.
  if (name === 'entry') return '1';
  if (name === 'deduction') return '3';
  switch (spec.kind) {
    case 'switch':
      return name !== 'anonymous';
    case 'select':
      return spec.options?.[0] ?? '';
    case 'date':
      return '2026-03-10';
    case 'amount':
      return '120';
    case 'category':
      return 'damage';
    default:
      if (name === 'phone') return '13912345678';
      if (name === 'email') return 'li.na@example.com';
      if (name === 'idNumber') return '11010519491231002X';
      if (/Id$/.test(name)) return 'h01';
      return '说明';
  }
}

describe("each command's dialog", () => {
  const withForms = (Object.keys(COMMANDS) as CommandName[]).filter((name) => COMMANDS[name].form);
  it.each(withForms)('%s: what the fields hold becomes a payload its schema accepts', (name) => {
    const form = COMMANDS[name].form!;
    const fields = form.fields as Record<string, FieldSpec>;
    const values = Object.fromEntries(Object.entries(fields).map(([key, spec]) => [key, sampleValue(key, spec)]));
    const payload = (form.toPayload as (v: typeof values) => unknown)(values);
    const parsed = commandSchemas[name].safeParse(payload);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    // Every field the dialog shows reaches the payload: nothing typed is dropped.
    const json = JSON.stringify(payload);
    for (const [key, value] of Object.entries(values)) {
      if (typeof value === 'string' && fields[key]?.kind !== 'date') expect(json, key).toContain(value);
    }
  });

  it('a plan starts out finding the complaint valid, owned by whoever writes it', () => {
    const fields = COMMANDS.proposePlan.form!.fields;
    const ctx = { record: completeCase('investigating'), staffId: 'h07' };
    expect(fields.valid.initial?.(ctx)).toBe(true);
    expect(fields.ownerId.initial?.(ctx)).toBe('h07');
  });

  it('a plan without compensation carries none; with an amount, that amount', () => {
    const form = COMMANDS.proposePlan.form!;
    const values = {
      valid: true,
      responsibility: 'company',
      analysis: 'a',
      measures: 'm',
      ownerId: 'h01',
      dueAt: '2026-03-10',
      compensation: ' ',
    } as const;
    expect(form.toPayload({ ...values }).plan.compensation).toBeNull();
    expect(form.toPayload({ ...values, compensation: '120.5' }).plan).toEqual({
      measures: 'm',
      ownerId: 'h01',
      dueAt: endOfChinaDate('2026-03-10'),
      compensation: { amount: 120.5, description: '' },
    });
    expect(form.toPayload({ ...values, dueAt: '' }).plan.dueAt).toBeNaN();
  });
});
