import { openPgliteInWorker } from './pgliteWorker';
import { openPostgres } from './postgres';
import type { Db } from './types';

export const DEFAULT_DATA_DIR = './hq-data';

/** PostgreSQL when DATABASE_URL is set, else PGlite in HQ_DATA_DIR (default ./hq-data). */
export function openDatabase(env: NodeJS.ProcessEnv = process.env): Promise<Db> {
  if (env.DATABASE_URL) return openPostgres(env.DATABASE_URL);
  return openPgliteInWorker(env.HQ_DATA_DIR || DEFAULT_DATA_DIR);
}
