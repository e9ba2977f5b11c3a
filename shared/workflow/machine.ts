import type { Actor, CaseRecord } from '../domain/case';
import {
  CASE_STATES,
  CLOSED_STATES,
  isSupervisorRole,
  ROLES,
  SUPERVISOR_ROLES,
  type CaseState,
  type EventType,
  type Role,
} from '../domain/enums';
import type { Command, CommandName, CommandPayload } from './commands';
import { hasVisibleText } from '../domain/text';
import { missingFor } from './completeness';
import { domainError, type DomainError } from './errors';

type Ctx<C extends CommandName> = { c: CaseRecord; p: CommandPayload<C>; actor: Actor; now: number };

interface Rule<C extends CommandName> {
  from: readonly CaseState[];
  roles: readonly Role[];
  event: EventType;
  /** Next state; omitted when the command records something without moving the case. */
  to?: CaseState | ((ctx: Ctx<C>) => CaseState);
  guard?: (ctx: Ctx<C>) => DomainError | null;
  apply: (ctx: Ctx<C>) => Partial<CaseRecord>;
}

const ALL = ROLES;
const SUPERVISORS = SUPERVISOR_ROLES;
const OPEN_WORK: readonly CaseState[] = [
  'assigned',
  'investigating',
  'plan_proposed',
  'plan_approved',
  'resolved',
  'awaiting_callback',
  'reopened',
];

/** Major, urgent and reported (举报) cases go to the supervisor before anyone handles them (R1.1, R1.5). */
export function needsSupervisor(c: Pick<CaseRecord, 'severity' | 'isReport'>): boolean {
  return c.severity !== 'general' || c.isReport;
}

const supervisorOnlyWhenEscalated = ({ c, actor }: Ctx<CommandName>) =>
  needsSupervisor(c) && !isSupervisorRole(actor.role) ? domainError('forbidden', 'errors.workflow.supervisorRequired') : null;

const RULES: { [C in CommandName]: Rule<C> } = {
  update: {
    from: ['registered', 'assigned'],
    roles: ['clerk', 'supervisor', 'admin'],
    event: 'updated',
    // Lowering the severity or withdrawing the report flag takes the case away from the supervisor.
    guard: ({ c, p, actor }) =>
      needsSupervisor(c) &&
      !needsSupervisor({ severity: p.severity ?? c.severity, isReport: p.isReport ?? c.isReport }) &&
      !isSupervisorRole(actor.role)
        ? domainError('forbidden', 'errors.workflow.supervisorRequired')
        : null,
    apply: ({ c, p }) => ({ ...p, complainant: { ...c.complainant, ...p.complainant } }) as Partial<CaseRecord>,
  },
  assign: {
    from: ['registered', 'assigned', 'reopened'],
    roles: ['clerk', 'supervisor', 'admin'],
    event: 'assigned',
    to: ({ c }) => (c.state === 'reopened' ? 'reopened' : 'assigned'),
    guard: supervisorOnlyWhenEscalated,
    apply: ({ c, p, actor, now }) => ({
      assigneeId: p.assigneeId,
      assignments: [...c.assignments, { ...p, assignedAt: now, assignedBy: actor.staffId }],
    }),
  },
  closeAtCounter: {
    from: ['registered'],
    roles: ['clerk', 'supervisor', 'admin'],
    event: 'closed_at_counter',
    to: 'closed_at_counter',
    guard: supervisorOnlyWhenEscalated,
    apply: ({ p, now }) => ({ closingExplanation: p.explanation, closedAt: now, satisfaction: 'satisfied' }),
  },
  markInvalid: {
    from: ['registered', 'assigned'],
    roles: ['clerk', 'supervisor', 'admin'],
    event: 'marked_invalid',
    to: 'invalid',
    guard: supervisorOnlyWhenEscalated,
    apply: ({ p, now }) => ({ closingExplanation: p.explanation, closedAt: now }),
  },
  startInvestigation: {
    from: ['assigned', 'reopened'],
    roles: ['handler', 'supervisor', 'admin'],
    event: 'investigation_started',
    to: 'investigating',
    guard: ({ c }) => (c.assigneeId === '' ? domainError('incomplete', 'errors.workflow.missing', { fields: 'missing.assignment' }) : null),
    apply: () => ({}),
  },
  addInvestigationNote: {
    from: OPEN_WORK,
    roles: ['handler', 'supervisor', 'admin'],
    event: 'investigation_noted',
    apply: ({ c, p, actor, now }) => ({ investigationNotes: [...c.investigationNotes, { at: now, by: actor.staffId, text: p.text }] }),
  },
  progressCall: {
    from: ['registered', ...OPEN_WORK],
    roles: ALL,
    event: 'progress_call',
    apply: ({ c, p, actor, now }) => ({ progressCalls: [...c.progressCalls, { at: now, by: actor.staffId, text: p.notes }] }),
  },
  proposePlan: {
    from: ['investigating'],
    roles: ['handler', 'supervisor', 'admin'],
    event: 'plan_proposed',
    to: 'plan_proposed',
    apply: ({ p }) => ({ validity: p.validity, plan: p.plan }),
  },
  approvePlan: {
    from: ['plan_proposed'],
    roles: SUPERVISORS,
    event: 'plan_approved',
    to: 'plan_approved',
    apply: ({ c, p, actor, now }) => ({
      approvals: [...c.approvals, { at: now, by: actor.staffId, decision: 'approved', comment: p.comment }],
    }),
  },
  rejectPlan: {
    from: ['plan_proposed'],
    roles: SUPERVISORS,
    event: 'plan_rejected',
    to: 'investigating',
    apply: ({ c, p, actor, now }) => ({
      approvals: [...c.approvals, { at: now, by: actor.staffId, decision: 'rejected', comment: p.comment }],
    }),
  },
  recordHandling: {
    from: ['plan_approved'],
    roles: ['handler', 'supervisor', 'admin'],
    event: 'handled',
    to: 'resolved',
    apply: ({ p, actor, now }) => ({ result: { text: p.result, at: now, by: actor.staffId } }),
  },
  tellResult: {
    from: ['resolved'],
    roles: ALL,
    event: 'result_told',
    to: 'awaiting_callback',
    apply: ({ p, actor, now }) => ({ resultTold: { at: now, by: actor.staffId, method: p.method } }),
  },
  recordCallback: {
    from: ['awaiting_callback'],
    roles: ALL,
    event: 'callback_recorded',
    to: ({ p }) => (p.satisfaction === 'satisfied' || p.standardMet ? 'closed' : 'reopened'),
    guard: ({ p, actor }) => {
      if (p.standardMet && !isSupervisorRole(actor.role)) return domainError('forbidden', 'errors.workflow.standardMetBySupervisor');
      if (p.satisfaction !== 'satisfied' && !p.standardMet && !hasVisibleText(p.objection)) {
        return domainError('incomplete', 'errors.workflow.missing', { fields: 'missing.objection' });
      }
      return null;
    },
    apply: ({ c, p, actor, now }) => {
      const closes = p.satisfaction === 'satisfied' || p.standardMet;
      return {
        callbacks: [...c.callbacks, { at: now, by: actor.staffId, ...p }],
        satisfaction: p.satisfaction,
        closedAt: closes ? now : null,
      };
    },
  },
  fileAppeal: {
    from: ['awaiting_callback', 'closed'],
    roles: ALL,
    event: 'appeal_filed',
    to: 'reopened',
    apply: ({ p, now }) => ({ appeal: { at: now, reason: p.reason }, closedAt: null }),
  },
  addEvidence: {
    // The signed paper form (R2.3) may arrive after closing; nothing is added to an archived case.
    from: CASE_STATES.filter((s) => s !== 'archived'),
    roles: ALL,
    event: 'evidence_added',
    apply: ({ c, p, actor, now }) => ({ evidence: [...c.evidence, { ...p, at: now, by: actor.staffId }] }),
  },
  linkCase: {
    from: CASE_STATES.filter((s) => s !== 'archived'),
    roles: ALL,
    event: 'case_linked',
    guard: ({ c, p }) =>
      p.relatedCaseId === c.id
        ? domainError('invalid_input', 'errors.link.self')
        : c.relatedCaseIds.includes(p.relatedCaseId)
          ? domainError('invalid_input', 'errors.link.duplicate')
          : null,
    apply: ({ c, p }) => ({ relatedCaseIds: [...c.relatedCaseIds, p.relatedCaseId] }),
  },
  archive: {
    from: CLOSED_STATES,
    roles: ['clerk', 'supervisor', 'admin'],
    event: 'archived',
    to: 'archived',
    guard: ({ c }) => {
      const missing = missingFor(c.state, c);
      return missing.length ? domainError('incomplete', 'errors.workflow.missing', { fields: missing.join(',') }) : null;
    },
    apply: ({ now }) => ({ archivedAt: now }),
  },
};

export interface Transition {
  next: CaseRecord;
  /** The command's event, followed by `closed` when the command closes the case (clocks key on it). */
  events: EventType[];
  from: CaseState;
  to: CaseState;
}

function ruleOf(name: CommandName): Rule<CommandName> {
  return (RULES as unknown as Record<CommandName, Rule<CommandName>>)[name];
}

/** Whether `actor` may issue `name` on `c` at all (state and role), before looking at the payload. */
export function isAllowed(c: CaseRecord, name: CommandName, actor: Actor): boolean {
  const rule = ruleOf(name);
  return rule.from.includes(c.state) && rule.roles.includes(actor.role);
}

/** The commands the UI may offer for this case and this user. */
export function allowedCommands(c: CaseRecord, actor: Actor): CommandName[] {
  return (Object.keys(RULES) as CommandName[]).filter((name) => isAllowed(c, name, actor));
}

/** Applies a validated command. Pure: returns the next record (version + 1) or the rule it breaks. */
export function applyCommand(c: CaseRecord, command: Command, actor: Actor, now: number): Transition | DomainError {
  const rule = ruleOf(command.name);
  if (!rule.from.includes(c.state))
    return domainError('invalid_state', 'errors.workflow.invalidState', { state: `state.${c.state}`, command: `command.${command.name}` });
  if (!rule.roles.includes(actor.role))
    return domainError('forbidden', 'errors.workflow.roleNotAllowed', { role: `role.${actor.role}`, command: `command.${command.name}` });
  const ctx = { c, p: command.payload, actor, now } as Ctx<CommandName>;
  const refused = rule.guard?.(ctx);
  if (refused) return refused;
  const to = typeof rule.to === 'function' ? rule.to(ctx) : (rule.to ?? c.state);
  const next: CaseRecord = { ...c, ...rule.apply(ctx), state: to, version: c.version + 1, updatedAt: now };
  if (to !== c.state || rule.to) {
    const missing = missingFor(to, next);
    if (missing.length) return domainError('incomplete', 'errors.workflow.missing', { fields: missing.join(',') });
  }
  const events: EventType[] = to === 'closed' && c.state !== 'closed' ? [rule.event, 'closed'] : [rule.event];
  return { next, events, from: c.state, to };
}

export function isDomainError(x: unknown): x is DomainError {
  return typeof x === 'object' && x !== null && 'code' in x && 'message' in x && !('next' in x);
}
