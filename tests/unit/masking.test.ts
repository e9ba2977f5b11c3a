import { describe, expect, it } from 'vitest';
import { looksMasked, maskComplainant, maskEmail, maskName, maskPhone, maskReference } from '../../shared/domain/masking';

describe('masking personal data', () => {
  it.each([
    ['13812348000', '138****8000'],
    ['0755-88881234', '0755-****1234'],
    ['010-6512345', '010-***2345'],
    ['0755-88881234-8', '0755-****1234-*'],
    ['4008108888', '400***8888'],
    ['+85291234567', '+85*****4567'],
    ['+12125550123', '+12*****0123'],
    ['12345', '****5'],
    ['', ''],
  ])('phone %s → %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it('names keep their first character, references their last four, e-mail the first letter and the domain', () => {
    expect(maskName('王小明')).toBe('王**');
    expect(maskName('欧阳')).toBe('欧*');
    expect(maskName('王')).toBe('*');
    expect(maskName('')).toBe('');
    expect(maskReference('DP2026030200017')).toBe('***********0017');
    expect(maskEmail('wang@example.com')).toBe('w***@example.com');
  });

  it('masks the ID number with the document type rule; what the reader may see stays', () => {
    const c = {
      name: '王小明',
      phone: '13812348000',
      address: '朝阳区',
      email: 'wang@example.com',
      idType: 'resident_id' as const,
      idNumber: '11010519491231002X',
      anonymous: false,
    };
    expect(maskComplainant(c, { idNumber: false, phone: true, contact: true })).toEqual({ ...c, idNumber: '110105********002X' });
    expect(maskComplainant(c, { idNumber: true, phone: false, contact: false })).toEqual({
      ...c,
      name: '王**',
      phone: '138****8000',
      address: '****',
      email: 'w***@example.com',
    });
    expect(
      maskComplainant({ ...c, idType: 'passport', idNumber: 'E12345678' }, { idNumber: false, phone: true, contact: true }).idNumber,
    ).toBe('E*****678');
    expect(maskComplainant({ ...c, idNumber: '' }, { idNumber: false, phone: true, contact: true }).idNumber).toBe('');
    expect(looksMasked('110105********002X')).toBe(true);
    expect(looksMasked('11010519491231002X')).toBe(false);
  });
});
