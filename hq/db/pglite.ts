import { PGlite } from '@electric-sql/pglite';
import { resolve } from 'node:path';
import { lockFolder } from './folderLock';
import type { Db, Queryable } from './types';

/**
 * The embedded database: PGlite in a data folder (or in memory when `dataDir` is undefined).
 * The folder is locked while open (folderLock.ts). HQ itself runs it in a thread of its own (pgliteWorker.ts).
 */
export async function openPglite(dataDir?: string): Promise<Db> {
  const folder = dataDir === undefined ? undefined : resolve(dataDir);
  const release = folder ? lockFolder(folder) : () => {};
  let pg: PGlite;
  try {
    pg = await PGlite.create(folder);
  } catch (e) {
    release();
    throw e;
  }
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    async query<T>(sql: string, params?: unknown[]) {
      const r = await q.query<T>(sql, params);
      return { rows: r.rows, rowCount: r.affectedRows ?? 0 };
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  return {
    ...wrap(pg),
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    async close() {
      await pg.close();
      release();
    },
    description: folder ? `PGlite in ${folder}` : 'PGlite in memory',
  };
}
