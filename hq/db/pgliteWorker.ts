import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { lockFolder } from './folderLock';
import type { ThreadReply, ThreadRequest } from './pgliteMessages';
import type { Db, Queryable } from './types';

type Pending = { resolve: (r: Extract<ThreadReply, { ok: true }>) => void; reject: (e: Error) => void };
type Request = ThreadRequest extends infer R ? (R extends ThreadRequest ? Omit<R, 'id'> : never) : never;

const THREAD = new URL('./pgliteThread.mjs', import.meta.url);

/**
 * PGlite in a worker thread of its own, as HQ runs it: PostgreSQL compiled to WebAssembly is busy
 * for most of a batch's time, and on HQ's thread it would stop HQ from reading and checking the
 * next batch meanwhile. Same Db as openPglite; one connection, so the HQ side queues: a transaction
 * holds the connection from its BEGIN to its COMMIT or ROLLBACK, and other queries wait for it.
 */
export async function openPgliteInWorker(dataDir?: string): Promise<Db> {
  const folder = dataDir === undefined ? undefined : resolve(dataDir);
  const release = folder ? lockFolder(folder) : () => {};
  const worker = new Worker(THREAD, { workerData: { folder }, execArgv: [] });
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let gone: Error | null = null;

  const started = new Promise<void>((ok, fail) => pending.set(0, { resolve: () => ok(), reject: fail }));
  worker.on('message', (reply: ThreadReply) => {
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if (reply.ok) waiting.resolve(reply);
    else waiting.reject(Object.assign(new Error(reply.error.message), reply.error));
  });
  const fail = (e: Error) => {
    gone = e;
    for (const waiting of pending.values()) waiting.reject(e);
    pending.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`HQ's PGlite thread stopped (exit code ${code})`)));
  try {
    await started;
  } catch (e) {
    release();
    await worker.terminate();
    throw e;
  }

  const send = (request: Request) =>
    new Promise<Extract<ThreadReply, { ok: true }>>((resolveReply, reject) => {
      if (gone) return reject(gone);
      const id = nextId++;
      pending.set(id, { resolve: resolveReply, reject });
      worker.postMessage({ ...request, id });
    });

  // The one connection: whoever holds it runs; the rest wait in order.
  let tail: Promise<unknown> = Promise.resolve();
  function holding<T>(work: () => Promise<T>): Promise<T> {
    const turn = tail.then(work, work);
    tail = turn.catch(() => {});
    return turn;
  }

  const direct: Queryable = {
    async query<T>(sql: string, params?: unknown[]) {
      const r = await send({ op: 'query', sql, params });
      return { rows: r.rows as T[], rowCount: r.rowCount };
    },
    async exec(sql: string) {
      await send({ op: 'exec', sql });
    },
  };

  return {
    query: (sql, params) => holding(() => direct.query(sql, params)),
    exec: (sql) => holding(() => direct.exec(sql)),
    transaction: (fn) =>
      holding(async () => {
        await direct.exec('BEGIN');
        try {
          const result = await fn(direct);
          await direct.exec('COMMIT');
          return result;
        } catch (e) {
          await direct.exec('ROLLBACK').catch(() => {});
          throw e;
        }
      }),
    async close() {
      const ended = new Promise((done) => worker.once('exit', done));
      const closed = await holding(() => send({ op: 'close' })).then(
        () => true,
        () => false,
      );
      // A thread that closed its database ends by itself; one that could not is stopped.
      if (closed) await ended;
      else await worker.terminate();
      release();
    },
    description: folder ? `PGlite in ${folder}` : 'PGlite in memory',
  };
}
