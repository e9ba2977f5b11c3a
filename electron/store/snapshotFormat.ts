import { nextTask } from './nextTask';
import { ReadModel, type ModelColumns } from './readModel';
import { CODED_FIELDS, NUMBER_FIELDS, TEXT_FIELDS, type RowColumns } from './rowStore';
import { SearchIndex, type SearchState } from './searchIndex';

/**
 * The bytes of a read-model snapshot: the rows as the column store keeps them and the search index
 * as its texts and postings. Bump SNAPSHOT_FORMAT whenever these bytes, or what a row or a search
 * text is made of (`rowOf`, `ROW_FIELDS`, `searchableText`, `normalizeForSearch`), change: a snapshot
 * of another format is rebuilt, never read. tests/unit/snapshot-format.test.ts holds the bytes of a
 * fixed model for the current format and fails when they change without a new format number.
 *
 * Layout: "CSRM", then sections, each a little-endian u32 byte length, its bytes, and zero padding to
 * a multiple of 8 (so typed arrays can view them in place):
 *  1. UTF-8 JSON: the row count and the coded columns' dictionaries; 1a–1d. UTF-8 JSON, one per
 *     text column: ids, case numbers, names, business references (parsed one at a time);
 *  2. the coded columns (Uint16, one column after another), 3. the number columns (Float64, null as
 *     NaN), 4. the flags (Uint8), 5. the received order (Uint32 row indexes);
 *  6. for each search document, its row (Uint32), 7. the search texts (UTF-16 code units, one after
 *     another), 8. their lengths (Uint32), 9. their received times (Float64), 10. grams (Float64),
 *  11. posting counts (Uint32), 12. postings (Uint32).
 * Rows are in deadline order.
 */
export const SNAPSHOT_FORMAT = 4;

const MAGIC = [0x43, 0x53, 0x52, 0x4d]; // "CSRM"

type Section = Uint8Array | Uint16Array | Float64Array | Uint32Array;

interface Head {
  n: number;
  dictionaries: RowColumns['dictionaries'];
}

function asBytes(section: Section): Uint8Array {
  return new Uint8Array(section.buffer, section.byteOffset, section.byteLength);
}

function joined<T extends Float64Array | Uint16Array>(make: new (n: number) => T, parts: readonly T[]): T {
  const out = new make(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p as never, at);
    at += p.length;
  }
  return out;
}

export function encodeSnapshot(model: ReadModel): Uint8Array {
  const { rows, receivedOrder, indexOf } = model.exportColumns();
  const search = model.search.exportState();
  const head: Head = { n: rows.count, dictionaries: rows.dictionaries };
  const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
  const sections: Section[] = [
    json(head),
    ...TEXT_FIELDS.map((f) => json(rows.texts[f])),
    joined(
      Uint16Array,
      CODED_FIELDS.map((f) => rows.codes[f]),
    ),
    joined(
      Float64Array,
      NUMBER_FIELDS.map((f) => rows.numbers[f]),
    ),
    rows.flags,
    receivedOrder,
    Uint32Array.from(search.ids, indexOf),
    search.texts,
    search.lengths,
    search.receivedAt,
    search.grams,
    search.counts,
    search.docNos,
  ];
  const padded = (length: number) => Math.ceil(length / 8) * 8;
  const size = 8 + sections.reduce((sum, s) => sum + 8 + padded(s.byteLength), 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  out.set(MAGIC, 0);
  let at = 8;
  for (const s of sections) {
    view.setUint32(at, s.byteLength, true);
    out.set(asBytes(s), at + 8);
    at += 8 + padded(s.byteLength);
  }
  return out;
}

/** Reads the sections one after another, each viewed in place as its typed array. */
class Sections {
  private readonly buffer: ArrayBufferLike;
  private readonly base: number;
  private readonly view: DataView;

  constructor(
    private readonly bytes: Uint8Array,
    private at: number,
  ) {
    // A copy aligned at 0 if need be, so each section can be viewed as its typed array in place.
    const aligned = bytes.byteOffset % 8 === 0;
    this.buffer = aligned ? bytes.buffer : bytes.slice().buffer;
    this.base = aligned ? bytes.byteOffset : 0;
    this.view = new DataView(this.buffer, this.base, bytes.byteLength);
  }

  /** Where the next section starts. */
  get offset(): number {
    return this.at;
  }

  private next(): { offset: number; length: number } {
    if (this.at + 8 > this.bytes.byteLength) throw new Error('snapshot: truncated');
    const length = this.view.getUint32(this.at, true);
    const start = this.at + 8;
    if (start + length > this.bytes.byteLength) throw new Error('snapshot: truncated');
    this.at = start + Math.ceil(length / 8) * 8;
    return { offset: this.base + start, length };
  }

  /** Passes over a section. */
  skip(): void {
    this.next();
  }

  u8(): Uint8Array {
    const { offset, length } = this.next();
    return new Uint8Array(this.buffer, offset, length);
  }

  u16(): Uint16Array {
    const { offset, length } = this.next();
    return new Uint16Array(this.buffer, offset, length / 2);
  }

  u32(): Uint32Array {
    const { offset, length } = this.next();
    return new Uint32Array(this.buffer, offset, length / 4);
  }

  f64(): Float64Array {
    const { offset, length } = this.next();
    return new Float64Array(this.buffer, offset, length / 8);
  }

  /** A UTF-8 JSON section, parsed later (`parse`). */
  json(): Uint8Array {
    return this.u8();
  }
}

const parse = (utf8: Uint8Array) => JSON.parse(new TextDecoder().decode(utf8)) as unknown;

/** The sections before the search index's: the head, the text columns and the other row columns. */
const ROW_SECTIONS = 1 + TEXT_FIELDS.length + 4;

/**
 * Where the search index's sections begin in `encodeSnapshot`'s bytes: a start reads the bytes
 * before it (the rows), serves the queues from them, and reads the rest in the background.
 */
export function searchSectionsAt(bytes: Uint8Array): number {
  const sections = new Sections(bytes, 8);
  for (let k = 0; k < ROW_SECTIONS; k++) sections.skip();
  return sections.offset;
}

/** The rows of a snapshot, and each row's case id (the search index's documents name rows). */
export interface SnapshotRows {
  columns: ModelColumns;
  ids: readonly string[];
}

/**
 * Reads the rows out of `encodeSnapshot`'s bytes (only those before `searchSectionsAt` are read);
 * throws on sections whose sizes do not fit each other. Values are not scanned one by one: the
 * caller checks the bytes' SHA-256 first. Every typed array is copied by the model (views would
 * keep the whole record alive). At 100,000 cases this is a few hundred milliseconds of work on the
 * host's thread: it awaits `between` after each step, so that a save asked meanwhile waits for one
 * step, not the whole decode.
 */
export async function decodeRows(bytes: Uint8Array, between: () => Promise<void> = nextTask): Promise<SnapshotRows> {
  if (MAGIC.some((b, i) => bytes[i] !== b)) throw new Error('snapshot: not a read-model snapshot');
  const sections = new Sections(bytes, 8);
  const head = parse(sections.json()) as Head;
  const { n } = head;
  const textSections = TEXT_FIELDS.map(() => sections.json());
  const codes = sections.u16();
  const numbers = sections.f64();
  const flags = sections.u8();
  const receivedOrder = sections.u32();
  const texts = {} as RowColumns['texts'];
  for (const [k, f] of TEXT_FIELDS.entries()) {
    await between();
    texts[f] = parse(textSections[k]!) as string[];
  }
  const fits =
    TEXT_FIELDS.every((f) => Array.isArray(texts[f]) && texts[f].length === n) &&
    CODED_FIELDS.every((f) => Array.isArray(head.dictionaries[f])) &&
    codes.length === CODED_FIELDS.length * n &&
    numbers.length === NUMBER_FIELDS.length * n &&
    flags.length === n &&
    receivedOrder.length === n &&
    receivedOrder.every((row) => row < n);
  if (!fits) throw new Error('snapshot: the row sections do not fit each other');
  const column = <T extends Uint16Array | Float64Array>(all: T, k: number) => all.subarray(k * n, (k + 1) * n) as T;
  const rows: RowColumns = {
    count: n,
    texts,
    dictionaries: head.dictionaries,
    codes: Object.fromEntries(CODED_FIELDS.map((f, k) => [f, column(codes, k)])) as RowColumns['codes'],
    numbers: Object.fromEntries(NUMBER_FIELDS.map((f, k) => [f, column(numbers, k)])) as RowColumns['numbers'],
    flags,
  };
  return { columns: { rows, receivedOrder }, ids: texts.id };
}

/**
 * Reads the search index out of `encodeSnapshot`'s bytes (those from `searchSectionsAt` on), for
 * the rows `decodeRows` read; throws as `decodeRows` does.
 */
export async function decodeSearch(bytes: Uint8Array, rows: SnapshotRows, between: () => Promise<void> = nextTask): Promise<SearchIndex> {
  const sections = new Sections(bytes, searchSectionsAt(bytes));
  const n = rows.ids.length;
  const docRows = sections.u32();
  const search = {
    texts: sections.u16(),
    lengths: sections.u32(),
    receivedAt: sections.f64(),
    grams: sections.f64(),
    counts: sections.u32(),
    docNos: sections.u32(),
  };
  const m = docRows.length;
  const fits =
    docRows.every((row) => row < n) &&
    search.lengths.length === m &&
    search.receivedAt.length === m &&
    search.lengths.reduce((sum, l) => sum + l, 0) === search.texts.length &&
    search.counts.length === search.grams.length &&
    search.counts.reduce((sum, c) => sum + c, 0) === search.docNos.length;
  if (!fits) throw new Error('snapshot: the search sections do not fit each other');
  await between();
  const state: SearchState = { ids: Array.from(docRows, (row) => rows.ids[row]!), ...search };
  return SearchIndex.fromState(state);
}

/** Reads `encodeSnapshot`'s bytes back into a model, rows and search index. */
export async function decodeSnapshot(bytes: Uint8Array, between: () => Promise<void> = nextTask): Promise<ReadModel> {
  const rows = await decodeRows(bytes, between);
  const index = await decodeSearch(bytes, rows, between);
  await between();
  return ReadModel.restore(rows.columns, index);
}
