import { nextTask } from './nextTask';
import { ReadModel } from './readModel';
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

/**
 * Reads `encodeSnapshot`'s bytes back into a model; throws on sections whose sizes do not fit each
 * other. Values are not scanned one by one: the caller checks the bytes' SHA-256 first. Every typed
 * array is copied by the model (views would keep the whole record alive). At 100,000 cases the
 * decode is a few hundred milliseconds of work on the host's thread: it awaits `between` after each
 * step, so that a save asked meanwhile waits for one step, not the whole decode.
 */
export async function decodeSnapshot(bytes: Uint8Array, between: () => Promise<void> = nextTask): Promise<ReadModel> {
  if (MAGIC.some((b, i) => bytes[i] !== b)) throw new Error('snapshot: not a read-model snapshot');
  // A copy aligned at 0, so each section can be viewed as its typed array in place.
  const buffer = bytes.byteOffset % 8 === 0 ? bytes.buffer : bytes.slice().buffer;
  const base = bytes.byteOffset % 8 === 0 ? bytes.byteOffset : 0;
  const view = new DataView(buffer, base, bytes.byteLength);
  let at = 8;
  const next = () => {
    if (at + 8 > bytes.byteLength) throw new Error('snapshot: truncated');
    const length = view.getUint32(at, true);
    const start = at + 8;
    if (start + length > bytes.byteLength) throw new Error('snapshot: truncated');
    at = start + Math.ceil(length / 8) * 8;
    return { offset: base + start, length };
  };
  type Place = { offset: number; length: number };
  const u8 = ({ offset, length }: Place) => new Uint8Array(buffer, offset, length);
  const u16 = ({ offset, length }: Place) => new Uint16Array(buffer, offset, length / 2);
  const f64 = ({ offset, length }: Place) => new Float64Array(buffer, offset, length / 8);
  const u32 = ({ offset, length }: Place) => new Uint32Array(buffer, offset, length / 4);
  const parse = (place: Place) => JSON.parse(new TextDecoder().decode(u8(place))) as unknown;
  const head = parse(next()) as Head;
  const { n } = head;
  const textPlaces = TEXT_FIELDS.map(() => next());
  const codes = u16(next());
  const numbers = f64(next());
  const flags = u8(next());
  const receivedOrder = u32(next());
  const docRows = u32(next());
  const search = {
    texts: u16(next()),
    lengths: u32(next()),
    receivedAt: f64(next()),
    grams: f64(next()),
    counts: u32(next()),
    docNos: u32(next()),
  };
  const texts = {} as RowColumns['texts'];
  for (const [k, f] of TEXT_FIELDS.entries()) {
    await between();
    texts[f] = parse(textPlaces[k]!) as string[];
  }
  const m = docRows.length;
  const fits =
    TEXT_FIELDS.every((f) => Array.isArray(texts[f]) && texts[f].length === n) &&
    CODED_FIELDS.every((f) => Array.isArray(head.dictionaries[f])) &&
    codes.length === CODED_FIELDS.length * n &&
    numbers.length === NUMBER_FIELDS.length * n &&
    flags.length === n &&
    receivedOrder.length === n &&
    search.lengths.length === m &&
    search.receivedAt.length === m &&
    search.lengths.reduce((sum, l) => sum + l, 0) === search.texts.length &&
    docRows.every((row) => row < n) &&
    search.counts.length === search.grams.length &&
    search.counts.reduce((sum, c) => sum + c, 0) === search.docNos.length;
  if (!fits) throw new Error('snapshot: sections do not fit each other');
  const column = <T extends Uint16Array | Float64Array>(all: T, k: number) => all.subarray(k * n, (k + 1) * n) as T;
  const rows: RowColumns = {
    count: n,
    texts,
    dictionaries: head.dictionaries,
    codes: Object.fromEntries(CODED_FIELDS.map((f, k) => [f, column(codes, k)])) as RowColumns['codes'],
    numbers: Object.fromEntries(NUMBER_FIELDS.map((f, k) => [f, column(numbers, k)])) as RowColumns['numbers'],
    flags,
  };
  await between();
  const state: SearchState = { ids: Array.from(docRows, (row) => texts.id[row]!), ...search };
  const index = SearchIndex.fromState(state);
  await between();
  return ReadModel.restore({ rows, receivedOrder }, index);
}
