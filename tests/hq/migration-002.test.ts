import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openPglite } from '../../hq/db/pglite';
import { openPostgres } from '../../hq/db/postgres';
import type { Db } from '../../hq/db/types';
import { storedEvents } from '../../hq/caseEvents';
import { migrate } from '../../hq/migrate';
import { BACKENDS, BRANCH, buildCase, createPostgresDatabase, SUITE, type Backend } from './fixtures';

const MIGRATIONS = fileURLToPath(new URL('../../hq/migrations/', import.meta.url));

/** A database at the first schema only (events a row each), as head office ran before migration 002. */
async function firstSchemaDb(backend: Backend): Promise<Db> {
  const db = backend === 'PGlite' ? await openPglite() : await openPostgres(await createPostgresDatabase(), 2);
  const dir = mkdtempSync(join(tmpdir(), 'hq-migrations-'));
  cpSync(join(MIGRATIONS, '001_initial.sql'), join(dir, '001_initial.sql'));
  await migrate(db, dir);
  rmSync(dir, { recursive: true, force: true });
  return db;
}

describe.each(BACKENDS)('migration 002 on $backend: a case’s chain kept whole beside its record', ({ backend, skip }) => {
  let db: Db | null = null;
  afterEach(async () => {
    await db?.close();
    db = null;
  });

  it.skipIf(skip)(
    'moves every stored event into its case, in order, unchanged',
    async () => {
      db = await firstSchemaDb(backend);
      await db.query(`INSERT INTO branches (code, name, secret, enrolled_at) VALUES ($1, 'x', 's', 0)`, [BRANCH]);
      const entries = [buildCase({ events: 4 }), buildCase({ events: 1 })];
      for (const { caseId, version, record, events } of entries) {
        await db.query(
          `INSERT INTO cases (id, branch_code, case_no, state, version, record, head_seq, head_hash, chain_status, received_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'verified', 0, 0)`,
          [caseId, BRANCH, record.caseNo, record.state, version, JSON.stringify(record), record.ledgerHead.seq, record.ledgerHead.hash],
        );
        // Inserted last event first: the migration orders by seq.
        for (const e of [...events].reverse())
          await db.query(
            `INSERT INTO events (case_id, seq, type, at, actor, changes, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
            [e.caseId, e.seq, e.type, e.at, JSON.stringify(e.actor), JSON.stringify(e.changes), e.prevHash, e.hash],
          );
      }

      expect(await migrate(db)).toContain('002_events_per_case.sql');

      for (const entry of entries) expect(await storedEvents(db, entry.caseId)).toEqual(entry.events);
      const tables = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'events'`);
      expect(tables.rows[0]!.n).toBe(0);
    },
    SUITE.timeout,
  );
});
