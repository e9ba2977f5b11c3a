import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { openPglite } from '../../hq/db/pglite';
import { openPostgres } from '../../hq/db/postgres';
import type { Db } from '../../hq/db/types';
import { migrate } from '../../hq/migrate';
import { buildServer } from '../../hq/server';
import { SIGN_IN_WINDOW_MS } from '../../hq/staff/signInLimits';
import { addUser } from '../../hq/staff/users';
import { registerWebPages } from '../../hq/web/register';
import { BACKENDS, Clock, createPostgresDatabase, SUITE, T0, type Backend } from './fixtures';
import { Browser, PASSWORD } from './web-fixtures';

/**
 * Two HQ instances on one database, as behind a load balancer: the sign-in limits are counted in the
 * database, so attempts on one count on the other. On PGlite both share the one in-process
 * database; on PostgreSQL each has its own connection pool.
 */
async function databases(backend: Backend): Promise<[Db, Db]> {
  if (backend === 'PGlite') {
    const db = await openPglite();
    await migrate(db);
    return [db, db];
  }
  const url = await createPostgresDatabase();
  const a = await openPostgres(url, 2);
  await migrate(a);
  return [a, await openPostgres(url, 2)];
}

const MINUTE = 60_000;

for (const { backend, skip } of BACKENDS)
  describe.skipIf(skip)(`sign-in limits shared by two HQ instances on ${backend}`, SUITE, () => {
    const opened: { apps: FastifyInstance[]; dbs: Db[] } = { apps: [], dbs: [] };
    afterEach(async () => {
      for (const app of opened.apps.splice(0)) await app.close();
      for (const db of new Set(opened.dbs.splice(0))) await db.close();
    });

    /** Two instances (buildServer, or the pages alone with other limits) on one database, on one clock. */
    async function twoInstances(clock: Clock, limits?: { perAddress: number; perUser: number }) {
      const dbs = await databases(backend);
      opened.dbs.push(...dbs);
      const urls: string[] = [];
      for (const db of dbs) {
        let app: FastifyInstance;
        if (limits) {
          app = Fastify();
          registerWebPages(app, { db, now: clock.now, signInLimits: limits });
        } else app = buildServer({ db, now: clock.now });
        opened.apps.push(app);
        await app.listen({ port: 0, host: '127.0.0.1' });
        urls.push(`http://127.0.0.1:${(app.server.address() as { port: number }).port}`);
      }
      await addUser(dbs[0], { id: 'wang.wu', name: '王五', role: 'staff', password: PASSWORD }, T0);
      return { db: dbs[0], a: urls[0]!, b: urls[1]! };
    }

    it('counts a user id’s failures on either instance: the limit is reached on both, said in the page’s language, and passes with its window', async () => {
      const clock = new Clock();
      const { db, a, b } = await twoInstances(clock);
      const failures = async () =>
        (await db.query<{ failures: number }>(`SELECT failures FROM sign_in_attempts WHERE key = 'user:wang.wu'`)).rows[0]?.failures;

      // Four at once, two on each instance: every one counted.
      const attempts = [a, b, a, b].map((url, i) => new Browser(url).signIn('wang.wu', `wrong password ${i}`));
      for (const page of await Promise.all(attempts)) expect(page.status).toBe(401);
      expect(await failures()).toBe(4);
      expect((await new Browser(b).signIn('Wang.Wu ', 'wrong password 4')).status).toBe(401); // the same id, typed otherwise
      expect(await failures()).toBe(5);

      // Now the limit holds on both: even the right password is not checked.
      const onA = await new Browser(a).signIn('wang.wu', PASSWORD);
      expect(onA.status).toBe(429);
      expect(onA.headers.get('retry-after')).toBe('900');
      expect(onA.text).toContain('登录尝试次数过多，请 15 分钟后再试');
      clock.advance(10 * MINUTE);
      const onB = await new Browser(b, { 'accept-language': 'en-GB,en;q=0.9' }).signIn('wang.wu', PASSWORD);
      expect(onB.status).toBe(429);
      expect(onB.text).toContain('Too many sign-in attempts. Try again in 5 minutes.');
      expect(await failures()).toBe(5); // refused attempts are not counted

      // Once the window has passed, the right password signs in, on either instance.
      clock.advance(SIGN_IN_WINDOW_MS - 10 * MINUTE);
      expect((await new Browser(b).signIn('wang.wu', PASSWORD)).status).toBe(303);
      // The next failure removes the ended windows and starts new ones.
      expect((await new Browser(a).signIn('li.na', 'wrong password')).status).toBe(401);
      const { rows } = await db.query<{ key: string; failures: number; ends_at: string }>(
        'SELECT key, failures, ends_at FROM sign_in_attempts ORDER BY key',
      );
      expect(rows.map((r) => [r.key, r.failures, Number(r.ends_at)])).toEqual([
        ['address:127.0.0.1', 1, clock.now() + SIGN_IN_WINDOW_MS],
        ['user:li.na', 1, clock.now() + SIGN_IN_WINDOW_MS],
      ]);
    });

    it('counts an address’s failures on either instance, whatever user ids they name', async () => {
      const clock = new Clock();
      const { a, b } = await twoInstances(clock, { perAddress: 3, perUser: 100 });
      for (const [url, user] of [
        [a, 'a1'],
        [b, 'a2'],
        [a, 'a3'],
      ] as const)
        expect((await new Browser(url).signIn(user, PASSWORD)).status).toBe(401);
      for (const url of [a, b]) {
        const limited = await new Browser(url).signIn('wang.wu', PASSWORD);
        expect(limited.status).toBe(429);
        expect(limited.text).toContain('登录尝试次数过多，请 15 分钟后再试');
      }
    });
  });
