import { z } from 'zod';
import { OPEN_STATES, ROLES } from '../../domain/enums';
import { defineCommand } from '../define';
import { domainError } from '../errors';
import { field } from '../fields';
import { longText } from '../payloadParts';

/**
 * A step of the emergency procedure of an urgent complaint (R1.5: safety hazards, serious harm to
 * the customer's livelihood), by anyone working the case while it is open, even before the
 * supervisor has acknowledged it: the emergency does not wait.
 */
export const recordEmergencyStep = defineCommand({
  name: 'recordEmergencyStep',
  schema: z.object({ text: longText({ required: true }) }),
  from: OPEN_STATES,
  roles: ROLES,
  event: 'emergency_step_recorded',
  evenUnacknowledged: true,
  available: ({ c }) => (c.severity === 'urgent' ? null : domainError('invalid_state', 'errors.escalation.notUrgent')),
  apply: ({ c, p, actor, now }) => ({ emergencySteps: [...c.emergencySteps, { at: now, by: actor.staffId, text: p.text }] }),
  form: {
    fields: { text: field.multiline('action.emergencyStep') },
    toPayload: (v) => ({ text: v.text }),
  },
});
