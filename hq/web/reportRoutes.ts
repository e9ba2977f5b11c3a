import type { FastifyInstance } from 'fastify';
import { reportFileName } from '../../shared/reports/data';
import { listReports, reportFile } from '../reports';
import type { CalendarRouteDeps } from './calendarRoutes';
import { contentDisposition } from './headers';
import { reportsPage } from './pages/reports';
import { XLSX_TYPE } from './xlsx';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The monthly reports of the HQ page (docs/hq.md, "Monthly reports"): the list and each report's files, for any signed-in user. */
export function reportRoutes(web: FastifyInstance, d: CalendarRouteDeps): void {
  const { db } = d;

  web.get('/reports', { preHandler: d.signedIn }, async (req, reply) => {
    const query = req.query as Record<string, unknown>;
    const asked = typeof query.month === 'string' ? query.month.trim() : '';
    const badMonth = asked !== '' && !MONTH.test(asked);
    const month = badMonth ? '' : asked;
    const all = query.all === '1';
    const reports = await listReports(db, { ...(month ? { month } : {}), latestOnly: !all });
    return d.sendPage(reply, reportsPage(d.contextOf(req, reply), { reports, month: asked, all, badMonth }), badMonth ? 400 : 200);
  });

  web.get<{ Params: { branch: string; file: string } }>('/reports/:branch/:file', { preHandler: d.signedIn }, async (req, reply) => {
    const match = /^([A-Za-z0-9_-]{1,64})\.(xlsx|pdf)$/.exec(req.params.file);
    if (!match) return d.notFound(req, reply, 'error.notFound');
    const kind = match[2] as 'xlsx' | 'pdf';
    const file = await reportFile(db, req.params.branch, match[1]!, kind);
    if (!file) return d.notFound(req, reply, 'error.notFound');
    return reply
      .type(kind === 'xlsx' ? XLSX_TYPE : 'application/pdf')
      .header('cache-control', 'private, no-store')
      .header('content-disposition', contentDisposition('attachment', reportFileName(req.params.branch, file.month, file.version, kind)))
      .send(Buffer.from(file.bytes));
  });
}
