import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeForSearch } from '../../shared/search/normalize';
import { FIELD_SEPARATOR, queryTerms, searchTerms } from '../../shared/search/terms';

/** Text such as cases hold: CJK, ASCII letters, digits and signs, full-width forms, spaces. */
const caseText = fc
  .array(fc.constantFrom(...'王小明鉴定估价偏低快递包裹破损abcSF0123456789１２３-  ，。@'.split('')), { maxLength: 40 })
  .map((chars) => chars.join(''));

describe('searchTerms', () => {
  it('gives every substring of a text only terms of that text, so the index never misses a match', () => {
    fc.assert(
      fc.property(caseText, fc.nat(), fc.nat(), (raw, a, b) => {
        const text = normalizeForSearch(raw);
        const [from, to] = [a % (text.length + 1), b % (text.length + 1)].sort((x, y) => x - y) as [number, number];
        const all = new Set(searchTerms(text));
        const query = text.slice(from, to);
        expect(searchTerms(query).every((t) => all.has(t))).toBe(true);
        // A search looks up some of them, and some as soon as there are any.
        const looked = queryTerms(query);
        expect(looked.every((t) => all.has(t))).toBe(true);
        expect(looked.length > 0).toBe(searchTerms(query).length > 0);
      }),
      { seed: 12, numRuns: 500 },
    );
  });

  it('has a term for one CJK character or three ASCII characters, none for one or two ASCII characters', () => {
    expect(searchTerms('王')).toHaveLength(1);
    expect(searchTerms('abc')).toHaveLength(1);
    expect(searchTerms('ab')).toEqual([]);
    expect(searchTerms('小明')).toHaveLength(3);
  });

  it('looks up a few terms covering the query, not all of them', () => {
    const looked = queryTerms('态度生硬');
    expect(looked).toHaveLength(2);
    expect(searchTerms('态度')).toContain(looked[0]);
    expect(searchTerms('生硬')).toContain(looked[1]);
    expect(queryTerms('王')).toEqual(searchTerms('王'));
    expect(queryTerms('5678')).toEqual([...searchTerms('567'), ...searchTerms('678')]);
    expect(queryTerms('b0817202501030001')).toHaveLength(6);
  });

  it('makes no term across two fields', () => {
    const [left, right] = [searchTerms('ab'), searchTerms(`a${FIELD_SEPARATOR}bc`)];
    expect(left).toEqual([]);
    expect(right).toEqual([]);
    expect(searchTerms(`王${FIELD_SEPARATOR}李`)).toEqual([...searchTerms('王'), ...searchTerms('李')]);
  });

  it('are 32-bit signed integers (PostgreSQL integer)', () => {
    for (const t of searchTerms('客户反映金饰鉴定估价明显低于市场价 13812345678 sf0001'))
      expect(t === (t | 0) && t >= -(2 ** 31) && t < 2 ** 31).toBe(true);
  });
});
