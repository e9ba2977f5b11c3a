import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { backfillCaseColumns } from './cases/backfill';
import type { Db, Queryable } from './db/types';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
/** Any constant: the advisory lock that lets one starting HQ process migrate while the others wait. */
const MIGRATION_LOCK = 741_852_963;

/** Data steps run right after their migration's SQL, in its transaction: data only TypeScript can compute. */
const DATA_STEPS: Record<string, (tx: Queryable) => Promise<void>> = {
  '003_case_columns.sql': backfillCaseColumns,
};

/**
 * Applies hq/migrations/*.sql not yet recorded in schema_migrations, in name order, in one
 * transaction under an advisory lock, so processes starting together on one database don't race.
 */
export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec('CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await tx.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((r) => r.name));
    const applied: string[] = [];
    for (const name of files.filter((f) => !done.has(f))) {
      await tx.exec(readFileSync(join(dir, name), 'utf8'));
      await DATA_STEPS[name]?.(tx);
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
      applied.push(name);
    }
    return applied;
  });
}
