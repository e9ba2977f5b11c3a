/**
 * The workflow rules the branch's complaint policies lay down (docs/requirements.md), one row a
 * rule, each naming the requirement it comes from. The rows are written from the policies, not
 * from shared/workflow's definitions: they go through the public API only (applyCommand,
 * allowedCommands, isAllowed, needsSupervisor), with payloads parsed by the command's schema as the
 * store host parses them. The exhaustive state × command × role walk is the property test
 * (workflow.property.test.ts).
 */
import { describe, expect, it } from 'vitest';
import type { Actor, CaseRecord } from '../../shared/domain/case';
import { CASE_STATES, isSupervisorRole, ROLES, type CaseState, type EventType, type Role } from '../../shared/domain/enums';
import { newCaseRecord } from '../../shared/domain/newCase';
import { catalogs, LOCALES, translate } from '../../shared/i18n/translate';
import { GENESIS_HASH } from '../../shared/ledger/eventHash';
import {
  allowedCommands,
  applyCommand,
  commandSchemas,
  isAllowed,
  isDomainError,
  needsSupervisor,
  type Command,
  type CommandName,
  type DomainError,
  type Transition,
} from '../../shared/workflow';

// ---------------------------------------------------------------------------------------------
// Fixtures: a pawnshop case at each stage, with what that stage has on record.
// ---------------------------------------------------------------------------------------------

/** 2026-03-02 10:00 China time. */
const T0 = Date.parse('2026-03-02T10:00:00+08:00');
const NOW = T0 + 3_600_000;
const DAY = 86_400_000;

const CLERK: Actor = { staffId: 'c01', role: 'clerk' };
const HANDLER: Actor = { staffId: 'h01', role: 'handler' };
const SUPERVISOR: Actor = { staffId: 's01', role: 'supervisor' };
const ADMIN: Actor = { staffId: 'a01', role: 'admin' };
const ACTORS: Record<Role, Actor> = { clerk: CLERK, handler: HANDLER, supervisor: SUPERVISOR, admin: ADMIN };

function registeredCase(overrides: Partial<CaseRecord> = {}): CaseRecord {
  const c = newCaseRecord({
    id: '0190f3a2-0000-7000-8000-000000000001',
    caseNo: 'BJ01-20260302-001',
    branchCode: 'BJ01',
    profileId: 'pawnshop',
    intake: {
      channel: 'walk_in',
      receivedAt: T0,
      receivedBy: 'c01',
      complainant: {
        name: '王小明',
        phone: '13812345678',
        address: '朝阳区建国路 88 号',
        email: '',
        idType: 'resident_id',
        idNumber: '',
        anonymous: false,
      },
      businessRef: 'DP2026030200017',
      category: 'appraisal',
      severity: 'general',
      isReport: false,
      content: '当物鉴定估价明显偏低，要求重新鉴定。',
      expectedResolution: '重新估价',
    },
    now: T0,
  });
  return { ...c, ledgerHead: { seq: 1, hash: GENESIS_HASH }, ...overrides };
}

const ASSIGNED: Partial<CaseRecord> = {
  assignments: [{ department: '鉴定部', assigneeId: 'h01', dueAt: null, assignedAt: T0 + 1, assignedBy: 'c01', note: '' }],
  assigneeId: 'h01',
};
const INVESTIGATED: Partial<CaseRecord> = { investigationNotes: [{ at: T0 + 2, by: 'h01', text: '调取监控，核实估价过程。' }] };
const PLANNED: Partial<CaseRecord> = {
  validity: { valid: true, responsibility: 'staff', analysis: '估价员未按规程复核。' },
  plan: { measures: '重新鉴定并致歉', ownerId: 'h01', dueAt: T0 + DAY, compensation: null },
};
const APPROVED: Partial<CaseRecord> = { approvals: [{ at: T0 + 3, by: 's01', decision: 'approved', comment: '' }] };
const HANDLED: Partial<CaseRecord> = { result: { text: '已重新鉴定', at: T0 + 4, by: 'h01' } };
const TOLD: Partial<CaseRecord> = { resultTold: { at: T0 + 5, by: 'c01', method: 'phone' } };
const CALLED_BACK: Partial<CaseRecord> = {
  callbacks: [{ at: T0 + 6, by: 'c01', satisfaction: 'satisfied', notes: '客户表示满意', objection: '', standardMet: false }],
  satisfaction: 'satisfied',
  closedAt: T0 + 6,
};

/** What a case in each state has on record. */
const ON_RECORD: Record<CaseState, Partial<CaseRecord>[]> = {
  registered: [],
  assigned: [ASSIGNED],
  investigating: [ASSIGNED, INVESTIGATED],
  reopened: [ASSIGNED, INVESTIGATED],
  plan_proposed: [ASSIGNED, INVESTIGATED, PLANNED],
  plan_approved: [ASSIGNED, INVESTIGATED, PLANNED, APPROVED],
  resolved: [ASSIGNED, INVESTIGATED, PLANNED, APPROVED, HANDLED],
  awaiting_callback: [ASSIGNED, INVESTIGATED, PLANNED, APPROVED, HANDLED, TOLD],
  closed: [ASSIGNED, INVESTIGATED, PLANNED, APPROVED, HANDLED, TOLD, CALLED_BACK],
  closed_at_counter: [{ closingExplanation: '当场解释清楚，客户满意', closedAt: T0 + 1, satisfaction: 'satisfied' }],
  invalid: [{ closingExplanation: '不属于本网点受理范围，已告知客户向快递公司反映', closedAt: T0 + 1 }],
  archived: [ASSIGNED, INVESTIGATED, PLANNED, APPROVED, HANDLED, TOLD, CALLED_BACK, { archivedAt: T0 + 7 }],
};

function caseIn(state: CaseState, overrides: Partial<CaseRecord> = {}): CaseRecord {
  return registeredCase({ ...Object.assign({}, ...ON_RECORD[state]), state, version: 5, ...overrides });
}

/** What a screen sends for each command; parsed by the command's schema as the store host does. */
const INPUT: Record<CommandName, unknown> = {
  update: { content: '当物鉴定估价明显偏低，要求重新鉴定并说明依据。' },
  assign: { department: '鉴定部', assigneeId: 'h02', dueAt: T0 + DAY },
  closeAtCounter: { explanation: '当场解释清楚，客户满意' },
  markInvalid: { explanation: '不属于本网点受理范围' },
  startInvestigation: {},
  addInvestigationNote: { text: '询问当班估价员' },
  progressCall: { notes: '电话告知客户正在调查' },
  proposePlan: {
    validity: { valid: true, responsibility: 'staff', analysis: '估价员未按规程复核' },
    plan: { measures: '重新鉴定并致歉', ownerId: 'h01', dueAt: T0 + 2 * DAY },
  },
  approvePlan: { comment: '同意' },
  rejectPlan: { comment: '补充补偿方案' },
  recordHandling: { result: '已重新鉴定，差额已补' },
  tellResult: { method: 'phone' },
  recordCallback: { satisfaction: 'satisfied', notes: '客户满意' },
  closeWithoutCallback: { explanation: '举报人匿名，处理结果存档' },
  fileAppeal: { reason: '客户对鉴定结果仍有异议' },
  addEvidence: {
    attachmentId: '0190f3a2-0000-7000-8000-00000000000a',
    name: '签字登记表.png',
    type: 'image/png',
    size: 2048,
    kind: 'signed_form',
  },
  linkCase: { relatedCaseId: '0190f3a2-0000-7000-8000-0000000000b1' },
  archive: {},
  acknowledgeEscalation: {},
  recordEmergencyStep: { text: '疏散柜台附近客户，切断燃气阀门' },
  recordAccountability: { kind: 'direct', staffId: 'h01', measure: 'criticism' },
  appealAccountability: { entry: 1, reason: '超时系客户未接电话所致' },
  decideAccountabilityAppeal: { entry: 1, outcome: 'upheld', note: '通话记录显示仅拨打一次' },
};

function cmd(name: CommandName, input: unknown = INPUT[name]): Command {
  const parsed = commandSchemas[name].safeParse(input);
  if (!parsed.success) throw new Error(`fixture payload for ${name} is invalid: ${parsed.error.message}`);
  return { name, payload: parsed.data } as Command;
}

function ok(r: Transition | DomainError): Transition {
  if (isDomainError(r)) throw new Error(`expected a transition, got ${r.code} ${r.message} ${JSON.stringify(r.params ?? {})}`);
  return r;
}

function refusal(r: Transition | DomainError): DomainError {
  if (!isDomainError(r)) throw new Error(`expected a refusal, got a transition ${r.from} -> ${r.to}`);
  return r;
}

// ---------------------------------------------------------------------------------------------
// The rules
// ---------------------------------------------------------------------------------------------

/** What a rule expects: the case moves (or stays, recording), or the command is refused and why. */
type Outcome =
  | { to: CaseState; events?: EventType[] }
  | { refused: 'state' }
  | { refused: 'role' }
  | { refused: 'supervisor' }
  | { refused: 'awaiting_supervisor' }
  | { refused: 'unavailable'; because: string }
  | { refused: 'incomplete'; missing: string[] };

const moves = (to: CaseState, events?: EventType[]): Outcome => (events ? { to, events } : { to });
const WRONG_STAGE: Outcome = { refused: 'state' };
const NOT_THEIR_ROLE: Outcome = { refused: 'role' };
const SUPERVISOR_ONLY: Outcome = { refused: 'supervisor' };
const AWAITS_SUPERVISOR: Outcome = { refused: 'awaiting_supervisor' };
const unavailable = (because: string): Outcome => ({ refused: 'unavailable', because });
const missing = (...keys: string[]): Outcome => ({ refused: 'incomplete', missing: keys });

type Rule = [rule: string, requirement: string, c: CaseRecord, command: Command, by: Actor, outcome: Outcome];

const MAJOR = { severity: 'major' } as const;
const URGENT = { severity: 'urgent' } as const;
const REPORT = { isReport: true } as const;
/** As the store leaves a case it notified the supervisor of; acknowledged by s01 or not yet. */
const notified = (reason: 'major' | 'urgent' | 'report', acknowledged = false): Partial<CaseRecord> => ({
  escalation: {
    reason,
    role: 'supervisor',
    notifiedAt: T0,
    acknowledgedAt: acknowledged ? T0 + 1 : null,
    acknowledgedBy: acknowledged ? 's01' : null,
  },
});
const UNACKNOWLEDGED_MAJOR = { ...MAJOR, ...notified('major') };
const ACKNOWLEDGED_MAJOR = { ...MAJOR, ...notified('major', true) };
const UNACKNOWLEDGED_URGENT = { ...URGENT, ...notified('urgent') };
const ACKNOWLEDGED_URGENT = { ...URGENT, ...notified('urgent', true) };
const callback = (input: object) => cmd('recordCallback', { notes: '', ...input });

const RULES: Rule[] = [
  // R1 Intake
  [
    'a complaint the customer accepts the explanation of at the counter is settled there and archived at once',
    'R1.7',
    caseIn('registered'),
    cmd('closeAtCounter'),
    CLERK,
    moves('archived', ['closed_at_counter', 'archived']),
  ],
  [
    'a counter settlement is archived only with a complete record, or not at all',
    'R1.7',
    caseIn('registered', { caseNo: '' }),
    cmd('closeAtCounter'),
    CLERK,
    missing('missing.caseNo'),
  ],
  [
    'a case kept as settled at the counter before settling archived at once is archived',
    'R1.7',
    caseIn('closed_at_counter'),
    cmd('archive'),
    CLERK,
    moves('archived', ['archived']),
  ],
  ['once assigned, a complaint is no longer settled at the counter', 'R1.7', caseIn('assigned'), cmd('closeAtCounter'), CLERK, WRONG_STAGE],
  [
    'a complaint outside the branch’s remit is recorded as such, with the explanation given',
    'R1.4',
    caseIn('registered'),
    cmd('markInvalid'),
    CLERK,
    moves('invalid', ['marked_invalid']),
  ],
  ['the remit can still be found wanting after assignment', 'R1.4', caseIn('assigned'), cmd('markInvalid'), CLERK, moves('invalid')],
  [
    'once investigated, a complaint is not turned away as outside the remit',
    'R1.4',
    caseIn('investigating'),
    cmd('markInvalid'),
    SUPERVISOR,
    WRONG_STAGE,
  ],
  ['a complaint recorded as outside the remit is archived', 'R1.4', caseIn('invalid'), cmd('archive'), CLERK, moves('archived')],
  [
    'the registration is corrected while the case is at the counter',
    'R1.2',
    caseIn('assigned'),
    cmd('update'),
    CLERK,
    moves('assigned', ['updated']),
  ],
  [
    'the registration is not rewritten once the investigation has begun',
    'R1.2',
    caseIn('investigating'),
    cmd('update'),
    SUPERVISOR,
    WRONG_STAGE,
  ],
  [
    'a report (举报) goes straight to the supervisor: a clerk may not assign it',
    'R1.1',
    caseIn('registered', REPORT),
    cmd('assign'),
    CLERK,
    SUPERVISOR_ONLY,
  ],
  ['the supervisor assigns a report', 'R1.1', caseIn('registered', REPORT), cmd('assign'), SUPERVISOR, moves('assigned', ['assigned'])],
  ['a clerk may not assign a major complaint', 'R1.5', caseIn('registered', MAJOR), cmd('assign'), CLERK, AWAITS_SUPERVISOR],
  ['a clerk may not reassign an urgent complaint', 'R1.5', caseIn('assigned', URGENT), cmd('assign'), CLERK, AWAITS_SUPERVISOR],
  [
    'a clerk may not settle a major complaint at the counter',
    'R1.5',
    caseIn('registered', MAJOR),
    cmd('closeAtCounter'),
    CLERK,
    AWAITS_SUPERVISOR,
  ],
  [
    'a clerk may not turn an urgent complaint away as outside the remit',
    'R1.5',
    caseIn('registered', URGENT),
    cmd('markInvalid'),
    CLERK,
    AWAITS_SUPERVISOR,
  ],
  [
    'the supervisor may settle a major complaint at the counter',
    'R1.5',
    caseIn('registered', MAJOR),
    cmd('closeAtCounter'),
    SUPERVISOR,
    moves('archived'),
  ],
  [
    'an administrator stands in for the supervisor on an urgent complaint',
    'R1.5',
    caseIn('registered', URGENT),
    cmd('assign'),
    ADMIN,
    moves('assigned'),
  ],

  // R1.1, R1.5 Escalation: the supervisor's notification, its acknowledgement, the emergency procedure
  [
    'until the supervisor acknowledges a major complaint, a clerk may not settle it at the counter',
    'R1.5',
    caseIn('registered', UNACKNOWLEDGED_MAJOR),
    cmd('closeAtCounter'),
    CLERK,
    AWAITS_SUPERVISOR,
  ],
  [
    'until then nobody but a supervisor takes a major complaint any further: not even a correction',
    'R1.5',
    caseIn('registered', UNACKNOWLEDGED_MAJOR),
    cmd('update'),
    CLERK,
    AWAITS_SUPERVISOR,
  ],
  [
    'nor a progress call by a handler on an unacknowledged urgent complaint',
    'R1.5',
    caseIn('assigned', UNACKNOWLEDGED_URGENT),
    cmd('progressCall'),
    HANDLER,
    AWAITS_SUPERVISOR,
  ],
  [
    'the supervisor may take an unacknowledged major complaint further',
    'R1.5',
    caseIn('registered', UNACKNOWLEDGED_MAJOR),
    cmd('assign'),
    SUPERVISOR,
    moves('assigned', ['assigned']),
  ],
  [
    'the supervisor acknowledges the notification of a major complaint; the case stays where it is',
    'R1.5',
    caseIn('registered', UNACKNOWLEDGED_MAJOR),
    cmd('acknowledgeEscalation'),
    SUPERVISOR,
    moves('registered', ['escalation_acknowledged']),
  ],
  [
    'an administrator acknowledges in the supervisor’s stead',
    'R1.5',
    caseIn('assigned', UNACKNOWLEDGED_URGENT),
    cmd('acknowledgeEscalation'),
    ADMIN,
    moves('assigned', ['escalation_acknowledged']),
  ],
  [
    'the supervisor acknowledges a report',
    'R1.1',
    caseIn('registered', { ...REPORT, ...notified('report') }),
    cmd('acknowledgeEscalation'),
    SUPERVISOR,
    moves('registered', ['escalation_acknowledged']),
  ],
  ['a clerk may not acknowledge', 'R1.5', caseIn('registered', UNACKNOWLEDGED_MAJOR), cmd('acknowledgeEscalation'), CLERK, NOT_THEIR_ROLE],
  ['nor may a handler', 'R1.5', caseIn('assigned', UNACKNOWLEDGED_URGENT), cmd('acknowledgeEscalation'), HANDLER, NOT_THEIR_ROLE],
  [
    'a notification is acknowledged once',
    'R1.5',
    caseIn('registered', ACKNOWLEDGED_MAJOR),
    cmd('acknowledgeEscalation'),
    SUPERVISOR,
    unavailable('errors.escalation.nothingToAcknowledge'),
  ],
  [
    'a general complaint has no notification to acknowledge',
    'R1.5',
    caseIn('registered'),
    cmd('acknowledgeEscalation'),
    SUPERVISOR,
    unavailable('errors.escalation.nothingToAcknowledge'),
  ],
  [
    'once acknowledged, a clerk settles a major complaint at the counter under the normal rules',
    'R1.5, R1.7',
    caseIn('registered', ACKNOWLEDGED_MAJOR),
    cmd('closeAtCounter'),
    CLERK,
    moves('archived', ['closed_at_counter', 'archived']),
  ],
  [
    'once acknowledged, a clerk assigns an urgent complaint',
    'R1.5, R3.3',
    caseIn('registered', ACKNOWLEDGED_URGENT),
    cmd('assign'),
    CLERK,
    moves('assigned', ['assigned']),
  ],
  [
    'a report stays the supervisor’s after acknowledgement: a clerk may not settle it at the counter',
    'R1.1',
    caseIn('registered', { ...REPORT, ...notified('report', true) }),
    cmd('closeAtCounter'),
    CLERK,
    SUPERVISOR_ONLY,
  ],
  [
    'whoever the supervisor assigned a report to works it',
    'R1.1',
    caseIn('assigned', { ...REPORT, ...notified('report', true) }),
    cmd('startInvestigation'),
    HANDLER,
    moves('investigating', ['investigation_started']),
  ],
  [
    'the counter records the emergency steps of an urgent complaint before the supervisor has acknowledged it',
    'R1.5',
    caseIn('registered', UNACKNOWLEDGED_URGENT),
    cmd('recordEmergencyStep'),
    CLERK,
    moves('registered', ['emergency_step_recorded']),
  ],
  [
    'a handler working an urgent complaint records an emergency step',
    'R1.5',
    caseIn('investigating', ACKNOWLEDGED_URGENT),
    cmd('recordEmergencyStep'),
    HANDLER,
    moves('investigating', ['emergency_step_recorded']),
  ],
  [
    'only an urgent complaint has an emergency procedure',
    'R1.5',
    caseIn('registered', UNACKNOWLEDGED_MAJOR),
    cmd('recordEmergencyStep'),
    SUPERVISOR,
    unavailable('errors.escalation.notUrgent'),
  ],
  ['no emergency steps once the case is closed', 'R1.5', caseIn('closed', URGENT), cmd('recordEmergencyStep'), CLERK, WRONG_STAGE],

  // R3 Assignment
  [
    'a clerk assigns a general complaint to a department',
    'R3.3',
    caseIn('registered'),
    cmd('assign'),
    CLERK,
    moves('assigned', ['assigned']),
  ],
  ['an assigned case is reassigned', 'R3.3', caseIn('assigned'), cmd('assign'), SUPERVISOR, moves('assigned')],
  ['a handler does not assign', 'R3.3', caseIn('registered'), cmd('assign'), HANDLER, NOT_THEIR_ROLE],

  // R4 Deadlines: progress calls
  [
    'a progress call is recorded while the customer waits for an answer, and the case stays where it is',
    'R4.4',
    caseIn('investigating'),
    cmd('progressCall'),
    CLERK,
    moves('investigating', ['progress_call']),
  ],
  [
    'anyone at the branch may make the progress call',
    'R4.4',
    caseIn('plan_approved'),
    cmd('progressCall'),
    HANDLER,
    moves('plan_approved'),
  ],
  ['no progress call once the case is closed', 'R4.4', caseIn('closed'), cmd('progressCall'), CLERK, WRONG_STAGE],

  // R5 Investigation, plan, approval, handling
  [
    'the assigned department starts the investigation',
    'R5.1',
    caseIn('assigned'),
    cmd('startInvestigation'),
    HANDLER,
    moves('investigating', ['investigation_started']),
  ],
  ['the counter clerk does not investigate', 'R5.1', caseIn('assigned'), cmd('startInvestigation'), CLERK, NOT_THEIR_ROLE],
  [
    'an investigation needs a responsible person',
    'R3.3',
    caseIn('assigned', { assigneeId: '' }),
    cmd('startInvestigation'),
    HANDLER,
    missing('missing.assignment'),
  ],
  [
    'investigation notes are added as the work goes on',
    'R5.1',
    caseIn('investigating'),
    cmd('addInvestigationNote'),
    HANDLER,
    moves('investigating', ['investigation_noted']),
  ],
  [
    'no plan before the investigation has found something',
    'R5.1',
    caseIn('investigating', { investigationNotes: [] }),
    cmd('proposePlan'),
    HANDLER,
    missing('missing.investigation'),
  ],
  [
    'the handler proposes a plan after investigating',
    'R5.3',
    caseIn('investigating'),
    cmd('proposePlan'),
    HANDLER,
    moves('plan_proposed', ['plan_proposed']),
  ],
  ['a plan is not proposed before the investigation has started', 'R5.3', caseIn('assigned'), cmd('proposePlan'), HANDLER, WRONG_STAGE],
  ['a clerk may not approve a plan', 'R5.4', caseIn('plan_proposed'), cmd('approvePlan'), CLERK, NOT_THEIR_ROLE],
  ['the handler may not approve the plan they proposed', 'R5.4', caseIn('plan_proposed'), cmd('approvePlan'), HANDLER, NOT_THEIR_ROLE],
  [
    'the supervisor approves a plan',
    'R5.4',
    caseIn('plan_proposed'),
    cmd('approvePlan'),
    SUPERVISOR,
    moves('plan_approved', ['plan_approved']),
  ],
  [
    'the supervisor sends a plan back for more investigation',
    'R5.4',
    caseIn('plan_proposed'),
    cmd('rejectPlan'),
    SUPERVISOR,
    moves('investigating', ['plan_rejected']),
  ],
  ['a handler may not reject a plan either', 'R5.4', caseIn('plan_proposed'), cmd('rejectPlan'), HANDLER, NOT_THEIR_ROLE],
  ['nothing is handled before the plan is approved', 'R5.5', caseIn('plan_proposed'), cmd('recordHandling'), HANDLER, WRONG_STAGE],
  [
    'the handler records how the approved plan was carried out',
    'R5.5',
    caseIn('plan_approved'),
    cmd('recordHandling'),
    HANDLER,
    moves('resolved', ['handled']),
  ],
  ['the counter clerk does not record the handling', 'R5.5', caseIn('plan_approved'), cmd('recordHandling'), CLERK, NOT_THEIR_ROLE],

  // R6 Feedback, satisfaction, reopening, callback
  ['the result is told to the customer', 'R6.1', caseIn('resolved'), cmd('tellResult'), CLERK, moves('awaiting_callback', ['result_told'])],
  ['no callback before the customer has been told the result', 'R6.1', caseIn('resolved'), cmd('recordCallback'), CLERK, WRONG_STAGE],
  [
    'a satisfied customer at the callback closes the case',
    'R6.3',
    caseIn('awaiting_callback'),
    callback({ satisfaction: 'satisfied' }),
    CLERK,
    moves('closed', ['callback_recorded', 'closed']),
  ],
  [
    'an unsatisfied customer’s objection is recorded and the case reopened',
    'R6.2',
    caseIn('awaiting_callback'),
    callback({ satisfaction: 'unsatisfied', objection: '补偿太少' }),
    CLERK,
    moves('reopened', ['callback_recorded']),
  ],
  [
    'a partly satisfied customer’s objection reopens the case too',
    'R6.2',
    caseIn('awaiting_callback'),
    callback({ satisfaction: 'partly_satisfied', objection: '只补了一半' }),
    HANDLER,
    moves('reopened', ['callback_recorded']),
  ],
  [
    'an unsatisfied customer without a recorded objection is refused',
    'R6.2',
    caseIn('awaiting_callback'),
    callback({ satisfaction: 'unsatisfied' }),
    CLERK,
    missing('missing.objection'),
  ],
  [
    'an objection of invisible characters is no objection',
    'R6.2',
    caseIn('awaiting_callback'),
    callback({ satisfaction: 'partly_satisfied', objection: '\u200B\u00A0' }),
    CLERK,
    missing('missing.objection'),
  ],
  [
    'the supervisor closes an unsatisfied case whose handling met the company’s standard',
    'R6.2',
    caseIn('awaiting_callback'),
    callback({ satisfaction: 'unsatisfied', standardMet: true }),
    SUPERVISOR,
    moves('closed', ['callback_recorded', 'closed']),
  ],
  [
    'a clerk may not declare the standard met',
    'R6.2',
    caseIn('awaiting_callback'),
    callback({ satisfaction: 'unsatisfied', objection: '仍不满意', standardMet: true }),
    CLERK,
    { refused: 'role' },
  ],
  ['a reopened case is investigated again', 'R6.2', caseIn('reopened'), cmd('startInvestigation'), HANDLER, moves('investigating')],
  [
    'a reopened case may go to another department first',
    'R6.2',
    caseIn('reopened'),
    cmd('assign'),
    SUPERVISOR,
    moves('reopened', ['assigned']),
  ],
  [
    'the customer appeals a closed case, which reopens',
    'R6.4',
    caseIn('closed'),
    cmd('fileAppeal'),
    CLERK,
    moves('reopened', ['appeal_filed']),
  ],
  [
    'the customer may appeal while the callback is pending',
    'R6.4',
    caseIn('awaiting_callback'),
    cmd('fileAppeal'),
    CLERK,
    moves('reopened'),
  ],
  ['an archived case takes no appeal at the branch', 'R7.2', caseIn('archived'), cmd('fileAppeal'), ADMIN, WRONG_STAGE],

  // R7 Closing and archive
  ['a closed case with a complete record is archived', 'R7.1', caseIn('closed'), cmd('archive'), CLERK, moves('archived', ['archived'])],
  ['an open case is not archived', 'R7.1', caseIn('awaiting_callback'), cmd('archive'), SUPERVISOR, WRONG_STAGE],
  ['a handler does not archive', 'R7.1', caseIn('closed'), cmd('archive'), HANDLER, NOT_THEIR_ROLE],
  [
    'the archive lacks no callback record',
    'R7.2',
    caseIn('closed', { callbacks: [], satisfaction: null }),
    cmd('archive'),
    SUPERVISOR,
    missing('missing.callback'),
  ],
  ['the archive lacks no result', 'R7.2', caseIn('closed', { result: null }), cmd('archive'), SUPERVISOR, missing('missing.result')],
  [
    'the archive records that the customer was told',
    'R7.2',
    caseIn('closed', { resultTold: null }),
    cmd('archive'),
    SUPERVISOR,
    missing('missing.resultTold'),
  ],
  [
    'a rejected plan is no approval',
    'R7.2',
    caseIn('closed', { approvals: [{ at: T0, by: 's01', decision: 'rejected', comment: 'x' }] }),
    cmd('archive'),
    SUPERVISOR,
    missing('missing.approval'),
  ],
  [
    'the archive holds the investigation',
    'R7.2',
    caseIn('closed', { investigationNotes: [] }),
    cmd('archive'),
    SUPERVISOR,
    missing('missing.investigation'),
  ],
  [
    'the archive holds whether the complaint was valid',
    'R7.2',
    caseIn('closed', { validity: null }),
    cmd('archive'),
    SUPERVISOR,
    missing('missing.validity'),
  ],
  ['the archive holds the plan', 'R7.2', caseIn('closed', { plan: null }), cmd('archive'), SUPERVISOR, missing('missing.plan')],
  [
    'the archive holds who handled it',
    'R7.2',
    caseIn('closed', { assignments: [], assigneeId: '' }),
    cmd('archive'),
    SUPERVISOR,
    missing('missing.assignment'),
  ],
  [
    'the archive holds when it closed',
    'R7.2',
    caseIn('invalid', { closedAt: null }),
    cmd('archive'),
    SUPERVISOR,
    missing('missing.closedAt'),
  ],
  [
    'a counter settlement is archived with its explanation',
    'R7.2',
    caseIn('closed_at_counter', { closingExplanation: '  ' }),
    cmd('archive'),
    SUPERVISOR,
    missing('missing.explanation'),
  ],
  [
    'the archive holds the case number',
    'R1.6',
    caseIn('closed_at_counter', { caseNo: '' }),
    cmd('archive'),
    SUPERVISOR,
    missing('missing.caseNo'),
  ],
  [
    'every missing item is named at once',
    'R7.1',
    caseIn('closed', { result: null, resultTold: null }),
    cmd('archive'),
    CLERK,
    missing('missing.result', 'missing.resultTold'),
  ],
  [
    'the signed registration form is attached at the callback stage',
    'R2.3',
    caseIn('awaiting_callback'),
    cmd('addEvidence'),
    CLERK,
    moves('awaiting_callback', ['evidence_added']),
  ],
  [
    'the signed registration form is attached to a closed case before it is archived',
    'R2.3',
    caseIn('closed'),
    cmd('addEvidence'),
    HANDLER,
    moves('closed'),
  ],
];

function expectOutcome(r: Transition | DomainError, c: CaseRecord, outcome: Outcome) {
  if ('to' in outcome) {
    const t = ok(r);
    expect({ from: t.from, to: t.to, state: t.next.state }).toEqual({ from: c.state, to: outcome.to, state: outcome.to });
    if (outcome.events) expect(t.events).toEqual(outcome.events);
    return;
  }
  const e = refusal(r);
  switch (outcome.refused) {
    case 'state':
      expect([e.code, e.message]).toEqual(['invalid_state', 'errors.workflow.invalidState']);
      break;
    case 'role':
      expect(e.code).toBe('forbidden');
      expect(e.message).not.toBe('errors.workflow.supervisorRequired');
      break;
    case 'supervisor':
      expect([e.code, e.message]).toEqual(['forbidden', 'errors.workflow.supervisorRequired']);
      break;
    case 'awaiting_supervisor':
      expect([e.code, e.message]).toEqual(['forbidden', 'errors.workflow.awaitingSupervisor']);
      break;
    case 'unavailable':
      expect(e.message).toBe(outcome.because);
      break;
    case 'incomplete':
      expect([e.code, e.message]).toEqual(['incomplete', 'errors.workflow.missing']);
      expect(String(e.params?.fields).split(',').sort()).toEqual([...outcome.missing].sort());
      break;
  }
}

describe('the policies’ workflow rules', () => {
  it.each(RULES)('%s (%s)', (_rule, _requirement, c, command, by, outcome) => {
    const before = structuredClone(c);
    expectOutcome(applyCommand(c, command, by, NOW), c, outcome);
    expect(c, 'a refused or accepted command leaves the case it was given unchanged').toEqual(before);
  });

  // What the screens offer is what the rules allow: a command the rules accept is offered, one
  // refused before its payload is read (stage, role, escalation, availability) is not. Refusals
  // that come from the payload or from what the record still lacks are told when the command is made.
  const offeredRules = RULES.filter(
    ([, , , command, , o]) => 'to' in o || (o.refused !== 'incomplete' && !(o.refused === 'role' && command.name === 'recordCallback')),
  );

  it.each(offeredRules)('offered as the rule says: %s (%s)', (_rule, _requirement, c, command, by, outcome) => {
    const accepted = 'to' in outcome;
    expect(isAllowed(c, command.name, by)).toBe(accepted);
    expect(allowedCommands(c, by).includes(command.name)).toBe(accepted);
  });
});

describe('what each person is offered', () => {
  const offers: [rule: string, requirement: string, c: CaseRecord, by: Actor, offered: CommandName[], notOffered: CommandName[]][] = [
    [
      'at the counter, a clerk may assign, settle, turn away as outside the remit or correct a new complaint',
      'R1.4, R1.7, R3.3',
      caseIn('registered'),
      CLERK,
      ['assign', 'closeAtCounter', 'markInvalid', 'update', 'progressCall'],
      ['approvePlan', 'archive', 'startInvestigation'],
    ],
    [
      'a handler is not offered the counter’s decisions',
      'R3.3',
      caseIn('registered'),
      HANDLER,
      ['progressCall'],
      ['assign', 'closeAtCounter', 'markInvalid', 'update'],
    ],
    [
      'the supervisor is offered approval and rejection of a proposed plan',
      'R5.4',
      caseIn('plan_proposed'),
      SUPERVISOR,
      ['approvePlan', 'rejectPlan'],
      ['recordHandling'],
    ],
    ['the handler is offered neither', 'R5.4', caseIn('plan_proposed'), HANDLER, [], ['approvePlan', 'rejectPlan']],
    [
      'a clerk is not offered the counter’s decisions on a report, only what the supervisor leaves to the counter',
      'R1.1',
      caseIn('registered', { ...REPORT, ...notified('report') }),
      CLERK,
      ['update', 'progressCall'],
      ['closeAtCounter', 'assign', 'markInvalid', 'acknowledgeEscalation'],
    ],
    [
      'a clerk is offered nothing on a major complaint the supervisor has not acknowledged',
      'R1.5',
      caseIn('registered', UNACKNOWLEDGED_MAJOR),
      CLERK,
      [],
      ['closeAtCounter', 'assign', 'markInvalid', 'update', 'progressCall', 'addEvidence', 'recordEmergencyStep'],
    ],
    [
      'on an unacknowledged urgent complaint the clerk is offered the emergency steps only',
      'R1.5',
      caseIn('registered', UNACKNOWLEDGED_URGENT),
      CLERK,
      ['recordEmergencyStep'],
      ['closeAtCounter', 'assign', 'update'],
    ],
    [
      'the supervisor is offered the acknowledgement, and the counter’s decisions',
      'R1.5',
      caseIn('registered', UNACKNOWLEDGED_MAJOR),
      SUPERVISOR,
      ['acknowledgeEscalation', 'closeAtCounter', 'assign'],
      ['recordEmergencyStep'],
    ],

    [
      'evidence can be attached while the case is open',
      'R5.1',
      caseIn('investigating'),
      HANDLER,
      ['addEvidence', 'addInvestigationNote'],
      [],
    ],
  ];

  it.each(offers)('%s (%s)', (_rule, _requirement, c, by, offered, notOffered) => {
    const commands = allowedCommands(c, by);
    expect(commands).toEqual(expect.arrayContaining(offered));
    for (const name of notOffered) expect(commands, name).not.toContain(name);
  });

  it.each(ROLES)(
    'nobody rewrites an archived case: the %s is offered only to file the signed form, a supervisor also accountability (R7.2, R8.3)',
    (role) => {
      const archived = caseIn('archived');
      expect(allowedCommands(archived, ACTORS[role])).toEqual(
        isSupervisorRole(role) ? ['addEvidence', 'recordAccountability'] : ['addEvidence'],
      );
      const attach = (kind: 'evidence' | 'signed_form') =>
        applyCommand(
          archived,
          { name: 'addEvidence', payload: { attachmentId: 'a1', name: '签字登记表.pdf', type: 'application/pdf', size: 10, kind } },
          ACTORS[role],
          archived.updatedAt + 1,
        );
      expect(attach('evidence')).toMatchObject({ code: 'invalid_state', message: 'errors.attachment.archivedSignedFormOnly' });
      expect(attach('signed_form')).toMatchObject({ from: 'archived', to: 'archived', events: ['evidence_added'] });
    },
  );

  it.each(CASE_STATES.filter((s) => s !== 'archived'))(
    'evidence and the signed form can be attached to a %s case, by anyone (R2.3, R5.1)',
    (state) => {
      for (const role of ROLES) expect(isAllowed(caseIn(state), 'addEvidence', ACTORS[role]), role).toBe(true);
    },
  );
});

describe('escalation: major, urgent and reported complaints go to the supervisor (R1.1, R1.5)', () => {
  it.each([
    ['a major complaint', MAJOR, true],
    ['an urgent complaint', URGENT, true],
    ['a report (举报)', REPORT, true],
    ['a general complaint', {}, false],
  ] as const)('%s needs the supervisor: %s', (_label, fields, expected) => {
    expect(needsSupervisor({ severity: 'general', isReport: false, ...fields })).toBe(expected);
  });
});

describe('what the rules require to be filled in (the command payloads)', () => {
  const refusedPayloads: [rule: string, requirement: string, name: CommandName, input: unknown][] = [
    ['settling at the counter needs the explanation given', 'R1.7', 'closeAtCounter', { explanation: ' ' }],
    ['turning a complaint away needs the explanation given', 'R1.4', 'markInvalid', {}],
    [
      'a plan needs its measures',
      'R5.3',
      'proposePlan',
      { validity: { valid: true, responsibility: 'staff', analysis: 'x' }, plan: { ownerId: 'h01', dueAt: T0 } },
    ],
    [
      'a plan needs the person responsible',
      'R5.3',
      'proposePlan',
      { validity: { valid: true, responsibility: 'staff', analysis: 'x' }, plan: { measures: '致歉', dueAt: T0 } },
    ],
    [
      'a plan needs its time point',
      'R5.3',
      'proposePlan',
      { validity: { valid: true, responsibility: 'staff', analysis: 'x' }, plan: { measures: '致歉', ownerId: 'h01' } },
    ],
    [
      'a plan’s measures are more than blanks',
      'R5.3',
      'proposePlan',
      { validity: { valid: true, responsibility: 'staff', analysis: 'x' }, plan: { measures: '   ', ownerId: 'h01', dueAt: T0 } },
    ],
    ['a rejected plan says why', 'R5.4', 'rejectPlan', { comment: '' }],
    ['a callback records the customer’s satisfaction', 'R6.1', 'recordCallback', { notes: '客户满意' }],
  ];

  it.each(refusedPayloads)('%s (%s)', (_rule, _requirement, name, input) => {
    expect(commandSchemas[name].safeParse(input).success).toBe(false);
  });
});

describe('what the record keeps', () => {
  it('an assignment records the department, the person, the due date, who assigned and when (R3.3)', () => {
    const t = ok(applyCommand(caseIn('registered'), cmd('assign'), CLERK, NOW));
    expect(t.next.assigneeId).toBe('h02');
    expect(t.next.assignments).toEqual([
      { department: '鉴定部', assigneeId: 'h02', dueAt: T0 + DAY, note: '', assignedAt: NOW, assignedBy: 'c01' },
    ]);
  });

  it('a reassignment keeps the earlier assignment (R3.3, R7.2)', () => {
    const t = ok(applyCommand(caseIn('assigned'), cmd('assign'), SUPERVISOR, NOW));
    expect(t.next.assignments.map((a) => a.assigneeId)).toEqual(['h01', 'h02']);
  });

  it('a counter settlement keeps the explanation, the time and a satisfied customer, and is archived then (R1.7)', () => {
    const c = caseIn('registered');
    const t = ok(applyCommand(c, cmd('closeAtCounter'), CLERK, NOW));
    expect(t.next).toMatchObject({
      state: 'archived',
      closingExplanation: '当场解释清楚，客户满意',
      closedAt: NOW,
      archivedAt: NOW,
      satisfaction: 'satisfied',
      version: c.version + 1,
    });
    // The log says both: first the settlement, then the archiving.
    expect(t.records.map((r) => [r.state, r.archivedAt])).toEqual([
      ['closed_at_counter', null],
      ['archived', NOW],
    ]);
  });

  it('a complaint outside the remit keeps the explanation given (R1.4)', () => {
    const t = ok(applyCommand(caseIn('registered'), cmd('markInvalid'), CLERK, NOW));
    expect(t.next).toMatchObject({ closingExplanation: '不属于本网点受理范围', closedAt: NOW });
  });

  it('a plan keeps validity, responsibility and the analysis of the cause (R5.2, R5.3)', () => {
    const t = ok(applyCommand(caseIn('investigating'), cmd('proposePlan'), HANDLER, NOW));
    expect(t.next.validity).toEqual({ valid: true, responsibility: 'staff', analysis: '估价员未按规程复核' });
    expect(t.next.plan).toEqual({ measures: '重新鉴定并致歉', ownerId: 'h01', dueAt: T0 + 2 * DAY, compensation: null });
  });

  it('approval and rejection keep who decided, when and why (R5.4)', () => {
    expect(ok(applyCommand(caseIn('plan_proposed'), cmd('approvePlan'), ADMIN, NOW)).next.approvals.at(-1)).toEqual({
      at: NOW,
      by: 'a01',
      decision: 'approved',
      comment: '同意',
    });
    expect(ok(applyCommand(caseIn('plan_proposed'), cmd('rejectPlan'), SUPERVISOR, NOW)).next.approvals.at(-1)).toEqual({
      at: NOW,
      by: 's01',
      decision: 'rejected',
      comment: '补充补偿方案',
    });
  });

  it('the handling and telling the customer keep who and when (R5.5, R6.1)', () => {
    const handled = ok(applyCommand(caseIn('plan_approved'), cmd('recordHandling'), HANDLER, NOW));
    expect(handled.next.result).toEqual({ text: '已重新鉴定，差额已补', at: NOW, by: 'h01' });
    const told = ok(applyCommand(handled.next, cmd('tellResult'), CLERK, NOW + 1));
    expect(told.next.resultTold).toEqual({ at: NOW + 1, by: 'c01', method: 'phone' });
  });

  it('notes and progress calls keep their author and time (R4.4, R5.1)', () => {
    expect(ok(applyCommand(caseIn('investigating'), cmd('addInvestigationNote'), HANDLER, NOW)).next.investigationNotes.at(-1)).toEqual({
      at: NOW,
      by: 'h01',
      text: '询问当班估价员',
    });
    expect(ok(applyCommand(caseIn('registered'), cmd('progressCall'), CLERK, NOW)).next.progressCalls).toEqual([
      { at: NOW, by: 'c01', text: '电话告知客户正在调查' },
    ]);
  });

  it('each callback is kept; an unsatisfied one keeps the objection and leaves the case open (R6.2, R6.3)', () => {
    const secondRound = caseIn('awaiting_callback', {
      callbacks: [{ at: T0 + 6, by: 'c01', satisfaction: 'partly_satisfied', notes: '', objection: '只补了一半', standardMet: false }],
    });
    const t = ok(applyCommand(secondRound, callback({ satisfaction: 'unsatisfied', objection: '补偿太少' }), CLERK, NOW));
    expect(t.next.closedAt).toBeNull();
    expect(t.next.satisfaction).toBe('unsatisfied');
    expect(t.next.callbacks.map((k) => k.objection)).toEqual(['只补了一半', '补偿太少']);
    expect(t.next.callbacks.at(-1)).toEqual({
      at: NOW,
      by: 'c01',
      satisfaction: 'unsatisfied',
      notes: '',
      objection: '补偿太少',
      standardMet: false,
    });
  });

  it('a case closed as meeting the standard keeps the customer’s dissatisfaction and who decided (R6.2)', () => {
    const t = ok(applyCommand(caseIn('awaiting_callback'), callback({ satisfaction: 'unsatisfied', standardMet: true }), ADMIN, NOW));
    expect(t.next).toMatchObject({ satisfaction: 'unsatisfied', closedAt: NOW });
    expect(t.next.callbacks.at(-1)).toMatchObject({ standardMet: true, by: 'a01', at: NOW });
  });

  it('an appeal keeps its reason and the case is no longer closed (R6.4)', () => {
    const t = ok(applyCommand(caseIn('closed'), cmd('fileAppeal'), CLERK, NOW));
    expect(t.next.appeal).toEqual({ at: NOW, reason: '客户对鉴定结果仍有异议' });
    expect(t.next.closedAt).toBeNull();
  });

  it('archiving keeps the time (R7.1)', () => {
    expect(ok(applyCommand(caseIn('closed'), cmd('archive'), CLERK, NOW)).next.archivedAt).toBe(NOW);
  });

  describe('a correction of the registration changes only what it names (R1.2)', () => {
    const c = caseIn('registered', {
      severity: 'major',
      isReport: true,
      complainant: {
        name: '王小明',
        phone: '13812345678',
        address: '朝阳区建国路 88 号',
        email: '',
        idType: 'resident_id',
        idNumber: '11010519491231002X',
        anonymous: false,
      },
    });
    const corrected = () => ok(applyCommand(c, cmd('update', { complainant: { phone: '010-12345678' } }), SUPERVISOR, NOW)).next;

    it('a phone correction keeps the address and ID number', () => {
      expect(corrected().complainant).toEqual({ ...c.complainant, phone: '010-12345678' });
    });

    it('a phone correction keeps severity, the 举报 flag, the business reference and the expected resolution', () => {
      const next = corrected();
      expect([next.severity, next.isReport, next.businessRef, next.expectedResolution]).toEqual([
        'major',
        true,
        c.businessRef,
        c.expectedResolution,
      ]);
    });

    it('a content correction changes the content', () => {
      expect(ok(applyCommand(c, cmd('update'), SUPERVISOR, NOW)).next.content).toBe('当物鉴定估价明显偏低，要求重新鉴定并说明依据。');
    });
  });
});

describe('the whole life of a case (R1–R7)', () => {
  it('goes through an unsatisfied callback, a second round and a satisfied one to the archive, one version a step', () => {
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
      const t = ok(applyCommand(c, cmd(name, input ?? INPUT[name]), actor, NOW + i));
      expect(t.next.version).toBe(c.version + 1);
      expect(t.next.updatedAt).toBe(NOW + i);
      c = t.next;
      states.push(c.state);
    }
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
    expect(c.callbacks.map((k) => k.satisfaction)).toEqual(['unsatisfied', 'satisfied']);
  });
});

describe('a refusal says why in each of the app’s languages (zh-CN, zh-TW, en)', () => {
  const refusals = RULES.filter(([, , , , , o]) => 'refused' in o);

  it.each(refusals)('%s (%s)', (_rule, _requirement, c, command, by) => {
    const e = refusal(applyCommand(c, command, by, NOW));
    const keys = [e.message, ...Object.values(e.params ?? {}).flatMap((v) => (typeof v === 'string' ? v.split(',') : []))];
    for (const locale of LOCALES) {
      for (const key of keys) expect(catalogs[locale], `${key} in ${locale}`).toHaveProperty([key]);
      const text = translate(locale, e.message, e.params);
      expect(text).not.toContain('{{');
      expect(text).not.toMatch(/\b(state|command|role|missing|errors)\.[a-zA-Z_]/);
    }
  });
});
