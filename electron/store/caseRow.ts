import type { CaseSummary } from '../../shared/api/contract';
import type { CaseRecord } from '../../shared/domain/case';
import { isFinishedState, type Channel, type Responsibility, type Satisfaction } from '../../shared/domain/enums';
import { acceptedAtOf, closingOf, type Closing } from '../../shared/stats/kpis';

/** What queues, counts and statistics need of a case (the read model keeps it as columns: rowStore.ts). */
export interface CaseRow extends CaseSummary {
  channel: Channel;
  satisfaction: Satisfaction | null;
  /** When the case was accepted: first assigned, or settled at the counter / found outside remit (shared/stats/kpis.ts). */
  acceptedAt: number | null;
  finished: boolean;
  /** How a finished case was closed (shared/stats/kpis.ts); null while open. */
  closing: Closing | null;
  closedAt: number | null;
  /** The department of the current assignment, '' before one. */
  department: string;
  /** Responsibility as the investigation found it; null before one. */
  responsibility: Responsibility | null;
  /** nextDueAt with "no deadline" as +Infinity, for sorting. */
  dueKey: number;
  /** The seq of the case's last event (its ledger head), so verification notices a log cut short. */
  headSeq: number;
  /** With the supervisor (R1.1, R1.5): open, and a report nobody is assigned to or a notification not yet acknowledged. */
  withSupervisor: boolean;
}

export function rowOf(c: CaseRecord): CaseRow {
  const finished = isFinishedState(c.state);
  return {
    id: c.id,
    caseNo: c.caseNo,
    complainantName: c.complainant.name,
    category: c.category,
    severity: c.severity,
    state: c.state,
    isReport: c.isReport,
    businessRef: c.businessRef,
    assigneeId: c.assigneeId,
    receivedAt: c.receivedAt,
    nextDueAt: Number.isFinite(c.nextDueAt) ? c.nextDueAt : null,
    channel: c.channel,
    satisfaction: c.satisfaction,
    acceptedAt: acceptedAtOf(c),
    finished,
    closing: closingOf(c),
    closedAt: c.closedAt,
    department: c.assignments.at(-1)?.department ?? '',
    responsibility: c.validity?.responsibility ?? null,
    dueKey: c.nextDueAt,
    headSeq: c.ledgerHead.seq,
    withSupervisor: !finished && ((c.isReport && c.assigneeId === '') || c.escalation?.acknowledgedAt === null),
  };
}

export function summaryOf(row: CaseRow): CaseSummary {
  const { id, caseNo, complainantName, category, severity, state, isReport, businessRef, assigneeId, receivedAt, nextDueAt } = row;
  return { id, caseNo, complainantName, category, severity, state, isReport, businessRef, assigneeId, receivedAt, nextDueAt };
}
