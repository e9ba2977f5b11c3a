import type { CaseRecord } from '../domain/case';
import { CASE_STATES, CHANNELS, RESPONSIBILITIES, SATISFACTIONS, SEVERITIES } from '../domain/enums';
import { closingKindOfEvent, explanationLabel } from '../workflow/closing';

/**
 * A case event's "what changed" as people read it: the branch's timeline (renderer) and head
 * office's case page (hq/web) both say it with this, in the reader's language. Every label is a key
 * of the shared catalog (shared/i18n).
 */

/** Labels of the record's fields. */
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
const VOCABULARIES: Partial<Record<keyof CaseRecord, { prefix: string; values: readonly string[] }>> = {
  state: { prefix: 'state', values: CASE_STATES },
  channel: { prefix: 'channel', values: CHANNELS },
  severity: { prefix: 'severity', values: SEVERITIES },
  satisfaction: { prefix: 'satisfaction', values: SATISFACTIONS },
};

/** Fields holding what someone typed, shown as typed (shortened). */
const TYPED = new Set<string>(['content', 'expectedResolution', 'closingExplanation', 'businessRef', 'assigneeId', 'receivedBy']);

const MAX_SHOWN = 60;

/** What the timeline needs to say values in the reader's language. */
export interface ValueFormat {
  /** A text of the shared catalog. */
  t: (key: string) => string;
  /** A moment, in China time and the reader's locale. */
  time: (at: number) => string;
  /** A category's label (the branch may have its own). */
  category: (id: string) => string;
  /** The line of a field the timeline has no label for (the branch says "其他内容"; head office shows it as sent). */
  unlabelled: (field: string, after: unknown) => string;
}

function shortened(text: string): string {
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}

/** A value of a closed vocabulary by its label; one outside the vocabulary (a newer app's?) as it is. */
function word(f: ValueFormat, prefix: string, values: readonly string[], value: string): string {
  return values.includes(value) ? f.t(`${prefix}.${value}`) : value;
}

/** The new value as the reader sees it, or null when the line names the field only. */
function shownValue(key: string, after: unknown, f: ValueFormat): string | null {
  const { t } = f;
  const vocabulary = VOCABULARIES[key as keyof CaseRecord];
  if (vocabulary) return typeof after === 'string' ? word(f, vocabulary.prefix, vocabulary.values, after) : null;
  if (key === 'category') return typeof after === 'string' ? f.category(after) : null;
  if (key === 'isReport') return typeof after === 'boolean' ? t(after ? 'value.yes' : 'value.no') : null;
  if (key === 'receivedAt') return typeof after === 'number' && Number.isFinite(after) ? f.time(after) : null;
  if (key === 'validity' && typeof after === 'object' && after !== null) {
    const v = after as { valid?: unknown; responsibility?: unknown };
    const verdict = t(v.valid ? 'case.valid' : 'case.notValid');
    return typeof v.responsibility === 'string' ? `${verdict} · ${word(f, 'responsibility', RESPONSIBILITIES, v.responsibility)}` : verdict;
  }
  if (key === 'resultTold' && typeof after === 'object' && after !== null) {
    const method = (after as { method?: unknown }).method;
    return typeof method === 'string' ? word(f, 'channel', CHANNELS, method) : null;
  }
  if (TYPED.has(key)) return typeof after === 'string' && after.length > 0 ? shortened(after) : null;
  // Lists and records are named only: their content is on the page above.
  return null;
}

/**
 * One line per changed field: its label, and for a value the reader's language can say, the new
 * value (`状态 → 已分派`, `客户满意度 → 不满意`); typed text as typed. A settlement's or a
 * turning-away's explanation is labelled by the event that recorded it. A field without a label is
 * the format's `unlabelled` line. The registration has none: its changes are the whole record,
 * which the case's page shows above its timeline.
 */
export function changeLines(changes: Record<string, readonly [unknown, unknown]>, f: ValueFormat, event?: string): string[] {
  if (event === 'registered') return [];
  return Object.entries(changes)
    .filter(([key]) => !BOOKKEEPING.has(key))
    .map(([key, [, after]]) => {
      const label =
        key === 'closingExplanation'
          ? explanationLabel(event ? closingKindOfEvent(event) : null)
          : Object.hasOwn(FIELD_LABELS, key)
            ? FIELD_LABELS[key as keyof CaseRecord]!
            : null;
      if (label === null) return f.unlabelled(key, after);
      const value = shownValue(key, after, f);
      return value === null ? f.t(label) : `${f.t(label)} → ${value}`;
    });
}
