import { PGlite } from '@electric-sql/pglite';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Db, Queryable } from './types';

/**
 * The embedded database: PGlite in a data folder (or in memory when `dataDir` is undefined).
 * PGlite serves one process only, so the folder is locked (a pid file beside it) while open.
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

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function lockFolder(folder: string): () => void {
  mkdirSync(dirname(folder), { recursive: true });
  const lock = `${folder}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    const fd = tryCreate(lock);
    if (fd !== null) {
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lock, { force: true });
    }
    const pid = Number(readFileSync(lock, 'utf8').trim());
    if (Number.isInteger(pid) && pid > 0 && alive(pid))
      throw new Error(
        `HQ's data folder ${folder} is in use by process ${pid} (PGlite serves one process: stop it first, or use PostgreSQL with DATABASE_URL).`,
      );
    rmSync(lock, { force: true }); // left by a process that is gone
  }
  throw new Error(`could not lock ${folder}`);
}

/** A new file's descriptor, or null when it exists already. */
function tryCreate(path: string): number | null {
  try {
    return openSync(path, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return null;
    throw e;
  }
}
