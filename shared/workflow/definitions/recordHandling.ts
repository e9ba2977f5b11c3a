import { z } from 'zod';
import { SUPERVISOR_ROLES } from '../../domain/enums';
import { defineCommand } from '../define';
import { field } from '../fields';
import { longText } from '../payloadParts';

export const recordHandling = defineCommand({
  name: 'recordHandling',
  schema: z.object({ result: longText({ required: true }) }),
  from: ['plan_approved'],
  roles: ['handler', ...SUPERVISOR_ROLES],
  event: 'handled',
  to: 'resolved',
  apply: ({ p, actor, now }) => ({ result: { text: p.result, at: now, by: actor.staffId } }),
  form: {
    fields: { result: field.multiline('action.result') },
    toPayload: (v) => ({ result: v.result }),
  },
});
