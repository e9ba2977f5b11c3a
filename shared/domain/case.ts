import { z } from 'zod';
import {
  CASE_STATES,
  CHANNELS,
  PROFILE_IDS,
  RESPONSIBILITIES,
  ROLES,
  SATISFACTIONS,
  SEVERITIES,
  type AppealOutcome,
  type CaseState,
  type Channel,
  type Measure,
  type ResponsibilityKind,
  type ProfileId,
  type Responsibility,
  type Role,
  type Satisfaction,
  type Severity,
} from './enums';
import { hasVisibleText, MAX_TEXT, receivedAtField, staffId, textField } from './text';
import { halfWidth, isValidPhone, parsePhone } from './phone';
import { ID_TYPES, normalizeIdNumber } from './idNumber';
import { contactIssues, type ContactFields } from './contact';
import type { Escalation } from './escalation';

export interface Actor {
  staffId: string;
  role: Role;
}

export const actorSchema = z.object({
  staffId,
  role: z.enum(ROLES, { error: 'errors.role.invalid' }),
});

/** A phone number, or '' (the contact rule decides whether one is needed); stored normalized. */
export const phoneField = textField(MAX_TEXT.phone)
  .refine((v) => !hasVisibleText(v) || isValidPhone(v), { message: 'errors.phone.invalid' })
  .transform((v) => (hasVisibleText(v) ? normalizedPhone(v) : ''));

/** An e-mail address, or ''; full-width forms (＠, ．) are converted. */
export const emailField = textField(MAX_TEXT.email)
  .transform((v) => halfWidth(v).trim())
  .refine((v) => v === '' || EMAIL.test(v), { message: 'errors.email.invalid' });
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** The identity document's number, or ''; checked against its type with the rest of the complainant. */
export const idNumberField = textField(MAX_TEXT.idNumber).transform(normalizeIdNumber);
export const idTypeSchema = z.enum(ID_TYPES, { error: 'errors.idType.invalid' });

const complainantFields = {
  name: textField(MAX_TEXT.name),
  phone: phoneField,
  address: textField(MAX_TEXT.address),
  email: emailField,
  idType: idTypeSchema,
  idNumber: idNumberField,
  anonymous: z.boolean({ error: 'errors.boolean.invalid' }),
};

/**
 * The complainant as stored. Name, a way of contact, anonymity and the ID number's type are
 * checked together, with the case's report flag, by `contactIssues` (shared/domain/contact.ts).
 */
export const complainantSchema = z.object({
  ...complainantFields,
  name: complainantFields.name.default(''),
  phone: complainantFields.phone.default(''),
  address: complainantFields.address.default(''),
  email: complainantFields.email.default(''),
  idType: complainantFields.idType.default('resident_id'),
  idNumber: complainantFields.idNumber.default(''),
  anonymous: complainantFields.anonymous.default(false),
});
export type Complainant = z.output<typeof complainantSchema>;

/** Adds `contactIssues` to a zod refinement, at `complainant.<field>`. */
function addContactIssues(complainant: unknown, isReport: unknown, ctx: z.RefinementCtx): void {
  if (typeof complainant !== 'object' || complainant === null) return;
  for (const issue of contactIssues(complainant as Partial<ContactFields>, isReport === true)) {
    ctx.addIssue({ code: 'custom', message: issue.key, path: ['complainant', issue.field] });
  }
}

export const channelSchema = z.enum(CHANNELS, { error: 'errors.channel.invalid' });
export const severitySchema = z.enum(SEVERITIES, { error: 'errors.severity.invalid' });
export const categorySchema = z.string({ error: 'errors.category.invalid' }).regex(/^[a-z][a-z0-9_]{0,39}$/, {
  message: 'errors.category.invalid',
});

/** What the clerk types at intake. Category membership in the branch's profile is checked by the store. */
const intakeFields = {
  channel: channelSchema,
  receivedAt: receivedAtField,
  receivedBy: staffId,
  businessRef: textField(MAX_TEXT.businessRef),
  category: categorySchema,
  severity: severitySchema,
  isReport: z.boolean({ error: 'errors.boolean.invalid' }),
  content: textField(MAX_TEXT.long, { required: true, multiline: true }),
  expectedResolution: textField(MAX_TEXT.long, { multiline: true }),
};

export const intakeSchema = z
  .object({
    ...intakeFields,
    complainant: complainantSchema,
    businessRef: intakeFields.businessRef.default(''),
    severity: intakeFields.severity.default('general'),
    isReport: intakeFields.isReport.default(false),
    expectedResolution: intakeFields.expectedResolution.default(''),
  })
  .superRefine((intake, ctx) => addContactIssues(intake.complainant, intake.isReport, ctx));
export type IntakeInput = z.input<typeof intakeSchema>;
export type Intake = z.output<typeof intakeSchema>;

/** Fields a clerk may correct while the case is still at the counter (registered/assigned). */
// Built from the fields without their defaults: a patch must change only what it names.
const { receivedBy: _notCorrectable, ...correctableFields } = intakeFields;
export const intakePatchSchema = z
  .object({ ...correctableFields, complainant: z.object(complainantFields).partial().strict() })
  .partial()
  .strict();
export type IntakePatch = z.output<typeof intakePatchSchema>;

export interface Assignment {
  department: string;
  assigneeId: string;
  dueAt: number | null;
  assignedAt: number;
  assignedBy: string;
  note: string;
}

export interface Note {
  at: number;
  by: string;
  text: string;
}

export interface EvidenceRef {
  attachmentId: string;
  name: string;
  type: string;
  size: number;
  kind: 'evidence' | 'signed_form';
  at: number;
  by: string;
}

export interface Validity {
  valid: boolean;
  responsibility: Responsibility;
  analysis: string;
}

export interface Compensation {
  amount: number;
  description: string;
}

export interface Plan {
  measures: string;
  ownerId: string;
  dueAt: number;
  compensation: Compensation | null;
}

export interface Approval {
  at: number;
  by: string;
  decision: 'approved' | 'rejected';
  comment: string;
}

export interface Callback {
  at: number;
  by: string;
  satisfaction: Satisfaction;
  notes: string;
  objection: string;
  standardMet: boolean;
}

/**
 * A staff member's responsibility for a closed or archived case (R8.3), recorded by a supervisor.
 * `points` is the deduction in force: as recorded, then as the appeal's decision left it.
 */
export interface Accountability {
  /** Its place in the case's list, from 1: what an appeal and its decision name. */
  entry: number;
  staffId: string;
  kind: ResponsibilityKind;
  measure: Measure;
  /** The department the case was assigned to when recorded ('' when it never was). */
  department: string;
  /** The deduction the rules proposed (shared/accountability/rules.ts). */
  proposed: number;
  points: number;
  /** Why the deduction differs from the proposal ('' when it does not). */
  reason: string;
  at: number;
  by: string;
  /** The last moment the staff member may appeal (working days of the branch's calendar). */
  appealDueAt: number;
  appeal: { at: number; reason: string } | null;
  decision: { at: number; by: string; outcome: AppealOutcome; points: number; note: string } | null;
}

/** One complaint, as stored. Flat where the store indexes it (state, assigneeId, nextDueAt, …). */
export interface CaseRecord {
  id: string;
  caseNo: string;
  branchCode: string;
  profileId: ProfileId;
  state: CaseState;
  version: number;
  channel: Channel;
  receivedAt: number;
  receivedBy: string;
  complainant: Complainant;
  businessRef: string;
  category: string;
  severity: Severity;
  isReport: boolean;
  content: string;
  expectedResolution: string;
  /** Why the case was closed at the counter or found outside the branch's remit. */
  closingExplanation: string;
  assignments: Assignment[];
  /** Current assignee; '' while unassigned (IndexedDB cannot index null). */
  assigneeId: string;
  investigationNotes: Note[];
  evidence: EvidenceRef[];
  progressCalls: Note[];
  validity: Validity | null;
  plan: Plan | null;
  approvals: Approval[];
  result: { text: string; at: number; by: string } | null;
  resultTold: { at: number; by: string; method: Channel } | null;
  callbacks: Callback[];
  satisfaction: Satisfaction | null;
  appeal: { at: number; reason: string } | null;
  accountability: Accountability[];
  relatedCaseIds: string[];
  /** The supervisor's notification of a report, a major or an urgent case (R1.1, R1.5); null when none went out. */
  escalation: Escalation | null;
  /** The emergency procedure's steps on an urgent case (R1.5): what was done, when, by whom. */
  emergencySteps: Note[];
  /** Earliest unmet deadline (epoch ms), or +Infinity when no clock runs. Indexed for queues. */
  nextDueAt: number;
  createdAt: number;
  updatedAt: number;
  closedAt: number | null;
  archivedAt: number | null;
  /** Last event of the case's hash chain: lets verify() notice a truncated log. */
  ledgerHead: { seq: number; hash: string };
}

export const responsibilitySchema = z.enum(RESPONSIBILITIES, { error: 'errors.responsibility.invalid' });
export const satisfactionSchema = z.enum(SATISFACTIONS, { error: 'errors.satisfaction.invalid' });
export const stateSchema = z.enum(CASE_STATES, { error: 'errors.state.invalid' });
export const profileIdSchema = z.enum(PROFILE_IDS, { error: 'errors.profile.invalid' });

export function normalizedPhone(phone: string): string {
  return parsePhone(phone)?.normalized ?? phone;
}
