import { z } from 'zod';
import { responsibilitySchema } from '../../domain/case';
import { RESPONSIBILITIES, SUPERVISOR_ROLES } from '../../domain/enums';
import { MAX_TEXT, staffId, textField, timestamp } from '../../domain/text';
import { defineCommand } from '../define';
import { dueDateOf, field } from '../fields';
import { longText } from '../payloadParts';

/** The handler's finding (is the complaint valid, whose responsibility) and the plan to resolve it (R5). */
export const proposePlan = defineCommand({
  name: 'proposePlan',
  schema: z.object({
    validity: z.object({
      valid: z.boolean({ error: 'errors.boolean.invalid' }),
      responsibility: responsibilitySchema,
      analysis: longText({ required: true }),
    }),
    plan: z.object({
      measures: longText({ required: true }),
      ownerId: staffId,
      dueAt: timestamp,
      compensation: z
        .object({
          amount: z
            .number({ error: 'errors.amount.invalid' })
            .nonnegative({ message: 'errors.amount.invalid' })
            .max(100_000_000, { message: 'errors.amount.invalid' }),
          description: textField(MAX_TEXT.short, { multiline: true }).default(''),
        })
        .nullable()
        .default(null),
    }),
  }),
  from: ['investigating'],
  roles: ['handler', ...SUPERVISOR_ROLES],
  event: 'plan_proposed',
  to: 'plan_proposed',
  apply: ({ p }) => ({ validity: p.validity, plan: p.plan }),
  form: {
    fields: {
      valid: field.switch('action.valid', { path: 'validity.valid', initial: () => true }),
      responsibility: field.select('action.responsibility', RESPONSIBILITIES, 'responsibility', { path: 'validity.responsibility' }),
      analysis: field.multiline('action.analysis', { path: 'validity.analysis' }),
      measures: field.multiline('action.measures', { path: 'plan.measures' }),
      ownerId: field.text('action.ownerId', { path: 'plan.ownerId', suggest: 'staff', initial: ({ staffId }) => staffId }),
      dueAt: field.date('action.dueAt', { path: 'plan.dueAt' }),
      compensation: field.amount('action.compensation', { path: 'plan.compensation' }),
    },
    toPayload: (v) => ({
      validity: { valid: v.valid, responsibility: v.responsibility, analysis: v.analysis },
      plan: {
        measures: v.measures,
        ownerId: v.ownerId,
        // A plan needs its date: left empty, it is not a number and the schema refuses it on this field.
        dueAt: dueDateOf(v.dueAt) ?? Number.NaN,
        compensation: v.compensation.trim() === '' ? null : { amount: Number(v.compensation), description: '' },
      },
    }),
  },
});
