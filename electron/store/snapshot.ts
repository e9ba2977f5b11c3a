import { bytesToHex } from '@noble/hashes/utils.js';
import { caseIdsInBlock } from '../../shared/ledger/blocks';
import type { CaseRecord } from '../../shared/domain/case';
import type { CountersignDb } from './db';
import { sealRow } from './ledger';
import { ReadModel } from './readModel';
import type { ReadModelHandle } from './readModelHandle';
import { decodeSnapshot, encodeSnapshot, SNAPSHOT_FORMAT } from './snapshotFormat';

/**
 * The read-model snapshot: the host's read model and search index as one binary record in `meta`,
 * so a start reads one record and the cases changed since instead of every case.
 *
 * "Changed since" is the branch-wide event log: every case write appends at least one event, numbered
 * `g` in one increasing order, in the same transaction as the case row. The snapshot names the last
 * `g` it holds (`lastG`) and how many ledger blocks were sealed before it was taken (`sealBlocks`);
 * the cases changed since are those with an unsealed event above `lastG` or an event in a block
 * sealed after. IndexedDB stays the truth: a snapshot of another format or schema version, one whose
 * bytes fail their SHA-256, one from ahead of the log, or one that leaves a different number of cases
 * than the table holds is ignored, and the model is rebuilt from every case.
 */
export const META_SNAPSHOT = 'readModelSnapshot';
/** Case writes after which the host writes a new snapshot in the background (and at close, if any). */
export const DEFAULT_SNAPSHOT_AFTER = 1000;

export interface SnapshotRecord {
  format: number;
  /** The database's schema version (a migration may have changed any case). */
  schema: number;
  /** The last event number whose write the snapshot holds. */
  lastG: number;
  /** Ledger blocks sealed before the snapshot was taken. */
  sealBlocks: number;
  cases: number;
  sha256: string;
  bytes: Uint8Array;
}

export interface SnapshotState {
  /** Writes to trigger a background snapshot; Infinity: only at close (and `writeSnapshot`). */
  every: number;
  /** Committed case writes the stored snapshot does not hold (all cases, after a rebuild). */
  changes: number;
  /** The last event number of a committed case write: a failed write's numbers are never reused below it. */
  committedG: number;
  /** Case writes begun and not yet settled: the model holds their change before it commits. */
  inFlight: number;
  /** Case writes ever begun (the audit notices a write during its read). */
  began: number;
  /** Settles when the audit of a model started from the snapshot has read every case (how many it corrected). */
  audited: Promise<number>;
  idle: (() => void)[];
  writing: Promise<void>;
  scheduled: boolean;
}

export interface OpenedModel {
  model: ReadModel;
  /** 'snapshot' (with `replayed` cases read since) or 'rebuilt' from every case. */
  source: 'snapshot' | 'rebuilt';
  replayed: number;
}

/** What the snapshot writer needs of the store context. */
export interface SnapshotHost {
  db: CountersignDb;
  readModel: ReadModelHandle;
  snapshot: SnapshotState;
}

/** `lastG`: the last event number in the log when the host opens. */
export function snapshotState(every: number, lastG: number): SnapshotState {
  return {
    every,
    changes: 0,
    committedG: lastG,
    inFlight: 0,
    began: 0,
    audited: Promise.resolve(0),
    idle: [],
    writing: Promise.resolve(),
    scheduled: false,
  };
}

/** Committed case writes the stored snapshot lacks because of how the model loaded: every case after a rebuild. */
export function changesOfLoad(opened: OpenedModel): number {
  return opened.source === 'rebuilt' ? opened.model.size : opened.replayed;
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return bytesToHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)));
}

export interface LoadOptions {
  /** Off: always rebuild from every case (tests compare the two). */
  useSnapshot?: boolean;
  /** Cases per page of a rebuild (tests use small pages to interleave writes with the load). */
  pageSize?: number;
  /**
   * Awaited before each read of the load (the snapshot, the cases changed since, each page of a
   * rebuild): tests run writes in between; the editions leave it off.
   */
  pause?: () => Promise<void>;
  /** Awaited between the steps of the load's work (the host: until no request is being answered). */
  between?: () => Promise<void>;
}

/**
 * The read model: from the snapshot and the cases changed since when it can be trusted, otherwise
 * rebuilt from every case, a page at a time (requests are answered between pages). `lastG` is the
 * last event number in the log.
 */
export async function openReadModel(db: CountersignDb, lastG: number, options: LoadOptions = {}): Promise<OpenedModel> {
  if (options.useSnapshot ?? true) {
    try {
      const opened = await fromSnapshot(db, lastG, options);
      if (opened) return opened;
    } catch (e) {
      console.warn('store: read-model snapshot unreadable, rebuilding', e);
    }
  }
  return { model: await rebuild(db, options), source: 'rebuilt', replayed: 0 };
}

async function fromSnapshot(db: CountersignDb, lastG: number, { pause, between }: LoadOptions): Promise<OpenedModel | null> {
  await pause?.();
  const [row, seal] = await Promise.all([db.meta.get(META_SNAPSHOT), sealRow(db)]);
  const s = row?.value as SnapshotRecord | undefined;
  if (!s || s.format !== SNAPSHOT_FORMAT || s.schema !== db.verno || !(s.bytes instanceof Uint8Array)) return null;
  if (s.lastG > lastG || s.sealBlocks > seal.blocks) return null;
  if ((await sha256Hex(s.bytes)) !== s.sha256) return null;
  const model = await decodeSnapshot(s.bytes, between);
  if (model.size !== s.cases) return null;
  await pause?.();
  // One read transaction: an event sealed meanwhile cannot slip between the rows and the blocks.
  const { records, ids, count } = await db.transaction('r', [db.events, db.ledgerBlocks, db.cases], async () => {
    const keys = await db.events.where('g').above(s.lastG).primaryKeys();
    const changed = new Set(keys.map(([caseId]) => caseId));
    for (const block of await db.ledgerBlocks.where('n').above(s.sealBlocks).toArray())
      for (const id of caseIdsInBlock(block.bytes)) changed.add(id);
    const list = [...changed];
    return { ids: list, records: await db.cases.bulkGet(list), count: await db.cases.count() };
  });
  records.forEach((c, i) => (c ? model.upsert(c) : model.revert(ids[i]!, null)));
  if (model.size !== count) return null;
  return { model, source: 'snapshot', replayed: ids.length };
}

const LOAD_PAGE = 5_000;

/** The next page of cases by primary key after `afterId` (null: the first): a getAll-sized read, not a cursor step per row. */
export function readCasePage(db: CountersignDb, afterId: string | null, limit = LOAD_PAGE): Promise<CaseRecord[]> {
  return (afterId === null ? db.cases.orderBy(':id') : db.cases.where(':id').above(afterId)).limit(limit).toArray();
}

/**
 * Every case, read a page at a time and appended to the model, its lists sorted once at the end:
 * requests are answered between the steps, so a save during a rebuild waits for one page's work
 * (or the final sort), not the whole rebuild.
 */
async function rebuild(db: CountersignDb, { pageSize = LOAD_PAGE, pause, between }: LoadOptions): Promise<ReadModel> {
  const model = new ReadModel();
  let afterId: string | null = null;
  for (;;) {
    await pause?.();
    await between?.();
    const page = await readCasePage(db, afterId, pageSize);
    model.append(page);
    if (page.length < pageSize) break;
    afterId = page[page.length - 1]!.id;
  }
  await between?.();
  model.finishLoad();
  return model;
}

/**
 * Every case write goes through here: the model changes inside its transaction, before the commit,
 * so a snapshot is taken only while no write is in flight, and it names the last event of a
 * committed write (a failed write's event numbers may be given out again after a restart).
 */
export async function asCaseWrite<T>(ctx: SnapshotHost, write: (committed: (lastG: number) => void) => Promise<T>): Promise<T> {
  const state = ctx.snapshot;
  state.inFlight++;
  state.began++;
  let lastG = 0;
  try {
    const result = await write((g) => (lastG = g));
    state.committedG = Math.max(state.committedG, lastG);
    state.changes++;
    if (state.changes >= state.every) writeSnapshotSoon(ctx);
    return result;
  } finally {
    state.inFlight--;
    if (state.inFlight === 0) for (const wake of state.idle.splice(0)) wake();
  }
}

/** Resolves when no case write is in flight (synchronously checked: nothing may yield after it). */
export async function untilIdle(state: SnapshotState): Promise<void> {
  while (state.inFlight > 0) await new Promise<void>((wake) => state.idle.push(wake));
}

/** Queues a snapshot write behind any running one (one at a time). */
export function writeSnapshotSoon(ctx: SnapshotHost): Promise<void> {
  const state = ctx.snapshot;
  if (state.scheduled) return state.writing;
  state.scheduled = true;
  state.writing = state.writing
    .then(() => {
      state.scheduled = false;
      return writeSnapshot(ctx);
    })
    .catch((e: unknown) => console.error('store: could not write the read-model snapshot; will retry', e));
  return state.writing;
}

async function writeSnapshot(ctx: SnapshotHost): Promise<void> {
  const { db, snapshot: state } = ctx;
  // Once loaded: the writes committed during the load are in the model from then on.
  const model = await ctx.readModel.ready;
  // Read before the model is taken: blocks sealed after this hold only events the model may lack.
  const seal = await sealRow(db);
  await untilIdle(state);
  // From here to the encoding, nothing yields: the model and `committedG` are one moment's.
  const taken = state.changes;
  const lastG = state.committedG;
  const cases = model.size;
  const bytes = encodeSnapshot(model);
  const record: SnapshotRecord = {
    format: SNAPSHOT_FORMAT,
    schema: db.verno,
    lastG,
    sealBlocks: seal.blocks,
    cases,
    sha256: await sha256Hex(bytes),
    bytes,
  };
  await db.meta.put({ key: META_SNAPSHOT, value: record });
  state.changes -= taken;
}

/** At close: a snapshot if any write is not in the stored one; resolves when it is stored. */
export async function flushSnapshot(ctx: SnapshotHost): Promise<void> {
  // A model that could not be loaded has nothing to store (the next start loads it again).
  if (
    !(await ctx.readModel.ready.then(
      () => true,
      () => false,
    ))
  )
    return;
  await ctx.snapshot.writing;
  if (ctx.snapshot.changes > 0) await writeSnapshotSoon(ctx);
}
