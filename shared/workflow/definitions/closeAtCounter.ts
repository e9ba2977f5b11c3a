import { z } from 'zod';
import { SUPERVISOR_ROLES } from '../../domain/enums';
import { longText } from '../payloadParts';
import { archive } from './archive';
import { defineCommand } from '../define';
import { supervisorOnlyWhenEscalated } from '../escalation';
import { field } from '../fields';

/**
 * Settled while the customer is at the counter (R1.7): the customer accepts the explanation and will
 * not pursue the matter, so the case is closed and archived at once, under archiving's own rules.
 */
export const closeAtCounter = defineCommand({
  name: 'closeAtCounter',
  schema: z.object({ explanation: longText({ required: true }) }),
  from: ['registered'],
  roles: ['clerk', ...SUPERVISOR_ROLES],
  event: 'closed_at_counter',
  to: 'closed_at_counter',
  available: supervisorOnlyWhenEscalated,
  apply: ({ p, now }) => ({ closingExplanation: p.explanation, closedAt: now, satisfaction: 'satisfied' }),
  then: archive,
  form: {
    fields: { explanation: field.multiline('action.explanation') },
    toPayload: (v) => ({ explanation: v.explanation }),
  },
});
