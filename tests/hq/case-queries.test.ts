import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseEntry } from '../../shared/sync/protocol';
import { CASE_COLUMNS_SQL, caseColumns } from '../../hq/cases/columns';
import { caseCounts, caseFilterSchema, casePageSchema, COUNT_CAP, listCases, type CaseFilter, type CasePage } from '../../hq/cases';
import type { Db, Queryable } from '../../hq/db/types';
import { migrate } from '../../hq/migrate';
import { BACKENDS, batchOf, buildCase, freshDb, grow, rewritten, startHq, SUITE, withEvents, type TestHq } from './fixtures';

const china = (dateTime: string) => Date.parse(`${dateTime}+08:00`);

/** A case of `branch` whose record carries the fields head office lists, filters and searches on. */
function caseWith(branch: string, fields: Record<string, unknown>): CaseEntry {
  const entry = buildCase({ branch });
  return { ...entry, record: { ...entry.record, ...fields } };
}

const person = (name: string, phone: string) => ({
  name,
  phone,
  address: '',
  email: '',
  idType: 'resident_id',
  idNumber: '',
  anonymous: false,
});

// Four cases of two branches, one of them a bare record as a broken or hostile branch might send.
const satisfied = caseWith('BJ01', {
  complainant: person('王小明', '13812345678'),
  content: '快递包裹外包装破损，内件丢失。',
  category: 'damage',
  channel: 'phone',
  severity: 'major',
  receivedAt: china('2026-11-03T09:15:00'),
  closedAt: china('2026-11-20T10:00:00'),
  callbacks: [{ satisfaction: 'satisfied' }],
  satisfaction: 'satisfied',
  result: { text: '已赔偿', at: 0, by: 'h01' },
});
const atCounter = caseWith('BJ01', {
  complainant: person('李四', '13900001111'),
  content: '当物鉴定估价明显偏低，要求重新鉴定。',
  category: 'appraisal',
  channel: 'walk_in',
  severity: 'general',
  // Half past midnight on 1 December in China: still 30 November in UTC.
  receivedAt: china('2026-12-01T00:30:00'),
  closedAt: china('2026-12-01T00:50:00'),
  callbacks: [],
  satisfaction: 'satisfied',
});
const open = caseWith('SH01', {
  complainant: person('张伟', '021-5555 6666'),
  businessRef: 'SF1234509876',
  content: '服务态度差。甲乙丙，丙甲丁',
  category: 'service',
  channel: 'online',
  severity: 'urgent',
  state: 'investigating',
  receivedAt: china('2026-10-15T14:00:00'),
  closedAt: null,
});
const bare = caseWith('SH01', { content: undefined });
const ALL = [satisfied, atCounter, open, bare];

/** Parses as the web layer does, so the tests go through the same checks. */
const filter = (f: Record<string, unknown> = {}): CaseFilter => caseFilterSchema.parse(f);
const page = (p: Record<string, unknown> = {}): CasePage => casePageSchema.parse(p);

for (const { backend, skip } of BACKENDS)
  describe.skipIf(skip)(`head office's case list and counts on ${backend}`, SUITE, () => {
    let hq: TestHq;
    beforeAll(async () => {
      hq = await startHq(backend);
      await hq.enrol('SH01', '上海一店');
      expect((await hq.post(batchOf([satisfied, atCounter]))).status).toBe(200);
      expect((await hq.post(batchOf([open, bare], undefined, 'SH01'))).status).toBe(200);
    }, 60_000);
    afterAll(() => hq?.close());

    const ids = async (f: Record<string, unknown>, p: Record<string, unknown> = {}) =>
      (await listCases(hq.db, filter(f), page(p))).rows.map((r) => r.id);

    it('lists every branch with the columns taken from the record at ingest', async () => {
      const list = await listCases(hq.db, filter(), page({ sort: 'caseNo', dir: 'asc' }));
      expect(list).toMatchObject({ total: 4, totalCapped: false });
      expect(list.rows.map((r) => r.id)).toEqual([satisfied, atCounter, open, bare].map((c) => c.caseId));
      expect(list.rows[0]).toEqual({
        id: satisfied.caseId,
        branchCode: 'BJ01',
        branchName: '北京一店',
        caseNo: satisfied.record.caseNo,
        state: 'archived',
        registeredAt: china('2026-11-03T09:15:00'),
        category: 'damage',
        channel: 'phone',
        severity: 'major',
        outcome: 'satisfied',
        customerName: '王小明',
        customerPhone: '13812345678',
        chainStatus: 'verified',
      });
      expect(list.rows[3]).toMatchObject({ branchName: '上海一店', registeredAt: null, category: '', customerName: '', outcome: null });
    });

    it('filters by branch, period (China time), state, category, channel, severity and outcome', async () => {
      expect(await ids({ branch: 'SH01' }, { sort: 'caseNo', dir: 'asc' })).toEqual([open.caseId, bare.caseId]);
      const november = { from: String(china('2026-11-01T00:00:00')), to: String(china('2026-12-01T00:00:00')) };
      expect(await ids(november)).toEqual([satisfied.caseId]);
      expect(await ids({ state: 'investigating' })).toEqual([open.caseId]);
      expect(await ids({ category: 'appraisal' })).toEqual([atCounter.caseId]);
      expect(await ids({ channel: 'online' })).toEqual([open.caseId]);
      expect(await ids({ severity: 'major' })).toEqual([satisfied.caseId]);
      expect(await ids({ outcome: 'settled_at_counter' })).toEqual([atCounter.caseId]);
      expect(await ids({ branch: 'BJ01', severity: 'urgent' })).toEqual([]);
      // Empty query-string fields mean "any".
      expect(await ids({ branch: '', state: '', text: '' })).toHaveLength(4);
    });

    it('sorts both ways by each key and pages through the rows with a total', async () => {
      const byTime = [open, satisfied, atCounter].map((c) => c.caseId);
      // A record without a time sorts after every time going up.
      expect(await ids({}, { sort: 'registered', dir: 'asc' })).toEqual([...byTime, bare.caseId]);
      expect(await ids({}, { sort: 'registered', dir: 'desc' })).toEqual([bare.caseId, ...byTime.reverse()]);
      expect(await ids({ branch: 'BJ01' }, { sort: 'severity', dir: 'desc' })).toEqual([satisfied.caseId, atCounter.caseId]);
      expect(await ids({}, { sort: 'state', dir: 'asc' })).toEqual([satisfied.caseId, atCounter.caseId, bare.caseId, open.caseId]);
      expect(await ids({}, { sort: 'branch', dir: 'desc' })).toEqual([bare.caseId, open.caseId, atCounter.caseId, satisfied.caseId]);
      const pages = await Promise.all(
        [0, 1, 2].map((n) => listCases(hq.db, filter(), page({ sort: 'caseNo', dir: 'asc', page: String(n), size: '3' }))),
      );
      expect(pages.map((p) => p.rows.length)).toEqual([3, 1, 0]);
      expect(pages.every((p) => p.total === 4)).toBe(true);
      expect(pages.flatMap((p) => p.rows.map((r) => r.id))).toEqual(ALL.map((c) => c.caseId));
    });

    it('finds cases by a Chinese word, part of a name, the last digits of a phone, a case number and a business reference', async () => {
      expect(await ids({ text: '鉴定' })).toEqual([atCounter.caseId]);
      expect(await ids({ text: '小明' })).toEqual([satisfied.caseId]);
      expect(await ids({ text: '王' })).toEqual([satisfied.caseId]);
      expect(await ids({ text: '5678' })).toEqual([satisfied.caseId]);
      // Typed with spaces or in full-width digits, as the phone is found however it was written.
      expect(await ids({ text: '５５５５ ６６６６' })).toEqual([open.caseId]);
      expect(await ids({ text: satisfied.record.caseNo })).toEqual([satisfied.caseId]);
      expect(await ids({ text: 'sf12345' })).toEqual([open.caseId]);
      // Every term of "甲乙丙甲" is in the open case, but not the text itself: the exact check drops it.
      expect(await ids({ text: '甲乙丙' })).toEqual([open.caseId]);
      expect(await ids({ text: '甲乙丙甲' })).toEqual([]);
      expect(await ids({ text: '鉴定', branch: 'SH01' })).toEqual([]);
      expect((await listCases(hq.db, filter({ text: '鉴定' }), page())).total).toBe(1);
    });

    it('counts by branch, month (China time), category, channel, severity, outcome and state', async () => {
      const counts = (by: Parameters<typeof caseCounts>[2], f: Record<string, unknown> = {}) => caseCounts(hq.db, filter(f), by);
      expect(await counts('branch')).toEqual([
        { key: 'BJ01', count: 2 },
        { key: 'SH01', count: 2 },
      ]);
      expect(await counts('month')).toEqual([
        { key: '', count: 1 },
        { key: '2026-10', count: 1 },
        { key: '2026-11', count: 1 },
        { key: '2026-12', count: 1 },
      ]);
      expect(await counts('category', { branch: 'BJ01' })).toEqual([
        { key: 'appraisal', count: 1 },
        { key: 'damage', count: 1 },
      ]);
      expect(await counts('channel', { text: '鉴定' })).toEqual([{ key: 'walk_in', count: 1 }]);
      expect(await counts('severity', { branch: 'SH01' })).toEqual([
        { key: '', count: 1 },
        { key: 'urgent', count: 1 },
      ]);
      expect(await counts('outcome')).toEqual([
        { key: '', count: 2 },
        { key: 'satisfied', count: 1 },
        { key: 'settled_at_counter', count: 1 },
      ]);
      expect(await counts('state')).toEqual([
        { key: 'archived', count: 3 },
        { key: 'investigating', count: 1 },
      ]);
    });

    it('shows a case as flagged once head office turned away a version of it', async () => {
      const edited = withEvents(grow(satisfied, 1), rewritten(grow(satisfied, 1), 2, { notes: [null, '改过的记录'] }));
      const r = await hq.post(batchOf([edited]));
      expect(r.json.results[0]).toMatchObject({ status: 'rejected', reason: 'history_rewritten' });
      const row = (await listCases(hq.db, filter({ text: '王小明' }), page())).rows[0];
      expect(row).toMatchObject({ id: satisfied.caseId, chainStatus: 'flagged' });
    });

    it('keeps the columns in step with a newer version of a case', async () => {
      const later = grow(open, 1);
      const closed = {
        ...later,
        record: { ...later.record, state: 'archived', closedAt: china('2026-12-02T09:00:00'), content: '服务态度差，已道歉' },
      };
      expect((await hq.post(batchOf([closed], undefined, 'SH01'))).json.results[0]).toMatchObject({ status: 'accepted' });
      expect(await ids({ text: '道歉' })).toEqual([open.caseId]);
      expect(await ids({ text: '甲乙丙' })).toEqual([]);
      expect(await ids({ outcome: 'invalid' })).toEqual([open.caseId]);
    });
  });

describe('bad filter and page input', () => {
  const refused = (schema: typeof caseFilterSchema | typeof casePageSchema, input: Record<string, unknown>) => {
    const r = schema.safeParse(input);
    return r.success ? null : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('is refused with the field and a message key the HQ pages translate', () => {
    expect(refused(caseFilterSchema, { text: 'ab' })).toEqual(['text: hq.cases.errors.textTooShort']);
    expect(refused(caseFilterSchema, { text: '鉴定\u0001' })).toEqual(['text: errors.text.control']);
    expect(refused(caseFilterSchema, { text: '字'.repeat(101) })).toEqual(['text: errors.text.tooLong']);
    expect(refused(caseFilterSchema, { state: 'lost' })).toEqual(['state: errors.state.invalid']);
    expect(refused(caseFilterSchema, { branch: "BJ01' OR 1=1" })).toEqual(['branch: errors.branch.code']);
    expect(refused(caseFilterSchema, { outcome: 'happy' })).toEqual(['outcome: hq.cases.errors.outcome']);
    expect(refused(caseFilterSchema, { from: 'yesterday' })).toEqual(['from: hq.cases.errors.time']);
    expect(refused(caseFilterSchema, { from: '2000', to: '1000' })).toEqual(['to: hq.cases.errors.period']);
    expect(refused(casePageSchema, { size: '101' })).toEqual(['size: hq.cases.errors.size']);
    expect(refused(casePageSchema, { page: '-1' })).toEqual(['page: hq.cases.errors.page']);
    expect(refused(casePageSchema, { sort: 'record' })).toEqual(['sort: hq.cases.errors.sort']);
    expect(refused(casePageSchema, { page: '10', size: '100' })).toEqual(['page: hq.cases.errors.pageTooDeep']);
    expect(casePageSchema.parse({ page: '19', size: '50' })).toMatchObject({ page: 19 });
    expect(casePageSchema.parse({})).toEqual({ sort: 'registered', dir: 'desc', page: 0, size: 50 });
  });
});

describe('caseColumns', () => {
  it('reads a record defensively: mistyped or absurd fields become empty, never an error', () => {
    const columns = caseColumns({ caseNo: 7, complainant: 'x', receivedAt: 8e15, createdAt: -1, severity: 'huge', closedAt: 1.5 });
    expect(columns).toMatchObject({ registered_at: null, customer_name: '', severity: 'huge', severity_rank: null, outcome: null });
  });
});

const MIGRATIONS = fileURLToPath(new URL('../../hq/migrations/', import.meta.url));

for (const { backend, skip } of BACKENDS)
  describe.skipIf(skip)(`migration 003 on ${backend}`, SUITE, () => {
    it('fills the columns of cases stored before it from their records', async () => {
      const firstOnly = mkdtempSync(join(tmpdir(), 'hq-migrations-'));
      cpSync(join(MIGRATIONS, '001_initial.sql'), join(firstOnly, '001_initial.sql'));
      const db = await freshDb(backend, firstOnly);
      try {
        await db.query(`INSERT INTO branches (code, name, secret, enrolled_at) VALUES ('BJ01', '北京一店', 's', 0)`);
        for (const c of [satisfied, atCounter])
          await db.query(
            `INSERT INTO cases (id, branch_code, case_no, state, version, record, head_seq, head_hash, chain_status, received_at, updated_at)
             VALUES ($1, 'BJ01', $2, 'archived', $3, $4, 1, 'h', 'verified', 0, 0)`,
            [c.caseId, c.record.caseNo, c.version, JSON.stringify(c.record)],
          );
        expect(await migrate(db)).toContain('003_case_columns.sql');
        const list = await listCases(db, filter({ text: '鉴定' }), page());
        expect(list.rows).toMatchObject([
          { id: atCounter.caseId, customerName: '李四', outcome: 'settled_at_counter', category: 'appraisal' },
        ]);
        expect(await caseCounts(db, filter(), 'month')).toEqual([
          { key: '2026-11', count: 1 },
          { key: '2026-12', count: 1 },
        ]);
      } finally {
        await db.close();
        rmSync(firstOnly, { recursive: true, force: true });
      }
    });
  });

/**
 * Cases written straight into `cases` with the columns ingest computes (hundreds of cases through
 * the receiver would only slow the test): the i-th registered `i` minutes after 2026-12-01 00:00.
 */
async function storeCases(db: Db, contents: string[]): Promise<string[]> {
  const ids = contents.map(() => `case-${crypto.randomUUID()}`);
  const rows = contents.map((content, i) => {
    const record = {
      id: ids[i],
      caseNo: `BJ01-20261201-${String(i + 1).padStart(4, '0')}`,
      branchCode: 'BJ01',
      state: 'registered',
      receivedAt: china('2026-12-01T00:00:00') + i * 60_000,
      content,
    };
    return { id: ids[i], case_no: record.caseNo, record, ...caseColumns(record) };
  });
  await db.query(
    `INSERT INTO cases (id, branch_code, case_no, state, version, record, events, head_seq, head_hash, chain_status, received_at, updated_at, ${CASE_COLUMNS_SQL.names})
     SELECT x.id, 'BJ01', x.case_no, 'registered', 1, x.record, '[]', 1, 'h', 'verified', 0, 0, ${CASE_COLUMNS_SQL.values}
     FROM jsonb_to_recordset($1::jsonb) AS x(id text, case_no text, record jsonb, ${CASE_COLUMNS_SQL.recordset})`,
    [JSON.stringify(rows)],
  );
  await db.exec('ANALYZE cases');
  return ids;
}

for (const { backend, skip } of BACKENDS)
  describe.skipIf(skip)(`searching a word in more than ${COUNT_CAP} cases on ${backend}`, SUITE, () => {
    const COMMON = '态度生硬';
    // 1,500 cases, every one but each sixth holding the word: 1,250 matches, over the cap.
    const contents = Array.from({ length: 1_500 }, (_, i) => (i % 6 === 5 ? '当票信息有误' : `柜员${COMMON}，要求道歉`));
    let db: Db;
    let newestFirst: string[];
    let ids: string[];
    beforeAll(async () => {
      db = await freshDb(backend);
      await db.query(`INSERT INTO branches (code, name, secret, enrolled_at) VALUES ('BJ01', '北京一店', 's', 0)`);
      ids = await storeCases(db, contents);
      newestFirst = ids.filter((_, i) => contents[i]!.includes(COMMON)).reverse();
    }, 60_000);
    afterAll(() => db?.close());

    it('gives the newest matches page by page, with the capped total', async () => {
      for (const n of [0, 3]) {
        const list = await listCases(db, filter({ text: COMMON }), page({ page: String(n), size: '20' }));
        expect(list).toMatchObject({ total: COUNT_CAP, totalCapped: true });
        expect(list.rows.map((r) => r.id)).toEqual(newestFirst.slice(n * 20, n * 20 + 20));
        expect(list.rows[0]).toMatchObject({ branchName: '北京一店', chainStatus: 'verified' });
      }
      const oldestFirst = await listCases(db, filter({ text: COMMON }), page({ sort: 'caseNo', dir: 'asc', size: '20' }));
      expect(oldestFirst.rows.map((r) => r.id)).toEqual(newestFirst.slice(-20).reverse());
    });

    it('reads the page by walking the newest cases, not by fetching every match through the search index', async () => {
      const statements: { sql: string; params: unknown[] }[] = [];
      const watched: Queryable = {
        query: (sql, params = []) => (statements.push({ sql, params }), db.query(sql, params)),
        exec: (sql) => db.exec(sql),
      };
      await listCases(watched, filter({ text: COMMON }), page({ size: '20' }));
      const read = statements[statements.length - 1]!;
      const plan = (await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${read.sql}`, read.params)).rows
        .map((r) => r['QUERY PLAN'])
        .join('\n');
      expect(plan).toContain('cases_by_registered');
      expect(plan).not.toContain('cases_search');
    });

    it("reads a rarer word's page from its matches, never by walking the whole sort order for them", async () => {
      const RARE = '当票信息有误'; // in 250 cases, under the cap
      const statements: { sql: string; params: unknown[] }[] = [];
      const watched: Queryable = {
        query: (sql, params = []) => (statements.push({ sql, params }), db.query(sql, params)),
        exec: (sql) => db.exec(sql),
      };
      const list = await listCases(watched, filter({ text: RARE }), page({ size: '20' }));
      expect(list).toMatchObject({ total: 250, totalCapped: false });
      expect(list.rows.map((r) => r.id)).toEqual(
        ids
          .filter((_, i) => contents[i] === RARE)
          .reverse()
          .slice(0, 20),
      );
      const read = statements[statements.length - 1]!;
      // Planner statistics that guess many matches must not turn the page into a walk of the order.
      await db.exec('SET enable_sort = off');
      try {
        const plan = (await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${read.sql}`, read.params)).rows
          .map((r) => r['QUERY PLAN'])
          .join('\n');
        expect(plan).not.toContain('cases_by_registered');
      } finally {
        await db.exec('RESET enable_sort');
      }
    });

    it('takes the search index when the walk finds too few matches for the page within its bound', async () => {
      // One row walked per row of the page: the non-matching sixth case stops the walk short.
      const list = await listCases(db, filter({ text: COMMON }), page({ page: '2', size: '20' }), 1);
      expect(list.rows.map((r) => r.id)).toEqual(newestFirst.slice(40, 60));
      expect(list.totalCapped).toBe(true);
    });
  });
