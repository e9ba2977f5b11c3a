import { describe, expect, it } from 'vitest';
import type { StoreHost } from '../../electron/store/host';
import { DEFAULT_DEADLINE_POLICIES, type DeadlinePolicy, type PublishedPolicy } from '../../shared/deadlines';
import type { CalendarsAnswer } from '../../shared/sync/protocol';
import { CLERK, intake, MONDAY_10AM, openHost, SUPERVISOR, TestClock, uniqueDbName } from './fixtures';

/** The general profile's policy with 'resolve' set to `days` working days. */
function generalWith(days: number): DeadlinePolicy {
  const bundled = DEFAULT_DEADLINE_POLICIES.general;
  return { ...bundled, clocks: bundled.clocks.map((c) => (c.id === 'resolve' ? { ...c, amount: days } : c)) };
}

const PUBLISHED_AT = Date.parse('2026-02-20T10:00:00+08:00');
const hqGeneral = (days: number, version: number): PublishedPolicy => ({
  profile: 'general',
  version,
  publishedAt: PUBLISHED_AT + version,
  policy: generalWith(days),
});
const answer = (policies: PublishedPolicy[], latest: number): CalendarsAnswer => ({
  serverTime: MONDAY_10AM,
  latest,
  calendars: [],
  policies,
});

async function generalBranch(dbName = uniqueDbName('hq-policies')) {
  const { host } = await openHost(new TestClock(), dbName);
  const r = await host.call(
    'branch.configure',
    { branch: { branchCode: 'BJ01', branchName: '北京一店', profileId: 'general' } },
    SUPERVISOR,
  );
  if (!r.ok) throw new Error(r.error.message);
  return host;
}

async function receive(host: StoreHost, a: CalendarsAnswer) {
  const r = await host.call('sync.receiveCalendars', { answer: a }, SUPERVISOR, 'main');
  if (!r.ok) throw new Error(r.error.message);
}

/** The China date the 'resolve' clock of a case registered now (Monday 2 March 2026) is due. */
async function newCaseResolveDue(host: StoreHost): Promise<string> {
  const r = await host.call('cases.register', { intake: intake({ category: 'service_attitude' }, MONDAY_10AM) }, CLERK);
  if (!r.ok) throw new Error(r.error.message);
  const detail = await host.call('cases.get', { caseId: r.value.id }, SUPERVISOR);
  if (!detail.ok) throw new Error(detail.error.message);
  return new Date(detail.value.clocks.find((k) => k.id === 'resolve')!.dueAt! + 8 * 3_600_000).toISOString().slice(0, 10);
}

async function settings(host: StoreHost) {
  const r = await host.call('deadlines.get', {}, SUPERVISOR);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe("head office's deadline policies at the branch", () => {
  it("a received policy for the branch's profile counts a new case's deadlines; a local policy still wins; the supervisor may go back to head office's", async () => {
    const host = await generalBranch();
    expect(await settings(host)).toMatchObject({
      policySource: 'bundled',
      policyPublishedAt: null,
      policy: DEFAULT_DEADLINE_POLICIES.general,
    });
    expect(await newCaseResolveDue(host)).toBe('2026-03-05');

    // Another profile's policy is not this branch's.
    const pawnshop: PublishedPolicy = {
      profile: 'pawnshop',
      version: 1,
      publishedAt: PUBLISHED_AT,
      policy: DEFAULT_DEADLINE_POLICIES.pawnshop,
    };
    await receive(host, answer([pawnshop, hqGeneral(5, 2)], 2));
    expect(await settings(host)).toMatchObject({ policySource: 'headOffice', policyPublishedAt: PUBLISHED_AT + 2, policy: generalWith(5) });
    expect(await newCaseResolveDue(host)).toBe('2026-03-09');

    // An older version (a late answer) changes nothing; a newer one replaces it.
    await receive(host, answer([hqGeneral(4, 1)], 2));
    expect((await settings(host)).policy).toEqual(generalWith(5));

    const local = await host.call('deadlines.save', { policy: generalWith(2) }, SUPERVISOR);
    expect(local).toMatchObject({ ok: true, value: { policySource: 'local', policyPublishedAt: null, policy: generalWith(2) } });
    expect(await newCaseResolveDue(host)).toBe('2026-03-04');
    await receive(host, answer([hqGeneral(6, 3)], 3));
    expect(await settings(host)).toMatchObject({ policySource: 'local', policy: generalWith(2) });
    expect(await newCaseResolveDue(host)).toBe('2026-03-04');

    // Back to head office's: its newest policy applies again.
    const back = await host.call('deadlines.save', { policy: null }, SUPERVISOR);
    expect(back).toMatchObject({ ok: true, value: { policySource: 'headOffice', policy: generalWith(6) } });
    expect(await newCaseResolveDue(host)).toBe('2026-03-10');
    host.close();
  });

  it("only a supervisor goes back to head office's policy", async () => {
    const host = await generalBranch();
    await host.call('deadlines.save', { policy: generalWith(2) }, SUPERVISOR);
    expect(await host.call('deadlines.save', { policy: null }, CLERK)).toMatchObject({ ok: false });
    expect((await settings(host)).policySource).toBe('local');
    host.close();
  });

  it('is kept after the store reopens', async () => {
    const dbName = uniqueDbName('hq-policies-reopen');
    const first = await generalBranch(dbName);
    await receive(first, answer([hqGeneral(5, 7)], 7));
    first.close();
    const { host: again } = await openHost(new TestClock(), dbName);
    expect(await settings(again)).toMatchObject({ policySource: 'headOffice', policy: generalWith(5) });
    expect(await newCaseResolveDue(again)).toBe('2026-03-09');
    again.close();
  });

  it('an answer without policies (a head office that publishes none) keeps what the branch held', async () => {
    const host = await generalBranch();
    await receive(host, answer([hqGeneral(5, 2)], 2));
    await receive(host, { serverTime: MONDAY_10AM, latest: 3, calendars: [] });
    expect(await settings(host)).toMatchObject({ policySource: 'headOffice', policy: generalWith(5) });
    host.close();
  });
});
