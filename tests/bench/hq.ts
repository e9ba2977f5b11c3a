/**
 * `npm run bench:hq [-- --cases=50000]`: head office at scale. Generated cases from 1,000 branches
 * (default 1,000,000) are bulk-loaded into PostgreSQL with the columns caseColumns computes, then
 * the case list (filtered and sorted, with its total), a CJK search and a month's counts across
 * all branches run many times through hq/cases, each beside a hand-written SQL baseline of the same
 * query on a plain pg client. The last line is JSON:
 * {"cases","list_p95_ms","search_p95_ms","stats_ms","raw_list_p95_ms","raw_search_p95_ms","raw_stats_ms",…}.
 */
import pg from 'pg';
import type { CaseRecord } from '../../shared/domain/case';
import type { CaseEvent } from '../../shared/ledger/eventHash';
import { chinaDayKey, formatCaseNumber } from '../../shared/domain/caseNumber';
import { dayIndexOfDate, dayIndexStart } from '../../shared/deadlines/calendar';
import { CASE_COLUMNS_SQL, caseColumns } from '../../hq/cases/columns';
import { caseCounts, caseFilterSchema, casePageSchema, listCases, type CountDimension } from '../../hq/cases';
import { searchQueryOf } from '../../hq/cases/filter';
import { openPostgres } from '../../hq/db/postgres';
import { migrate } from '../../hq/migrate';
import { generateCases, GIVEN, rng, SURNAMES } from './generate';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const CASES = Number(arg('cases') ?? 1_000_000);
const BRANCHES = 1_000;
const RUNS = Number(arg('runs') ?? 200);
const STATS_RUNS = Number(arg('stats-runs') ?? 24);
const ADMIN_URL = process.env.HQ_TEST_DATABASE_URL;
if (!ADMIN_URL) throw new Error('bench:hq needs PostgreSQL: run it as `npm run bench:hq` (through scripts/with-postgres.mjs).');

/** Two years of months, 2025-01 … 2026-12, as [start, end) in China time. */
const MONTHS = Array.from({ length: 24 }, (_, i) => {
  const start = (y: number, m: number) => dayIndexStart(dayIndexOfDate(`${y}-${String(m).padStart(2, '0')}-01`));
  const [y, m] = [2025 + Math.floor(i / 12), (i % 12) + 1];
  return { from: start(y, m), to: m === 12 ? start(y + 1, 1) : start(y, m + 1) };
});
const branchCode = (n: number) => `B${String(n).padStart(4, '0')}`;

async function freshDatabase(): Promise<string> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const name = `hq_bench_${Date.now()}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Records as branches send them: a pool built with the real workflow (so states, callbacks and
 * closings are realistic), each copy with its own branch, number, time, customer and phone.
 */
function* generatedRows(count: number): Generator<Record<string, unknown>> {
  const generated = generateCases(Math.min(3_000, count), Date.parse('2026-12-01T10:00:00+08:00'), 7);
  const pool = generated.cases;
  // Each template's event chain, as the JSON text ingest stores beside the record (migration 002).
  const chains = new Map<string, CaseEvent[]>();
  for (const e of generated.events) chains.set(e.caseId, [...(chains.get(e.caseId) ?? []), e]);
  const chainText = new Map([...chains].map(([id, events]) => [id, JSON.stringify(events)]));
  const r = rng(12);
  const perDay = new Map<string, number>();
  const first = MONTHS[0]!.from;
  const span = MONTHS[MONTHS.length - 1]!.to - first;
  for (let i = 0; i < count; i++) {
    const template = pool[i % pool.length]!;
    const branch = branchCode(1 + Math.floor(r() * BRANCHES));
    // Branches send cases as they close them, so head office receives them roughly in time order.
    const receivedAt = first + Math.floor(((i + r() * 1_000) / (count + 1_000)) * span);
    const dayKey = chinaDayKey(receivedAt);
    const seq = (perDay.get(`${branch}${dayKey}`) ?? 0) + 1;
    perDay.set(`${branch}${dayKey}`, seq);
    const record: CaseRecord = {
      ...template,
      id: crypto.randomUUID(),
      caseNo: formatCaseNumber(branch, dayKey, seq),
      branchCode: branch,
      receivedAt,
      createdAt: receivedAt,
      businessRef: `DP${dayKey}${String(Math.floor(r() * 100_000)).padStart(5, '0')}`,
      complainant: {
        ...template.complainant,
        name:
          SURNAMES[Math.floor(r() * SURNAMES.length)]! +
          GIVEN[Math.floor(r() * GIVEN.length)]! +
          (r() < 0.5 ? GIVEN[Math.floor(r() * GIVEN.length)]! : ''),
        phone: `1${3 + Math.floor(r() * 7)}${String(Math.floor(r() * 1e9)).padStart(9, '0')}`,
      },
    };
    yield {
      id: record.id,
      branch_code: branch,
      case_no: record.caseNo,
      state: record.state,
      version: record.version,
      record,
      events: chainText.get(template.id) ?? '[]',
      head_seq: record.ledgerHead.seq,
      head_hash: record.ledgerHead.hash,
      received_at: receivedAt,
      ...caseColumns(record as unknown as Record<string, unknown>),
    };
  }
}

/** Bulk load as a restore would: indexes dropped, rows in large multi-row INSERTs on two connections, indexes rebuilt. */
async function load(url: string): Promise<{ load_s: number; index_s: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const rows = [...Array(BRANCHES)].map((_, i) => [branchCode(i + 1), `分店${i + 1}`]);
  await client.query(
    `INSERT INTO branches (code, name, secret, enrolled_at) SELECT code, name, 'bench', 0 FROM unnest($1::text[], $2::text[]) AS b(code, name)`,
    [rows.map((b) => b[0]), rows.map((b) => b[1])],
  );
  const indexes = (
    await client.query<{ name: string; def: string }>(
      `SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE tablename = 'cases' AND indexname <> 'cases_pkey'`,
    )
  ).rows;
  for (const i of indexes) await client.query(`DROP INDEX ${i.name}`);

  const started = performance.now();
  const writers = await Promise.all(
    [0, 1].map(async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      return c;
    }),
  );
  const insert = (c: pg.Client, batch: Record<string, unknown>[]) =>
    c.query(
      `INSERT INTO cases (id, branch_code, case_no, state, version, record, events, head_seq, head_hash, chain_status, received_at, updated_at, ${CASE_COLUMNS_SQL.names})
       SELECT x.id, x.branch_code, x.case_no, x.state, x.version, x.record, x.events, x.head_seq, x.head_hash, 'verified', x.received_at, x.received_at, ${CASE_COLUMNS_SQL.values}
       FROM jsonb_to_recordset($1::jsonb) AS x(id text, branch_code text, case_no text, state text, version integer, record jsonb, events text,
         head_seq integer, head_hash text, received_at bigint, ${CASE_COLUMNS_SQL.recordset})`,
      [JSON.stringify(batch)],
    );
  const inFlight: Promise<unknown>[] = [];
  let batch: Record<string, unknown>[] = [];
  let sent = 0;
  for (const row of generatedRows(CASES)) {
    batch.push(row);
    if (batch.length < 2_000) continue;
    const writer = writers[inFlight.length % 2]!;
    inFlight.push(insert(writer, batch));
    batch = [];
    if (inFlight.length === 2) await Promise.all(inFlight.splice(0));
    sent += 2_000;
    if (sent % 100_000 === 0) console.log(`loaded ${sent} cases (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }
  if (batch.length) inFlight.push(insert(writers[0]!, batch));
  await Promise.all(inFlight);
  await Promise.all(writers.map((w) => w.end()));
  const loaded = performance.now();
  await client.query(`SET maintenance_work_mem = '1GB'`);
  for (const i of indexes) await client.query(i.def);
  await client.query('VACUUM ANALYZE cases');
  await client.end();
  return { load_s: (loaded - started) / 1000, index_s: (performance.now() - loaded) / 1000 };
}

function p95(ms: number[]): number {
  const sorted = [...ms].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]! * 10) / 10;
}

async function timed(runs: number, run: (i: number) => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 5; i++) await run(i); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await run(i);
    ms.push(performance.now() - t);
  }
  return ms;
}

const STATES = ['archived', 'closed', 'investigating', 'registered'];
/** What people search for: words of complaints, a customer's name, a phone's last four digits, a case number. */
async function searchWords(raw: pg.Client): Promise<string[]> {
  const { rows } = await raw.query<{ customer_name: string; customer_phone: string; case_no: string }>(
    'SELECT customer_name, customer_phone, case_no FROM cases TABLESAMPLE SYSTEM (1) REPEATABLE (3) LIMIT 30',
  );
  const words = ['划痕', '息费', '态度生硬', '当票信息', '钻石成色', '提前赎当'];
  return rows.flatMap((r, i) => [words[i % words.length]!, r.customer_name, r.customer_phone.slice(-4), r.case_no]);
}

const DIMENSIONS: Exclude<CountDimension, 'month'>[] = ['branch', 'category', 'channel', 'severity', 'outcome', 'state'];
const RAW_COLUMN: Record<(typeof DIMENSIONS)[number], string> = {
  branch: 'branch_code',
  category: 'category',
  channel: 'channel',
  severity: 'severity',
  outcome: 'outcome',
  state: 'state',
};

async function main() {
  const url = await freshDatabase();
  const db = await openPostgres(url, 4);
  await migrate(db);
  console.log(`generating and loading ${CASES} cases from ${BRANCHES} branches…`);
  const { load_s, index_s } = await load(url);
  console.log(`loaded in ${load_s.toFixed(0)} s, indexed in ${index_s.toFixed(0)} s`);
  const raw = new pg.Client({ connectionString: url });
  await raw.connect();
  const size = (await raw.query<{ mb: number }>(`SELECT (pg_total_relation_size('cases') / 1048576)::int AS mb`)).rows[0]!.mb;

  // The list: one month, one state, newest first, page 3 of 50, with its total.
  const listArgs = (i: number) => ({ month: MONTHS[i % MONTHS.length]!, state: STATES[i % STATES.length]!, page: i % 5 });
  const list = await timed(RUNS, (i) => {
    const a = listArgs(i);
    return listCases(
      db,
      caseFilterSchema.parse({ from: a.month.from, to: a.month.to, state: a.state }),
      casePageSchema.parse({ sort: 'registered', dir: 'desc', page: a.page, size: 50 }),
    );
  });
  const rawList = await timed(RUNS, (i) => {
    const a = listArgs(i);
    return Promise.all([
      raw.query(
        `SELECT c.id, c.branch_code, b.name, c.case_no, c.state, c.registered_at, c.category, c.channel, c.severity, c.outcome,
           c.customer_name, c.customer_phone, EXISTS (SELECT 1 FROM flags f WHERE f.case_id = c.id) AS flagged
         FROM cases c JOIN branches b ON b.code = c.branch_code
         WHERE c.registered_at >= $1 AND c.registered_at < $2 AND c.state = $3
         ORDER BY c.registered_at DESC, c.id DESC LIMIT 50 OFFSET $4`,
        [a.month.from, a.month.to, a.state, a.page * 50],
      ),
      raw.query(`SELECT count(*) FROM (SELECT 1 FROM cases WHERE registered_at >= $1 AND registered_at < $2 AND state = $3 LIMIT 1001) m`, [
        a.month.from,
        a.month.to,
        a.state,
      ]),
    ]);
  });

  // The search: across all branches, newest first, first page, with its total.
  const words = await searchWords(raw);
  const search = await timed(RUNS, (i) =>
    listCases(db, caseFilterSchema.parse({ text: words[i % words.length] }), casePageSchema.parse({ size: 50 })),
  );
  const rawSearch = await timed(RUNS, (i) => {
    const q = searchQueryOf(words[i % words.length]!);
    return Promise.all([
      raw.query(
        `SELECT c.id, c.branch_code, b.name, c.case_no, c.state, c.registered_at, c.category, c.channel, c.severity, c.outcome,
           c.customer_name, c.customer_phone, EXISTS (SELECT 1 FROM flags f WHERE f.case_id = c.id) AS flagged
         FROM cases c JOIN branches b ON b.code = c.branch_code
         WHERE c.search_terms @> $1::integer[] AND strpos(c.search_text, $2) > 0
         ORDER BY c.registered_at DESC, c.id DESC LIMIT 50`,
        [q.terms, q.normalized],
      ),
      raw.query(
        `SELECT count(*) FROM (SELECT 1 FROM cases WHERE search_terms @> $1::integer[] AND strpos(search_text, $2) > 0 LIMIT 1001) m`,
        [q.terms, q.normalized],
      ),
    ]);
  });
  // What the index saves: the same search as a scan of every case's text (a few runs only).
  const scan = await timed(3, (i) =>
    raw.query(`SELECT id FROM cases WHERE strpos(search_text, $1) > 0 ORDER BY registered_at DESC LIMIT 50`, [
      searchQueryOf(words[i % words.length]!).normalized,
    ]),
  );

  // A month's counts across all branches: by branch, category, channel, severity, outcome and state.
  const stats = await timed(STATS_RUNS, async (i) => {
    const f = caseFilterSchema.parse(MONTHS[i % MONTHS.length]);
    for (const by of DIMENSIONS) await caseCounts(db, f, by);
  });
  const rawStats = await timed(STATS_RUNS, async (i) => {
    const m = MONTHS[i % MONTHS.length]!;
    for (const by of DIMENSIONS)
      await raw.query(`SELECT ${RAW_COLUMN[by]}, count(*) FROM cases WHERE registered_at >= $1 AND registered_at < $2 GROUP BY 1`, [
        m.from,
        m.to,
      ]);
  });

  const KINDS = ['word', 'name', 'phone', 'caseNo'];
  const byKind = KINDS.map((kind, k) => `${kind} ${p95(search.filter((_, i) => i % 4 === k))} ms`);
  console.log(`search p95 by what was searched for: ${byKind.join(', ')}`);
  await raw.end();
  await db.close();
  console.log(`cases table with its indexes: ${size} MB; search words: ${words.slice(0, 8).join(' ')} …`);
  console.log(
    JSON.stringify({
      cases: CASES,
      list_p95_ms: p95(list),
      search_p95_ms: p95(search),
      stats_ms: p95(stats),
      raw_list_p95_ms: p95(rawList),
      raw_search_p95_ms: p95(rawSearch),
      raw_stats_ms: p95(rawStats),
      scan_search_ms: p95(scan),
      load_s: Math.round(load_s),
      index_s: Math.round(index_s),
      table_mb: size,
    }),
  );
}

await main();
