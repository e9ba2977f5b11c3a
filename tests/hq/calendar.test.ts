import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StoreHost } from '../../electron/store/host';
import {
  CalendarProblem,
  calendarsSince,
  exportCalendars,
  publishCalendar,
  publishedCalendar,
  publishedCalendars,
} from '../../hq/calendar';
import { publishedPolicies, publishPolicy } from '../../hq/policies';
import type { DeadlineSettings } from '../../shared/api/contract';
import { calendarFileSchema, DEFAULT_DEADLINE_POLICIES } from '../../shared/deadlines';
import { PATHS } from '../../shared/sync/protocol';
import { CLERK, intake, SUPERVISOR } from '../store/fixtures';
import { BACKENDS, branchHost, startHq, SUITE, T0, type TestHq } from './fixtures';

const DAYS_2027 = [
  { date: '2027-01-01', workday: false, name: '元旦' },
  { date: '2027-02-20', workday: true, name: '春节调休' },
];
/** Wednesday 30 December 2026, 10:00 China time: a 3-working-day clock runs over New Year's Day 2027. */
const DEC_30 = Date.parse('2026-12-30T10:00:00+08:00');

const calendars = (since: number | string) => ({ method: 'GET', path: `${PATHS.calendars}?since=${since}` });

/** Resolves with the first deadline settings that `done` accepts (a live result: no polling). */
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

/** The China date a case's 'resolve' clock (general profile: 3 working days) is due. */
async function resolveDue(host: StoreHost, caseId: string): Promise<string> {
  const detail = await host.call('cases.get', { caseId }, SUPERVISOR);
  if (!detail.ok) throw new Error(detail.error.message);
  return new Date(detail.value.clocks.find((k) => k.id === 'resolve')!.dueAt! + 8 * 3_600_000).toISOString().slice(0, 10);
}

for (const { backend, skip } of BACKENDS) {
  describe.skipIf(skip)(`calendars at head office on ${backend}`, SUITE, () => {
    let hq: TestHq;
    beforeAll(async () => {
      hq = await startHq(backend);
    }, SUITE.timeout);
    beforeEach(() => hq.reset());
    afterAll(() => hq?.close());

    it('publishes a year: days sorted, a version that grows with every publication; the newest of a year is its calendar', async () => {
      const first = await publishCalendar(hq.db, { year: 2027, days: [...DAYS_2027].reverse(), by: '王经理' }, T0);
      expect(first).toEqual({ year: 2027, version: expect.any(Number), publishedAt: T0, days: DAYS_2027 });
      const other = await publishCalendar(hq.db, { year: 2028, days: [], by: '王经理' }, T0 + 1);
      const again = await publishCalendar(hq.db, { year: 2027, days: DAYS_2027.slice(0, 1), by: '李主任' }, T0 + 2);
      expect(other.version).toBeGreaterThan(first.version);
      expect(again.version).toBeGreaterThan(other.version);
      expect(await publishedCalendar(hq.db, 2027)).toEqual({ ...again, publishedBy: '李主任' });
      expect(await publishedCalendar(hq.db, 2029)).toBeNull();
      expect(await publishedCalendars(hq.db)).toEqual([again, other]);
    });

    it('refuses days that are not real dates, outside the year, twice, or a year out of range, storing nothing', async () => {
      const refusals: [unknown, unknown, string][] = [
        [2027, [{ date: '2027-02-29', workday: false }], 'days.0.date: Enter a real date (YYYY-MM-DD).'],
        [2027, [{ date: '2026-12-31', workday: false }], 'days.0.date: This date is not in 2027.'],
        [
          2027,
          [
            { date: '2027-01-01', workday: false },
            { date: '2027-01-01', workday: true },
          ],
          'days.1.date: This date is already entered.',
        ],
        [2027, [{ date: '2027-01-01', workday: 'no' }], 'days.0.workday: Choose working day or day off.'],
        [1899, [], 'year: The year must be a whole number from 2000 to 2100.'],
        ['2027', [], 'year: The year must be a whole number from 2000 to 2100.'],
        [2027, { '2027-01-01': false }, 'days: Invalid format.'],
      ];
      for (const [year, days, message] of refusals) {
        const refused = publishCalendar(hq.db, { year, days, by: 'x' }, T0);
        await expect(refused).rejects.toBeInstanceOf(CalendarProblem);
        await expect(refused).rejects.toThrow(message);
      }
      expect(await hq.count('calendars')).toBe(0);
    });

    it('GET /v1/calendars answers a signed request with each year newer than `since`, and `latest`', async () => {
      expect(await hq.send(calendars(0))).toEqual({ status: 200, json: { serverTime: T0, latest: 0, calendars: [], policies: [] } });
      const y2027 = await publishCalendar(hq.db, { year: 2027, days: DAYS_2027, by: 'x' }, T0);
      const y2028 = await publishCalendar(hq.db, { year: 2028, days: [], by: 'x' }, T0);
      expect((await hq.send(calendars(0))).json).toEqual({
        serverTime: T0,
        latest: y2028.version,
        calendars: [y2027, y2028],
        policies: [],
      });
      expect((await hq.send(calendars(y2027.version))).json.calendars).toEqual([y2028]);
      expect((await hq.send(calendars(y2028.version))).json.calendars).toEqual([]);
      const republished = await publishCalendar(hq.db, { year: 2027, days: [], by: 'x' }, T0);
      expect((await hq.send(calendars(y2028.version))).json).toEqual({
        serverTime: T0,
        latest: republished.version,
        calendars: [republished],
        policies: [],
      });
      // A branch ahead of head office (head office's database was replaced) gets everything again.
      expect((await hq.send(calendars(republished.version + 100))).json.calendars).toEqual([republished, y2028]);
      // It counts as the branch's contact.
      const { rows } = await hq.db.query<{ last_contact_at: string }>('SELECT last_contact_at FROM branches WHERE code = $1', ['BJ01']);
      expect(Number(rows[0]!.last_contact_at)).toBe(T0);
    });

    it('GET /v1/calendars refuses what is not signed by an enrolled branch, and a bad `since`', async () => {
      await publishCalendar(hq.db, { year: 2027, days: DAYS_2027, by: 'x' }, T0);
      expect(await hq.send({ ...calendars(0), branch: null })).toMatchObject({ status: 401, json: { error: { code: 'unsigned' } } });
      expect(await hq.send({ ...calendars(0), secret: 'B'.repeat(43) })).toMatchObject({
        status: 401,
        json: { error: { code: 'bad_signature' } },
      });
      expect(await hq.send({ ...calendars(0), branch: 'SH99' })).toMatchObject({
        status: 401,
        json: { error: { code: 'unknown_branch' } },
      });
      // The query is signed: another `since` than the one signed is another request.
      expect(await hq.send({ ...calendars(5), sign: { path: `${PATHS.calendars}?since=0` } })).toMatchObject({
        status: 401,
        json: { error: { code: 'bad_signature' } },
      });
      expect(await hq.send({ ...calendars(0), timestamp: T0 - 10 * 60_000 })).toMatchObject({
        status: 401,
        json: { error: { code: 'clock_skew' } },
      });
      for (const since of ['', '-1', 'abc', '1e3', '9'.repeat(16)])
        expect(await hq.send(calendars(since)), since).toMatchObject({ status: 400, json: { error: { code: 'malformed' } } });
      expect(await hq.send({ method: 'GET', path: PATHS.calendars })).toMatchObject({
        status: 400,
        json: { error: { code: 'malformed' } },
      });
    });

    it('exports the file a branch loads: each year asked for, as published, and every published deadline policy', async () => {
      const y2027 = await publishCalendar(hq.db, { year: 2027, days: DAYS_2027, by: 'x' }, T0);
      await publishCalendar(hq.db, { year: 2028, days: [], by: 'x' }, T0);
      // None published yet: an empty list.
      expect((await exportCalendars(hq.db, [2027])).policies).toEqual([]);
      await publishPolicy(hq.db, { profile: 'pawnshop', policy: DEFAULT_DEADLINE_POLICIES.pawnshop, by: 'x' }, T0);
      await publishPolicy(hq.db, { profile: 'general', policy: DEFAULT_DEADLINE_POLICIES.general, by: 'x' }, T0);
      const { publishedBy: _, ...general } = await publishPolicy(
        hq.db,
        {
          profile: 'general',
          policy: {
            ...DEFAULT_DEADLINE_POLICIES.general,
            clocks: DEFAULT_DEADLINE_POLICIES.general.clocks.map((c) => ({ ...c, amount: 9 })),
          },
          by: 'x',
        },
        T0 + 1,
      );
      const file = await exportCalendars(hq.db, [2027]);
      const pawnshop = (await publishedPolicies(hq.db)).find((p) => p.profile === 'pawnshop');
      expect(calendarFileSchema.parse(JSON.parse(JSON.stringify(file)))).toEqual({
        format: 'countersign-calendar',
        formatVersion: 1,
        calendars: [y2027],
        // Each profile's newest, as the sync answer carries them.
        policies: [general, pawnshop],
      });
      expect(file.policies).toEqual((await calendarsSince(hq.db, 0, T0)).policies);
      expect((await exportCalendars(hq.db)).calendars.map((c) => c.year)).toEqual([2027, 2028]);
      await expect(exportCalendars(hq.db, [2030])).rejects.toThrow('no calendar is published for 2030');
    });

    describe('a branch', () => {
      let host: StoreHost;
      beforeEach(async () => {
        hq.clock.at = DEC_30;
        host = await branchHost(hq, 'general');
        return () => host.close();
      });

      it('receives a published calendar on its next sync: a deadline moves, a local entry still wins', async () => {
        const registered = await host.call('cases.register', { intake: intake({ category: 'service_attitude' }, DEC_30) }, CLERK);
        if (!registered.ok) throw new Error(registered.error.message);
        const caseId = registered.value.id;
        // No 2027 calendar yet: New Year's Day (a Friday) counts as a working day.
        await settingsWhen(host, (s) => s.nextYearMissing === 2027);
        expect(await resolveDue(host, caseId)).toBe('2027-01-04');

        await publishCalendar(hq.db, { year: 2027, days: DAYS_2027, by: '王经理' }, hq.clock.now());
        expect(await host.call('sync.now', {}, SUPERVISOR)).toMatchObject({ ok: true });
        const received = await settingsWhen(host, (s) => s.calendarYears.some((y) => y.year === 2027 && y.source === 'headOffice'));
        expect(received).toMatchObject({ nextYearMissing: null, uncoveredYears: [] });
        expect(received.calendarYears.find((y) => y.year === 2027)).toEqual({
          year: 2027,
          source: 'headOffice',
          localEntries: 0,
          publishedAt: DEC_30,
        });
        expect(await resolveDue(host, caseId)).toBe('2027-01-05');

        // The branch opens on New Year's Day: its own entry wins, also after head office publishes again.
        await host.call('deadlines.save', { calendarOverrides: [{ date: '2027-01-01', workday: true, name: '本店照常营业' }] }, SUPERVISOR);
        expect(await resolveDue(host, caseId)).toBe('2027-01-04');
        const republished = await publishCalendar(
          hq.db,
          { year: 2027, days: [...DAYS_2027, { date: '2027-01-04', workday: false }], by: 'x' },
          hq.clock.now() + 1,
        );
        await host.call('sync.now', {}, SUPERVISOR);
        await settingsWhen(host, (s) => s.calendarYears.some((y) => y.year === 2027 && y.publishedAt === republished.publishedAt));
        expect(await resolveDue(host, caseId)).toBe('2027-01-05');
      });
    });
  });
}

// The command line opens HQ's own database (PGlite in HQ_DATA_DIR): one run, whatever the backends above.
describe('npm run hq -- calendar', () => {
  it(
    'npm run hq -- calendar publish / export: the file a branch loads, or the reasons it was refused',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'hq-calendar-'));
      const cli = async (args: string[]) => {
        const { DATABASE_URL: _ignored, ...env } = process.env;
        const child = spawn(process.execPath, ['--import', 'tsx', 'hq/main.ts', 'calendar', ...args], {
          env: { ...env, HQ_DATA_DIR: join(dir, 'hq-data') },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let out = '';
        child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
        const [code] = (await once(child, 'exit')) as [number];
        return { code, out };
      };
      try {
        writeFileSync(join(dir, 'bad.json'), JSON.stringify([{ date: '2026-12-31', workday: false }]));
        expect(await cli(['publish', '--year', '2027', '--file', join(dir, 'bad.json')])).toEqual({
          code: 1,
          out: expect.stringContaining('days.0.date: This date is not in 2027.'),
        });
        writeFileSync(join(dir, 'days.json'), JSON.stringify(DAYS_2027));
        const published = await cli(['publish', '--year', '2027', '--file', join(dir, 'days.json'), '--by', '王经理']);
        expect(published).toEqual({ code: 0, out: expect.stringContaining('Published 2027: 1 holidays, 1 working days') });
        const out = join(dir, 'calendar-2027.json');
        expect(await cli(['export', '--year', '2027', '--out', out])).toEqual({
          code: 0,
          out: expect.stringContaining(`Wrote ${out}: calendars 2027 (version 1); no deadline policies (none is published).`),
        });
        const file = calendarFileSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
        expect(file.calendars).toEqual([{ year: 2027, version: 1, publishedAt: expect.any(Number), days: DAYS_2027 }]);
        expect(file.policies).toEqual([]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    // Three processes, each starting PGlite in its folder.
    3 * SUITE.timeout,
  );
});
