import { createHash } from 'node:crypto';
import { BLOB_CHUNK_BYTES, MAX_BLOB_BYTES, type BlobStatus } from '../shared/sync/protocol';
import { claimRequestId, type Signed } from './auth';
import type { Db, Queryable } from './db/types';
import { RequestError } from './errors';

const SHA256 = /^[0-9a-f]{64}$/;
const COUNT = /^\d{1,10}$/;

export function checkSha(sha: string): string {
  if (!SHA256.test(sha)) throw new RequestError('malformed', 'An attachment is named by its SHA-256 in lower-case hex.');
  return sha;
}

async function status(q: Queryable, sha: string): Promise<BlobStatus> {
  const { rows } = await q.query<{ total: number; received: number; complete: boolean }>(
    'SELECT total, received, complete FROM blobs WHERE sha256 = $1',
    [sha],
  );
  const row = rows[0];
  return row
    ? { sha256: sha, received: Number(row.received), total: Number(row.total), complete: row.complete }
    : { sha256: sha, received: 0, total: null, complete: false };
}

/** GET /v1/blobs/<sha256>: how much of it head office holds. */
export async function blobStatus(db: Db, sha: string, signed: Signed, now: number): Promise<BlobStatus> {
  return db.transaction(async (tx) => {
    await claimRequestId(tx, signed, now);
    return status(tx, sha);
  });
}

export interface Piece {
  sha: string;
  offset: string | undefined;
  total: string | undefined;
  bytes: Uint8Array;
}

/**
 * PUT /v1/blobs/<sha256>?offset=N&total=T: appends a piece at exactly the offset head office has
 * reached. When the last piece arrives the whole is hashed: a mismatch discards the upload.
 */
export async function putPiece(db: Db, piece: Piece, signed: Signed, now: number): Promise<BlobStatus> {
  const { sha, bytes } = piece;
  if (!COUNT.test(piece.offset ?? '') || !COUNT.test(piece.total ?? ''))
    throw new RequestError('malformed', 'A piece needs ?offset=<bytes held>&total=<size>, whole numbers.');
  const offset = Number(piece.offset);
  const total = Number(piece.total);
  if (total > MAX_BLOB_BYTES) throw new RequestError('too_large', `An attachment may be at most ${MAX_BLOB_BYTES} bytes.`);
  if (total < 1) throw new RequestError('malformed', 'An attachment has at least one byte.');
  if (bytes.length < 1 || bytes.length > BLOB_CHUNK_BYTES)
    throw new RequestError('malformed', `A piece has 1 to ${BLOB_CHUNK_BYTES} bytes; this one has ${bytes.length}.`);
  if (offset + bytes.length > total) throw new RequestError('malformed', 'The piece goes past the attachment’s total size.');

  const outcome = await db.transaction(async (tx) => {
    await claimRequestId(tx, signed, now);
    await tx.query('INSERT INTO blobs (sha256, total, received, created_at) VALUES ($1, $2, 0, $3) ON CONFLICT DO NOTHING', [
      sha,
      total,
      now,
    ]);
    const { rows } = await tx.query<{ total: number; received: number; complete: boolean }>(
      'SELECT total, received, complete FROM blobs WHERE sha256 = $1 FOR UPDATE',
      [sha],
    );
    const held = rows[0]!;
    const received = Number(held.received);
    if (held.complete) return { kind: 'status' as const };
    if (Number(held.total) !== total)
      throw new RequestError('malformed', `The upload in progress is ${held.total} bytes in total, not ${total}.`);
    if (offset !== received)
      throw new RequestError('blob_offset', `Head office holds ${received} bytes of this attachment; send from there.`, { received });
    await tx.query('INSERT INTO blob_chunks (sha256, at_offset, bytes) VALUES ($1, $2, $3)', [sha, offset, bytes]);
    const reached = received + bytes.length;
    if (reached < total) {
      await tx.query('UPDATE blobs SET received = $2 WHERE sha256 = $1', [sha, reached]);
      return { kind: 'status' as const };
    }
    if ((await hashOf(tx, sha)) !== sha) {
      await tx.query('DELETE FROM blobs WHERE sha256 = $1', [sha]); // its pieces go with it (cascade)
      return { kind: 'mismatch' as const };
    }
    await tx.query('UPDATE blobs SET received = $2, complete = true, completed_at = $3 WHERE sha256 = $1', [sha, reached, now]);
    return { kind: 'status' as const };
  });
  if (outcome.kind === 'mismatch')
    throw new RequestError('blob_hash_mismatch', 'The uploaded bytes do not have this SHA-256; the upload was discarded.', { received: 0 });
  return status(db, sha);
}

/** SHA-256 of the pieces held, one piece at a time. */
async function hashOf(tx: Queryable, sha: string): Promise<string> {
  const hash = createHash('sha256');
  const { rows } = await tx.query<{ at_offset: number }>('SELECT at_offset FROM blob_chunks WHERE sha256 = $1 ORDER BY at_offset', [sha]);
  for (const { at_offset } of rows) {
    const piece = await tx.query<{ bytes: Uint8Array }>('SELECT bytes FROM blob_chunks WHERE sha256 = $1 AND at_offset = $2', [
      sha,
      at_offset,
    ]);
    hash.update(piece.rows[0]!.bytes);
  }
  return hash.digest('hex');
}
