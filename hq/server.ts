import cors from '@fastify/cors';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import {
  BLOB_CHUNK_BYTES,
  HEADERS,
  MAX_BATCH_BYTES,
  PATHS,
  PROTOCOL_VERSION,
  type HealthAnswer,
  type RequestErrorCode,
} from '../shared/sync/protocol';
import { authenticate, pruneRequestIds, touchBranch } from './auth';
import { blobStatus, checkSha, putPiece } from './blobs';
import { calendarsSince, sinceOf } from './calendar';
import type { Db } from './db/types';
import { RequestError } from './errors';
import { applyBatch, decodeBody, readBatch } from './ingest';
import { applyReport, readReportRequest } from './reports';
import { registerWebPages } from './web/register';

export interface ServerOptions {
  db: Db;
  /** Head office's clock (tests inject theirs). */
  now?: () => number;
  /** Fastify's logger option: false (default), true, or its settings. */
  logger?: boolean | Record<string, unknown>;
  /** The HQ page marks a branch silent after this many hours without contact (default 48). */
  silentHours?: number;
  /**
   * Fastify's trustProxy (HQ_TRUST_PROXY): the reverse proxy's address(es) whose X-Forwarded-For and
   * -Proto are believed, so the sign-in limit counts the browser's address and cookies get Secure.
   */
  trustProxy?: string | boolean;
}

/** Old request ids are forgotten at most this often, by whichever request comes along (before it is handled). */
const PRUNE_EVERY_MS = 60_000;

/** Fastify's own refusals (body parsing, limits), by the status it gives them. */
const FASTIFY_STATUS: Record<number, RequestErrorCode> = { 404: 'not_found', 413: 'too_large', 415: 'unsupported_media_type' };

function mediaType(req: FastifyRequest): string {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

function rawBody(req: FastifyRequest): Uint8Array {
  return req.body instanceof Uint8Array ? req.body : new Uint8Array(0);
}

/** Head office's receiver (docs/hq.md): the branches' sync API under /v1, and the HQ page for people (calendars included). */
export function buildServer({ db, now = Date.now, logger = false, silentHours, trustProxy = false }: ServerOptions): FastifyInstance {
  const app = Fastify({ logger, bodyLimit: MAX_BATCH_BYTES, trustProxy }) as unknown as FastifyInstance;
  // Two plugin scopes: the API's raw bodies, CORS and request-id pruning never reach the pages, and
  // the pages' cookies, forms and headers never reach the API.
  void app.register(async (api) => syncApi(api, db, now));
  registerWebPages(app, { db, now, silentHours });
  return app;
}

function syncApi(app: FastifyInstance, db: Db, now: () => number) {
  const log: FastifyBaseLogger = app.log;

  // Bodies stay raw bytes: the signature covers them exactly as sent.
  app.removeAllContentTypeParsers();
  for (const type of ['application/json', 'application/octet-stream'])
    app.addContentTypeParser(type, { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  // The browser edition's store worker calls from the page's origin. No cookies are involved (every
  // request is HMAC-signed), so any origin may call; the preflight must allow the signing headers.
  void app.register(cors, {
    origin: '*',
    methods: ['GET', 'POST', 'PUT'],
    allowedHeaders: ['content-type', 'content-encoding', ...Object.values(HEADERS)],
    maxAge: 600,
  });

  const refuse = (reply: FastifyReply, e: RequestError) => reply.code(e.status).send(e.answer(now()));

  app.setErrorHandler((error: Error & { code?: string; statusCode?: number }, req, reply) => {
    if (error instanceof RequestError) return refuse(reply, error);
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code = FASTIFY_STATUS[status] ?? 'malformed';
      return refuse(reply, new RequestError(code, error.message));
    }
    // A value the database refuses (SQLSTATE class 22: data exception; 54: too complex) is bad input.
    if (typeof error.code === 'string' && /^(22|54)/.test(error.code))
      return refuse(
        reply,
        new RequestError('invalid_batch', 'Head office cannot store a value of this request.', { detail: error.message }),
      );
    req.log.error(error);
    return reply.code(500).send({ error: { code: 'internal', message: 'Head office failed; try again later.', serverTime: now() } });
  });
  app.setNotFoundHandler((req, reply) =>
    refuse(reply, new RequestError('not_found', `There is no ${req.method} ${req.url.split('?')[0]!.slice(0, 200)}.`)),
  );

  let lastPrune = -Infinity;
  app.addHook('onRequest', async () => {
    const at = now();
    if (at - lastPrune < PRUNE_EVERY_MS) return;
    lastPrune = at;
    await pruneRequestIds(db, at).catch((e: Error) => log.warn(`pruning request ids: ${e.message}`));
  });

  app.get(PATHS.health, async (): Promise<HealthAnswer> => ({ ok: true, protocol: PROTOCOL_VERSION, serverTime: now() }));

  app.post(PATHS.batches, { bodyLimit: MAX_BATCH_BYTES }, async (req) => {
    if (mediaType(req) !== 'application/json') throw new RequestError('unsupported_media_type', 'A batch is sent as application/json.');
    const raw = rawBody(req);
    const at = now();
    const signed = await authenticate(db, req, raw, at);
    let batch;
    try {
      batch = readBatch(await decodeBody(raw, req.headers['content-encoding']), signed);
    } catch (e) {
      await touchBranch(db, signed.branch, at);
      throw e;
    }
    return applyBatch(db, batch, signed, at);
  });

  // A monthly report (docs/sync-protocol.md, "Monthly reports"): one a request, stored once per id.
  app.post(PATHS.reports, { bodyLimit: MAX_BATCH_BYTES }, async (req) => {
    if (mediaType(req) !== 'application/json') throw new RequestError('unsupported_media_type', 'A report is sent as application/json.');
    const raw = rawBody(req);
    const at = now();
    const signed = await authenticate(db, req, raw, at);
    let report;
    try {
      report = readReportRequest(await decodeBody(raw, req.headers['content-encoding']), signed);
    } catch (e) {
      await touchBranch(db, signed.branch, at);
      throw e;
    }
    return applyReport(db, report, signed, at);
  });

  app.get<{ Params: { sha: string } }>(PATHS.blob(':sha'), async (req) => {
    const at = now();
    const signed = await authenticate(db, req, rawBody(req), at);
    await touchBranch(db, signed.branch, at);
    return blobStatus(db, checkSha(req.params.sha), signed, at);
  });

  app.get(PATHS.calendars, async (req) => {
    const at = now();
    const signed = await authenticate(db, req, rawBody(req), at);
    await touchBranch(db, signed.branch, at);
    return calendarsSince(db, sinceOf(req.query), at);
  });

  app.put<{ Params: { sha: string }; Querystring: { offset?: string; total?: string } }>(
    PATHS.blob(':sha'),
    { bodyLimit: BLOB_CHUNK_BYTES },
    async (req) => {
      if (mediaType(req) !== 'application/octet-stream')
        throw new RequestError('unsupported_media_type', 'A piece of an attachment is sent as application/octet-stream.');
      if ((req.headers['content-encoding'] ?? 'identity') !== 'identity')
        throw new RequestError('unsupported_media_type', 'Pieces of attachments are sent without Content-Encoding.');
      const at = now();
      const raw = rawBody(req);
      const signed = await authenticate(db, req, raw, at);
      await touchBranch(db, signed.branch, at);
      const { offset, total } = req.query;
      return putPiece(db, { sha: checkSha(req.params.sha), offset, total, bytes: raw }, signed, at);
    },
  );
}
