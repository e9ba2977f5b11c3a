/**
 * Main's head-office sync (electron/main/sync.ts) with Electron's modules replaced: main's store
 * connection is a real store host (fake-indexeddb) answering as main's, head office is the
 * in-memory one of the engine tests behind a `fetch`, safeStorage is a reversible fake, timers run by hand.
 */
import { describe, expect, it, vi } from 'vitest';
import type { StoreApi } from '../../shared/api/contract';
import { formatEnrolmentCode } from '../../shared/sync/enrolment';
import type { StoreHost } from '../../electron/store/host';
import { META_SYNC_ENROLMENT } from '../../electron/store/sync/source';
import { createMainSync, ONLINE_POLL_MS, safeStorageKeeper, type SecretKeeper } from '../../electron/main/sync';
import { createTestHost, CLERK, EN, mustCommand, register, SUPERVISOR, TestClock, uniqueDbName } from '../store/fixtures';
import { ENROLMENT, FakeHq, fetchOf, ManualTimers } from './sync/fakes';

const CODE = formatEnrolmentCode(ENROLMENT);

/** Main's connection: every call arrives at the host as main's. */
function asMain(host: StoreHost): StoreApi {
  return {
    call: (method, params, envelope) => host.call(method, params, envelope, 'main'),
    subscribe: (method, params, envelope, onResult) => host.subscribe(method, params, envelope, onResult, 'main'),
  };
}

class MemorySecrets implements SecretKeeper {
  secret: string | null = null;
  canEncrypt = true;
  saves = 0;
  available = () => this.canEncrypt;
  save = (secret: string) => void ((this.secret = secret), this.saves++);
  load = () => this.secret;
}

async function setup() {
  const clock = new TestClock();
  const timers = new ManualTimers(clock);
  const hq = new FakeHq(clock);
  const host = await createTestHost({ dbName: uniqueDbName('cs-main-sync'), now: clock.now });
  await host.call('branch.configure', { branch: { branchCode: 'BJ01', branchName: '北京一店', profileId: 'pawnshop' } }, SUPERVISOR);
  const secrets = new MemorySecrets();
  let online = true;
  const sync = createMainSync({
    store: asMain(host),
    fetch: fetchOf(hq),
    secrets,
    isOnline: () => online,
    now: clock.now,
    random: () => 0.5,
    appVersion: '0.1.0',
    setTimer: timers.setTimer,
    clearTimer: timers.clearTimer,
  });
  /** Runs the engine's due timers (delay 0) and waits for each run. */
  const runDue = async () => {
    while (timers.nextDelay() === 0) {
      timers.fireNext();
      await sync.engine.syncOnce();
    }
  };
  const setOnline = (value: boolean) => (online = value);
  return { clock, timers, hq, host, secrets, sync, runDue, setOnline };
}

async function archive(host: StoreHost) {
  const c = await register(host);
  return mustCommand(host, c.id, 'closeAtCounter', { explanation: '当场解决' }, CLERK);
}

describe('enrolment through main', () => {
  it('refuses a bad code, a clerk, or a PC without a keychain, with a translated message, and keeps nothing', async () => {
    const { sync, secrets, host } = await setup();
    expect(await sync.enrol({ code: 'hello', ...EN(SUPERVISOR) })).toMatchObject({
      ok: false,
      error: { key: 'errors.enrolment.format', message: expect.stringContaining('not an enrolment code') },
    });
    expect(await sync.enrol({ code: CODE, ...EN(CLERK) })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await sync.enrol({ code: CODE, token: 'forged-token' })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    secrets.canEncrypt = false;
    expect(await sync.enrol({ code: CODE, ...SUPERVISOR })).toMatchObject({ ok: false, error: { key: 'errors.enrolment.keychain' } });
    expect(await sync.enrol({ code: CODE, actor: { staffId: 's01', role: 'root' } })).toMatchObject({
      ok: false,
      error: { key: 'errors.request.invalid' },
    });
    expect(secrets.saves).toBe(0);
    expect(await host.db.meta.get(META_SYNC_ENROLMENT)).toBeUndefined();
    host.close();
  });

  it('a supervisor enrols: the host learns the address and branch, main keeps the secret; none is in IndexedDB', async () => {
    const { sync, secrets, host } = await setup();
    const r = await sync.enrol({ code: CODE, ...SUPERVISOR });
    expect(r).toMatchObject({ ok: true, value: { enrolled: true, hqUrl: ENROLMENT.hqUrl, branch: 'BJ01' } });
    expect(secrets.secret).toBe(ENROLMENT.secret);
    const everything = JSON.stringify(await host.db.meta.toArray());
    expect(everything).not.toContain(ENROLMENT.secret);
    host.close();
  });
});

describe("main's engine", () => {
  it('sends each archived case when the waiting count rises, and after a supervisor asks for it', async () => {
    const { sync, host, hq, timers, runDue, clock } = await setup();
    sync.start();
    await runDue(); // the first run: not enrolled yet
    expect(hq.requests).toHaveLength(0);
    await sync.enrol({ code: CODE, ...SUPERVISOR });
    await runDue();

    const first = await archive(host);
    await timers.planned(0);
    await runDue();
    expect(hq.held.get(first.id)).toBe(first.version);

    // A failure leaves a backoff; 'sync.now' from a screen moves the attempt to now and main runs.
    hq.faults.push('server_error');
    await archive(host);
    await timers.planned(0);
    await runDue();
    expect((await host.call('sync.status', {}, CLERK)).ok).toBe(true);
    const backoff = timers.nextDelay()!;
    expect(backoff).toBeGreaterThan(0);
    expect(backoff).toBeLessThan(ONLINE_POLL_MS);
    clock.advance(1);
    expect((await host.call('sync.now', {}, SUPERVISOR)).ok).toBe(true);
    await timers.planned(0);
    await runDue();
    expect(hq.held.size).toBe(2);
    const status = await host.call('sync.status', {}, CLERK);
    expect(status.ok && status.value).toMatchObject({ waiting: 0, lastError: null });
    sync.stop();
    expect(timers.pending).toBe(0);
    host.close();
  });

  /** Enrolled, with one case that failed to go and a backoff (about 2.5 minutes) longer than the poll. */
  async function failedWithLongBackoff() {
    const env = await setup();
    env.sync.start();
    await env.sync.enrol({ code: CODE, ...SUPERVISOR });
    await env.runDue();
    const state = { lastSuccessAt: null, lastAttemptAt: null, nextAttemptAt: null, attempt: 9, lastError: null, sending: null };
    await env.host.call('sync.saveState', { state }, CLERK, 'main');
    env.hq.faults.push('refuse');
    await archive(env.host);
    await env.timers.planned(0);
    await env.runDue();
    const status = await env.host.call('sync.status', {}, CLERK);
    if (!status.ok) throw new Error(status.error.message);
    expect(status.value.lastError?.code).toBe('network');
    const backoffEnds = status.value.nextAttemptAt!;
    expect(backoffEnds - env.clock.at).toBeGreaterThan(2 * ONLINE_POLL_MS);
    return { ...env, backoffEnds };
  }

  it('runs when the PC comes back online, without waiting out the backoff', async () => {
    const { sync, host, timers, runDue, setOnline, clock, backoffEnds } = await failedWithLongBackoff();
    setOnline(false);
    timers.fireNext(); // the poll: offline
    await timers.planned(ONLINE_POLL_MS);
    setOnline(true);
    timers.fireNext(); // the poll: back online
    await timers.planned(0);
    await runDue();
    expect(clock.at).toBeLessThan(backoffEnds);
    const status = await host.call('sync.status', {}, CLERK);
    expect(status.ok && status.value).toMatchObject({ waiting: 0, lastError: null });
    sync.stop();
    host.close();
  });

  it('probes /v1/health after a network failure and runs as soon as head office answers', async () => {
    const { sync, host, hq, timers, runDue, clock, backoffEnds } = await failedWithLongBackoff();
    hq.faults.push('refuse');
    timers.fireNext(); // poll + probe: still unreachable, nothing planned but the next poll and the backoff
    await timers.planned(ONLINE_POLL_MS);
    expect(timers.pending).toBe(2);
    timers.fireNext(); // poll + probe: head office answers
    await timers.planned(0);
    await runDue();
    expect(clock.at).toBeLessThan(backoffEnds);
    expect(hq.requests.filter((r) => r.url.endsWith('/v1/health'))).toHaveLength(2);
    const status = await host.call('sync.status', {}, CLERK);
    expect(status.ok && status.value).toMatchObject({ waiting: 0, lastError: null });
    sync.stop();
    host.close();
  });
});

describe('safeStorage keeper', () => {
  const fakeSafeStorage = (backend = 'gnome_libsecret') => ({
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => backend as never,
    encryptString: (s: string) => Buffer.from([...Buffer.from(s)].map((b) => b ^ 0x5a)),
    decryptString: (b: Buffer) => Buffer.from([...b].map((x) => x ^ 0x5a)).toString(),
  });

  it('writes only the ciphertext to the file and reads the secret back', () => {
    const file = new Map<string, unknown>();
    const keeper = safeStorageKeeper(fakeSafeStorage(), { get: (k) => file.get(k), set: (k, v) => void file.set(k, v) }, 'linux');
    expect(keeper.available()).toBe(true);
    expect(keeper.load()).toBeNull();
    keeper.save(ENROLMENT.secret);
    expect(String(file.get('secret'))).not.toContain(ENROLMENT.secret);
    expect(keeper.load()).toBe(ENROLMENT.secret);
  });

  it("does not count Linux's hard-coded fallback key as safe; a secret that cannot be decrypted reads as none", () => {
    const file = new Map<string, unknown>([['secret', 'garbage']]);
    const basic = safeStorageKeeper(fakeSafeStorage('basic_text'), { get: (k) => file.get(k), set: () => {} }, 'linux');
    expect(basic.available()).toBe(false);
    const broken = {
      ...fakeSafeStorage(),
      decryptString: () => {
        throw new Error('bad key');
      },
    };
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(safeStorageKeeper(broken, { get: (k) => file.get(k), set: () => {} }, 'win32').load()).toBeNull();
  });
});

describe("main's engine and head office's calendars", () => {
  it('keeps what head office publishes, through main-only store methods a screen cannot call', async () => {
    const { sync, host, hq, runDue } = await setup();
    const y2027 = {
      year: 2027,
      version: 2,
      publishedAt: Date.parse('2026-11-20T10:00:00+08:00'),
      days: [{ date: '2027-01-01', workday: false }],
    };
    hq.calendars = [y2027];
    sync.start();
    await sync.enrol({ code: CODE, ...SUPERVISOR });
    await runDue();
    const settings = await host.call('deadlines.get', {}, SUPERVISOR);
    expect(settings.ok && settings.value.calendarYears.find((y) => y.year === 2027)).toMatchObject({ source: 'headOffice' });
    expect(await host.call('sync.calendarsSince', {}, SUPERVISOR, 'main')).toEqual({ ok: true, value: 2 });

    const forged = { serverTime: 0, latest: 99, calendars: [{ ...y2027, version: 99, days: [] }] };
    expect(await host.call('sync.receiveCalendars', { answer: forged }, SUPERVISOR)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await host.call('sync.calendarsSince', {}, SUPERVISOR)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await host.call('sync.calendarsSince', {}, SUPERVISOR, 'main')).toEqual({ ok: true, value: 2 });
    sync.stop();
    host.close();
  });
});
