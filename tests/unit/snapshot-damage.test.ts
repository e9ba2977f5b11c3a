/**
 * The snapshot's decoder refuses bytes whose sections do not fit each other (a SHA-256 that
 * matched bytes written by another version, a bug in the encoder): each check on its own, with
 * the rest of the bytes intact. The store then rebuilds what it could not read (snapshot.ts).
 */
import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../shared/domain/case';
import { newCaseRecord } from '../../shared/domain/newCase';
import { ReadModel } from '../../electron/store/readModel';
import { CODED_FIELDS, TEXT_FIELDS } from '../../electron/store/rowStore';
import { decodeRows, decodeSearch, decodeSnapshot, encodeSnapshot } from '../../electron/store/snapshotFormat';
import { intake } from '../store/fixtures';

const T0 = Date.UTC(2026, 2, 2, 2);

function someCases(): CaseRecord[] {
  return Array.from({ length: 6 }, (_, i) =>
    newCaseRecord({
      id: `case-${i}`,
      caseNo: `BJ01-20260302-${String(i + 1).padStart(4, '0')}`,
      branchCode: 'BJ01',
      profileId: 'pawnshop',
      intake: intake({ content: `第${i}号当票鉴定估价偏低` }) as never,
      now: T0 + i * 3_600_000,
    }),
  );
}

/** The snapshot's sections, each its bytes (the layout of snapshotFormat.ts). */
function sectionsOf(bytes: Uint8Array): Uint8Array[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sections: Uint8Array[] = [];
  for (let at = 8; at < bytes.byteLength;) {
    const length = view.getUint32(at, true);
    sections.push(bytes.slice(at + 8, at + 8 + length));
    at += 8 + Math.ceil(length / 8) * 8;
  }
  return sections;
}

function assembled(sections: Uint8Array[]): Uint8Array {
  const padded = (n: number) => Math.ceil(n / 8) * 8;
  const out = new Uint8Array(8 + sections.reduce((sum, s) => sum + 8 + padded(s.byteLength), 0));
  out.set([0x43, 0x53, 0x52, 0x4d]);
  const view = new DataView(out.buffer);
  let at = 8;
  for (const s of sections) {
    view.setUint32(at, s.byteLength, true);
    out.set(s, at + 8);
    at += 8 + padded(s.byteLength);
  }
  return out;
}

const T = TEXT_FIELDS.length;
/** Where each section is: the head, the text columns, then these. */
const AT = {
  codes: T + 1,
  numbers: T + 2,
  flags: T + 3,
  receivedOrder: T + 4,
  docRows: T + 5,
  searchTexts: T + 6,
  lengths: T + 7,
  receivedAt: T + 8,
  grams: T + 9,
  counts: T + 10,
  docNos: T + 11,
};
const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const parsed = (section: Uint8Array) => JSON.parse(new TextDecoder().decode(section)) as unknown;
/** A section of 32-bit numbers with `edit` applied to a copy of them. */
const editedU32 = (edit: (numbers: Uint32Array) => void) => (section: Uint8Array) => {
  const numbers = new Uint32Array(section.slice().buffer);
  edit(numbers);
  return new Uint8Array(numbers.buffer);
};
const shorter = (section: Uint8Array, by: number) => section.slice(0, section.byteLength - by);

/** The snapshot of a small model with one section replaced by what `change` makes of it. */
function withSection(at: number, change: (section: Uint8Array) => Uint8Array): Uint8Array {
  const model = new ReadModel();
  model.load(someCases());
  const sections = sectionsOf(encodeSnapshot(model));
  expect(sections).toHaveLength(T + 12);
  sections[at] = change(sections[at]!);
  return assembled(sections);
}

const ROWS = /the row sections do not fit each other/;
const SEARCH = /the search sections do not fit each other/;

describe('the snapshot decoder refuses sections that do not fit', () => {
  it('reads back its own sections, put together again, at any byte offset', async () => {
    const cases = someCases();
    const bytes = withSection(0, (head) => head);
    // Not at a multiple of 8 in its buffer: the typed arrays cannot view it in place.
    const shifted = new Uint8Array(new ArrayBuffer(bytes.byteLength + 4), 4, bytes.byteLength);
    shifted.set(bytes);
    for (const b of [bytes, shifted]) {
      const model = await decodeSnapshot(b, async () => {});
      expect(cases.every((c) => model.holds(c))).toBe(true);
      expect(model.search.search('鉴定估价', 10)).toHaveLength(6);
    }
  });

  it('refuses other bytes and truncated ones', async () => {
    const bytes = withSection(0, (head) => head);
    const other = bytes.slice();
    other[1] = 0x41;
    await expect(decodeRows(other)).rejects.toThrow(/not a read-model snapshot/);
    await expect(decodeRows(bytes.slice(0, 12))).rejects.toThrow(/truncated/);
    await expect(decodeRows(bytes.slice(0, 40))).rejects.toThrow(/truncated/);
    const rows = await decodeRows(bytes);
    await expect(decodeSearch(bytes.slice(0, bytes.byteLength - 16), rows)).rejects.toThrow(/truncated/);
  });

  it.each([
    ['a text column one row short', 1, (s: Uint8Array) => json((parsed(s) as string[]).slice(1))],
    ['a text column that is not a list', 2, () => json({ not: 'a list' })],
    [
      'a dictionary that is not a list',
      0,
      (s: Uint8Array) => {
        const head = parsed(s) as { dictionaries: Record<string, unknown> };
        head.dictionaries[CODED_FIELDS[0]!] = 'x';
        return json(head);
      },
    ],
    ['the codes one short', AT.codes, (s: Uint8Array) => shorter(s, 2)],
    ['the numbers one short', AT.numbers, (s: Uint8Array) => shorter(s, 8)],
    ['the flags one short', AT.flags, (s: Uint8Array) => shorter(s, 1)],
    ['the received order one short', AT.receivedOrder, (s: Uint8Array) => shorter(s, 4)],
    [
      'the received order naming a row past the end',
      AT.receivedOrder,
      editedU32((order) => {
        order[0] = order.length;
      }),
    ],
  ])('rows: %s', async (_what, at, change) => {
    await expect(decodeRows(withSection(at, change))).rejects.toThrow(ROWS);
  });

  it.each([
    [
      'a document of a row past the end',
      AT.docRows,
      editedU32((rows) => {
        rows[rows.length - 1] = rows.length;
      }),
    ],
    ['the lengths one short', AT.lengths, (s: Uint8Array) => shorter(s, 4)],
    [
      'lengths that do not add up to the texts',
      AT.lengths,
      editedU32((lengths) => {
        lengths[0]! += 1;
      }),
    ],
    ['the received times one short', AT.receivedAt, (s: Uint8Array) => shorter(s, 8)],
    ['the posting counts one short of the grams', AT.counts, (s: Uint8Array) => shorter(s, 4)],
    [
      'posting counts that do not add up to the postings',
      AT.counts,
      editedU32((counts) => {
        counts[0]! += 1;
      }),
    ],
  ])('search: %s', async (_what, at, change) => {
    const bytes = withSection(at, change);
    const rows = await decodeRows(bytes);
    await expect(decodeSearch(bytes, rows)).rejects.toThrow(SEARCH);
  });
});
