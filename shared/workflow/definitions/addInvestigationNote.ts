import { z } from 'zod';
import { SUPERVISOR_ROLES } from '../../domain/enums';
import { longText } from '../payloadParts';
import { defineCommand } from '../define';
import { field } from '../fields';
import { OPEN_WORK } from '../stages';

export const addInvestigationNote = defineCommand({
  name: 'addInvestigationNote',
  schema: z.object({ text: longText({ required: true }) }),
  from: OPEN_WORK,
  roles: ['handler', ...SUPERVISOR_ROLES],
  event: 'investigation_noted',
  apply: ({ c, p, actor, now }) => ({ investigationNotes: [...c.investigationNotes, { at: now, by: actor.staffId, text: p.text }] }),
  form: {
    fields: { text: field.multiline('action.investigationNote') },
    toPayload: (v) => ({ text: v.text }),
  },
});
