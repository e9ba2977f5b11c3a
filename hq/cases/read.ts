import { parseStoredEvents } from '../caseEvents';
import type { Db } from '../db/types';

export interface HeldEvent {
  seq: number;
  type: string;
  at: number;
  actor: unknown;
  changes: unknown;
  hash: string;
}

export interface HeldAttachment {
  attachmentId: string;
  name: string;
  type: string;
  size: number;
  sha256: string;
  /** All its bytes are at head office, hash checked. */
  complete: boolean;
}

export interface Flag {
  version: number;
  reason: string;
  detail: string;
  at: number;
}

export interface HeldCase {
  id: string;
  branchCode: string;
  branchName: string | null;
  caseNo: string;
  state: string;
  version: number;
  chainStatus: string;
  receivedAt: number;
  updatedAt: number;
  /** The record as the branch sent it: untrusted data, shape not guaranteed. */
  record: Record<string, unknown>;
  events: HeldEvent[];
  attachments: HeldAttachment[];
  /** Later versions turned away for a chain problem, newest first. */
  flags: Flag[];
}

/** Everything head office holds of one case, or null. */
export async function readCase(db: Db, id: string): Promise<HeldCase | null> {
  const c = await db.query<{
    id: string;
    branch_code: string;
    branch_name: string | null;
    case_no: string;
    state: string;
    version: number;
    chain_status: string;
    received_at: string | number;
    updated_at: string | number;
    record: Record<string, unknown>;
    events: string;
  }>(
    `SELECT c.id, c.branch_code, b.name AS branch_name, c.case_no, c.state, c.version, c.chain_status, c.received_at, c.updated_at, c.record, c.events
     FROM cases c LEFT JOIN branches b ON b.code = c.branch_code WHERE c.id = $1`,
    [id],
  );
  const row = c.rows[0];
  if (!row) return null;
  const [attachments, flags] = await Promise.all([
    db.query<{ attachment_id: string; name: string; type: string; size: number; sha256: string; complete: boolean | null }>(
      `SELECT a.attachment_id, a.name, a.type, a.size, a.sha256, b.complete
       FROM case_attachments a LEFT JOIN blobs b ON b.sha256 = a.sha256 WHERE a.case_id = $1 ORDER BY a.name, a.attachment_id`,
      [id],
    ),
    db.query<{ version: number; reason: string; detail: string; at: string | number }>(
      'SELECT version, reason, detail, at FROM flags WHERE case_id = $1 ORDER BY at DESC, id DESC',
      [id],
    ),
  ]);
  return {
    id: row.id,
    branchCode: row.branch_code,
    branchName: row.branch_name,
    caseNo: row.case_no,
    state: row.state,
    version: Number(row.version),
    chainStatus: row.chain_status,
    receivedAt: Number(row.received_at),
    updatedAt: Number(row.updated_at),
    record: row.record && typeof row.record === 'object' ? row.record : {},
    events: parseStoredEvents(row.events).map(({ seq, type, at, actor, changes, hash }) => ({ seq, type, at, actor, changes, hash })),
    attachments: attachments.rows.map((a) => ({
      attachmentId: a.attachment_id,
      name: a.name,
      type: a.type,
      size: Number(a.size),
      sha256: a.sha256,
      complete: a.complete === true,
    })),
    flags: flags.rows.map((f) => ({ ...f, version: Number(f.version), at: Number(f.at) })),
  };
}

/** One attachment of a case with its bytes, or null when the case does not name it or its bytes are not all here. */
export async function readAttachment(db: Db, caseId: string, attachmentId: string): Promise<(HeldAttachment & { bytes: Buffer }) | null> {
  const { rows } = await db.query<{ name: string; type: string; size: number; sha256: string }>(
    `SELECT a.name, a.type, a.size, a.sha256 FROM case_attachments a JOIN blobs b ON b.sha256 = a.sha256 AND b.complete
     WHERE a.case_id = $1 AND a.attachment_id = $2`,
    [caseId, attachmentId],
  );
  const a = rows[0];
  if (!a) return null;
  const pieces = await db.query<{ bytes: Uint8Array }>('SELECT bytes FROM blob_chunks WHERE sha256 = $1 ORDER BY at_offset', [a.sha256]);
  return {
    attachmentId,
    name: a.name,
    type: a.type,
    size: Number(a.size),
    sha256: a.sha256,
    complete: true,
    bytes: Buffer.concat(pieces.rows.map((p) => p.bytes)),
  };
}
