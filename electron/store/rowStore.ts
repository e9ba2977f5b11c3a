import type { CaseSummary } from '../../shared/api/contract';
import { summaryOf, type CaseRow } from './caseRow';
import { withRoom } from './growable';

/**
 * How each field of a row is kept (the compiler makes every field of CaseRow appear here):
 * - 'text': a JS string per row (ids, case numbers, names, references: nearly all distinct);
 * - 'coded': a 16-bit code into the column's dictionary (states, categories, staff: few values);
 * - 'number' (never null) and 'number?' (null kept as NaN): a Float64Array;
 * - 'flag': a bit of one byte per row;
 * - 'derived': computed from other fields (nextDueAt is dueKey when finite).
 * The snapshot stores the columns as they are here (electron/store/snapshotFormat.ts).
 */
export const ROW_FIELDS = {
  id: 'text',
  caseNo: 'text',
  complainantName: 'text',
  businessRef: 'text',
  category: 'coded',
  severity: 'coded',
  state: 'coded',
  assigneeId: 'coded',
  channel: 'coded',
  satisfaction: 'coded',
  closing: 'coded',
  department: 'coded',
  responsibility: 'coded',
  receivedAt: 'number',
  dueKey: 'number',
  headSeq: 'number',
  acceptedAt: 'number?',
  closedAt: 'number?',
  isReport: 'flag',
  finished: 'flag',
  withSupervisor: 'flag',
  nextDueAt: 'derived',
} as const satisfies Record<keyof CaseRow, 'text' | 'coded' | 'number' | 'number?' | 'flag' | 'derived'>;

type Kind = (typeof ROW_FIELDS)[keyof typeof ROW_FIELDS];
type FieldOf<K extends Kind> = { [F in keyof typeof ROW_FIELDS]: (typeof ROW_FIELDS)[F] extends K ? F : never }[keyof typeof ROW_FIELDS];
export type TextField = FieldOf<'text'>;
export type CodedField = FieldOf<'coded'>;
export type NumberField = FieldOf<'number' | 'number?'>;
export type FlagField = FieldOf<'flag'>;

const fieldsOf = <K extends Kind>(...kinds: K[]) =>
  (Object.keys(ROW_FIELDS) as (keyof typeof ROW_FIELDS)[]).filter((f) => (kinds as Kind[]).includes(ROW_FIELDS[f])) as FieldOf<K>[];
export const TEXT_FIELDS = fieldsOf('text');
export const CODED_FIELDS = fieldsOf('coded');
export const NUMBER_FIELDS = fieldsOf('number', 'number?');
export const FLAG_FIELDS = fieldsOf('flag');
const BIT = Object.fromEntries(FLAG_FIELDS.map((f, i) => [f, 1 << i])) as Record<FlagField, number>;

/** The values of a coded column, each given the next code the first time it is seen. */
export class Dictionary {
  readonly values: (string | null)[] = [];
  private codes = new Map<string | null, number>();

  constructor(values: readonly (string | null)[] = []) {
    for (const v of values) this.code(v);
  }

  code(value: string | null): number {
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.codes.set(value, code);
    }
    return code;
  }

  /** The code of a value, or -1 when no row has ever held it. */
  find(value: string | null): number {
    return this.codes.get(value) ?? -1;
  }
}

/** The columns as plain arrays, for the snapshot: `count` rows. */
export interface RowColumns {
  count: number;
  texts: Record<TextField, string[]>;
  dictionaries: Record<CodedField, (string | null)[]>;
  codes: Record<CodedField, Uint16Array>;
  numbers: Record<NumberField, Float64Array>;
  flags: Uint8Array;
}

/**
 * The read model's rows as columns: a row is a number (its slot), and each field a column indexed
 * by it. 100,000 rows as objects took about 30 MB of JS heap (an object, boxed numbers and
 * pointers per row); as columns, the strings that are nearly all distinct stay JS strings and
 * everything else lives in typed arrays.
 */
export class RowStore {
  private slotOf = new Map<string, number>();
  /** Slots in use or left empty by a dropped row (`texts.id[slot] === ''`). */
  private used = 0;
  private texts = Object.fromEntries(TEXT_FIELDS.map((f) => [f, [] as string[]])) as Record<TextField, string[]>;
  readonly dictionaries = Object.fromEntries(CODED_FIELDS.map((f) => [f, new Dictionary()])) as Record<CodedField, Dictionary>;
  private codes = Object.fromEntries(CODED_FIELDS.map((f) => [f, new Uint16Array(16)])) as Record<CodedField, Uint16Array>;
  private numbers = Object.fromEntries(NUMBER_FIELDS.map((f) => [f, new Float64Array(16)])) as Record<NumberField, Float64Array>;
  private flags = new Uint8Array(16);

  get size(): number {
    return this.slotOf.size;
  }

  slot(id: string): number | undefined {
    return this.slotOf.get(id);
  }

  ids(): IterableIterator<string> {
    return this.slotOf.keys();
  }

  slots(): IterableIterator<number> {
    return this.slotOf.values();
  }

  /** A new slot for `row` (whose id the store does not hold). */
  add(row: CaseRow): number {
    const slot = this.used++;
    for (const f of CODED_FIELDS) this.codes[f] = withRoom(this.codes[f], this.used);
    for (const f of NUMBER_FIELDS) this.numbers[f] = withRoom(this.numbers[f], this.used);
    this.flags = withRoom(this.flags, this.used);
    this.slotOf.set(row.id, slot);
    this.write(slot, row);
    return slot;
  }

  write(slot: number, row: CaseRow): void {
    for (const f of TEXT_FIELDS) this.texts[f][slot] = row[f];
    for (const f of CODED_FIELDS) this.codes[f][slot] = this.dictionaries[f].code(row[f]);
    for (const f of NUMBER_FIELDS) this.numbers[f][slot] = row[f] ?? Number.NaN;
    let bits = 0;
    for (const f of FLAG_FIELDS) if (row[f]) bits |= BIT[f];
    this.flags[slot] = bits;
  }

  /** Forgets a row; its slot stays empty (slots are never renumbered while the model lives). */
  drop(slot: number): void {
    this.slotOf.delete(this.texts.id[slot]!);
    for (const f of TEXT_FIELDS) this.texts[f][slot] = '';
    if (slot === this.used - 1) this.used--;
  }

  id(slot: number): string {
    return this.texts.id[slot]!;
  }

  text(field: TextField, slot: number): string {
    return this.texts[field][slot]!;
  }

  code(field: CodedField, slot: number): number {
    return this.codes[field][slot]!;
  }

  value(field: CodedField, slot: number): string | null {
    return this.dictionaries[field].values[this.codes[field][slot]!]!;
  }

  number(field: NumberField, slot: number): number {
    return this.numbers[field][slot]!;
  }

  flag(field: FlagField, slot: number): boolean {
    return (this.flags[slot]! & BIT[field]) !== 0;
  }

  /** The row of a slot as an object (for statistics and pages: built on demand, not kept). */
  row(slot: number): CaseRow {
    const { texts: t, codes: c, numbers: n } = this;
    const d = this.dictionaries;
    const dueKey = n.dueKey[slot]!;
    const acceptedAt = n.acceptedAt[slot]!;
    const closedAt = n.closedAt[slot]!;
    const bits = this.flags[slot]!;
    // rowOf's field order, so built rows share one shape.
    return {
      id: t.id[slot]!,
      caseNo: t.caseNo[slot]!,
      complainantName: t.complainantName[slot]!,
      category: d.category.values[c.category[slot]!]!,
      severity: d.severity.values[c.severity[slot]!] as CaseRow['severity'],
      state: d.state.values[c.state[slot]!] as CaseRow['state'],
      isReport: (bits & BIT.isReport) !== 0,
      businessRef: t.businessRef[slot]!,
      assigneeId: d.assigneeId.values[c.assigneeId[slot]!]!,
      receivedAt: n.receivedAt[slot]!,
      nextDueAt: Number.isFinite(dueKey) ? dueKey : null,
      channel: d.channel.values[c.channel[slot]!] as CaseRow['channel'],
      satisfaction: d.satisfaction.values[c.satisfaction[slot]!] as CaseRow['satisfaction'],
      acceptedAt: Number.isNaN(acceptedAt) ? null : acceptedAt,
      finished: (bits & BIT.finished) !== 0,
      closing: d.closing.values[c.closing[slot]!] as CaseRow['closing'],
      closedAt: Number.isNaN(closedAt) ? null : closedAt,
      department: d.department.values[c.department[slot]!]!,
      responsibility: d.responsibility.values[c.responsibility[slot]!] as CaseRow['responsibility'],
      dueKey,
      headSeq: n.headSeq[slot]!,
      withSupervisor: (bits & BIT.withSupervisor) !== 0,
    };
  }

  summary(slot: number): CaseSummary {
    return summaryOf(this.row(slot));
  }

  /** The rows of `order` (slots) as columns, renumbered 0…n−1 in that order. */
  columns(order: ArrayLike<number>): RowColumns {
    const n = order.length;
    const texts = Object.fromEntries(TEXT_FIELDS.map((f) => [f, Array.from({ length: n }, (_, i) => this.texts[f][order[i]!]!)]));
    const codes = Object.fromEntries(
      CODED_FIELDS.map((f) => {
        const column = new Uint16Array(n);
        for (let i = 0; i < n; i++) column[i] = this.codes[f][order[i]!]!;
        return [f, column];
      }),
    );
    const numbers = Object.fromEntries(
      NUMBER_FIELDS.map((f) => {
        const column = new Float64Array(n);
        for (let i = 0; i < n; i++) column[i] = this.numbers[f][order[i]!]!;
        return [f, column];
      }),
    );
    const flags = new Uint8Array(n);
    for (let i = 0; i < n; i++) flags[i] = this.flags[order[i]!]!;
    const dictionaries = Object.fromEntries(CODED_FIELDS.map((f) => [f, this.dictionaries[f].values.slice()]));
    return { count: n, texts, codes, numbers, flags, dictionaries } as RowColumns;
  }

  /** A store holding `columns`' rows in slots 0…n−1 (copied: the caller's arrays may be views of a larger record). */
  static fromColumns(columns: RowColumns): RowStore {
    const store = new RowStore();
    const n = columns.count;
    const room = n + Math.max(1024, n >>> 4);
    store.used = n;
    for (const f of TEXT_FIELDS) store.texts[f] = columns.texts[f];
    for (const f of CODED_FIELDS) {
      (store.dictionaries as Record<CodedField, Dictionary>)[f] = new Dictionary(columns.dictionaries[f]);
      store.codes[f] = new Uint16Array(room);
      store.codes[f].set(columns.codes[f]);
    }
    for (const f of NUMBER_FIELDS) {
      store.numbers[f] = new Float64Array(room);
      store.numbers[f].set(columns.numbers[f]);
    }
    store.flags = new Uint8Array(room);
    store.flags.set(columns.flags);
    const ids = store.texts.id;
    for (let i = 0; i < n; i++) store.slotOf.set(ids[i]!, i);
    return store;
  }
}
