import { z } from 'zod';
import { actorSchema, categorySchema, intakeSchema, profileIdSchema, severitySchema, stateSchema, type CaseRecord } from '../domain/case';
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
  code: 'invalid_input' | 'forbidden' | 'invalid_state' | 'incomplete' | 'not_found' | 'conflict' | 'internal';
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

/** Request parameters of every method; the host validates each request against these. */
export const methods = {
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
  /** Share of cases assigned within the assignment clock (受理及时率), 0..1, null when none. */
  onTimeAcceptanceRate: number | null;
  /** Share of closed cases the customer was satisfied with (客户满意度). */
  satisfactionRate: number | null;
  /** Share of finished cases closed without reopening (处理成功率). */
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

export interface Results {
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
  'reports.list',
] as const satisfies readonly Method[];
export type LiveMethod = (typeof LIVE_METHODS)[number];

/** The envelope every caller sends: who asks, in which language answers should come. */
export const envelopeSchema = z.object({
  actor: actorSchema,
  locale: z.enum(LOCALES).default(DEFAULT_LOCALE),
});
export interface Envelope {
  actor: { staffId: string; role: Role };
  locale?: Locale;
}

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
