import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { MAX_BATCH_BYTES, batchSchema, type Batch, type BatchAnswer, type CaseEntry, type CaseResult } from '../shared/sync/protocol';
import { claimRequestId, touchBranch, type Signed } from './auth';
import { judgeCase, type HeldCase } from './chain';
import type { Db, Queryable } from './db/types';
import { RequestError } from './errors';
import { parseJsonBody, unstorable } from './json';

const gunzipAsync = promisify(gunzip);
/** Namespace of the per-case advisory locks (the second key is the case id's hash). */
const CASE_LOCK = 7_001;

/** The body as the branch wrote it: gunzipped when it says so, never beyond MAX_BATCH_BYTES. */
export async function decodeBody(raw: Uint8Array, encoding: string | undefined): Promise<Uint8Array> {
  const coding = (encoding ?? 'identity').trim().toLowerCase();
  if (coding === 'identity' || coding === '') return raw;
  if (coding !== 'gzip') throw new RequestError('unsupported_media_type', `Content-Encoding ${coding} is not accepted (gzip is).`);
  try {
    return await gunzipAsync(raw, { maxOutputLength: MAX_BATCH_BYTES });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError)
      throw new RequestError('too_large', `The body exceeds ${MAX_BATCH_BYTES} bytes after gunzip.`);
    throw new RequestError('malformed', 'The body is not valid gzip.');
  }
}

/** Parses and checks a batch against its signed headers; refuses it whole when anything is off. */
export function readBatch(body: Uint8Array, signed: Signed): Batch {
  const json = parseJsonBody(body);
  const problem = unstorable(json);
  if (problem) throw new RequestError('invalid_batch', 'The batch holds values head office cannot store.', { detail: problem });
  const parsed = batchSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new RequestError('invalid_batch', 'The body is not a valid batch.', {
      detail: `${issue.path.join('.') || '(body)'}: ${issue.message}`.slice(0, 500),
    });
  }
  const batch = parsed.data;
  if (batch.batchId !== signed.requestId) throw new RequestError('invalid_batch', 'The batch id is not the signed request id.');
  if (batch.branch !== signed.branch) throw new RequestError('invalid_batch', 'The batch names another branch than the signed one.');
  return batch;
}

/**
 * Applies a checked batch in one transaction: the request id, then each case in order. A case of
 * another branch refuses the whole batch (rolled back); chain problems are flagged, never applied.
 */
export async function applyBatch(db: Db, batch: Batch, signed: Signed, now: number): Promise<BatchAnswer> {
  await touchBranch(db, signed.branch, now, batch);
  const results = await db.transaction(async (tx) => {
    await claimRequestId(tx, signed, now);
    // Locks in a fixed order, so two batches touching the same cases cannot deadlock.
    for (const id of [...new Set(batch.cases.map((c) => c.caseId))].sort())
      await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [CASE_LOCK, id]);
    const out: CaseResult[] = [];
    for (const entry of batch.cases) out.push(await applyCase(tx, entry, signed, batch.batchId, now));
    return out;
  });
  return { batchId: batch.batchId, serverTime: now, results };
}

async function applyCase(tx: Queryable, entry: CaseEntry, signed: Signed, batchId: string, now: number): Promise<CaseResult> {
  const { caseId, version } = entry;
  if (entry.record.branchCode !== signed.branch)
    throw new RequestError('foreign_case', `Case ${caseId} is of branch ${entry.record.branchCode}.`, { detail: caseId });
  const held = await loadHeld(tx, caseId, signed.branch);
  const verdict = judgeCase(entry, held);
  if (verdict.status === 'duplicate') return { caseId, version, status: 'duplicate' };
  if (verdict.status === 'rejected') {
    if (verdict.flag)
      await tx.query(
        'INSERT INTO flags (branch_code, case_id, version, reason, detail, batch_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [signed.branch, caseId, version, verdict.reason, verdict.detail, batchId, now],
      );
    return { caseId, version, status: 'rejected', reason: verdict.reason, detail: verdict.detail };
  }
  const missing = await missingAttachments(tx, entry);
  if (missing) return { caseId, version, status: 'rejected', reason: 'attachment_missing', detail: missing };
  await storeCase(tx, entry, signed.branch, verdict.held, held !== null, now);
  return { caseId, version, status: 'accepted' };
}

async function loadHeld(tx: Queryable, caseId: string, branch: string): Promise<HeldCase | null> {
  const { rows } = await tx.query<{ branch_code: string; version: number; head_seq: number; head_hash: string }>(
    'SELECT branch_code, version, head_seq, head_hash FROM cases WHERE id = $1',
    [caseId],
  );
  const row = rows[0];
  if (!row) return null;
  if (row.branch_code !== branch)
    throw new RequestError('foreign_case', `Case ${caseId} is held for branch ${row.branch_code}.`, { detail: caseId });
  const events = await tx.query<{ hash: string }>('SELECT hash FROM events WHERE case_id = $1 ORDER BY seq', [caseId]);
  return { version: row.version, headSeq: row.head_seq, headHash: row.head_hash, hashes: events.rows.map((e) => e.hash) };
}

/** Why the case's attachments are not all at head office in full, or null. */
async function missingAttachments(tx: Queryable, entry: CaseEntry): Promise<string | null> {
  if (!entry.attachments.length) return null;
  const shas = [...new Set(entry.attachments.map((a) => a.sha256))];
  const { rows } = await tx.query<{ sha256: string; total: number }>(
    'SELECT sha256, total FROM blobs WHERE complete AND sha256 IN (SELECT jsonb_array_elements_text($1::jsonb))',
    [JSON.stringify(shas)],
  );
  const held = new Map(rows.map((r) => [r.sha256, Number(r.total)]));
  const absent = entry.attachments.filter((a) => !held.has(a.sha256));
  if (absent.length) return `not uploaded in full: ${absent.map((a) => a.sha256).join(', ')}`.slice(0, 1000);
  const wrongSize = entry.attachments.find((a) => held.get(a.sha256) !== a.size);
  if (wrongSize) return `${wrongSize.sha256} is ${held.get(wrongSize.sha256)} bytes at head office, the case says ${wrongSize.size}`;
  return null;
}

async function storeCase(tx: Queryable, entry: CaseEntry, branch: string, heldEvents: number, exists: boolean, now: number) {
  const { caseId, version, record, events, attachments } = entry;
  const head = record.ledgerHead;
  const values = [caseId, branch, record.caseNo, record.state, version, JSON.stringify(record), head.seq, head.hash, now];
  if (exists)
    await tx.query(
      `UPDATE cases SET case_no = $3, state = $4, version = $5, record = $6::jsonb, head_seq = $7, head_hash = $8,
         chain_status = 'verified', updated_at = $9 WHERE id = $1 AND branch_code = $2`,
      values,
    );
  else
    await tx.query(
      `INSERT INTO cases (id, branch_code, case_no, state, version, record, head_seq, head_hash, chain_status, received_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, 'verified', $9, $9)`,
      values,
    );
  const appended = events.slice(heldEvents).map((e) => ({
    seq: e.seq,
    type: e.type,
    at: e.at,
    actor: e.actor,
    changes: e.changes,
    prev_hash: e.prevHash,
    hash: e.hash,
  }));
  if (appended.length)
    await tx.query(
      `INSERT INTO events (case_id, seq, type, at, actor, changes, prev_hash, hash)
       SELECT $1, x.seq, x.type, x.at, x.actor, x.changes, x.prev_hash, x.hash
       FROM jsonb_to_recordset($2::jsonb) AS x(seq integer, type text, at bigint, actor jsonb, changes jsonb, prev_hash text, hash text)`,
      [caseId, JSON.stringify(appended)],
    );
  await tx.query('DELETE FROM case_attachments WHERE case_id = $1', [caseId]);
  if (attachments.length)
    await tx.query(
      `INSERT INTO case_attachments (case_id, attachment_id, sha256, name, type, size)
       SELECT $1, x.id, x.sha256, x.name, x.type, x.size
       FROM jsonb_to_recordset($2::jsonb) AS x(id text, sha256 text, name text, type text, size integer)`,
      [caseId, JSON.stringify(attachments)],
    );
}
