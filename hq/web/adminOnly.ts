import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Html } from './html';
import type { PageContext } from './layout';
import { errorPage } from './pages/error';

/** Whether the signed-in user is an administrator: the session's role, never the form's. */
export const isAdmin = (req: FastifyRequest): boolean => req.hqUser?.role === 'admin';

/** A preHandler (after signedIn and the CSRF check) that lets only administrators through; others get a 403 page. */
export function adminOnly(d: {
  contextOf: (req: FastifyRequest, reply: FastifyReply) => PageContext;
  sendPage: (reply: FastifyReply, body: Html, status?: number) => FastifyReply;
}) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    if (!isAdmin(req)) {
      const ctx = d.contextOf(req, reply);
      return d.sendPage(reply, errorPage(ctx, ctx.t('error.adminOnly')), 403);
    }
  };
}
