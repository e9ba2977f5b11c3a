import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../shared/domain/case';
import { addToTally, closingOf, emptyTally, kpisOf, SATISFACTION_SCORE, type KpiFacts } from '../../shared/stats/kpis';
import { bucketsOf, isoWeekOf, MAX_DASHBOARD_DAYS, monthOf, periodProblem } from '../../shared/stats/period';
import { dayIndexOfDate } from '../../shared/deadlines/calendar';

const T0 = Date.parse('2026-03-02T10:00:00+08:00');
const HOUR = 3_600_000;
const DUE = T0 + HOUR;

const facts = (changes: Partial<KpiFacts> = {}): KpiFacts => ({
  receivedAt: T0,
  acceptedAt: null,
  closing: null,
  satisfaction: null,
  ...changes,
});

function kpis(cases: KpiFacts[], now: number, due: number | null = DUE) {
  const tally = emptyTally();
  for (const f of cases) addToTally(tally, f, due, now);
  return kpisOf(tally, due !== null);
}

describe('受理及时率 on-time acceptance', () => {
  it('counts accepted cases by the deadline, and waiting ones only once the deadline has passed', () => {
    const cases = [
      facts({ acceptedAt: T0 + HOUR }), // exactly at the deadline: on time
      facts({ acceptedAt: T0 + HOUR + 1 }), // late
      facts(), // waiting
    ];
    expect(kpis(cases, T0 + HOUR).onTimeAcceptance).toEqual({ value: 1 / 2, numerator: 1, denominator: 2 });
    expect(kpis(cases, T0 + HOUR + 1).onTimeAcceptance).toEqual({ value: 1 / 3, numerator: 1, denominator: 3 });
  });

  it('has no value without an assignment clock or without a decided case', () => {
    expect(kpis([facts({ acceptedAt: T0 })], T0, null).onTimeAcceptance).toEqual({ value: null, numerator: 0, denominator: 0 });
    expect(kpis([facts()], T0).onTimeAcceptance.value).toBeNull();
  });
});

describe('处理成功率 success', () => {
  it('counts the counter’s settlements and callbacks satisfied or partly satisfied, over cases closed with an answer', () => {
    const cases = [
      facts({ closing: 'counter', satisfaction: 'satisfied' }),
      facts({ closing: 'callback', satisfaction: 'satisfied' }),
      facts({ closing: 'callback', satisfaction: 'partly_satisfied' }),
      facts({ closing: 'callback', satisfaction: 'unsatisfied' }), // closed, the standard met
      facts({ closing: 'invalid' }), // not counted
      facts({ closing: 'noCallback' }), // not counted
      facts({ satisfaction: 'unsatisfied' }), // reopened: open, not counted
    ];
    expect(kpis(cases, T0).success).toEqual({ value: 3 / 4, numerator: 3, denominator: 4 });
  });
});

describe('客户满意度 satisfaction', () => {
  it('averages 1, 0.5 and 0 over the cases with an outcome, open or closed', () => {
    expect(SATISFACTION_SCORE).toEqual({ satisfied: 1, partly_satisfied: 0.5, unsatisfied: 0 });
    const cases = [
      facts({ closing: 'counter', satisfaction: 'satisfied' }),
      facts({ closing: 'callback', satisfaction: 'partly_satisfied' }),
      facts({ satisfaction: 'unsatisfied' }),
      facts({ satisfaction: 'partly_satisfied' }),
      facts(), // no outcome
    ];
    expect(kpis(cases, T0).satisfaction).toEqual({ value: 2 / 4, numerator: 2, denominator: 4 });
    expect(kpis([], T0).satisfaction.value).toBeNull();
  });
});

describe('how a case was closed', () => {
  const c = (changes: Partial<CaseRecord>) =>
    ({ state: 'closed', result: null, satisfaction: null, callbacks: [], ...changes }) as Pick<
      CaseRecord,
      'state' | 'result' | 'satisfaction' | 'callbacks'
    >;
  const result = { text: '已处理', at: T0, by: 'h01' };
  const callback = { at: T0, by: 'c01', satisfaction: 'satisfied' as const, notes: '', objection: '', standardMet: false };
  it('reads it from the record, archived or not', () => {
    expect(closingOf(c({ state: 'closed_at_counter', satisfaction: 'satisfied' }))).toBe('counter');
    expect(closingOf(c({ state: 'archived', satisfaction: 'satisfied' }))).toBe('counter');
    expect(closingOf(c({ state: 'invalid' }))).toBe('invalid');
    expect(closingOf(c({ state: 'archived' }))).toBe('invalid');
    expect(closingOf(c({ state: 'archived', result, callbacks: [callback] }))).toBe('callback');
    expect(closingOf(c({ state: 'closed', result }))).toBe('noCallback');
    expect(closingOf(c({ state: 'reopened', result, callbacks: [callback] }))).toBeNull();
  });
});

describe('periods', () => {
  it('refuse a reversed period and one longer than 366 days', () => {
    expect(MAX_DASHBOARD_DAYS).toBe(366);
    expect(periodProblem('2026-03-01', '2026-03-01')).toBeNull();
    expect(periodProblem('2026-03-02', '2026-03-01')).toBe('errors.stats.reversed');
    expect(periodProblem('2028-01-01', '2028-12-31')).toBeNull();
    expect(periodProblem('2028-01-01', '2029-01-01')).toBe('errors.stats.tooLong');
  });

  it('name ISO weeks by their Thursday’s year, and months', () => {
    const week = (date: string) => isoWeekOf(dayIndexOfDate(date)).label;
    expect(week('2026-03-01')).toBe('2026-W09'); // a Sunday
    expect(week('2026-03-02')).toBe('2026-W10'); // a Monday
    expect(week('2027-01-01')).toBe('2026-W53'); // Friday: the week's Thursday is 31 December 2026
    expect(week('2025-12-29')).toBe('2026-W01'); // Monday: the week's Thursday is 1 January 2026
    expect(monthOf(dayIndexOfDate('2026-02-28')).label).toBe('2026-02');
    const days = bucketsOf(dayIndexOfDate('2026-02-27'), dayIndexOfDate('2026-03-02'), monthOf);
    expect(days.map((b) => [b.label, b.to - b.from + 1])).toEqual([
      ['2026-02', 2],
      ['2026-03', 2],
    ]);
  });
});
