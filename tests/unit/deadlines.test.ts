import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { isWorkday as libraryIsWorkday } from 'chinese-days';
import { EVENT_TYPES, PROFILE_IDS, type EventType } from '../../shared/domain/enums';
import {
  WorkCalendar,
  LIBRARY_YEARS,
  DEFAULT_DEADLINE_POLICIES,
  DEADLINE_ERRORS,
  computeClocks,
  nextDueAt,
  chinaDate,
  dateOfDayIndex,
  dayIndexOfDate,
  deadlinePolicySchema,
  calendarOverridesSchema,
  deadlineMessages,
  type CalendarOverride,
  type ClockEvent,
  type ClockPolicy,
  type ClockState,
  type DeadlinePolicy,
} from '../../shared/deadlines';

/** Epoch ms of a China wall-clock time. */
const china = (date: string, time = '00:00:00.000') => Date.parse(`${date}T${time}+08:00`);
const endOf = (date: string) => china(date, '23:59:59.999');
const GENERAL = DEFAULT_DEADLINE_POLICIES.general;
const PAWNSHOP = DEFAULT_DEADLINE_POLICIES.pawnshop;
const plainCalendar = new WorkCalendar();

function clock(states: ClockState[], id: string): ClockState {
  const state = states.find((s) => s.id === id);
  if (!state) throw new Error(`no clock ${id}`);
  return state;
}

function statusAt(policy: DeadlinePolicy, events: ClockEvent[], now: number, id: string, calendar = plainCalendar) {
  return clock(computeClocks(policy, events, now, calendar), id).status;
}

describe('WorkCalendar: years chinese-days knows', () => {
  it('knows exactly 2004–2026', () => {
    expect(LIBRARY_YEARS).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
    expect(plainCalendar.knowsYear(2004)).toBe(true);
    expect(plainCalendar.knowsYear(2026)).toBe(true);
    expect(plainCalendar.knowsYear(2003)).toBe(false);
    expect(plainCalendar.knowsYear(2027)).toBe(false);
  });

  // chinese-days' own isWorkday reads the wrong day in UTC−x zones, so compare only where it is right.
  it.skipIf(new Date(2026, 0, 1).getTimezoneOffset() > 0)('agrees with chinese-days on every day 2004–2026', () => {
    const disagreements: string[] = [];
    for (let day = dayIndexOfDate('2004-01-01'); day <= dayIndexOfDate('2026-12-31'); day++) {
      const date = dateOfDayIndex(day);
      if (plainCalendar.isWorkday(date) !== libraryIsWorkday(date)) disagreements.push(date);
    }
    expect(disagreements).toEqual([]);
  });
});

describe('WorkCalendar: State Council holidays with 调休', () => {
  const offDays = (from: string, to: string) => {
    const days: string[] = [];
    for (let d = dayIndexOfDate(from); d <= dayIndexOfDate(to); d++) days.push(dateOfDayIndex(d));
    return days;
  };

  it('Spring Festival 2026: 2-15..2-23 off, Saturdays 2-14 and 2-28 worked', () => {
    for (const date of offDays('2026-02-15', '2026-02-23')) expect(plainCalendar.isWorkday(date), date).toBe(false);
    expect(plainCalendar.isWorkday('2026-02-14')).toBe(true);
    expect(plainCalendar.isWorkday('2026-02-28')).toBe(true);
    expect(plainCalendar.isWorkday('2026-02-24')).toBe(true);
    expect(plainCalendar.dayName('2026-02-14')).toBe('春节');
  });

  it('National Day 2025: 10-1..10-8 off, Sunday 9-28 and Saturday 10-11 worked', () => {
    for (const date of offDays('2025-10-01', '2025-10-08')) expect(plainCalendar.isWorkday(date), date).toBe(false);
    expect(plainCalendar.isWorkday('2025-09-28')).toBe(true);
    expect(plainCalendar.isWorkday('2025-10-11')).toBe(true);
    expect(plainCalendar.isWorkday('2025-10-12')).toBe(false);
  });

  it('National Day 2026: 10-1..10-7 off, Sunday 9-20 and Saturday 10-10 worked', () => {
    for (const date of offDays('2026-10-01', '2026-10-07')) expect(plainCalendar.isWorkday(date), date).toBe(false);
    expect(plainCalendar.isWorkday('2026-09-20')).toBe(true);
    expect(plainCalendar.isWorkday('2026-10-10')).toBe(true);
    expect(plainCalendar.isWorkday('2026-10-17')).toBe(false);
  });

  it('adds working days over the holidays, the start day not counted', () => {
    // 10-8 Thu, 10-9 Fri, 10-10 working Saturday.
    expect(plainCalendar.addWorkingDays('2026-09-30', 3)).toBe('2026-10-10');
    // 10-9 Thu, 10-10 Fri, 10-11 working Saturday.
    expect(plainCalendar.addWorkingDays('2025-09-30', 3)).toBe('2025-10-11');
    // 2-14 working Saturday, then 2-24, 2-25.
    expect(plainCalendar.addWorkingDays('2026-02-13', 3)).toBe('2026-02-25');
    // Saturday 9-19 off, Sunday 9-20 worked.
    expect(plainCalendar.addWorkingDays('2026-09-18', 1)).toBe('2026-09-20');
    expect(plainCalendar.addWorkingDays('2026-10-01', 0)).toBe('2026-10-01');
  });

  it('rejects dates that are not real calendar dates', () => {
    expect(() => plainCalendar.isWorkday('2026-02-29')).toThrow(RangeError);
    expect(() => plainCalendar.isWorkday('2026-2-1')).toThrow(RangeError);
    expect(() => plainCalendar.addWorkingDays('2026-02-01', -1)).toThrow(RangeError);
    expect(() => new WorkCalendar([{ date: '2027-13-01', workday: false }])).toThrow(RangeError);
  });

  it('counts days in China time whatever the instant', () => {
    // 2026-02-13 16:30 UTC is already Saturday 2-14 00:30 in China: the start day is 2-14.
    expect(chinaDate(Date.parse('2026-02-13T16:30:00Z'))).toBe('2026-02-14');
    expect(plainCalendar.workingDaysDeadline(Date.parse('2026-02-13T16:30:00Z'), 3)).toBe(endOf('2026-02-26'));
    expect(plainCalendar.workingDaysDeadline(china('2026-02-13', '23:30:00.000'), 3)).toBe(endOf('2026-02-25'));
    expect(plainCalendar.workingDaysOpening(china('2026-09-30', '15:00:00.000'), 1)).toBe(china('2026-10-08'));
  });
});

describe('WorkCalendar: 2027, a year the library does not know', () => {
  it('falls back to Monday–Friday and says the year is uncovered', () => {
    expect(plainCalendar.coverage(2027)).toBe('unknown');
    expect(plainCalendar.coverage(2026)).toBe('library');
    expect(plainCalendar.uncoveredYears(2025, 2028)).toEqual([2027, 2028]);
    expect(plainCalendar.isWorkday('2027-10-01')).toBe(true); // a Friday
    expect(plainCalendar.addWorkingDays('2027-09-30', 3)).toBe('2027-10-05');
  });

  it("follows a supervisor's overrides once entered", () => {
    const overrides: CalendarOverride[] = [
      ...['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ date: `2027-10-${d}`, workday: false, name: '国庆节' })),
      { date: '2027-09-26', workday: true, name: '国庆节调休' },
      { date: '2027-10-09', workday: true, name: '国庆节调休' },
    ];
    const calendar = new WorkCalendar(overrides);
    expect(calendar.coverage(2027)).toBe('overrides');
    expect(calendar.uncoveredYears(2025, 2028)).toEqual([2028]);
    expect(calendar.isWorkday('2027-09-26')).toBe(true);
    expect(calendar.dayName('2027-10-09')).toBe('国庆节调休');
    // 10-8 Fri, 10-9 working Saturday, 10-11 Mon.
    expect(calendar.addWorkingDays('2027-09-30', 3)).toBe('2027-10-11');
  });

  it('lets overrides win in known years too', () => {
    const calendar = new WorkCalendar([
      { date: '2026-10-10', workday: false },
      { date: '2026-10-05', workday: true },
    ]);
    expect(calendar.isWorkday('2026-10-05')).toBe(true);
    expect(calendar.isWorkday('2026-10-10')).toBe(false);
    expect(calendar.addWorkingDays('2026-09-30', 3)).toBe('2026-10-09');
    expect(calendar.addWorkingDays('2026-10-05', 3)).toBe('2026-10-12');
  });
});

describe('computeClocks', () => {
  const registered = china('2026-09-30', '10:00:00.000');
  const base: ClockEvent[] = [{ type: 'registered', at: registered }];

  it('runs an hours clock through running, due soon and overdue', () => {
    expect(statusAt(GENERAL, base, registered + 40 * 60_000, 'assign')).toBe('running');
    expect(statusAt(GENERAL, base, registered + 45 * 60_000, 'assign')).toBe('due_soon');
    expect(statusAt(GENERAL, base, registered + 60 * 60_000, 'assign')).toBe('due_soon');
    expect(statusAt(GENERAL, base, registered + 60 * 60_000 + 1, 'assign')).toBe('overdue');
    const met = [...base, { type: 'assigned' as const, at: registered + 59 * 60_000 }];
    expect(clock(computeClocks(GENERAL, met, registered + 5 * 3_600_000, plainCalendar), 'assign')).toEqual({
      id: 'assign',
      labelKey: 'deadline.clock.assign',
      startAt: registered,
      dueAt: registered + 3_600_000,
      metAt: registered + 59 * 60_000,
      status: 'met',
    });
    const late = [...base, { type: 'assigned' as const, at: registered + 90 * 60_000 }];
    expect(statusAt(GENERAL, late, registered + 5 * 3_600_000, 'assign')).toBe('met_late');
  });

  it('runs the resolve clock across National Day 2026 to the working Saturday', () => {
    const state = clock(computeClocks(GENERAL, base, registered, plainCalendar), 'resolve');
    expect(state.dueAt).toBe(endOf('2026-10-10'));
    expect(statusAt(GENERAL, base, china('2026-10-09', '12:00:00.000'), 'resolve')).toBe('running');
    expect(statusAt(GENERAL, base, endOf('2026-10-09'), 'resolve')).toBe('running');
    expect(statusAt(GENERAL, base, china('2026-10-10', '00:00:00.000'), 'resolve')).toBe('due_soon');
    expect(statusAt(GENERAL, base, endOf('2026-10-10'), 'resolve')).toBe('due_soon');
    expect(statusAt(GENERAL, base, china('2026-10-11'), 'resolve')).toBe('overdue');
    const onTime = [...base, { type: 'handled' as const, at: china('2026-10-10', '20:00:00.000') }];
    expect(statusAt(GENERAL, onTime, china('2026-10-20'), 'resolve')).toBe('met');
    const late = [...base, { type: 'handled' as const, at: china('2026-10-11', '09:00:00.000') }];
    expect(statusAt(GENERAL, late, china('2026-10-20'), 'resolve')).toBe('met_late');
  });

  it('starts a clock only when its event happens', () => {
    const states = computeClocks(GENERAL, base, registered, plainCalendar);
    expect(clock(states, 'contact')).toEqual({
      id: 'contact',
      labelKey: 'deadline.clock.contact',
      startAt: null,
      dueAt: null,
      status: 'not_started',
    });
    const assigned = [...base, { type: 'assigned' as const, at: registered + 1000 }];
    expect(clock(computeClocks(GENERAL, assigned, registered, plainCalendar), 'contact').dueAt).toBe(registered + 1000 + 24 * 3_600_000);
    const called = [...assigned, { type: 'progress_call' as const, at: registered + 3_600_000 }];
    expect(statusAt(GENERAL, called, registered + 2 * 86_400_000, 'contact')).toBe('met');
  });

  it('restarts the resolve clock when the case is reopened', () => {
    const events: ClockEvent[] = [
      { type: 'registered', at: china('2026-03-02', '09:00:00.000') },
      { type: 'handled', at: china('2026-03-03', '15:00:00.000') },
      { type: 'reopened', at: china('2026-03-10', '11:00:00.000') },
    ];
    const reopened = clock(computeClocks(GENERAL, events, china('2026-03-11', '09:00:00.000'), plainCalendar), 'resolve');
    expect(reopened).toMatchObject({ startAt: china('2026-03-10', '11:00:00.000'), dueAt: endOf('2026-03-13'), status: 'running' });
    expect(reopened.metAt).toBeUndefined();
    expect(statusAt(GENERAL, events, china('2026-03-14'), 'resolve')).toBe('overdue');
    const handledAgain = [...events, { type: 'handled' as const, at: china('2026-03-12', '16:00:00.000') }];
    expect(clock(computeClocks(GENERAL, handledAgain, china('2026-03-20'), plainCalendar), 'resolve')).toMatchObject({
      metAt: china('2026-03-12', '16:00:00.000'),
      status: 'met',
    });
  });

  it('treats events with equal timestamps in log order', () => {
    const at = china('2026-03-02', '09:00:00.000');
    const handledThenReopened: ClockEvent[] = [
      { type: 'registered', at: at - 1000 },
      { type: 'handled', at },
      { type: 'reopened', at },
    ];
    expect(statusAt(GENERAL, handledThenReopened, at, 'resolve')).toBe('running');
    const assignedAtRegistration: ClockEvent[] = [
      { type: 'registered', at },
      { type: 'assigned', at },
    ];
    expect(statusAt(GENERAL, assignedAtRegistration, at, 'assign')).toBe('met');
  });

  it('sorts an unordered log by time', () => {
    const events: ClockEvent[] = [
      { type: 'handled', at: china('2026-03-04') },
      { type: 'registered', at: china('2026-03-02') },
    ];
    expect(statusAt(GENERAL, events, china('2026-03-05'), 'resolve')).toBe('met');
  });

  describe('callback window (1–3 working days after handling)', () => {
    const handledAt = china('2026-09-30', '15:00:00.000');
    const handled: ClockEvent[] = [...base, { type: 'handled', at: handledAt }];

    it('opens on the first working day after handling and closes on the third', () => {
      expect(clock(computeClocks(GENERAL, handled, handledAt, plainCalendar), 'callback')).toEqual({
        id: 'callback',
        labelKey: 'deadline.clock.callback',
        startAt: handledAt,
        dueAt: endOf('2026-10-10'),
        notBeforeAt: china('2026-10-08'),
        status: 'running',
      });
    });

    it('ignores a callback before the window opens', () => {
      const early = [...handled, { type: 'callback_recorded' as const, at: china('2026-10-02', '10:00:00.000') }];
      expect(statusAt(GENERAL, early, china('2026-10-09'), 'callback')).toBe('running');
      expect(statusAt(GENERAL, early, china('2026-10-10', '10:00:00.000'), 'callback')).toBe('due_soon');
      expect(statusAt(GENERAL, early, china('2026-10-12'), 'callback')).toBe('overdue');
    });

    it('is met by a callback inside the window', () => {
      const inWindow = [...handled, { type: 'callback_recorded' as const, at: china('2026-10-08', '09:00:00.000') }];
      expect(clock(computeClocks(GENERAL, inWindow, china('2026-10-20'), plainCalendar), 'callback')).toMatchObject({
        metAt: china('2026-10-08', '09:00:00.000'),
        status: 'met',
      });
    });
  });

  it('stops unmet clocks of a closed case and keeps the others', () => {
    const events: ClockEvent[] = [
      ...base,
      { type: 'assigned', at: registered + 600_000 },
      { type: 'handled', at: china('2026-10-09', '10:00:00.000') },
      { type: 'closed', at: china('2026-10-09', '11:00:00.000') },
    ];
    const states = computeClocks(GENERAL, events, china('2026-11-01'), plainCalendar, { stopped: true });
    expect(Object.fromEntries(states.map((s) => [s.id, s.status]))).toEqual({
      assign: 'met',
      contact: 'stopped',
      resolve: 'met',
      callback: 'stopped',
    });
    expect(nextDueAt(states)).toBeNull();
  });

  it('keeps the pawnshop summary clock running after closing until archived', () => {
    const closedAt = china('2026-02-13', '16:00:00.000');
    const events: ClockEvent[] = [
      { type: 'registered', at: china('2026-02-09', '09:00:00.000') },
      { type: 'assigned', at: china('2026-02-09', '09:30:00.000') },
      { type: 'closed', at: closedAt },
    ];
    const closed = computeClocks(PAWNSHOP, events, china('2026-02-20'), plainCalendar, { stopped: true });
    // 2-14 working Saturday, then 2-24 after the Spring Festival.
    expect(clock(closed, 'summary')).toMatchObject({ startAt: closedAt, dueAt: endOf('2026-02-24'), status: 'running' });
    expect(clock(closed, 'investigationTeam').status).toBe('stopped');
    expect(nextDueAt(closed)).toBe(endOf('2026-02-24'));
    const archived = [...events, { type: 'archived' as const, at: china('2026-02-24', '10:00:00.000') }];
    expect(statusAt(PAWNSHOP, archived, china('2026-03-01'), 'summary')).toBe('met');
  });

  it('counts a rejected plan as a timely approval decision and restarts on the next proposal', () => {
    const events: ClockEvent[] = [
      { type: 'registered', at: china('2026-03-02', '09:00:00.000') },
      { type: 'plan_proposed', at: china('2026-03-04', '09:00:00.000') },
      { type: 'plan_rejected', at: china('2026-03-05', '09:00:00.000') },
    ];
    expect(statusAt(PAWNSHOP, events, china('2026-03-10'), 'approval')).toBe('met');
    const again = [...events, { type: 'plan_proposed' as const, at: china('2026-03-06', '09:00:00.000') }];
    const approval = clock(computeClocks(PAWNSHOP, again, china('2026-03-09', '08:00:00.000'), plainCalendar), 'approval');
    expect(approval).toMatchObject({ dueAt: endOf('2026-03-09'), status: 'due_soon' });
  });

  it('uses plain weekdays in 2027 until its holidays are entered', () => {
    const events: ClockEvent[] = [{ type: 'registered', at: china('2027-09-30', '10:00:00.000') }];
    expect(clock(computeClocks(GENERAL, events, 0, plainCalendar), 'resolve').dueAt).toBe(endOf('2027-10-05'));
    const calendar = new WorkCalendar([
      ...['01', '04', '05', '06', '07'].map((d) => ({ date: `2027-10-${d}`, workday: false })),
      { date: '2027-10-09', workday: true },
    ]);
    expect(clock(computeClocks(GENERAL, events, 0, calendar), 'resolve').dueAt).toBe(endOf('2027-10-11'));
  });

  it('gives the earliest unmet deadline as nextDueAt', () => {
    const events: ClockEvent[] = [...base, { type: 'assigned', at: registered + 600_000 }];
    const states = computeClocks(GENERAL, events, registered + 700_000, plainCalendar);
    // assign is met; contact (24 h) is due before resolve (10-10).
    expect(nextDueAt(states)).toBe(registered + 600_000 + 24 * 3_600_000);
    expect(nextDueAt(computeClocks(GENERAL, [], registered, plainCalendar))).toBeNull();
  });
});

describe('policies and their schema', () => {
  it('has a valid policy for every profile', () => {
    for (const profile of PROFILE_IDS) {
      const policy = DEFAULT_DEADLINE_POLICIES[profile];
      expect(policy.profile).toBe(profile);
      expect(deadlinePolicySchema.safeParse(policy).success, profile).toBe(true);
    }
  });

  const clockOf = (patch: Partial<Record<keyof ClockPolicy, unknown>>) => ({ ...GENERAL.clocks[0], ...patch });
  const errorsOf = (clocks: unknown[]) => {
    const result = deadlinePolicySchema.safeParse({ profile: 'general', clocks });
    return result.success ? [] : result.error.issues.map((issue) => issue.message);
  };

  it('reports each mistake as an i18n key', () => {
    expect(errorsOf([clockOf({}), clockOf({})])).toEqual([DEADLINE_ERRORS.duplicateClockId]);
    for (const amount of [0, 61, 1.5, '3']) expect(errorsOf([clockOf({ amount })])).toEqual([DEADLINE_ERRORS.amount]);
    expect(errorsOf([clockOf({ amount: 60 })])).toEqual([]);
    expect(errorsOf([clockOf({ unit: 'days' })])).toEqual([DEADLINE_ERRORS.unit]);
    expect(errorsOf([clockOf({ startOn: ['teleported'] })])).toEqual([DEADLINE_ERRORS.eventType]);
    expect(errorsOf([clockOf({ metBy: [] })])).toEqual([DEADLINE_ERRORS.metBy]);
    expect(errorsOf([clockOf({ metBy: ['registered'] })])).toEqual([DEADLINE_ERRORS.startAlsoMeets]);
    expect(errorsOf([clockOf({ id: 'Assign me' })])).toEqual([DEADLINE_ERRORS.clockId]);
    expect(errorsOf([clockOf({ notBefore: { amount: 1, unit: 'hours' } })])).toEqual([DEADLINE_ERRORS.notBefore]);
    expect(errorsOf([clockOf({ amount: 3, notBefore: { amount: 3, unit: 'hours' } })])).toEqual([DEADLINE_ERRORS.notBefore]);
    const wrongProfile = deadlinePolicySchema.safeParse({ profile: 'bakery', clocks: [] });
    expect(wrongProfile.error?.issues.map((i) => i.message)).toEqual([DEADLINE_ERRORS.profile]);
  });

  it('validates calendar overrides', () => {
    const check = (overrides: unknown) => {
      const result = calendarOverridesSchema.safeParse(overrides);
      return result.success ? [] : result.error.issues.map((issue) => issue.message);
    };
    expect(
      check([
        { date: '2027-10-01', workday: false, name: '国庆节' },
        { date: '2028-02-29', workday: false },
      ]),
    ).toEqual([]);
    expect(check([{ date: '2027-02-29', workday: false }])).toEqual([DEADLINE_ERRORS.date]);
    expect(check([{ date: '2027-2-1', workday: false }])).toEqual([DEADLINE_ERRORS.date]);
    expect(check([{ date: '2027-10-01', workday: 'no' }])).toEqual([DEADLINE_ERRORS.workday]);
    expect(check([{ date: '2027-10-01', workday: false, name: ' ' }])).toEqual([DEADLINE_ERRORS.dayName]);
    expect(
      check([
        { date: '2027-10-01', workday: false },
        { date: '2027-10-01', workday: true },
      ]),
    ).toEqual([DEADLINE_ERRORS.duplicateDate]);
  });

  it('has a text for every key in all three catalogs', () => {
    const [zhCN, zhTW, en] = [deadlineMessages['zh-CN'], deadlineMessages['zh-TW'], deadlineMessages.en];
    expect(Object.keys(zhTW).sort()).toEqual(Object.keys(zhCN).sort());
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
    const statuses = ['not_started', 'running', 'due_soon', 'overdue', 'met', 'met_late', 'stopped'];
    const needed = [
      ...Object.values(DEADLINE_ERRORS),
      ...PROFILE_IDS.flatMap((p) => DEFAULT_DEADLINE_POLICIES[p].clocks.map((c) => c.labelKey)),
      ...statuses.map((s) => `deadline.status.${s}`),
    ];
    for (const catalog of [zhCN, zhTW, en]) {
      for (const key of needed) expect((catalog as Record<string, string>)[key], key).toBeTruthy();
    }
  });
});

describe('properties', () => {
  const firstDay = dayIndexOfDate('2004-01-01');
  const lastDay = dayIndexOfDate('2029-12-31');
  const dateArb = fc.integer({ min: firstDay, max: lastDay }).map(dateOfDayIndex);
  const instantArb = fc.integer({ min: Date.parse('2004-01-01T00:00:00+08:00'), max: Date.parse('2029-12-31T00:00:00+08:00') });
  const overridesArb = fc
    .array(
      fc.record({
        date: fc.integer({ min: dayIndexOfDate('2025-09-01'), max: dayIndexOfDate('2028-03-01') }).map(dateOfDayIndex),
        workday: fc.boolean(),
      }),
      {
        maxLength: 40,
      },
    )
    .map((overrides) => new WorkCalendar(overrides));
  const clockArb = fc.record({
    amount: fc.integer({ min: 1, max: 60 }),
    unit: fc.constantFrom('hours' as const, 'workingDays' as const),
  });

  it('never puts a deadline before its start', () => {
    fc.assert(
      fc.property(overridesArb, instantArb, clockArb, (calendar, at, { amount, unit }) => {
        const policy: DeadlinePolicy = {
          profile: 'general',
          clocks: [{ id: 'x', labelKey: 'x', startOn: ['registered'], metBy: ['handled'], amount, unit }],
        };
        const [state] = computeClocks(policy, [{ type: 'registered', at }], at, calendar);
        return state!.startAt === at && state!.dueAt! >= at;
      }),
    );
  });

  it('lands N working days later on a working day, after the start', () => {
    fc.assert(
      fc.property(overridesArb, dateArb, fc.integer({ min: 1, max: 60 }), (calendar, date, n) => {
        const due = calendar.addWorkingDays(date, n);
        return calendar.isWorkday(due) && due > date;
      }),
    );
  });

  it('never gives an earlier deadline for more working days or a later start', () => {
    fc.assert(
      fc.property(
        overridesArb,
        instantArb,
        fc.integer({ min: 0, max: 30 * 86_400_000 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        (calendar, at, later, a, b) => {
          const [fewer, more] = a <= b ? [a, b] : [b, a];
          return (
            calendar.workingDaysDeadline(at, fewer) <= calendar.workingDaysDeadline(at, more) &&
            calendar.workingDaysDeadline(at, fewer) <= calendar.workingDaysDeadline(at + later, fewer)
          );
        },
      ),
    );
  });

  it('keeps clock states consistent for any event log', () => {
    const eventArb = fc.record({ type: fc.constantFrom<EventType>(...EVENT_TYPES), at: instantArb });
    fc.assert(
      fc.property(
        fc.constantFrom(...PROFILE_IDS),
        fc.array(eventArb, { maxLength: 20 }),
        instantArb,
        fc.boolean(),
        (profile, events, now, stopped) => {
          const states = computeClocks(DEFAULT_DEADLINE_POLICIES[profile], events, now, plainCalendar, { stopped });
          for (const state of states) {
            if ((state.startAt === null) !== (state.status === 'not_started')) return false;
            if (state.startAt !== null && state.dueAt! < state.startAt) return false;
            const met = state.status === 'met' || state.status === 'met_late';
            if (met !== (state.metAt !== undefined)) return false;
            if (met && (state.metAt! < state.startAt! || (state.status === 'met') !== state.metAt! <= state.dueAt!)) return false;
            if (state.notBeforeAt !== undefined && state.metAt !== undefined && state.metAt < state.notBeforeAt) return false;
            if (state.status === 'overdue' && now <= state.dueAt!) return false;
          }
          const unmet = states.filter((s) => ['running', 'due_soon', 'overdue'].includes(s.status)).map((s) => s.dueAt!);
          return nextDueAt(states) === (unmet.length ? Math.min(...unmet) : null);
        },
      ),
    );
  });
});
