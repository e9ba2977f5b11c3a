// @ts-check
/**
 * The worker thread of pgliteWorker.ts: holds PGlite and runs what HQ's thread asks, one request
 * at a time, in the order asked. Transactions are HQ's BEGIN … COMMIT/ROLLBACK. Plain JavaScript,
 * so the thread starts the same under `npm run hq`, a test runner or anything else, without a loader.
 * Messages: hq/db/pgliteMessages.ts.
 */
import { PGlite } from '@electric-sql/pglite';
import { parentPort, workerData } from 'node:worker_threads';

/** @typedef {import('./pgliteMessages').ThreadRequest} ThreadRequest */
/** @typedef {import('./pgliteMessages').ThreadReply} ThreadReply */

const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);
const folder = /** @type {{ folder?: string }} */ (workerData).folder;

/** @param {unknown} e */
function describeError(e) {
  if (!(e instanceof Error)) return { message: String(e) };
  // PostgreSQL's fields (code, detail, …) travel as they are: callers read them.
  const fields = Object.fromEntries(Object.entries(e).filter(([, v]) => typeof v === 'string' || typeof v === 'number'));
  return { ...fields, message: e.message, name: e.name };
}

/** @param {ThreadReply} reply */
const answer = (reply) => port.postMessage(reply);

try {
  const pg = await PGlite.create(folder);
  answer({ id: 0, ok: true, rows: [], rowCount: 0 });
  port.on('message', async (/** @type {ThreadRequest} */ request) => {
    try {
      if (request.op === 'query') {
        const r = await pg.query(request.sql, request.params);
        answer({ id: request.id, ok: true, rows: /** @type {Record<string, unknown>[]} */ (r.rows), rowCount: r.affectedRows ?? 0 });
      } else {
        if (request.op === 'exec') await pg.exec(request.sql);
        else await pg.close();
        answer({ id: request.id, ok: true, rows: [], rowCount: 0 });
        if (request.op === 'close') port.close(); // nothing left to do: the thread ends
      }
    } catch (e) {
      answer({ id: request.id, ok: false, error: describeError(e) });
    }
  });
} catch (e) {
  answer({ id: 0, ok: false, error: describeError(e) });
}
