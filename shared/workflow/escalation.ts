import type { CaseRecord } from '../domain/case';
import { isSupervisorRole } from '../domain/enums';
import type { CommandContext } from './define';
import { domainError, type DomainError } from './errors';

/** Major, urgent and reported (举报) cases go to the supervisor before anyone handles them (R1.1, R1.5). */
export function needsSupervisor(c: Pick<CaseRecord, 'severity' | 'isReport'>): boolean {
  return c.severity !== 'general' || c.isReport;
}

/** The guard of the counter's commands: an escalated case is the supervisor's. */
export function supervisorOnlyWhenEscalated({ c, actor }: CommandContext<unknown>): DomainError | null {
  return needsSupervisor(c) && !isSupervisorRole(actor.role) ? domainError('forbidden', 'errors.workflow.supervisorRequired') : null;
}
