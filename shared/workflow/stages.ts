import { CASE_STATES, OPEN_STATES, type CaseState } from '../domain/enums';

/** Assigned and not yet closed: someone is working on the case. */
export const OPEN_WORK: readonly CaseState[] = OPEN_STATES.filter((s) => s !== 'registered');

/** Nothing is added to an archived case. */
export const NOT_ARCHIVED: readonly CaseState[] = CASE_STATES.filter((s) => s !== 'archived');
