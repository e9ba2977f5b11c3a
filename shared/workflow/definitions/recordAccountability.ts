import { z } from 'zod';
import { MAX_DEDUCTION } from '../../accountability/rules';
import { MEASURES, RESPONSIBILITY_KINDS, SUPERVISOR_ROLES } from '../../domain/enums';
import { hasVisibleText, MAX_TEXT, staffId, textField } from '../../domain/text';
import { ACCOUNTABLE_STATES, onField } from '../accountability';
import { defineCommand } from '../define';
import { domainError } from '../errors';
import { field } from '../fields';

/** A deduction as typed: whole points, 0 to MAX_DEDUCTION. */
export const deductionSchema = z
  .number({ error: 'errors.accountability.pointsInvalid' })
  .int({ message: 'errors.accountability.pointsInvalid' })
  .min(0, { message: 'errors.accountability.pointsInvalid' })
  .max(MAX_DEDUCTION, { message: 'errors.accountability.pointsInvalid' });

/** A number field as the payload's number: empty is undefined, anything else as Number reads it (NaN is refused). */
export function pointsOf(value: string): number | undefined {
  return value.trim() === '' ? undefined : Number(value.trim());
}

/**
 * A supervisor records a staff member's responsibility for a closed or archived case (R8.3): direct
 * or indirect, the measure, and the deduction. The rules propose the deduction (the store works it
 * out: CommandFacts); another one needs a reason. The staff member is one of the organization's
 * (checked by the store). The case's state does not change.
 */
export const recordAccountability = defineCommand({
  name: 'recordAccountability',
  schema: z
    .object({
      kind: z.enum(RESPONSIBILITY_KINDS, { error: 'errors.accountability.kindInvalid' }),
      staffId,
      measure: z.enum(MEASURES, { error: 'errors.accountability.measureInvalid' }),
      /** Omitted: the rules' proposal. */
      deduction: deductionSchema.optional(),
      reason: textField(MAX_TEXT.short, { multiline: true }).default(''),
    })
    .strict(),
  from: ACCOUNTABLE_STATES,
  roles: SUPERVISOR_ROLES,
  event: 'accountability_recorded',
  evenUnacknowledged: true,
  guard: ({ p, facts }) => {
    if (!facts.accountability) return domainError('internal', 'errors.accountability.noFacts');
    const points = p.deduction ?? facts.accountability.proposed;
    if (points !== facts.accountability.proposed && !hasVisibleText(p.reason))
      return onField(
        domainError('incomplete', 'errors.accountability.reasonRequired', { proposed: facts.accountability.proposed }),
        'reason',
      );
    return null;
  },
  apply: ({ c, p, actor, now, facts }) => {
    const { proposed, appealDueAt, department } = facts.accountability!;
    const points = p.deduction ?? proposed;
    return {
      accountability: [
        ...c.accountability,
        {
          entry: c.accountability.length + 1,
          staffId: p.staffId,
          kind: p.kind,
          measure: p.measure,
          department,
          proposed,
          points,
          reason: points === proposed ? '' : p.reason,
          at: now,
          by: actor.staffId,
          appealDueAt,
          appeal: null,
          decision: null,
        },
      ],
    };
  },
  form: {
    fields: {
      kind: field.select('accountability.kind', RESPONSIBILITY_KINDS, 'accountability.kind'),
      staffId: field.text('accountability.staff', { suggest: 'staff' }),
      measure: field.select('accountability.measure', MEASURES, 'accountability.measure'),
      deduction: field.amount('accountability.deduction', { path: 'deduction' }),
      reason: field.multiline('accountability.reason'),
    },
    toPayload: (v) => ({ kind: v.kind, staffId: v.staffId, measure: v.measure, deduction: pointsOf(v.deduction), reason: v.reason }),
  },
});
