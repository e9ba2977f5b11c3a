import { nextTask } from './nextTask';

/** How long background work waits at most for the requests in flight before it takes its next step. */
const MAX_WAIT_MS = 1000;

/**
 * Requests before background work: the read model's load (snapshot decode, rebuild pages) and the
 * snapshot's audit take their next step only when no request is being answered, so a save at
 * start waits for one step of theirs, then runs all its reads and writes without them in between.
 * A request waiting for background work itself (the read model, the audit) does not count: it
 * would wait for it forever.
 */
export class RequestGate {
  private inFlight = 0;
  private waitingForBackground = 0;
  private wakers: (() => void)[] = [];

  /** Wraps one request. */
  async serve<T>(answer: () => Promise<T>): Promise<T> {
    this.inFlight++;
    try {
      return await answer();
    } finally {
      this.inFlight--;
      this.wake();
    }
  }

  /** A request in flight waits for background work (the read model, the audit) until `ready` settles. */
  waitsFor<T>(ready: Promise<T>): Promise<T> {
    this.waitingForBackground++;
    this.wake();
    return ready.finally(() => this.waitingForBackground--);
  }

  /** Resolves in a later task once no request is being answered (or after MAX_WAIT_MS). */
  async quiet(): Promise<void> {
    await nextTask();
    const until = Date.now() + MAX_WAIT_MS;
    while (this.inFlight > this.waitingForBackground && Date.now() < until) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, until - Date.now());
        this.wakers.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private wake(): void {
    for (const wake of this.wakers.splice(0)) wake();
  }
}
