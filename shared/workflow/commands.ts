import { z } from 'zod';
import { channelSchema, intakePatchSchema, responsibilitySchema, satisfactionSchema } from '../domain/case';
import { MAX_TEXT, staffId, textField, timestamp } from '../domain/text';

const longText = (required = false) => textField(MAX_TEXT.long, { required, multiline: true });

/** Photos, scans and PDFs: what a branch can show on screen and print (R5.1 evidence, R2.3 signed form). */
export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

/** Payload schema of every workflow command. A command not listed here does not exist. */
export const commandSchemas = {
  update: intakePatchSchema,
  assign: z.object({
    department: textField(MAX_TEXT.name, { required: true }),
    assigneeId: staffId,
    dueAt: timestamp.nullable().default(null),
    note: textField(MAX_TEXT.short, { multiline: true }).default(''),
  }),
  closeAtCounter: z.object({ explanation: longText(true) }),
  markInvalid: z.object({ explanation: longText(true) }),
  startInvestigation: z.object({}).strict(),
  addInvestigationNote: z.object({ text: longText(true) }),
  progressCall: z.object({ notes: longText(true) }),
  proposePlan: z.object({
    validity: z.object({
      valid: z.boolean({ error: 'errors.boolean.invalid' }),
      responsibility: responsibilitySchema,
      analysis: longText(true),
    }),
    plan: z.object({
      measures: longText(true),
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
  approvePlan: z.object({ comment: textField(MAX_TEXT.short, { multiline: true }).default('') }),
  rejectPlan: z.object({ comment: textField(MAX_TEXT.short, { required: true, multiline: true }) }),
  recordHandling: z.object({ result: longText(true) }),
  tellResult: z.object({ method: channelSchema }),
  recordCallback: z.object({
    satisfaction: satisfactionSchema,
    notes: longText(),
    objection: longText().default(''),
    standardMet: z.boolean({ error: 'errors.boolean.invalid' }).default(false),
  }),
  fileAppeal: z.object({ reason: longText(true) }),
  /** Only through `cases.addAttachment`, which stores the file in the same transaction. */
  addEvidence: z.object({
    attachmentId: z.string({ error: 'errors.request.invalid' }).regex(/^[0-9a-f-]{36}$/, { message: 'errors.request.invalid' }),
    name: textField(MAX_TEXT.short, { required: true }),
    type: z.enum(ATTACHMENT_TYPES, { error: 'errors.attachment.type' }),
    size: z
      .number()
      .int()
      .min(1, { message: 'errors.attachment.empty' })
      .max(MAX_ATTACHMENT_BYTES, { message: 'errors.attachment.tooLarge' }),
    kind: z.enum(['evidence', 'signed_form'], { error: 'errors.request.invalid' }),
  }),
  /** Another case about the same matter (a repeat complaint, the same parcel, the same pledge). */
  linkCase: z.object({
    relatedCaseId: z.string({ error: 'errors.request.invalid' }).regex(/^[0-9a-f-]{36}$/, { message: 'errors.request.invalid' }),
  }),
  archive: z.object({}).strict(),
} as const;

export type CommandName = keyof typeof commandSchemas;
export const COMMAND_NAMES = Object.keys(commandSchemas) as CommandName[];
export type CommandPayload<C extends CommandName> = z.output<(typeof commandSchemas)[C]>;
export type CommandInput<C extends CommandName> = z.input<(typeof commandSchemas)[C]>;

export type Command = { [C in CommandName]: { name: C; payload: CommandPayload<C> } }[CommandName];
