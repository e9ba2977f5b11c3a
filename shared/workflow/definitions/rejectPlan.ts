import { z } from 'zod';
import { SUPERVISOR_ROLES } from '../../domain/enums';
import { MAX_TEXT, textField } from '../../domain/text';
import { defineCommand } from '../define';
import { field } from '../fields';

/** The plan goes back to investigation, with the supervisor's reason (R5.4). */
export const rejectPlan = defineCommand({
  name: 'rejectPlan',
  schema: z.object({ comment: textField(MAX_TEXT.short, { required: true, multiline: true }) }),
  from: ['plan_proposed'],
  roles: SUPERVISOR_ROLES,
  event: 'plan_rejected',
  to: 'investigating',
  apply: ({ c, p, actor, now }) => ({
    approvals: [...c.approvals, { at: now, by: actor.staffId, decision: 'rejected', comment: p.comment }],
  }),
  form: {
    fields: { comment: field.multiline('action.comment') },
    toPayload: (v) => ({ comment: v.comment }),
  },
});
