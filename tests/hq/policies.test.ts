import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StoreHost } from '../../electron/store/host';
import type { DeadlineSettings } from '../../shared/api/contract';
import { calendarFileText, exportCalendars, publishCalendar } from '../../hq/calendar';
import { policyPublications, PolicyProblem, publishedPolicies, publishedPolicy, publishPolicy } from '../../hq/policies';
import { DEFAULT_DEADLINE_POLICIES, type DeadlinePolicy } from '../../shared/deadlines';
import { PATHS } from '../../shared/sync/protocol';
import { CLERK, intake, openHost, SUPERVISOR, TestClock } from '../store/fixtures';
import { BACKENDS, branchHost, startHq, SUITE, T0, type TestHq } from './fixtures';

const calendars = (since: number) => ({ method: 'GET', path: `${PATHS.calendars}?since=${since}` });

/** The general profile's policy with 'resolve' set to `days` working days. */
function generalWith(days: number): DeadlinePolicy {
  const bundled = DEFAULT_DEADLINE_POLICIES.general;
  return { ...bundled, clocks: bundled.clocks.map((c) => (c.id === 'resolve' ? { ...c, amount: days } : c)) };
}

/** Resolves with the first deadline settings that `done` accepts (a live result: the sync runs on its own). */
function settingsWhen(host: StoreHost, done: (s: DeadlineSettings) => boolean): Promise<DeadlineSettings> {
  return new Promise((resolve, reject) => {
    const unsubscribe = host.subscribe('deadlines.get', {}, SUPERVISOR, (r) => {
      if (!r.ok) return reject(new Error(r.error.message));
      if (done(r.value)) {
        queueMicrotask(unsubscribe);
        resolve(r.value);
      }
    });
  });
}

/** Monday 2 March 2026, 10:00 China time. */
const MONDAY = Date.parse('2026-03-02T10:00:00+08:00');

for (const { backend, skip } of BACKENDS) {
  describe.skipIf(skip)(`deadline policies at head office on ${backend}`, SUITE, () => {
    let hq: TestHq;
    beforeAll(async () => {
      hq = await startHq(backend);
    }, SUITE.timeout);
    beforeEach(() => hq.reset());
    afterAll(() => hq?.close());

    it("publishes a profile's policy: a version from the calendars' sequence; the newest of a profile is its policy", async () => {
      const first = await publishPolicy(hq.db, { profile: 'general', policy: generalWith(5), by: '王经理' }, T0);
      expect(first).toEqual({
        profile: 'general',
        version: expect.any(Number),
        publishedAt: T0,
        policy: generalWith(5),
        publishedBy: '王经理',
      });
      const calendar = await publishCalendar(hq.db, { year: 2027, days: [], by: 'x' }, T0 + 1);
      const pawnshop = await publishPolicy(hq.db, { profile: 'pawnshop', policy: DEFAULT_DEADLINE_POLICIES.pawnshop, by: 'x' }, T0 + 2);
      const again = await publishPolicy(hq.db, { profile: 'general', policy: generalWith(4), by: '李主任' }, T0 + 3);
      expect(calendar.version).toBeGreaterThan(first.version);
      expect(pawnshop.version).toBeGreaterThan(calendar.version);
      expect(again.version).toBeGreaterThan(pawnshop.version);
      expect(await publishedPolicy(hq.db, 'general')).toEqual(again);
      expect(await publishedPolicy(hq.db, 'courier')).toBeNull();
      expect(await policyPublications(hq.db)).toEqual([again, pawnshop]);
      expect((await publishedPolicies(hq.db))[0]).not.toHaveProperty('publishedBy');
    });

    it("refuses what the branches' own policy check refuses, storing nothing", async () => {
      const clock = DEFAULT_DEADLINE_POLICIES.general.clocks[0]!;
      const refusals: [unknown, unknown, string][] = [
        ['general', { ...generalWith(3), clocks: [{ ...clock, amount: 0 }] }, 'clocks.0.amount'],
        ['general', { ...generalWith(3), clocks: [{ ...clock, amount: 61 }] }, 'clocks.0.amount'],
        ['general', { ...generalWith(3), clocks: [clock, clock] }, 'clocks.1.id'],
        ['general', { ...generalWith(3), clocks: [{ ...clock, unit: 'weeks' }] }, 'clocks.0.unit'],
        ['general', DEFAULT_DEADLINE_POLICIES.pawnshop, 'profile'],
        ['bakery', generalWith(3), 'profile'],
        ['general', 'resolve in 3 days', 'policy'],
      ];
      for (const [profile, policy, where] of refusals) {
        const refused = publishPolicy(hq.db, { profile, policy, by: 'x' }, T0);
        await expect(refused, where).rejects.toBeInstanceOf(PolicyProblem);
        await expect(refused, where).rejects.toThrow(`${where}: `);
      }
      expect(await hq.count('published_policies')).toBe(0);
    });

    it("GET /v1/calendars answers each profile's newest policy newer than `since`, with the calendars, `latest` over both", async () => {
      const calendar = await publishCalendar(hq.db, { year: 2027, days: [], by: 'x' }, T0);
      const { publishedBy: _, ...general } = await publishPolicy(hq.db, { profile: 'general', policy: generalWith(5), by: 'x' }, T0);
      expect((await hq.send(calendars(0))).json).toEqual({
        serverTime: T0,
        latest: general.version,
        calendars: [calendar],
        policies: [general],
      });
      expect((await hq.send(calendars(calendar.version))).json).toEqual({
        serverTime: T0,
        latest: general.version,
        calendars: [],
        policies: [general],
      });
      expect((await hq.send(calendars(general.version))).json).toEqual({
        serverTime: T0,
        latest: general.version,
        calendars: [],
        policies: [],
      });
      // A branch ahead of head office gets everything again.
      expect((await hq.send(calendars(general.version + 100))).json.policies).toEqual([general]);
    });

    it("reaches a branch that does not sync in head office's calendar file, applied as the sync applies it", async () => {
      await publishCalendar(hq.db, { year: 2027, days: [], by: 'x' }, T0);
      await publishPolicy(hq.db, { profile: 'general', policy: generalWith(5), by: '王经理' }, T0);
      const text = calendarFileText(await exportCalendars(hq.db, [2027]));
      const { host } = await openHost(new TestClock(MONDAY));
      try {
        await host.call('branch.configure', { branch: { branchCode: 'SH09', branchName: '上海九店', profileId: 'general' } }, SUPERVISOR);
        expect(await host.call('calendars.load', { text }, SUPERVISOR)).toMatchObject({
          ok: true,
          value: { policySource: 'headOffice', policyPublishedAt: T0, policy: generalWith(5) },
        });
      } finally {
        host.close();
      }
    });

    describe('a branch', () => {
      let host: StoreHost;
      beforeEach(async () => {
        hq.clock.at = MONDAY;
        host = await branchHost(hq, 'general');
        return () => host.close();
      });

      it("receives its profile's policy on its next sync and counts a new case's deadlines with it; its supervisor's own policy still wins", async () => {
        const resolveDue = async () => {
          const r = await host.call('cases.register', { intake: intake({ category: 'service_attitude' }, MONDAY) }, CLERK);
          if (!r.ok) throw new Error(r.error.message);
          const detail = await host.call('cases.get', { caseId: r.value.id }, SUPERVISOR);
          if (!detail.ok) throw new Error(detail.error.message);
          return new Date(detail.value.clocks.find((k) => k.id === 'resolve')!.dueAt! + 8 * 3_600_000).toISOString().slice(0, 10);
        };
        expect(await resolveDue()).toBe('2026-03-05');
        await publishPolicy(hq.db, { profile: 'general', policy: generalWith(5), by: '王经理' }, MONDAY);
        await publishPolicy(hq.db, { profile: 'pawnshop', policy: DEFAULT_DEADLINE_POLICIES.pawnshop, by: '王经理' }, MONDAY);
        expect(await host.call('sync.now', {}, SUPERVISOR)).toMatchObject({ ok: true });
        expect(await settingsWhen(host, (s) => s.policySource === 'headOffice')).toMatchObject({
          policyPublishedAt: MONDAY,
          policy: generalWith(5),
        });
        expect(await resolveDue()).toBe('2026-03-09');

        await host.call('deadlines.save', { policy: generalWith(2) }, SUPERVISOR);
        await publishPolicy(hq.db, { profile: 'general', policy: generalWith(6), by: '王经理' }, MONDAY + 1);
        await host.call('sync.now', {}, SUPERVISOR);
        // Whatever head office publishes, the supervisor's own policy stays in force (tests/store/hq-policies.test.ts waits for the receipt).
        await settingsWhen(host, (s) => s.policySource === 'local');
        expect(await resolveDue()).toBe('2026-03-04');
        await host.call('deadlines.save', { policy: null }, SUPERVISOR);
        expect(await settingsWhen(host, (s) => s.policyPublishedAt === MONDAY + 1)).toMatchObject({
          policySource: 'headOffice',
          policy: generalWith(6),
        });
        expect(await resolveDue()).toBe('2026-03-10');
      });
    });
  });
}
