import { z } from 'zod';
import { SUPERVISOR_ROLES } from '../../domain/enums';
import { longText } from '../payloadParts';
import { defineCommand } from '../define';
import { supervisorOnlyWhenEscalated } from '../escalation';
import { field } from '../fields';

/** Outside the branch's remit (R1.4), found at the counter or by the department it was assigned to. */
export const markInvalid = defineCommand({
  name: 'markInvalid',
  schema: z.object({ explanation: longText({ required: true }) }),
  from: ['registered', 'assigned'],
  roles: ['clerk', ...SUPERVISOR_ROLES],
  event: 'marked_invalid',
  to: 'invalid',
  available: supervisorOnlyWhenEscalated,
  apply: ({ p, now }) => ({ closingExplanation: p.explanation, closedAt: now }),
  form: {
    fields: { explanation: field.multiline('action.explanation') },
    toPayload: (v) => ({ explanation: v.explanation }),
  },
});
