import { describe, expect, it } from 'vitest';
import { createTestHost, CLERK, configuredHost, mustCommand, register, SUPERVISOR, MONDAY_10AM } from './fixtures';

const HOUR = 3_600_000;

describe('queues', () => {
  it('filter by state, assignee, category, severity, business reference and date, sorted by the nearest deadline, paged', async () => {
    const { host, clock } = await configuredHost('pawnshop');
    const early = await register(host, { receivedAt: MONDAY_10AM - 2 * HOUR, category: 'fees_interest' });
    const late = await register(host, { receivedAt: MONDAY_10AM, severity: 'major', businessRef: 'DP-1' });
    const assigned = await register(host, { receivedAt: MONDAY_10AM - HOUR });
    await mustCommand(host, assigned.id, 'assign', { department: '业务部', assigneeId: 'h02' }, CLERK);

    const registered = await host.call('cases.query', { states: ['registered'] }, CLERK);
    expect(registered.ok && registered.value.items.map((i) => i.id)).toEqual([early.id, late.id]);
    expect(registered.ok && registered.value.total).toBe(2);

    const mine = await host.call('cases.query', { assigneeId: 'h02' }, CLERK);
    expect(mine.ok && mine.value.items.map((i) => i.id)).toEqual([assigned.id]);
    const unassigned = await host.call('cases.query', { assigneeId: '' }, CLERK);
    expect(unassigned.ok && unassigned.value.items.length).toBe(2);

    const combined = await host.call('cases.query', { states: ['registered', 'assigned'], severity: 'major' }, CLERK);
    expect(combined.ok && combined.value.items.map((i) => i.id)).toEqual([late.id]);
    expect(combined.ok && combined.value.total).toBe(1);

    const byCategory = await host.call('cases.query', { category: 'fees_interest' }, CLERK);
    expect(byCategory.ok && byCategory.value.items.map((i) => i.id)).toEqual([early.id]);
    const byRef = await host.call('cases.query', { businessRef: 'DP-1' }, CLERK);
    expect(byRef.ok && byRef.value.items.map((i) => i.id)).toEqual([late.id]);
    const byDate = await host.call(
      'cases.query',
      { receivedFrom: MONDAY_10AM - 90 * 60_000, receivedTo: MONDAY_10AM, sort: 'received' },
      CLERK,
    );
    expect(byDate.ok && byDate.value.items.map((i) => i.id)).toEqual([late.id, assigned.id]);

    const page2 = await host.call('cases.query', { offset: 1, limit: 1 }, CLERK);
    const all = await host.call('cases.query', {}, CLERK);
    expect(page2.ok && all.ok && page2.value.items[0]!.id).toBe(all.ok ? all.value.items[1]!.id : '');
    expect(all.ok && all.value.items.map((i) => i.nextDueAt)).toEqual(
      all.ok ? [...all.value.items.map((i) => i.nextDueAt)].sort((a, b) => a! - b!) : [],
    );

    clock.advance(2 * HOUR); // the 1-hour registration clock has run out for both unassigned cases
    const overdue = await host.call('cases.query', { overdue: true }, CLERK);
    expect(overdue.ok && overdue.value.items.map((i) => i.id).sort()).toEqual([early.id, late.id].sort());
    const counts = await host.call('cases.counts', {}, SUPERVISOR);
    expect(counts.ok && counts.value).toMatchObject({
      byState: { registered: 2, assigned: 1 },
      // The major one is with the supervisor until acknowledged, not the counter's to assign (R1.5).
      unassigned: 1,
      overdue: 2,
      notifications: 1,
    });
    host.close();
  });
});

describe('search', () => {
  it('finds cases by CJK name, phone as typed, case number, business reference and content words, not by a scan', async () => {
    const { host } = await configuredHost('pawnshop');
    const a = await register(host, { complainant: { name: '欧阳娜娜', phone: '13912345678' }, content: '续当手续费收取不合理' });
    const b = await register(host, {
      complainant: { name: '李雷', phone: '021-66668888' },
      businessRef: 'DP2026-88',
      content: '金饰鉴定结果有异议 𠀀',
    });
    const find = async (text: string) => {
      const r = await host.call('cases.search', { text }, CLERK);
      if (!r.ok) throw new Error(r.error.message);
      return r.value.map((s) => s.id);
    };
    expect(await find('欧阳')).toEqual([a.id]);
    expect(await find('139 1234 5678')).toEqual([a.id]);
    expect(await find('66668888')).toEqual([b.id]);
    expect(await find(b.caseNo.toLowerCase())).toEqual([b.id]);
    expect(await find('dp2026-88')).toEqual([b.id]);
    expect(await find('手续费')).toEqual([a.id]);
    expect(await find('𠀀')).toEqual([b.id]);
    expect(await find('鉴定')).toEqual([b.id, ...(await find('鉴定')).slice(1)]);
    expect(await find('不存在的词')).toEqual([]);
    expect(await find('ＤＰ２０２６－８８')).toEqual([b.id]); // full-width typed on a Chinese IME

    // a corrected name is found under the new name only
    await mustCommand(host, a.id, 'update', { complainant: { name: '欧阳菲菲' } }, CLERK);
    expect(await find('娜娜')).toEqual([]);
    expect(await find('菲菲')).toEqual([a.id]);
    host.close();
  });

  it('rebuilds its index from the database when the host restarts', async () => {
    const { host, dbName, clock } = await configuredHost();
    const a = await register(host, { complainant: { name: '司马光', phone: '13800000000' } });
    host.close();
    const again = await createTestHost({ dbName, now: clock.now });
    const r = await again.call('cases.search', { text: '司马' }, CLERK);
    expect(r.ok && r.value.map((s) => s.id)).toEqual([a.id]);
    again.close();
  });
});
