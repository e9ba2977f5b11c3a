/**
 * Reports, major and urgent complaints go up to the supervisor at once (R1.1, R1.5): the
 * notification and its acknowledgement are events of the case's hash-chained log, survive a
 * restart, and hold the case for the supervisor until acknowledged.
 */
import { describe, expect, it } from 'vitest';
import type { Envelope } from '../../shared/api/contract';
import { openDb } from '../../electron/store/db';
import type { StoreHost } from '../../electron/store/host';
import {
  ADMIN,
  createTestHost,
  CLERK,
  command,
  configuredHost,
  EN,
  HANDLER,
  intake,
  MONDAY_10AM,
  mustCommand,
  openHost,
  register,
  SUPERVISOR,
  TestClock,
  uniqueDbName,
} from './fixtures';

const MINUTE = 60_000;

async function detail(host: StoreHost, caseId: string) {
  const r = await host.call('cases.get', { caseId }, SUPERVISOR);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

async function openList(host: StoreHost) {
  const r = await host.call('notifications.list', {}, CLERK);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.map((n) => [n.caseNo, n.reason]);
}

async function unacknowledgedCount(host: StoreHost) {
  const r = await host.call('cases.counts', {}, SUPERVISOR);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.notifications;
}

async function queue(host: StoreHost, queueName: 'mine' | 'unassigned', envelope: Envelope) {
  const r = await host.call('cases.query', { queue: queueName }, envelope);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.items.map((i) => i.id);
}

describe('the supervisor’s notification and its acknowledgement are events of the case’s log', () => {
  it('a report: notified at registration (by whom the clerk was, to the supervisor role, when, why), acknowledged by the supervisor the host names', async () => {
    const { host, clock } = await configuredHost('general');
    const c = await register(host, { category: 'service_attitude', isReport: true, channel: 'letter' });
    expect(c.escalation).toEqual({
      reason: 'report',
      role: 'supervisor',
      notifiedAt: MONDAY_10AM,
      acknowledgedAt: null,
      acknowledgedBy: null,
    });
    const before = await detail(host, c.id);
    expect(before.events.map((e) => [e.type, e.actor.staffId])).toEqual([
      ['registered', 'c01'],
      ['supervisor_notified', 'c01'],
    ]);
    expect(before.events[1]!.changes).toEqual({ escalation: [null, c.escalation] });
    expect(await openList(host)).toEqual([[c.caseNo, 'report']]);
    expect(await unacknowledgedCount(host)).toBe(1);

    clock.advance(5 * MINUTE);
    const acknowledged = await mustCommand(host, c.id, 'acknowledgeEscalation', {}, SUPERVISOR);
    expect(acknowledged.escalation).toMatchObject({ acknowledgedAt: MONDAY_10AM + 5 * MINUTE, acknowledgedBy: 's01' });
    const after = await detail(host, c.id);
    expect(after.events.map((e) => e.type)).toEqual(['registered', 'supervisor_notified', 'escalation_acknowledged']);
    expect(after.events[2]!.actor).toEqual({ staffId: 's01', role: 'supervisor' });
    expect(after.events[2]!.changes.escalation?.[1]).toMatchObject({ acknowledgedBy: 's01' });
    expect(await host.call('ledger.verify', {}, SUPERVISOR)).toMatchObject({ ok: true, value: { firstBreak: null } });
    expect(await host.call('ledger.verify', { caseId: c.id }, SUPERVISOR)).toMatchObject({
      ok: true,
      value: { events: 3, firstBreak: null },
    });
    // The fast index follows the record.
    expect(await host.db.notifications.toArray()).toMatchObject([
      { caseId: c.id, reason: 'report', acknowledged: 1, acknowledgedAt: MONDAY_10AM + 5 * MINUTE, acknowledgedBy: 's01' },
    ]);
    expect(await openList(host)).toEqual([]);
    expect(await unacknowledgedCount(host)).toBe(0);
    // Once.
    const again = await command(host, c.id, 'acknowledgeEscalation', {}, EN(SUPERVISOR));
    expect(again).toMatchObject({ ok: false, error: { code: 'invalid_state', key: 'errors.escalation.nothingToAcknowledge' } });
    host.close();
  });

  it('who acknowledged is the request’s actor: a payload naming someone else is refused', async () => {
    const { host } = await configuredHost('general');
    const c = await register(host, { category: 'service_attitude', severity: 'major' });
    const r = await command(host, c.id, 'acknowledgeEscalation', { acknowledgedBy: 's99' }, SUPERVISOR);
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect((await detail(host, c.id)).case.escalation?.acknowledgedAt).toBeNull();
    host.close();
  });

  it('only a supervisor or an administrator acknowledges; a clerk’s or a handler’s attempt changes nothing', async () => {
    const { host } = await configuredHost('general');
    const c = await register(host, { category: 'service_attitude', severity: 'urgent' });
    for (const who of [CLERK, HANDLER]) {
      const r = await command(host, c.id, 'acknowledgeEscalation', {}, EN(who));
      expect(r).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'errors.workflow.roleNotAllowed' } });
    }
    const unchanged = await detail(host, c.id);
    expect([unchanged.case.version, unchanged.events.length, unchanged.case.escalation?.acknowledgedAt]).toEqual([1, 2, null]);
    expect(await unacknowledgedCount(host)).toBe(1);
    const byAdmin = await mustCommand(host, c.id, 'acknowledgeEscalation', {}, ADMIN);
    expect(byAdmin.escalation?.acknowledgedBy).toBe('a01');
    host.close();
  });

  it('survive a restart: the notification, then the acknowledgement, are there after the database is reopened', async () => {
    const clock = new TestClock();
    const dbName = uniqueDbName();
    const { host } = await openHost(clock, dbName);
    await host.call('branch.configure', { branch: { branchCode: 'BJ01', branchName: '北京一店', profileId: 'general' } }, SUPERVISOR);
    const c = await register(host, { category: 'service_attitude', severity: 'major' });
    host.close();

    const { host: reopened } = await openHost(clock, dbName);
    expect(await openList(reopened)).toEqual([[c.caseNo, 'major']]);
    expect(await unacknowledgedCount(reopened)).toBe(1);
    expect(await queue(reopened, 'mine', SUPERVISOR)).toEqual([c.id]);
    expect((await detail(reopened, c.id)).events.map((e) => e.type)).toEqual(['registered', 'supervisor_notified']);
    clock.advance(MINUTE);
    await mustCommand(reopened, c.id, 'acknowledgeEscalation', {}, SUPERVISOR);
    reopened.close();

    const { host: third } = await openHost(clock, dbName);
    const d = await detail(third, c.id);
    expect(d.case.escalation).toMatchObject({ reason: 'major', acknowledgedAt: MONDAY_10AM + MINUTE, acknowledgedBy: 's01' });
    expect(d.events.map((e) => e.type)).toEqual(['registered', 'supervisor_notified', 'escalation_acknowledged']);
    expect(await openList(third)).toEqual([]);
    expect(await queue(third, 'mine', SUPERVISOR)).toEqual([]);
    expect(await queue(third, 'unassigned', CLERK)).toEqual([c.id]);
    expect(await third.call('ledger.verify', {}, SUPERVISOR)).toMatchObject({ ok: true, value: { firstBreak: null } });
    third.close();
  });

  it('a correction raising an acknowledged major case to urgent notifies the supervisor again: one open notification, why: urgent', async () => {
    const { host } = await configuredHost('general');
    const c = await register(host, { category: 'service_attitude', severity: 'major' });
    await mustCommand(host, c.id, 'acknowledgeEscalation', {}, SUPERVISOR);
    const raised = await mustCommand(host, c.id, 'update', { severity: 'urgent' }, CLERK);
    expect(raised.escalation).toMatchObject({ reason: 'urgent', acknowledgedAt: null });
    expect((await detail(host, c.id)).events.map((e) => e.type)).toEqual([
      'registered',
      'supervisor_notified',
      'escalation_acknowledged',
      'updated',
      'supervisor_notified',
    ]);
    expect(await openList(host)).toEqual([[c.caseNo, 'urgent']]);
    host.close();
  });
});

describe('an unacknowledged major or urgent case is the supervisor’s', () => {
  it('a clerk’s settlement at the counter, correction or progress call is refused until a supervisor acknowledges; then the clerk settles it', async () => {
    const { host } = await configuredHost('general');
    const c = await register(host, { category: 'service_attitude', severity: 'major' });
    const refusals = [
      await command(host, c.id, 'closeAtCounter', { explanation: '已当面解释清楚' }, EN(CLERK)),
      await command(host, c.id, 'update', { content: '补充说明' }, EN(CLERK)),
      await command(host, c.id, 'progressCall', { notes: '告知正在处理' }, EN(HANDLER)),
    ];
    for (const r of refusals) {
      expect(r).toMatchObject({
        ok: false,
        error: {
          code: 'forbidden',
          key: 'errors.workflow.awaitingSupervisor',
          message: 'A major or urgent complaint awaits the supervisor’s acknowledgement; until then only a supervisor handles it',
        },
      });
    }
    const unchanged = await detail(host, c.id);
    expect([unchanged.case.state, unchanged.case.version, unchanged.events.length]).toEqual(['registered', 1, 2]);
    const offered = await host.call('cases.get', { caseId: c.id }, CLERK);
    expect(offered.ok && offered.value.allowedCommands).toEqual([]);

    await mustCommand(host, c.id, 'acknowledgeEscalation', {}, SUPERVISOR);
    const nowOffered = await host.call('cases.get', { caseId: c.id }, CLERK);
    expect(nowOffered.ok && nowOffered.value.allowedCommands).toContain('closeAtCounter');
    const settled = await mustCommand(host, c.id, 'closeAtCounter', { explanation: '已当面解释清楚' }, CLERK);
    expect(settled.state).toBe('archived');
    host.close();
  });

  it('an urgent case’s emergency steps are recorded by the counter at once, with who and when; not on other cases', async () => {
    const { host, clock } = await configuredHost('general');
    const c = await register(host, { category: 'service_attitude', severity: 'urgent' });
    clock.advance(2 * MINUTE);
    const stepped = await mustCommand(host, c.id, 'recordEmergencyStep', { text: '疏散客户，关闭燃气阀门' }, CLERK);
    expect(stepped.emergencySteps).toEqual([{ at: MONDAY_10AM + 2 * MINUTE, by: 'c01', text: '疏散客户，关闭燃气阀门' }]);
    expect((await detail(host, c.id)).events.at(-1)).toMatchObject({
      type: 'emergency_step_recorded',
      actor: { staffId: 'c01', role: 'clerk' },
    });
    const general = await register(host, { category: 'service_attitude' });
    expect(await command(host, general.id, 'recordEmergencyStep', { text: 'x' }, EN(CLERK))).toMatchObject({
      ok: false,
      error: { key: 'errors.escalation.notUrgent' },
    });
    host.close();
  });
});

describe('queues: a report is routed to the supervisor the moment it is saved (R1.1)', () => {
  it('in every supervisor’s “mine”, not in a clerk’s, not “unassigned”; once the supervisor assigns it, it is the assignee’s', async () => {
    const { host } = await configuredHost('general');
    const report = await register(host, { category: 'service_attitude', isReport: true, channel: 'letter' });
    const plain = await register(host, { category: 'service_attitude' });
    expect(await queue(host, 'mine', SUPERVISOR)).toEqual([report.id]);
    expect(await queue(host, 'mine', ADMIN)).toEqual([report.id]);
    expect(await queue(host, 'mine', CLERK)).toEqual([]);
    expect(await queue(host, 'unassigned', CLERK)).toEqual([plain.id]);
    const counts = await host.call('cases.counts', {}, CLERK);
    expect(counts.ok && counts.value).toMatchObject({ byState: { registered: 2 }, unassigned: 1, notifications: 1 });

    // Acknowledged, a report is still the supervisor's until the supervisor hands it to someone.
    await mustCommand(host, report.id, 'acknowledgeEscalation', {}, SUPERVISOR);
    expect(await queue(host, 'mine', SUPERVISOR)).toEqual([report.id]);
    expect(await queue(host, 'unassigned', CLERK)).toEqual([plain.id]);
    const byClerk = await command(host, report.id, 'assign', { department: '稽核部', assigneeId: 'h01' }, CLERK);
    expect(byClerk).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'errors.workflow.supervisorRequired' } });
    await mustCommand(host, report.id, 'assign', { department: '稽核部', assigneeId: 'h01' }, SUPERVISOR);
    expect(await queue(host, 'mine', SUPERVISOR)).toEqual([]);
    expect(await queue(host, 'mine', HANDLER)).toEqual([report.id]);
    host.close();
  });
});

describe('schema v5', () => {
  it('upgrades a version-4 database: earlier notifications stay open and become the cases’ escalations', async () => {
    const dbName = uniqueDbName('cs-migrate-v5');
    const clock = new TestClock();
    const seed = await createTestHost({ dbName: `${dbName}-seed`, now: clock.now });
    await seed.call('branch.configure', { branch: { branchCode: 'BJ01', branchName: '北京一店', profileId: 'general' } }, SUPERVISOR);
    const r = await seed.call('cases.register', { intake: intake({ category: 'service_attitude' }) }, CLERK);
    if (!r.ok) throw new Error(r.error.message);
    const events = (await seed.db.events.toArray()).map(({ g: _g, ...e }) => e);
    const meta = await seed.db.meta.toArray();
    seed.close();
    // A v4 major case: no escalation field on the record, its notification a row nobody could acknowledge.
    const { escalation: _e, emergencySteps: _s, ...v4Row } = { ...r.value, severity: 'major' as const };

    const v4 = openDb(dbName, 4);
    await v4.open();
    await v4.table('cases').add(v4Row);
    await v4.table('events').bulkAdd(events.map((e, i) => ({ ...e, g: i + 1 })));
    await v4.table('meta').bulkAdd(meta);
    await v4
      .table('notifications')
      .add({ caseId: r.value.id, caseNo: r.value.caseNo, role: 'supervisor', reason: 'major', at: MONDAY_10AM, read: 0 });
    v4.close();

    const upgraded = await createTestHost({ dbName, now: clock.now });
    const c = (await detail(upgraded, r.value.id)).case;
    expect(c.escalation).toEqual({
      reason: 'major',
      role: 'supervisor',
      notifiedAt: MONDAY_10AM,
      acknowledgedAt: null,
      acknowledgedBy: null,
    });
    expect(c.emergencySteps).toEqual([]);
    expect(await upgraded.db.notifications.toArray()).toEqual([
      expect.objectContaining({ acknowledged: 0, acknowledgedAt: null, acknowledgedBy: null }),
    ]);
    expect((await upgraded.db.notifications.toArray())[0]).not.toHaveProperty('read');
    expect(await openList(upgraded)).toEqual([[r.value.caseNo, 'major']]);
    expect(await queue(upgraded, 'mine', SUPERVISOR)).toEqual([r.value.id]);
    await mustCommand(upgraded, r.value.id, 'acknowledgeEscalation', {}, SUPERVISOR);
    expect(await openList(upgraded)).toEqual([]);
    expect(await upgraded.call('ledger.verify', {}, SUPERVISOR)).toMatchObject({ ok: true, value: { firstBreak: null } });
    upgraded.close();
  });
});
