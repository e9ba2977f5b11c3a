import { describe, expect, it } from 'vitest';
import { DEFAULT_DEADLINE_POLICIES, type PublishedCalendar, type PublishedPolicy } from '../../shared/deadlines';
import { createSyncEngine } from '../../shared/sync/engine';
import { HEADERS, type CalendarsAnswer } from '../../shared/sync/protocol';
import { Clock, ENROLMENT, FakeHq, makeCase, ManualTimers, MemorySource } from './sync/fakes';

/** A branch that keeps head office's calendars: what it holds and each answer it was handed. */
class CalendarSource extends MemorySource {
  since = 0;
  received: CalendarsAnswer[] = [];
  async calendarsSince(): Promise<number> {
    return this.since;
  }
  async receiveCalendars(answer: CalendarsAnswer): Promise<void> {
    this.received.push(answer);
    this.since = answer.latest;
  }
}

const Y2027: PublishedCalendar = {
  year: 2027,
  version: 1,
  publishedAt: Date.parse('2026-11-20T10:00:00+08:00'),
  days: [{ date: '2027-01-01', workday: false, name: '元旦' }],
};

function setup(source: MemorySource = new CalendarSource()) {
  const clock = new Clock();
  const timers = new ManualTimers(clock);
  const hq = new FakeHq(clock);
  const engine = createSyncEngine({
    source,
    transport: (r) => hq.transport(r),
    enrolment: async () => ENROLMENT,
    now: clock.now,
    random: () => 0.5,
    appVersion: '1.2.3',
    setTimer: timers.setTimer,
    clearTimer: timers.clearTimer,
  });
  return { hq, engine, source };
}

const calendarRequests = (hq: FakeHq) => hq.requests.filter((r) => r.url.includes('/v1/calendars'));

describe('sync engine: head office calendars', () => {
  it('after the cases are delivered, asks (signed) for calendars newer than those held and hands them to the branch', async () => {
    const source = new CalendarSource();
    const { hq, engine } = setup(source);
    hq.calendars = [Y2027];
    source.archive(makeCase(1));
    expect(await engine.syncOnce()).toEqual({ result: 'done', sent: 1, rejected: 0 });
    const [request] = calendarRequests(hq);
    expect(request).toMatchObject({ method: 'GET', url: `${ENROLMENT.hqUrl}/v1/calendars?since=0` });
    expect(request!.headers[HEADERS.signature]).toMatch(/^v1=[0-9a-f]{64}$/);
    // It came after the batch: the cases go first.
    expect(hq.requests.at(-1)).toBe(request);
    expect(source.received).toEqual([{ serverTime: expect.any(Number), latest: 1, calendars: [Y2027] }]);

    // The next run asks from what it holds, and gets only what is newer.
    const republished = { ...Y2027, version: 2, days: [...Y2027.days, { date: '2027-01-04', workday: false }] };
    hq.calendars = [republished];
    await engine.syncOnce();
    expect(calendarRequests(hq).map((r) => r.url.split('?')[1])).toEqual(['since=0', 'since=1']);
    expect(source.received.at(-1)!.calendars).toEqual([republished]);
  });

  it('asks also when nothing waits (a run at start-up, or a supervisor\'s "sync now")', async () => {
    const source = new CalendarSource();
    const { hq, engine } = setup(source);
    hq.calendars = [Y2027];
    expect(await engine.syncOnce()).toEqual({ result: 'done', sent: 0, rejected: 0 });
    expect(calendarRequests(hq)).toHaveLength(1);
    expect(source.received[0]!.calendars).toEqual([Y2027]);
  });

  it('does not ask after a failed run: the backoff decides when head office is tried again', async () => {
    const source = new CalendarSource();
    const { hq, engine } = setup(source);
    hq.faults = ['refuse'];
    source.archive(makeCase(1));
    expect(await engine.syncOnce()).toMatchObject({ result: 'failed', error: { code: 'network' } });
    expect(calendarRequests(hq)).toEqual([]);
  });

  it('a calendar request that fails fails nothing: the run is done, no error is kept, the next run asks again', async () => {
    const source = new CalendarSource();
    const { hq, engine } = setup(source);
    source.archive(makeCase(1));
    // The batch goes through; the calendar request gets head office's "no such route" (an older head office).
    hq.faults = [null, { refuse: 'not_found' }];
    expect(await engine.syncOnce()).toEqual({ result: 'done', sent: 1, rejected: 0 });
    expect(source.state).toMatchObject({ lastError: null, attempt: 0, nextAttemptAt: null });
    expect(source.received).toEqual([]);
    hq.faults = ['drop_answer'];
    expect(await engine.syncOnce()).toEqual({ result: 'done', sent: 0, rejected: 0 });
    expect(source.received).toEqual([]);
    await engine.syncOnce();
    expect(source.received).toHaveLength(1);
  });

  it('a garbled calendar answer is not handed to the branch', async () => {
    const source = new CalendarSource();
    const { hq, engine } = setup(source);
    hq.calendars = [{ ...Y2027, days: [{ date: '2026-12-31', workday: false }] }];
    await engine.syncOnce();
    expect(calendarRequests(hq)).toHaveLength(1);
    expect(source.received).toEqual([]);
  });

  it('a source that keeps no calendars is never asked about them, and head office is not asked either', async () => {
    const { hq, engine, source } = setup(new MemorySource());
    source.archive(makeCase(1));
    await engine.syncOnce();
    expect(calendarRequests(hq)).toEqual([]);
  });

  it("hands head office's deadline policies over with the calendars, newer than the branch's version; an answer without them still counts", async () => {
    const source = new CalendarSource();
    const { hq, engine } = setup(source);
    const general: PublishedPolicy = {
      profile: 'general',
      version: 2,
      publishedAt: Y2027.publishedAt,
      policy: DEFAULT_DEADLINE_POLICIES.general,
    };
    hq.calendars = [Y2027];
    hq.policies = [general];
    await engine.syncOnce();
    expect(source.received).toEqual([{ serverTime: expect.any(Number), latest: 2, calendars: [Y2027], policies: [general] }]);
    await engine.syncOnce();
    expect(calendarRequests(hq).at(-1)!.url).toMatch(/since=2$/);
    expect(source.received.at(-1)).toMatchObject({ latest: 2, calendars: [], policies: [] });
    // An older head office leaves the field out: the answer is handed over as it is.
    hq.policies = undefined;
    hq.calendars = [{ ...Y2027, version: 3 }];
    await engine.syncOnce();
    expect(source.received.at(-1)).toEqual({ serverTime: expect.any(Number), latest: 3, calendars: [{ ...Y2027, version: 3 }] });
  });

  it('an answer with a policy that is not valid (no clock may allow 0 hours; a policy under another profile) is not handed to the branch', async () => {
    for (const bad of [
      { ...DEFAULT_DEADLINE_POLICIES.general, clocks: [{ ...DEFAULT_DEADLINE_POLICIES.general.clocks[0]!, amount: 0 }] },
      DEFAULT_DEADLINE_POLICIES.pawnshop,
    ]) {
      const source = new CalendarSource();
      const { hq, engine } = setup(source);
      hq.policies = [{ profile: 'general', version: 1, publishedAt: 0, policy: bad }];
      await engine.syncOnce();
      expect(calendarRequests(hq)).toHaveLength(1);
      expect(source.received).toEqual([]);
    }
  });
});
