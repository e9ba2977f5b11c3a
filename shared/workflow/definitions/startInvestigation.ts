import { z } from 'zod';
import { SUPERVISOR_ROLES } from '../../domain/enums';
import { defineCommand } from '../define';
import { domainError } from '../errors';

export const startInvestigation = defineCommand({
  name: 'startInvestigation',
  schema: z.object({}).strict(),
  from: ['assigned', 'reopened'],
  roles: ['handler', ...SUPERVISOR_ROLES],
  event: 'investigation_started',
  to: 'investigating',
  guard: ({ c }) => (c.assigneeId === '' ? domainError('incomplete', 'errors.workflow.missing', { fields: 'missing.assignment' }) : null),
  apply: () => ({}),
  form: { fields: {}, toPayload: () => ({}) },
});
