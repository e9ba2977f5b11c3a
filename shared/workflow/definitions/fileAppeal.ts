import { z } from 'zod';
import { ROLES } from '../../domain/enums';
import { defineCommand } from '../define';
import { field } from '../fields';
import { longText } from '../payloadParts';

/** The customer asks for a review (复核, R6.4): the case is reopened. */
export const fileAppeal = defineCommand({
  name: 'fileAppeal',
  schema: z.object({ reason: longText({ required: true }) }),
  from: ['awaiting_callback', 'closed'],
  roles: ROLES,
  event: 'appeal_filed',
  to: 'reopened',
  apply: ({ p, now }) => ({ appeal: { at: now, reason: p.reason }, closedAt: null }),
  form: {
    fields: { reason: field.multiline('action.reason') },
    toPayload: (v) => ({ reason: v.reason }),
  },
});
