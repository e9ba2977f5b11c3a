import { afterEach, describe, expect, it, vi } from 'vitest';
import { RequestGate } from '../../electron/store/requestGate';

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Whether `p` has settled once every pending task and microtask has run. */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  void p.then(() => (done = true));
  await vi.advanceTimersByTimeAsync(0);
  return done;
}

describe('RequestGate: background work steps aside for requests', () => {
  afterEach(() => vi.useRealTimers());

  it('lets the next step wait until the request being answered is done', async () => {
    vi.useFakeTimers();
    const gate = new RequestGate();
    const answer = deferred();
    const request = gate.serve(() => answer.promise);
    const step = gate.quiet();
    expect(await settled(step)).toBe(false);
    answer.resolve();
    await request;
    expect(await settled(step)).toBe(true);
  });

  it('does not wait for a request that itself waits for the read model', async () => {
    vi.useFakeTimers();
    const gate = new RequestGate();
    const model = deferred<string>();
    const request = gate.serve(() => gate.waitsFor(model.promise));
    expect(await settled(gate.quiet())).toBe(true);
    model.resolve('loaded');
    await expect(request).resolves.toBe('loaded');
  });

  it('waits at most a second for a request that does not end', async () => {
    vi.useFakeTimers();
    const gate = new RequestGate();
    void gate.serve(() => new Promise(() => {}));
    const step = gate.quiet();
    expect(await settled(step)).toBe(false);
    await vi.advanceTimersByTimeAsync(999);
    expect(await settled(step)).toBe(false);
    await vi.advanceTimersByTimeAsync(2);
    expect(await settled(step)).toBe(true);
  });
});
