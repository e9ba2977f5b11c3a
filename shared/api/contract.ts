import { z } from 'zod';
import { categorySchema, intakeSchema, profileIdSchema, severitySchema, stateSchema, type CaseRecord } from '../domain/case';
import { branchCodeSchema, caseNoSchema } from '../domain/caseNumber';
import { isValidPhone } from '../domain/phone';
import type { CaseState, Severity } from '../domain/enums';
import type { EscalationReason } from '../domain/escalation';
import { hasControlCharacters, MAX_TEXT, rowId, staffId, textField, timestamp } from '../domain/text';
import type { CaseEvent, ChainBreak } from '../ledger/eventHash';
import { ATTACHMENT_KINDS, ATTACHMENT_TYPES, COMMAND_NAMES, MAX_ATTACHMENT_BYTES, type CommandName } from '../workflow/commands';
import { ROLES, type Role } from '../domain/enums';
import {
  CALENDAR_ERRORS,
  calendarOverridesSchema,
  deadlinePolicySchema,
  MAX_CALENDAR_FILE_BYTES,
  type CalendarOverride,
  type ClockState,
  type DeadlinePolicy,
  type PolicySource,
  type YearCoverage,
} from '../deadlines';
import { calendarsAnswerSchema } from '../sync/answers';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../i18n/translate';
import { DOCUMENT_KINDS, type DocumentKind } from '../forms/context';
import {
  CASE_REJECTIONS,
  MAX_REPORT_PDF_BYTES,
  REQUEST_ERRORS,
  type CaseEntry,
  type CaseRejection,
  type ReportEntry,
  type RequestErrorCode,
} from '../sync/protocol';
import type { MonthReportData, MonthReportSummary } from '../reports/data';
import type { PendingCase, SyncState } from '../sync/engine';
import { isAllowedHqUrl } from '../sync/enrolment';
import { authMethods, sessionToken, type AuthResults } from './auth';
import { isCalendarDate } from '../deadlines/calendar';
import type { Responsibility, Satisfaction } from '../domain/enums';
import type { Kpis } from '../stats/kpis';
import { MAX_DASHBOARD_DAYS, PERIOD_ERRORS, periodProblem } from '../stats/period';
import { accountabilityRulesSchema, type AccountabilityRules, type Proposal } from '../accountability/rules';
import type { ScoreLine, ScoreSheet } from '../accountability/scoreSheet';

/** A calendar date 'YYYY-MM-DD' (China time). */
const dateSchema = z
  .string({ error: 'errors.date.invalid' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'errors.date.invalid' });

export const PRINT_MODES = ['dialog', 'silent', 'browser'] as const;
export type PrintMode = (typeof PRINT_MODES)[number];
export const MAX_COPIES = 20;

/** One printing of a document of a case (the print log on the case page). */
export interface PrintRecord {
  id: string;
  caseId: string;
  caseNo: string;
  document: DocumentKind;
  language: Locale;
  mode: PrintMode;
  copies: number;
  at: number;
  by: string;
  /** Size of the PDF copy kept with the case, 0 when none (the browser edition keeps none). */
  pdfBytes: number;
}

/** Every store call answers with this: a value, or a coded error with a translated message. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export interface ApiError {
  code: 'invalid_input' | 'unauthenticated' | 'forbidden' | 'invalid_state' | 'incomplete' | 'not_found' | 'conflict' | 'internal';
  /** Translated for the caller's locale. */
  message: string;
  key: string;
  /** Per-field messages for forms: the request path, like `intake.complainant.phone` or `command.payload.notes`. */
  issues?: { path: string; key: string; message: string }[];
}

export const branchSchema = z.object({
  branchCode: branchCodeSchema,
  branchName: textField(MAX_TEXT.name, { required: true }),
  profileId: profileIdSchema,
  /** The counter's phone, printed on the customer's receipt for following up ('' = none). */
  phone: textField(MAX_TEXT.phone)
    .refine((v) => v === '' || isValidPhone(v), { message: 'errors.phone.invalid' })
    .default(''),
});
export type Branch = z.output<typeof branchSchema>;

export const staffMemberSchema = z.object({
  id: staffId,
  name: textField(MAX_TEXT.name, { required: true }),
  role: z.enum(ROLES, { error: 'errors.role.invalid' }),
});
export type StaffMember = z.output<typeof staffMemberSchema>;

/** Departments and staff of the branch (R3.3: assignment goes to a department or person). */
export const organizationSchema = z.object({
  departments: z
    .array(textField(MAX_TEXT.name, { required: true }))
    .max(100)
    .refine((d) => new Set(d).size === d.length, { message: 'errors.org.duplicateDepartment' }),
  staff: z
    .array(staffMemberSchema)
    .max(500)
    .refine((s) => new Set(s.map((m) => m.id)).size === s.length, { message: 'errors.org.duplicateStaff' }),
  /** The branch's own categories beside its profile's (labels as the branch typed them). */
  customCategories: z
    .array(
      z.object({
        id: z.string({ error: 'errors.category.invalid' }).regex(/^custom_\d{1,4}$/, { message: 'errors.category.invalid' }),
        label: textField(MAX_TEXT.name, { required: true }),
      }),
    )
    .max(100)
    .refine((c) => new Set(c.map((k) => k.id)).size === c.length, { message: 'errors.org.duplicateCategory' })
    .default([]),
  /** Categories no longer offered at intake; cases filed under them keep them. */
  retiredCategories: z.array(categorySchema).max(100).default([]),
});
export type Organization = z.output<typeof organizationSchema>;

export interface DeadlineSettings {
  /** The policy in force: the supervisor's own, else head office's for the branch's profile, else the bundled one. */
  policy: DeadlinePolicy;
  policySource: PolicySource;
  /** When head office published the policy in force (null unless policySource is headOffice). */
  policyPublishedAt: number | null;
  calendarOverrides: CalendarOverride[];
  /** Years (this one and the next) that have no calendar: neither head office's, nor the library's, nor local entries. */
  uncoveredYears: number[];
  /** Per year (this one, the next, and any with head office's or local entries): where its calendar comes from. */
  calendarYears: CalendarYearSource[];
  /** From 1 December on: next year when it has no calendar at all (supervisors are warned on every screen); else null. */
  nextYearMissing: number | null;
}

export interface CalendarYearSource {
  year: number;
  /** headOffice, library, overrides (local entries only) or unknown (Monday to Friday). */
  source: YearCoverage;
  /** Local entries in the year: they win over head office's and the library's days. */
  localEntries: number;
  /** When head office published the year's calendar (null: it has not). */
  publishedAt: number | null;
}

export const queueQuerySchema = z
  .object({
    states: z.array(stateSchema).max(12).optional(),
    category: categorySchema.optional(),
    severity: severitySchema.optional(),
    /** '' = unassigned. */
    assigneeId: z.union([staffId, z.literal('')]).optional(),
    overdue: z.boolean({ error: 'errors.boolean.invalid' }).optional(),
    receivedFrom: timestamp.optional(),
    receivedTo: timestamp.optional(),
    businessRef: textField(MAX_TEXT.businessRef).optional(),
    /**
     * mine: the caller's cases, and for a supervisor also the cases with the supervisor (escalated,
     * R1.1, R1.5); unassigned: registered cases waiting for the counter to assign them (not those
     * with the supervisor). The caller is the request's actor.
     */
    queue: z.enum(['mine', 'unassigned'], { error: 'errors.request.invalid' }).optional(),
    sort: z.enum(['due', 'received']).default('due'),
    offset: z.number().int().min(0).max(1_000_000).default(0),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict();
export type QueueQuery = z.input<typeof queueQuerySchema>;

const monthSchema = z.string({ error: 'errors.date.invalid' }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'errors.date.invalid' });

// Statistics dashboard (R8.1/R8.2): the period asked for.
const statsDateSchema = z.string({ error: PERIOD_ERRORS.date }).refine((v) => isCalendarDate(v), { message: PERIOD_ERRORS.date });

/** A period of calendar days (China time), both included: real dates, in order, at most MAX_DASHBOARD_DAYS days. */
export const dashboardPeriodSchema = z.object({ from: statsDateSchema, to: statsDateSchema }).superRefine(({ from, to }, ctx) => {
  const problem = periodProblem(from, to);
  if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['to'], params: { max: MAX_DASHBOARD_DAYS } });
});

/** Sync failures that are not a refusal of head office's (those are REQUEST_ERRORS' codes). */
export const SYNC_FAILURES = ['network', 'server_error', 'bad_answer', 'timeout', 'case_rejected'] as const;

const epochOrNull = z.number().int().min(0).max(8.64e15).nullable();

/** The sync engine's persisted state, as main's engine hands it to the store host (desktop edition). */
export const syncStateSchema = z
  .object({
    lastSuccessAt: epochOrNull,
    lastAttemptAt: epochOrNull,
    nextAttemptAt: epochOrNull,
    attempt: z.number().int().min(0).max(1_000_000),
    lastError: z
      .object({
        code: z.enum([...(Object.keys(REQUEST_ERRORS) as RequestErrorCode[]), ...SYNC_FAILURES]),
        at: z.number().int().min(0),
        status: z.number().int().min(100).max(599).optional(),
        skewMs: z.number().int().optional(),
        caseId: rowId.optional(),
        reason: z.enum(CASE_REJECTIONS).optional(),
        detail: z.string().max(1000).optional(),
      })
      .strict()
      .nullable(),
    sending: z
      .object({ sent: z.number().int().min(0), total: z.number().int().min(0) })
      .strict()
      .nullable(),
  })
  .strict();

/** Drafts hold whatever the clerk has typed so far: unvalidated, but bounded. */
export const MAX_DRAFT_BYTES = 256 * 1024;

/** The longest a supervisor may open an archived case to someone: three days. */
export const MAX_GRANT_HOURS = 72;

/** Request parameters of every method; the host validates each request against these. */
export const methods = {
  ...authMethods,
  'branch.get': z.object({}),
  'branch.configure': z.object({ branch: branchSchema }),
  'cases.reserveNumber': z.object({ receivedAt: timestamp.optional() }),
  'cases.register': z.object({
    intake: intakeSchema,
    reservedCaseNo: caseNoSchema.optional(),
    draftId: rowId.optional(),
  }),
  'cases.command': z.object({
    caseId: rowId,
    expectedVersion: z.number().int().min(1),
    command: z.object({
      name: z.enum(COMMAND_NAMES as [CommandName, ...CommandName[]], { error: 'errors.request.unknownCommand' }),
      payload: z.unknown(),
    }),
  }),
  'cases.get': z.object({ caseId: rowId }),
  'cases.addAttachment': z.object({
    caseId: rowId,
    expectedVersion: z.number().int().min(1),
    kind: z.enum(ATTACHMENT_KINDS, { error: 'errors.request.invalid' }),
    name: textField(MAX_TEXT.short, { required: true }),
    type: z.enum(ATTACHMENT_TYPES, { error: 'errors.attachment.type' }),
    bytes: z
      .instanceof(Uint8Array, { message: 'errors.request.invalid' })
      .refine((b) => b.byteLength > 0, { message: 'errors.attachment.empty' })
      .refine((b) => b.byteLength <= MAX_ATTACHMENT_BYTES, { message: 'errors.attachment.tooLarge' }),
  }),
  'attachments.get': z.object({ attachmentId: rowId }),
  'cases.query': queueQuerySchema,
  'cases.search': z.object({
    text: z
      .string({ error: 'errors.request.invalid' })
      .max(100, { message: 'errors.search.tooLong' })
      .refine((v) => !hasControlCharacters(v), { message: 'errors.text.control' }),
    limit: z.number().int().min(1).max(200).default(50),
  }),
  'cases.counts': z.object({}),
  'notifications.list': z.object({}),
  'stats.month': z.object({ month: monthSchema }),
  'drafts.save': z.object({ draftId: rowId, data: z.unknown() }),
  'drafts.list': z.object({}),
  'drafts.discard': z.object({ draftId: rowId }),
  'ledger.verify': z.object({ caseId: rowId.optional() }),
  'ledger.seal': z.object({}),
  'org.get': z.object({}),
  'org.save': z.object({ organization: organizationSchema }),
  'deadlines.get': z.object({}),
  'deadlines.save': z.object({ policy: deadlinePolicySchema.nullable().optional(), calendarOverrides: calendarOverridesSchema.optional() }),
  /** The text of the calendar file head office exported, as a supervisor picked it. */
  'calendars.load': z.object({
    text: z.string({ error: CALENDAR_ERRORS.notAFile }).max(MAX_CALENDAR_FILE_BYTES, { error: CALENDAR_ERRORS.tooLarge }),
  }),
  'prints.record': z.object({
    caseId: rowId,
    document: z.enum(DOCUMENT_KINDS, { error: 'errors.print.document' }),
    language: z.enum(LOCALES, { error: 'errors.request.invalid' }),
    /** dialog: the system print dialog; silent: straight to the chosen printer; browser: the browser edition's dialog. */
    mode: z.enum(PRINT_MODES, { error: 'errors.request.invalid' }),
    copies: z
      .number({ error: 'errors.print.copies' })
      .int({ message: 'errors.print.copies' })
      .min(1, { message: 'errors.print.copies' })
      .max(MAX_COPIES, { message: 'errors.print.copies' }),
    /** The PDF copy kept with the case (desktop: printToPDF of what was printed). */
    pdf: z
      .instanceof(Uint8Array, { message: 'errors.request.invalid' })
      .refine((b) => b.byteLength >= 5 && String.fromCharCode(...b.subarray(0, 5)) === '%PDF-', { message: 'errors.print.notPdf' })
      .refine((b) => b.byteLength <= MAX_ATTACHMENT_BYTES, { message: 'errors.attachment.tooLarge' })
      .optional(),
  }),
  'prints.list': z.object({ caseId: rowId }),
  'prints.get': z.object({ printId: rowId }),
  /** Head office sync: where it stands (the app bar), a push now (supervisors), the enrolment code (supervisors). */
  'sync.status': z.object({}),
  'sync.now': z.object({}),
  'sync.enrol': z.object({
    code: z
      .string({ error: 'errors.enrolment.format' })
      .max(1000, { message: 'errors.enrolment.format' })
      .refine((v) => !hasControlCharacters(v), { message: 'errors.text.control' }),
  }),
  /**
   * Desktop edition, main only: main runs the engine and keeps the secret (safeStorage); the host
   * keeps head office's address and the branch (for the status) and serves the engine's reads and
   * writes. 'sync.configure' comes with the supervisor's envelope from the UI (the host checks the role).
   */
  'sync.configure': z.object({
    hqUrl: z.string({ error: 'errors.enrolment.address' }).refine(isAllowedHqUrl, { message: 'errors.enrolment.address' }),
    branch: branchCodeSchema,
  }),
  'sync.pending': z.object({ limit: z.number().int().min(1).max(10_000) }),
  'sync.entries': z.object({ caseIds: z.array(rowId).max(1000) }),
  'sync.attachment': z.object({ attachmentId: rowId }),
  'sync.acknowledge': z.object({ caseId: rowId, version: z.number().int().min(1), at: timestamp }),
  'sync.state': z.object({}),
  'sync.saveState': z.object({ state: syncStateSchema }),
  'sync.calendarsSince': z.object({}),
  'sync.receiveCalendars': z.object({ answer: calendarsAnswerSchema }),
  /**
   * The export file for head office (supervisors; docs/export-file.md): the archived cases of a
   * period of calendar days, both included; `language` is the spreadsheet's. 'export.progress' is
   * how far the file being written is.
   */
  'export.build': z.object({ from: dateSchema, to: dateSchema, language: z.enum(LOCALES, { error: 'errors.request.invalid' }) }),
  'export.progress': z.object({}),
  // The restricted archive (R7.3; electron/store/archive.ts, docs/privacy.md): requests to read an
  // archived case, supervisors' time-limited grants and refusals, the access log.
  'archive.requestAccess': z.object({ caseId: rowId, reason: textField(MAX_TEXT.short, { required: true }) }),
  'archive.requests': z.object({}),
  'archive.grant': z
    .object({
      requestId: rowId.optional(),
      caseId: rowId.optional(),
      staffId: staffId.optional(),
      hours: z
        .number({ error: 'errors.archive.hours' })
        .int({ message: 'errors.archive.hours' })
        .min(1, { message: 'errors.archive.hours' })
        .max(MAX_GRANT_HOURS, { message: 'errors.archive.hours' }),
    })
    .strict()
    .refine((p) => (p.requestId !== undefined) !== (p.caseId !== undefined && p.staffId !== undefined), {
      message: 'errors.archive.grantWhom',
    }),
  'archive.refuse': z.object({ requestId: rowId }),
  'archive.myGrants': z.object({}),
  'archive.accessLog': z.object({ caseId: rowId.optional(), from: timestamp.optional(), to: timestamp.optional() }).strict(),
  // Statistics dashboard (R8.1/R8.2; docs/statistics.md): supervisors and administrators.
  'stats.dashboard': dashboardPeriodSchema,
  // --- Accountability (R8.3, docs/accountability.md): the deduction rules, the proposal for a
  // case, the caller's own records, the score sheet of a period and its XLSX file.
  'accountability.rules': z.object({}),
  'accountability.saveRules': z.object({ rules: accountabilityRulesSchema }),
  'accountability.propose': z.object({ caseId: rowId }),
  'accountability.mine': z.object({}),
  'accountability.scoreSheet': z.object({ from: z.string().max(20), to: z.string().max(20), staffId: staffId.optional() }),
  'accountability.scoreSheetXlsx': z.object({
    from: z.string().max(20),
    to: z.string().max(20),
    staffId: staffId.optional(),
    language: z.enum(LOCALES, { error: 'errors.request.invalid' }),
  }),
  // --- end of accountability
  // Monthly report for the operations department (R7.4; docs/monthly-report.md).
  /** Makes the month's report (supervisors): its data and spreadsheet, in `language`, kept and queued for head office. */
  'reports.monthly.create': z.object({
    month: z.string({ error: 'errors.report.month' }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'errors.report.month' }),
    language: z.enum(LOCALES, { error: 'errors.request.invalid' }),
  }),
  'reports.list': z.object({}),
  'reports.get': z.object({ reportId: rowId }),
  /** Desktop main: the reports head office has not acknowledged, and one acknowledged. */
  'sync.reports.pending': z.object({}),
  'sync.reports.acknowledge': z.object({ reportId: rowId, at: timestamp }),
  /** Desktop main: the PDF main printed of a report's page (printToPDF), kept with it and sent to head office. */
  'reports.attachPdf': z.object({
    reportId: rowId,
    pdf: z
      .instanceof(Uint8Array, { message: 'errors.request.invalid' })
      .refine((b) => b.byteLength >= 5 && String.fromCharCode(...b.subarray(0, 5)) === '%PDF-', { message: 'errors.print.notPdf' })
      .refine((b) => b.byteLength <= MAX_REPORT_PDF_BYTES, { message: 'errors.attachment.tooLarge' }),
  }),
} as const;

/** Someone's request to read an archived case, and what a supervisor decided. */
export interface AccessRequest {
  id: string;
  caseId: string;
  caseNo: string;
  staffId: string;
  reason: string;
  at: number;
  status: 'open' | 'granted' | 'refused';
  decidedBy: string | null;
  decidedAt: number | null;
  grantId: string | null;
}

/** A supervisor's permission for one person to read one archived case until `expiresAt` (the host's clock). */
export interface AccessGrant {
  id: string;
  caseId: string;
  caseNo: string;
  staffId: string;
  requestId: string | null;
  grantedBy: string;
  grantedAt: number;
  expiresAt: number;
}

/**
 * One read of an archived case: who, when, what (its detail, an attachment, a print's copy) and on
 * what footing (a supervisor's own, a grant, or having archived it within the hour).
 */
export interface AccessLogEntry {
  id?: number;
  caseId: string;
  caseNo: string;
  staffId: string;
  role: Role;
  at: number;
  what: 'detail' | 'attachment' | 'print';
  basis: 'supervisor' | 'grant' | 'archiver' | 'accountable';
  grantId: string | null;
}

export type Method = keyof typeof methods;
export const METHOD_NAMES = Object.keys(methods) as Method[];
export type Params<M extends Method> = z.input<(typeof methods)[M]>;

export interface CaseSummary {
  id: string;
  caseNo: string;
  complainantName: string;
  category: string;
  severity: Severity;
  state: CaseState;
  isReport: boolean;
  businessRef: string;
  assigneeId: string;
  receivedAt: number;
  nextDueAt: number | null;
}

export interface CaseDetail {
  case: CaseRecord;
  events: CaseEvent[];
  clocks: ClockState[];
  allowedCommands: CommandName[];
  /** The cases this one links to (`relatedCaseIds`), as list rows. */
  related: CaseSummary[];
}

export interface QueuePage {
  items: CaseSummary[];
  /** All matches, for the virtualized list's scroll height. */
  total: number;
  /** Where `items` start among all matches: a list keeps rows and their place together. */
  offset: number;
}

/** A notification of the supervisor nobody has acknowledged yet (R1.1, R1.5). */
export interface NotificationSummary {
  id: number;
  caseId: string;
  caseNo: string;
  reason: EscalationReason;
  at: number;
}

export interface Counts {
  byState: Partial<Record<CaseState, number>>;
  unassigned: number;
  overdue: number;
  notifications: number;
}

export interface MonthStats {
  month: string;
  total: number;
  byState: Record<string, number>;
  byCategory: Record<string, number>;
  byChannel: Record<string, number>;
  bySeverity: Record<string, number>;
  bySatisfaction: Record<string, number>;
  /** 受理及时率, 0..1, null when none (shared/stats/kpis.ts defines all three). */
  onTimeAcceptanceRate: number | null;
  /** 客户满意度: the mean satisfaction score. */
  satisfactionRate: number | null;
  /** 处理成功率. */
  successRate: number | null;
}

export interface Draft {
  draftId: string;
  staffId: string;
  data: unknown;
  savedAt: number;
}

export interface OutboxRow {
  seq: number;
  caseId: string;
  version: number;
  createdAt: number;
  deliveredAt: number | null;
}

export interface Results extends AuthResults {
  'branch.get': Branch | null;
  'branch.configure': Branch;
  'cases.reserveNumber': string;
  'cases.register': CaseRecord;
  'cases.command': CaseRecord;
  'cases.get': CaseDetail;
  'cases.addAttachment': CaseRecord;
  'attachments.get': { name: string; type: string; bytes: Uint8Array };
  'cases.query': QueuePage;
  'cases.search': CaseSummary[];
  'cases.counts': Counts;
  'notifications.list': NotificationSummary[];
  'stats.month': MonthStats;
  'drafts.save': Draft;
  'drafts.list': Draft[];
  'drafts.discard': null;
  'ledger.verify': { cases: number; events: number; blocks: number; firstBreak: ChainBreak | null };
  'ledger.seal': { sealed: number };
  'org.get': Organization;
  'org.save': Organization;
  'deadlines.get': DeadlineSettings;
  'deadlines.save': DeadlineSettings;
  'calendars.load': DeadlineSettings;
  'prints.record': PrintRecord;
  'prints.list': PrintRecord[];
  'prints.get': PrintRecord & { pdf: Uint8Array | null };
  'sync.status': SyncStatus;
  'sync.now': SyncStatus;
  'sync.enrol': SyncStatus;
  'sync.configure': SyncStatus;
  'sync.pending': PendingCase[];
  'sync.entries': CaseEntry[];
  'sync.attachment': Uint8Array | null;
  'sync.acknowledge': null;
  'sync.state': SyncState;
  'sync.saveState': null;
  'sync.calendarsSince': number;
  'sync.receiveCalendars': null;
  'export.build': ExportResult;
  'export.progress': ExportProgressState | null;
  'archive.requestAccess': AccessRequest;
  'archive.requests': AccessRequest[];
  'archive.grant': AccessGrant;
  'archive.refuse': AccessRequest;
  'archive.myGrants': { grants: AccessGrant[]; requests: AccessRequest[] };
  'archive.accessLog': AccessLogEntry[];
  'stats.dashboard': Dashboard;
  // --- Accountability (R8.3)
  'accountability.rules': AccountabilityRules;
  'accountability.saveRules': AccountabilityRules;
  'accountability.propose': Proposal & { appealWorkingDays: number };
  'accountability.mine': ScoreLine[];
  'accountability.scoreSheet': ScoreSheet;
  'accountability.scoreSheetXlsx': { fileName: string; bytes: Uint8Array };
  // --- end of accountability
  // Monthly report (R7.4).
  'reports.monthly.create': CreatedMonthReport;
  'reports.list': MonthReportSummary[];
  'reports.get': CreatedMonthReport & { pdf: Uint8Array | null };
  'sync.reports.pending': ReportEntry[];
  'sync.reports.acknowledge': null;
  'reports.attachPdf': MonthReportSummary;
}

/** A monthly report made (or read back): what it is, its data (the page is rendered from it) and its spreadsheet. */
export interface CreatedMonthReport {
  report: MonthReportSummary;
  data: MonthReportData;
  xlsx: Uint8Array;
}

// Statistics dashboard (R8.1/R8.2; docs/statistics.md): what 'stats.dashboard' answers.

/** The indicators of a group of cases (a department, a staff member, a week). */
export interface DashboardGroup {
  /** A department's name or a staff id; '' for cases nobody is assigned to. */
  key: string;
  received: number;
  kpis: Kpis;
}

/** One ISO week ('2026-W10') or month ('2026-03') of the period, clipped to it: `from`/`to` its first and last days in the period. */
export interface TrendPoint {
  label: string;
  from: string;
  to: string;
  /** Cases received in it. */
  received: number;
  /** Cases closed in it (whenever received). */
  closed: number;
  /** Over the cases received in it. */
  kpis: Kpis;
}

/** An open case of the period past its next deadline. */
export interface OverdueCase {
  id: string;
  caseNo: string;
  assigneeId: string;
  nextDueAt: number;
}

/**
 * The branch's figures for a period of days: counts and indicators over the cases received in it
 * (shared/stats/kpis.ts defines the indicators), per department (of the current assignment) and
 * staff member (the assignee), overdue cases at the host's now, and weekly and monthly trends.
 */
export interface Dashboard {
  from: string;
  to: string;
  /** The host's now, when overdue cases and waiting acceptance were judged. */
  at: number;
  received: number;
  /** Cases closed in the period, whenever received. */
  closed: number;
  byCategory: Record<string, number>;
  byChannel: Record<string, number>;
  bySeverity: Record<string, number>;
  /** The last callback's outcome (the counter's settlement is "satisfied"), 'none' without one. */
  byOutcome: Record<Satisfaction | 'none', number>;
  /** Responsibility as the investigation found it, 'none' before one. */
  byResponsibility: Record<Responsibility | 'none', number>;
  /** False when the deadline policy in force has no assignment clock (no on-time rate). */
  hasAcceptanceClock: boolean;
  kpis: Kpis;
  byDepartment: DashboardGroup[];
  byStaff: DashboardGroup[];
  /** Open cases of the period past their next deadline: how many, and the first MAX_OVERDUE_LISTED by deadline. */
  overdue: { count: number; cases: OverdueCase[] };
  trends: { weeks: TrendPoint[]; months: TrendPoint[] };
}

/** Overdue cases the dashboard lists by number (the count has them all). */
export const MAX_OVERDUE_LISTED = 200;

/** The export file written, for the screen to download (browser edition) or save (desktop). */
export interface ExportResult {
  fileName: string;
  bytes: Uint8Array;
  cases: number;
  attachments: number;
}

/** The file being written: `done` of `total` steps, since `startedAt`. */
export interface ExportProgressState {
  done: number;
  total: number;
  startedAt: number;
}

/**
 * Why the last push to head office failed: a refusal's code (shared/sync/protocol.ts), what went
 * wrong on the way, or 'case_rejected' when head office took the batch but turned a case away
 * (the case stays waiting; `reason` says why).
 */
export type SyncErrorCode = RequestErrorCode | (typeof SYNC_FAILURES)[number];

export interface SyncError {
  code: SyncErrorCode;
  at: number;
  /** HTTP status, when head office answered. */
  status?: number;
  /** clock_skew: this PC's clock minus head office's, in ms (the app bar says "9 minutes off"). */
  skewMs?: number;
  /** case_rejected: which case, and head office's reason and detail. */
  caseId?: string;
  reason?: CaseRejection;
  detail?: string;
}

/** The branch's sync with head office, as the app bar shows it. */
export interface SyncStatus {
  enrolled: boolean;
  hqUrl: string | null;
  branch: string | null;
  /** Archived cases (or their newer versions) head office has not acknowledged yet. */
  waiting: number;
  lastSuccessAt: number | null;
  lastAttemptAt: number | null;
  nextAttemptAt: number | null;
  lastError: SyncError | null;
  /** While a push is under way: cases acknowledged so far out of those it set out to send. */
  sending: { sent: number; total: number } | null;
  /** Monthly reports head office has not acknowledged yet. */
  reportsWaiting?: number;
}

/**
 * Which kind of connection a request came on, as the connection's server knows it (never as the
 * request says): 'main' is the desktop main process's own port, 'ui' any screen's.
 */
export type Caller = 'main' | 'ui';

/**
 * Methods only main's connection may call; a UI connection gets 'forbidden'. The print log is
 * main's to write: main prints, so only main knows that a document was printed and what its PDF is.
 */
export const MAIN_ONLY_METHODS = [
  'prints.record',
  'sync.configure',
  'sync.pending',
  'sync.entries',
  'sync.attachment',
  'sync.acknowledge',
  'sync.state',
  'sync.saveState',
  'sync.calendarsSince',
  'sync.receiveCalendars',
  'sync.reports.pending',
  'sync.reports.acknowledge',
  'reports.attachPdf',
] as const satisfies readonly Method[];

/** Methods whose results can be subscribed to: the host pushes a fresh result when data changes. */
export const LIVE_METHODS = [
  'cases.query',
  'auth.settings',
  'cases.counts',
  'notifications.list',
  'cases.get',
  'drafts.list',
  'branch.get',
  'org.get',
  'deadlines.get',
  'prints.list',
  'sync.status',
  'export.progress',
  'archive.requests',
  'archive.myGrants',
  'reports.list',
] as const satisfies readonly Method[];
export type LiveMethod = (typeof LIVE_METHODS)[number];

/**
 * The envelope every caller sends: the session token the host issued at sign-in (never who the
 * caller says it is: the host derives the person and their role from the token), and the language
 * answers should come in. Unknown keys are refused, a self-declared `actor` among them.
 */
export const envelopeSchema = z.strictObject(
  {
    token: sessionToken.optional(),
    locale: z.enum(LOCALES).default(DEFAULT_LOCALE),
  },
  { error: 'errors.request.invalid' },
);
export interface Envelope {
  token?: string;
  locale?: Locale;
}

/**
 * What main's own connection may ask with no person signed in: the sync engine's reads and writes
 * and the sync state for the app menu. Everything else needs a session token, main's calls too
 * (main prints and enrols with the token of the person who asked).
 */
export const SYSTEM_METHODS = [
  'sync.status',
  'sync.pending',
  'sync.entries',
  'sync.attachment',
  'sync.acknowledge',
  'sync.state',
  'sync.saveState',
  'sync.calendarsSince',
  'sync.receiveCalendars',
  'sync.reports.pending',
  'sync.reports.acknowledge',
] as const satisfies readonly Method[];

/** The typed API both editions implement (desktop: MessagePort via main; browser: Web Worker). */
export interface StoreApi {
  call<M extends Method>(method: M, params: Params<M>, envelope: Envelope): Promise<Result<Results[M]>>;
  subscribe<M extends LiveMethod>(
    method: M,
    params: Params<M>,
    envelope: Envelope,
    onResult: (result: Result<Results[M]>) => void,
  ): () => void;
}

/**
 * The store host as a connection's server calls it: with the kind of connection the request came
 * on (electron/store/portServer.ts). A caller left out is a UI connection.
 */
export interface CallerAwareStoreApi extends StoreApi {
  call<M extends Method>(method: M, params: Params<M>, envelope: Envelope, caller?: Caller): Promise<Result<Results[M]>>;
  subscribe<M extends LiveMethod>(
    method: M,
    params: Params<M>,
    envelope: Envelope,
    onResult: (result: Result<Results[M]>) => void,
    caller?: Caller,
  ): () => void;
}
