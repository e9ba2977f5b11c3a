import { describe, expect, it } from 'vitest';
import type { Envelope } from '../../shared/api/contract';
import type { DeadlinePolicy } from '../../shared/deadlines';
import type { StoreHost } from '../../electron/store/host';
import { CLERK, configuredHost, HANDLER, MONDAY_10AM, mustCommand, pawnPlan, register, SUPERVISOR, type TestClock } from './fixtures';

const HOUR = 3_600_000;
const DAY = 86_400_000;

async function month(host: StoreHost, m = '2026-03') {
  const r = await host.call('stats.month', { month: m }, SUPERVISOR);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

async function currentPolicy(host: StoreHost): Promise<DeadlinePolicy> {
  const r = await host.call('deadlines.get', {}, SUPERVISOR);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.policy;
}

/** The policy with its clock `id` changed. */
function withClock(policy: DeadlinePolicy, id: string, change: Partial<DeadlinePolicy['clocks'][number]>): DeadlinePolicy {
  return { ...policy, clocks: policy.clocks.map((k) => (k.id === id ? { ...k, ...change } : k)) };
}

async function savePolicy(host: StoreHost, patch: Parameters<StoreHost['call']>[1], envelope: Envelope = SUPERVISOR) {
  const r = await host.call('deadlines.save', patch as never, envelope);
  if (!r.ok) throw new Error(r.error.message);
}

/** Investigation with a note, an approved plan, handling and telling the customer: the case waits for its callback. */
async function handleUntilCallback(host: StoreHost, clock: TestClock, caseId: string) {
  await mustCommand(host, caseId, 'startInvestigation', {}, HANDLER);
  await mustCommand(host, caseId, 'addInvestigationNote', { text: '调取监控和鉴定记录。' }, HANDLER);
  await mustCommand(host, caseId, 'proposePlan', pawnPlan(clock.at + 2 * DAY), HANDLER);
  await mustCommand(host, caseId, 'approvePlan', {}, SUPERVISOR);
  await mustCommand(host, caseId, 'recordHandling', { result: '已重新鉴定，补差价。' }, HANDLER);
  await mustCommand(host, caseId, 'tellResult', { method: 'phone' }, CLERK);
}

describe('month statistics', () => {
  it('count by state, category, channel, severity and satisfaction with the KPI rates', async () => {
    const { host } = await configuredHost('courier');
    const a = await register(host, { category: 'pickup' });
    await register(host, { category: 'lost_damaged', channel: 'phone', severity: 'major' });
    await mustCommand(host, a.id, 'closeAtCounter', { explanation: '当场解决' }, CLERK);
    await register(host, { category: 'pickup', receivedAt: MONDAY_10AM - 40 * DAY });
    expect(await month(host)).toMatchObject({
      total: 2,
      byCategory: { pickup: 1, lost_damaged: 1 },
      byChannel: { walk_in: 1, phone: 1 },
      bySeverity: { general: 1, major: 1 },
      byState: { archived: 1, registered: 1 },
      bySatisfaction: { satisfied: 1 },
      // The case settled at the counter was accepted on time; the other waits within its deadline, not counted yet.
      onTimeAcceptanceRate: 1,
      satisfactionRate: 1,
      successRate: 1,
    });
    host.close();
  });

  it('take the month in China time, December running into the new year', async () => {
    const { host, clock } = await configuredHost('pawnshop');
    clock.at = Date.parse('2027-01-05T10:00:00+08:00');
    const december = await register(host, { receivedAt: Date.parse('2026-12-31T23:59:00+08:00') });
    const january = await register(host, { receivedAt: Date.parse('2027-01-01T00:00:00+08:00') });
    await register(host, { receivedAt: Date.parse('2026-11-30T23:59:00+08:00') });
    expect(await month(host, '2026-12')).toMatchObject({ total: 1 });
    expect(await month(host, '2027-01')).toMatchObject({ total: 1 });
    expect([december.caseNo, january.caseNo]).toEqual(['BJ01-20261231-001', 'BJ01-20270101-001']);
    expect(await month(host, '2027-02')).toMatchObject({ total: 0, onTimeAcceptanceRate: null, successRate: null, satisfactionRate: null });
    host.close();
  });

  it('end a month at the first instant of the next one', async () => {
    const { host, clock } = await configuredHost('pawnshop');
    clock.at = Date.parse('2026-04-10T10:00:00+08:00');
    await register(host, { receivedAt: Date.parse('2026-03-31T23:59:00+08:00') });
    await register(host, { receivedAt: Date.parse('2026-04-01T00:00:00+08:00') });
    await register(host, { receivedAt: Date.parse('2026-04-09T10:00:00+08:00') });
    expect(await month(host, '2026-03')).toMatchObject({ total: 1 });
    expect(await month(host, '2026-04')).toMatchObject({ total: 2 });
    host.close();
  });

  it('measure on-time acceptance against the branch policy’s assignment clock, on its working-day calendar', async () => {
    const { host, clock } = await configuredHost('pawnshop');
    const c = await register(host); // Monday 2 March 10:00
    clock.advance(48 * HOUR); // assigned Wednesday 4 March 10:00
    await mustCommand(host, c.id, 'assign', { department: '鉴定部', assigneeId: 'h01' }, CLERK);
    const pawnshop = await currentPolicy(host);

    // The seed: classified and assigned within one hour.
    expect((await month(host)).onTimeAcceptanceRate).toBe(0);
    // Within one working day: due at the end of Tuesday 3 March, still late.
    await savePolicy(host, { policy: withClock(pawnshop, 'classify', { amount: 1, unit: 'workingDays' }) });
    expect((await month(host)).onTimeAcceptanceRate).toBe(0);
    // Tuesday a local holiday: the working day is Wednesday, and the assignment was on time.
    await savePolicy(host, { calendarOverrides: [{ date: '2026-03-03', workday: false, name: '本地停业' }] });
    expect((await month(host)).onTimeAcceptanceRate).toBe(1);
    // Within 47 hours: late by an hour.
    await savePolicy(host, { policy: withClock(pawnshop, 'classify', { amount: 47, unit: 'hours' }) });
    expect((await month(host)).onTimeAcceptanceRate).toBe(0);
    await savePolicy(host, { policy: withClock(pawnshop, 'classify', { amount: 48, unit: 'hours' }) });
    expect((await month(host)).onTimeAcceptanceRate).toBe(1);
    host.close();
  });

  it('find the assignment clock by what starts and meets it, whatever its name; without one there is no on-time rate', async () => {
    const { host, clock } = await configuredHost('general');
    const c = await register(host, { category: 'service_attitude' });
    clock.advance(2 * HOUR);
    await mustCommand(host, c.id, 'assign', { department: '客服部', assigneeId: 'h01' }, CLERK);
    const general = await currentPolicy(host);
    expect((await month(host)).onTimeAcceptanceRate).toBe(0); // 'assign': one hour

    const renamed = withClock(general, 'assign', { id: 'forward', amount: 3 });
    await savePolicy(host, { policy: renamed });
    expect((await month(host)).onTimeAcceptanceRate).toBe(1);

    // A clock started by registration but met by something else does not measure acceptance.
    const none = { ...general, clocks: general.clocks.filter((k) => k.id !== 'assign') };
    await savePolicy(host, { policy: none });
    expect(none.clocks.some((k) => k.startOn.includes('registered'))).toBe(true);
    expect((await month(host)).onTimeAcceptanceRate).toBeNull();
    host.close();
  });

  it('count a case settled at the counter (and so archived) as accepted when it was settled', async () => {
    const { host, clock } = await configuredHost('courier');
    const c = await register(host, { category: 'pickup' });
    clock.advance(30 * 60_000);
    await mustCommand(host, c.id, 'closeAtCounter', { explanation: '当场找到包裹' }, CLERK);
    const late = await register(host, { category: 'pickup' }, CLERK);
    clock.advance(2 * HOUR);
    await mustCommand(host, late.id, 'closeAtCounter', { explanation: '找到包裹' }, CLERK);
    expect(await month(host)).toMatchObject({ byState: { archived: 2 }, onTimeAcceptanceRate: 0.5, successRate: 1 });
    host.close();
  });

  it('count as successful the cases closed after a satisfied or partly satisfied last callback (处理成功率)', async () => {
    const { host, clock } = await configuredHost('pawnshop');
    const smooth = await register(host);
    const reopened = await register(host);
    const standardMet = await register(host);
    const open = await register(host);
    for (const c of [smooth, reopened, standardMet, open])
      await mustCommand(host, c.id, 'assign', { department: '鉴定部', assigneeId: 'h01' }, CLERK);
    await handleUntilCallback(host, clock, smooth.id);
    await mustCommand(host, smooth.id, 'recordCallback', { satisfaction: 'satisfied', notes: '客户满意' }, CLERK);

    await handleUntilCallback(host, clock, reopened.id);
    const objection = { satisfaction: 'unsatisfied', notes: '不满意', objection: '补偿不够' };
    expect((await mustCommand(host, reopened.id, 'recordCallback', objection, CLERK)).state).toBe('reopened');
    await handleUntilCallback(host, clock, reopened.id);
    const closed = await mustCommand(
      host,
      reopened.id,
      'recordCallback',
      { satisfaction: 'partly_satisfied', notes: '基本满意', standardMet: true },
      SUPERVISOR,
    );
    expect(closed.state).toBe('closed');

    // Closed because the handling met the standard, the customer still unsatisfied: not a success.
    await handleUntilCallback(host, clock, standardMet.id);
    await mustCommand(host, standardMet.id, 'recordCallback', { ...objection, standardMet: true }, SUPERVISOR);

    // Three closed cases, two of them with a satisfied or partly satisfied last callback; the open case counts for neither.
    expect(await month(host)).toMatchObject({ total: 4, byState: { closed: 3, assigned: 1 }, successRate: 2 / 3 });
    // Satisfaction: (1 + 0.5 + 0) / 3 over the three cases with an outcome.
    expect((await month(host)).satisfactionRate).toBe(0.5);
    host.close();
  });
});
