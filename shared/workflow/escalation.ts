import type { Actor, CaseRecord } from '../domain/case';
import { isSupervisorRole } from '../domain/enums';
import { escalationReasonOf, type EscalationReason } from '../domain/escalation';
import type { CommandContext } from './define';
import { domainError, type DomainError } from './errors';

/** Major, urgent and reported (举报) cases go to the supervisor before anyone handles them (R1.1, R1.5). */
export function needsSupervisor(c: Pick<CaseRecord, 'severity' | 'isReport'>): boolean {
  return escalationReasonOf(c) !== null;
}

/**
 * A major or urgent case the supervisor has not acknowledged yet (R1.5: reported to the supervisor
 * before it is handled). Until then only a supervisor takes it any further.
 */
export function awaitsAcknowledgement(c: Pick<CaseRecord, 'severity' | 'escalation'>): boolean {
  return c.severity !== 'general' && !c.escalation?.acknowledgedAt;
}

/** Whether the supervisor's notification of the case is still unacknowledged. */
export function unacknowledged(c: Pick<CaseRecord, 'escalation'>): boolean {
  return c.escalation !== null && c.escalation.acknowledgedAt === null;
}

/**
 * The rule every command is under (machine.ts applies it): while a major or urgent case awaits the
 * supervisor's acknowledgement, nobody else issues any command on it, except the commands that
 * say they may be (the emergency steps).
 */
export function escalationHold(c: CaseRecord, actor: Actor, evenUnacknowledged: boolean | undefined): DomainError | null {
  if (evenUnacknowledged || isSupervisorRole(actor.role) || !awaitsAcknowledgement(c)) return null;
  return domainError('forbidden', 'errors.workflow.awaitingSupervisor');
}

/**
 * The availability rule of the counter's decisions (assign, settle, turn away): a report stays the
 * supervisor's (R1.1), whether or not it has been acknowledged; a major or urgent case is the
 * supervisor's until acknowledged (R1.5), then the normal role rules apply.
 */
export function supervisorOnlyWhenEscalated({ c, actor }: Pick<CommandContext<unknown>, 'c' | 'actor'>): DomainError | null {
  return (c.isReport || awaitsAcknowledgement(c)) && !isSupervisorRole(actor.role)
    ? domainError('forbidden', 'errors.workflow.supervisorRequired')
    : null;
}

const RANK: Record<EscalationReason, number> = { major: 1, report: 2, urgent: 3 };

/**
 * Whether the store notifies the supervisor after a write that took the case from `before` (null:
 * a registration) to `after`, and why: when the case first needs the supervisor, and again when a
 * non-supervisor raises an escalated case to urgent (the emergency procedure cannot wait on an
 * earlier acknowledgement; a supervisor who raises it has it in hand). Once per escalation
 * otherwise.
 */
export function notificationDue(before: CaseRecord | null, after: CaseRecord, actor: Actor): EscalationReason | null {
  const reason = escalationReasonOf(after);
  if (reason === null) return null;
  const was = before ? escalationReasonOf(before) : null;
  if (was === null) return reason;
  if (reason === 'urgent' && RANK[reason] > RANK[was] && !isSupervisorRole(actor.role)) return reason;
  return null;
}
