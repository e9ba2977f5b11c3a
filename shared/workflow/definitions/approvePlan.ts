import { z } from 'zod';
import { SUPERVISOR_ROLES } from '../../domain/enums';
import { MAX_TEXT, textField } from '../../domain/text';
import { defineCommand } from '../define';
import { field } from '../fields';

export const approvePlan = defineCommand({
  name: 'approvePlan',
  schema: z.object({ comment: textField(MAX_TEXT.short, { multiline: true }).default('') }),
  from: ['plan_proposed'],
  roles: SUPERVISOR_ROLES,
  event: 'plan_approved',
  to: 'plan_approved',
  apply: ({ c, p, actor, now }) => ({
    approvals: [...c.approvals, { at: now, by: actor.staffId, decision: 'approved', comment: p.comment }],
  }),
  form: {
    fields: { comment: field.multiline('action.comment') },
    toPayload: (v) => ({ comment: v.comment }),
  },
});
