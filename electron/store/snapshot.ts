import { bytesToHex } from '@noble/hashes/utils.js';
import { caseIdsInBlock } from '../../shared/ledger/blocks';
import type { CaseRecord } from '../../shared/domain/case';
import type { CountersignDb } from './db';
import { sealRow } from './ledger';
import { ReadModel } from './readModel';
import type { ReadModelHandle } from './readModelHandle';
import { SearchIndex } from './searchIndex';
import { decodeRows, decodeSearch, encodeSnapshot, searchSectionsAt, SNAPSHOT_FORMAT } from './snapshotFormat';

/**
 * The read-model snapshot: the host's read model and search index as one byte string in `meta`
 * (stored in parts, see PART_BYTES), so a start reads it and the cases changed since instead of
 * every case.
 *
 * "Changed since" is the branch-wide event log: every case write appends at least one event, numbered
 * `g` in one increasing order, in the same transaction as the case row. The snapshot names the last
 * `g` it holds (`lastG`) and how many ledger blocks were sealed before it was taken (`sealBlocks`);
 * the cases changed since are those with an unsealed event above `lastG` or an event in a block
 * sealed after. IndexedDB stays the truth: a snapshot of another format or schema version, one whose
 * rows fail their SHA-256, one from ahead of the log, or one that leaves a different number of cases
 * than the table holds is ignored, and the model is rebuilt from every case; a search index whose
 * parts fail theirs is built from every case.
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
  /** Where the search index's sections begin in `bytes` (`searchSectionsAt`). */
  searchAt: number;
  /** The SHA-256 of each part of `bytes` (PART_BYTES each unless a test asks otherwise, the last one shorter). */
  partSha256: string[];
  bytes: Uint8Array;
}

/**
 * The bytes are stored in parts of a few MB (`readModelSnapshot#0`, `#1`, …) beside the record,
 * which keeps the rest: a start reads them one at a time and answers requests in between (one
 * value of 67 MB held the database's other reads for ~0.4 s), checking each part against its own
 * SHA-256, and serves the queues once the parts of the rows are read; the search index's parts
 * follow in the background. Record and parts are written in one transaction; a part of another
 * snapshot, read across a write, fails its SHA-256.
 */
export const PART_BYTES = 4 * 1024 * 1024;
const partKey = (k: number) => `${META_SNAPSHOT}#${k}`;
type StoredRecord = Omit<SnapshotRecord, 'bytes'> & { parts: number; partBytes: number; byteLength: number };

/** The SHA-256 of each part `storeSnapshot` stores of `bytes` (tests use small parts). */
export function partHashes(bytes: Uint8Array, partBytes = PART_BYTES): Promise<string[]> {
  const hashes: Promise<string>[] = [];
  for (let at = 0; at < bytes.byteLength; at += partBytes) hashes.push(sha256Hex(bytes.subarray(at, at + partBytes)));
  return Promise.all(hashes);
}

export async function storeSnapshot(db: CountersignDb, record: SnapshotRecord, partBytes = PART_BYTES): Promise<void> {
  const { bytes, ...rest } = record;
  const parts = Math.ceil(bytes.byteLength / partBytes);
  const head: StoredRecord = { ...rest, parts, partBytes, byteLength: bytes.byteLength };
  await db.transaction('rw', db.meta, async () => {
    const before = (await db.meta.get(META_SNAPSHOT))?.value as Partial<StoredRecord> | undefined;
    const rows = [{ key: META_SNAPSHOT, value: head as unknown }];
    for (let k = 0; k < parts; k++) rows.push({ key: partKey(k), value: bytes.slice(k * partBytes, (k + 1) * partBytes) });
    await db.meta.bulkPut(rows);
    const stale: string[] = [];
    for (let k = parts; k < (before?.parts ?? 0); k++) stale.push(partKey(k));
    await db.meta.bulkDelete(stale);
  });
}

/** The stored record without its bytes (null: none, or not of this layout). */
async function storedHead(db: CountersignDb): Promise<StoredRecord | null> {
  const head = (await db.meta.get(META_SNAPSHOT))?.value as Partial<StoredRecord> | undefined;
  const fits =
    head &&
    Number.isInteger(head.parts) &&
    Number.isInteger(head.byteLength) &&
    Number.isInteger(head.partBytes) &&
    head.partBytes! > 0 &&
    Number.isInteger(head.searchAt) &&
    Array.isArray(head.partSha256) &&
    head.partSha256.length === head.parts &&
    head.byteLength! > 0 &&
    head.searchAt! > 0 &&
    head.searchAt! <= head.byteLength! &&
    head.parts === Math.ceil(head.byteLength! / head.partBytes!);
  return fits ? (head as StoredRecord) : null;
}

/**
 * Reads parts `from` to `to` (excluded) of `head` into `bytes`, one at a time, awaiting `between`
 * before each. False if a part is missing, of the wrong size, or fails its SHA-256 (`check`).
 */
async function readParts(
  db: CountersignDb,
  head: StoredRecord,
  bytes: Uint8Array,
  [from, to]: [number, number],
  { between, check = true }: { between?: () => Promise<void>; check?: boolean } = {},
): Promise<boolean> {
  for (let k = from; k < to; k++) {
    await between?.();
    const part = (await db.meta.get(partKey(k)))?.value;
    const size = Math.min(head.partBytes, head.byteLength - k * head.partBytes);
    if (!(part instanceof Uint8Array) || part.byteLength !== size) return false;
    if (check && (await sha256Hex(part)) !== head.partSha256[k]) return false;
    bytes.set(part, k * head.partBytes);
  }
  return true;
}

/** The stored snapshot with its bytes put together, unchecked (maintenance and tests). */
export async function readStoredSnapshot(db: CountersignDb): Promise<SnapshotRecord | null> {
  const head = await storedHead(db);
  if (!head) return null;
  const bytes = new Uint8Array(head.byteLength);
  if (!(await readParts(db, head, bytes, [0, head.parts], { check: false }))) return null;
  const { parts: _parts, partBytes: _partBytes, byteLength: _byteLength, ...rest } = head;
  return { ...rest, bytes };
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
  /** The size of a stored part (PART_BYTES; tests use small parts). */
  partBytes: number;
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
export function snapshotState(every: number, lastG: number, partBytes = PART_BYTES): SnapshotState {
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
    partBytes,
  };
}

/** Committed case writes the stored snapshot lacks because of how the model loaded: every case after a rebuild. */
export function changesOfLoad(opened: OpenedModel): number {
  return opened.source === 'rebuilt' ? opened.model.size : opened.replayed;
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return bytesToHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)));
}

/** What a load is about to read: the snapshot's rows, its search index, the cases changed since, a page of a rebuild. */
export type LoadStep = 'snapshot' | 'search' | 'changes' | 'page';

export interface LoadOptions {
  /** Off: always rebuild from every case (tests compare the two). */
  useSnapshot?: boolean;
  /** Cases per page of a rebuild (tests use small pages to interleave writes with the load). */
  pageSize?: number;
  /**
   * Awaited before each read of the load (the snapshot, the cases changed since, each page of a
   * rebuild): tests run writes in between; the editions leave it off.
   */
  pause?: (before: LoadStep) => Promise<void>;
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

async function fromSnapshot(db: CountersignDb, lastG: number, options: LoadOptions): Promise<OpenedModel | null> {
  const { pause, between } = options;
  await pause?.('snapshot');
  const [s, seal] = await Promise.all([storedHead(db), sealRow(db)]);
  if (!s || s.format !== SNAPSHOT_FORMAT || s.schema !== db.verno) return null;
  if (s.lastG > lastG || s.sealBlocks > seal.blocks) return null;
  const bytes = new Uint8Array(s.byteLength);
  const rowParts = Math.ceil(s.searchAt / s.partBytes);
  if (!(await readParts(db, s, bytes, [0, rowParts], { between }))) return null;
  const rows = await decodeRows(bytes, between);
  if (rows.ids.length !== s.cases) return null;
  // The rest of the bytes, the search index, in the background; if they cannot be trusted, the index is built from every case.
  const search = (async () => {
    await pause?.('search');
    if (!(await readParts(db, s, bytes, [rowParts, s.parts], { between }))) throw new Error('a part is missing or fails its SHA-256');
    return decodeSearch(bytes, rows, between);
  })().catch((e: unknown) => {
    console.warn('store: the search index of the read-model snapshot is unreadable; building it from every case', e);
    return searchFromCases(db, options);
  });
  const model = ReadModel.restore(rows.columns, search);
  await pause?.('changes');
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

/** A search index of every case, read a page at a time (a snapshot's search index that cannot be trusted). */
async function searchFromCases(db: CountersignDb, options: LoadOptions): Promise<SearchIndex> {
  const index = new SearchIndex();
  await eachCasePage(db, options, 'search', (page) => {
    for (const c of page) index.upsert(c, false);
  });
  index.freeze();
  return index;
}

const LOAD_PAGE = 5_000;

/** The next page of cases by primary key after `afterId` (null: the first): a getAll-sized read, not a cursor step per row. */
export function readCasePage(db: CountersignDb, afterId: string | null, limit = LOAD_PAGE): Promise<CaseRecord[]> {
  return (afterId === null ? db.cases.orderBy(':id') : db.cases.where(':id').above(afterId)).limit(limit).toArray();
}

/** Hands every case to `take`, a page at a time, each read after `pause` and `between` (requests are answered in between). */
async function eachCasePage(
  db: CountersignDb,
  { pageSize = LOAD_PAGE, pause, between }: LoadOptions,
  step: LoadStep,
  take: (page: CaseRecord[]) => void,
): Promise<void> {
  let afterId: string | null = null;
  for (;;) {
    await pause?.(step);
    await between?.();
    const page = await readCasePage(db, afterId, pageSize);
    take(page);
    if (page.length < pageSize) return;
    afterId = page[page.length - 1]!.id;
  }
}

/**
 * Every case, read a page at a time and appended to the model, its lists sorted once at the end:
 * requests are answered between the steps, so a save during a rebuild waits for one page's work
 * (or the final sort), not the whole rebuild.
 */
async function rebuild(db: CountersignDb, options: LoadOptions): Promise<ReadModel> {
  const model = new ReadModel();
  await eachCasePage(db, options, 'page', (page) => model.append(page));
  await options.between?.();
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
  await model.searchReady;
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
    searchAt: searchSectionsAt(bytes),
    partSha256: await partHashes(bytes, state.partBytes),
    bytes,
  };
  await storeSnapshot(db, record, state.partBytes);
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
