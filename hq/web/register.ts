import { readFileSync } from 'node:fs';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MAX_EXPORT_BYTES } from '../../shared/export/format';
import { chinaDate } from '../../shared/deadlines/calendar';
import { listBranches } from '../branches';
import { listCases } from '../cases';
import { readAttachment, readCase } from '../cases/read';
import type { Db } from '../db/types';
import { calendarRoutes } from './calendarRoutes';
import { importExportFile } from '../import';
import { policyRoutes } from './policyRoutes';
import { reportRoutes } from './reportRoutes';
import { endSession, sessionUser, startSession } from '../staff/sessions';
import { DEFAULT_SIGN_IN_LIMITS, SIGN_IN_WINDOW_MS, signInLimiter, type SignInLimits } from '../staff/signInLimits';
import { checkPassword, type User } from '../staff/users';
import { ATTACHMENT_CSP, contentDisposition, setSecurityHeaders } from './headers';
import type { Html } from './html';
import { chooseLocale, isLocale, translatorFor, type Locale, type MessageKey } from './i18n';
import { STYLESHEET_PATH, type PageContext } from './layout';
import { localPath } from './paths';
import { parseCaseQuery } from './casesQuery';
import { branchesPage, branchesSheet } from './pages/branches';
import { CASES_XLSX_CAP, casesPage, casesSheet } from './pages/cases';
import { casePage, INLINE_IMAGE_TYPES } from './pages/case';
import { errorPage } from './pages/error';
import { importPage, type UploadOutcome } from './pages/import';
import { signInPage } from './pages/signIn';
import { statsPage, statsSheets } from './pages/stats';
import { readStats } from './statsData';
import { XLSX_TYPE, xlsxOf, xlsxOfSheets } from './xlsx';

export interface WebOptions {
  db: Db;
  now: () => number;
  /** A branch not heard from for longer is marked silent (HQ_SILENT_HOURS, default 48). */
  silentHours?: number;
  /** Failed sign-ins allowed per 15 minutes, from one address and for one user id. */
  signInLimits?: SignInLimits;
  /** The largest export file the import page takes (default MAX_EXPORT_BYTES, what an import accepts). */
  importMaxBytes?: number;
}

export const DEFAULT_SILENT_HOURS = 48;

const SESSION_COOKIE = 'hq_session';
const LANGUAGE_COOKIE = 'hq_lang';
const STYLESHEET = readFileSync(new URL('./hq.css', import.meta.url), 'utf8');
/** Forms of the HQ page are small (the largest, a year's calendar as lines, a few KB); anything bigger is not one of them. */
const FORM_BODY_LIMIT = 64 * 1024;

declare module 'fastify' {
  interface FastifyRequest {
    hqUser: User | null;
    hqLocale: Locale;
  }
}

function pathOf(req: FastifyRequest): string {
  return req.url.split('?')[0]!;
}

function queryOf(req: FastifyRequest): string {
  const at = req.url.indexOf('?');
  return at < 0 ? '' : req.url.slice(at + 1);
}

function contextOf(req: FastifyRequest, reply: FastifyReply): PageContext {
  return {
    locale: req.hqLocale,
    t: translatorFor(req.hqLocale),
    user: req.hqUser,
    path: pathOf(req),
    query: queryOf(req),
    csrfToken: reply.generateCsrf(),
  };
}

function sendPage(reply: FastifyReply, body: Html, status = 200) {
  return reply.code(status).type('text/html; charset=utf-8').send(body.text);
}

/**
 * The HQ page (docs/hq.md, "The HQ page"): server-rendered HTML for signed-in head-office staff, in
 * a plugin scope of its own so its cookies, form parsing, CSRF checks and headers stay apart from
 * the branches' sync API.
 */
export function registerWebPages(app: FastifyInstance, options: WebOptions): void {
  void app.register(async (web) => webPages(web, options));
}

async function webPages(
  web: FastifyInstance,
  { db, now, silentHours = DEFAULT_SILENT_HOURS, signInLimits = DEFAULT_SIGN_IN_LIMITS, importMaxBytes = MAX_EXPORT_BYTES }: WebOptions,
) {
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: 'auto' as const };
  await web.register(cookie);
  await web.register(formbody, { bodyLimit: FORM_BODY_LIMIT });
  await web.register(csrf, { sessionPlugin: '@fastify/cookie', cookieOpts: cookieOptions });
  // Only the import page takes files: one, after its CSRF field, no bigger than an export file may be.
  await web.register(multipart, { limits: { fileSize: importMaxBytes, files: 1, fields: 1, parts: 2 } });

  web.decorateRequest('hqUser', null);
  web.decorateRequest('hqLocale', 'zh-CN');
  web.addHook('onRequest', async (req, reply) => {
    const query = req.query as Record<string, unknown>;
    req.hqLocale = chooseLocale(query.lang, req.cookies[LANGUAGE_COOKIE], req.headers['accept-language']);
    if (isLocale(query.lang) && query.lang !== req.cookies[LANGUAGE_COOKIE])
      reply.setCookie(LANGUAGE_COOKIE, query.lang, { ...cookieOptions, maxAge: 365 * 24 * 3600 });
    if (pathOf(req) !== STYLESHEET_PATH) req.hqUser = await sessionUser(db, req.cookies[SESSION_COOKIE], now());
  });
  web.addHook('onSend', async (_req, reply, payload) => {
    setSecurityHeaders(reply);
    return payload;
  });

  web.setErrorHandler((error: Error & { statusCode?: number; code?: string; retryAfterMs?: number }, req, reply) => {
    const ctx = contextOf(req, reply);
    const status = error.statusCode ?? 500;
    if (status === 429) {
      const waitMs = error.retryAfterMs ?? SIGN_IN_WINDOW_MS;
      reply.header('retry-after', Math.ceil(waitMs / 1000));
      const minutes = Math.max(1, Math.ceil(waitMs / 60_000));
      return sendPage(reply, signInPage(ctx, { message: { text: ctx.t('signIn.rateLimited', { minutes }), error: true } }), 429);
    }
    if (typeof error.code === 'string' && error.code.startsWith('FST_CSRF'))
      return sendPage(reply, errorPage(ctx, ctx.t('error.csrf')), 403);
    if (status >= 400 && status < 500) return sendPage(reply, errorPage(ctx, ctx.t('error.badRequest')), status);
    req.log.error(error);
    return sendPage(reply, errorPage(ctx, ctx.t('error.internal')), 500);
  });

  /** Pages with personal data: anyone not signed in is sent to sign in, and comes back after. */
  const signedIn = async (req: FastifyRequest, reply: FastifyReply) => {
    if (!req.hqUser) return reply.redirect(`/sign-in?next=${encodeURIComponent(req.url)}`, 303);
  };
  const notFound = (req: FastifyRequest, reply: FastifyReply, key: MessageKey) => {
    const ctx = contextOf(req, reply);
    return sendPage(reply, errorPage(ctx, ctx.t(key)), 404);
  };

  web.get(STYLESHEET_PATH, async (_req, reply) =>
    reply.header('cache-control', 'public, max-age=3600').type('text/css; charset=utf-8').send(STYLESHEET),
  );

  web.get('/', async (_req, reply) => reply.redirect('/branches', 303));

  web.get('/sign-in', async (req, reply) => {
    const query = req.query as Record<string, unknown>;
    const next = localPath(query.next);
    if (req.hqUser) return reply.redirect(next ?? '/branches', 303);
    const ctx = contextOf(req, reply);
    const message =
      query.bye !== undefined
        ? { text: ctx.t('signIn.signedOut'), error: false }
        : next
          ? { text: ctx.t('signIn.needed'), error: false }
          : undefined;
    return sendPage(reply, signInPage(ctx, { next, message }));
  });

  // Failed attempts are counted twice, per address and per user id (what a guesser varies, the other
  // holds), in the database so every HQ process counts them; once either count is full, no attempt
  // is even checked until its window has passed.
  const limiter = signInLimiter(db, signInLimits);
  const attemptOf = (req: FastifyRequest) => ({
    address: req.ip,
    user: String((req.body as Record<string, unknown> | undefined)?.user ?? ''),
  });
  const limitSignIns = async (req: FastifyRequest) => {
    const waitMs = await limiter.waitMs(attemptOf(req), now());
    if (waitMs !== null) throw Object.assign(new Error('too many sign-in attempts'), { statusCode: 429, retryAfterMs: waitMs });
  };

  web.post('/sign-in', { preHandler: [limitSignIns, web.csrfProtection] }, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const user = typeof body.user === 'string' ? body.user.trim() : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const next = localPath(body.next);
    const ctx = contextOf(req, reply);
    if (!user || !password)
      return sendPage(reply, signInPage(ctx, { user, next, message: { text: ctx.t('signIn.missing'), error: true } }), 400);
    const found = await checkPassword(db, user, password);
    if (!found) {
      await limiter.failed(attemptOf(req), now());
      return sendPage(reply, signInPage(ctx, { user, next, message: { text: ctx.t('signIn.wrong'), error: true } }), 401);
    }
    const token = await startSession(db, found.id, now());
    reply.setCookie(SESSION_COOKIE, token, cookieOptions);
    return reply.redirect(next ?? '/branches', 303);
  });

  web.post('/sign-out', { preHandler: web.csrfProtection }, async (req, reply) => {
    await endSession(db, req.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, cookieOptions);
    return reply.redirect('/sign-in?bye', 303);
  });

  /** Today's China date for download names, 20261201. */
  const chinaDay = () => chinaDate(now()).replace(/-/g, '');
  const branchesView = async () => ({ branches: await listBranches(db), silentHours, now: now() });

  web.get('/branches', { preHandler: signedIn }, async (req, reply) =>
    sendPage(reply, branchesPage(contextOf(req, reply), await branchesView())),
  );

  web.get('/branches.xlsx', { preHandler: signedIn }, async (req, reply) => {
    const t = translatorFor(req.hqLocale);
    const { columns, rows } = branchesSheet({ t, locale: req.hqLocale }, await branchesView());
    return reply
      .type(XLSX_TYPE)
      .header('content-disposition', contentDisposition('attachment', `branches-${chinaDay()}.xlsx`))
      .send(await xlsxOf(t('branches.sheet'), columns, rows));
  });

  calendarRoutes(web, { db, now, contextOf, sendPage, signedIn, notFound });
  // Bad filters are the reader's input, not a failure: the form comes back with each message (400).
  web.get('/cases', { preHandler: signedIn }, async (req, reply) => {
    const query = parseCaseQuery(req.query);
    const branches = await listBranches(db);
    const ctx = contextOf(req, reply);
    if (!query.ok) return sendPage(reply, casesPage(ctx, { form: query.form, branches, result: { issues: query.issues } }), 400);
    const list = await listCases(db, query.filter, query.page);
    return sendPage(reply, casesPage(ctx, { form: query.form, branches, result: { list, page: query.page.page, size: query.page.size } }));
  });

  web.get('/cases.xlsx', { preHandler: signedIn }, async (req, reply) => {
    const query = parseCaseQuery(req.query);
    if (!query.ok) {
      const ctx = contextOf(req, reply);
      return sendPage(reply, casesPage(ctx, { form: query.form, branches: await listBranches(db), result: { issues: query.issues } }), 400);
    }
    // Every match up to the cap in one query (listCases pages any size; the page schema's cap is for people paging).
    const { rows } = await listCases(db, query.filter, { ...query.page, page: 0, size: CASES_XLSX_CAP + 1 });
    const t = translatorFor(req.hqLocale);
    const cut = rows.length > CASES_XLSX_CAP;
    const sheet = casesSheet({ t, locale: req.hqLocale }, rows.slice(0, CASES_XLSX_CAP), cut);
    return reply
      .type(XLSX_TYPE)
      .header('content-disposition', contentDisposition('attachment', `cases-${chinaDay()}.xlsx`))
      .send(await xlsxOf(t('cases.sheet'), sheet.columns, sheet.rows));
  });
  policyRoutes(web, { db, now, contextOf, sendPage, signedIn, notFound });
  reportRoutes(web, { db, now, contextOf, sendPage, signedIn, notFound });

  web.get<{ Params: { id: string } }>('/cases/:id', { preHandler: signedIn }, async (req, reply) => {
    const held = await readCase(db, req.params.id);
    if (!held) return notFound(req, reply, 'error.caseNotFound');
    return sendPage(reply, casePage(contextOf(req, reply), held));
  });

  web.get<{ Params: { id: string; attachmentId: string } }>(
    '/cases/:id/attachments/:attachmentId',
    { preHandler: signedIn },
    async (req, reply) => {
      const a = await readAttachment(db, req.params.id, req.params.attachmentId);
      if (!a) return notFound(req, reply, 'error.notFound');
      // The type is the branch's word: only the image types the page shows are served as themselves.
      const image = INLINE_IMAGE_TYPES.has(a.type);
      return reply
        .header('content-security-policy', ATTACHMENT_CSP)
        .header('cache-control', 'private, no-store')
        .header('content-disposition', contentDisposition(image ? 'inline' : 'attachment', a.name))
        .type(image ? a.type : 'application/octet-stream')
        .send(a.bytes);
    },
  );

  // Statistics (issue 12): counts and trends across branches, and the same numbers as XLSX.
  web.get('/stats', { preHandler: signedIn }, async (req, reply) => {
    const view = await readStats(db, req.query);
    return sendPage(reply, statsPage(contextOf(req, reply), view), view.errors.length ? 400 : 200);
  });

  web.get('/stats.xlsx', { preHandler: signedIn }, async (req, reply) => {
    const view = await readStats(db, req.query);
    if (view.errors.length) return reply.redirect(`/stats${req.url.slice('/stats.xlsx'.length)}`, 303);
    const sheets = statsSheets({ t: translatorFor(req.hqLocale), locale: req.hqLocale }, view);
    const day = new Date(now() + 8 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, ''); // China's date
    return reply
      .type(XLSX_TYPE)
      .header('content-disposition', contentDisposition('attachment', `statistics-${day}.xlsx`))
      .send(await xlsxOfSheets(sheets));
  });

  // Import of an export file (docs/hq.md): any signed-in staff; importExportFile checks the file.
  web.get('/import', { preHandler: signedIn }, async (req, reply) => sendPage(reply, importPage(contextOf(req, reply))));

  /** The plugin's own CSRF check, on a token the handler read itself; false once it has answered 403. */
  const csrfPasses = (req: FastifyRequest, reply: FastifyReply, token: unknown): boolean => {
    req.body = { _csrf: typeof token === 'string' ? token : '' };
    let passed = false;
    web.csrfProtection(req, reply, () => (passed = true));
    return passed;
  };

  web.post('/import', { preHandler: signedIn }, async (req, reply) => {
    const show = (outcome: UploadOutcome, status = 200) => sendPage(reply, importPage(contextOf(req, reply), outcome), status);
    if (!req.isMultipart()) {
      const body = req.body as Record<string, unknown> | undefined;
      return csrfPasses(req, reply, body?._csrf) ? show({ status: 'no_file' }, 400) : reply;
    }
    // The form puts its token before the file: the file is read only once the token has passed.
    const part = await req.file();
    const field = part?.fields._csrf;
    const token = field && !Array.isArray(field) && field.type === 'field' ? field.value : undefined;
    if (!csrfPasses(req, reply, token)) {
      part?.file.resume(); // discard the rest of the upload
      return reply;
    }
    if (!part) return show({ status: 'no_file' }, 400);
    let bytes: Buffer;
    try {
      bytes = await part.toBuffer();
    } catch (e) {
      if ((e as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') throw e;
      return show({ status: 'refused', problem: 'too_large', message: `the file exceeds ${importMaxBytes} bytes` }, 413);
    }
    if (!bytes.byteLength) return show({ status: 'no_file' }, 400);
    const outcome = await importExportFile(db, bytes, now());
    return show(outcome, outcome.status === 'refused' ? 422 : 200);
  });
}
