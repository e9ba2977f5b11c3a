import { z } from 'zod';
import { channelSchema } from '../../domain/case';
import { CHANNELS, ROLES } from '../../domain/enums';
import { refusedWithoutSomeoneToCall } from '../callback';
import { defineCommand } from '../define';
import { field } from '../fields';

/** The customer has been told the result, and how. */
export const tellResult = defineCommand({
  name: 'tellResult',
  schema: z.object({ method: channelSchema }),
  from: ['resolved'],
  roles: ROLES,
  event: 'result_told',
  to: 'awaiting_callback',
  available: refusedWithoutSomeoneToCall,
  apply: ({ p, actor, now }) => ({ resultTold: { at: now, by: actor.staffId, method: p.method } }),
  form: {
    fields: { method: field.select('action.method', CHANNELS, 'channel') },
    toPayload: (v) => ({ method: v.method }),
  },
});
