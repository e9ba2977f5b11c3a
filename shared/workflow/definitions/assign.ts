import { z } from 'zod';
import { SUPERVISOR_ROLES } from '../../domain/enums';
import { MAX_TEXT, staffId, textField, timestamp } from '../../domain/text';
import { defineCommand } from '../define';
import { supervisorOnlyWhenEscalated } from '../escalation';
import { dueDateOf, field } from '../fields';

/** Handing the case to a department and a handler; again after an appeal reopened it. */
export const assign = defineCommand({
  name: 'assign',
  schema: z.object({
    department: textField(MAX_TEXT.name, { required: true }),
    assigneeId: staffId,
    dueAt: timestamp.nullable().default(null),
    note: textField(MAX_TEXT.short, { multiline: true }).default(''),
  }),
  from: ['registered', 'assigned', 'reopened'],
  roles: ['clerk', ...SUPERVISOR_ROLES],
  event: 'assigned',
  to: ({ c }) => (c.state === 'reopened' ? 'reopened' : 'assigned'),
  available: supervisorOnlyWhenEscalated,
  apply: ({ c, p, actor, now }) => ({
    assigneeId: p.assigneeId,
    assignments: [...c.assignments, { ...p, assignedAt: now, assignedBy: actor.staffId }],
  }),
  form: {
    fields: {
      department: field.text('action.department', { suggest: 'departments' }),
      assigneeId: field.text('action.assigneeId', { suggest: 'staff' }),
      dueAt: field.date('action.assignDueAt'),
      note: field.multiline('action.note'),
    },
    toPayload: (v) => ({ department: v.department, assigneeId: v.assigneeId, dueAt: dueDateOf(v.dueAt), note: v.note }),
  },
});
