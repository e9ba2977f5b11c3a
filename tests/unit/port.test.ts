/**
 * The store API over a real MessageChannel: the UI-side client (shared/api/portClient) talks to a
 * real store host (fake-indexeddb) served by electron/store/portServer, as the page does with the
 * Web Worker (browser edition) or with the port main hands out (desktop edition).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { StoreHost } from '../../electron/store/host';
import { servePort, serveWhenReady } from '../../electron/store/portServer';
import type { Counts, Result, StoreApi } from '../../shared/api/contract';
import { createPortClient, type PortClient, type PortLike } from '../../shared/api/portClient';
import { CLERK, EN, intake, openHost, SUPERVISOR } from '../store/fixtures';

const channels: MessageChannel[] = [];
function channel(): { ui: PortLike & { close(): void }; host: PortLike & { close(): void } } {
  const c = new MessageChannel();
  channels.push(c);
  return { ui: c.port1, host: c.port2 };
}

/** Resolves once `predicate` holds (messages arrive asynchronously). */
async function until(predicate: () => boolean, what: string, ms = 3000): Promise<void> {
  await vi.waitFor(
    () => {
      if (!predicate()) throw new Error(`timed out waiting for ${what}`);
    },
    { timeout: ms, interval: 5 },
  );
}

const total = (c: Counts) => Object.values(c.byState).reduce((a, b) => a + (b ?? 0), 0);

let host: StoreHost;
let client: PortClient;
let dispose: () => void;
let rawUi: PortLike;
const raw: unknown[] = [];
let activeSubscriptions = 0;

beforeAll(async () => {
  ({ host } = await openHost());
  // Count live host subscriptions, to see that the server cleans them up.
  const counted: StoreApi = {
    call: (m, p, e) => host.call(m, p, e),
    subscribe: (m, p, e, onResult) => {
      activeSubscriptions++;
      const stop = host.subscribe(m, p, e, onResult);
      return () => {
        activeSubscriptions--;
        stop();
      };
    },
  };
  const { ui, host: hostPort } = channel();
  dispose = servePort(counted, hostPort, { caller: 'ui' });
  client = createPortClient(ui);
  rawUi = ui;
  ui.addEventListener('message', (event) => raw.push(event.data));
});

afterAll(() => {
  dispose();
  for (const c of channels) {
    c.port1.close();
    c.port2.close();
  }
  host.close();
});

describe('store API over a MessagePort', () => {
  let caseId = '';

  it('configures the branch, registers a case and reads it back', async () => {
    const configured = await client.call(
      'branch.configure',
      { branch: { branchCode: 'BJ01', branchName: '北京一店', profileId: 'pawnshop' } },
      SUPERVISOR,
    );
    expect(configured).toEqual({ ok: true, value: { branchCode: 'BJ01', branchName: '北京一店', profileId: 'pawnshop', phone: '' } });

    const registered = await client.call('cases.register', { intake: intake() }, CLERK);
    if (!registered.ok) throw new Error(registered.error.message);
    expect(registered.value.caseNo).toMatch(/^BJ01-\d{8}-\d{3,6}$/);
    caseId = registered.value.id;

    const detail = await client.call('cases.get', { caseId }, CLERK);
    if (!detail.ok) throw new Error(detail.error.message);
    expect(detail.value.case.id).toBe(caseId);
    expect(detail.value.case.caseNo).toBe(registered.value.caseNo);
    expect(detail.value.events.length).toBeGreaterThan(0);
  });

  it('answers a refused call with a coded, translated error', async () => {
    const forbidden = await client.call(
      'branch.configure',
      { branch: { branchCode: 'BJ02', branchName: 'x', profileId: 'general' } },
      EN(CLERK),
    );
    expect(forbidden.ok).toBe(false);
    if (forbidden.ok) return;
    expect(forbidden.error.code).toBe('forbidden');
    expect(forbidden.error.key).toBe('errors.settings.supervisorOnly');
    expect(forbidden.error.message).not.toBe(forbidden.error.key);
    expect(forbidden.error.message).toMatch(/[a-z]/i);

    const invalid = await client.call(
      'cases.register',
      { intake: intake({ complainant: { name: '', phone: 'abc', address: '' } }) },
      CLERK,
    );
    expect(invalid.ok).toBe(false);
    if (invalid.ok) return;
    expect(invalid.error.code).toBe('invalid_input');
    expect(invalid.error.issues?.some((i) => i.path.startsWith('intake.complainant'))).toBe(true);
    expect(invalid.error.message).not.toContain('errors.');

    const missing = await client.call('cases.get', { caseId: crypto.randomUUID() }, CLERK);
    expect(missing.ok ? null : missing.error.code).toBe('not_found');
  });

  it('pushes cases.counts after a register and stops after unsubscribe', async () => {
    const watched: Result<Counts>[] = [];
    const control: Result<Counts>[] = [];
    const stop = client.subscribe('cases.counts', {}, CLERK, (r) => watched.push(r));
    const stopControl = client.subscribe('cases.counts', {}, CLERK, (r) => control.push(r));
    await until(() => watched.length >= 1 && control.length >= 1, 'first counts');
    expect(activeSubscriptions).toBe(2);
    const first = watched[0]!;
    if (!first.ok) throw new Error(first.error.message);
    expect(total(first.value)).toBe(1);

    await client.call('cases.register', { intake: intake({ businessRef: 'DP2' }) }, CLERK);
    await until(() => watched.some((r) => r.ok && total(r.value) === 2), 'counts after register');

    stop();
    stop(); // idempotent
    await until(() => activeSubscriptions === 1, 'server-side unsubscribe');
    const seen = watched.length;
    const controlSeen = control.length;
    await client.call('cases.register', { intake: intake({ businessRef: 'DP3' }) }, CLERK);
    // The control subscription was made after the stopped one, so its answer comes after any the stopped one would get.
    await until(() => control.slice(controlSeen).some((r) => r.ok && total(r.value) === 3), 'control counts');
    expect(watched.length).toBe(seen);

    stopControl();
    await until(() => activeSubscriptions === 0, 'all unsubscribed');
  });

  it('refuses a subscription to a method that is not live, as a pushed error', async () => {
    const results: Result<unknown>[] = [];
    const stop = client.subscribe('cases.register' as 'cases.counts', {}, EN(CLERK), (r) => results.push(r));
    await until(() => results.length === 1, 'refusal');
    expect(results[0]).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    stop();
  });

  it('survives malformed messages and answers those with an id', async () => {
    raw.length = 0;
    for (const junk of [
      null,
      42,
      'call',
      [],
      { kind: 'call' },
      { kind: 'call', id: 'x' },
      { id: 1.5, kind: 'call' },
      { kind: 'unsubscribe', id: 123456 },
    ]) {
      rawUi.postMessage(junk);
    }
    rawUi.postMessage({ kind: 'bogus', id: 900001, envelope: { token: CLERK.token, locale: 'en' } });
    rawUi.postMessage({ kind: 'call', id: 900002, method: 'no.such', params: {}, envelope: CLERK });
    rawUi.postMessage({ kind: 'call', id: 900003, method: 'cases.counts', params: {}, envelope: 'not an envelope' });
    rawUi.postMessage({ kind: 'call', id: 900004, method: 'cases.counts', params: 7, envelope: CLERK });
    await until(() => raw.length >= 4, 'answers to malformed requests');

    const byId = new Map(raw.map((m) => [(m as { id: number }).id, m as { kind: string; result: Result<unknown> }]));
    expect(byId.get(900001)).toMatchObject({
      kind: 'result',
      result: { ok: false, error: { code: 'invalid_input', key: 'errors.request.invalid', message: 'Malformed request' } },
    });
    expect(byId.get(900002)).toMatchObject({
      kind: 'result',
      result: { ok: false, error: { code: 'invalid_input', key: 'errors.request.unknownMethod' } },
    });
    expect(byId.get(900003)).toMatchObject({ kind: 'result', result: { ok: false, error: { code: 'invalid_input' } } });
    expect(byId.get(900004)).toMatchObject({ kind: 'result', result: { ok: false, error: { code: 'invalid_input' } } });
    expect(raw).toHaveLength(4);

    // The server still works, and the client ignores answers to ids it never sent.
    const counts = await client.call('cases.counts', {}, CLERK);
    expect(counts.ok).toBe(true);
  });

  it('stops every subscription when the server is disposed', async () => {
    const { ui, host: hostPort } = channel();
    let live = 0;
    const counted: StoreApi = {
      call: (m, p, e) => host.call(m, p, e),
      subscribe: (m, p, e, onResult) => {
        live++;
        const stop = host.subscribe(m, p, e, onResult);
        return () => {
          live--;
          stop();
        };
      },
    };
    const stopServing = servePort(counted, hostPort, { caller: 'ui' });
    const other = createPortClient(ui);
    const got: unknown[] = [];
    other.subscribe('cases.counts', {}, CLERK, (r) => got.push(r));
    other.subscribe('branch.get', {}, CLERK, (r) => got.push(r));
    await until(() => got.length >= 2, 'first results');
    expect(live).toBe(2);
    stopServing();
    expect(live).toBe(0);
  });
});

describe('a host that dies', () => {
  it('answers pending calls and subscriptions with an internal error', async () => {
    const { ui } = channel(); // nobody serves the other end: answers never come
    const orphan = createPortClient(ui);
    const pending = orphan.call('cases.counts', {}, EN(CLERK));
    const pushed: Result<Counts>[] = [];
    orphan.subscribe('cases.counts', {}, CLERK, (r) => pushed.push(r));
    // Silence alone is no death: however long the answer takes, only hostDied ends the client.
    vi.useFakeTimers();
    vi.advanceTimersByTime(10 * 60_000);
    vi.useRealTimers();
    expect(orphan.dead).toBe(false);
    expect(pushed).toEqual([]);

    orphan.hostDied('store window crashed');
    const answer = await pending;
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    // It was sent: it may have been saved before the host died, and the message must not promise otherwise.
    expect(answer.error).toMatchObject({ code: 'internal', key: 'errors.hostLost' });
    expect(answer.error.message).toContain('may or may not have been saved');
    expect(answer.error.message).toContain('store window crashed');
    expect(pushed).toHaveLength(1);
    expect(pushed[0]).toMatchObject({ ok: false, error: { code: 'internal' } });

    // Later calls answer at once.
    expect(orphan.dead).toBe(true);
    const later = await orphan.call('branch.get', {}, CLERK);
    expect(later).toMatchObject({ ok: false, error: { code: 'internal', key: 'errors.internal' } });
  });

  it('answers with an internal error when a request cannot be cloned', async () => {
    const { ui, host: hostPort } = channel();
    const stopServing = servePort(host, hostPort, { caller: 'ui' });
    const c = createPortClient(ui);
    const r = await c.call('drafts.save', { draftId: crypto.randomUUID(), data: { f: () => 1 } }, CLERK);
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
    stopServing();
  });
});

describe('serveWhenReady (the worker entry)', () => {
  it('buffers requests that arrive while the host opens', async () => {
    const { ui, host: hostPort } = channel();
    let open!: (api: StoreApi) => void;
    // Sees each request as it reaches the server's end (listeners run in the order they were added).
    const arrived: unknown[] = [];
    hostPort.addEventListener('message', (event) => arrived.push(event.data));
    const stopServing = serveWhenReady(new Promise<StoreApi>((resolve) => (open = resolve)), hostPort, { caller: 'ui' });
    const c = createPortClient(ui);
    const early = c.call('branch.get', {}, CLERK);
    const pushed: unknown[] = [];
    c.subscribe('branch.get', {}, CLERK, (r) => pushed.push(r));
    await until(() => arrived.length === 2, 'both requests at the server');
    expect(pushed).toHaveLength(0);
    open(host);
    expect(await early).toEqual({ ok: true, value: { branchCode: 'BJ01', branchName: '北京一店', profileId: 'pawnshop', phone: '' } });
    await until(() => pushed.length >= 1, 'buffered subscription');
    stopServing();
  });

  it('answers every request with the reason when the host fails to open', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { ui, host: hostPort } = channel();
    let fail!: (reason: unknown) => void;
    const stopServing = serveWhenReady(new Promise<StoreApi>((_resolve, reject) => (fail = reject)), hostPort, { caller: 'ui' });
    const c = createPortClient(ui);
    const early = c.call('branch.get', {}, EN(CLERK));
    fail(new Error('QuotaExceededError: disk full'));
    const answer = await early;
    expect(answer).toMatchObject({ ok: false, error: { code: 'internal', key: 'errors.internal' } });
    expect(answer.ok ? '' : answer.error.message).toContain('disk full');

    const late = await c.call('cases.counts', {}, CLERK);
    expect(late.ok ? '' : late.error.message).toContain('disk full');
    const pushed: Result<Counts>[] = [];
    c.subscribe('cases.counts', {}, CLERK, (r) => pushed.push(r));
    await until(() => pushed.length === 1, 'refused subscription');
    expect(pushed[0]).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
    stopServing();
  });
});
