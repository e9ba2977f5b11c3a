import {
  HEADERS,
  MAX_CLOCK_SKEW_MS,
  REQUEST_ID_RETENTION_MS,
  sha256Hex,
  signatureMatches,
  type SignedParts,
} from '../shared/sync/protocol';
import type { Queryable } from './db/types';
import { RequestError } from './errors';

export interface IncomingRequest {
  method: string;
  /** Path and query exactly as requested. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
}

/** Who sent a request whose signature, body hash and timestamp checked out. */
export interface Signed {
  branch: string;
  requestId: string;
  timestamp: number;
}

const FORMS: Record<keyof typeof HEADERS, RegExp> = {
  branch: /^[A-Z0-9]{2,12}$/,
  timestamp: /^\d{1,16}$/,
  requestId: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  contentSha256: /^[0-9a-f]{64}$/,
  signature: /^v1=[0-9a-f]{64}$/,
};

function signingHeaders(headers: IncomingRequest['headers']): Record<keyof typeof HEADERS, string> {
  const out = {} as Record<keyof typeof HEADERS, string>;
  for (const key of Object.keys(HEADERS) as (keyof typeof HEADERS)[]) {
    const value = headers[HEADERS[key]];
    if (typeof value !== 'string') throw new RequestError('unsigned', `The request lacks the ${HEADERS[key]} header.`);
    if (!FORMS[key].test(value)) throw new RequestError('unsigned', `The ${HEADERS[key]} header is not of its form.`);
    out[key] = value;
  }
  return out;
}

/**
 * Checks a signed request (docs/sync-protocol.md, "Signing every request"): its headers, that the
 * body is the one signed, the branch, the HMAC under its current secret, and the clock.
 * The request id is claimed separately, in the transaction that applies the request.
 */
export async function authenticate(db: Queryable, req: IncomingRequest, body: Uint8Array, now: number): Promise<Signed> {
  const h = signingHeaders(req.headers);
  if (sha256Hex(body) !== h.contentSha256) throw new RequestError('bad_signature', 'The body does not match its signed SHA-256.');
  const { rows } = await db.query<{ secret: string; previous_secret: string | null }>(
    'SELECT secret, previous_secret FROM branches WHERE code = $1',
    [h.branch],
  );
  const branch = rows[0];
  if (!branch) throw new RequestError('unknown_branch', `Branch ${h.branch} is not enrolled at head office.`);
  const timestamp = Number(h.timestamp);
  const parts: SignedParts = {
    method: req.method,
    path: req.url,
    timestamp,
    bodySha256: h.contentSha256,
    requestId: h.requestId,
    branch: h.branch,
  };
  if (!signatureMatches(branch.secret, parts, h.signature)) {
    if (branch.previous_secret && signatureMatches(branch.previous_secret, parts, h.signature))
      throw new RequestError('unknown_branch', `Branch ${h.branch} was enrolled again: enter the new enrolment code.`);
    throw new RequestError('bad_signature', 'The signature does not match.');
  }
  const skew = timestamp - now;
  if (Math.abs(skew) > MAX_CLOCK_SKEW_MS)
    throw new RequestError('clock_skew', `The request's clock is ${Math.round(skew / 1000)} s off head office's.`, {
      detail: `skew_ms=${skew}`,
    });
  return { branch: h.branch, requestId: h.requestId, timestamp };
}

/** Records the request id in the transaction that applies the request; a second use is refused. */
export async function claimRequestId(tx: Queryable, signed: Signed, now: number): Promise<void> {
  const r = await tx.query('INSERT INTO request_ids (request_id, branch_code, at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
    signed.requestId,
    signed.branch,
    now,
  ]);
  if (r.rowCount !== 1) throw new RequestError('replayed', 'This request id was used before.');
}

/** Forgets request ids older than the retention: their timestamps can no longer pass the clock check. */
export async function pruneRequestIds(db: Queryable, now: number): Promise<number> {
  const r = await db.query('DELETE FROM request_ids WHERE at < $1', [now - REQUEST_ID_RETENTION_MS]);
  return r.rowCount;
}

/** Every authenticated request says the branch is alive; a batch also says its app version and backlog. */
export async function touchBranch(db: Queryable, branch: string, now: number, batch?: { appVersion: string; waiting: number }) {
  if (batch)
    await db.query('UPDATE branches SET last_contact_at = $2, app_version = $3, waiting = $4 WHERE code = $1', [
      branch,
      now,
      batch.appVersion,
      batch.waiting,
    ]);
  else await db.query('UPDATE branches SET last_contact_at = $2 WHERE code = $1', [branch, now]);
}
