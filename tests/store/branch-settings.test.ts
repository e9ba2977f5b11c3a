import { describe, expect, it } from 'vitest';
import { CLERK, configuredHost, EN, mustCommand, register, SUPERVISOR } from './fixtures';

describe('branch settings', () => {
  it('keep departments and staff; only a supervisor changes them; duplicates are refused', async () => {
    const { host } = await configuredHost();
    expect(await host.call('org.get', {}, CLERK)).toEqual({ ok: true, value: { departments: [], staff: [] } });
    const org = { departments: ['鉴定部', '业务部'], staff: [{ id: 'h01', name: '李鉴定', role: 'handler' as const }] };
    expect(await host.call('org.save', { organization: org }, SUPERVISOR)).toEqual({ ok: true, value: org });
    expect(await host.call('org.save', { organization: org }, EN(CLERK))).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'Only a supervisor or administrator can change the branch settings' } });
    const dup = await host.call('org.save', { organization: { departments: ['鉴定部', '鉴定部'], staff: [] } }, SUPERVISOR);
    expect(dup).toMatchObject({ ok: false, error: { code: 'invalid_input', message: '部门名称重复' } });
    expect(await host.call('org.get', {}, CLERK)).toEqual({ ok: true, value: org });
    host.close();
  });

  it('use the deadline policy and calendar overrides a supervisor saves, for deadlines computed from then on', async () => {
    const { host } = await configuredHost('pawnshop');
    const before = await host.call('deadlines.get', {}, SUPERVISOR);
    if (!before.ok) throw new Error(before.error.message);
    expect(before.value.policy.profile).toBe('pawnshop');
    expect(before.value.uncoveredYears).toEqual([2027]); // chinese-days has no 2027 yet: the screen asks for it
    const slower = { ...before.value.policy, clocks: before.value.policy.clocks.map((k) => (k.id === 'classify' ? { ...k, amount: 3 } : k)) };
    const saved = await host.call('deadlines.save', { policy: slower, calendarOverrides: [{ date: '2026-03-03', workday: false, name: '本地停业' }] }, SUPERVISOR);
    expect(saved.ok && saved.value.calendarOverrides).toEqual([{ date: '2026-03-03', workday: false, name: '本地停业' }]);
    const c = await register(host);
    const detail = await host.call('cases.get', { caseId: c.id }, SUPERVISOR);
    const classify = detail.ok ? detail.value.clocks.find((k) => k.id === 'classify') : undefined;
    expect(classify!.dueAt! - c.receivedAt).toBe(3 * 3_600_000);
    await mustCommand(host, c.id, 'progressCall', { notes: '已回电' }, CLERK);
    const refused = await host.call('deadlines.save', { calendarOverrides: [{ date: '2026-02-30', workday: true }] }, SUPERVISOR);
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    host.close();
  });
});
