import { v7 as uuidv7 } from 'uuid';
import type { Enrolment } from './enrolment';
import { sha256Hex, signedHeaders } from './protocol';

/** An HTTP request to head office, signed and ready for a transport. */
export interface SyncRequest {
  method: 'GET' | 'POST' | 'PUT';
  /** Head office's address and the path (with its query). */
  url: string;
  headers: Record<string, string>;
  body?: Uint8Array;
}

export interface RequestParts {
  method: SyncRequest['method'];
  /** Path and query exactly as signed (`/v1/blobs/ab…?offset=0&total=10`). */
  path: string;
  body?: Uint8Array;
  now: number;
  /** A fresh UUID v7 for every request (a batch's id); never reused, even on retry. */
  requestId?: string;
  contentType?: string;
  /** The body's bytes are gzip-compressed (the signature covers them as sent). */
  gzip?: boolean;
}

/** Signs a request with the branch's secret (shared/sync/protocol.ts: the string to sign and its headers). */
export function signedRequest(enrolment: Enrolment, parts: RequestParts): SyncRequest {
  const body = parts.body ?? new Uint8Array(0);
  const headers = signedHeaders(enrolment.secret, {
    method: parts.method,
    path: parts.path,
    timestamp: parts.now,
    bodySha256: sha256Hex(body),
    requestId: parts.requestId ?? uuidv7(),
    branch: enrolment.branch,
  });
  if (parts.contentType) headers['content-type'] = parts.contentType;
  if (parts.gzip) headers['content-encoding'] = 'gzip';
  const request: SyncRequest = { method: parts.method, url: enrolment.hqUrl + parts.path, headers };
  if (parts.body) request.body = parts.body;
  return request;
}
