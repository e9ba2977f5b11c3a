import { z } from 'zod';
import { SUPERVISOR_ROLES } from '../../domain/enums';
import { defineCommand } from '../define';
import { domainError } from '../errors';
import { unacknowledged } from '../escalation';
import { NOT_ARCHIVED } from '../stages';

/**
 * The supervisor acknowledges the notification of a report, a major or an urgent case (R1.1, R1.5).
 * Who acknowledged is the actor the store host knows, never a payload field. A major or urgent case
 * is then handled under the normal role rules; a report stays the supervisor's (escalation.ts).
 */
export const acknowledgeEscalation = defineCommand({
  name: 'acknowledgeEscalation',
  schema: z.object({}).strict(),
  from: NOT_ARCHIVED,
  roles: SUPERVISOR_ROLES,
  event: 'escalation_acknowledged',
  available: ({ c }) => (unacknowledged(c) ? null : domainError('invalid_state', 'errors.escalation.nothingToAcknowledge')),
  apply: ({ c, actor, now }) => ({ escalation: { ...c.escalation!, acknowledgedAt: now, acknowledgedBy: actor.staffId } }),
  form: { fields: {}, toPayload: () => ({}) },
});
