import { createHash } from 'node:crypto';
import { PARTS, type Manifest } from '../shared/export/format';
import {
  ExportFileError,
  manifestSignedWith,
  openExportFile,
  readEntries,
  readReports,
  type ExportFileProblem,
} from '../shared/export/read';
import { BLOB_CHUNK_BYTES, type CaseEntry, type CaseResult, type ReportEntry } from '../shared/sync/protocol';
import type { Db, Queryable } from './db/types';
import { RequestError } from './errors';
import { applyEntries, prepareEntries } from './ingest';
import { parseJson, unstorable } from './json';
import { storeReport } from './reports';

/** What became of an export file at head office (docs/export-file.md, "Head office"). */
export type ImportOutcome =
  | {
      status: 'imported';
      fileId: string;
      branch: string;
      period: Manifest['period'];
      results: (CaseResult & { caseNo: string })[];
      /** The monthly reports the file carried (version 2 files), each stored once per id. */
      reports: { reportId: string; month: string; version: number; status: 'accepted' | 'duplicate' }[];
    }
  | { status: 'already_imported'; fileId: string; branch: string; period: Manifest['period']; importedAt: number }
  | { status: 'refused'; problem: ExportFileProblem; message: string };

/** One NDJSON line read as head office reads a batch body (prototype keys refused). */
function parseLine(text: string): unknown {
  try {
    return parseJson(text);
  } catch (e) {
    throw new Error(e instanceof RequestError ? e.message : String(e), { cause: e });
  }
}

/** Everything that needs no write: the file, the branch, the signature with its current secret, the cases. */
async function verify(
  db: Queryable,
  bytes: Uint8Array,
): Promise<{ manifest: Manifest; entries: CaseEntry[]; reports: ReportEntry[]; blobs: Map<string, Uint8Array> }> {
  const opened = openExportFile(bytes);
  const { manifest } = opened;
  const { rows } = await db.query<{ secret: string; previous_secret: string | null }>(
    'SELECT secret, previous_secret FROM branches WHERE code = $1',
    [manifest.branch],
  );
  const branch = rows[0];
  if (!branch) throw new ExportFileError('unknown_branch', `branch ${manifest.branch} is not enrolled at head office`);
  if (!manifestSignedWith(manifest, branch.secret)) {
    if (branch.previous_secret && manifestSignedWith(manifest, branch.previous_secret))
      throw new ExportFileError('bad_signature', `signed with branch ${manifest.branch}'s old secret: it was enrolled again since`);
    throw new ExportFileError(
      'bad_signature',
      `the signature is not branch ${manifest.branch}'s (a changed manifest, or another branch's file)`,
    );
  }
  const entries = readEntries(opened, parseLine);
  const reports = readReports(opened, parseLine);
  for (const report of reports) {
    const problem = unstorable(report);
    if (problem) throw new ExportFileError('bad_content', `report ${report.reportId}: ${problem}`.slice(0, 300));
  }
  const foreign = entries.find((e) => e.record.branchCode !== manifest.branch);
  if (foreign) throw new ExportFileError('foreign_case', `case ${foreign.record.caseNo} is of branch ${foreign.record.branchCode}`);
  for (const entry of entries) {
    const problem = unstorable(entry);
    if (problem) throw new ExportFileError('bad_content', `case ${entry.caseId}: ${problem}`.slice(0, 300));
  }
  const blobs = new Map<string, Uint8Array>();
  for (const a of entries.flatMap((e) => e.attachments)) {
    const data = opened.parts.get(`${PARTS.attachmentPrefix}${a.sha256}`)!;
    if (data.byteLength !== a.size)
      throw new ExportFileError('bad_content', `attachment ${a.sha256} is ${data.byteLength} bytes, its case says ${a.size}`);
    blobs.set(a.sha256, data);
  }
  return { manifest, entries, reports, blobs };
}

/** An attachment from the file, held in full as if uploaded online; one already complete is left as it is. */
async function storeBlob(tx: Queryable, sha: string, data: Uint8Array, now: number): Promise<void> {
  await tx.query('INSERT INTO blobs (sha256, total, received, created_at) VALUES ($1, $2, 0, $3) ON CONFLICT DO NOTHING', [
    sha,
    data.byteLength,
    now,
  ]);
  const { rows } = await tx.query<{ complete: boolean }>('SELECT complete FROM blobs WHERE sha256 = $1 FOR UPDATE', [sha]);
  if (rows[0]!.complete) return;
  // An online upload cut off half-way: the file's bytes (their SHA-256 checked) replace its pieces.
  await tx.query('DELETE FROM blob_chunks WHERE sha256 = $1', [sha]);
  for (let offset = 0; offset < data.byteLength; offset += BLOB_CHUNK_BYTES)
    await tx.query('INSERT INTO blob_chunks (sha256, at_offset, bytes) VALUES ($1, $2, $3)', [
      sha,
      offset,
      data.subarray(offset, offset + BLOB_CHUNK_BYTES),
    ]);
  await tx.query('UPDATE blobs SET total = $2, received = $2, complete = true, completed_at = $3 WHERE sha256 = $1', [
    sha,
    data.byteLength,
    now,
  ]);
}

/**
 * Imports an export file: checks it whole first (size, zip-bomb guard, manifest, branch, HMAC with
 * that branch's current secret, every part's SHA-256, every case of that branch), then applies it
 * in one transaction through the same ingest and chain verification as the online sync. A file
 * refused is refused whole; one imported before changes nothing. Never throws for a bad file.
 */
export async function importExportFile(db: Db, bytes: Uint8Array, now: number): Promise<ImportOutcome> {
  try {
    const { manifest, entries, reports, blobs } = await verify(db, bytes);
    const { fileId, branch, period } = manifest;
    const fileSha = createHash('sha256').update(bytes).digest('hex');
    const prepared = prepareEntries({ branch, sourceId: fileId, cases: entries });
    return await db.transaction(async (tx): Promise<ImportOutcome> => {
      const claimed = await tx.query(
        `INSERT INTO import_files (file_id, branch_code, period_from, period_to, created_at, imported_at, file_sha256, cases, accepted, duplicate, rejected)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, 0, 0) ON CONFLICT DO NOTHING`,
        [fileId, branch, period.from, period.to, manifest.createdAt, now, fileSha, entries.length],
      );
      if (claimed.rowCount !== 1) {
        const { rows } = await tx.query<{ imported_at: number }>('SELECT imported_at FROM import_files WHERE file_id = $1', [fileId]);
        return { status: 'already_imported', fileId, branch, period, importedAt: Number(rows[0]!.imported_at) };
      }
      for (const [sha, data] of blobs) await storeBlob(tx, sha, data, now);
      const results = await applyEntries(tx, prepared, now);
      const storedReports = [];
      for (const r of reports)
        storedReports.push({ reportId: r.reportId, month: r.month, version: r.version, status: await storeReport(tx, branch, r, now) });
      const tally = (status: CaseResult['status']) => results.filter((r) => r.status === status).length;
      await tx.query('UPDATE import_files SET accepted = $2, duplicate = $3, rejected = $4 WHERE file_id = $1', [
        fileId,
        tally('accepted'),
        tally('duplicate'),
        tally('rejected'),
      ]);
      // The file says the branch was alive when it wrote it.
      await tx.query('UPDATE branches SET last_contact_at = GREATEST(COALESCE(last_contact_at, 0), $2) WHERE code = $1', [
        branch,
        manifest.createdAt,
      ]);
      return {
        status: 'imported',
        fileId,
        branch,
        period,
        results: results.map((r, i) => ({ ...r, caseNo: entries[i]!.record.caseNo })),
        reports: storedReports,
      };
    });
  } catch (e) {
    if (e instanceof ExportFileError) return { status: 'refused', problem: e.code, message: e.message };
    if (e instanceof RequestError && e.code === 'foreign_case') return { status: 'refused', problem: 'foreign_case', message: e.message };
    // A value the database refuses (SQLSTATE class 22: data exception; 54: too complex) is bad input.
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^(22|54)/.test(code))
      return {
        status: 'refused',
        problem: 'bad_content',
        message: `head office cannot store a value of this file: ${(e as Error).message}`,
      };
    throw e;
  }
}

/** The outcome as lines for the terminal: the file, then one line per case. */
export function describeImport(file: string, outcome: ImportOutcome): string[] {
  if (outcome.status === 'refused') return [`Refused ${file} (${outcome.problem}): ${outcome.message}. Nothing of it was applied.`];
  const head = `${outcome.branch} ${outcome.period.from} – ${outcome.period.to}, file ${outcome.fileId}`;
  if (outcome.status === 'already_imported')
    return [`Already imported: ${head}, on ${new Date(outcome.importedAt).toISOString()}. Nothing changed.`];
  const n = (s: string) => outcome.results.filter((r) => r.status === s).length;
  return [
    `Imported ${head}: ${outcome.results.length} cases, ${n('accepted')} accepted, ${n('duplicate')} already held, ${n('rejected')} rejected.`,
    ...outcome.results.map((r) => `  ${r.caseNo}  ${r.status}${r.status === 'rejected' ? `  ${r.reason}: ${r.detail}` : ''}`),
    ...outcome.reports.map((r) => `  monthly report ${r.month} v${r.version}  ${r.status}`),
  ];
}
