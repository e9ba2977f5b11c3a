/**
 * `npm run bench:list [-- --cases=N]`: the complaint list (QueueScreen, "all" queue) of the built
 * browser edition at N cases (default 100,000) in Debian's Chromium, beside the same screen with
 * 100 cases measured in the same run. Last line JSON.
 *
 * How: `vite build` the browser edition into a private temporary directory, bundle
 * list-seed.page.ts with esbuild into its bench/, serve both with `vite preview` (one origin,
 * port 0). Per list size, in a fresh browser context (its own storage, so its own 'countersign'
 * database; Chromium keeps such a context's IndexedDB in memory, as in bench:store, so the load
 * times printed are optimistic; scrolling never reads IndexedDB), in one tab throughout (the
 * session is kept per tab): first run through the UI, then the seed page bulk-writes cases +
 * sealed ledger + sequences into the 'countersign' database while no app page is open, then the
 * app is opened three times, as a branch's PC starts:
 *   1. the first start after seeding has no read-model snapshot: the store worker rebuilds the read
 *      model from every case, and the clerk registers a complaint meanwhile (`intake_ready_rebuild_ms`);
 *      the host stores its snapshot in the background after the rebuild, and the run waits until the
 *      database's meta row 'readModelSnapshot' is there (read from the page; a branch with fewer cases
 *      than the host's DEFAULT_SNAPSHOT_AFTER never stores one from the browser edition, whose worker
 *      never closes: the baseline's 100 cases are rebuilt at every start);
 *   2. a start from the snapshot: the list (`list_load_ms`) and everything measured on it below;
 *   3. a start from the snapshot: the intake (`intake_ready_ms`).
 *
 * Intake ready (`intake_ready_ms`, `intake_ready_rebuild_ms`): the time from navigation start (the
 * page's performance.timeOrigin) until the intake's first field (the complainant's name) has the
 * focus, plus the round trip of a save: from Ctrl+Enter on a minimal complaint (name typed into the
 * focused field, phone and content filled) until the saved confirmation with its case number is in
 * the DOM (the first animation frame that shows it). Left out: the ~0.3 s between the two that the
 * bench's driver spends typing (Playwright's round trips; a clerk types for much longer), which the
 * app does not make anyone wait for. `intake_saved_ms` is the confirmation's time from navigation
 * start, that typing included.
 * The list (`list_load_ms`): from just before navigation (the bench's clock) until the list's
 * aria-rowcount says every case is in it (the total on screen).
 *
 * Measured on the list: frame intervals (requestAnimationFrame) while the wheel scrolls 200
 * notches down from the middle, and in how many frames a visible row shows "…" or another row's
 * case; the time from a jump (25 %, 50 %, 75 %, end and 16 more places) until every visible row
 * shows its case (no "…" placeholder, and the case number the read model's order puts there); the
 * number of row elements in the DOM; the JS heap of the page and of the store worker after
 * scrolling (after a GC). Headless frame timing is approximate (software compositing, 60 Hz).
 *
 * Why the baseline is the same screen with 100 cases: with 100 cases every figure measures only
 * what the screen costs by itself (React, MUI, the virtualizer, the headless compositor, a store
 * round trip for a window of 100 rows that costs nothing), so the ratio shows what 100,000 cases
 * add: fetching windows out of a large read model, a 4.4-million-pixel scroll height, any growth
 * of the DOM or the heap with the list. A plain 100k-pixel div would only measure the compositor.
 * The baseline's wheel turns back at the end of its short list so that it scrolls as many steps.
 *
 * If the app does not start with N cases (it falls back to the first-run form), the run says why,
 * prints JSON with "error" as its last line and exits 1.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { build as esbuild } from 'esbuild';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';
import { build, preview } from 'vite';
import { chromiumLaunchOptions } from '../chromium';
import { DEFAULT_SNAPSHOT_AFTER, META_SNAPSHOT } from '../../electron/store/snapshot';
import type { SeedResult } from './list-seed.page';
import { rng } from './generate';
import { percentile, round } from './stats';

const CONFIG = 'renderer/vite.config.ts';
const CASES = Number(process.argv.find((a) => a.startsWith('--cases='))?.slice('--cases='.length) ?? 100_000);
const BASELINE_CASES = 100;
const WHEEL_STEPS = 200;
const WHEEL_DELTA = 100;
/** Pause between wheel notches: about one a frame, a fast continuous scroll. */
const WHEEL_GAP_MS = 16;
const DROPPED_MS = 50;
const SCROLLER = '[role="table"][aria-labelledby="queues-title"] > [role="rowgroup"]:nth-child(2)';
const VIEWPORT = { width: 1280, height: 900 };
const LOAD_TIMEOUT = 300_000;

if (!Number.isInteger(CASES) || CASES < 1) throw new Error(`--cases must be a positive integer, not ${CASES}`);

interface Look {
  visible: number;
  expected: number;
  blank: number;
  wrong: number;
  rows: number;
  example?: { row: number; shown: string };
}
interface FrameSample extends Look {
  t: number;
}
interface JumpResult {
  fillMs: number;
  frames: number;
  blankFrames: number;
  wrongFrames: number;
  maxFrameMs: number;
  afterFillBad: number;
  rows: number;
  example?: { row: number; shown: string };
}
interface ListProbe {
  look(): Look;
  record(): void;
  stop(): FrameSample[];
  jump(fraction: number, timeoutMs: number, settleMs: number): Promise<JumpResult>;
  range(): { scrollRange: number; scrollTop: number };
  /** Drops the expected order, so that the heap is measured without it. */
  release(): void;
}
declare global {
  interface Window {
    listProbe: ListProbe;
    /** When the intake's Ctrl+Enter went down (intakeReady). */
    benchSaveKeyAt?: number;
  }
}

/**
 * Runs in the app page. A row's place is read from layout (its offset inside the list's full
 * height), not from its inline translateY: Chromium serializes large lengths with six significant
 * digits ("2.19974e+06px"). One layout a frame, which the frame needs anyway.
 */
function installProbe(expectedOrder: string[]) {
  let order = expectedOrder;
  const scroller = document.querySelector<HTMLElement>('[role="table"][aria-labelledby="queues-title"] > [role="rowgroup"]:nth-child(2)');
  const table = document.querySelector('[role="table"][aria-labelledby="queues-title"]');
  if (!scroller || !table) throw new Error('queue table not found');
  const height = scroller.clientHeight;
  const total = Number(table.getAttribute('aria-rowcount')) - 1;
  const look = (): Look => {
    const inner = scroller.firstElementChild;
    const top = scroller.scrollTop;
    const origin = inner?.getBoundingClientRect().top ?? 0;
    let visible = 0;
    let blank = 0;
    let wrong = 0;
    let example: Look['example'];
    let size = 44;
    for (const row of inner?.children ?? []) {
      const rect = row.getBoundingClientRect();
      const start = rect.top - origin;
      size = rect.height || size;
      if (start + size <= top + 0.5 || start >= top + height - 0.5) continue;
      visible++;
      const index = Math.round(start / size);
      const text = row.firstElementChild?.textContent ?? '';
      if (text === '…') blank++;
      else if (order.length && order[index] !== text) {
        wrong++;
        example ??= { row: index, shown: text };
      }
    }
    const expected = Math.min(total, Math.ceil((top + height - 0.5) / size)) - Math.floor((top + 0.5) / size);
    return { visible, expected, blank, wrong, rows: inner?.children.length ?? 0, ...(example ? { example } : {}) };
  };
  let samples: FrameSample[] = [];
  let recording = false;
  const tick = (t: number) => {
    if (!recording) return;
    samples.push({ t, ...look() });
    requestAnimationFrame(tick);
  };
  window.listProbe = {
    look,
    record: () => {
      samples = [];
      recording = true;
      requestAnimationFrame(tick);
    },
    stop: () => {
      recording = false;
      return samples;
    },
    release: () => {
      order = [];
    },
    range: () => ({ scrollRange: scroller.scrollHeight - scroller.clientHeight, scrollTop: scroller.scrollTop }),
    jump: (fraction, timeoutMs, settleMs) =>
      new Promise<JumpResult>((resolve) => {
        const t0 = performance.now();
        scroller.scrollTop = Math.round((scroller.scrollHeight - height) * fraction);
        const r: JumpResult = { fillMs: NaN, frames: 0, blankFrames: 0, wrongFrames: 0, maxFrameMs: 0, afterFillBad: 0, rows: 0 };
        let last = t0;
        const step = () => {
          const now = performance.now();
          r.frames++;
          r.maxFrameMs = Math.max(r.maxFrameMs, now - last);
          last = now;
          const s = look();
          r.rows = Math.max(r.rows, s.rows);
          if (s.example) r.example ??= s.example;
          const filled = s.visible >= s.expected && s.blank === 0 && s.wrong === 0;
          if (Number.isNaN(r.fillMs)) {
            if (s.blank) r.blankFrames++;
            if (s.wrong) r.wrongFrames++;
            if (filled) r.fillMs = now - t0;
          } else if (!filled) r.afterFillBad++;
          const done = Number.isNaN(r.fillMs) ? now - t0 > timeoutMs : now - t0 - r.fillMs > settleMs;
          if (done) {
            if (Number.isNaN(r.fillMs)) r.fillMs = Infinity;
            resolve(r);
          } else requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      }),
  };
}

/** A start measured at the intake: ms after navigation start (see the header). */
interface IntakeReady {
  focusedMs: number;
  savedMs: number;
  /** From the Ctrl+Enter keydown to the confirmation: the save's own round trip, without the typing. */
  saveRoundTripMs: number;
  caseNo: string;
}

interface Figures {
  cases: number;
  /** The first start after seeding, while the read model is rebuilt, and a start from the snapshot. */
  intakeRebuild: IntakeReady;
  intake: IntakeReady;
  seed: Omit<SeedResult, 'order' | 'keys'>;
  /** The first row seen showing another row's case, if any. */
  wrongExample: string | null;
  tabsMs: number;
  listMs: number;
  idle: number[];
  wheel: {
    intervals: number[];
    blankFrames: number;
    wrongFrames: number;
    frames: number;
    rowsScrolled: number;
    seconds: number;
    maxRows: number;
  };
  jumps: { fraction: number; r: JumpResult }[];
  domRows: number;
  domNodes: number;
  heapBeforeMb: number;
  heapMb: number;
  workerHeapMb: number | null;
}

class AppDidNotStart extends Error {}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (bytes: number) => round(bytes / 1048576);

async function firstRun(page: Page, base: string) {
  await page.goto(base);
  await page.getByLabel('网点代码').fill('BJ01');
  await page.getByLabel('网点名称').fill('北京朝阳一店');
  await page.getByLabel('业务类型').click();
  await page.getByRole('option', { name: '典当行' }).click();
  await page.getByLabel('您的工号').fill('s01');
  await page.getByLabel('您的姓名').fill('主管');
  await page.getByLabel('设置密码').fill('counter-admin-01');
  await page.getByLabel('再次输入密码').fill('counter-admin-01');
  await page.getByRole('button', { name: '保存并开始登记' }).click();
  await page.getByRole('heading', { name: '客户投诉登记' }).waitFor();
}

/**
 * Opens the app and registers a minimal complaint by keyboard (see the header for what is timed).
 * Throws AppDidNotStart if the app shows the first-run form or the store's error instead.
 */
async function intakeReady(page: Page, base: string, errors: string[]): Promise<IntakeReady> {
  await page.goto(base, { waitUntil: 'commit' });
  const focused = await page.waitForFunction(
    () => {
      const field = document.activeElement as HTMLInputElement | null;
      if (field?.labels?.[0]?.textContent?.startsWith('投诉人姓名')) return performance.now();
      // The first-run form or the store's error: the host did not start.
      if ([...document.querySelectorAll('h1, [role="alert"]')].some((e) => /首次设置|无法打开/.test(e.textContent ?? ''))) return -1;
      return 0;
    },
    null,
    { polling: 'raf', timeout: LOAD_TIMEOUT },
  );
  const focusedMs = (await focused.jsonValue()) as number;
  if (focusedMs < 0)
    throw new AppDidNotStart(`the app did not open its intake; console: ${errors.join(' | ').slice(0, 1500) || 'nothing'}`);
  await page.keyboard.type('王小明');
  await page.getByLabel('联系电话').fill('13812345678');
  await page.getByLabel('投诉内容').fill('柜台人员态度生硬。');
  await page.evaluate(() =>
    window.addEventListener('keydown', (e) => e.key === 'Enter' && e.ctrlKey && (window.benchSaveKeyAt ??= performance.now()), {
      capture: true,
    }),
  );
  await page.keyboard.press('Control+Enter');
  const saved = await page.waitForFunction(
    () => (document.querySelector('[data-testid="case-no"]') ? [performance.now(), window.benchSaveKeyAt ?? NaN] : 0),
    null,
    { polling: 'raf', timeout: LOAD_TIMEOUT },
  );
  const [savedMs, keyAt] = (await saved.jsonValue()) as [number, number];
  return { focusedMs, savedMs, saveRoundTripMs: savedMs - keyAt, caseNo: (await page.getByTestId('case-no').textContent()) ?? '' };
}

const intakeFigures = (r: IntakeReady) =>
  `${round(r.focusedMs)} / ${round(r.savedMs)} ms (of which the save's round trip from Ctrl+Enter ${round(r.saveRoundTripMs)} ms)`;

/** Waits until the store host has stored its read-model snapshot (the meta row, read from the page with IndexedDB's own API). */
async function snapshotStored(page: Page): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    const stored = await page.evaluate(
      (key) =>
        new Promise<boolean>((resolve) => {
          const open = indexedDB.open('countersign');
          open.onerror = () => resolve(false);
          open.onsuccess = () => {
            const db = open.result;
            const get = db.transaction('meta').objectStore('meta').getKey(key);
            get.onsuccess = () => resolve(get.result !== undefined);
            get.onerror = () => resolve(false);
            get.transaction!.oncomplete = () => db.close();
          };
        }),
      META_SNAPSHOT,
    );
    if (stored) return Date.now() - t0;
    if (Date.now() - t0 > LOAD_TIMEOUT) throw new Error('the store host did not store its read-model snapshot');
    await sleep(250);
  }
}

/** Each case's place in the "all" queue: nearest deadline first ("no deadline" = +Infinity), ties by id. */
const precedes = (a: { due: number; id: string }, b: { due: number; id: string }) => a.due < b.due || (a.due === b.due && a.id < b.id);

/**
 * The seeded order with the cases registered during the run put in their places (their deadlines
 * and ids read from the page's IndexedDB), so the probe checks every row against the list the read
 * model holds.
 */
async function withRegistered(page: Page, seeded: Pick<SeedResult, 'order' | 'keys'>, caseNos: string[]): Promise<string[]> {
  const rows = await page.evaluate(
    (wanted) =>
      new Promise<{ caseNo: string; id: string; due: number }[]>((resolve, reject) => {
        const open = indexedDB.open('countersign');
        open.onerror = () => reject(new Error('cannot open the database'));
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('cases');
          const index = tx.objectStore('cases').index('caseNo');
          const found: { caseNo: string; id: string; due: number }[] = [];
          for (const caseNo of wanted) {
            const get = index.get(caseNo);
            get.onsuccess = () => {
              const c = get.result as { caseNo: string; id: string; nextDueAt: number };
              found.push({ caseNo: c.caseNo, id: c.id, due: c.nextDueAt });
            };
          }
          tx.oncomplete = () => {
            db.close();
            resolve(found);
          };
        };
      }),
    caseNos,
  );
  const order = seeded.order.slice();
  const keys = seeded.keys.slice();
  for (const row of rows) {
    let at = keys.findIndex((k) => precedes(row, k));
    if (at < 0) at = keys.length;
    keys.splice(at, 0, row);
    order.splice(at, 0, row.caseNo);
  }
  return order;
}

async function heap(page: Page, context: BrowserContext) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;
  return { heap: metric('JSHeapUsedSize'), nodes: metric('Nodes') };
}

/**
 * The store worker's JS heap (read model, search index) after a GC, through the page's CDP session:
 * Playwright has no CDP session for workers, so the (deprecated) message relay of the Target domain.
 */
async function workerHeap(page: Page, context: BrowserContext): Promise<number | null> {
  const cdp = await context.newCDPSession(page);
  try {
    const { targetInfos } = await cdp.send('Target.getTargets');
    const worker =
      targetInfos.find((t) => t.type === 'worker' && t.title.includes('countersign-store')) ?? targetInfos.find((t) => t.type === 'worker');
    if (!worker) return null;
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false });
    const answer = new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => resolve(null), 10_000);
      cdp.on('Target.receivedMessageFromTarget', (e) => {
        const m = JSON.parse(e.message) as { id?: number; result?: { usedSize: number } };
        if (m.id !== 2) return;
        clearTimeout(timer);
        resolve(m.result?.usedSize ?? null);
      });
    });
    await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: 1, method: 'HeapProfiler.collectGarbage' }) });
    await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: 2, method: 'Runtime.getHeapUsage' }) });
    return await answer;
  } catch {
    return null;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

async function measure(browser: Browser, base: string, cases: number, label: string): Promise<Figures> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  // tsx names the functions it compiles (__name); the probe is one of them when it runs in the page.
  await context.addInitScript({ content: 'globalThis.__name ??= (f) => f;' });
  try {
    const log = (line: string) => console.log(`[${label}] ${line}`);
    // 1. First run through the UI: the branch row and this tab's signed-in session, as a clerk leaves them.
    //    One tab throughout: the session is kept per tab (sessionStorage), as at a real counter.
    const page = context.pages()[0] ?? (await context.newPage());
    await firstRun(page, base);

    // 2. Seed while no app page (and so no store worker) is open: the tab goes to the seeding page.
    const seedLog = (m: { text(): string }) => log(m.text().trim());
    page.on('console', seedLog);
    await page.goto(`${base}/bench/list-seed.html`);
    await page.waitForFunction(() => typeof window.seedCases === 'function');
    log(`seeding ${cases} cases…`);
    const { order: seededOrder, keys, ...seed } = await page.evaluate((n) => window.seedCases(n), cases);
    page.off('console', seedLog);

    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    // 3. The first start after seeding: no snapshot, the worker rebuilds its read model; the clerk registers a complaint meanwhile.
    const intakeRebuild = await intakeReady(page, base, errors);
    log(`start rebuilding the read model: intake focused / a complaint saved ${intakeFigures(intakeRebuild)} after navigation start`);
    // The snapshot the host stores in the background once the rebuild is done (none below DEFAULT_SNAPSHOT_AFTER cases).
    if (cases + 1 >= DEFAULT_SNAPSHOT_AFTER) log(`read-model snapshot stored ${await snapshotStored(page)} ms later`);
    const order = await withRegistered(page, { order: seededOrder, keys }, [intakeRebuild.caseNo]);

    // 4. A start from the snapshot: the list.
    const t0 = Date.now();
    await page.goto(base);
    const listTab = page.getByRole('tab', { name: '投诉列表' });
    // If the store host cannot open, branch.get fails and the app falls back to the first-run form.
    const firstRunAgain = page.getByRole('heading', { name: '首次设置' });
    await listTab.or(firstRunAgain).first().waitFor({ timeout: LOAD_TIMEOUT });
    if (!(await listTab.isVisible())) {
      throw new AppDidNotStart(
        `after ${Date.now() - t0} ms the app shows the first-run form instead of the tabs (the store host did not start); console: ${errors.join(' | ').slice(0, 1500) || 'nothing'}`,
      );
    }
    for (const e of errors) log(`app console error: ${e}`);
    const tabsMs = Date.now() - t0;
    await listTab.click();
    await page.waitForFunction(
      (n) => document.querySelector('[role="table"][aria-labelledby="queues-title"]')?.getAttribute('aria-rowcount') === String(n + 1),
      order.length,
      { timeout: LOAD_TIMEOUT, polling: 50 },
    );
    const listMs = Date.now() - t0;
    if ((await page.getByRole('tab', { name: '全部', exact: true }).getAttribute('aria-selected')) !== 'true')
      throw new Error('the "all" queue is not the one shown');
    await page.getByRole('status').filter({ hasText: '共' }).waitFor();
    log(
      `load average ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')} (other work on the machine shows in frame times)`,
    );
    log(
      `app load to tabs ${tabsMs} ms, to the list with ${cases} on screen ${listMs} ms; status: ${await page.getByRole('status').filter({ hasText: '共' }).textContent()}`,
    );
    await page.waitForFunction(() => {
      const rows = document.querySelectorAll('[role="table"] [role="rowgroup"]:nth-child(2) [role="row"]');
      return rows.length > 0 && [...rows].every((r) => r.textContent !== '…');
    });
    await sleep(500);
    const before = await heap(page, context);
    await page.evaluate(installProbe, order);

    // Idle frames: the cadence headless Chromium gives with nothing happening.
    await page.evaluate(() => window.listProbe.record());
    await sleep(1000);
    const idleSamples = await page.evaluate(() => window.listProbe.stop());
    const idle = idleSamples.slice(1).map((s, i) => s.t - idleSamples[i]!.t);

    // Wheel: 200 notches down from the middle of the list, where a window costs the store most (the
    // read model walks the deadline order up to the window's offset); the baseline turns back at its end.
    await page.evaluate(() => window.listProbe.jump(0.5, 10_000, 250));
    await sleep(250);
    const box = await page.locator(SCROLLER).boundingBox();
    if (!box) throw new Error('no scroller');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const { scrollRange, scrollTop } = await page.evaluate(() => window.listProbe.range());
    await page.evaluate(() => window.listProbe.record());
    const w0 = Date.now();
    let pos = scrollTop;
    let dir = 1;
    let travelled = 0;
    for (let i = 0; i < WHEEL_STEPS; i++) {
      if ((dir > 0 && pos + WHEEL_DELTA > scrollRange) || (dir < 0 && pos - WHEEL_DELTA < 0)) dir = -dir;
      pos = Math.min(scrollRange, Math.max(0, pos + dir * WHEEL_DELTA));
      travelled += WHEEL_DELTA;
      await page.mouse.wheel(0, dir * WHEEL_DELTA);
      await sleep(WHEEL_GAP_MS);
    }
    const wheelSeconds = (Date.now() - w0) / 1000;
    await sleep(500);
    const wheelSamples = await page.evaluate(() => window.listProbe.stop());
    const wheel = {
      intervals: wheelSamples.slice(1).map((s, i) => s.t - wheelSamples[i]!.t),
      frames: wheelSamples.length,
      blankFrames: wheelSamples.filter((s) => s.blank > 0 || s.visible < s.expected).length,
      wrongFrames: wheelSamples.filter((s) => s.wrong > 0).length,
      maxRows: Math.max(...wheelSamples.map((s) => s.rows)),
      rowsScrolled: Math.round(travelled / 44),
      seconds: wheelSeconds,
    };

    // Jumps: the four named places, then 16 more (same places in both runs).
    const r = rng(3);
    const fractions = [0.25, 0.5, 0.75, 1, ...Array.from({ length: 16 }, () => round(r()))];
    const jumps: Figures['jumps'] = [];
    for (const fraction of fractions) {
      jumps.push({
        fraction,
        r: await page.evaluate(([f, timeout]) => window.listProbe.jump(f, timeout, 250), [fraction, 10_000] as const),
      });
      await sleep(150);
    }
    const domRows = Math.max(wheel.maxRows, ...jumps.map((j) => j.r.rows));
    await page.evaluate(() => window.listProbe.release());
    const after = await heap(page, context);
    const example = wheelSamples.find((s) => s.example)?.example ?? jumps.find((j) => j.r.example)?.r.example;
    const wrongExample = example
      ? `row ${example.row} showed ${example.shown}, the case of row ${order.indexOf(example.shown)} (expected ${order[example.row]})`
      : null;
    const storeHeap = await workerHeap(page, context);

    // 5. Another start from the snapshot (and the one case registered since): the intake.
    const intake = await intakeReady(page, base, errors);
    log(`start from the snapshot: intake focused / a complaint saved ${intakeFigures(intake)} after navigation start`);
    return {
      cases,
      intakeRebuild,
      intake,
      seed,
      wrongExample,
      tabsMs,
      listMs,
      idle,
      wheel,
      jumps,
      domRows,
      domNodes: after.nodes,
      heapBeforeMb: mb(before.heap),
      heapMb: mb(after.heap),
      workerHeapMb: storeHeap === null ? null : mb(storeHeap),
    };
  } finally {
    await context.close();
  }
}

const stats = (xs: number[]) => ({ p50: round(percentile(xs, 50)), p95: round(percentile(xs, 95)), max: round(Math.max(...xs)) });
const ms = (x: number) => (Number.isFinite(x) ? `${round(x)} ms` : 'never (10 s)');
const ratio = (a: number, b: number) => (b > 0 ? `${round(a / b)}×` : '–');

// A private build directory: out/web is rebuilt (and emptied) by other runs, e.g. the e2e suite.
const OUT = mkdtempSync(join(tmpdir(), 'countersign-bench-list-web-'));
await build({ configFile: CONFIG, logLevel: 'error', build: { outDir: OUT, emptyOutDir: true } });
mkdirSync(join(OUT, 'bench'), { recursive: true });
await esbuild({
  entryPoints: ['tests/bench/list-seed.page.ts'],
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  outfile: join(OUT, 'bench/list-seed.js'),
  logLevel: 'error',
});
writeFileSync(
  join(OUT, 'bench/list-seed.html'),
  '<!doctype html><meta charset="utf-8"><title>list seed</title><link rel="icon" href="data:,"><script type="module" src="./list-seed.js"></script>',
);
const server = await preview({ configFile: CONFIG, logLevel: 'error', build: { outDir: OUT }, preview: { port: 0, host: '127.0.0.1' } });
const address = server.httpServer.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

/** Prints each figure of the large list beside the baseline's; the last line is JSON. */
function report(small: Figures, big: Figures) {
  const line = (what: string, value: string, baseline: string, r = '') =>
    console.log(`${what}: ${value}  | baseline ${BASELINE_CASES} cases: ${baseline}${r ? `  → ${r}` : ''}`);

  console.log(
    `\n${CASES} cases (${big.seed.events} events) generated in ${round(big.seed.generateMs / 1000)} s, bulk-loaded in ${round(big.seed.loadMs / 1000)} s`,
  );
  line(
    'start rebuilding the read model: intake focused / a complaint saved',
    intakeFigures(big.intakeRebuild),
    intakeFigures(small.intakeRebuild),
  );
  line(
    'start from the snapshot: intake focused / a complaint saved',
    intakeFigures(big.intake),
    intakeFigures(small.intake),
    ratio(big.intake.savedMs, small.intake.savedMs),
  );
  line('app load to the tabs (store host ready)', `${big.tabsMs} ms`, `${small.tabsMs} ms`);
  line('app load to the list with its total on screen', `${big.listMs} ms`, `${small.listMs} ms`);
  const bi = stats(big.idle);
  const si = stats(small.idle);
  line('idle frame interval p50/p95', `${bi.p50}/${bi.p95} ms`, `${si.p50}/${si.p95} ms`);
  const bw = stats(big.wheel.intervals);
  const sw = stats(small.wheel.intervals);
  const dropped = (f: Figures) => f.wheel.intervals.filter((x) => x > DROPPED_MS).length;
  console.log(
    `wheel: ${WHEEL_STEPS} notches of ${WHEEL_DELTA} px (${big.wheel.rowsScrolled} rows) in ${round(big.wheel.seconds)} s; baseline ${round(small.wheel.seconds)} s`,
  );
  line(
    '  frame interval p50/p95/max',
    `${bw.p50}/${bw.p95}/${bw.max} ms`,
    `${sw.p50}/${sw.p95}/${sw.max} ms`,
    `p95 ${ratio(bw.p95, sw.p95)}`,
  );
  line(`  frames > ${DROPPED_MS} ms`, `${dropped(big)} of ${big.wheel.frames}`, `${dropped(small)} of ${small.wheel.frames}`);
  line('  frames with a visible row not filled ("…" or missing)', `${big.wheel.blankFrames}`, `${small.wheel.blankFrames}`);
  line('  frames with a visible row showing the wrong case', `${big.wheel.wrongFrames}`, `${small.wheel.wrongFrames}`);
  if (big.wrongExample) console.log(`  e.g. ${big.wrongExample}`);
  const fills = (f: Figures) => f.jumps.map((j) => j.r.fillMs);
  const bj = stats(fills(big));
  const sj = stats(fills(small));
  console.log('jumps (fill = until every visible row shows its case):');
  for (let i = 0; i < big.jumps.length; i++) {
    const b = big.jumps[i]!;
    const s = small.jumps[i]!;
    if (i >= 4 && i !== big.jumps.length - 1) continue;
    const what = i < 4 ? `  to ${Math.round(b.fraction * 100)}%` : `  (+${big.jumps.length - 4} more places)`;
    if (i < 4)
      line(
        what,
        `fill ${ms(b.r.fillMs)} (${b.r.blankFrames} frames with "…", ${b.r.wrongFrames} with wrong cases, longest frame ${round(b.r.maxFrameMs)} ms)`,
        `${ms(s.r.fillMs)} (${s.r.blankFrames} "…", ${s.r.wrongFrames} wrong)`,
      );
    else console.log(what);
  }
  line(
    `  fill after jump p50/p95/max over ${big.jumps.length}`,
    `${bj.p50}/${bj.p95}/${bj.max} ms`,
    `${sj.p50}/${sj.p95}/${sj.max} ms`,
    `p95 ${ratio(bj.p95, sj.p95)}`,
  );
  const sum = (f: Figures, k: 'blankFrames' | 'wrongFrames' | 'afterFillBad') => f.jumps.reduce((n, j) => n + j.r[k], 0);
  line(
    '  frames with "…" / wrong cases before fill, all jumps',
    `${sum(big, 'blankFrames')} / ${sum(big, 'wrongFrames')}`,
    `${sum(small, 'blankFrames')} / ${sum(small, 'wrongFrames')}`,
  );
  line('  frames unfilled again after a fill (250 ms watched)', `${sum(big, 'afterFillBad')}`, `${sum(small, 'afterFillBad')}`);
  const unfilled = big.jumps.filter((j) => !Number.isFinite(j.r.fillMs)).length;
  if (unfilled) console.log(`  ${unfilled} jumps never filled within 10 s`);
  line('row elements in the DOM (max seen)', `${big.domRows}`, `${small.domRows}`);
  line('DOM nodes after scrolling', `${big.domNodes}`, `${small.domNodes}`);
  line(
    'page JS heap after scrolling (after GC)',
    `${big.heapMb} MB (before scrolling ${big.heapBeforeMb} MB)`,
    `${small.heapMb} MB (before ${small.heapBeforeMb} MB)`,
    ratio(big.heapMb, small.heapMb),
  );
  if (big.workerHeapMb !== null)
    line('store worker JS heap (read model, search index; after GC)', `${big.workerHeapMb} MB`, `${small.workerHeapMb} MB`);
  console.log(
    JSON.stringify({
      cases: CASES,
      frame_p50_ms: bw.p50,
      frame_p95_ms: bw.p95,
      frame_max_ms: bw.max,
      dropped_frames: dropped(big),
      baseline_frame_p50_ms: sw.p50,
      baseline_frame_p95_ms: sw.p95,
      baseline_dropped_frames: dropped(small),
      blank_frames_wheel: big.wheel.blankFrames,
      wrong_frames_wheel: big.wheel.wrongFrames,
      wrong_frames_jumps: sum(big, 'wrongFrames'),
      fill_after_jump_p50_ms: bj.p50,
      fill_after_jump_p95_ms: bj.p95,
      fill_after_jump_max_ms: bj.max,
      baseline_fill_after_jump_p95_ms: sj.p95,
      dom_rows: big.domRows,
      baseline_dom_rows: small.domRows,
      heap_mb: big.heapMb,
      baseline_heap_mb: small.heapMb,
      list_load_ms: big.listMs,
      baseline_list_load_ms: small.listMs,
      intake_ready_ms: round(big.intake.focusedMs + big.intake.saveRoundTripMs),
      baseline_intake_ready_ms: round(small.intake.focusedMs + small.intake.saveRoundTripMs),
      intake_saved_ms: round(big.intake.savedMs),
      baseline_intake_saved_ms: round(small.intake.savedMs),
      intake_focused_ms: round(big.intake.focusedMs),
      baseline_intake_focused_ms: round(small.intake.focusedMs),
      intake_ready_rebuild_ms: round(big.intakeRebuild.focusedMs + big.intakeRebuild.saveRoundTripMs),
      baseline_intake_ready_rebuild_ms: round(small.intakeRebuild.focusedMs + small.intakeRebuild.saveRoundTripMs),
    }),
  );
}

const browser = await chromium.launch({ ...chromiumLaunchOptions(), headless: true });
try {
  const small = await measure(browser, base, BASELINE_CASES, `${BASELINE_CASES} cases`);
  const big = await measure(browser, base, CASES, `${CASES} cases`).catch((e: unknown) => {
    if (e instanceof AppDidNotStart) return e;
    throw e;
  });
  if (big instanceof AppDidNotStart) {
    console.log(`\nTHE LIST CANNOT BE MEASURED AT ${CASES} CASES: ${big.message}`);
    console.log(`(the same screen with ${BASELINE_CASES} cases was on screen ${small.listMs} ms after load)`);
    console.log(
      JSON.stringify({
        cases: CASES,
        error: 'the app did not start',
        detail: big.message.slice(0, 400),
        baseline_list_load_ms: small.listMs,
      }),
    );
    process.exitCode = 1;
  } else report(small, big);
} finally {
  await browser.close();
  server.httpServer.close();
  rmSync(OUT, { recursive: true, force: true });
}
