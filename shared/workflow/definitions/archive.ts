import { z } from 'zod';
import { CLOSED_STATES, SUPERVISOR_ROLES } from '../../domain/enums';
import { missingFor } from '../completeness';
import { defineCommand } from '../define';
import { domainError } from '../errors';

/** The record is complete (R7.1) and goes to head office through the outbox. */
export const archive = defineCommand({
  name: 'archive',
  schema: z.object({}).strict(),
  from: CLOSED_STATES,
  roles: ['clerk', ...SUPERVISOR_ROLES],
  event: 'archived',
  to: 'archived',
  guard: ({ c }) => {
    const missing = missingFor(c.state, c);
    return missing.length ? domainError('incomplete', 'errors.workflow.missing', { fields: missing.join(',') }) : null;
  },
  apply: ({ now }) => ({ archivedAt: now }),
  form: { fields: {}, toPayload: () => ({}) },
});
