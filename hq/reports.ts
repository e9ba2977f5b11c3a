/**
 * Monthly reports at head office (docs/monthly-report.md): received from the branches' sync
 * (POST /v1/reports) or an export file, kept per (branch, report id), listed by month and branch.
 */
import { base64ToBytes } from '../shared/reports/base64';
import type { MonthReportData } from '../shared/reports/data';
import { reportRequestSchema, type ReportAnswer, type ReportEntry } from '../shared/sync/protocol';
import { claimRequestId, touchBranch, type Signed } from './auth';
import type { Db, Queryable } from './db/types';
import { RequestError } from './errors';
import { decodeUtf8, parseJson, unstorable } from './json';

/** Parses and checks a report request against its signed headers; refuses it whole when anything is off. */
export function readReportRequest(body: Uint8Array, signed: Signed): ReportEntry {
  const text = decodeUtf8(body);
  const json = parseJson(text);
  const problem = unstorable(json, text);
  if (problem) throw new RequestError('invalid_batch', 'The report holds values head office cannot store.', { detail: problem });
  const parsed = reportRequestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new RequestError('invalid_batch', 'The body is not a valid report.', {
      detail: `${issue.path.join('.') || '(body)'}: ${issue.message}`.slice(0, 500),
    });
  }
  const request = parsed.data;
  if (request.requestId !== signed.requestId) throw new RequestError('invalid_batch', 'The request id is not the signed one.');
  if (request.branch !== signed.branch) throw new RequestError('invalid_batch', 'The report names another branch than the signed one.');
  if (request.report.data.branch.code !== signed.branch)
    throw new RequestError('invalid_batch', 'The report is of another branch than the signed one.');
  if (request.report.data.month !== request.report.month) throw new RequestError('invalid_batch', "The report's data is of another month.");
  return request.report;
}

/**
 * Keeps a report (once per branch and id). A report held without a PDF takes the PDF a later
 * sending carries (the desktop prints it after making the report); nothing else of it changes.
 * Answers whether anything was stored.
 */
export async function storeReport(tx: Queryable, branch: string, report: ReportEntry, now: number): Promise<'accepted' | 'duplicate'> {
  const r = await tx.query(
    `INSERT INTO month_reports (branch_code, report_id, month, version, language, created_at, created_by, data, xlsx, pdf, received_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT (branch_code, report_id) DO UPDATE SET pdf = EXCLUDED.pdf
       WHERE month_reports.pdf IS NULL AND EXCLUDED.pdf IS NOT NULL`,
    [
      branch,
      report.reportId,
      report.month,
      report.version,
      report.language,
      report.createdAt,
      report.createdBy,
      JSON.stringify(report.data),
      base64ToBytes(report.xlsx),
      report.pdf === null ? null : base64ToBytes(report.pdf),
      now,
    ],
  );
  return r.rowCount === 1 ? 'accepted' : 'duplicate';
}

/** POST /v1/reports: the request id claimed and the report stored in one transaction. */
export async function applyReport(db: Db, report: ReportEntry, signed: Signed, now: number): Promise<ReportAnswer> {
  await touchBranch(db, signed.branch, now);
  const status = await db.transaction(async (tx) => {
    await claimRequestId(tx, signed, now);
    return storeReport(tx, signed.branch, report, now);
  });
  return { reportId: report.reportId, status, serverTime: now };
}

/** A report as the HQ page lists it. */
export interface HeldReport {
  branchCode: string;
  branchName: string;
  reportId: string;
  month: string;
  version: number;
  language: string;
  createdAt: number;
  createdBy: string;
  receivedAt: number;
  hasPdf: boolean;
  xlsxBytes: number;
  data: MonthReportData;
}

interface ReportRow {
  branch_code: string;
  branch_name: string;
  report_id: string;
  month: string;
  version: number;
  language: string;
  created_at: string | number;
  created_by: string;
  received_at: string | number;
  has_pdf: boolean;
  xlsx_bytes: number;
  data: MonthReportData | string;
}

/**
 * Reports held, newest month first, then by branch, newest version first. `month` narrows to one
 * month; `latestOnly` keeps each branch's newest version of each month.
 */
export async function listReports(db: Queryable, filter: { month?: string; latestOnly?: boolean } = {}): Promise<HeldReport[]> {
  const params: unknown[] = [];
  const where = filter.month ? (params.push(filter.month), 'WHERE r.month = $1') : '';
  const { rows } = await db.query<ReportRow>(
    `SELECT r.branch_code, b.name AS branch_name, r.report_id, r.month, r.version, r.language, r.created_at, r.created_by,
            r.received_at, (r.pdf IS NOT NULL) AS has_pdf, octet_length(r.xlsx) AS xlsx_bytes, r.data
       FROM month_reports r JOIN branches b ON b.code = r.branch_code
       ${where}
      ORDER BY r.month DESC, r.branch_code, r.version DESC`,
    params,
  );
  const all = rows.map((r): HeldReport => ({
    branchCode: r.branch_code,
    branchName: r.branch_name,
    reportId: r.report_id,
    month: r.month,
    version: Number(r.version),
    language: r.language,
    createdAt: Number(r.created_at),
    createdBy: r.created_by,
    receivedAt: Number(r.received_at),
    hasPdf: r.has_pdf,
    xlsxBytes: Number(r.xlsx_bytes),
    data: typeof r.data === 'string' ? (JSON.parse(r.data) as MonthReportData) : r.data,
  }));
  if (!filter.latestOnly) return all;
  const seen = new Set<string>();
  return all.filter((r) => {
    const key = `${r.branchCode} ${r.month}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** One report's file (null: no such report, or no PDF). */
export async function reportFile(
  db: Queryable,
  branch: string,
  reportId: string,
  kind: 'xlsx' | 'pdf',
): Promise<{ bytes: Uint8Array; month: string; version: number } | null> {
  const column = kind === 'xlsx' ? 'xlsx' : 'pdf';
  const { rows } = await db.query<{ bytes: Uint8Array | null; month: string; version: number }>(
    `SELECT ${column} AS bytes, month, version FROM month_reports WHERE branch_code = $1 AND report_id = $2`,
    [branch, reportId],
  );
  const row = rows[0];
  return row?.bytes ? { bytes: row.bytes, month: row.month, version: Number(row.version) } : null;
}
