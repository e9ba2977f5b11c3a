/**
 * Seed page of `npm run bench:list` (bundled by list.ts into out/web/bench/list-seed.js and served
 * by `vite preview` from the app's own origin, so it writes the very IndexedDB database the app's
 * store worker opens). It bulk-loads generated cases as store.page.ts does: case rows, the event
 * log sealed in blocks of 1,000 with its case index and seal row, and the case-number sequences,
 * i.e. a branch's database in steady state. The branch row is the one first run wrote: untouched.
 */
import { openDb } from '../../electron/store/db';
import { generateCases } from './generate';
import { writeGenerated } from './sealedLedger';

export interface SeedResult {
  cases: number;
  events: number;
  generateMs: number;
  loadMs: number;
  /** Case numbers in the order of the "all" queue (nearest deadline first, ties by id), for checking what the rows show. */
  order: string[];
  /** Each of those cases' deadline ("no deadline" = +Infinity) and id: where a case registered later goes. */
  keys: { due: number; id: string }[];
}

declare global {
  interface Window {
    seedCases: (count: number) => Promise<SeedResult>;
  }
}

window.seedCases = async (count: number): Promise<SeedResult> => {
  let t0 = performance.now();
  const { cases, events, sequences } = generateCases(count, Date.now());
  const generateMs = performance.now() - t0;
  console.log(`  generated ${cases.length} cases, ${events.length} events in ${Math.round(generateMs)} ms`);

  const db = openDb('countersign');
  await db.open();
  const branch = await db.meta.get('branch');
  if (!branch) throw new Error('no branch configured: run first run before seeding');
  if ((await db.cases.count()) > 0) throw new Error('the database already holds cases');
  t0 = performance.now();
  const sealed = await writeGenerated(db, { cases, events, sequences });
  const loadMs = performance.now() - t0;
  db.close();
  console.log(`  bulk load ${Math.round(loadMs)} ms (${sealed.blocks} sealed blocks)`);

  // The read model's deadline order: ascending nextDueAt ("no deadline" = +Infinity last), ties by id.
  const sorted = cases
    .map((c) => ({ due: c.nextDueAt, id: c.id, caseNo: c.caseNo }))
    .sort((a, b) => a.due - b.due || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    cases: cases.length,
    events: events.length,
    generateMs,
    loadMs,
    order: sorted.map((c) => c.caseNo),
    keys: sorted.map(({ due, id }) => ({ due, id })),
  };
};
