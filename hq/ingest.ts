import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { MAX_BATCH_BYTES, batchSchema, type Batch, type BatchAnswer, type CaseEntry, type CaseResult } from '../shared/sync/protocol';
import { claimRequestId, touchBranch, type Signed } from './auth';
import { CASE_COLUMNS_SQL, caseColumns, caseColumnValues } from './cases/columns';
import { checkOwnChain, judgeAgainstHeld, type HeldCase } from './chain';
import { parseStoredEvents } from './caseEvents';
import type { Db, Queryable } from './db/types';
import { RequestError } from './errors';
import { decodeUtf8, parseJson, unstorable } from './json';

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
  const text = decodeUtf8(body);
  const json = parseJson(text);
  const problem = unstorable(json, text);
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
  const prepared = prepareEntries({ branch: signed.branch, sourceId: batch.batchId, cases: batch.cases });
  await touchBranch(db, signed.branch, now, batch);
  const results = await db.transaction(async (tx) => {
    await claimRequestId(tx, signed, now);
    return applyEntries(tx, prepared, now);
  });
  return { batchId: batch.batchId, serverTime: now, results };
}

/** Cases of one branch from one source: an online batch, or an export file (hq/import.ts). */
export interface EntriesOf {
  branch: string;
  /** The batch id or the file id, recorded with any flag raised. */
  sourceId: string;
  cases: readonly CaseEntry[];
}

/** A case ready for the transaction: its own chain judged, and the row head office would store. */
interface PreparedCase {
  entry: CaseEntry;
  /** Why its own chain fails (checkOwnChain), or null. */
  own: ReturnType<typeof checkOwnChain>;
  /** The row's values after (id, branch): case_no … events, then the list's columns. */
  row: unknown[];
}

/** Cases checked and turned into rows before the transaction (see applyEntries). */
export interface PreparedEntries extends Omit<EntriesOf, 'cases'> {
  cases: PreparedCase[];
}

/**
 * The part of ingest that needs no database: the branch of every case, each chain's own hashes and
 * the rows to store. Done before the transaction, so a batch being checked does not hold the
 * database while another one is written. A case of another branch throws `foreign_case`.
 */
export function prepareEntries({ branch, sourceId, cases }: EntriesOf): PreparedEntries {
  const foreign = cases.find((c) => c.record.branchCode !== branch);
  if (foreign)
    throw new RequestError('foreign_case', `Case ${foreign.caseId} is of branch ${foreign.record.branchCode}.`, {
      detail: foreign.caseId,
    });
  return {
    branch,
    sourceId,
    cases: cases.map((entry) => {
      const own = checkOwnChain(entry);
      const { record, version, events } = entry;
      const row: unknown[] = own
        ? []
        : [
            record.caseNo,
            record.state,
            version,
            JSON.stringify(record),
            record.ledgerHead.seq,
            record.ledgerHead.hash,
            JSON.stringify(events),
          ];
      if (!own) row.push(...caseColumnValues(caseColumns(record)));
      return { entry, own, row };
    }),
  };
}

/**
 * The core of ingest, inside the caller's transaction: each prepared case judged in order against
 * what head office holds and stored or flagged. A case held for another branch throws
 * `foreign_case` (the caller's transaction rolls back). Reads and writes go in bulk, a few
 * statements a batch: a round trip per case would make a large backlog take minutes.
 */
export async function applyEntries(tx: Queryable, { branch, sourceId, cases }: PreparedEntries, now: number): Promise<CaseResult[]> {
  // Locks in a fixed order, so two batches touching the same cases cannot deadlock.
  const ids = [...new Set(cases.map((c) => c.entry.caseId))].sort();
  await tx.query('SELECT count(pg_advisory_xact_lock($1, hashtext(id))) FROM jsonb_array_elements_text($2::jsonb) AS id', [
    CASE_LOCK,
    JSON.stringify(ids),
  ]);
  const held = await loadHeld(tx, ids, branch);
  const blobs = await completeBlobs(
    tx,
    cases.map((c) => c.entry),
  );
  const writes = new Writes();
  const out = cases.map((entry) => judgeEntry(entry, held, blobs, writes, branch, sourceId, now));
  await writes.flush(tx, branch, now);
  return out;
}

/** One case of the batch against what head office holds, including earlier cases of the same batch. */
function judgeEntry(
  { entry, own, row }: PreparedCase,
  held: Map<string, HeldCase>,
  blobs: Map<string, number>,
  writes: Writes,
  branch: string,
  batchId: string,
  now: number,
): CaseResult {
  const { caseId, version } = entry;
  const before = held.get(caseId) ?? null;
  const verdict = own ?? judgeAgainstHeld(entry, before);
  if (verdict.status === 'duplicate') return { caseId, version, status: 'duplicate' };
  if (verdict.status === 'rejected') {
    if (verdict.flag)
      writes.flags.push({ case_id: caseId, version, reason: verdict.reason, detail: verdict.detail, batch_id: batchId, at: now });
    return { caseId, version, status: 'rejected', reason: verdict.reason, detail: verdict.detail };
  }
  const missing = missingAttachments(entry, blobs);
  if (missing) return { caseId, version, status: 'rejected', reason: 'attachment_missing', detail: missing };
  writes.store(entry, row, before !== null || writes.cases.has(caseId));
  const head = entry.record.ledgerHead;
  held.set(caseId, { version, headSeq: head.seq, headHash: head.hash, hashes: entry.events.map((e) => e.hash) });
  return { caseId, version, status: 'accepted' };
}

/** What head office holds of these cases (a case held for another branch refuses the batch). */
async function loadHeld(tx: Queryable, ids: string[], branch: string): Promise<Map<string, HeldCase>> {
  const { rows } = await tx.query<{
    id: string;
    branch_code: string;
    version: number;
    head_seq: number;
    head_hash: string;
    events: string;
  }>('SELECT id, branch_code, version, head_seq, head_hash, events FROM cases WHERE id = ANY($1::text[])', [ids]);
  const other = rows.find((r) => r.branch_code !== branch);
  if (other) throw new RequestError('foreign_case', `Case ${other.id} is held for branch ${other.branch_code}.`, { detail: other.id });
  return new Map(
    rows.map((r) => [
      r.id,
      { version: r.version, headSeq: r.head_seq, headHash: r.head_hash, hashes: parseStoredEvents(r.events).map((e) => e.hash) },
    ]),
  );
}

/** Attachments of the batch head office holds in full, with their sizes. */
async function completeBlobs(tx: Queryable, entries: readonly CaseEntry[]): Promise<Map<string, number>> {
  const shas = [...new Set(entries.flatMap((e) => e.attachments.map((a) => a.sha256)))];
  if (!shas.length) return new Map();
  const { rows } = await tx.query<{ sha256: string; total: number }>(
    'SELECT sha256, total FROM blobs WHERE complete AND sha256 = ANY($1::text[])',
    [shas],
  );
  return new Map(rows.map((r) => [r.sha256, Number(r.total)]));
}

/** Why the case's attachments are not all at head office in full, or null. */
function missingAttachments(entry: CaseEntry, held: Map<string, number>): string | null {
  const absent = entry.attachments.filter((a) => !held.has(a.sha256));
  if (absent.length) return `not uploaded in full: ${absent.map((a) => a.sha256).join(', ')}`.slice(0, 1000);
  const wrongSize = entry.attachments.find((a) => held.get(a.sha256) !== a.size);
  if (wrongSize) return `${wrongSize.sha256} is ${held.get(wrongSize.sha256)} bytes at head office, the case says ${wrongSize.size}`;
  return null;
}

/** The batch's writes, collected while its cases are judged and sent in a handful of statements. */
class Writes {
  /** Newest accepted version of each case (a batch may carry two versions of one case), and whether head office held it. */
  readonly cases = new Map<string, { entry: CaseEntry; row: unknown[]; exists: boolean }>();
  readonly flags: Record<string, unknown>[] = [];

  store(entry: CaseEntry, row: unknown[], exists: boolean): void {
    this.cases.set(entry.caseId, { entry, row, exists });
  }

  async flush(tx: Queryable, branch: string, now: number): Promise<void> {
    if (this.flags.length)
      await tx.query(
        `INSERT INTO flags (branch_code, case_id, version, reason, detail, batch_id, at)
         SELECT $1, x.case_id, x.version, x.reason, x.detail, x.batch_id, x.at
         FROM jsonb_to_recordset($2::jsonb) AS x(case_id text, version integer, reason text, detail text, batch_id text, at bigint)`,
        [branch, JSON.stringify(this.flags)],
      );
    if (!this.cases.size) return;
    // Plain parameters: the chain goes in as the text it was verified from, parsed by nobody on the way.
    const params: unknown[] = [branch, now];
    const values = [...this.cases.values()].map(({ entry: { caseId }, row }) => {
      const at = params.length;
      params.push(caseId, ...row);
      const p = (n: number) => `$${at + n}`;
      return `(${p(1)}, $1, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}::jsonb, ${p(6)}, ${p(7)}, ${p(8)}, 'verified', $2, $2, ${CASE_COLUMNS_SQL.placeholders(at + 9)})`;
    });
    await tx.query(
      `INSERT INTO cases (id, branch_code, case_no, state, version, record, head_seq, head_hash, events, chain_status, received_at, updated_at, ${CASE_COLUMNS_SQL.names})
       VALUES ${values.join(', ')}
       ON CONFLICT (id) DO UPDATE SET case_no = EXCLUDED.case_no, state = EXCLUDED.state, version = EXCLUDED.version,
         record = EXCLUDED.record, head_seq = EXCLUDED.head_seq, head_hash = EXCLUDED.head_hash, events = EXCLUDED.events,
         chain_status = 'verified', updated_at = EXCLUDED.updated_at, ${CASE_COLUMNS_SQL.excluded}
       WHERE cases.branch_code = EXCLUDED.branch_code`,
      params,
    );
    const replaced = [...this.cases.values()].filter((c) => c.exists).map((c) => c.entry.caseId);
    if (replaced.length) await tx.query('DELETE FROM case_attachments WHERE case_id = ANY($1::text[])', [replaced]);
    const attachments = [...this.cases.values()].flatMap(({ entry }) => entry.attachments.map((a) => ({ case_id: entry.caseId, ...a })));
    if (attachments.length)
      await tx.query(
        `INSERT INTO case_attachments (case_id, attachment_id, sha256, name, type, size)
         SELECT x.case_id, x.id, x.sha256, x.name, x.type, x.size
         FROM jsonb_to_recordset($1::jsonb) AS x(case_id text, id text, sha256 text, name text, type text, size integer)`,
        [JSON.stringify(attachments)],
      );
  }
}
