import { describe, expect, it } from 'vitest';
import { Postings, type PostingList } from '../../electron/store/postings';
import { TextPool } from '../../electron/store/textPool';

const all = (list: PostingList | null) => (list ? [...list.frozen, ...list.added] : null);

describe('Postings', () => {
  it('keeps each gram ascending across the frozen block and the lists added since', () => {
    const p = new Postings();
    p.add(7, 0);
    p.add(7, 0); // a gram repeated within one document counts once
    p.add(3, 1);
    p.add(7, 2);
    p.freeze();
    p.add(7, 5);
    p.add(9, 5);
    expect(all(p.list(7))).toEqual([0, 2, 5]);
    expect(p.list(7)!.length).toBe(3);
    expect(all(p.list(3))).toEqual([1]);
    expect(all(p.list(9))).toEqual([5]);
    expect(p.list(4)).toBeNull();
    p.freeze();
    expect(all(p.list(7))).toEqual([0, 2, 5]);
    expect(p.list(7)!.added).toEqual([]);
    expect(all(p.list(9))).toEqual([5]);
  });

  it('folds the added lists into the block once they reach an eighth of it, not before', () => {
    const p = new Postings();
    let doc = 0;
    const addDocs = (n: number) => {
      for (let i = 0; i < n; i++, doc++) for (let g = 0; g < 100; g++) p.add(g, doc);
    };
    addDocs(1000); // 100,000 entries
    p.settle();
    expect(p.list(1)!.added.length).toBe(1000); // not above the floor of 100,000 entries yet
    addDocs(1);
    p.settle();
    expect(p.list(1)!.added.length).toBe(0);
    expect(p.list(1)!.frozen.length).toBe(1001);
    addDocs(100);
    p.settle();
    expect(p.list(1)!.added.length).toBe(100);
  });

  it('exports renumbered without the dead documents and reads its export back', () => {
    const p = new Postings();
    [
      [1, 0],
      [1, 1],
      [2, 1],
      [1, 2],
      [3, 1],
    ].forEach(([gram, doc]) => p.add(gram!, doc!));
    const renumbered = Int32Array.from([0, -1, 1]);
    const out = p.export(renumbered);
    expect(Array.from(out.grams)).toEqual([1]);
    expect(Array.from(out.counts)).toEqual([2]);
    expect(Array.from(out.docNos)).toEqual([0, 1]);
    const back = Postings.fromArrays(out.grams, out.counts, out.docNos);
    expect(all(back.list(1))).toEqual([0, 1]);
    expect(back.list(2)).toBeNull();
  });
});

describe('TextPool', () => {
  it('gives back each text and finds substrings unit by unit, also beyond the BMP and past its first growth', () => {
    const pool = new TextPool();
    const long = '当'.repeat(5000);
    const texts = ['客户反映鉴定估价', '', 'a𠀋b', long];
    const starts = texts.map((t) => pool.append(t));
    texts.forEach((t, i) => expect(pool.text(starts[i]!, t.length)).toBe(t));
    expect(pool.includes(starts[0]!, texts[0]!.length, '鉴定')).toBe(true);
    expect(pool.includes(starts[0]!, texts[0]!.length, '定鉴')).toBe(false);
    expect(pool.includes(starts[2]!, texts[2]!.length, '𠀋b')).toBe(true);
    // A text never matches across its end into the next one.
    expect(pool.includes(starts[0]!, texts[0]!.length, '估价a')).toBe(false);
    const copy = TextPool.of(pool.view());
    expect(copy.text(starts[3]!, long.length)).toBe(long);
  });
});
