/**
 * Clocks that only reaching the complainant can meet — telling the result, the callback (回访) —
 * do not apply to a case nobody can be called back on (an anonymous report): they are left out of
 * its policy, so they neither run nor fall overdue. `canBeCalledBack` (shared/domain/contact.ts)
 * decides, for the store's deadlines, the workflow's callback steps and the screens alike.
 */
import { canBeCalledBack, type ContactFields } from '../domain/contact';
import type { EventType } from '../domain/enums';
import type { ClockPolicy, DeadlinePolicy } from './policies';

/** Events that happen only by reaching the complainant. */
const REACHING_THE_COMPLAINANT: readonly EventType[] = ['progress_call', 'result_told', 'callback_recorded'];

/** A clock met only by reaching the complainant (the callback; property's result notice). */
export function needsTheComplainant(clock: Pick<ClockPolicy, 'metBy'>): boolean {
  return clock.metBy.length > 0 && clock.metBy.every((type) => REACHING_THE_COMPLAINANT.includes(type));
}

/** The branch's policy as it applies to one case: without the clocks nobody can meet on it. */
export function policyForComplainant(policy: DeadlinePolicy, complainant: ContactFields): DeadlinePolicy {
  if (canBeCalledBack(complainant)) return policy;
  return { ...policy, clocks: policy.clocks.filter((clock) => !needsTheComplainant(clock)) };
}
