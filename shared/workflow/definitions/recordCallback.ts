import { z } from 'zod';
import { satisfactionSchema } from '../../domain/case';
import { ROLES, SATISFACTIONS, isSupervisorRole } from '../../domain/enums';
import { hasVisibleText } from '../../domain/text';
import { refusedWithoutSomeoneToCall } from '../callback';
import { defineCommand } from '../define';
import { domainError } from '../errors';
import { field } from '../fields';
import { longText } from '../payloadParts';

const closes = (p: { satisfaction: string; standardMet: boolean }) => p.satisfaction === 'satisfied' || p.standardMet;

/**
 * The callback: a satisfied customer closes the case; otherwise the objection reopens it, unless a
 * supervisor finds the handling met the standard (then it closes anyway).
 */
export const recordCallback = defineCommand({
  name: 'recordCallback',
  schema: z.object({
    satisfaction: satisfactionSchema,
    notes: longText(),
    objection: longText().default(''),
    standardMet: z.boolean({ error: 'errors.boolean.invalid' }).default(false),
  }),
  from: ['awaiting_callback'],
  roles: ROLES,
  event: 'callback_recorded',
  to: ({ p }) => (closes(p) ? 'closed' : 'reopened'),
  available: refusedWithoutSomeoneToCall,
  guard: ({ p, actor }) => {
    if (p.standardMet && !isSupervisorRole(actor.role)) return domainError('forbidden', 'errors.workflow.standardMetBySupervisor');
    if (!closes(p) && !hasVisibleText(p.objection))
      return domainError('incomplete', 'errors.workflow.missing', { fields: 'missing.objection' });
    return null;
  },
  apply: ({ c, p, actor, now }) => ({
    callbacks: [...c.callbacks, { at: now, by: actor.staffId, ...p }],
    satisfaction: p.satisfaction,
    closedAt: closes(p) ? now : null,
  }),
  form: {
    fields: {
      satisfaction: field.select('action.satisfaction', SATISFACTIONS, 'satisfaction'),
      notes: field.multiline('action.callNotes'),
      objection: field.multiline('action.objection'),
      standardMet: field.switch('action.standardMet'),
    },
    toPayload: (v) => ({ satisfaction: v.satisfaction, notes: v.notes, objection: v.objection, standardMet: v.standardMet }),
  },
});
