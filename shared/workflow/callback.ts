import { canBeCalledBack } from '../domain/contact';
import type { CaseRecord } from '../domain/case';
import { domainError, type DomainError } from './errors';

/**
 * The callback steps (告知结果, 回访) need someone to reach; an anonymous report has nobody, so it
 * closes from "resolved" through closeWithoutCallback instead (docs/decisions.md).
 */
export const reachesTheComplainant = (c: CaseRecord): boolean => canBeCalledBack(c.complainant);

/** The guard of tellResult and recordCallback. */
export function refusedWithoutSomeoneToCall({ c }: { c: CaseRecord }): DomainError | null {
  return reachesTheComplainant(c) ? null : domainError('invalid_state', 'errors.workflow.nobodyToCallBack');
}
