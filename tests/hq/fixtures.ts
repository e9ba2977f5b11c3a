import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { GENESIS_HASH, hashEvent, type CaseEvent } from '../../shared/ledger/eventHash';
import {
  EMPTY_SHA256,
  PATHS,
  PROTOCOL_VERSION,
  sha256Hex,
  signedHeaders,
  type Batch,
  type CaseEntry,
  type SignedParts,
} from '../../shared/sync/protocol';
import { openPglite } from '../../hq/db/pglite';
import { openPostgres } from '../../hq/db/postgres';
import type { Db } from '../../hq/db/types';
import { enrolBranch } from '../../hq/enrol';
import { migrate } from '../../hq/migrate';
import { EVENT_COUNT_SQL, storedEvents } from '../../hq/caseEvents';
import { buildServer } from '../../hq/server';
import type { StoreHost } from '../../electron/store/host';
import type { SyncStatus } from '../../shared/api/contract';
import type { ProfileId } from '../../shared/domain/enums';
import { formatEnrolmentCode } from '../../shared/sync/enrolment';
import { createTestHost, SUPERVISOR, uniqueDbName } from '../store/fixtures';

export const BRANCH = 'BJ01';
/** 2026-12-01 10:00 China time. */
export const T0 = Date.parse('2026-12-01T10:00:00+08:00');

export class Clock {
  constructor(public at = T0) {}
  now = () => this.at;
  advance(ms: number) {
    this.at += ms;
  }
}

// ---- Databases: every suite runs on PGlite, and on PostgreSQL when a server is given ----

const ADMIN_URL = process.env.HQ_TEST_DATABASE_URL;
export const POSTGRES_SKIPPED = ADMIN_URL
  ? null
  : 'HQ_TEST_DATABASE_URL is not set (run the tests through `node scripts/with-postgres.mjs`, as `npm run test:node` does)';
if (POSTGRES_SKIPPED) console.warn(`PostgreSQL suite skipped: ${POSTGRES_SKIPPED}`);

export type Backend = 'PGlite' | 'PostgreSQL';
/** A suite's test timeout: PGlite starts and works slowly on a busy two-core machine. */
export const SUITE = { timeout: 60_000 };

export const BACKENDS: { backend: Backend; skip: boolean }[] = [
  { backend: 'PGlite', skip: false },
  { backend: 'PostgreSQL', skip: !ADMIN_URL },
];

/** A fresh PostgreSQL database on the test server, so test files (and tests) never share data. */
export async function createPostgresDatabase(): Promise<string> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const name = `hq_${crypto.randomUUID().replace(/-/g, '')}`;
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(ADMIN_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A fresh database, migrated (with the migrations of `migrationsDir`, by default all of hq/migrations). */
export async function freshDb(backend: Backend, migrationsDir?: string): Promise<Db> {
  const db = backend === 'PGlite' ? await openPglite() : await openPostgres(await createPostgresDatabase(), 4);
  await migrate(db, migrationsDir);
  return db;
}

// ---- Cases with valid hash chains ----

let caseCounter = 0;

function chain(events: Omit<CaseEvent, 'prevHash' | 'hash'>[], start = GENESIS_HASH): CaseEvent[] {
  const out: CaseEvent[] = [];
  let prev = start;
  for (const e of events) {
    const hash = hashEvent({ ...e, prevHash: prev });
    out.push({ ...e, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

function plainEvent(caseId: string, seq: number): Omit<CaseEvent, 'prevHash' | 'hash'> {
  return {
    caseId,
    seq,
    type: seq === 1 ? 'registered' : 'investigation_noted',
    at: T0 + seq * 60_000,
    actor: { staffId: 'c01', role: 'clerk' },
    changes: seq === 1 ? { state: [null, 'registered'] } : { notes: [null, `第 ${seq} 条记录`] },
  };
}

/** An entry whose events hash-chain and whose record's head is the last event. */
export function entryOf(caseId: string, events: CaseEvent[], version: number, extra: Partial<CaseEntry> = {}, branch = BRANCH): CaseEntry {
  const last = events[events.length - 1]!;
  return {
    caseId,
    version,
    record: {
      id: caseId,
      caseNo: `${branch}-20261201-${String(++caseCounter).padStart(3, '0')}`,
      branchCode: branch,
      state: 'archived',
      version,
      ledgerHead: { seq: last.seq, hash: last.hash },
      content: '当物鉴定估价明显偏低，要求重新鉴定。',
    },
    events,
    attachments: [],
    ...extra,
  };
}

/** A new case of `events` events at `version` (default: one version per event). */
export function buildCase({
  events = 3,
  version,
  branch = BRANCH,
}: { events?: number; version?: number; branch?: string } = {}): CaseEntry {
  const caseId = `case-${crypto.randomUUID()}`;
  const list = chain(Array.from({ length: events }, (_, i) => plainEvent(caseId, i + 1)));
  return entryOf(caseId, list, version ?? events, {}, branch);
}

/** The same case `more` events later, one version per event (the branch changed it after archiving). */
export function grow(entry: CaseEntry, more = 1): CaseEntry {
  const last = entry.events[entry.events.length - 1]!;
  const added = chain(
    Array.from({ length: more }, (_, i) => plainEvent(entry.caseId, last.seq + i + 1)),
    last.hash,
  );
  return withEvents(entry, [...entry.events, ...added], entry.version + more);
}

/** The entry with other events (the record's head follows), at `version`. */
export function withEvents(entry: CaseEntry, events: CaseEvent[], version = entry.version): CaseEntry {
  const last = events[events.length - 1]!;
  return {
    ...entry,
    version,
    record: { ...entry.record, version, ledgerHead: { seq: last.seq, hash: last.hash } },
    events,
  };
}

/** Rewrites event `seq`'s changes and re-hashes it and everything after: a chain that verifies, with another history. */
export function rewritten(entry: CaseEntry, seq: number, changes: CaseEvent['changes']): CaseEvent[] {
  const plain = entry.events.map(({ prevHash: _p, hash: _h, ...e }) => (e.seq === seq ? { ...e, changes } : e));
  return chain(plain);
}

/** The events re-hashed in order (after dropping or reordering some, with seqs renumbered). */
export function rechained(events: CaseEvent[]): CaseEvent[] {
  return chain(events.map(({ prevHash: _p, hash: _h, ...e }, i) => ({ ...e, seq: i + 1 })));
}

export function batchOf(cases: CaseEntry[], batchId = crypto.randomUUID(), branch = BRANCH): Batch {
  return { protocol: PROTOCOL_VERSION, batchId, branch, appVersion: '0.1.0', waiting: cases.length, cases };
}

// ---- HQ on loopback ----

export interface SendOptions {
  method?: string;
  /** Path and query. */
  path: string;
  /** Bytes as sent (a string is UTF-8, an object JSON). */
  body?: Uint8Array | string | object;
  gzip?: boolean;
  contentType?: string | null;
  /** Who signs (default BJ01 with its current secret); null sends no signing headers. */
  branch?: string | null;
  secret?: string;
  timestamp?: number;
  requestId?: string;
  /** Parts signed (and sent in the headers) other than the request's own: a body hash, a path, a method. */
  sign?: Partial<SignedParts>;
  /** Headers set (or, with undefined, removed) after signing. */
  headers?: Record<string, string | undefined>;
}

export interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

export interface TestHq {
  db: Db;
  url: string;
  clock: Clock;
  secrets: Map<string, string>;
  enrol(branch?: string, name?: string): Promise<string>;
  send(o: SendOptions): Promise<Answer>;
  /** POSTs a batch signed by its branch, with the batch id as request id. */
  post(batch: Batch, o?: Partial<SendOptions>): Promise<Answer>;
  /** Rows of a table, or 'events': the events of every case held. */
  count(what: string): Promise<number>;
  /** Empties every table, sets the clock back and enrols BJ01 afresh: each test starts from the same place. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** Every table head office keeps (all but the migrations' own record). */
async function dataTables(db: Db): Promise<string> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'`,
  );
  return rows.map((r) => r.name).join(', ');
}

export function toBytes(body: SendOptions['body']): Uint8Array {
  if (body === undefined) return new Uint8Array(0);
  if (body instanceof Uint8Array) return body;
  return new TextEncoder().encode(typeof body === 'string' ? body : JSON.stringify(body));
}

/** Sends a request to HQ at `url`, signed as `o` says (by default as BJ01 with the secret `secretOf` gives, at `now`). */
export async function sendTo(url: string, o: SendOptions, secretOf: (branch: string) => string | undefined, now: number): Promise<Answer> {
  const method = o.method ?? 'POST';
  let bytes = toBytes(o.body);
  if (o.gzip) bytes = gzipSync(bytes);
  const headers: Record<string, string> = {};
  if (o.contentType !== null && (o.body !== undefined || o.contentType)) headers['content-type'] = o.contentType ?? 'application/json';
  if (o.gzip) headers['content-encoding'] = 'gzip';
  const branch = o.branch === undefined ? BRANCH : o.branch;
  if (branch !== null) {
    const secret = o.secret ?? secretOf(branch) ?? 'A'.repeat(43);
    Object.assign(
      headers,
      signedHeaders(secret, {
        method,
        path: o.path,
        timestamp: o.timestamp ?? now,
        bodySha256: bytes.length ? sha256Hex(bytes) : EMPTY_SHA256,
        requestId: o.requestId ?? crypto.randomUUID(),
        branch,
        ...o.sign,
      }),
    );
  }
  for (const [k, v] of Object.entries(o.headers ?? {})) {
    if (v === undefined) delete headers[k];
    else headers[k] = v;
  }
  const res = await fetch(url + o.path, {
    method,
    headers,
    body: method === 'GET' || method === 'HEAD' ? undefined : (bytes as Uint8Array<ArrayBuffer>),
  });
  const text = await res.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON: kept as text for the assertion to show
  }
  return { status: res.status, json };
}

/**
 * A real HQ (buildServer) listening on 127.0.0.1 over a fresh database of its own (one per test
 * file: start it in beforeAll, `reset()` it before each test), BJ01 enrolled.
 */
export async function startHq(backend: Backend, clock = new Clock()): Promise<TestHq> {
  const db = await freshDb(backend);
  const app = buildServer({ db, now: clock.now });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  const url = `http://127.0.0.1:${port}`;
  const secrets = new Map<string, string>();
  let seed = 0;
  const hq: TestHq = {
    db,
    url,
    clock,
    secrets,
    async enrol(branch = BRANCH, name = '北京一店') {
      seed++;
      const r = await enrolBranch(db, { branch, name, hqUrl: url }, clock.now(), (n) => new Uint8Array(n).fill(seed));
      secrets.set(branch, r.enrolment.secret);
      return r.enrolment.secret;
    },
    send: (o) => sendTo(url, o, (branch) => secrets.get(branch), clock.now()),
    post(batch, o = {}) {
      return hq.send({ path: PATHS.batches, body: batch, requestId: batch.batchId, branch: batch.branch, ...o });
    },
    async count(what) {
      const sql =
        what === 'events' ? `SELECT coalesce(sum(${EVENT_COUNT_SQL}), 0)::int AS n FROM cases` : `SELECT count(*)::int AS n FROM ${what}`;
      const { rows } = await db.query<{ n: number }>(sql);
      return Number(rows[0]!.n);
    },
    async reset() {
      await db.exec(`TRUNCATE ${await dataTables(db)} CASCADE`);
      clock.at = T0;
      secrets.clear();
      await hq.enrol();
    },
    async close() {
      // A request a branch left open (its host closed in the middle of a run) must not hold the teardown.
      app.server.closeAllConnections();
      await app.close();
      await db.close();
    },
  };
  await hq.enrol();
  return hq;
}

/** What HQ holds of a case: its stored row and its events, read back as the branch sent them. */
export async function heldCase(db: Db, caseId: string) {
  const c = await db.query<{ version: number; head_seq: number; head_hash: string; record: Record<string, unknown>; state: string }>(
    'SELECT version, head_seq, head_hash, record, state FROM cases WHERE id = $1',
    [caseId],
  );
  const events = await storedEvents(db, caseId);
  return { row: c.rows[0] ?? null, events };
}

/** A branch: a real store host running the real engine over Node's fetch, on head office's clock, enrolled with `hq`. */
export async function branchHost(hq: TestHq, profileId: ProfileId = 'pawnshop'): Promise<StoreHost> {
  const host = await createTestHost({
    dbName: uniqueDbName('branch-sync'),
    now: hq.clock.now,
    sync: { fetch: (url, init) => fetch(url, init as RequestInit), appVersion: 'test' },
  });
  const configured = await host.call('branch.configure', { branch: { branchCode: BRANCH, branchName: '北京一店', profileId } }, SUPERVISOR);
  if (!configured.ok) throw new Error(configured.error.message);
  const code = formatEnrolmentCode({ hqUrl: hq.url, branch: BRANCH, secret: hq.secrets.get(BRANCH)! });
  const enrolled = await host.call('sync.enrol', { code }, SUPERVISOR);
  if (!enrolled.ok) throw new Error(enrolled.error.message);
  return host;
}

/** Resolves with the branch's first sync status that `done` accepts (the status is live: no polling, no sleeping). */
export function statusWhen(host: StoreHost, done: (s: SyncStatus) => boolean): Promise<SyncStatus> {
  return new Promise((resolve, reject) => {
    const unsubscribe = host.subscribe('sync.status', {}, SUPERVISOR, (r) => {
      if (!r.ok) return reject(new Error(r.error.message));
      if (done(r.value)) {
        queueMicrotask(unsubscribe);
        resolve(r.value);
      }
    });
  });
}

/** Every queued version acknowledged (a change to an archived case queues it in its own transaction, so it waits until sent). */
export const synced = (host: StoreHost) => statusWhen(host, (s) => s.waiting === 0 && s.sending === null && s.lastSuccessAt !== null);
