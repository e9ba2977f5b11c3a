import type { CaseRecord } from '../domain/case';
import { canBeCalledBack, hasWayOfContact, isAnonymous } from '../domain/contact';
import type { CaseState } from '../domain/enums';

/**
 * What a case must hold once it is in a state. The workflow refuses transitions that would
 * break this, and archiving checks it for the whole record (R7.1 "check the record is complete").
 * Returns the i18n keys of what is missing.
 */
export function missingFor(state: CaseState, c: CaseRecord): string[] {
  const missing: string[] = [];
  const need = (ok: boolean, key: string) => {
    if (!ok) missing.push(key);
  };
  // An anonymous report has neither; everyone else a name and a way to be reached (shared/domain/contact.ts).
  if (!isAnonymous(c.complainant)) {
    need(c.complainant.name.trim() !== '', 'missing.complainantName');
    need(hasWayOfContact(c.complainant), 'missing.contact');
  }
  // Telling the result and the callback apply only to a complainant who can be reached.
  const reachable = canBeCalledBack(c.complainant);
  need(c.content.trim() !== '', 'missing.content');
  need(c.caseNo !== '', 'missing.caseNo');
  if (
    ['assigned', 'investigating', 'plan_proposed', 'plan_approved', 'resolved', 'awaiting_callback', 'reopened', 'closed'].includes(state)
  ) {
    need(c.assignments.length > 0 && c.assigneeId !== '', 'missing.assignment');
  }
  if (['plan_proposed', 'plan_approved', 'resolved', 'awaiting_callback', 'closed'].includes(state)) {
    need(c.investigationNotes.length > 0, 'missing.investigation');
    need(c.validity !== null, 'missing.validity');
    need(c.plan !== null && c.plan.measures.trim() !== '' && c.plan.ownerId !== '' && c.plan.dueAt > 0, 'missing.plan');
  }
  if (['plan_approved', 'resolved', 'awaiting_callback', 'closed'].includes(state)) {
    need(
      c.approvals.some((a) => a.decision === 'approved'),
      'missing.approval',
    );
  }
  if (['resolved', 'awaiting_callback', 'closed'].includes(state)) need(c.result !== null, 'missing.result');
  if (['awaiting_callback', 'closed'].includes(state) && reachable) need(c.resultTold !== null, 'missing.resultTold');
  if (state === 'closed') {
    if (reachable) need(c.callbacks.length > 0 && c.satisfaction !== null, 'missing.callback');
    need(c.closedAt !== null, 'missing.closedAt');
  }
  if (state === 'closed_at_counter' || state === 'invalid') {
    need(c.closingExplanation.trim() !== '', 'missing.explanation');
    need(c.closedAt !== null, 'missing.closedAt');
  }
  return missing;
}
