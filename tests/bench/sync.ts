/**
 * `npm run bench:sync [-- --cases=10000]`: archived cases pushed by the real sync engine to a real
 * head office on loopback (PGlite, and PostgreSQL when the run has one: `npm run bench:sync` goes
 * through scripts/with-postgres.mjs), beside the raw SQL insert of the same rows into the same
 * kind of database. The last line is JSON: {"cases","push_s","bytes_per_case","raw_insert_s",…}.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { CaseRecord } from '../../shared/domain/case';
import type { CaseEvent } from '../../shared/ledger/eventHash';
import { createSyncEngine, INITIAL_SYNC_STATE, type SyncSource, type SyncState } from '../../shared/sync/engine';
import type { Enrolment } from '../../shared/sync/enrolment';
import type { CaseEntry } from '../../shared/sync/protocol';
import { fetchTransport, type Timers, type Transport } from '../../shared/sync/transport';
import { openPglite } from '../../hq/db/pglite';
import { openPostgres } from '../../hq/db/postgres';
import type { Db } from '../../hq/db/types';
import { enrolBranch } from '../../hq/enrol';
import { migrate } from '../../hq/migrate';
import { CASE_COLUMNS_SQL, caseColumns, caseColumnValues } from '../../hq/cases/columns';
import { generateCases } from './generate';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const CASES = Number(arg('cases') ?? 10_000);
const ADMIN_URL = process.env.HQ_TEST_DATABASE_URL;

/** `count` archived cases with realistic histories (the generator archives about a third). */
function archivedCases(count: number): { record: CaseRecord; events: CaseEvent[] }[] {
  const found: { record: CaseRecord; events: CaseEvent[] }[] = [];
  for (let seed = 1; found.length < count; seed++) {
    const { cases, events } = generateCases(count * 3, Date.parse('2026-12-01T10:00:00+08:00'), seed);
    const byCase = new Map<string, CaseEvent[]>();
    for (const e of events) byCase.set(e.caseId, [...(byCase.get(e.caseId) ?? []), e]);
    for (const c of cases) {
      if (c.state !== 'archived' || found.length >= count) continue;
      found.push({ record: JSON.parse(JSON.stringify(c)) as CaseRecord, events: byCase.get(c.id)! });
    }
  }
  return found;
}

/** The branch side held in memory: the bench measures the wire and head office, not IndexedDB. */
function memorySource(cases: { record: CaseRecord; events: CaseEvent[] }[]): SyncSource & { delivered: number } {
  const waiting = new Map(cases.map((c) => [c.record.id, c]));
  let state: SyncState = { ...INITIAL_SYNC_STATE };
  return {
    delivered: 0,
    async pending(limit) {
      return [...waiting.values()].slice(0, limit).map((c) => ({ caseId: c.record.id, version: c.record.version }));
    },
    async entries(ids) {
      return ids.flatMap((id) => {
        const c = waiting.get(id);
        if (!c) return [];
        const entry: CaseEntry = { caseId: id, version: c.record.version, record: c.record as never, events: c.events, attachments: [] };
        return [entry];
      });
    },
    async attachment() {
      return null;
    },
    async acknowledge(caseId) {
      if (waiting.delete(caseId)) this.delivered++;
    },
    async loadState() {
      return state;
    },
    async saveState(s) {
      state = s;
    },
    async waiting() {
      return waiting.size;
    },
  };
}

const timers: Timers = { setTimer: (run, ms) => setTimeout(run, ms), clearTimer: (h) => clearTimeout(h as NodeJS.Timeout) };

async function freshPostgresUrl(): Promise<string> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const name = `bench_${crypto.randomUUID().replace(/-/g, '')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The baseline's database, of the same kind as head office's: PGlite in a folder of its own, or a fresh one on the server. */
const rawFolders: string[] = [];
async function freshDatabase(backend: 'PGlite' | 'PostgreSQL'): Promise<Db> {
  if (backend === 'PostgreSQL') return openPostgres(await freshPostgresUrl(), 4);
  rawFolders.push(mkdtempSync(join(tmpdir(), 'bench-raw-')));
  return openPglite(rawFolders.at(-1));
}

/** Head office as it runs for real: its own process (`npm run hq`), on the given database. */
async function startHqProcess(env: NodeJS.ProcessEnv): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [...(process.env.HQ_NODE_ARGS?.split(' ') ?? []), '--import', 'tsx', 'hq/main.ts'], {
    env: { ...process.env, ...env, HQ_PORT: '0', HQ_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /HQ listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`HQ exited (${code}) before listening:\n${out}`)));
  });
  return {
    url,
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function push(backend: 'PGlite' | 'PostgreSQL', cases: { record: CaseRecord; events: CaseEvent[] }[]) {
  const dataDir = backend === 'PGlite' ? mkdtempSync(join(tmpdir(), 'bench-hq-')) : null;
  const databaseUrl = backend === 'PostgreSQL' ? await freshPostgresUrl() : null;
  const open = () => (dataDir ? openPglite(dataDir) : openPostgres(databaseUrl!, 2));
  let db = await open();
  await migrate(db);
  // Head office's address is known once it listens; the engine is given it below.
  const { enrolment } = await enrolBranch(db, { branch: 'BJ01', name: '北京一店', hqUrl: 'http://127.0.0.1:8787' }, Date.now());
  if (dataDir) await db.close(); // PGlite keeps its folder to one process: head office's, from now on
  const hq = await startHqProcess(dataDir ? { HQ_DATA_DIR: dataDir } : { DATABASE_URL: databaseUrl! });
  const source = memorySource(cases);
  let batchBytes = 0;
  const http = fetchTransport(fetch as never, timers);
  const transport: Transport = (request) => {
    if (request.method === 'POST') batchBytes += request.body?.byteLength ?? 0;
    return http(request);
  };
  const engine = createSyncEngine({
    source,
    transport,
    enrolment: async (): Promise<Enrolment> => ({ ...enrolment, hqUrl: hq.url }),
    now: Date.now,
    random: Math.random,
    appVersion: 'bench',
    ...timers,
  });
  const started = performance.now();
  const outcome = await engine.syncOnce();
  const pushS = (performance.now() - started) / 1000;
  await hq.stop();
  if (dataDir) db = await open();
  const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM cases');
  await db.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  if (outcome.result !== 'done' || Number(rows[0]!.n) !== cases.length)
    throw new Error(`${backend}: ${JSON.stringify(outcome)}, ${rows[0]!.n} of ${cases.length} cases at head office`);
  return { pushS, bytesPerCase: batchBytes / cases.length };
}

/**
 * The baseline: the same rows head office stores — each case's record, its event chain as one JSON
 * text (migration 002) and the list's columns (migration 003, computed before the clock starts) —
 * inserted with plain multi-row INSERTs, 500 cases a transaction.
 */
async function rawInsert(backend: 'PGlite' | 'PostgreSQL', cases: { record: CaseRecord; events: CaseEvent[] }[]) {
  const db = await freshDatabase(backend);
  await migrate(db);
  await db.query(`INSERT INTO branches (code, name, secret, enrolled_at) VALUES ('BJ01', 'bench', 'x', 0)`);
  const rows = cases.map(({ record: r, events }) => [
    r.id,
    r.caseNo,
    r.state,
    r.version,
    JSON.stringify(r),
    r.ledgerHead.seq,
    r.ledgerHead.hash,
    JSON.stringify(events),
    ...caseColumnValues(caseColumns(r as unknown as Record<string, unknown>)),
  ]);
  const width = rows[0]!.length + 1;
  const started = performance.now();
  for (let i = 0; i < rows.length; i += 500) {
    const slice = rows.slice(i, i + 500);
    await db.transaction(async (tx) => {
      const params: unknown[] = [];
      const values = slice.map((row, j) => {
        params.push(...row, Date.now());
        const p = (n: number) => `$${j * width + n}`;
        return `(${p(1)}, 'BJ01', ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}::jsonb, ${p(6)}, ${p(7)}, ${p(8)}, 'verified', ${p(width)}, ${p(width)}, ${CASE_COLUMNS_SQL.placeholders(j * width + 9)})`;
      });
      await tx.query(
        `INSERT INTO cases (id, branch_code, case_no, state, version, record, head_seq, head_hash, events, chain_status, received_at, updated_at, ${CASE_COLUMNS_SQL.names}) VALUES ${values.join(', ')}`,
        params,
      );
    });
  }
  const rawS = (performance.now() - started) / 1000;
  await db.close();
  return rawS;
}

const cases = archivedCases(CASES);
const events = cases.reduce((n, c) => n + c.events.length, 0);
console.log(`${cases.length} archived cases, ${events} events (${(events / cases.length).toFixed(1)} a case)`);

const only = arg('only');
const backends: ('PGlite' | 'PostgreSQL')[] = only === 'PostgreSQL' ? [] : ['PGlite'];
if (ADMIN_URL && only !== 'PGlite') backends.push('PostgreSQL');
else console.log('PostgreSQL: not measured (no HQ_TEST_DATABASE_URL; run through scripts/with-postgres.mjs)');

const figures: Record<string, number> = { cases: cases.length };
for (const backend of backends) {
  const { pushS, bytesPerCase } = await push(backend, cases);
  const rawS = await rawInsert(backend, cases);
  console.log(
    `${backend}: push ${pushS.toFixed(2)} s (target ≤ 10 s, ≤ 3× raw: ${(pushS / rawS).toFixed(2)}×), ${Math.round(bytesPerCase)} bytes a case on the wire (target ≤ 1,500)  | baseline: raw SQL insert of the same rows ${rawS.toFixed(2)} s`,
  );
  const prefix = backend === 'PGlite' ? '' : 'pg_';
  figures[`${prefix}push_s`] = Number(pushS.toFixed(2));
  if (backend === 'PGlite') figures.bytes_per_case = Math.round(bytesPerCase);
  figures[`${prefix}raw_insert_s`] = Number(rawS.toFixed(2));
}
for (const folder of rawFolders) rmSync(folder, { recursive: true, force: true });
console.log(JSON.stringify(figures));
