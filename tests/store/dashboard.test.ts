import { describe, expect, it } from 'vitest';
import type { Dashboard, Envelope, Params } from '../../shared/api/contract';
import type { StoreHost } from '../../electron/store/host';
import {
  ADMIN,
  asStaff,
  CLERK,
  configuredHost,
  EN,
  HANDLER,
  mustCommand,
  pawnPlan,
  register,
  SUPERVISOR,
  type TestClock,
} from './fixtures';

const MINUTE = 60_000;
const DAY = 86_400_000;
const MARCH = { from: '2026-03-01', to: '2026-03-31' };

async function dashboard(host: StoreHost, period: Params<'stats.dashboard'> = MARCH, envelope: Envelope = SUPERVISOR): Promise<Dashboard> {
  const r = await host.call('stats.dashboard', period, envelope);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** Investigation, an approved plan (responsibility: staff), handling and telling the customer: the case waits for its callback. */
async function handleUntilCallback(host: StoreHost, clock: TestClock, caseId: string, handler: Envelope) {
  await mustCommand(host, caseId, 'startInvestigation', {}, handler);
  await mustCommand(host, caseId, 'addInvestigationNote', { text: '调取监控和鉴定记录。' }, handler);
  await mustCommand(host, caseId, 'proposePlan', pawnPlan(clock.at + 2 * DAY), handler);
  await mustCommand(host, caseId, 'approvePlan', {}, SUPERVISOR);
  await mustCommand(host, caseId, 'recordHandling', { result: '已重新鉴定，补差价。' }, handler);
  await mustCommand(host, caseId, 'tellResult', { method: 'phone' }, CLERK);
}

/**
 * A pawnshop branch (acceptance: assigned within 1 hour of registration). The clock starts on
 * Monday 2 March 2026, 10:00 China time:
 *
 * - A walk-in, appraisal: assigned 10:30 to h01 (鉴定部), handled, callback satisfied → closed on 2 March.
 * - B phone, fees_interest: assigned 12:00 to h02 (客服部) — late — handled, callback unsatisfied → reopened.
 * - C walk-in, appraisal: settled at the counter at 10:00 (satisfied, archived).
 * - F walk-in, appraisal, major: never assigned.
 * - E received Friday 27 February, settled at the counter on 2 March: closed in March, received before it.
 * - D letter, appraisal: received and assigned to h01 (鉴定部) on Tuesday 10 March, 10:00 — now.
 */
async function march() {
  const { host, clock } = await configuredHost('pawnshop');
  const h02 = await asStaff(host, 'h02', 'handler');
  const a = await register(host, { channel: 'walk_in', category: 'appraisal' });
  const b = await register(host, { channel: 'phone', category: 'fees_interest' });
  const c = await register(host, { channel: 'walk_in', category: 'appraisal' });
  const f = await register(host, { channel: 'walk_in', category: 'appraisal', severity: 'major' });
  const e = await register(host, { receivedAt: Date.parse('2026-02-27T10:00:00+08:00') });
  await mustCommand(host, c.id, 'closeAtCounter', { explanation: '当场重新估价' }, CLERK);
  await mustCommand(host, e.id, 'closeAtCounter', { explanation: '当场解释清楚' }, CLERK);
  clock.advance(30 * MINUTE);
  await mustCommand(host, a.id, 'assign', { department: '鉴定部', assigneeId: 'h01' }, CLERK);
  clock.advance(90 * MINUTE);
  await mustCommand(host, b.id, 'assign', { department: '客服部', assigneeId: 'h02' }, CLERK);
  await handleUntilCallback(host, clock, a.id, HANDLER);
  await mustCommand(host, a.id, 'recordCallback', { satisfaction: 'satisfied', notes: '客户满意' }, CLERK);
  await handleUntilCallback(host, clock, b.id, h02);
  const objection = { satisfaction: 'unsatisfied', notes: '不满意', objection: '补偿不够' };
  expect((await mustCommand(host, b.id, 'recordCallback', objection, CLERK)).state).toBe('reopened');
  clock.at = Date.parse('2026-03-10T10:00:00+08:00');
  const d = await register(host, { channel: 'letter', category: 'appraisal', receivedAt: clock.at });
  await mustCommand(host, d.id, 'assign', { department: '鉴定部', assigneeId: 'h01' }, CLERK);
  return { host, clock, cases: { a, b, c, d, e, f } };
}

/** An indicator as the dashboard gives it. */
const kpi = (numerator: number, denominator: number) => ({ value: denominator ? numerator / denominator : null, numerator, denominator });

describe('statistics dashboard', () => {
  it('counts a period’s cases by every dimension, with the three indicators for the branch', async () => {
    const { host } = await march();
    const d = await dashboard(host);
    expect(d).toMatchObject({
      from: '2026-03-01',
      to: '2026-03-31',
      at: Date.parse('2026-03-10T10:00:00+08:00'),
      received: 5, // A, B, C, F, D; E was received in February
      closed: 3, // A, C and E closed on 2 March; B reopened
      byCategory: { appraisal: 4, fees_interest: 1 },
      byChannel: { walk_in: 3, phone: 1, letter: 1, email: 0, online: 0, other: 0 },
      bySeverity: { general: 4, major: 1, urgent: 0 },
      // A satisfied at its callback, C at the counter; B unsatisfied; F and D none yet.
      byOutcome: { satisfied: 2, partly_satisfied: 0, unsatisfied: 1, none: 2 },
      // The approved plans of A and B found staff responsible.
      byResponsibility: { staff: 2, company: 0, customer: 0, third_party: 0, not_company: 0, none: 3 },
      hasAcceptanceClock: true,
      kpis: {
        // On time: A (10:30), C (settled 10:00), D (at once); late: B (12:00), F (waiting, due 11:00 on 2 March).
        onTimeAcceptance: kpi(3, 5),
        // Closed with an answer: A (callback satisfied) and C (counter), both successes.
        success: kpi(2, 2),
        // A 1 + C 1 + B 0 over three outcomes.
        satisfaction: kpi(2, 3),
      },
    });
    host.close();
  });

  it('gives the indicators per department of the current assignment and per assignee', async () => {
    const { host } = await march();
    const d = await dashboard(host);
    // Most cases first, then by name: C and F unassigned (''), A and D 鉴定部 / h01, B 客服部 / h02.
    const unassigned = { received: 2, kpis: { onTimeAcceptance: kpi(1, 2), success: kpi(1, 1), satisfaction: kpi(1, 1) } };
    const appraisal = { received: 2, kpis: { onTimeAcceptance: kpi(2, 2), success: kpi(1, 1), satisfaction: kpi(1, 1) } };
    const service = { received: 1, kpis: { onTimeAcceptance: kpi(0, 1), success: kpi(0, 0), satisfaction: kpi(0, 1) } };
    expect(d.byDepartment).toEqual([
      { key: '', ...unassigned },
      { key: '鉴定部', ...appraisal },
      { key: '客服部', ...service },
    ]);
    expect(d.byStaff).toEqual([
      { key: '', ...unassigned },
      { key: 'h01', ...appraisal },
      { key: 'h02', ...service },
    ]);
    host.close();
  });

  it('lists the open cases past their next deadline at the host’s now, most overdue first', async () => {
    const { host, clock, cases } = await march();
    // F: the 1-hour acceptance clock ran out at 11:00 on 2 March. D was assigned just now (its investigation
    // team is due within 2 working days); B's objection left no clock running; A and C are closed.
    expect((await dashboard(host)).overdue).toEqual({
      count: 1,
      cases: [{ id: cases.f.id, caseNo: cases.f.caseNo, assigneeId: '', nextDueAt: Date.parse('2026-03-02T11:00:00+08:00') }],
    });
    // Friday 13 March: D's team was due by the end of Thursday 12 March.
    clock.at = Date.parse('2026-03-13T10:00:00+08:00');
    expect((await dashboard(host)).overdue).toEqual({
      count: 2,
      cases: [
        { id: cases.f.id, caseNo: cases.f.caseNo, assigneeId: '', nextDueAt: Date.parse('2026-03-02T11:00:00+08:00') },
        { id: cases.d.id, caseNo: cases.d.caseNo, assigneeId: 'h01', nextDueAt: Date.parse('2026-03-12T23:59:59.999+08:00') },
      ],
    });
    host.close();
  });

  it('gives weekly (ISO) and monthly trends clipped to the period', async () => {
    const { host } = await march();
    const d = await dashboard(host);
    const empty = { received: 0, closed: 0, kpis: { onTimeAcceptance: kpi(0, 0), success: kpi(0, 0), satisfaction: kpi(0, 0) } };
    // Sunday 1 March closes ISO week 9; Monday 30 and Tuesday 31 March open week 14.
    expect(d.trends.weeks).toEqual([
      { label: '2026-W09', from: '2026-03-01', to: '2026-03-01', ...empty },
      {
        label: '2026-W10',
        from: '2026-03-02',
        to: '2026-03-08',
        received: 4, // A, B, C, F
        closed: 3, // A, C, E
        kpis: { onTimeAcceptance: kpi(2, 4), success: kpi(2, 2), satisfaction: kpi(2, 3) },
      },
      {
        label: '2026-W11',
        from: '2026-03-09',
        to: '2026-03-15',
        received: 1, // D
        closed: 0,
        kpis: { onTimeAcceptance: kpi(1, 1), success: kpi(0, 0), satisfaction: kpi(0, 0) },
      },
      { label: '2026-W12', from: '2026-03-16', to: '2026-03-22', ...empty },
      { label: '2026-W13', from: '2026-03-23', to: '2026-03-29', ...empty },
      { label: '2026-W14', from: '2026-03-30', to: '2026-03-31', ...empty },
    ]);
    expect(d.trends.months).toEqual([{ label: '2026-03', from: '2026-03-01', to: '2026-03-31', received: 5, closed: 3, kpis: d.kpis }]);
    // Across a year's end: the days of 2026-W53 and 2027-W01 (ISO weeks of the Thursday's year), two months.
    const turn = await dashboard(host, { from: '2026-12-28', to: '2027-01-05' });
    expect(turn.trends.weeks.map((w) => [w.label, w.from, w.to])).toEqual([
      ['2026-W53', '2026-12-28', '2027-01-03'],
      ['2027-W01', '2027-01-04', '2027-01-05'],
    ]);
    expect(turn.trends.months.map((m) => m.label)).toEqual(['2026-12', '2027-01']);
    host.close();
  });

  it('takes the period’s days in China time, both ends included', async () => {
    const { host } = await march();
    // F, A, B, C were received at 10:00 on 2 March China time (02:00 UTC).
    expect((await dashboard(host, { from: '2026-03-02', to: '2026-03-02' })).received).toBe(4);
    expect((await dashboard(host, { from: '2026-02-27', to: '2026-02-27' })).received).toBe(1); // E
    expect((await dashboard(host, { from: '2026-03-03', to: '2026-03-09' })).received).toBe(0);
    host.close();
  });

  it('is a supervisor’s or an administrator’s', async () => {
    const { host } = await march();
    expect((await dashboard(host, MARCH, ADMIN)).received).toBe(5);
    for (const envelope of [CLERK, HANDLER, await asStaff(host, 'c02', 'clerk')]) {
      const r = await host.call('stats.dashboard', MARCH, EN(envelope));
      expect(r).toMatchObject({
        ok: false,
        error: {
          code: 'forbidden',
          key: 'errors.stats.supervisorOnly',
          message: 'Only a supervisor or an administrator can see the statistics',
        },
      });
    }
    host.close();
  });

  it('refuses a reversed period, one longer than 366 days and dates that are not real, with translated messages', async () => {
    const { host } = await configuredHost('pawnshop');
    const refused = async (params: unknown) => {
      const r = await host.call('stats.dashboard', params as Params<'stats.dashboard'>, EN(SUPERVISOR));
      if (r.ok) throw new Error(`accepted ${JSON.stringify(params)}`);
      return r.error;
    };
    expect(await refused({ from: '2026-03-31', to: '2026-03-01' })).toMatchObject({
      code: 'invalid_input',
      key: 'errors.stats.reversed',
      message: 'The end date may not be before the start date',
    });
    // 2026 has 365 days: to 1 January 2027 is 366 days, to the 2nd is 367.
    expect((await dashboard(host, { from: '2026-01-01', to: '2027-01-01' })).received).toBe(0);
    expect(await refused({ from: '2026-01-01', to: '2027-01-02' })).toMatchObject({
      key: 'errors.stats.tooLong',
      message: 'A statistics period may span at most 366 days: choose a shorter one',
    });
    // A leap year whole.
    expect((await dashboard(host, { from: '2028-01-01', to: '2028-12-31' })).trends.months).toHaveLength(12);
    for (const bad of [
      { from: '2026-02-30', to: '2026-03-01' },
      { from: '2026-3-1', to: '2026-03-31' },
      { from: '2026-03-01', to: '2026/03/31' },
      { from: 20260301, to: '2026-03-31' },
      { from: '2026-03-01' },
    ]) {
      expect(await refused(bad), JSON.stringify(bad)).toMatchObject({
        code: 'invalid_input',
        key: 'errors.stats.date',
        message: 'Enter a real date (YYYY-MM-DD)',
      });
    }
    const zh = await host.call('stats.dashboard', { from: '2026-03-31', to: '2026-03-01' }, SUPERVISOR);
    expect(zh).toMatchObject({ ok: false, error: { message: '结束日期不能早于开始日期' } });
    host.close();
  });
});
