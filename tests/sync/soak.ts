/**
 * `npm run soak:sync [-- --runs=200 --seed=1]`: seeded runs of the real sync engine, inside a real
 * store host, pushing to a real head office through a fault-injecting proxy (tests/sync/chaosProxy.ts),
 * with head office killed (SIGKILL) and restarted mid-batch now and then. After each run's faults
 * stop, everything must arrive exactly once. The last line is JSON:
 * {"runs","lost","duplicated","archived","at_hq"}. Head office runs as its own process on the
 * throwaway PostgreSQL of scripts/with-postgres.mjs (`npm run soak:sync` goes through it): a
 * process killed mid-write must be a real server's client, and the soak reads what head office
 * holds from the same database while it serves (PGlite's folder belongs to one process).
 */
import 'fake-indexeddb/auto';
import { spawn, type ChildProcess } from 'node:child_process';
import type { SyncStatus } from '../../shared/api/contract';
import type { StoreHost } from '../../electron/store/host';
import { openDatabase } from '../../hq/db/open';
import { EVENT_COUNT_SQL } from '../../hq/caseEvents';
import type { Db } from '../../hq/db/types';
import { enrolBranch } from '../../hq/enrol';
import { formatEnrolmentCode } from '../../shared/sync/enrolment';
import { rng } from '../bench/generate';
import { createTestHost, CLERK, HANDLER, intake, mustCommand, pawnPlan, SUPERVISOR } from '../store/fixtures';
import { FAULTS, startChaosProxy, type Fault } from './chaosProxy';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const RUNS = Number(arg('runs') ?? 200);
const FIRST_SEED = Number(arg('seed') ?? 1);
const DATABASE_URL = process.env.HQ_TEST_DATABASE_URL;
/** The engine's timers run this much faster: a run's backoff (up to 5 minutes) fits in seconds. */
const TIME_SCALE = 50;
const SETTLE_TIMEOUT_MS = 120_000;

interface Hq {
  url: string;
  child: ChildProcess;
}

if (!DATABASE_URL) {
  console.error('soak:sync needs PostgreSQL: run it as `npm run soak:sync` (scripts/with-postgres.mjs starts a throwaway cluster).');
  process.exit(2);
}
const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL, HQ_LOG_LEVEL: 'fatal' };

function startHq(port = 0): Promise<Hq> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'hq/main.ts'], {
    env: { ...env, HQ_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /HQ listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ url: m[1]!, child });
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => reject(new Error(`HQ exited (${code}) before listening:\n${out}`)));
  });
}

async function stopHq(hq: Hq, kill: boolean): Promise<void> {
  if (hq.child.exitCode !== null) return;
  const exited = new Promise((r) => hq.child.once('exit', r));
  hq.child.kill(kill ? 'SIGKILL' : 'SIGTERM');
  await exited;
}

/** Head office's own database, read directly: what it holds of a branch. */
async function heldAt(db: Db, branch: string): Promise<Map<string, { version: number; events: number }>> {
  const { rows } = await db.query<{ id: string; version: number; events: string }>(
    `SELECT c.id, c.version, ${EVENT_COUNT_SQL} AS events FROM cases c WHERE c.branch_code = $1`,
    [branch],
  );
  return new Map(rows.map((r) => [r.id, { version: Number(r.version), events: Number(r.events) }]));
}

function waitFor(host: StoreHost, done: (s: SyncStatus) => boolean, timeoutMs: number): Promise<SyncStatus | null> {
  return new Promise((resolve) => {
    let last: SyncStatus | null = null;
    const timer = setTimeout(() => {
      unsubscribe();
      resolve(null);
      console.log(`  gave up waiting: ${JSON.stringify(last)}`);
    }, timeoutMs);
    const unsubscribe = host.subscribe('sync.status', {}, SUPERVISOR, (r) => {
      if (!r.ok) return;
      last = r.value;
      if (done(r.value)) {
        clearTimeout(timer);
        queueMicrotask(unsubscribe);
        resolve(r.value);
      }
    });
  });
}

/** One complaint, settled at the counter (archived at once) or through the whole workflow. */
async function archiveOne(host: StoreHost, random: () => number): Promise<void> {
  const receivedAt = Date.now() - 60_000;
  const r = await host.call('cases.register', { intake: intake({ receivedAt }) }, CLERK);
  if (!r.ok) throw new Error(r.error.message);
  const id = r.value.id;
  if (random() < 0.6) {
    await mustCommand(host, id, 'closeAtCounter', { explanation: '已当场向客户解释并处理完毕。' }, CLERK);
    return;
  }
  await mustCommand(host, id, 'assign', { department: '鉴定部', assigneeId: 'h01' }, CLERK);
  await mustCommand(host, id, 'startInvestigation', {}, HANDLER);
  await mustCommand(host, id, 'addInvestigationNote', { text: '调取监控和鉴定记录，复核估价。' }, HANDLER);
  await mustCommand(host, id, 'proposePlan', pawnPlan(Date.now() + 86_400_000), HANDLER);
  await mustCommand(host, id, 'approvePlan', { comment: '同意' }, SUPERVISOR);
  await mustCommand(host, id, 'recordHandling', { result: '已重新鉴定，补差价 200 元。' }, HANDLER);
  await mustCommand(host, id, 'tellResult', { method: 'phone' }, CLERK);
  await mustCommand(host, id, 'recordCallback', { satisfaction: 'satisfied', notes: '客户满意' }, CLERK);
  await mustCommand(host, id, 'archive', {}, SUPERVISOR);
}

async function archivedAtBranch(host: StoreHost): Promise<Map<string, { version: number; events: number }>> {
  const page = await host.call('cases.query', { states: ['archived'], limit: 200 }, SUPERVISOR);
  if (!page.ok) throw new Error(page.error.message);
  const out = new Map<string, { version: number; events: number }>();
  for (const c of page.value.items) {
    const d = await host.call('cases.get', { caseId: c.id }, SUPERVISOR);
    if (!d.ok) throw new Error(d.error.message);
    out.set(c.id, { version: d.value.case.version, events: d.value.events.length });
  }
  return out;
}

let hq = await startHq();
const hqPort = Number(new URL(hq.url).port);
const hqDb = await openDatabase({ DATABASE_URL });
const totals = { runs: 0, lost: 0, duplicated: 0, archived: 0, at_hq: 0 };
const faultsMet = Object.fromEntries(FAULTS.map((f) => [f, 0])) as Record<Fault, number>;
let kills = 0;

try {
  for (let seed = FIRST_SEED; seed < FIRST_SEED + RUNS; seed++) {
    const random = rng(seed);
    const branch = `S${String(seed).padStart(5, '0')}`;
    const { enrolment } = await enrolBranch(hqDb, { branch, name: `soak ${seed}`, hqUrl: hq.url }, Date.now());
    let chaos = true;
    const pick = (): Fault => {
      if (!chaos) return 'pass';
      const x = random();
      return x < 0.45 ? 'pass' : FAULTS[1 + Math.floor(random() * (FAULTS.length - 1))]!;
    };
    const proxy = await startChaosProxy(hq.url, pick, 30);
    const host = await createTestHost({
      dbName: `soak-${seed}-${crypto.randomUUID()}`,
      sync: {
        fetch: (url, init) => fetch(url, init as RequestInit),
        appVersion: 'soak',
        random,
        setTimer: (run, ms) => setTimeout(run, Math.ceil(ms / TIME_SCALE)),
        clearTimer: (h) => clearTimeout(h as NodeJS.Timeout),
      },
    });
    try {
      const configured = await host.call(
        'branch.configure',
        { branch: { branchCode: branch, branchName: `soak ${seed}`, profileId: 'pawnshop' } },
        SUPERVISOR,
      );
      if (!configured.ok) throw new Error(configured.error.message);
      const enrolled = await host.call('sync.enrol', { code: formatEnrolmentCode({ ...enrolment, hqUrl: proxy.url }) }, SUPERVISOR);
      if (!enrolled.ok) throw new Error(enrolled.error.message);

      const cases = 3 + Math.floor(random() * 10);
      const killAfter = random() < 0.3 ? Math.floor(random() * cases) : -1;
      for (let i = 0; i < cases; i++) {
        await archiveOne(host, random);
        if (i === killAfter) {
          // Mid-batch: the archive just triggered a push; give it a moment to be under way.
          await new Promise((r) => setTimeout(r, Math.floor(random() * 40)));
          await stopHq(hq, true);
          kills++;
          hq = await startHq(hqPort);
        }
      }
      chaos = false;
      await host.call('sync.now', {}, SUPERVISOR);
      await waitFor(host, (s) => s.waiting === 0 && s.sending === null, SETTLE_TIMEOUT_MS);

      const atBranch = await archivedAtBranch(host);
      const atHq = await heldAt(hqDb, branch);
      let lost = 0;
      let duplicated = 0;
      for (const [id, b] of atBranch) {
        const h = atHq.get(id);
        if (!h || h.version !== b.version || h.events < b.events) lost++;
        else if (h.events > b.events) duplicated++;
      }
      for (const id of atHq.keys()) if (!atBranch.has(id)) duplicated++;
      totals.runs++;
      totals.lost += lost;
      totals.duplicated += duplicated;
      totals.archived += atBranch.size;
      totals.at_hq += atHq.size;
      for (const f of FAULTS) faultsMet[f] += proxy.counts[f];
      console.log(
        `seed ${seed}: ${atBranch.size} archived, ${atHq.size} at head office, lost ${lost}, duplicated ${duplicated}` +
          `${killAfter >= 0 ? ', head office killed mid-batch' : ''}; faults ${FAULTS.filter((f) => f !== 'pass' && proxy.counts[f])
            .map((f) => `${f}×${proxy.counts[f]}`)
            .join(' ')}`,
      );
    } finally {
      host.close();
      await proxy.close();
    }
  }
} finally {
  await stopHq(hq, false);
  await hqDb.close();
}
console.log(`faults met: ${JSON.stringify(faultsMet)}; head office killed ${kills} times`);
console.log(JSON.stringify(totals));
process.exit(totals.lost === 0 && totals.duplicated === 0 && totals.runs === RUNS ? 0 : 1);
