import { z } from 'zod';
import type { SyncError } from '../api/contract';
import { publishedCalendarSchema } from '../deadlines/published';
import { publishedPoliciesSchema } from '../deadlines/publishedPolicies';
import {
  CASE_REJECTIONS,
  REQUEST_ERRORS,
  type BatchAnswer,
  type BlobStatus,
  type CalendarsAnswer,
  type ReportAnswer,
  type RequestErrorAnswer,
  type RequestErrorCode,
} from './protocol';
import { TransportError, type HttpAnswer } from './transport';

/** What the engine makes of an answer: its parsed value, or why the request failed. */
export type Answer<T> = { ok: true; value: T } | { ok: false; error: SyncError; refusal?: RequestErrorAnswer['error'] };

const sha = z.string().regex(/^[0-9a-f]{64}$/);
const epochMs = z.number().int().min(0);
const version = z.number().int().min(1);

export const batchAnswerSchema: z.ZodType<BatchAnswer> = z.object({
  batchId: z.string(),
  serverTime: epochMs,
  results: z.array(
    z.discriminatedUnion('status', [
      z.object({ caseId: z.string(), version, status: z.enum(['accepted', 'duplicate']) }),
      z.object({ caseId: z.string(), version, status: z.literal('rejected'), reason: z.enum(CASE_REJECTIONS), detail: z.string() }),
    ]),
  ),
});

export const blobStatusSchema: z.ZodType<BlobStatus> = z.object({
  sha256: sha,
  received: z.number().int().min(0),
  total: z.number().int().min(0).nullable(),
  complete: z.boolean(),
});

export const calendarsAnswerSchema: z.ZodType<CalendarsAnswer> = z.object({
  serverTime: epochMs,
  latest: z.number().int().min(0),
  calendars: z.array(publishedCalendarSchema).max(200),
  policies: publishedPoliciesSchema.optional(),
});

export const reportAnswerSchema: z.ZodType<ReportAnswer> = z.object({
  reportId: z.string(),
  status: z.enum(['accepted', 'duplicate']),
  serverTime: epochMs,
});

const refusalSchema = z.object({
  error: z.object({
    code: z.enum(Object.keys(REQUEST_ERRORS) as [RequestErrorCode, ...RequestErrorCode[]]),
    message: z.string(),
    serverTime: epochMs,
    detail: z.string().optional(),
    received: z.number().int().min(0).optional(),
  }),
});

function json(body: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    return undefined;
  }
}

/**
 * An answer as the engine sees it: a 2xx whose body parses is a success; a refusal carries head
 * office's code (and, for clock_skew, how far this PC's clock is off: `now` − head office's time);
 * any 5xx is 'server_error'; anything else unreadable (a truncated or garbled body) is 'bad_answer'.
 */
export function readAnswer<T>(answer: HttpAnswer, schema: z.ZodType<T>, now: number): Answer<T> {
  const body = json(answer.body);
  if (answer.status >= 200 && answer.status < 300) {
    const parsed = schema.safeParse(body);
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: { code: 'bad_answer', at: now, status: answer.status } };
  }
  if (answer.status >= 500) return { ok: false, error: { code: 'server_error', at: now, status: answer.status } };
  const refusal = refusalSchema.safeParse(body);
  if (!refusal.success) return { ok: false, error: { code: 'bad_answer', at: now, status: answer.status } };
  const error: SyncError = { code: refusal.data.error.code, at: now, status: answer.status };
  if (error.code === 'clock_skew') error.skewMs = now - refusal.data.error.serverTime;
  return { ok: false, error, refusal: refusal.data.error };
}

/** A request that got no complete answer: 'timeout' when it ran out of time, otherwise 'network'. */
export function transportFailure(thrown: unknown, now: number): SyncError {
  return { code: thrown instanceof TransportError && thrown.kind === 'timeout' ? 'timeout' : 'network', at: now };
}
