import { z } from 'zod';
import { ROLES } from '../../domain/enums';
import { reachesTheComplainant } from '../callback';
import { defineCommand } from '../define';
import { domainError } from '../errors';
import { field } from '../fields';
import { longText } from '../payloadParts';

/**
 * Closing a handled case nobody can be told about or called back on (an anonymous report): the
 * result-telling and callback steps do not apply, their clocks do not run, and this event records
 * why the case closed without them. A note (what became of the result) is optional.
 */
export const closeWithoutCallback = defineCommand({
  name: 'closeWithoutCallback',
  schema: z.object({ explanation: longText().default('') }),
  from: ['resolved'],
  roles: ROLES,
  event: 'closed_without_callback',
  to: 'closed',
  available: ({ c }) => (reachesTheComplainant(c) ? domainError('invalid_state', 'errors.workflow.callbackPossible') : null),
  apply: ({ p, now }) => ({ closingExplanation: p.explanation, closedAt: now }),
  form: {
    fields: { explanation: field.multiline('action.closeWithoutCallbackNote') },
    toPayload: (v) => ({ explanation: v.explanation }),
  },
});
