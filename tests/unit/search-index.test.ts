import { describe, expect, it } from 'vitest';
import { SearchIndex } from '../../electron/store/searchIndex';

const doc = (id: string, content: string, receivedAt: number) => ({
  id,
  caseNo: `BJ01-20260302-${id}`,
  complainant: { name: '客户', phone: '13800000000', address: '', idNumber: '' },
  businessRef: '',
  content,
  receivedAt,
});

describe('SearchIndex', () => {
  it('returns the newest matches first, at most `limit`, however many match', () => {
    const index = new SearchIndex();
    const times = [5, 1, 9, 3, 7, 2, 8, 6, 4, 0];
    times.forEach((t, i) => index.upsert(doc(String(i).padStart(3, '0'), `第${i}件 鉴定有误`, t)));
    index.upsert(doc('999', '服务态度', 100));
    expect(index.search('鉴定', 3)).toEqual(['002', '006', '004']);
    expect(index.search('鉴定', 50)).toHaveLength(10);
  });

  it('confirms candidates by substring: grams in the wrong order do not match', () => {
    const index = new SearchIndex();
    index.upsert(doc('001', '定鉴鉴', 1));
    index.upsert(doc('002', '鉴定', 2));
    expect(index.search('鉴定', 10)).toEqual(['002']);
  });

  it('forgets removed documents and replaced texts', () => {
    const index = new SearchIndex();
    index.upsert(doc('001', '当票遗失', 1));
    index.upsert(doc('001', '当物破损', 1));
    expect(index.search('遗失', 10)).toEqual([]);
    expect(index.search('破损', 10)).toEqual(['001']);
    index.remove('001');
    expect(index.search('破损', 10)).toEqual([]);
    expect(index.size).toBe(0);
  });
});
