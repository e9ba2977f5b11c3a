import { describe, expect, it } from 'vitest';
import type { StoreHost } from '../../electron/store/host';
import {
  calendarFile,
  DEFAULT_DEADLINE_POLICIES,
  type DeadlinePolicy,
  type PublishedCalendar,
  type PublishedPolicy,
} from '../../shared/deadlines';
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

describe("head office's deadline policies from its calendar file (a branch that does not sync)", () => {
  /** 2027's calendar: a file always holds a year; this one does not touch March 2026's deadlines. */
  const HQ_2027: PublishedCalendar = { year: 2027, version: 1, publishedAt: PUBLISHED_AT, days: [] };
  const load = async (host: StoreHost, policies?: PublishedPolicy[]) => {
    const file = calendarFile([HQ_2027], policies);
    // A file head office wrote before it carried policies has no `policies` at all.
    if (!policies) delete file.policies;
    const r = await host.call('calendars.load', { text: JSON.stringify(file) }, SUPERVISOR);
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  const since = async (host: StoreHost) => {
    const r = await host.call('sync.calendarsSince', {}, SUPERVISOR, 'main');
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };

  it("applies the policy of the branch's profile as a sync would: the settings say head office, a new case's deadlines follow it", async () => {
    const host = await generalBranch();
    const loaded = await load(host, [
      { profile: 'pawnshop', version: 2, publishedAt: PUBLISHED_AT, policy: DEFAULT_DEADLINE_POLICIES.pawnshop },
      hqGeneral(5, 3),
    ]);
    expect(loaded).toMatchObject({ policySource: 'headOffice', policyPublishedAt: PUBLISHED_AT + 3, policy: generalWith(5) });
    expect(await settings(host)).toMatchObject({ policySource: 'headOffice', policy: generalWith(5) });
    expect(await newCaseResolveDue(host)).toBe('2026-03-09');
    // A file never moves what the sync asks for next.
    expect(await since(host)).toBe(0);
    host.close();
  });

  it('an older or equal version changes nothing, whether the sync or a file brought the newer; a newer file wins over the sync', async () => {
    const host = await generalBranch();
    await load(host, [hqGeneral(5, 3)]);
    const held = await settings(host);
    await load(host, [hqGeneral(4, 2)]);
    await load(host, [{ ...hqGeneral(4, 3), publishedAt: PUBLISHED_AT }]);
    expect(await settings(host)).toEqual(held);
    expect(await newCaseResolveDue(host)).toBe('2026-03-09');

    await receive(host, answer([hqGeneral(6, 8)], 8));
    await load(host, [hqGeneral(4, 7)]);
    expect(await settings(host)).toMatchObject({ policySource: 'headOffice', policyPublishedAt: PUBLISHED_AT + 8, policy: generalWith(6) });

    await load(host, [hqGeneral(7, 9)]);
    expect(await settings(host)).toMatchObject({ policySource: 'headOffice', policyPublishedAt: PUBLISHED_AT + 9, policy: generalWith(7) });
    expect(await since(host)).toBe(8);
    host.close();
  });

  it("a file without policies (exported before it carried them) keeps the branch's; a supervisor's own policy still wins over a file's", async () => {
    const host = await generalBranch();
    await load(host);
    expect(await settings(host)).toMatchObject({ policySource: 'bundled', policy: DEFAULT_DEADLINE_POLICIES.general });
    await load(host, [hqGeneral(5, 3)]);
    await load(host);
    expect(await settings(host)).toMatchObject({ policySource: 'headOffice', policy: generalWith(5) });

    await host.call('deadlines.save', { policy: generalWith(2) }, SUPERVISOR);
    await load(host, [hqGeneral(6, 4)]);
    expect(await settings(host)).toMatchObject({ policySource: 'local', policy: generalWith(2) });
    expect(await host.call('deadlines.save', { policy: null }, SUPERVISOR)).toMatchObject({
      ok: true,
      value: { policySource: 'headOffice', policy: generalWith(6) },
    });
    host.close();
  });

  it('a file with a bad policy is refused whole: neither its calendar nor its policies are kept', async () => {
    const host = await generalBranch();
    const before = await settings(host);
    const bad = { ...hqGeneral(5, 3), policy: { ...generalWith(5), profile: 'pawnshop' } };
    const r = await host.call('calendars.load', { text: JSON.stringify(calendarFile([HQ_2027], [bad as PublishedPolicy])) }, SUPERVISOR);
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await settings(host)).toEqual(before);
    host.close();
  });
});
