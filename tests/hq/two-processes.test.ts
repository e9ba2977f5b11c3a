import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PATHS, type Batch } from '../../shared/sync/protocol';
import { openPostgres } from '../../hq/db/postgres';
import { EVENT_COUNT_SQL } from '../../hq/caseEvents';
import type { Db } from '../../hq/db/types';
import { enrolBranch } from '../../hq/enrol';
import { BRANCH, POSTGRES_SKIPPED, batchOf, buildCase, createPostgresDatabase, grow, sendTo, SUITE } from './fixtures';

interface Hq {
  child: ChildProcess;
  url: string;
  stderr: string[];
}

/** Every process started, so that each is stopped even when a start fails. */
const spawned: ChildProcess[] = [];

/** `npm run hq` on the given database (one Node process, `node --import tsx`, so a signal reaches HQ itself), on a port of its choosing; resolves once it says where it listens and its data. */
async function spawnHq(databaseUrl: string): Promise<Hq> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'hq/main.ts'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, HQ_PORT: '0', HQ_HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  spawned.push(child);
  const stderr: string[] = [];
  child.stderr!.on('data', (d: Buffer) => stderr.push(d.toString()));
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /HQ listening on (http:\/\/\S+)/.exec(out);
      if (m && /HQ data: /.test(out)) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`HQ exited (${code}) before listening:\n${out}${stderr.join('')}`)));
  });
  expect(out).toMatch(/HQ data: PostgreSQL postgres:\/\/postgres@127\.0\.0\.1:\d+\/hq_/);
  return { child, url, stderr };
}

describe.skipIf(POSTGRES_SKIPPED !== null)('two HQ processes on one PostgreSQL database', SUITE, () => {
  let db: Db;
  let a: Hq;
  let b: Hq;
  let secret: string;

  beforeAll(async () => {
    const url = await createPostgresDatabase();
    // Both start (and migrate) at once: the migration lock lets one migrate while the other waits.
    [a, b] = await Promise.all([spawnHq(url), spawnHq(url)]);
    db = await openPostgres(url, 2);
    secret = (await enrolBranch(db, { branch: BRANCH, name: '北京一店', hqUrl: a.url }, Date.now())).enrolment.secret;
  }, 120_000);

  afterAll(async () => {
    for (const child of spawned) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
    }
    await db?.close();
  });

  const post = (hq: Hq, batch: Batch) =>
    sendTo(hq.url, { path: PATHS.batches, body: batch, requestId: batch.batchId }, () => secret, Date.now());
  const statuses = (answer: { json: { results: { status: string }[] } }) => answer.json.results.map((r) => r.status);

  it('share one database: batches sent to either, alternately, all land once', async () => {
    const cases = Array.from({ length: 10 }, () => buildCase());
    for (const [i, c] of cases.entries()) {
      const answer = await post(i % 2 ? b : a, batchOf([c]));
      expect(answer.status).toBe(200);
      expect(statuses(answer)).toEqual(['accepted']);
    }
    // What one process stored, the other knows.
    for (const [i, c] of cases.entries()) expect(statuses(await post(i % 2 ? a : b, batchOf([c])))).toEqual(['duplicate']);
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases');
    expect(rows[0]!.n).toBe(10);
  });

  it('take the same cases at the same moment: each case is accepted by exactly one, a duplicate at the other, with no errors', async () => {
    const cases = Array.from({ length: 30 }, () => buildCase({ events: 4 }));
    for (let round = 0; round < 3; round++) {
      const content = round === 0 ? cases : cases.map((c) => grow(c, round));
      const [ra, rb] = await Promise.all([post(a, batchOf(content)), post(b, batchOf(content))]);
      expect([ra.status, rb.status]).toEqual([200, 200]);
      for (let i = 0; i < content.length; i++)
        expect([ra.json.results[i].status, rb.json.results[i].status].sort()).toEqual(['accepted', 'duplicate']);
    }
    const { rows } = await db.query<{ n: number; v: number }>(
      `SELECT count(*)::int AS n, min(version)::int AS v FROM cases WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb))`,
      [JSON.stringify(cases.map((c) => c.caseId))],
    );
    expect(rows[0]).toEqual({ n: 30, v: 6 });
    const events = await db.query<{ n: number }>(`SELECT sum(${EVENT_COUNT_SQL})::int AS n FROM cases`);
    expect(events.rows[0]!.n).toBe(10 * 3 + 30 * 6); // the first test's cases have three events each
    expect([...a.stderr, ...b.stderr].join('')).toBe('');
  });
});
