import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import { chinaYear } from '../../shared/deadlines';
import { calendarFileText, calendarPublications, exportCalendars, publishCalendar, publishedCalendar } from '../calendar';
import type { Db } from '../db/types';
import { adminOnly, isAdmin } from './adminOnly';
import { readCalendarForm } from './calendarForm';
import { calendarLines } from './calendarLines';
import { contentDisposition } from './headers';
import type { Html } from './html';
import type { MessageKey } from './i18n';
import type { PageContext } from './layout';
import { calendarPath, calendarsPage, calendarYearPage, publishedMessage, type PublishForm } from './pages/calendars';

/** What the calendar routes use of the HQ page's plugin (hq/web/register.ts). */
export interface CalendarRouteDeps {
  db: Db;
  now: () => number;
  contextOf: (req: FastifyRequest, reply: FastifyReply) => PageContext;
  sendPage: (reply: FastifyReply, body: Html, status?: number) => FastifyReply;
  signedIn: preHandlerHookHandler;
  notFound: (req: FastifyRequest, reply: FastifyReply, key: MessageKey) => FastifyReply;
}

/** A year in a path: four digits, else not a page. */
function yearParam(text: string): number | null {
  return /^\d{4}$/.test(text) ? Number(text) : null;
}

const field = (body: unknown, name: string): string => {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
};

/**
 * The calendars of the HQ page (docs/hq.md, "Calendars"): every signed-in user sees the published
 * years and downloads their file; only an administrator publishes, as the signed-in user.
 */
export function calendarRoutes(web: FastifyInstance, d: CalendarRouteDeps): void {
  const { db, now } = d;
  const onlyAdmins = adminOnly(d);

  const listPage = async (req: FastifyRequest, reply: FastifyReply, form: PublishForm, status = 200) =>
    d.sendPage(
      reply,
      calendarsPage(d.contextOf(req, reply), { calendars: await calendarPublications(db), canPublish: isAdmin(req), form }),
      status,
    );

  web.get('/calendars', { preHandler: d.signedIn }, async (req, reply) => {
    // ?correct=2027 fills the form with the year as published, to change and publish again.
    const correct = yearParam(String((req.query as Record<string, unknown>).correct ?? ''));
    const held = correct === null ? null : await publishedCalendar(db, correct);
    const form = held
      ? { year: String(held.year), days: calendarLines(held.days), problems: [] }
      : { year: String(chinaYear(now()) + 1), days: '', problems: [] };
    return listPage(req, reply, form);
  });

  web.post('/calendars', { preHandler: [d.signedIn, web.csrfProtection, onlyAdmins] }, async (req, reply) => {
    const [year, days] = [field(req.body, 'year'), field(req.body, 'days')];
    const form = readCalendarForm(req.hqLocale, d.contextOf(req, reply).t, year, days);
    if (!form.ok) return listPage(req, reply, { year, days, problems: form.problems }, 400);
    const user = req.hqUser!;
    const published = await publishCalendar(db, { year: form.year, days: form.days, by: `${user.name} (${user.id})` }, now());
    return reply.redirect(`${calendarPath(published.year)}?published=${published.version}`, 303);
  });

  web.get<{ Params: { year: string } }>('/calendars/:year', { preHandler: d.signedIn }, async (req, reply) => {
    const year = yearParam(req.params.year);
    const calendar = year === null ? null : await publishedCalendar(db, year);
    if (!calendar) return d.notFound(req, reply, 'error.calendarNotFound');
    const ctx = d.contextOf(req, reply);
    // Said only on the version just published: a later visit to the link says nothing stale.
    const justPublished = (req.query as Record<string, unknown>).published === String(calendar.version);
    return d.sendPage(
      reply,
      calendarYearPage(ctx, { calendar, canPublish: isAdmin(req), message: justPublished ? publishedMessage(ctx.t, calendar) : undefined }),
    );
  });

  // The same file as `npm run hq -- calendar export --year <year>`, for a branch that does not sync.
  web.get<{ Params: { year: string; file: string } }>('/calendars/:year/:file', { preHandler: d.signedIn }, async (req, reply) => {
    const year = yearParam(req.params.year);
    const name = `calendar-${year}.json`;
    if (year === null || req.params.file !== name || !(await publishedCalendar(db, year)))
      return d.notFound(req, reply, 'error.calendarNotFound');
    return reply
      .type('application/json; charset=utf-8')
      .header('content-disposition', contentDisposition('attachment', name))
      .send(calendarFileText(await exportCalendars(db, [year])));
  });
}
