import { ReadModel, type CaseRow } from './readModel';
import { SearchIndex, type SearchState } from './searchIndex';

/**
 * The bytes of a read-model snapshot: the rows as columns and the search index as its postings.
 * Bump SNAPSHOT_FORMAT whenever these bytes, or what a row or a search text is made of (`rowOf`,
 * `searchableText`, `normalizeForSearch`), change: a snapshot of another format is rebuilt, never read.
 *
 * Layout: "CSRM", then sections, each a little-endian u32 byte length, its bytes, and zero padding to
 * a multiple of 8 (so typed arrays can view them in place): the string columns and search texts as
 * UTF-8 JSON, then the number columns (Float64, null as NaN), the flag columns (Uint8), the received
 * order (Uint32), the search documents' received times (Float64), grams (Float64), posting counts
 * (Uint32) and postings (Uint32).
 */
export const SNAPSHOT_FORMAT = 2;

/** How each field of a row is stored; the compiler makes every field of CaseRow appear here. */
const FIELDS = {
  id: 'json',
  caseNo: 'json',
  complainantName: 'json',
  category: 'json',
  severity: 'json',
  state: 'json',
  businessRef: 'json',
  assigneeId: 'json',
  channel: 'json',
  satisfaction: 'json',
  closing: 'json',
  department: 'json',
  responsibility: 'json',
  receivedAt: 'number',
  nextDueAt: 'number',
  acceptedAt: 'number',
  closedAt: 'number',
  dueKey: 'number',
  headSeq: 'number',
  isReport: 'flag',
  finished: 'flag',
  withSupervisor: 'flag',
} as const satisfies Record<keyof CaseRow, 'json' | 'number' | 'flag'>;

type Field = keyof typeof FIELDS;
const fieldsOf = (kind: 'json' | 'number' | 'flag') => (Object.keys(FIELDS) as Field[]).filter((f) => FIELDS[f] === kind);
const JSON_FIELDS = fieldsOf('json');
const NUMBER_FIELDS = fieldsOf('number');
const FLAG_FIELDS = fieldsOf('flag');

const MAGIC = [0x43, 0x53, 0x52, 0x4d]; // "CSRM"

type Section = Uint8Array | Float64Array | Uint32Array;

function asBytes(section: Section): Uint8Array {
  return new Uint8Array(section.buffer, section.byteOffset, section.byteLength);
}

export function encodeSnapshot(model: ReadModel): Uint8Array {
  const { byDue, receivedOrder } = model.exportRows();
  const search = model.search.exportState();
  const n = byDue.length;
  const columns: Record<string, unknown[]> = {};
  for (const f of JSON_FIELDS) columns[f] = byDue.map((r) => r[f]);
  const numbers = new Float64Array(NUMBER_FIELDS.length * n);
  NUMBER_FIELDS.forEach((f, k) => byDue.forEach((r, i) => (numbers[k * n + i] = (r[f] as number | null) ?? Number.NaN)));
  const flags = new Uint8Array(FLAG_FIELDS.length * n);
  FLAG_FIELDS.forEach((f, k) => byDue.forEach((r, i) => (flags[k * n + i] = r[f] ? 1 : 0)));
  const json = new TextEncoder().encode(JSON.stringify({ n, columns, ids: search.ids, texts: search.texts }));
  const sections: Section[] = [json, numbers, flags, receivedOrder, search.receivedAt, search.grams, search.counts, search.docNos];
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
 * other. Values are not scanned one by one: the caller checks the bytes' SHA-256 first.
 */
export function decodeSnapshot(bytes: Uint8Array): ReadModel {
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
  const u8 = ({ offset, length }: { offset: number; length: number }) => new Uint8Array(buffer, offset, length);
  const f64 = ({ offset, length }: { offset: number; length: number }) => new Float64Array(buffer, offset, length / 8);
  const u32 = ({ offset, length }: { offset: number; length: number }) => new Uint32Array(buffer, offset, length / 4);
  const head = JSON.parse(new TextDecoder().decode(u8(next()))) as {
    n: number;
    columns: Record<string, unknown[]>;
    ids: string[];
    texts: string[];
  };
  const numbers = f64(next());
  const flags = u8(next());
  const receivedOrder = u32(next());
  const search: SearchState = {
    ids: head.ids,
    texts: head.texts,
    receivedAt: f64(next()),
    grams: f64(next()),
    counts: u32(next()),
    // A copy: views would keep the whole record (its JSON bytes too) alive for as long as the index lives.
    docNos: u32(next()).slice(),
  };
  const { n } = head;
  const fits =
    JSON_FIELDS.every((f) => head.columns[f]?.length === n) &&
    numbers.length === NUMBER_FIELDS.length * n &&
    flags.length === FLAG_FIELDS.length * n &&
    receivedOrder.length === n &&
    search.texts.length === search.ids.length &&
    search.receivedAt.length === search.ids.length &&
    search.counts.length === search.grams.length &&
    search.counts.reduce((sum, c) => sum + c, 0) === search.docNos.length;
  if (!fits) throw new Error('snapshot: sections do not fit each other');
  const column = (f: Field) => head.columns[f] as never[];
  const number = (f: Field) => {
    const k = NUMBER_FIELDS.indexOf(f);
    return numbers.subarray(k * n, (k + 1) * n);
  };
  const flag = (f: Field) => {
    const k = FLAG_FIELDS.indexOf(f);
    return flags.subarray(k * n, (k + 1) * n);
  };
  const orNull = (v: number) => (Number.isNaN(v) ? null : v);
  const [
    id,
    caseNo,
    complainantName,
    category,
    severity,
    state,
    businessRef,
    assigneeId,
    channel,
    satisfaction,
    closing,
    department,
    responsibility,
  ] = (
    [
      'id',
      'caseNo',
      'complainantName',
      'category',
      'severity',
      'state',
      'businessRef',
      'assigneeId',
      'channel',
      'satisfaction',
      'closing',
      'department',
      'responsibility',
    ] as const
  ).map(column);
  const [receivedAt, nextDueAt, acceptedAt, closedAt, dueKey, headSeq] = (
    ['receivedAt', 'nextDueAt', 'acceptedAt', 'closedAt', 'dueKey', 'headSeq'] as const
  ).map(number);
  const [isReport, finished, withSupervisor] = (['isReport', 'finished', 'withSupervisor'] as const).map(flag);
  const rows: CaseRow[] = [];
  for (let i = 0; i < n; i++) {
    // The literal in rowOf's field order, so restored rows share the shape of built ones.
    rows.push({
      id: id![i]!,
      caseNo: caseNo![i]!,
      complainantName: complainantName![i]!,
      category: category![i]!,
      severity: severity![i]!,
      state: state![i]!,
      isReport: isReport![i] === 1,
      businessRef: businessRef![i]!,
      assigneeId: assigneeId![i]!,
      receivedAt: receivedAt![i]!,
      nextDueAt: orNull(nextDueAt![i]!),
      channel: channel![i]!,
      satisfaction: satisfaction![i]!,
      acceptedAt: orNull(acceptedAt![i]!),
      finished: finished![i] === 1,
      closing: closing![i]!,
      closedAt: orNull(closedAt![i]!),
      department: department![i]!,
      responsibility: responsibility![i]!,
      dueKey: dueKey![i]!,
      headSeq: headSeq![i]!,
      withSupervisor: withSupervisor![i] === 1,
    });
  }
  return ReadModel.restore(rows, receivedOrder, SearchIndex.fromState(search));
}
