import type { CaseRecord } from '../domain/case';
import type { EventType } from '../domain/enums';

/**
 * How a case that holds a closing explanation was closed: settled at the counter (R1.7) or found
 * outside the branch's remit (R1.4). Both keep their explanation in `closingExplanation`; screens
 * and forms label it by this. Settled cases are archived at once, so the log says it, not the state.
 */
export type ClosingKind = 'counter' | 'invalid';

export function closingKind(c: Pick<CaseRecord, 'state'>, eventTypes: readonly EventType[]): ClosingKind | null {
  if (c.state === 'closed_at_counter' || eventTypes.includes('closed_at_counter')) return 'counter';
  if (c.state === 'invalid' || eventTypes.includes('marked_invalid')) return 'invalid';
  return null;
}

/** The catalog label of the explanation a case was closed with (or of the event that recorded it). */
export function explanationLabel(kind: ClosingKind | null): string {
  return kind ? `explanation.${kind}` : 'forms.archive.explanation';
}

/** The kind an event's explanation belongs to, for the log's "what changed" (any event type: head office reads a branch's as sent). */
export function closingKindOfEvent(type: string): ClosingKind | null {
  return type === 'closed_at_counter' ? 'counter' : type === 'marked_invalid' ? 'invalid' : null;
}
