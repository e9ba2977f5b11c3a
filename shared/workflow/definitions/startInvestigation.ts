import { z } from 'zod';
import { SUPERVISOR_ROLES } from '../../domain/enums';
import { defineCommand } from '../define';

/** Nobody investigates an unassigned case: the completeness rule of `investigating` refuses it. */
export const startInvestigation = defineCommand({
  name: 'startInvestigation',
  schema: z.object({}).strict(),
  from: ['assigned', 'reopened'],
  roles: ['handler', ...SUPERVISOR_ROLES],
  event: 'investigation_started',
  to: 'investigating',
  apply: () => ({}),
  form: { fields: {}, toPayload: () => ({}) },
});
