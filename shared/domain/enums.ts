/** The closed vocabularies of a complaint case. Labels live in the i18n catalogs under the same names. */

export const CHANNELS = ['walk_in', 'phone', 'letter', 'email', 'online', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];

export const SEVERITIES = ['general', 'major', 'urgent'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const ROLES = ['clerk', 'handler', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that supervise: approve plans, take escalated cases, change the branch's rules. */
export const SUPERVISOR_ROLES: readonly Role[] = ['supervisor', 'admin'];
export function isSupervisorRole(role: Role): boolean {
  return SUPERVISOR_ROLES.includes(role);
}

export const CASE_STATES = [
  'registered',
  'assigned',
  'investigating',
  'plan_proposed',
  'plan_approved',
  'resolved',
  'awaiting_callback',
  'reopened',
  'closed',
  'closed_at_counter',
  'invalid',
  'archived',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

/** States from which a case may be archived: it has been closed one way or another. */
export const CLOSED_STATES: readonly CaseState[] = ['closed', 'closed_at_counter', 'invalid'];
/** States in which the case is still being worked on (deadline clocks run). */
export const OPEN_STATES: readonly CaseState[] = CASE_STATES.filter((s) => s !== 'archived' && !CLOSED_STATES.includes(s));
/** Whether the case is finished: closed one way or another, or archived (no clock runs, it counts as done). */
export function isFinishedState(state: CaseState): boolean {
  return !OPEN_STATES.includes(state);
}

export const SATISFACTIONS = ['satisfied', 'partly_satisfied', 'unsatisfied'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];

export const RESPONSIBILITIES = ['company', 'staff', 'customer', 'third_party', 'not_company'] as const;
export type Responsibility = (typeof RESPONSIBILITIES)[number];

/** Whose responsibility (R8.3): the staff member who handled it, or one who should have prevented it. */
export const RESPONSIBILITY_KINDS = ['direct', 'indirect'] as const;
export type ResponsibilityKind = (typeof RESPONSIBILITY_KINDS)[number];

/** What is done about it (R8.3): criticism 批评, written self-review 书面检讨, fine 罚款, reassignment 调岗. */
export const MEASURES = ['criticism', 'written_review', 'fine', 'reassignment'] as const;
export type Measure = (typeof MEASURES)[number];

/** The supervisor's decision on a staff member's appeal: the deduction stands, goes, or is changed. */
export const APPEAL_OUTCOMES = ['upheld', 'overturned', 'adjusted'] as const;
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];

export const PROFILE_IDS = ['general', 'pawnshop', 'courier', 'property'] as const;
export type ProfileId = (typeof PROFILE_IDS)[number];

/** Every event a case's log may hold. Workflow commands append the event of the same name. */
export const EVENT_TYPES = [
  'registered',
  'updated',
  'assigned',
  'closed_at_counter',
  'marked_invalid',
  'investigation_started',
  'investigation_noted',
  'evidence_added',
  'progress_call',
  'plan_proposed',
  'plan_rejected',
  'plan_approved',
  'handled',
  'result_told',
  'callback_recorded',
  'reopened',
  'closed',
  'appeal_filed',
  'case_linked',
  'archived',
  // Escalation (R1.1, R1.5): the store's notification of the supervisor, its acknowledgement, the emergency steps.
  'supervisor_notified',
  'escalation_acknowledged',
  'emergency_step_recorded',
  // An anonymous report closed without telling the result or a callback (nobody to reach).
  'closed_without_callback',
  // Accountability (R8.3): a supervisor records a staff member's responsibility, the staff member
  // appeals, the supervisor decides. On a closed or archived case; the state does not change.
  'accountability_recorded',
  'accountability_appealed',
  'accountability_appeal_decided',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];
