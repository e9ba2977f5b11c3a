import { z } from 'zod';
import { ROLES } from '../../domain/enums';
import { longText } from '../payloadParts';
import { defineCommand } from '../define';
import { field } from '../fields';
import { OPEN_WORK } from '../stages';

/** The customer called to ask how it is going. */
export const progressCall = defineCommand({
  name: 'progressCall',
  schema: z.object({ notes: longText({ required: true }) }),
  from: ['registered', ...OPEN_WORK],
  roles: ROLES,
  event: 'progress_call',
  apply: ({ c, p, actor, now }) => ({ progressCalls: [...c.progressCalls, { at: now, by: actor.staffId, text: p.notes }] }),
  form: {
    fields: { notes: field.multiline('action.callNotes') },
    toPayload: (v) => ({ notes: v.notes }),
  },
});
