import type { CaseRecord } from '../../../shared/domain/case';

/** Screen labels of the record's fields, for the timeline's "what changed". */
const FIELD_LABELS: Partial<Record<keyof CaseRecord, string>> = {
  state: 'queues.state',
  channel: 'intake.channel',
  receivedAt: 'intake.receivedAt',
  complainant: 'case.complainant',
  businessRef: 'case.businessRef',
  category: 'intake.category',
  severity: 'intake.severity',
  isReport: 'case.report',
  content: 'intake.content',
  expectedResolution: 'intake.expected',
  closingExplanation: 'case.closingExplanation',
  assignments: 'case.assignments',
  assigneeId: 'case.assignee',
  investigationNotes: 'case.verification',
  evidence: 'case.attachments',
  progressCalls: 'event.progress_call',
  validity: 'case.validity',
  plan: 'case.plan',
  approvals: 'case.approvals',
  result: 'case.result',
  resultTold: 'event.result_told',
  callbacks: 'case.callbacks',
  satisfaction: 'action.satisfaction',
  appeal: 'event.appeal_filed',
  accountability: 'case.accountability',
  relatedCaseIds: 'case.related',
  escalation: 'case.escalation',
  emergencySteps: 'case.emergencySteps',
};

/** Bookkeeping fields every change touches; the timeline leaves them out. */
const BOOKKEEPING = new Set(['version', 'updatedAt', 'nextDueAt', 'ledgerHead', 'closedAt', 'archivedAt', 'createdAt']);

const MAX_SHOWN = 60;

/**
 * One line per changed field: its label, and for a short text or a state its new value
 * (`状态 → 已分派`); lists and records are named only (their content is on the page above).
 */
export function changeLines(changes: Record<string, [unknown, unknown]>, t: (key: string) => string): string[] {
  return Object.entries(changes)
    .filter(([key]) => !BOOKKEEPING.has(key))
    .map(([key, [, after]]) => {
      const label = FIELD_LABELS[key as keyof CaseRecord];
      const name = label ? t(label) : key;
      if (key === 'state' && typeof after === 'string') return `${name} → ${t(`state.${after}`)}`;
      if (key === 'severity' && typeof after === 'string') return `${name} → ${t(`severity.${after}`)}`;
      if (typeof after === 'string' && after.length > 0)
        return `${name} → ${after.length > MAX_SHOWN ? `${after.slice(0, MAX_SHOWN)}…` : after}`;
      return name;
    });
}
