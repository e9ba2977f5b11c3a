import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { branchCodeSchema, chinaDayKey, formatCaseNumber, parseCaseNumber } from '../../shared/domain/caseNumber';

describe('chinaDayKey', () => {
  it.each([
    ['2026-03-01T16:30:00Z', '20260302'], // 00:30 on 2 March in China
    ['2026-03-01T15:59:59.999Z', '20260301'], // 23:59:59.999 on 1 March in China
    ['2026-03-01T16:00:00Z', '20260302'], // China midnight exactly
    ['2026-03-02T02:00:00Z', '20260302'],
    ['2025-12-31T16:00:00Z', '20260101'], // new year in China while still 2025 in UTC
    ['2025-12-31T15:59:59Z', '20251231'],
    ['2028-02-28T16:00:00Z', '20280229'], // leap day
    ['2027-02-28T16:00:00Z', '20270301'],
  ])('%s is %s in China', (iso, key) => {
    expect(chinaDayKey(Date.parse(iso))).toBe(key);
  });

  it('agrees with a China wall-clock date written with +08:00', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-02T00:00:00Z'), max: new Date('2099-12-30T00:00:00Z'), noInvalidDate: true }), (d) => {
        const at = d.getTime();
        const key = chinaDayKey(at);
        const start = Date.parse(`${key.slice(0, 4)}-${key.slice(4, 6)}-${key.slice(6)}T00:00:00+08:00`);
        expect(at).toBeGreaterThanOrEqual(start);
        expect(at).toBeLessThan(start + 86_400_000);
      }),
      { numRuns: 300 },
    );
  });
});

describe('formatCaseNumber', () => {
  it.each([
    ['BJ01', '20260302', 1, 'BJ01-20260302-001'],
    ['BJ01', '20260302', 7, 'BJ01-20260302-007'],
    ['SZ', '20260302', 42, 'SZ-20260302-042'],
    ['BJ01', '20260302', 999, 'BJ01-20260302-999'],
    ['BJ01', '20260302', 1000, 'BJ01-20260302-1000'],
    ['HZ0571', '20261231', 12345, 'HZ0571-20261231-12345'],
  ])('%s %s #%i → %s', (branch, day, seq, expected) => {
    expect(formatCaseNumber(branch, day, seq)).toBe(expected);
  });
});

describe('parseCaseNumber', () => {
  it.each([
    ['BJ01-20260302-001', { branchCode: 'BJ01', dayKey: '20260302', seq: 1 }],
    ['BJ01-20260302-999', { branchCode: 'BJ01', dayKey: '20260302', seq: 999 }],
    ['BJ01-20260302-1000', { branchCode: 'BJ01', dayKey: '20260302', seq: 1000 }],
    ['ABCDEFGHIJKL-20260302-123456', { branchCode: 'ABCDEFGHIJKL', dayKey: '20260302', seq: 123456 }],
  ])('%s', (caseNo, parts) => {
    expect(parseCaseNumber(caseNo)).toEqual(parts);
  });

  it.each([
    ['', 'empty'],
    ['bj01-20260302-001', 'lower-case branch'],
    ['B-20260302-001', 'branch too short'],
    ['ABCDEFGHIJKLM-20260302-001', 'branch too long'],
    ['BJ01-2026032-001', 'seven-digit day'],
    ['BJ01-2026-03-02-001', 'dashed date'],
    ['BJ01-20260302-01', 'two-digit sequence'],
    ['BJ01-20260302-001 ', 'trailing space'],
    ['BJ01_20260302_001', 'wrong separators'],
    ['BJ01-20260302', 'no sequence'],
    ['京01-20260302-001', 'CJK branch'],
  ])('%s is refused (%s)', (caseNo) => {
    expect(parseCaseNumber(caseNo)).toBeNull();
  });

  it('round-trips every branch, day and sequence, including sequences past 999', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Z0-9]{2,12}$/),
        fc.date({ min: new Date('2000-01-02T00:00:00Z'), max: new Date('2099-12-30T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 999_999 }), // a day never reaches a million (CASE_NO)
        (branch, d, seq) => {
          const day = chinaDayKey(d.getTime());
          const caseNo = formatCaseNumber(branch, day, seq);
          expect(caseNo.split('-')[2]!.length).toBe(Math.max(3, String(seq).length));
          expect(parseCaseNumber(caseNo)).toEqual({ branchCode: branch, dayKey: day, seq });
          expect(branchCodeSchema.safeParse(branch).success).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('numbers of one day sort by sequence as strings while the sequence has three digits', () => {
    const nos = [1, 2, 10, 99, 100, 999].map((n) => formatCaseNumber('BJ01', '20260302', n));
    expect([...nos].sort()).toEqual(nos);
  });
});

describe('branchCodeSchema', () => {
  it.each(['BJ', 'BJ01', 'SZ0755', 'ABCDEFGHIJKL', '01'])('accepts %s', (code) => {
    expect(branchCodeSchema.safeParse(code).success).toBe(true);
  });

  it.each(['', 'B', 'bj01', 'BJ-01', 'ABCDEFGHIJKLM', '北京', 'BJ 01'])('refuses %s with errors.branch.code', (code) => {
    const r = branchCodeSchema.safeParse(code);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('errors.branch.code');
  });

  it('refuses a non-string with errors.branch.code', () => {
    expect(branchCodeSchema.safeParse(42).error?.issues[0]?.message).toBe('errors.branch.code');
  });
});
