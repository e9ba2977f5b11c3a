import type { Accountability, CaseRecord } from '../domain/case';
import { CLOSED_STATES, type CaseState } from '../domain/enums';
import { domainError, type DomainError } from './errors';

/** Responsibility is recorded, appealed and decided once the case is closed one way or another, or archived (R8.3). */
export const ACCOUNTABLE_STATES: readonly CaseState[] = [...CLOSED_STATES, 'archived'];

/** The case's record numbered `entry`, or the refusal when there is none (on the payload's `entry`). */
export function entryOf(c: CaseRecord, entry: number): { a: Accountability; refused: null } | { a: null; refused: DomainError } {
  const a = c.accountability.find((x) => x.entry === entry);
  return a
    ? { a, refused: null }
    : { a: null, refused: onField(domainError('not_found', 'errors.accountability.entryNotFound', { entry }), 'entry') };
}

/** The list with record `entry` replaced by `change` applied to it. */
export function withEntry(c: CaseRecord, entry: number, change: (a: Accountability) => Accountability): Accountability[] {
  return c.accountability.map((a) => (a.entry === entry ? change(a) : a));
}

/** A payload's field an issue points at, for the dialog to show it there. */
export function onField(error: DomainError, field: string): DomainError {
  return { ...error, issues: [{ path: `command.payload.${field}`, key: error.message }] };
}
