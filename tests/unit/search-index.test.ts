import { describe, expect, it } from 'vitest';
import { SearchIndex } from '../../electron/store/searchIndex';

const doc = (id: string, content: string, receivedAt: number) => ({
  id,
  caseNo: `BJ01-20260302-${id}`,
  complainant: {
    name: '客户',
    phone: '13800000000',
    address: '',
    email: '',
    idType: 'resident_id' as const,
    idNumber: '',
    anonymous: false,
  },
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

describe('SearchIndex: what is searched and how text is folded', () => {
  const record = (id: string, fields: Partial<ReturnType<typeof doc>> & { name?: string; phone?: string }, receivedAt = 1) => {
    const { name = '王小明', phone = '138 1234 5678', ...rest } = fields;
    return {
      ...doc(id, '当物估价偏低', receivedAt),
      complainant: { name, phone, address: '朝阳区', email: '', idType: 'resident_id' as const, idNumber: '', anonymous: false },
      ...rest,
    };
  };

  it('finds a case by number, name, phone, business reference and content; not by address', () => {
    const index = new SearchIndex();
    index.upsert(record('001', { businessRef: 'DP2026030200017' }));
    index.upsert(record('002', { name: '李四', phone: '139 0000 1111', content: '包裹破损' }));
    expect(index.search('BJ01-20260302-001', 10)).toEqual(['001']);
    expect(index.search('小明', 10)).toEqual(['001']);
    expect(index.search('13812345678', 10)).toEqual(['001']);
    expect(index.search('DP2026030200017', 10)).toEqual(['001']);
    expect(index.search('破损', 10)).toEqual(['002']);
    expect(index.search('朝阳', 10)).toEqual([]);
  });

  it('folds full-width, upper case, spaces and dashes, in the text and in the query', () => {
    const index = new SearchIndex();
    index.upsert(record('001', { businessRef: 'ＤＰ－２０２６', phone: '138-1234-5678' }));
    expect(index.search('dp2026', 10)).toEqual(['001']);
    expect(index.search('DP 2026', 10)).toEqual(['001']);
    expect(index.search('138 1234 5678', 10)).toEqual(['001']);
    expect(index.search('１３８１２３４', 10)).toEqual(['001']);
    expect(index.search(' - ', 10)).toEqual([]);
    expect(index.search('', 10)).toEqual([]);
  });

  it('never matches across two fields', () => {
    const index = new SearchIndex();
    index.upsert(record('001', { name: '张三', phone: '13800000000', businessRef: '', content: '投诉' }));
    expect(index.search('三1', 10)).toEqual([]);
    expect(index.search('张三', 10)).toEqual(['001']);
  });

  it('answers a single character, a character outside the BMP and pairs of them', () => {
    const index = new SearchIndex();
    index.upsert(record('001', { content: '𠀀𠀁鉴定' }, 1));
    index.upsert(record('002', { content: '鉴别' }, 2));
    index.upsert(record('003', { content: '无关' }, 3));
    expect(index.search('鉴', 10)).toEqual(['002', '001']);
    expect(index.search('鉴', 1)).toEqual(['002']);
    expect(index.search('𠀁', 10)).toEqual(['001']);
    expect(index.search('𠀀𠀁', 10)).toEqual(['001']);
    expect(index.search('𠀁鉴', 10)).toEqual(['001']);
    expect(index.search('𠀁𠀀', 10)).toEqual([]);
    index.remove('002');
    index.remove('002');
    expect(index.search('鉴', 10)).toEqual(['001']);
    expect(index.size).toBe(2);
  });

  it('orders by received time, kept up to date when only the time changes', () => {
    const index = new SearchIndex();
    index.upsert(record('001', {}, 1));
    index.upsert(record('002', {}, 2));
    expect(index.search('估价', 10)).toEqual(['002', '001']);
    index.upsert(record('001', {}, 3));
    expect(index.search('估价', 10)).toEqual(['001', '002']);
    expect(index.search('估价', 1)).toEqual(['001']);
    expect(index.size).toBe(2);
  });

  it('stays right after dropping the texts it replaced (compaction)', () => {
    const index = new SearchIndex();
    for (let i = 0; i < 10; i++) index.upsert(record(`k${i}`, { content: `保留${i}` }, i));
    for (let n = 0; n < 1500; n++) index.upsert(record('busy', { content: `第${n}版` }, 100));
    expect(index.size).toBe(11);
    expect(index.search('第1499版', 10)).toEqual(['busy']);
    expect(index.search('第1498版', 10)).toEqual([]);
    expect(index.search('版', 10)).toEqual(['busy']);
    expect(index.search('保留', 20)).toEqual(['k9', 'k8', 'k7', 'k6', 'k5', 'k4', 'k3', 'k2', 'k1', 'k0']);
    expect(index.search('保留3', 20)).toEqual(['k3']);
  });
});

describe('SearchIndex, more', () => {
  it('finds nothing for a word no document contains', () => {
    const index = new SearchIndex();
    index.upsert(doc('001', '当票遗失', 1));
    expect(index.search('破损', 10)).toEqual([]);
    expect(index.search('遗失破损', 10)).toEqual([]);
  });

  it('finds a phrase of several characters only where all of it occurs, whichever part is rarer', () => {
    const index = new SearchIndex();
    index.upsert(doc('001', '定有', 1));
    index.upsert(doc('002', '鉴定有误', 2));
    index.upsert(doc('003', '定有理', 3));
    index.upsert(doc('004', '无关', 4));
    index.upsert(doc('005', '重新鉴定', 5));
    expect(index.search('鉴定有', 10)).toEqual(['002']);
    expect(index.search('定有误', 10)).toEqual(['002']);
    expect(index.search('新鉴定有', 10)).toEqual([]);
    expect(index.search('鉴定', 10)).toEqual(['005', '002']);
  });

  it('orders matches received at the same time by id, newest first, whatever order they were indexed in', () => {
    const index = new SearchIndex();
    index.upsert(doc('002', '鉴定有误', 5));
    index.upsert(doc('001', '鉴定有误', 5));
    index.upsert(doc('003', '鉴定有误', 5));
    expect(index.search('鉴定', 10)).toEqual(['003', '002', '001']);
    expect(index.search('鉴定', 2)).toEqual(['003', '002']);
    // Re-indexed with a new text (a new document number), it keeps its place: a rebuild gives the same answer.
    index.upsert(doc('001', '鉴定有误。', 5));
    expect(index.search('鉴定', 10)).toEqual(['003', '002', '001']);
  });

  it('after many removals and a write, counts and finds only the live documents', () => {
    const index = new SearchIndex();
    for (let i = 0; i < 1_100; i++) index.upsert(doc(String(i).padStart(4, '0'), `第${i}件 鉴定有误`, i));
    for (let i = 0; i < 1_050; i++) index.remove(String(i).padStart(4, '0'));
    index.upsert(doc('9999', '鉴定有误', 5_000));
    expect(index.size).toBe(51);
    expect(index.search('鉴定有误', 3)).toEqual(['9999', '1099', '1098']);
    expect(index.search('鉴定有误', 100)).toHaveLength(51);
    expect(index.search('第1件', 10)).toEqual([]);
  });
});
