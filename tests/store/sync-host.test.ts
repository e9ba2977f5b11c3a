/**
 * The store host's sync methods: 'sync.status' (live), 'sync.now', 'sync.enrol' and main's
 * 'sync.configure', and the browser edition's host running the engine itself over an injected
 * fetch (here a head office in memory speaking the protocol). Node (fake-indexeddb) and Chromium.
 */
import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../shared/api/contract';
import { formatEnrolmentCode } from '../../shared/sync/enrolment';
import { META_SYNC_ENROLMENT } from '../../electron/store/sync/source';
import type { StoreHost } from '../../electron/store/host';
import { ENROLMENT, FakeHq, fetchOf, ManualTimers } from '../unit/sync/fakes';
import { ADMIN, createTestHost, CLERK, EN, mustCommand, register, SUPERVISOR, TestClock, uniqueDbName } from './fixtures';

const CODE = formatEnrolmentCode(ENROLMENT);

async function browserHost(options: { branch?: string } = {}) {
  const clock = new TestClock();
  const timers = new ManualTimers(clock);
  const hq = new FakeHq(clock);
  const host = await createTestHost({
    dbName: uniqueDbName('cs-sync'),
    now: clock.now,
    sync: { fetch: fetchOf(hq), appVersion: '0.1.0-test', random: () => 0.5, setTimer: timers.setTimer, clearTimer: timers.clearTimer },
  });
  const r = await host.call(
    'branch.configure',
    { branch: { branchCode: options.branch ?? 'BJ01', branchName: '北京一店', profileId: 'pawnshop' } },
    SUPERVISOR,
  );
  if (!r.ok) throw new Error(r.error.message);
  return { host, clock, timers, hq };
}

async function desktopHost() {
  const clock = new TestClock();
  const host = await createTestHost({ dbName: uniqueDbName('cs-sync-desk'), now: clock.now });
  await host.call('branch.configure', { branch: { branchCode: 'BJ01', branchName: '北京一店', profileId: 'pawnshop' } }, SUPERVISOR);
  return { host, clock };
}

async function archive(host: StoreHost) {
  const c = await register(host);
  return mustCommand(host, c.id, 'closeAtCounter', { explanation: '当场解决' }, CLERK);
}

/** Subscribes to 'sync.status' and lets the test wait for a status that satisfies a condition. */
function watchStatus(host: StoreHost) {
  const seen: SyncStatus[] = [];
  let waiter: { test: (s: SyncStatus) => boolean; resolve: (s: SyncStatus) => void } | null = null;
  const stop = host.subscribe('sync.status', {}, CLERK, (r) => {
    if (!r.ok) throw new Error(r.error.message);
    seen.push(r.value);
    if (waiter?.test(r.value)) waiter.resolve(r.value);
  });
  const until = (test: (s: SyncStatus) => boolean) =>
    new Promise<SyncStatus>((resolve) => {
      const hit = seen.find(test);
      if (hit) resolve(hit);
      else waiter = { test, resolve };
    });
  return { seen, until, stop };
}

describe('sync.enrol (browser edition: the host keeps the enrolment)', () => {
  it.each([
    ['not a code', 'hello', 'errors.enrolment.format', 'This is not an enrolment code'],
    ['plain http to another machine', CODE.replace('127.0.0.1', 'hq.example.com'), 'errors.enrolment.address', 'must be https'],
    ['a malformed branch', CODE.replace('branch=BJ01', 'branch=bj-01'), 'errors.enrolment.branch', 'branch code in the enrolment code'],
    ['a cut secret', CODE.slice(0, -5), 'errors.enrolment.secret', 'secret in the enrolment code'],
    [
      "another branch's code",
      CODE.replace('branch=BJ01', 'branch=SH02'),
      'errors.enrolment.otherBranch',
      'for branch SH02, but this is branch BJ01',
    ],
  ])('refuses %s with its own message, and stores nothing', async (_name, code, key, words) => {
    const { host } = await browserHost();
    const r = await host.call('sync.enrol', { code }, EN(SUPERVISOR));
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', key, message: expect.stringContaining(words) } });
    expect(await host.db.meta.get(META_SYNC_ENROLMENT)).toBeUndefined();
    const zh = await host.call('sync.enrol', { code }, SUPERVISOR);
    expect(zh).toMatchObject({ ok: false, error: { key } });
    expect(!zh.ok && !r.ok && zh.error.message !== r.error.message && zh.error.message !== key).toBe(true);
    host.close();
  });

  it('is for supervisors and administrators only', async () => {
    const { host } = await browserHost();
    expect(await host.call('sync.enrol', { code: CODE }, EN(CLERK))).toMatchObject({
      ok: false,
      error: { code: 'forbidden', key: 'errors.sync.supervisorOnly' },
    });
    expect(await host.call('sync.enrol', { code: CODE }, ADMIN)).toMatchObject({ ok: true, value: { enrolled: true } });
    host.close();
  });

  it('enrols, then archived cases go to head office on their own and the status says so', async () => {
    const { host, timers, hq } = await browserHost();
    const status = watchStatus(host);
    await archive(host); // before enrolment: it waits
    await status.until((s) => s.waiting === 1);
    expect(timers.pending).toBe(1);
    timers.fireNext();
    expect(hq.requests).toHaveLength(0); // not enrolled: nothing sent

    const enrolled = await host.call('sync.enrol', { code: `  ${CODE}\n` }, SUPERVISOR);
    expect(enrolled).toMatchObject({ ok: true, value: { enrolled: true, hqUrl: ENROLMENT.hqUrl, branch: 'BJ01', waiting: 1 } });
    timers.fireNext();
    await status.until((s) => s.waiting === 0 && s.lastSuccessAt !== null);
    expect(hq.held.size).toBe(1);

    // Every archive triggers a run.
    const second = await archive(host);
    await status.until((s) => s.waiting === 1);
    timers.fireNext();
    const done = await status.until((s) => s.waiting === 0 && s.sending === null && hq.held.has(second.id));
    expect(done).toMatchObject({ lastError: null, sending: null });
    expect(hq.batches.map((b) => b.appVersion)).toEqual(['0.1.0-test', '0.1.0-test']);
    status.stop();
    host.close();
  });

  it('sync.now runs at once for a supervisor; a clerk is refused; the last error shows in the status', async () => {
    const { host, timers, hq } = await browserHost();
    expect(await host.call('sync.now', {}, SUPERVISOR)).toMatchObject({
      ok: false,
      error: { code: 'invalid_state', key: 'errors.sync.notEnrolled' },
    });
    await host.call('sync.enrol', { code: CODE }, SUPERVISOR);
    await archive(host);
    const status = watchStatus(host);
    hq.clockOffset = -9 * 60_000;
    while (timers.pending) timers.fireNext();
    const failed = await status.until((s) => s.lastError !== null);
    expect(failed).toMatchObject({ waiting: 1, lastError: { code: 'clock_skew', skewMs: 9 * 60_000 } });
    expect(failed.nextAttemptAt).not.toBeNull();

    expect(await host.call('sync.now', {}, EN(CLERK))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    hq.clockOffset = 0;
    expect((await host.call('sync.now', {}, SUPERVISOR)).ok).toBe(true);
    expect(timers.nextDelay()).toBe(0);
    timers.fireNext();
    expect(await status.until((s) => s.waiting === 0 && s.sending === null)).toMatchObject({ lastError: null, nextAttemptAt: null });
    status.stop();
    host.close();
  });
});

describe('desktop edition: main runs the engine and keeps the secret', () => {
  it('the host refuses sync.enrol: no secret is ever written to IndexedDB', async () => {
    const { host } = await desktopHost();
    expect(await host.call('sync.enrol', { code: CODE }, EN(SUPERVISOR))).toMatchObject({
      ok: false,
      error: { code: 'forbidden', key: 'errors.enrolment.desktop' },
    });
    expect(await host.db.meta.get(META_SYNC_ENROLMENT)).toBeUndefined();
    host.close();
  });

  it("sync.configure (main's, under the supervisor's envelope) keeps the address and branch only", async () => {
    const { host } = await desktopHost();
    const params = { hqUrl: ENROLMENT.hqUrl, branch: 'BJ01' };
    expect(await host.call('sync.configure', params, SUPERVISOR)).toMatchObject({ ok: false, error: { key: 'errors.request.mainOnly' } });
    expect(await host.call('sync.configure', params, EN(CLERK), 'main')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await host.call('sync.configure', { ...params, hqUrl: 'http://hq.example.com' }, EN(SUPERVISOR), 'main')).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', key: 'errors.enrolment.address' },
    });
    expect(await host.call('sync.configure', { ...params, branch: 'SH02' }, EN(SUPERVISOR), 'main')).toMatchObject({
      ok: false,
      error: { key: 'errors.enrolment.otherBranch' },
    });
    const r = await host.call('sync.configure', params, SUPERVISOR, 'main');
    expect(r).toMatchObject({ ok: true, value: { enrolled: true, hqUrl: ENROLMENT.hqUrl, branch: 'BJ01' } });
    expect((await host.db.meta.get(META_SYNC_ENROLMENT))?.value).toEqual(params);
    host.close();
  });

  it("sync.now moves the next attempt to now, which main's engine watches for; the status subscription re-runs on state and outbox changes", async () => {
    const { host, clock } = await desktopHost();
    await host.call('sync.configure', { hqUrl: ENROLMENT.hqUrl, branch: 'BJ01' }, SUPERVISOR, 'main');
    const status = watchStatus(host);
    await status.until((s) => s.enrolled);
    await archive(host);
    await status.until((s) => s.waiting === 1);
    const now = await host.call('sync.now', {}, SUPERVISOR);
    expect(now.ok && now.value.nextAttemptAt).toBe(clock.at);
    await status.until((s) => s.nextAttemptAt === clock.at);
    const state = {
      lastSuccessAt: clock.at,
      lastAttemptAt: clock.at,
      nextAttemptAt: null,
      attempt: 0,
      lastError: null,
      sending: { sent: 0, total: 1 },
    };
    await host.call('sync.saveState', { state }, CLERK, 'main');
    await status.until((s) => s.sending?.total === 1);
    status.stop();
    host.close();
  });
});
