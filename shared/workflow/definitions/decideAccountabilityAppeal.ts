import { z } from 'zod';
import { APPEAL_OUTCOMES, SUPERVISOR_ROLES } from '../../domain/enums';
import { ACCOUNTABLE_STATES, entryOf, onField, withEntry } from '../accountability';
import { defineCommand } from '../define';
import { domainError } from '../errors';
import { field } from '../fields';
import { longText } from '../payloadParts';
import { entryNumber } from './appealAccountability';
import { deductionSchema, pointsOf } from './recordAccountability';

/**
 * A supervisor decides a staff member's appeal: the deduction is upheld, overturned (no points), or
 * adjusted to a new number; always with a note.
 */
export const decideAccountabilityAppeal = defineCommand({
  name: 'decideAccountabilityAppeal',
  schema: z
    .object({
      entry: entryNumber,
      outcome: z.enum(APPEAL_OUTCOMES, { error: 'errors.accountability.outcomeInvalid' }),
      /** Only for `adjusted`: the new deduction. */
      deduction: deductionSchema.optional(),
      note: longText({ required: true }),
    })
    .strict(),
  from: ACCOUNTABLE_STATES,
  roles: SUPERVISOR_ROLES,
  event: 'accountability_appeal_decided',
  evenUnacknowledged: true,
  available: ({ c }) =>
    c.accountability.some((a) => a.appeal !== null && a.decision === null)
      ? null
      : domainError('invalid_state', 'errors.accountability.nothingToDecide'),
  guard: ({ c, p }) => {
    const { a, refused } = entryOf(c, p.entry);
    if (refused) return refused;
    if (!a.appeal) return onField(domainError('invalid_state', 'errors.accountability.notAppealed'), 'entry');
    if (a.decision) return onField(domainError('conflict', 'errors.accountability.alreadyDecided'), 'entry');
    if (p.outcome === 'adjusted' && p.deduction === undefined)
      return onField(domainError('incomplete', 'errors.accountability.adjustedNeedsPoints'), 'deduction');
    return null;
  },
  apply: ({ c, p, actor, now }) => ({
    accountability: withEntry(c, p.entry, (a) => {
      const points = p.outcome === 'upheld' ? a.points : p.outcome === 'overturned' ? 0 : p.deduction!;
      return { ...a, points, decision: { at: now, by: actor.staffId, outcome: p.outcome, points, note: p.note } };
    }),
  }),
  form: {
    fields: {
      entry: field.text('accountability.entry', {
        initial: ({ record }) => String(record.accountability.find((a) => a.appeal && !a.decision)?.entry ?? ''),
      }),
      outcome: field.select('accountability.outcome', APPEAL_OUTCOMES, 'accountability.outcome'),
      deduction: field.amount('accountability.newDeduction'),
      note: field.multiline('accountability.decisionNote'),
    },
    toPayload: (v) => ({ entry: Number(v.entry), outcome: v.outcome, deduction: pointsOf(v.deduction), note: v.note }),
  },
});
