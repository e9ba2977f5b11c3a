import { describe, expect, it } from 'vitest';
import type { StoreHost } from '../../electron/store/host';
import type { PublishedCalendar } from '../../shared/deadlines';
import { calendarFile } from '../../shared/deadlines';
import { CLERK, EN, intake, openHost, SUPERVISOR, TestClock, uniqueDbName } from './fixtures';

/** Wednesday 30 December 2026, 10:00 China time: a 3-working-day clock runs into 2027. */
const DEC_30 = Date.parse('2026-12-30T10:00:00+08:00');
const HQ_2027: PublishedCalendar = {
  year: 2027,
  version: 4,
  publishedAt: Date.parse('2026-11-20T10:00:00+08:00'),
  days: [{ date: '2027-01-01', workday: false, name: '元旦' }],
};
const fileOf = (calendars: PublishedCalendar[]) => JSON.stringify(calendarFile(calendars));

async function generalBranch(at = DEC_30) {
  const opened = await openHost(new TestClock(at), uniqueDbName('calendars'));
  const r = await opened.host.call(
    'branch.configure',
    { branch: { branchCode: 'BJ01', branchName: '北京一店', profileId: 'general' } },
    SUPERVISOR,
  );
  if (!r.ok) throw new Error(r.error.message);
  return opened;
}

/** The 'resolve' clock (3 working days from registration) of a case registered now: its due date, China time. */
async function resolveDue(host: StoreHost, caseId: string): Promise<string> {
  const detail = await host.call('cases.get', { caseId }, SUPERVISOR);
  if (!detail.ok) throw new Error(detail.error.message);
  const dueAt = detail.value.clocks.find((k) => k.id === 'resolve')!.dueAt!;
  return new Date(dueAt + 8 * 3_600_000).toISOString().slice(0, 10);
}

async function settings(host: StoreHost) {
  const r = await host.call('deadlines.get', {}, SUPERVISOR);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe("head office's calendar file, loaded at the branch", () => {
  it('moves a deadline that runs into its year; a local entry still wins; settings say where each year comes from', async () => {
    const { host } = await generalBranch();
    const r = await host.call('cases.register', { intake: intake({ category: 'service_attitude' }, DEC_30) }, CLERK);
    if (!r.ok) throw new Error(r.error.message);
    // Without 2027's calendar, 1 January (a Friday) counts as a working day.
    expect(await resolveDue(host, r.value.id)).toBe('2027-01-04');
    expect(await settings(host)).toMatchObject({
      uncoveredYears: [2027],
      nextYearMissing: 2027,
      calendarYears: [
        { year: 2026, source: 'library', localEntries: 0, publishedAt: null },
        { year: 2027, source: 'unknown', localEntries: 0, publishedAt: null },
      ],
    });

    const loaded = await host.call('calendars.load', { text: fileOf([HQ_2027]) }, SUPERVISOR);
    expect(loaded).toMatchObject({
      ok: true,
      value: {
        uncoveredYears: [],
        nextYearMissing: null,
        calendarYears: [{ year: 2026 }, { year: 2027, source: 'headOffice', publishedAt: HQ_2027.publishedAt }],
      },
    });
    expect(await resolveDue(host, r.value.id)).toBe('2027-01-05');

    // The branch opens on 1 January: its own entry wins over head office's.
    await host.call('deadlines.save', { calendarOverrides: [{ date: '2027-01-01', workday: true, name: '本店照常营业' }] }, SUPERVISOR);
    expect(await resolveDue(host, r.value.id)).toBe('2027-01-04');
    expect((await settings(host)).calendarYears[1]).toEqual({
      year: 2027,
      source: 'headOffice',
      localEntries: 1,
      publishedAt: HQ_2027.publishedAt,
    });
    host.close();
  });

  it('is kept after the store reopens', async () => {
    const clock = new TestClock(DEC_30);
    const dbName = uniqueDbName('calendars-reopen');
    const first = await openHost(clock, dbName);
    await first.host.call('branch.configure', { branch: { branchCode: 'BJ01', branchName: '北京一店', profileId: 'general' } }, SUPERVISOR);
    expect(await first.host.call('calendars.load', { text: fileOf([HQ_2027]) }, SUPERVISOR)).toMatchObject({ ok: true });
    first.host.close();
    const again = await openHost(clock, dbName);
    expect((await settings(again.host)).calendarYears.find((y) => y.year === 2027)?.source).toBe('headOffice');
    again.host.close();
  });

  it("refuses a bad file whole, with the reason in the caller's language, and keeps what it held", async () => {
    const { host } = await generalBranch();
    await host.call('calendars.load', { text: fileOf([HQ_2027]) }, SUPERVISOR);
    const before = await settings(host);
    const cases: [string, string, string][] = [
      ['not JSON', '{"format": ', '这不是总部导出的节假日文件。'],
      ['another JSON file', JSON.stringify({ departments: [] }), '这不是总部导出的节假日文件。'],
      [
        'a date outside its year',
        fileOf([{ ...HQ_2027, version: 9, days: [{ date: '2026-12-31', workday: false }] }]),
        '该日期不在 2027 年内。',
      ],
      [
        'a date that does not exist',
        fileOf([{ ...HQ_2027, version: 9, days: [{ date: '2027-02-30', workday: false }] }]),
        '请输入有效日期（年-月-日）。',
      ],
      [
        'a date twice',
        fileOf([{ ...HQ_2027, version: 9, days: [HQ_2027.days[0]!, { date: '2027-01-01', workday: true }] }]),
        '该日期已录入。',
      ],
    ];
    for (const [what, text, message] of cases) {
      const r = await host.call('calendars.load', { text }, SUPERVISOR);
      expect(r, what).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(!r.ok && (r.error.issues?.[0]?.message ?? r.error.message), what).toBe(message);
    }
    const english = await host.call('calendars.load', { text: '[]' }, EN(SUPERVISOR));
    expect(!english.ok && english.error.message).toBe('This is not a holiday calendar file exported by head office.');
    const huge = await host.call('calendars.load', { text: ' '.repeat(1024 * 1024 + 1) }, SUPERVISOR);
    expect(!huge.ok && (huge.error.issues?.[0]?.message ?? huge.error.message)).toBe('文件过大，不是总部导出的节假日文件。');
    expect(await settings(host)).toEqual(before);
    host.close();
  });

  it('an older file does not replace a newer calendar of the same year', async () => {
    const { host } = await generalBranch();
    await host.call('calendars.load', { text: fileOf([HQ_2027]) }, SUPERVISOR);
    const older = { ...HQ_2027, version: 2, publishedAt: HQ_2027.publishedAt - 86_400_000, days: [] };
    expect(await host.call('calendars.load', { text: fileOf([older]) }, SUPERVISOR)).toMatchObject({ ok: true });
    expect((await settings(host)).calendarYears.find((y) => y.year === 2027)?.publishedAt).toBe(HQ_2027.publishedAt);
    host.close();
  });

  it('only a supervisor loads it', async () => {
    const { host } = await generalBranch();
    expect(await host.call('calendars.load', { text: fileOf([HQ_2027]) }, CLERK)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect((await settings(host)).calendarYears.find((y) => y.year === 2027)?.source).toBe('unknown');
    host.close();
  });

  it('before 1 December nothing is missing yet, though the settings still list next year as uncovered', async () => {
    const { host } = await generalBranch(Date.parse('2026-11-30T10:00:00+08:00'));
    expect(await settings(host)).toMatchObject({ uncoveredYears: [2027], nextYearMissing: null });
    host.close();
  });

  it("takes what the sync receives (main-only), and starts afresh when head office's versions went back", async () => {
    const { host } = await generalBranch();
    const receive = (answer: object) => host.call('sync.receiveCalendars', { answer }, SUPERVISOR, 'main');
    const since = async () => {
      const r = await host.call('sync.calendarsSince', {}, SUPERVISOR, 'main');
      return r.ok ? r.value : null;
    };
    expect(await receive({ serverTime: DEC_30, latest: 7, calendars: [{ ...HQ_2027, version: 7 }] })).toEqual({ ok: true, value: null });
    expect(await since()).toBe(7);
    // A replaced head office numbers from 1 again and answers every year (docs/sync-protocol.md).
    const fresh = { ...HQ_2027, version: 1, publishedAt: DEC_30, days: [] };
    expect(await receive({ serverTime: DEC_30, latest: 1, calendars: [fresh] })).toEqual({ ok: true, value: null });
    expect(await since()).toBe(1);
    expect((await settings(host)).calendarYears.find((y) => y.year === 2027)?.publishedAt).toBe(DEC_30);
    // What the sync hands over is checked like a file.
    const bad = await receive({
      serverTime: DEC_30,
      latest: 9,
      calendars: [{ ...HQ_2027, version: 9, days: [{ date: '2028-01-01', workday: false }] }],
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await since()).toBe(1);
    host.close();
  });
});
