import { gunzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { createSyncEngine, IN_FLIGHT_BATCHES, utf8Length, type SyncEngine } from '../../shared/sync/engine';
import { BLOB_CHUNK_BYTES, HEADERS, MAX_BATCH_CASES, sha256Hex, TARGET_BATCH_BYTES } from '../../shared/sync/protocol';
import type { Transport } from '../../shared/sync/transport';
import { Clock, ENROLMENT, FakeHq, makeCase, ManualTimers, MemorySource } from './sync/fakes';

const MINUTE = 60_000;

function setup(options: { random?: () => number; enrolled?: boolean; source?: MemorySource; clock?: Clock; hq?: FakeHq } = {}) {
  const clock = options.clock ?? new Clock();
  const timers = new ManualTimers(clock);
  const source = options.source ?? new MemorySource();
  const hq = options.hq ?? new FakeHq(clock);
  const engine = createSyncEngine({
    source,
    transport: (r) => hq.transport(r),
    enrolment: async () => (options.enrolled === false ? null : ENROLMENT),
    now: clock.now,
    random: options.random ?? (() => 0.5),
    appVersion: '1.2.3',
    setTimer: timers.setTimer,
    clearTimer: timers.clearTimer,
  });
  return { clock, timers, source, hq, engine };
}

const batchRequests = (hq: FakeHq) => hq.requests.filter((r) => r.url.endsWith('/v1/batches'));
const undelivered = (source: MemorySource) => source.outbox.filter((r) => r.deliveredAt === null).map((r) => r.caseId);

describe('sync engine: a run', () => {
  it('sends what waits as one gzip-compressed, signed batch and marks each case delivered on its acknowledgement', async () => {
    const { source, hq, engine, clock } = setup();
    for (let i = 1; i <= 3; i++) source.archive(makeCase(i));
    const outcome = await engine.syncOnce();
    expect(outcome).toEqual({ result: 'done', sent: 3, rejected: 0 });
    const [request] = batchRequests(hq);
    expect(request!.headers['content-encoding']).toBe('gzip');
    expect(request!.headers['content-type']).toBe('application/json');
    const batch = JSON.parse(new TextDecoder().decode(gunzipSync(request!.body!)));
    expect(batch).toMatchObject({ protocol: 1, branch: 'BJ01', appVersion: '1.2.3', waiting: 3 });
    expect(batch.batchId).toBe(request!.headers[HEADERS.requestId]);
    expect(batch.cases.map((c: { caseId: string }) => c.caseId)).toEqual(['case-0001', 'case-0002', 'case-0003']);
    expect(undelivered(source)).toEqual([]);
    expect(source.state).toMatchObject({
      lastSuccessAt: clock.at,
      lastAttemptAt: clock.at,
      attempt: 0,
      lastError: null,
      nextAttemptAt: null,
      sending: null,
    });
  });

  it('sizes batches by bytes: none over TARGET_BATCH_BYTES of JSON unless one case alone is larger', async () => {
    const { source, hq, engine } = setup();
    for (let i = 1; i <= 12; i++) source.archive(makeCase(i, { padding: Math.floor(TARGET_BATCH_BYTES / 5) }));
    source.archive(makeCase(13, { padding: TARGET_BATCH_BYTES + 10 }));
    await engine.syncOnce();
    const sizes = hq.batches.map((b) => b.cases.map((c) => new TextEncoder().encode(JSON.stringify(c)).length + 1).reduce((a, b) => a + b));
    expect(hq.batches.length).toBeGreaterThan(3);
    for (const [i, batch] of hq.batches.entries()) {
      if (batch.cases.length > 1) expect(sizes[i]).toBeLessThanOrEqual(TARGET_BATCH_BYTES);
    }
    expect(hq.batches.some((b) => b.cases.length === 1 && b.cases[0]!.caseId === 'case-0013')).toBe(true);
    expect(hq.held.size).toBe(13);
  });

  it('puts at most MAX_BATCH_CASES small cases in one batch', async () => {
    const { source, hq, engine } = setup();
    for (let i = 1; i <= MAX_BATCH_CASES + 20; i++) source.archive(makeCase(i, { events: 1 }));
    await engine.syncOnce();
    // Batches are on their way together, so they may arrive in either order.
    expect(hq.batches.map((b) => b.cases.length).sort((a, b) => a - b)).toEqual([20, MAX_BATCH_CASES]);
    for (const b of hq.batches) expect(b.waiting).toBeGreaterThanOrEqual(b.cases.length);
  });

  it('keeps IN_FLIGHT_BATCHES batches on their way at once (head office stores some while the next are built), never more', async () => {
    const { source, hq, clock } = setup();
    const batches = IN_FLIGHT_BATCHES + 2;
    for (let i = 1; i <= batches * MAX_BATCH_CASES; i++) source.archive(makeCase(i, { events: 1 }));
    // Head office holds its answers until as many batches as may be on their way have arrived.
    let open = 0;
    let most = 0;
    let answered = 0;
    let waiters: (() => void)[] = [];
    const gated = createSyncEngine({
      source,
      transport: async (r) => {
        if (!r.url.endsWith('/v1/batches')) return hq.transport(r);
        open++;
        most = Math.max(most, open);
        if (open >= Math.min(IN_FLIGHT_BATCHES, batches - answered)) {
          waiters.forEach((release) => release());
          waiters = [];
        } else {
          await new Promise<void>((resolve) => waiters.push(resolve));
        }
        const answer = await hq.transport(r);
        open--;
        answered++;
        return answer;
      },
      enrolment: async () => ENROLMENT,
      now: clock.now,
      random: () => 0.5,
      appVersion: 'test',
      setTimer: () => null,
      clearTimer: () => {},
    });
    expect(await gated.syncOnce()).toEqual({ result: 'done', sent: batches * MAX_BATCH_CASES, rejected: 0 });
    expect(most).toBe(IN_FLIGHT_BATCHES);
    expect(undelivered(source)).toEqual([]);
  });

  it('reports progress as it goes: sending {sent, total} after each batch, cleared at the end', async () => {
    const { source, engine } = setup();
    for (let i = 1; i <= MAX_BATCH_CASES + 20; i++) source.archive(makeCase(i, { events: 1 }));
    await engine.syncOnce();
    // After each batch's answer, in whichever order the batches on their way are answered.
    expect(source.savedStates.map((s) => s.sending)).toEqual([
      { sent: 0, total: MAX_BATCH_CASES + 20 },
      { sent: expect.toBeOneOf([20, MAX_BATCH_CASES]), total: MAX_BATCH_CASES + 20 },
      { sent: MAX_BATCH_CASES + 20, total: MAX_BATCH_CASES + 20 },
      null,
    ]);
  });

  it('leaves a case head office rejects waiting, with its reason as the last error, and sends it once per run', async () => {
    const { source, hq, engine } = setup();
    for (let i = 1; i <= 3; i++) source.archive(makeCase(i));
    hq.reject.set('case-0002', { caseId: 'case-0002', version: 3, status: 'rejected', reason: 'chain_broken', detail: 'event 2' });
    expect(await engine.syncOnce()).toEqual({ result: 'done', sent: 2, rejected: 1 });
    expect(undelivered(source)).toEqual(['case-0002']);
    expect(hq.batches).toHaveLength(1);
    expect(source.state.lastError).toMatchObject({ code: 'case_rejected', caseId: 'case-0002', reason: 'chain_broken', detail: 'event 2' });
    expect(source.state.lastSuccessAt).not.toBeNull();
    expect(source.state.nextAttemptAt).not.toBeNull(); // tried again later, under the backoff
  });

  it('marks nothing when the answer is lost after head office applied the batch; the resend is a new batch HQ answers duplicate', async () => {
    const { source, hq, engine } = setup();
    for (let i = 1; i <= 2; i++) source.archive(makeCase(i));
    hq.faults.push('drop_answer');
    const lost = await engine.syncOnce();
    expect(lost).toMatchObject({ result: 'failed', error: { code: 'network' } });
    expect(undelivered(source)).toEqual(['case-0001', 'case-0002']);
    expect(await engine.syncOnce()).toEqual({ result: 'done', sent: 2, rejected: 0 });
    expect(undelivered(source)).toEqual([]);
    const ids = batchRequests(hq).map((r) => r.headers[HEADERS.requestId]);
    expect(new Set(ids).size).toBe(2);
    expect([...hq.applied.values()]).toEqual([1, 1]);
  });

  it('sends nothing twice once acknowledged', async () => {
    const { source, hq, engine, clock } = setup();
    source.archive(makeCase(1));
    await engine.syncOnce();
    const before = hq.requests.length;
    const lastSuccessAt = source.state.lastSuccessAt;
    clock.at += 60_000;
    expect(await engine.syncOnce()).toEqual({ result: 'done', sent: 0, rejected: 0 });
    expect(hq.requests.length).toBe(before);
    // Nothing sent, so nothing proves head office is reachable now: the last success stays as it was.
    expect(source.state.lastSuccessAt).toBe(lastSuccessAt);
  });

  it('sends an archived case again when it changes, and head office converges on the newest version', async () => {
    const { source, hq, engine } = setup();
    source.archive(makeCase(1));
    await engine.syncOnce();
    source.archive(makeCase(1, { events: 4 }));
    expect(await engine.syncOnce()).toEqual({ result: 'done', sent: 1, rejected: 0 });
    expect(hq.held.get('case-0001')).toBe(4);
    expect(undelivered(source)).toEqual([]);
  });

  it('sends nothing and plans nothing when the branch is not enrolled', async () => {
    const { source, hq, engine, timers } = setup({ enrolled: false });
    source.archive(makeCase(1));
    expect(await engine.syncOnce()).toEqual({ result: 'not_enrolled' });
    expect(hq.requests).toHaveLength(0);
    expect(timers.pending).toBe(0);
  });

  it('keeps a malformed case aside instead of letting it sink the batch', async () => {
    const { source, hq, engine } = setup();
    source.archive(makeCase(1));
    const bad = makeCase(2);
    bad.events = [];
    source.archive(bad);
    expect(await engine.syncOnce()).toEqual({ result: 'done', sent: 1, rejected: 1 });
    expect(hq.batches.flatMap((b) => b.cases.map((c) => c.caseId))).toEqual(['case-0001']);
    expect(source.state.lastError).toMatchObject({ code: 'case_rejected', caseId: 'case-0002', reason: 'record_mismatch' });
  });

  it('finds the one case head office cannot store by sending the refused batch case by case', async () => {
    const { source, hq, engine } = setup();
    for (let n = 1; n <= 4; n++) source.archive(makeCase(n));
    hq.unstorable.add('case-0003');
    expect(await engine.syncOnce()).toEqual({ result: 'done', sent: 3, rejected: 1 });
    expect([...hq.held.keys()].sort()).toEqual(['case-0001', 'case-0002', 'case-0004']);
    expect(undelivered(source)).toEqual(['case-0003']);
    expect(source.state.lastError).toMatchObject({ code: 'invalid_batch', caseId: 'case-0003' });
    // The refused batch, then each of its cases alone.
    expect(hq.requests.filter((r) => r.method === 'POST')).toHaveLength(5);
  });
});

describe('utf8Length', () => {
  it.each(['', 'abc', '投诉登记', 'é', '😀 a', '\ud800 lone', 'a\u0000b'])('counts %j as TextEncoder does', (text) => {
    expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
  });
});

describe('sync engine: errors as the app bar shows them', () => {
  const cases: [string, Parameters<FakeHq['faults']['push']>[0], object][] = [
    ['a refused connection', 'refuse', { code: 'network' }],
    ['a 5xx', 'server_error', { code: 'server_error', status: 503 }],
    ['a truncated answer', 'truncate', { code: 'bad_answer', status: 200 }],
    ['a replayed id', { refuse: 'replayed' }, { code: 'replayed', status: 409 }],
    ['an unknown branch', { refuse: 'unknown_branch' }, { code: 'unknown_branch', status: 401 }],
  ];
  it.each(cases)('%s', async (_name, fault, expected) => {
    const { source, hq, engine } = setup();
    source.archive(makeCase(1));
    hq.faults.push(fault);
    const outcome = await engine.syncOnce();
    expect(outcome).toMatchObject({ result: 'failed', error: expected });
    expect(source.state.lastError).toMatchObject(expected);
    expect(undelivered(source)).toEqual(['case-0001']);
  });

  it('a clock 9 minutes ahead of head office: clock_skew with skewMs of 9 minutes', async () => {
    const { source, hq, engine } = setup();
    hq.clockOffset = -9 * MINUTE;
    source.archive(makeCase(1));
    const outcome = await engine.syncOnce();
    expect(outcome).toMatchObject({ result: 'failed', error: { code: 'clock_skew', status: 401, skewMs: 9 * MINUTE } });
  });
});

describe('sync engine: attachments', () => {
  function withAttachment(size: number) {
    const bytes = new Uint8Array(size).map((_, i) => (i * 31) % 251);
    const sha = sha256Hex(bytes);
    const entry = makeCase(1, { attachments: [{ id: 'att-1', sha256: sha, name: 'photo.jpg', type: 'image/jpeg', size }] });
    return { bytes, sha, entry };
  }

  it('uploads an attachment head office lacks in pieces before its case, and not again once held', async () => {
    const { source, hq, engine } = setup();
    const { bytes, sha, entry } = withAttachment(2 * BLOB_CHUNK_BYTES + 5);
    source.blobs.set('att-1', bytes);
    source.archive(entry);
    expect(await engine.syncOnce()).toEqual({ result: 'done', sent: 1, rejected: 0 });
    const puts = hq.requests.filter((r) => r.method === 'PUT').map((r) => new URL(r.url).searchParams.get('offset'));
    expect(puts).toEqual(['0', String(BLOB_CHUNK_BYTES), String(2 * BLOB_CHUNK_BYTES)]);
    expect(sha256Hex(hq.blobs.get(sha)!)).toBe(sha);
    expect(hq.requests.findIndex((r) => r.method === 'POST')).toBe(hq.requests.length - 1);

    source.archive({ ...entry, version: 4, record: { ...entry.record, version: 4 } });
    const before = hq.requests.length;
    await engine.syncOnce();
    expect(hq.requests.slice(before).map((r) => r.method)).toEqual(['GET', 'POST']);
  });

  it('resumes an interrupted upload at the piece head office holds', async () => {
    const { source, hq, engine } = setup();
    const { bytes, entry } = withAttachment(3 * BLOB_CHUNK_BYTES);
    source.blobs.set('att-1', bytes);
    source.archive(entry);
    hq.blobPutLimit = 1; // the second piece's connection is reset
    expect(await engine.syncOnce()).toMatchObject({ result: 'failed', error: { code: 'network' } });
    hq.blobPutLimit = Infinity;
    const before = hq.requests.length;
    expect(await engine.syncOnce()).toEqual({ result: 'done', sent: 1, rejected: 0 });
    const puts = hq.requests
      .slice(before)
      .filter((r) => r.method === 'PUT')
      .map((r) => new URL(r.url).searchParams.get('offset'));
    expect(puts).toEqual([String(BLOB_CHUNK_BYTES), String(2 * BLOB_CHUNK_BYTES)]);
  });

  it('on 409 blob_offset, continues from the offset head office names', async () => {
    const { source, hq, engine } = setup();
    const { bytes, sha, entry } = withAttachment(2 * BLOB_CHUNK_BYTES);
    source.blobs.set('att-1', bytes);
    source.archive(entry);
    // Another process already uploaded the first piece between our status check and our first piece.
    const realTransport = hq.transport;
    let step = 0;
    const transport: Transport = async (r) => {
      if (r.method === 'PUT' && step++ === 0) hq.blobs.set(sha, bytes.slice(0, BLOB_CHUNK_BYTES));
      return realTransport(r);
    };
    const clock = new Clock();
    const timers = new ManualTimers(clock);
    const engine2 = createSyncEngine({
      source,
      transport,
      enrolment: async () => ENROLMENT,
      now: clock.now,
      random: () => 0.5,
      appVersion: '1',
      setTimer: timers.setTimer,
      clearTimer: timers.clearTimer,
    });
    void engine;
    expect(await engine2.syncOnce()).toEqual({ result: 'done', sent: 1, rejected: 0 });
    const puts = hq.requests.filter((r) => r.method === 'PUT').map((r) => new URL(r.url).searchParams.get('offset'));
    expect(puts).toEqual(['0', String(BLOB_CHUNK_BYTES)]);
  });
});

describe('sync engine: one bad case does not hold back the others', () => {
  it('sets aside a case whose attachment does not match its hash; the rest go', async () => {
    const { source, hq, engine } = setup();
    const bytes = new Uint8Array([1, 2, 3]);
    const entry = makeCase(1, {
      attachments: [{ id: 'att-1', sha256: sha256Hex(new Uint8Array([9])), name: 'a.png', type: 'image/png', size: 3 }],
    });
    source.blobs.set('att-1', bytes);
    source.archive(entry);
    source.archive(makeCase(2));
    expect(await engine.syncOnce()).toEqual({ result: 'done', sent: 1, rejected: 1 });
    expect([...hq.held.keys()]).toEqual(['case-0002']);
    expect(source.state.lastError).toMatchObject({ code: 'blob_hash_mismatch', caseId: 'case-0001', detail: 'attachment att-1' });
    expect(undelivered(source)).toEqual(['case-0001']);
  });

  it('sets aside one case too large for head office; the rest go', async () => {
    const { source, hq, engine } = setup();
    source.archive(makeCase(1, { padding: TARGET_BATCH_BYTES + 10 }));
    source.archive(makeCase(2));
    hq.maxBatchBytes = TARGET_BATCH_BYTES;
    expect(await engine.syncOnce()).toEqual({ result: 'done', sent: 1, rejected: 1 });
    expect(source.state.lastError).toMatchObject({ code: 'too_large', status: 413, caseId: 'case-0001' });
    expect(undelivered(source)).toEqual(['case-0001']);
  });
});

describe('sync engine: the scheduler', () => {
  async function fire(timers: ManualTimers, engine: SyncEngine) {
    timers.fireNext();
    return engine.syncOnce(); // the run the timer started
  }

  it('backs off exponentially with full jitter up to 5 minutes after failures, and resets on success', async () => {
    const { source, hq, engine, timers } = setup({ random: () => 0.75 });
    source.archive(makeCase(1));
    hq.faults.push(...Array<'refuse'>(12).fill('refuse'));
    await engine.start();
    expect(timers.nextDelay()).toBe(0);
    const delays: number[] = [];
    for (let i = 0; i < 12; i++) {
      await fire(timers, engine);
      delays.push(timers.nextDelay()!);
    }
    expect(delays).toEqual([750, 1500, 3000, 6000, 12_000, 24_000, 48_000, 96_000, 192_000, 225_000, 225_000, 225_000]);
    expect(source.state.attempt).toBe(12);
    await fire(timers, engine);
    expect(source.state).toMatchObject({ attempt: 0, lastError: null, nextAttemptAt: null });
    expect(timers.pending).toBe(0);
  });

  it('trigger() during a run runs once more afterwards; never two runs at once', async () => {
    const clock = new Clock();
    const hq = new FakeHq(clock);
    const source = new MemorySource();
    let inFlight = 0;
    let most = 0;
    let release: (() => void) | null = null;
    const timers = new ManualTimers(clock);
    const engine = createSyncEngine({
      source,
      transport: async (r) => {
        inFlight++;
        most = Math.max(most, inFlight);
        // The first request is held until the test lets it go.
        if (hq.requests.length === 0) await new Promise<void>((resolve) => (release = resolve));
        inFlight--;
        return hq.transport(r);
      },
      enrolment: async () => ENROLMENT,
      now: clock.now,
      random: () => 0.5,
      appVersion: '1',
      setTimer: timers.setTimer,
      clearTimer: timers.clearTimer,
    });
    source.archive(makeCase(1));
    const first = engine.syncOnce();
    expect(engine.syncOnce()).toBe(first);
    await expect.poll(() => release).not.toBeNull();
    engine.trigger();
    engine.trigger();
    expect(timers.pending).toBe(0); // not while the run is under way
    release!();
    expect(await first).toEqual({ result: 'done', sent: 1, rejected: 0 });
    expect(timers.pending).toBe(1);
    expect(timers.nextDelay()).toBe(0);
    source.archive(makeCase(2));
    expect(await fire(timers, engine)).toEqual({ result: 'done', sent: 1, rejected: 0 });
    expect(timers.pending).toBe(0);
    expect(most).toBe(1);
  });

  it('resumes after a crash: a new engine over the same stored state waits out the planned backoff', async () => {
    const source = new MemorySource();
    const clock = new Clock();
    const hq = new FakeHq(clock);
    const a = setup({ source, clock, hq, random: () => 0.5 });
    source.archive(makeCase(1));
    hq.faults.push('refuse', 'refuse', 'refuse');
    await a.engine.syncOnce();
    await a.engine.syncOnce();
    await a.engine.syncOnce();
    const planned = source.state.nextAttemptAt!;
    expect(planned - clock.at).toBe(2000);
    a.engine.stop();

    clock.at += 500;
    const b = setup({ source, clock, hq });
    await b.engine.start();
    expect(b.timers.nextDelay()).toBe(1500);
    b.timers.fireNext();
    expect(await b.engine.syncOnce()).toEqual({ result: 'done', sent: 1, rejected: 0 });
    expect(undelivered(source)).toEqual([]);
  });

  it('after a crash mid-run, resends what was not acknowledged, and head office applies each version once', async () => {
    const source = new MemorySource();
    const clock = new Clock();
    const hq = new FakeHq(clock);
    for (let i = 1; i <= 3; i++) source.archive(makeCase(i));
    // The branch dies with the batch applied at head office but its answer never read.
    const crashed = createSyncEngine({
      source,
      transport: async (r) => {
        await hq.transport(r);
        throw new Error('process killed');
      },
      enrolment: async () => ENROLMENT,
      now: clock.now,
      random: () => 0.5,
      appVersion: '1',
      setTimer: () => 0,
      clearTimer: () => {},
    });
    await crashed.syncOnce();
    source.state = { ...source.state, sending: { sent: 0, total: 3 }, nextAttemptAt: null };

    const b = setup({ source, clock, hq });
    await b.engine.start();
    expect(source.state.sending).toBeNull();
    expect(await fire(b.timers, b.engine)).toEqual({ result: 'done', sent: 3, rejected: 0 });
    expect([...hq.applied.values()]).toEqual([1, 1, 1]);
    expect(undelivered(source)).toEqual([]);
  });
});
