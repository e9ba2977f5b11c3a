/** Validation of what a supervisor edits: deadline policies and calendar overrides. Messages are i18n keys. */
import { z } from 'zod';
import { EVENT_TYPES, PROFILE_IDS } from '../domain/enums';
import type { CalendarOverride } from './calendar';
import { CLOCK_UNITS, type DeadlinePolicy } from './policies';

export const DEADLINE_ERRORS = {
  invalid: 'errors.deadline.invalid',
  profile: 'errors.deadline.profile',
  clockId: 'errors.deadline.clockId',
  duplicateClockId: 'errors.deadline.duplicateClockId',
  labelKey: 'errors.deadline.labelKey',
  eventType: 'errors.deadline.eventType',
  startOn: 'errors.deadline.startOn',
  metBy: 'errors.deadline.metBy',
  startAlsoMeets: 'errors.deadline.startAlsoMeets',
  amount: 'errors.deadline.amount',
  unit: 'errors.deadline.unit',
  notBefore: 'errors.deadline.notBefore',
  tooManyClocks: 'errors.deadline.tooManyClocks',
  date: 'errors.deadline.date',
  duplicateDate: 'errors.deadline.duplicateDate',
  workday: 'errors.deadline.workday',
  dayName: 'errors.deadline.dayName',
  tooManyOverrides: 'errors.deadline.tooManyOverrides',
} as const;

export const MAX_CLOCK_AMOUNT = 60;
const MAX_CLOCKS = 20;
const MAX_OVERRIDES = 5000;
const MAX_DAY_NAME_LENGTH = 40;
const E = DEADLINE_ERRORS;

const amountSchema = z.int({ error: E.amount }).min(1, { error: E.amount }).max(MAX_CLOCK_AMOUNT, { error: E.amount });

const unitSchema = z.enum(CLOCK_UNITS, { error: E.unit });

const eventListSchema = (emptyKey: string) =>
  z.array(z.enum(EVENT_TYPES, { error: E.eventType }), { error: E.invalid }).min(1, { error: emptyKey });

const durationSchema = z.object({ amount: amountSchema, unit: unitSchema }, { error: E.invalid });

export const clockPolicySchema = z
  .object(
    {
      id: z.string({ error: E.clockId }).regex(/^[a-z][a-zA-Z0-9_]{0,39}$/, { error: E.clockId }),
      labelKey: z.string({ error: E.labelKey }).regex(/^[a-zA-Z][\w-]*(\.[\w-]+)*$/, { error: E.labelKey }),
      startOn: eventListSchema(E.startOn),
      metBy: eventListSchema(E.metBy),
      amount: amountSchema,
      unit: unitSchema,
      notBefore: durationSchema.optional(),
    },
    { error: E.invalid },
  )
  .superRefine((clock, ctx) => {
    if (clock.startOn.some((type) => clock.metBy.includes(type))) {
      ctx.addIssue({ code: 'custom', message: E.startAlsoMeets, path: ['metBy'] });
    }
    // The window must open before the deadline; different units cannot be compared without a start.
    if (clock.notBefore && (clock.notBefore.unit !== clock.unit || clock.notBefore.amount >= clock.amount)) {
      ctx.addIssue({ code: 'custom', message: E.notBefore, path: ['notBefore'] });
    }
  });

export const deadlinePolicySchema: z.ZodType<DeadlinePolicy> = z
  .object(
    {
      profile: z.enum(PROFILE_IDS, { error: E.profile }),
      clocks: z.array(clockPolicySchema, { error: E.invalid }).max(MAX_CLOCKS, { error: E.tooManyClocks }),
    },
    { error: E.invalid },
  )
  .superRefine((policy, ctx) => {
    const seen = new Set<string>();
    policy.clocks.forEach((clock, index) => {
      if (seen.has(clock.id)) ctx.addIssue({ code: 'custom', message: E.duplicateClockId, path: ['clocks', index, 'id'] });
      seen.add(clock.id);
    });
  });

export const calendarOverrideSchema = z.object(
  {
    date: z.iso.date({ error: E.date }),
    workday: z.boolean({ error: E.workday }),
    name: z.string({ error: E.dayName }).trim().min(1, { error: E.dayName }).max(MAX_DAY_NAME_LENGTH, { error: E.dayName }).optional(),
  },
  { error: E.invalid },
);

export const calendarOverridesSchema: z.ZodType<CalendarOverride[]> = z
  .array(calendarOverrideSchema, { error: E.invalid })
  .max(MAX_OVERRIDES, { error: E.tooManyOverrides })
  .superRefine((overrides, ctx) => {
    const seen = new Set<string>();
    overrides.forEach((override, index) => {
      if (seen.has(override.date)) ctx.addIssue({ code: 'custom', message: E.duplicateDate, path: [index, 'date'] });
      seen.add(override.date);
    });
  });
