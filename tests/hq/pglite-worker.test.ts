import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgliteInWorker } from '../../hq/db/pgliteWorker';
import type { Db } from '../../hq/db/types';

// HQ's own way to run PGlite (hq/db/open.ts): in a worker thread, behind the same Db as everywhere.
describe('PGlite in a worker thread', () => {
  let db: Db;
  let folder: string;
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'hq-worker-'));
    db = await openPgliteInWorker(join(folder, 'data'));
    await db.exec('CREATE TABLE t (n integer PRIMARY KEY, doc jsonb, big bigint)');
  }, 60_000);
  afterAll(async () => {
    await db.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('answers queries with their rows and counts', async () => {
    const inserted = await db.query('INSERT INTO t (n, doc, big) VALUES ($1, $2::jsonb, $3), ($4, $5::jsonb, $6)', [
      1,
      JSON.stringify({ 名: '张三' }),
      2 ** 40,
      2,
      '[]',
      0,
    ]);
    expect(inserted.rowCount).toBe(2);
    const { rows } = await db.query<{ n: number; doc: unknown; big: number }>('SELECT n, doc, big FROM t ORDER BY n');
    expect(rows).toEqual([
      { n: 1, doc: { 名: '张三' }, big: 2 ** 40 },
      { n: 2, doc: [], big: 0 },
    ]);
  });

  it('commits a transaction that resolves and rolls back one that throws', async () => {
    await db.transaction((tx) => tx.query('INSERT INTO t (n) VALUES (10)'));
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO t (n) VALUES (11)');
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    const { rows } = await db.query<{ n: number }>('SELECT n FROM t WHERE n >= 10 ORDER BY n');
    expect(rows.map((r) => r.n)).toEqual([10]);
  });

  it("passes PostgreSQL's error code, which callers read", async () => {
    const failed = await db.query('INSERT INTO t (n) VALUES (1)').catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(Error);
    expect((failed as { code?: string }).code).toBe('23505');
    // The connection is usable after an error.
    expect((await db.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('keeps a query asked during a transaction out of it until the transaction ends', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const inside = db.transaction(async (tx) => {
      await tx.query('INSERT INTO t (n) VALUES (20)');
      await held;
      throw new Error('rolled back');
    });
    // Asked while the transaction is open: were it sent at once, it would see row 20 and share its fate.
    const outside = db.query<{ n: number }>('SELECT count(*)::int AS n FROM t WHERE n = 20');
    release();
    await expect(inside).rejects.toThrow('rolled back');
    expect((await outside).rows[0]!.n).toBe(0);
  });

  it('locks its folder against a second opener', async () => {
    await expect(openPgliteInWorker(join(folder, 'data'))).rejects.toThrow(/in use by process/);
  });
});
