import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PROFILE_IDS, type ProfileId } from '../../shared/domain/enums';
import { policyPublications, publishPolicy } from '../policies';
import { adminOnly, isAdmin } from './adminOnly';
import type { CalendarRouteDeps } from './calendarRoutes';
import { enumWord } from './i18n';
import { policiesPage, policyBase, type RefusedPolicyForm } from './pages/policies';
import { readPolicyForm } from './policyForm';

const isProfile = (text: string): text is ProfileId => (PROFILE_IDS as readonly string[]).includes(text);

/**
 * The deadline policies of the HQ page (docs/hq.md, "Deadline policies"): every signed-in user sees
 * each profile's bundled and published policy; only an administrator publishes, as the signed-in user.
 */
export function policyRoutes(web: FastifyInstance, d: CalendarRouteDeps): void {
  const { db, now } = d;
  const onlyAdmins = adminOnly(d);

  const showPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    extra: { refused?: RefusedPolicyForm; message?: string },
    status = 200,
  ) =>
    d.sendPage(
      reply,
      policiesPage(d.contextOf(req, reply), { published: await policyPublications(db), canPublish: isAdmin(req), ...extra }),
      status,
    );

  web.get('/policies', { preHandler: d.signedIn }, async (req, reply) => {
    // Said only on the version just published: a later visit to the link says nothing stale.
    const version = String((req.query as Record<string, unknown>).published ?? '');
    const just = (await policyPublications(db)).find((p) => String(p.version) === version);
    const ctx = d.contextOf(req, reply);
    const message = just && ctx.t('policies.done', { profile: enumWord(ctx.locale, 'profile', just.profile), version: just.version });
    return showPage(req, reply, message ? { message } : {});
  });

  web.post<{ Params: { profile: string } }>(
    '/policies/:profile',
    { preHandler: [d.signedIn, web.csrfProtection, onlyAdmins] },
    async (req, reply) => {
      const { profile } = req.params;
      if (!isProfile(profile)) return d.notFound(req, reply, 'error.notFound');
      const form = readPolicyForm(req.hqLocale, policyBase(await policyPublications(db), profile), req.body);
      if (!form.ok) return showPage(req, reply, { refused: { profile, entries: form.entries, problems: form.problems } }, 400);
      const user = req.hqUser!;
      const published = await publishPolicy(db, { profile, policy: form.policy, by: `${user.name} (${user.id})` }, now());
      return reply.redirect(`/policies?published=${published.version}#policy-${profile}`, 303);
    },
  );
}
