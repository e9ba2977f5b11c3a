import { z } from 'zod';
import { ROLES } from '../../domain/enums';
import { ACCOUNTABLE_STATES, entryOf, onField, withEntry } from '../accountability';
import { defineCommand } from '../define';
import { domainError } from '../errors';
import { field } from '../fields';
import { longText } from '../payloadParts';

/** Which record of the case's list (from 1). */
export const entryNumber = z
  .number({ error: 'errors.accountability.entryNotFound' })
  .int({ message: 'errors.accountability.entryNotFound' })
  .min(1, { message: 'errors.accountability.entryNotFound' })
  .max(10_000, { message: 'errors.accountability.entryNotFound' });

/**
 * The staff member a record names appeals it, once, within the working days the branch allows
 * (the record's appealDueAt, by the host's clock). Nobody else appeals on their behalf.
 */
export const appealAccountability = defineCommand({
  name: 'appealAccountability',
  schema: z.object({ entry: entryNumber, reason: longText({ required: true }) }).strict(),
  from: ACCOUNTABLE_STATES,
  roles: ROLES,
  event: 'accountability_appealed',
  evenUnacknowledged: true,
  available: ({ c, actor }) =>
    c.accountability.some((a) => a.staffId === actor.staffId && a.appeal === null)
      ? null
      : domainError('invalid_state', 'errors.accountability.nothingToAppeal'),
  guard: ({ c, p, actor, now }) => {
    const { a, refused } = entryOf(c, p.entry);
    if (refused) return refused;
    if (a.staffId !== actor.staffId) return onField(domainError('forbidden', 'errors.accountability.notYours'), 'entry');
    if (a.appeal) return onField(domainError('conflict', 'errors.accountability.alreadyAppealed'), 'entry');
    if (now > a.appealDueAt) return domainError('invalid_state', 'errors.accountability.appealClosed');
    return null;
  },
  apply: ({ c, p, now }) => ({ accountability: withEntry(c, p.entry, (a) => ({ ...a, appeal: { at: now, reason: p.reason } })) }),
  form: {
    fields: {
      entry: field.text('accountability.entry', {
        initial: ({ record, staffId }) => String(record.accountability.find((a) => a.staffId === staffId && !a.appeal)?.entry ?? ''),
      }),
      reason: field.multiline('accountability.appealReason'),
    },
    toPayload: (v) => ({ entry: Number(v.entry), reason: v.reason }),
  },
});
