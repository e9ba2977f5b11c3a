import { describe, expect, it } from 'vitest';
import { readAnswer, batchAnswerSchema, blobStatusSchema, transportFailure } from '../../shared/sync/answers';
import { EMPTY_SHA256, HEADERS, sha256Hex, signatureMatches } from '../../shared/sync/protocol';
import { signedRequest } from '../../shared/sync/request';
import { fetchTransport, TransportError, type FetchLike } from '../../shared/sync/transport';
import { Clock, ENROLMENT, ManualTimers } from './sync/fakes';

const NOW = Date.parse('2026-03-02T02:00:00Z');
const bytes = (value: unknown) => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));

describe('signed requests', () => {
  it('carry the branch, time, request id, body hash and a signature head office can check', () => {
    const body = bytes('{"a":1}');
    const r = signedRequest(ENROLMENT, {
      method: 'POST',
      path: '/v1/batches',
      body,
      now: NOW,
      contentType: 'application/json',
      gzip: true,
    });
    expect(r.url).toBe('http://127.0.0.1:8787/v1/batches');
    expect(r.body).toBe(body);
    const h = r.headers;
    expect(h[HEADERS.branch]).toBe('BJ01');
    expect(h[HEADERS.timestamp]).toBe(String(NOW));
    expect(h[HEADERS.contentSha256]).toBe(sha256Hex(body));
    expect(h[HEADERS.requestId]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(h['content-encoding']).toBe('gzip');
    expect(h['content-type']).toBe('application/json');
    const parts = {
      method: 'POST',
      path: '/v1/batches',
      timestamp: NOW,
      bodySha256: sha256Hex(body),
      requestId: h[HEADERS.requestId]!,
      branch: 'BJ01',
    };
    expect(signatureMatches(ENROLMENT.secret, parts, h[HEADERS.signature]!)).toBe(true);
    expect(signatureMatches('B'.repeat(43), parts, h[HEADERS.signature]!)).toBe(false);
    expect(signatureMatches(ENROLMENT.secret, { ...parts, path: '/v1/batches?x' }, h[HEADERS.signature]!)).toBe(false);
  });

  it('without a body hash zero bytes, and a given request id is used as is; each request otherwise gets a fresh one', () => {
    const get = signedRequest(ENROLMENT, {
      method: 'GET',
      path: '/v1/health',
      now: NOW,
      requestId: '0190a0a0-0000-7000-8000-000000000000',
    });
    expect(get.body).toBeUndefined();
    expect(get.headers[HEADERS.contentSha256]).toBe(EMPTY_SHA256);
    expect(get.headers[HEADERS.requestId]).toBe('0190a0a0-0000-7000-8000-000000000000');
    expect(get.headers['content-encoding']).toBeUndefined();
    const ids = new Set(
      Array.from(
        { length: 50 },
        () => signedRequest(ENROLMENT, { method: 'GET', path: '/v1/health', now: NOW }).headers[HEADERS.requestId],
      ),
    );
    expect(ids.size).toBe(50);
  });
});

describe('answers', () => {
  const refusal = (code: string, serverTime: number, extra: object = {}) => bytes({ error: { code, message: 'm', serverTime, ...extra } });
  const okBatch = { batchId: 'b', serverTime: NOW, results: [{ caseId: 'c1', version: 2, status: 'accepted' }] };

  it.each([
    ['a 200 that parses', 200, bytes(okBatch), { ok: true, value: okBatch }],
    ['a 200 cut short', 200, bytes(okBatch).subarray(0, 20), { ok: false, error: { code: 'bad_answer', status: 200, at: NOW } }],
    ['a 200 of another shape', 200, bytes({ results: 'x' }), { ok: false, error: { code: 'bad_answer', status: 200, at: NOW } }],
    ['a 200 that is not UTF-8', 200, new Uint8Array([0xff, 0xfe]), { ok: false, error: { code: 'bad_answer', status: 200, at: NOW } }],
    ['a 500', 500, bytes('oops'), { ok: false, error: { code: 'server_error', status: 500, at: NOW } }],
    [
      'a 502 from a proxy with a refusal-looking body',
      502,
      refusal('replayed', NOW),
      { ok: false, error: { code: 'server_error', status: 502, at: NOW } },
    ],
    ['a 401 bad signature', 401, refusal('bad_signature', NOW), { ok: false, error: { code: 'bad_signature', status: 401, at: NOW } }],
    ['a 409 replayed', 409, refusal('replayed', NOW), { ok: false, error: { code: 'replayed', status: 409, at: NOW } }],
    ['a 413', 413, refusal('too_large', NOW), { ok: false, error: { code: 'too_large', status: 413, at: NOW } }],
    ['a 404 from something else', 404, bytes('<html>'), { ok: false, error: { code: 'bad_answer', status: 404, at: NOW } }],
    ['a refusal with an unknown code', 400, refusal('whatever', NOW), { ok: false, error: { code: 'bad_answer', status: 400, at: NOW } }],
  ] as const)('%s', (_name, status, body, expected) => {
    expect(readAnswer({ status, body }, batchAnswerSchema, NOW)).toMatchObject(expected);
  });

  it('clock_skew says how far this clock is off: branch now minus head office time (ahead positive, behind negative)', () => {
    const ahead = readAnswer({ status: 401, body: refusal('clock_skew', NOW - 9 * 60_000) }, batchAnswerSchema, NOW);
    expect(ahead).toMatchObject({ ok: false, error: { code: 'clock_skew', skewMs: 9 * 60_000 } });
    const behind = readAnswer({ status: 401, body: refusal('clock_skew', NOW + 12 * 60_000) }, batchAnswerSchema, NOW);
    expect(behind).toMatchObject({ ok: false, error: { code: 'clock_skew', skewMs: -12 * 60_000 } });
  });

  it('a blob_offset refusal carries where head office is', () => {
    const a = readAnswer({ status: 409, body: refusal('blob_offset', NOW, { received: 1024 }) }, blobStatusSchema, NOW);
    expect(a).toMatchObject({ ok: false, error: { code: 'blob_offset' }, refusal: { received: 1024 } });
  });

  it('transport failures: a timeout is timeout, anything else network', () => {
    expect(transportFailure(new TransportError('timeout', 't'), NOW)).toEqual({ code: 'timeout', at: NOW });
    expect(transportFailure(new TransportError('network', 'n'), NOW)).toEqual({ code: 'network', at: NOW });
    expect(transportFailure(new TypeError('fetch failed'), NOW)).toEqual({ code: 'network', at: NOW });
  });
});

describe('fetch transport', () => {
  const request = signedRequest(ENROLMENT, { method: 'PUT', path: '/v1/blobs/x', body: bytes('abc'), now: NOW });

  it('sends method, headers and body, and reads the whole answer', async () => {
    const clock = new Clock();
    const timers = new ManualTimers(clock);
    const seen: unknown[] = [];
    const fetchFn: FetchLike = async (url, init) => {
      seen.push([url, init.method, init.headers, init.body]);
      return { status: 201, arrayBuffer: async () => bytes('ok').buffer as ArrayBuffer };
    };
    const answer = await fetchTransport(fetchFn, timers)(request);
    expect(answer.status).toBe(201);
    expect(new TextDecoder().decode(answer.body)).toBe('ok');
    expect(seen).toEqual([[request.url, 'PUT', request.headers, request.body]]);
    expect(timers.pending).toBe(0);
  });

  it('a failed connection or a body cut short is a network error', async () => {
    const timers = new ManualTimers(new Clock());
    const refused: FetchLike = async () => Promise.reject(new TypeError('fetch failed'));
    await expect(fetchTransport(refused, timers)(request)).rejects.toMatchObject({ kind: 'network' });
    const cut: FetchLike = async () => ({ status: 200, arrayBuffer: () => Promise.reject(new TypeError('terminated')) });
    await expect(fetchTransport(cut, timers)(request)).rejects.toMatchObject({ kind: 'network' });
  });

  it('no answer in time is a timeout: the request is aborted', async () => {
    const timers = new ManualTimers(new Clock());
    let aborted = false;
    const hanging: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) =>
        init.signal.addEventListener('abort', () => {
          aborted = true;
          reject(new DOMException('aborted', 'AbortError'));
        }),
      );
    const pending = fetchTransport(hanging, timers, 30_000)(request);
    expect(timers.nextDelay()).toBe(30_000);
    timers.fireNext();
    await expect(pending).rejects.toMatchObject({ kind: 'timeout' });
    expect(aborted).toBe(true);
  });
});
