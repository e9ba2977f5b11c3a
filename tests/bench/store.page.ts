/**
 * Store benchmark, run in real Chromium by run.ts. Each figure is printed beside a baseline
 * measured in the same run on the same machine; the last message is the JSON summary.
 */
import Dexie from 'dexie';
import { openDb } from '../../electron/store/db';
import { writeGenerated } from './sealedLedger';
import { createStoreHost } from '../../electron/store/host';
import { readStoredSnapshot } from '../../electron/store/snapshot';
import { CLERK, setUpStaff, SUPERVISOR, testAuth } from '../store/fixtures';
import { generateCases, rng } from './generate';
import { percentile, round, timeEach } from './stats';

declare global {
  interface Window {
    benchLog: (line: string) => void;
    benchDone: (json: string) => void;
    benchHeapMb: () => Promise<number>;
    benchBuffersMb: () => Promise<number>;
  }
}

const CASES = Number(new URLSearchParams(location.search).get('cases') ?? 100_000);
const log = (line: string) => window.benchLog(line);

/**
 * Generates and bulk-loads the cases, and returns only what the measurements need, so the
 * generated arrays are garbage before anything is timed (the app never holds them).
 */
async function generateAndLoad(dbName: string, now: number) {
  log(`generating ${CASES} cases with their event chains…`);
  let t0 = performance.now();
  const { cases, events, sequences } = generateCases(CASES, now);
  log(`  generated ${cases.length} cases, ${events.length} events in ${round(performance.now() - t0)} ms`);
  const db = openDb(dbName);
  await db.open();
  t0 = performance.now();
  await writeGenerated(db, { cases, events, sequences });
  await db.meta.put({ key: 'branch', value: { branchCode: 'BJ01', branchName: '北京一店', profileId: 'pawnshop' } });
  const loadMs = performance.now() - t0;
  log(`  bulk load: ${round(loadMs)} ms (${Math.round(cases.length / (loadMs / 1000))} cases/s with events)`);
  db.close();
  const r = rng(7);
  const terms = Array.from({ length: 100 }, (_, i) => {
    const c = cases[Math.floor(r() * cases.length)]!;
    switch (i % 5) {
      case 0:
        return c.complainant.name;
      case 1:
        return c.complainant.phone.slice(3, 10);
      case 2:
        return c.caseNo;
      case 3:
        return c.content.slice(6, 10);
      default:
        return '鉴定';
    }
  });
  return { sample: cases.slice(0, 200), terms };
}

/**
 * The first start, on a database without a snapshot: the model is rebuilt from every case, then the
 * snapshot is written and the host closed. In a function of its own, so that nothing of this host
 * is left reachable when the next one's heap is measured.
 */
async function startWithoutSnapshot(dbName: string, heapBefore: number) {
  const t0 = performance.now();
  // Staff signed in once (cheap hashing: sign-in is not what this measures); their sessions outlive the reopen.
  const first = await createStoreHost({ dbName, auth: testAuth() });
  await setUpStaff(first);
  // The host answers before its read model is loaded: the start ends when the model is.
  const { source } = await first.start;
  const rebuildMs = performance.now() - t0;
  if (source !== 'rebuilt') throw new Error('a fresh database started from a snapshot');
  log(`host start without a snapshot (read model and search index rebuilt from all cases): ${round(rebuildMs)} ms`);
  const rebuiltHeapMb = (await window.benchHeapMb()) - heapBefore;
  const t1 = performance.now();
  await first.writeSnapshot();
  const snapshotWriteMs = performance.now() - t1;
  const snapshotBytes = (await readStoredSnapshot(first.db))!.bytes.byteLength;
  log(`  snapshot written in the background: ${round(snapshotWriteMs)} ms, ${round(snapshotBytes / 1e6)} MB`);
  await first.close();
  return { rebuildMs, rebuiltHeapMb };
}

async function run() {
  const now = Date.now();
  const dbName = `bench-${now}`;
  const { sample, terms } = await generateAndLoad(dbName, now);
  const heapBefore = await window.benchHeapMb();
  const buffersBefore = await window.benchBuffersMb();
  const { rebuildMs, rebuiltHeapMb } = await startWithoutSnapshot(dbName, heapBefore);
  let t0 = performance.now();
  const host = await createStoreHost({ dbName, auth: testAuth() });
  const { source: started } = await host.start;
  const startMs = performance.now() - t0;
  if (started !== 'snapshot') throw new Error('the host did not start from its snapshot');
  log(
    `host start from the snapshot: ${round(startMs)} ms  | baseline start without: ${round(rebuildMs)} ms → ${round(startMs / rebuildMs)}×`,
  );
  // The queues answer from the start; the search index's part of the snapshot follows in the background.
  const searched = await host.call('cases.search', { text: terms[0]!, limit: 50 }, CLERK);
  if (!searched.ok) throw new Error(searched.error.message);
  const searchableMs = performance.now() - t0;
  log(`  first search answered (the search index read after the rows): ${round(searchableMs)} ms after the host was created`);
  t0 = performance.now();
  const corrected = await host.audited;
  log(`  background audit of every case row after the start: ${round(performance.now() - t0)} ms more, ${corrected} corrected`);
  // The store host runs on this page's thread here (in the app, a worker's): its heap is the difference.
  const heapMb = (await window.benchHeapMb()) - heapBefore;
  const buffersMb = (await window.benchBuffersMb()) - buffersBefore;
  log(`store host heap (read model + search index, after GC): ${round(heapMb)} MB  | started by a rebuild: ${round(rebuiltHeapMb)} MB`);
  log(`  beside it, in typed arrays (outside the JS heap): ${round(buffersMb)} MB`);

  // Baseline: a raw strict put of a case row into the same 100k-row table (removed again at once),
  // alternating with the saves so that both meet the same background work of the disk.
  const rawIds: string[] = [];
  const rawSamples: number[] = [];
  const saveSamples: number[] = [];
  for (let i = 0; i < 200; i++) {
    const src = sample[i]!;
    const id = crypto.randomUUID();
    rawIds.push(id);
    rawSamples.push(...(await timeEach(1, () => host.db.cases.put({ ...src, id, caseNo: `RAW-${i}` }))));
    saveSamples.push(
      ...(await timeEach(1, () =>
        host
          .call(
            'cases.register',
            {
              intake: {
                channel: src.channel,
                receivedAt: now - 60_000,
                receivedBy: 'c01',
                complainant: src.complainant,
                businessRef: src.businessRef,
                category: src.category,
                severity: 'general',
                isReport: false,
                content: src.content,
                expectedResolution: src.expectedResolution,
              },
            },
            CLERK,
          )
          .then((r) => {
            if (!r.ok) throw new Error(r.error.message);
          }),
      )),
    );
  }
  await host.db.cases.bulkDelete(rawIds);
  const rawPut = percentile(rawSamples, 95);
  const saveP95 = percentile(saveSamples, 95);
  log(
    `save (cases.register, validated, event + index) p95 ${round(saveP95)} ms  | baseline raw strict put p95 ${round(rawPut)} ms  → ${round(saveP95 / rawPut)}×`,
  );

  const queues = [
    { states: ['registered'] },
    { states: ['investigating', 'plan_proposed'] },
    { assigneeId: 'h03' },
    { overdue: true },
    { category: 'fees_interest', severity: 'general' },
    { states: ['awaiting_callback'], severity: 'major' },
    {},
    { sort: 'received' },
  ] as const;
  const pageSamples = await timeEach(160, (i) =>
    host.call('cases.query', { ...queues[i % queues.length], limit: 50 } as never, CLERK).then((r) => {
      if (!r.ok) throw new Error(r.error.message);
    }),
  );
  queues.forEach((q, k) =>
    log(
      `  queue ${JSON.stringify(q)}: p95 ${round(
        percentile(
          pageSamples.filter((_, i) => i % queues.length === k),
          95,
        ),
      )} ms`,
    ),
  );
  const rawPageSamples = await timeEach(160, () =>
    host.db.cases.where('[state+nextDueAt]').between(['registered', Dexie.minKey], ['registered', Dexie.maxKey]).limit(50).toArray(),
  );
  const pageP95 = percentile(pageSamples, 95);
  log(
    `queue page of 50 p95 ${round(pageP95)} ms (8 queue shapes)  | baseline raw Dexie page by [state+nextDueAt] p95 ${round(percentile(rawPageSamples, 95))} ms`,
  );

  const searchSamples = await timeEach(terms.length, (i) =>
    host.call('cases.search', { text: terms[i]!, limit: 50 }, CLERK).then((x) => {
      if (!x.ok) throw new Error(x.error.message);
    }),
  );
  const searchP95 = percentile(searchSamples, 95);
  t0 = performance.now();
  const scanHits = await host.db.cases.filter((c) => c.content.includes('鉴定估价')).count();
  const scanMs = performance.now() - t0;
  log(
    `search p95 ${round(searchP95)} ms (names, phone digits, case numbers, content words)  | baseline substring scan ${round(scanMs)} ms (${scanHits} hits)`,
  );

  const month = new Date(now - 40 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 7);
  const statsSamples = await timeEach(5, () => host.call('stats.month', { month }, SUPERVISOR));
  const statsMs = percentile(statsSamples, 50);
  t0 = performance.now();
  const rawMonthCount = await host.db.cases
    .where('receivedAt')
    .between(Date.parse(`${month}-01T00:00:00+08:00`), Date.parse(`${month}-01T00:00:00+08:00`) + 31 * 86_400_000)
    .count();
  log(
    `month statistics (${month}, ${rawMonthCount} cases) median ${round(statsMs)} ms  | baseline raw index count ${round(performance.now() - t0)} ms`,
  );

  // The statistics dashboard (R8.1/R8.2) for the same month: counts, indicators per department and
  // handler, overdue cases and weekly trends, from the read model (target ≤ 200 ms).
  const [y, m] = month.split('-').map(Number) as [number, number];
  const period = { from: `${month}-01`, to: `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}` };
  const dashboardSamples = await timeEach(5, () =>
    host.call('stats.dashboard', period, SUPERVISOR).then((x) => {
      if (!x.ok) throw new Error(x.error.message);
    }),
  );
  const dashboardMs = percentile(dashboardSamples, 50);
  log(
    `statistics dashboard (${period.from}…${period.to}) median ${round(dashboardMs)} ms  | baseline month statistics ${round(statsMs)} ms`,
  );

  t0 = performance.now();
  const verified = await host.call('ledger.verify', {}, SUPERVISOR);
  const verifyMs = performance.now() - t0;
  if (!verified.ok || verified.value.firstBreak) throw new Error('ledger does not verify');
  t0 = performance.now();
  await host.db.ledgerBlocks.toArray();
  const readBlocksMs = performance.now() - t0;
  t0 = performance.now();
  await host.db.cases.limit(20_000).toArray();
  log(
    `verify all chains (${verified.value.cases} cases, ${verified.value.events} events in ${verified.value.blocks} blocks) ${round(verifyMs)} ms  | baselines: raw read of the blocks ${round(readBlocksMs)} ms; raw read of 20,000 case rows ${round(performance.now() - t0)} ms`,
  );

  await host.close();
  await Dexie.delete(dbName);
  window.benchDone(
    JSON.stringify({
      cases: CASES,
      save_p95_ms: round(saveP95),
      raw_put_ms: round(rawPut),
      page_p95_ms: round(pageP95),
      search_p95_ms: round(searchP95),
      scan_ms: round(scanMs),
      stats_ms: round(statsMs),
      dashboard_ms: round(dashboardMs),
      verify_ms: round(verifyMs),
      start_ms: round(startMs),
      start_rebuild_ms: round(rebuildMs),
      start_search_ms: round(searchableMs),
      worker_heap_mb: round(heapMb),
      worker_buffers_mb: round(buffersMb),
    }),
  );
}

run().catch((e: unknown) => window.benchDone(JSON.stringify({ error: String((e as Error)?.stack ?? e) })));
