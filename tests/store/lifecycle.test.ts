import { describe, expect, it, vi } from 'vitest';
import { CLERK, configuredHost, HANDLER, mustCommand, command, pawnPlan, register, SUPERVISOR, EN } from './fixtures';

const DAY = 86_400_000;

describe('a pawnshop complaint from intake to archive', () => {
  it('walks every stage, appends one chained event per change and queues the archived case for head office', async () => {
    const { host, clock } = await configuredHost('pawnshop');
    const c = await register(host);
    expect(c.caseNo).toBe('BJ01-20260302-001');
    expect(c.complainant.phone).toBe('13812345678'); // typed '138 1234 5678', stored normalized
    expect(c.state).toBe('registered');
    expect(Number.isFinite(c.nextDueAt)).toBe(true);

    clock.advance(20 * 60_000);
    await mustCommand(host, c.id, 'assign', { department: '鉴定部', assigneeId: 'h01' }, CLERK);
    await mustCommand(host, c.id, 'startInvestigation', {}, HANDLER);
    await mustCommand(host, c.id, 'addInvestigationNote', { text: '调取监控和鉴定记录，复核估价。' }, HANDLER);
    await mustCommand(host, c.id, 'proposePlan', pawnPlan(clock.at + 2 * DAY), HANDLER);
    const refused = await command(host, c.id, 'approvePlan', {}, HANDLER);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe('forbidden');
    await mustCommand(host, c.id, 'approvePlan', { comment: '同意' }, SUPERVISOR);
    await mustCommand(host, c.id, 'recordHandling', { result: '已重新鉴定，补差价 200 元。' }, HANDLER);
    await mustCommand(host, c.id, 'tellResult', { method: 'phone' }, CLERK);
    const reopened = await mustCommand(
      host,
      c.id,
      'recordCallback',
      { satisfaction: 'unsatisfied', notes: '客户认为补偿不够', objection: '要求再补 100 元' },
      CLERK,
    );
    expect(reopened.state).toBe('reopened');
    await mustCommand(host, c.id, 'startInvestigation', {}, HANDLER);
    await mustCommand(
      host,
      c.id,
      'proposePlan',
      {
        validity: { valid: true, responsibility: 'staff', analysis: '复核后同意追加。' },
        plan: { measures: '追加补偿', ownerId: 'h01', dueAt: clock.at + 2 * DAY, compensation: { amount: 300, description: '合计' } },
      },
      HANDLER,
    );
    await mustCommand(host, c.id, 'approvePlan', {}, SUPERVISOR);
    await mustCommand(host, c.id, 'recordHandling', { result: '追加补偿已到账。' }, HANDLER);
    await mustCommand(host, c.id, 'tellResult', { method: 'phone' }, CLERK);
    const closed = await mustCommand(host, c.id, 'recordCallback', { satisfaction: 'satisfied', notes: '客户满意' }, CLERK);
    expect(closed.state).toBe('closed');
    expect(closed.nextDueAt).not.toBe(Number.POSITIVE_INFINITY); // the pawnshop summary clock runs after closing

    const archived = await mustCommand(host, c.id, 'archive', {}, SUPERVISOR);
    expect(archived.state).toBe('archived');
    expect(archived.nextDueAt).toBe(Number.POSITIVE_INFINITY);

    const detail = await host.call('cases.get', { caseId: c.id }, SUPERVISOR);
    if (!detail.ok) throw new Error(detail.error.message);
    const events = detail.value.events;
    expect(events.map((e) => e.type)).toEqual([
      'registered',
      'assigned',
      'investigation_started',
      'investigation_noted',
      'plan_proposed',
      'plan_approved',
      'handled',
      'result_told',
      'callback_recorded',
      'investigation_started',
      'plan_proposed',
      'plan_approved',
      'handled',
      'result_told',
      'callback_recorded',
      'closed',
      'archived',
    ]);
    expect(events.every((e, i) => e.seq === i + 1 && (i === 0 || e.prevHash === events[i - 1]!.hash))).toBe(true);
    expect(events[1]!.changes.assigneeId).toEqual(['', 'h01']);
    expect(archived.ledgerHead).toEqual({ seq: events.length, hash: events.at(-1)!.hash });
    // Only the signed form (R7.2), and for the supervisor asking, accountability (R8.3).
    expect(detail.value.allowedCommands).toEqual(['addEvidence', 'recordAccountability']);

    const waiting = await host.call('sync.pending', { limit: 10 }, SUPERVISOR, 'main');
    expect(waiting.ok && waiting.value).toEqual([{ caseId: c.id, version: archived.version }]);
    expect(await host.call('ledger.verify', {}, SUPERVISOR)).toMatchObject({ ok: true, value: { cases: 1, events: 17, firstBreak: null } });
    host.close();
  });

  it('settles a courier complaint at the counter and archives it in the same step, queued for head office (R1.7)', async () => {
    const { host, clock } = await configuredHost('courier');
    const c = await register(host, { category: 'pickup', businessRef: 'SF1234567890' });
    clock.advance(5 * 60_000);
    const settled = await mustCommand(host, c.id, 'closeAtCounter', { explanation: '已当场找到包裹交给客户。' }, CLERK);
    expect(settled).toMatchObject({
      state: 'archived',
      version: c.version + 1,
      closedAt: clock.at,
      archivedAt: clock.at,
      satisfaction: 'satisfied',
      closingExplanation: '已当场找到包裹交给客户。',
      nextDueAt: Number.POSITIVE_INFINITY,
    });

    const detail = await host.call('cases.get', { caseId: c.id }, CLERK);
    if (!detail.ok) throw new Error(detail.error.message);
    const [, settling, archiving] = detail.value.events;
    expect(detail.value.events.map((e) => e.type)).toEqual(['registered', 'closed_at_counter', 'archived']);
    // Each event says what it did: the settlement its explanation, the archiving the archive.
    expect(settling!.changes).toMatchObject({
      state: ['registered', 'closed_at_counter'],
      closingExplanation: ['', '已当场找到包裹交给客户。'],
    });
    expect(settling!.changes.archivedAt).toBeUndefined();
    expect(archiving!.changes).toEqual({ state: ['closed_at_counter', 'archived'], archivedAt: [null, clock.at] });
    expect(detail.value.allowedCommands).toEqual(['addEvidence']); // only the signed form, scanned after (R7.2)

    // Exactly as any archived case: one outbox row for head office, with the archived version.
    const waiting = await host.call('sync.pending', { limit: 10 }, SUPERVISOR, 'main');
    expect(waiting.ok && waiting.value).toEqual([{ caseId: c.id, version: settled.version }]);
    expect(await host.call('ledger.verify', {}, SUPERVISOR)).toMatchObject({ ok: true, value: { cases: 1, events: 3, firstBreak: null } });
    const counts = await host.call('cases.counts', {}, SUPERVISOR);
    expect(counts.ok && counts.value.byState).toEqual({ archived: 1 });
    host.close();
  });

  it('writes a counter settlement, its archiving and the outbox row in one transaction: all or nothing (R1.7)', async () => {
    const { host } = await configuredHost('courier');
    const c = await register(host, { category: 'pickup', businessRef: 'SF1234567890' });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(host.db.outbox, 'add').mockImplementationOnce(() => {
      throw new Error('disk full');
    });
    const r = await command(host, c.id, 'closeAtCounter', { explanation: '已当场找到包裹交给客户。' }, CLERK);
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(logged).toHaveBeenCalled();

    const detail = await host.call('cases.get', { caseId: c.id }, CLERK);
    expect(detail.ok && [detail.value.case.state, detail.value.case.version, detail.value.events.length]).toEqual(['registered', 1, 1]);
    expect(await host.db.outbox.count()).toBe(0);
    vi.restoreAllMocks();

    // Tried again, it goes through whole.
    const settled = await mustCommand(host, c.id, 'closeAtCounter', { explanation: '已当场找到包裹交给客户。' }, CLERK);
    expect(settled.state).toBe('archived');
    expect(await host.db.outbox.count()).toBe(1);
    host.close();
  });

  it('sends a report (举报) to the supervisor: a notification, and clerks may not assign it', async () => {
    const { host } = await configuredHost('general');
    const c = await register(host, { category: 'service_attitude', isReport: true, channel: 'letter' });
    const counts = await host.call('cases.counts', {}, SUPERVISOR);
    expect(counts.ok && counts.value.notifications).toBe(1);
    const byClerk = await command(host, c.id, 'assign', { department: '客服部', assigneeId: 'h01' }, EN(CLERK));
    expect(byClerk).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: 'Major, urgent and reported cases are handled by the supervisor' },
    });
    const unchanged = await host.call('cases.get', { caseId: c.id }, SUPERVISOR);
    // Registered, then the supervisor notified: two events, one version.
    expect(unchanged.ok && [unchanged.value.case.version, unchanged.value.events.map((e) => e.type)]).toEqual([
      1,
      ['registered', 'supervisor_notified'],
    ]);
    await mustCommand(host, c.id, 'assign', { department: '客服部', assigneeId: 'h01' }, SUPERVISOR);
    host.close();
  });

  it('refuses a stale write (another window changed the case first) and changes nothing', async () => {
    const { host } = await configuredHost();
    const c = await register(host);
    await mustCommand(host, c.id, 'progressCall', { notes: '已电话告知正在处理' }, CLERK);
    const stale = await host.call(
      'cases.command',
      { caseId: c.id, expectedVersion: 1, command: { name: 'progressCall', payload: { notes: 'x' } } },
      CLERK,
    );
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict', message: '这件投诉已被别人修改，请刷新后再试' } });
    host.close();
  });

  it('archives only a complete record', async () => {
    const { host } = await configuredHost();
    const c = await register(host);
    const r = await command(host, c.id, 'archive', {}, SUPERVISOR);
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
    host.close();
  });
});

describe('related cases', () => {
  it('link one case to another by id; the detail lists the related case; self, repeats and unknown ids are refused', async () => {
    const { host } = await configuredHost('courier');
    const first = await register(host, { category: 'lost_damaged' });
    const repeat = await register(host, { category: 'lost_damaged' });
    const linked = await mustCommand(host, repeat.id, 'linkCase', { relatedCaseId: first.id }, CLERK);
    expect(linked.relatedCaseIds).toEqual([first.id]);
    const detail = await host.call('cases.get', { caseId: repeat.id }, CLERK);
    expect(detail.ok && detail.value.related.map((r) => r.caseNo)).toEqual([first.caseNo]);
    expect(detail.ok && detail.value.events.at(-1)!.type).toBe('case_linked');
    const again = await command(host, repeat.id, 'linkCase', { relatedCaseId: first.id }, EN(CLERK));
    expect(again).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'These cases are already linked' } });
    const self = await command(host, first.id, 'linkCase', { relatedCaseId: first.id }, CLERK);
    expect(self).toMatchObject({ ok: false, error: { code: 'invalid_input', key: 'errors.link.self' } });
    const unknown = await command(host, first.id, 'linkCase', { relatedCaseId: '0190f3a2-0000-7000-8000-0000000000ff' }, CLERK);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found', key: 'errors.link.notFound' } });
    expect(await host.call('ledger.verify', {}, SUPERVISOR)).toMatchObject({ ok: true, value: { firstBreak: null } });
    host.close();
  });
});
