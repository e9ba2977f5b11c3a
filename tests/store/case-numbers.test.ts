import { describe, expect, it } from 'vitest';
import { createTestHost, CLERK, configuredHost, intake, MONDAY_10AM, register, TestClock } from './fixtures';

describe('case numbers', () => {
  it('follow a daily per-branch sequence', async () => {
    const { host } = await configuredHost();
    const a = await register(host);
    const b = await register(host);
    const nextDay = await register(host, { receivedAt: MONDAY_10AM + 86_400_000 }).catch(() => null);
    expect([a.caseNo, b.caseNo]).toEqual(['BJ01-20260302-001', 'BJ01-20260302-002']);
    // Received tomorrow is in the future for this clock: refused, and it takes no number.
    expect(nextDay).toBeNull();
    expect((await register(host)).caseNo).toBe('BJ01-20260302-003');
    host.close();
  });

  it('are never reused after a crash between reservation and save', async () => {
    const clock = new TestClock();
    const { host, dbName } = await configuredHost();
    const reserved = await host.call('cases.reserveNumber', {}, CLERK);
    expect(reserved).toEqual({ ok: true, value: 'BJ01-20260302-001' });
    host.close(); // the app dies before the clerk saves

    const restarted = await createTestHost({ dbName, now: clock.now });
    const again = await restarted.call('cases.reserveNumber', {}, CLERK);
    expect(again).toEqual({ ok: true, value: 'BJ01-20260302-002' });
    const saved = await restarted.call('cases.register', { intake: intake(), reservedCaseNo: 'BJ01-20260302-002' }, CLERK);
    expect(saved.ok && saved.value.caseNo).toBe('BJ01-20260302-002');
    const twice = await restarted.call('cases.register', { intake: intake(), reservedCaseNo: 'BJ01-20260302-002' }, CLERK);
    expect(twice).toMatchObject({ ok: false, error: { code: 'conflict', message: '这个投诉单号已经用过' } });
    const neverReserved = await restarted.call('cases.register', { intake: intake(), reservedCaseNo: 'BJ01-20260302-009' }, CLERK);
    expect(neverReserved).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const unreservedSave = await restarted.call('cases.register', { intake: intake() }, CLERK);
    expect(unreservedSave.ok && unreservedSave.value.caseNo).toBe('BJ01-20260302-003');
    restarted.close();
  });

  it('are refused before the branch is set up', async () => {
    const { host } = await (await import('./fixtures')).openHost();
    const r = await host.call('cases.register', { intake: intake() }, CLERK);
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_state', message: '尚未设置网点，请先完成首次设置' } });
    host.close();
  });
});
