import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../shared/domain/case';
import { newCaseRecord } from '../../shared/domain/newCase';
import { LateSearch } from '../../electron/store/lateSearch';
import { SearchIndex } from '../../electron/store/searchIndex';
import { intake } from '../store/fixtures';

const T0 = Date.UTC(2026, 2, 2, 2);

function aCase(id: string, name: string, content: string): CaseRecord {
  return newCaseRecord({
    id,
    caseNo: `BJ01-20260302-${id.padStart(4, '0')}`,
    branchCode: 'BJ01',
    profileId: 'pawnshop',
    intake: intake({ receivedAt: T0, complainant: { name, phone: '138 1234 5678', address: '朝阳区' }, content }) as never,
    now: T0,
  });
}

describe('LateSearch: a search index that arrives after the rows', () => {
  it('keeps the changes made before it arrives and applies them in order: upserts, rewrites and removals', async () => {
    let arrive: (index: SearchIndex) => void = () => {};
    const late = new LateSearch(new Promise<SearchIndex>((resolve) => (arrive = resolve)));
    expect(late.loaded).toBeNull();
    expect(() => late.now).toThrow(/still loading/);

    late.upsert(aCase('1', '王小明', '鉴定估价偏低。'));
    late.upsert(aCase('2', '李四', '柜台态度生硬。'));
    late.upsert(aCase('1', '王小明', '利息算错。')); // rewritten: the last version counts
    late.remove('2');
    // The index as the snapshot held it: one case the changes above do not touch, one they remove.
    const index = new SearchIndex();
    index.upsert(aCase('3', '赵敏', '赎当被拒。'));
    index.upsert(aCase('2', '李四', '柜台态度生硬。'));
    arrive(index);

    const ready = await late.ready;
    expect(ready).toBe(index);
    expect(late.loaded).toBe(index);
    expect(late.now).toBe(index);
    expect(index.search('利息', 10)).toEqual(['1']);
    expect(index.search('鉴定', 10)).toEqual([]);
    expect(index.search('态度', 10)).toEqual([]);
    expect(index.search('赎当', 10)).toEqual(['3']);

    // From now on, changes go straight into it.
    late.upsert(aCase('4', '孙七', '当票遗失。'));
    expect(index.search('当票', 10)).toEqual(['4']);
    late.remove('3');
    expect(index.search('赎当', 10)).toEqual([]);
  });

  it('is there at once when given an index', async () => {
    const index = new SearchIndex();
    const late = new LateSearch(index);
    expect(late.loaded).toBe(index);
    late.upsert(aCase('1', '王小明', '鉴定估价偏低。'));
    expect(index.search('鉴定', 10)).toEqual(['1']);
    expect(await late.ready).toBe(index);
  });

  it('passes on a failure to load it to whoever awaits it', async () => {
    const late = new LateSearch(Promise.reject(new Error('parts missing')));
    await expect(late.ready).rejects.toThrow('parts missing');
    expect(late.loaded).toBeNull();
  });
});
