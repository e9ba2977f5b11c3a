import type { CaseRecord } from '../../../shared/domain/case';
import type { EventType } from '../../../shared/domain/enums';
import { closingKindOfEvent, explanationLabel } from '../../../shared/workflow/closing';

/** Screen labels of the record's fields, for the timeline's "what changed". */
const FIELD_LABELS: Partial<Record<keyof CaseRecord, string>> = {
  state: 'queues.state',
  channel: 'intake.channel',
  receivedAt: 'intake.receivedAt',
  receivedBy: 'intake.receivedBy',
  complainant: 'case.complainant',
  businessRef: 'case.businessRef',
  category: 'intake.category',
  severity: 'intake.severity',
  isReport: 'case.report',
  content: 'intake.content',
  expectedResolution: 'intake.expected',
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

/** Fields holding one of a closed vocabulary, shown by its label (`<prefix>.<value>`), never as stored. */
const VOCABULARIES: Partial<Record<keyof CaseRecord, string>> = {
  state: 'state',
  channel: 'channel',
  severity: 'severity',
  satisfaction: 'satisfaction',
};

/** Fields holding what someone typed, shown as typed (shortened). */
const TYPED = new Set<string>(['content', 'expectedResolution', 'closingExplanation', 'businessRef', 'assigneeId', 'receivedBy']);

const MAX_SHOWN = 60;

/** What the timeline needs to show values in the screen's language. */
export interface ValueFormat {
  t: (key: string) => string;
  /** A moment, in China time and the screen's locale. */
  time: (at: number) => string;
  /** A category's label (the branch may have its own). */
  category: (id: string) => string;
}

function shortened(text: string): string {
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}

/** The new value as the screen shows it, or null when the line names the field only. */
function shownValue(key: string, after: unknown, f: ValueFormat): string | null {
  const { t } = f;
  const vocabulary = VOCABULARIES[key as keyof CaseRecord];
  if (vocabulary) return typeof after === 'string' ? t(`${vocabulary}.${after}`) : null;
  if (key === 'category') return typeof after === 'string' ? f.category(after) : null;
  if (key === 'isReport') return typeof after === 'boolean' ? t(after ? 'value.yes' : 'value.no') : null;
  if (key === 'receivedAt') return typeof after === 'number' && Number.isFinite(after) ? f.time(after) : null;
  if (key === 'validity' && typeof after === 'object' && after !== null) {
    const v = after as { valid?: unknown; responsibility?: unknown };
    const verdict = t(v.valid ? 'case.valid' : 'case.notValid');
    return typeof v.responsibility === 'string' ? `${verdict} · ${t(`responsibility.${v.responsibility}`)}` : verdict;
  }
  if (key === 'resultTold' && typeof after === 'object' && after !== null) {
    const method = (after as { method?: unknown }).method;
    return typeof method === 'string' ? t(`channel.${method}`) : null;
  }
  if (TYPED.has(key)) return typeof after === 'string' && after.length > 0 ? shortened(after) : null;
  // Lists and records are named only: their content is on the page above.
  return null;
}

/**
 * One line per changed field: its label, and for a value the screen can say in its language, the
 * new value (`状态 → 已分派`, `客户满意度 → 不满意`); typed text as typed. A settlement's or a
 * turning-away's explanation is labelled by the event that recorded it.
 */
export function changeLines(changes: Record<string, [unknown, unknown]>, f: ValueFormat, event?: EventType): string[] {
  return Object.entries(changes)
    .filter(([key]) => !BOOKKEEPING.has(key))
    .map(([key, [, after]]) => {
      const label =
        key === 'closingExplanation'
          ? explanationLabel(event ? closingKindOfEvent(event) : null)
          : (FIELD_LABELS[key as keyof CaseRecord] ?? 'case.otherField');
      const name = f.t(label);
      const value = shownValue(key, after, f);
      return value === null ? name : `${name} → ${value}`;
    });
}
