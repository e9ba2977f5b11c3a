/**
 * The monthly complaint report for the operations department (R7.4, 每月将投诉记录情况提交运营服务部):
 * what the report says, as data. The branch builds it once (electron/store/monthReport.ts), the
 * printed page (shared/forms/monthlyReport.ts) and the spreadsheet (shared/reports/xlsx.ts) are
 * drawn from it, and it travels to head office as is (shared/sync/protocol.ts, reportEntrySchema).
 */
import { z } from 'zod';
import { LOCALES, type Locale } from '../i18n/translate';

/** Why a case of the month is listed by name in the report. */
export const NOTABLE_REASONS = ['urgent', 'major', 'overdue', 'escalated', 'unsatisfied'] as const;
export type NotableReason = (typeof NOTABLE_REASONS)[number];

/** At most this many cases are listed by name (the most serious first); the figures count them all. */
export const MAX_NOTABLE_CASES = 200;

const count = z.number().int().min(0).max(10_000_000);
const counts = z.record(z.string().min(1).max(60), count);
const rate = z.number().min(0).max(1).nullable();
const epochMs = z.number().int().min(0).max(8.64e15);
export const reportMonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

export const notableCaseSchema = z
  .object({
    caseNo: z.string().min(1).max(40),
    receivedAt: epochMs,
    category: z.string().min(1).max(60),
    severity: z.string().min(1).max(40),
    state: z.string().min(1).max(40),
    reasons: z.array(z.enum(NOTABLE_REASONS)).min(1).max(NOTABLE_REASONS.length),
  })
  .strict();
export type NotableCase = z.output<typeof notableCaseSchema>;

export const monthReportDataSchema = z
  .object({
    month: reportMonthSchema,
    branch: z.object({ code: z.string().min(2).max(12), name: z.string().min(1).max(200) }).strict(),
    /** When the figures were taken (epoch ms): "overdue" and "still open" are as of then. */
    takenAt: epochMs,
    total: count,
    byCategory: counts,
    byChannel: counts,
    bySeverity: counts,
    bySatisfaction: counts,
    byState: counts,
    /** 受理及时率: share of the month's cases accepted within the assignment clock (null: no such clock, or no cases). */
    onTimeAcceptanceRate: rate,
    /** 客户满意度: share of rated cases the customer was satisfied with. */
    satisfactionRate: rate,
    /** 处理成功率: share of finished cases closed without an unsatisfied round or an appeal. */
    successRate: rate,
    /** Cases of the month still open when the figures were taken. */
    open: count,
    /** Of them, past a deadline. */
    overdue: count,
    /** Labels of the branch's own categories (catalog categories are translated by key). */
    categoryLabels: z.record(z.string().min(1).max(60), z.string().max(200)),
    notable: z.array(notableCaseSchema).max(MAX_NOTABLE_CASES),
    /** How many cases qualified for the list (more than `notable` holds when it was cut). */
    notableTotal: count,
  })
  .strict();
export type MonthReportData = z.output<typeof monthReportDataSchema>;

/** A report as the branch keeps it and lists it (without its files). */
export interface MonthReportSummary {
  id: string;
  month: string;
  /** 1 for a month's first report; re-creating the month makes the next version (older ones are kept). */
  version: number;
  language: Locale;
  createdAt: number;
  createdBy: string;
  xlsxBytes: number;
  pdfBytes: number;
  /** When head office acknowledged it (null: not yet). */
  deliveredAt: number | null;
}

export const reportLanguageSchema = z.enum(LOCALES);

/** The earliest month a report may be made for. */
export const FIRST_REPORT_MONTH = '2000-01';

/** The file name of a report's spreadsheet or PDF: `complaints-BJ01-2026-11-v2.xlsx`. */
export function reportFileName(branch: string, month: string, version: number, ext: 'xlsx' | 'pdf'): string {
  return `complaints-${branch}-${month}-v${version}.${ext}`;
}
