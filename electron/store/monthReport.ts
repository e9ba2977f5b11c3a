/**
 * The monthly complaint report for the operations department (R7.4; docs/monthly-report.md). One
 * function, monthReportData, decides what the report says; the spreadsheet and the printed page
 * are drawn from its result, and the sync carries it to head office as is.
 */
import Dexie from 'dexie';
import { v7 as uuidv7 } from 'uuid';
import { chinaDate } from '../../shared/deadlines/calendar';
import type { Actor } from '../../shared/domain/case';
import type { Locale } from '../../shared/i18n/translate';
import { bytesToBase64 } from '../../shared/reports/base64';
import {
  FIRST_REPORT_MONTH,
  MAX_NOTABLE_CASES,
  NOTABLE_REASONS,
  type MonthReportData,
  type MonthReportSummary,
  type NotableCase,
  type NotableReason,
} from '../../shared/reports/data';
import { monthReportWorkbook } from '../../shared/reports/xlsx';
import { MAX_EXPORT_REPORTS } from '../../shared/export/format';
import type { ReportEntry } from '../../shared/sync/protocol';
import { fail, requireSupervisor, type StoreContext } from './context';
import type { ReportRow } from './db';
import { monthRange, monthStats } from './stats';
import { modelReady } from './readModelHandle';

/** The report's figures and notable cases for one month, as of now. The one place that decides its content. */
export async function monthReportData(ctx: StoreContext, month: string): Promise<MonthReportData> {
  const stats = await monthStats(ctx, month);
  const [from, to] = monthRange(month);
  const rows = (await modelReady(ctx)).receivedBetween(from, to);
  const takenAt = ctx.now();
  const records = await ctx.db.cases.bulkGet(rows.map((r) => r.id));
  const escalated = new Set(records.flatMap((c) => (c?.escalation ? [c.id] : [])));
  let open = 0;
  let overdue = 0;
  const notable: NotableCase[] = [];
  for (const r of rows) {
    const late = !r.finished && r.nextDueAt !== null && r.nextDueAt < takenAt;
    if (!r.finished) open++;
    if (late) overdue++;
    const reasons: NotableReason[] = [];
    if (r.severity === 'urgent') reasons.push('urgent');
    if (r.severity === 'major') reasons.push('major');
    if (late) reasons.push('overdue');
    if (escalated.has(r.id)) reasons.push('escalated');
    if (r.satisfaction === 'unsatisfied') reasons.push('unsatisfied');
    if (reasons.length)
      notable.push({ caseNo: r.caseNo, receivedAt: r.receivedAt, category: r.category, severity: r.severity, state: r.state, reasons });
  }
  // The most serious first: by the first reason's rank, then by when received.
  const rank = (c: NotableCase) => NOTABLE_REASONS.indexOf(c.reasons[0]!);
  notable.sort((a, b) => rank(a) - rank(b) || a.receivedAt - b.receivedAt);
  const labels = Object.fromEntries(ctx.organization.customCategories.map((c) => [c.id, c.label]));
  return {
    month,
    branch: { code: ctx.branch?.branchCode ?? '', name: ctx.branch?.branchName ?? '' },
    takenAt,
    total: stats.total,
    byCategory: stats.byCategory,
    byChannel: stats.byChannel,
    bySeverity: stats.bySeverity,
    bySatisfaction: stats.bySatisfaction,
    byState: stats.byState,
    onTimeAcceptanceRate: stats.onTimeAcceptanceRate,
    satisfactionRate: stats.satisfactionRate,
    successRate: stats.successRate,
    open,
    overdue,
    categoryLabels: Object.fromEntries(Object.keys(stats.byCategory).flatMap((id) => (labels[id] ? [[id, labels[id]]] : []))),
    notable: notable.slice(0, MAX_NOTABLE_CASES),
    notableTotal: notable.length,
  };
}

export function summaryOf(row: ReportRow): MonthReportSummary {
  return {
    id: row.id,
    month: row.month,
    version: row.version,
    language: row.language,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    xlsxBytes: row.xlsx.byteLength,
    pdfBytes: row.pdf?.byteLength ?? 0,
    deliveredAt: row.deliveredAt,
  };
}

export interface CreatedReport {
  report: MonthReportSummary;
  data: MonthReportData;
  xlsx: Uint8Array;
}

/**
 * Makes the month's report (supervisors and administrators): its data and spreadsheet, stored as
 * the month's next version (the earlier ones are kept, and head office keeps them too) and queued
 * for head office. Refuses a month that has not begun in China or is before 2000.
 */
export async function createMonthlyReport(
  ctx: StoreContext,
  params: { month: string; language: Locale },
  actor: Actor,
): Promise<CreatedReport> {
  requireSupervisor(actor, 'errors.report.supervisorOnly');
  const { month, language } = params;
  if (month < FIRST_REPORT_MONTH) fail('invalid_input', 'errors.report.tooEarly');
  if (month > chinaDate(ctx.now()).slice(0, 7)) fail('invalid_input', 'errors.report.future', { month });
  if (!ctx.branch) fail('invalid_input', 'errors.branch.notConfigured');
  const data = await monthReportData(ctx, month);
  const xlsx = await monthReportWorkbook(data, language);
  const { db } = ctx;
  const row = await db.transaction('rw', db.reports, async () => {
    const last = await db.reports.where('[month+version]').between([month, Dexie.minKey], [month, Dexie.maxKey]).last();
    const created: ReportRow = {
      id: uuidv7(),
      month,
      version: (last?.version ?? 0) + 1,
      language,
      createdAt: data.takenAt,
      createdBy: actor.staffId,
      data,
      xlsx,
      pdf: null,
      delivered: 0,
      deliveredAt: null,
    };
    await db.reports.add(created);
    return created;
  });
  for (const listener of ctx.outboxListeners) listener();
  return { report: summaryOf(row), data, xlsx };
}

/** Every report kept, newest month first and, within a month, newest version first. */
export async function listReports(ctx: StoreContext): Promise<MonthReportSummary[]> {
  const rows = await ctx.db.reports.orderBy('[month+version]').reverse().toArray();
  return rows.map(summaryOf);
}

export async function readReport(ctx: StoreContext, reportId: string): Promise<CreatedReport & { pdf: Uint8Array | null }> {
  const row = await ctx.db.reports.get(reportId);
  if (!row) fail('not_found', 'errors.report.notFound');
  return { report: summaryOf(row), data: row.data, xlsx: row.xlsx, pdf: row.pdf };
}

/** Reports head office has not acknowledged, oldest first, as the sync sends them. */
export async function pendingReports(ctx: StoreContext, limit = 20): Promise<ReportEntry[]> {
  const rows = await ctx.db.reports.where('[delivered+createdAt]').between([0, Dexie.minKey], [0, Dexie.maxKey]).limit(limit).toArray();
  return rows.map(entryOf);
}

/**
 * The reports an export file carries (docs/export-file.md): every one head office has not
 * acknowledged, and every version of the months of the period. Head office keeps each id once,
 * so a report both synced and carried in a file is held once.
 */
export async function reportsToExport(ctx: StoreContext, fromMonth: string, toMonth: string): Promise<ReportEntry[]> {
  const rows = await ctx.db.reports.filter((r) => r.delivered === 0 || (r.month >= fromMonth && r.month <= toMonth)).toArray();
  // The newest first when there are more than a file takes (never in practice: a few a month).
  return rows
    .sort((a, b) => b.createdAt - a.createdAt)
    .slice(0, MAX_EXPORT_REPORTS)
    .reverse()
    .map(entryOf);
}

function entryOf(r: ReportRow): ReportEntry {
  return {
    reportId: r.id,
    month: r.month,
    version: r.version,
    language: r.language,
    createdAt: r.createdAt,
    createdBy: r.createdBy,
    data: r.data,
    xlsx: bytesToBase64(r.xlsx),
    pdf: r.pdf ? bytesToBase64(r.pdf) : null,
  };
}

export async function acknowledgeReport(ctx: StoreContext, reportId: string, at: number): Promise<void> {
  await ctx.db.reports.update(reportId, { delivered: 1, deliveredAt: at });
}

/**
 * The PDF main printed of the report's page (desktop): kept with it, and the report queued again
 * so head office receives the PDF too (it adds a PDF to the report it holds, nothing else).
 */
export async function attachReportPdf(ctx: StoreContext, reportId: string, pdf: Uint8Array): Promise<MonthReportSummary> {
  const { db } = ctx;
  const row = await db.transaction('rw', db.reports, async () => {
    const found = await db.reports.get(reportId);
    if (!found) fail('not_found', 'errors.report.notFound');
    const updated: ReportRow = { ...found, pdf, delivered: 0, deliveredAt: null };
    await db.reports.put(updated);
    return updated;
  });
  for (const listener of ctx.outboxListeners) listener();
  return summaryOf(row);
}
