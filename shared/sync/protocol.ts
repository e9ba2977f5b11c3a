import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { z } from 'zod';
import type { PublishedCalendar } from '../deadlines/published';
import type { PublishedPolicy } from '../deadlines/publishedPolicies';
import { actorSchema } from '../domain/case';
import { branchCodeSchema } from '../domain/caseNumber';
import { EVENT_TYPES } from '../domain/enums';
import { monthReportDataSchema, reportLanguageSchema, reportMonthSchema } from '../reports/data';
import { MAX_ATTACHMENT_BYTES } from '../workflow/commands';

/**
 * The branch ⇄ head-office sync protocol, version 1 (docs/sync-protocol.md is its prose). Both
 * sides import this module: the branch's engine (shared/sync/engine.ts) builds and signs requests
 * with it, head office (hq/) checks them with the same schemas and the same string to sign.
 */
export const PROTOCOL_VERSION = 1;

/** Request headers of a signed request (lower case: HTTP header names are case-insensitive). */
export const HEADERS = {
  branch: 'x-countersign-branch',
  /** Milliseconds since the epoch, as decimal digits. */
  timestamp: 'x-countersign-timestamp',
  /** A fresh UUID per request; for a batch it equals the body's batchId. Never reused, even on retry. */
  requestId: 'x-countersign-request',
  /** Hex SHA-256 of the body bytes exactly as sent (after any gzip), of zero bytes when there is no body. */
  contentSha256: 'x-countersign-content-sha256',
  /** `v1=` and the hex HMAC-SHA256 of stringToSign() under the branch secret. */
  signature: 'x-countersign-signature',
} as const;

/** A request's timestamp may differ from head office's clock by at most this much. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;
/** Head office remembers request ids at least this long (twice the skew window): a replay inside the window is caught. */
export const REQUEST_ID_RETENTION_MS = 2 * MAX_CLOCK_SKEW_MS;
/** Largest batch body head office accepts, as sent and after gunzip (413 above either). */
export const MAX_BATCH_BYTES = 8 * 1024 * 1024;
/**
 * What the engine aims for per batch (JSON before gzip, which shrinks it several times); one
 * case larger than this still goes alone. Fewer, larger batches: each batch costs head office a
 * signature check and a transaction of its own, whatever its size.
 */
export const TARGET_BATCH_BYTES = 2 * 1024 * 1024;
/** Most cases in one batch. */
export const MAX_BATCH_CASES = 500;
/** Attachments go up in pieces of at most this size; an interrupted upload resumes at the last piece HQ holds. */
export const BLOB_CHUNK_BYTES = 1024 * 1024;
export const MAX_BLOB_BYTES = MAX_ATTACHMENT_BYTES;

export const PATHS = {
  health: '/v1/health',
  batches: '/v1/batches',
  /** `/v1/blobs/<sha256>`: GET its upload status, PUT a piece (`?offset=N&total=T`). */
  blob: (sha: string) => `/v1/blobs/${sha}`,
  /** GET `/v1/calendars?since=<version>`: head office's calendars published after that version. */
  calendars: '/v1/calendars',
  /** POST one monthly report (docs/sync-protocol.md, "Monthly reports"). */
  reports: '/v1/reports',
} as const;

export interface SignedParts {
  method: string;
  /** Path and query exactly as requested (`/v1/blobs/ab…?offset=0&total=10`). */
  path: string;
  timestamp: number;
  bodySha256: string;
  requestId: string;
  branch: string;
}

export function stringToSign(p: SignedParts): string {
  return ['COUNTERSIGN-HMAC-SHA256', p.method.toUpperCase(), p.path, String(p.timestamp), p.bodySha256, p.requestId, p.branch].join('\n');
}

export function sha256Hex(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes));
}

export const EMPTY_SHA256 = sha256Hex(new Uint8Array(0));

/** The secret is 32 random bytes, written as base64url in the enrolment code. */
export function secretBytes(secret: string): Uint8Array {
  const b64 = secret.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/** `v1=` and the hex HMAC-SHA256 of `text` under the branch secret (requests, and the export file's manifest). */
export function hmacSignature(secret: string, text: string): string {
  return 'v1=' + bytesToHex(hmac(sha256, secretBytes(secret), utf8ToBytes(text)));
}

export function signature(secret: string, parts: SignedParts): string {
  return hmacSignature(secret, stringToSign(parts));
}

/** Constant-time comparison of the signature a request carries with the one it should carry. */
export function signatureMatches(secret: string, parts: SignedParts, given: string): boolean {
  return sameSignature(signature(secret, parts), given);
}

/** Constant-time comparison of a `v1=` signature given with the one expected. */
export function sameSignature(expected: string, given: unknown): boolean {
  if (typeof given !== 'string' || given.length !== expected.length || !/^v1=[0-9a-f]{64}$/.test(given)) return false;
  const a = hexToBytes(expected.slice(3));
  const b = hexToBytes(given.slice(3));
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/** The headers of a signed request. */
export function signedHeaders(secret: string, parts: SignedParts): Record<string, string> {
  return {
    [HEADERS.branch]: parts.branch,
    [HEADERS.timestamp]: String(parts.timestamp),
    [HEADERS.requestId]: parts.requestId,
    [HEADERS.contentSha256]: parts.bodySha256,
    [HEADERS.signature]: signature(secret, parts),
  };
}

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);
const epochMs = z.number().int().min(0).max(8.64e15);

export const syncedEventSchema = z
  .object({
    caseId: id,
    seq: z.number().int().min(1),
    type: z.enum(EVENT_TYPES),
    at: epochMs,
    actor: actorSchema,
    changes: z.record(z.string().max(100), z.tuple([z.unknown(), z.unknown()])),
    prevHash: hex64,
    hash: hex64,
  })
  .strict();

/** An attachment a case refers to; its bytes go up separately, content-addressed by `sha256`. */
export const syncedAttachmentSchema = z
  .object({
    id,
    sha256: hex64,
    name: z.string().min(1).max(500),
    type: z.string().min(1).max(100),
    size: z.number().int().min(1).max(MAX_BLOB_BYTES),
  })
  .strict();

/**
 * The case record as the branch stores it. Head office checks the fields it relies on and keeps
 * the rest as sent (the record's own shape is the branch's, and grows with new versions).
 */
export const syncedRecordSchema = z.looseObject({
  id,
  caseNo: z.string().min(1).max(40),
  branchCode: branchCodeSchema,
  state: z.string().min(1).max(40),
  version: z.number().int().min(1),
  ledgerHead: z.object({ seq: z.number().int().min(1), hash: hex64 }),
});

export const caseEntrySchema = z
  .object({
    caseId: id,
    version: z.number().int().min(1),
    record: syncedRecordSchema,
    /** The case's whole chain, seq 1 to ledgerHead.seq: head office verifies it from the first link. */
    events: z.array(syncedEventSchema).min(1).max(10_000),
    attachments: z.array(syncedAttachmentSchema).max(200),
  })
  .strict();
export type CaseEntry = z.output<typeof caseEntrySchema>;

export const batchSchema = z
  .object({
    protocol: z.literal(PROTOCOL_VERSION),
    batchId: uuid,
    branch: branchCodeSchema,
    /** The app's version, shown on head office's branch list. */
    appVersion: z.string().min(1).max(40),
    /** Archived cases still waiting at the branch, this batch included. */
    waiting: z.number().int().min(0),
    cases: z.array(caseEntrySchema).min(1).max(MAX_BATCH_CASES),
  })
  .strict();
export type Batch = z.output<typeof batchSchema>;

/** Why head office turned one case of a batch away; the rest of the batch is unaffected. */
export const CASE_REJECTIONS = [
  /** The events do not hash-chain, or the record's head is not the chain's last event. */
  'chain_broken',
  /** An event head office already holds was edited, dropped or reordered. Flagged for head office. */
  'history_rewritten',
  /** A version older than the one head office holds, or the same version with another history. Flagged. */
  'version_rollback',
  /** An attachment the case refers to has not been uploaded in full (send it, then the case again). */
  'attachment_missing',
  /** The record and its entry disagree (ids, version). */
  'record_mismatch',
] as const;
export type CaseRejection = (typeof CASE_REJECTIONS)[number];

export type CaseResult =
  | { caseId: string; version: number; status: 'accepted' | 'duplicate' }
  | { caseId: string; version: number; status: 'rejected'; reason: CaseRejection; detail: string };

export interface BatchAnswer {
  batchId: string;
  serverTime: number;
  results: CaseResult[];
}

/** Why a whole request was refused (nothing of it applied), with its HTTP status. */
export const REQUEST_ERRORS = {
  malformed: 400,
  invalid_batch: 400,
  unsigned: 401,
  bad_signature: 401,
  clock_skew: 401,
  unknown_branch: 401,
  replayed: 409,
  foreign_case: 409,
  blob_offset: 409,
  blob_hash_mismatch: 400,
  too_large: 413,
  unsupported_media_type: 415,
  not_found: 404,
} as const;
export type RequestErrorCode = keyof typeof REQUEST_ERRORS;

/** A refused request's body. `serverTime` lets the branch say how far off its clock is. */
export interface RequestErrorAnswer {
  error: { code: RequestErrorCode; message: string; serverTime: number; detail?: string; received?: number };
}

/** GET /v1/blobs/<sha256>: how much of an attachment head office holds. */
export interface BlobStatus {
  sha256: string;
  received: number;
  total: number | null;
  complete: boolean;
}

/**
 * GET /v1/calendars?since=N: for each year, head office's newest calendar if it is newer than
 * version N (none: nothing new); `latest` is the newest version head office has (0: none), the
 * `since` of the next request.
 */
export interface CalendarsAnswer {
  serverTime: number;
  latest: number;
  calendars: PublishedCalendar[];
  /**
   * For each business profile, head office's newest deadline policy if it is newer than N (the
   * versions are one sequence with the calendars'). Optional: a head office without published
   * policies may leave it out, and a branch that does not know it ignores it. Head office's
   * calendar file (CalendarFile) carries the same list, for branches that do not sync.
   */
  policies?: PublishedPolicy[];
}

/** A report's spreadsheet is at most this large, its PDF at most this (as bytes, before base64). */
export const MAX_REPORT_XLSX_BYTES = 1024 * 1024;
export const MAX_REPORT_PDF_BYTES = 4 * 1024 * 1024;

const base64 = (maxBytes: number) =>
  z
    .string()
    .max(Math.ceil(maxBytes / 3) * 4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/);

/**
 * One monthly report for the operations department (R7.4): its figures as data, the spreadsheet
 * and, when the branch printed one, the PDF (both base64). Head office keeps every version;
 * storing is idempotent on (branch, reportId).
 */
export const reportEntrySchema = z
  .object({
    reportId: id,
    month: reportMonthSchema,
    version: z.number().int().min(1).max(10_000),
    language: reportLanguageSchema,
    createdAt: epochMs,
    createdBy: z.string().min(1).max(64),
    data: monthReportDataSchema,
    xlsx: base64(MAX_REPORT_XLSX_BYTES).min(4),
    pdf: base64(MAX_REPORT_PDF_BYTES).min(4).nullable(),
  })
  .strict();
export type ReportEntry = z.output<typeof reportEntrySchema>;

/** The body of POST /v1/reports. */
export const reportRequestSchema = z
  .object({
    protocol: z.literal(PROTOCOL_VERSION),
    /** The signed request id (x-countersign-request). */
    requestId: uuid,
    branch: branchCodeSchema,
    report: reportEntrySchema,
  })
  .strict();
export type ReportRequest = z.output<typeof reportRequestSchema>;

/** accepted: head office now holds this report; duplicate: it already did (the branch treats both as delivered). */
export interface ReportAnswer {
  reportId: string;
  status: 'accepted' | 'duplicate';
  serverTime: number;
}

export interface HealthAnswer {
  ok: true;
  protocol: typeof PROTOCOL_VERSION;
  serverTime: number;
}
