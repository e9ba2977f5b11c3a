import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { displayPhone, halfWidth, isValidPhone, parsePhone } from '../../shared/domain/phone';
import { idCheckChar, isValidIdNumber } from '../../shared/domain/idNumber';
import { complainantSchema, normalizedPhone, phoneField, idNumberField } from '../../shared/domain/case';

describe('phone numbers', () => {
  const valid: [string, 'mobile' | 'landline' | 'service', string][] = [
    ['13812345678', 'mobile', '13812345678'],
    ['+86 138-1234-5678', 'mobile', '13812345678'],
    ['+8613812345678', 'mobile', '13812345678'],
    ['8613812345678', 'mobile', '13812345678'],
    ['0086 138 1234 5678', 'mobile', '13812345678'],
    ['138 1234 5678', 'mobile', '13812345678'],
    ['(+86) 199 0000 1111', 'mobile', '19900001111'],
    ['  15012345678  ', 'mobile', '15012345678'],
    ['010-12345678', 'landline', '010-12345678'],
    ['(010) 1234 5678', 'landline', '010-12345678'],
    ['01012345678', 'landline', '010-12345678'],
    ['02012345678', 'landline', '020-12345678'],
    ['021-1234567', 'landline', '021-1234567'],
    ['0755-88881234', 'landline', '0755-88881234'],
    ['0755 8888 1234 转 123', 'landline', '0755-88881234-123'],
    ['0755-88881234转8', 'landline', '0755-88881234-8'],
    ['0755-88881234 ext. 12', 'landline', '0755-88881234-12'],
    ['0755-88881234 EXT 12', 'landline', '0755-88881234-12'],
    ['0755-88881234#8', 'landline', '0755-88881234-8'],
    ['010 1234 5678 x 123456', 'landline', '010-12345678-123456'],
    ['0571-8765432', 'landline', '0571-8765432'],
    ['+86 010 12345678', 'landline', '010-12345678'],
    ['400-810-8888', 'service', '4008108888'],
    ['400 810 8888', 'service', '4008108888'],
    ['800 820 8820', 'service', '8008208820'],
    ['+86 400 810 8888', 'service', '4008108888'],
  ];

  it.each(valid)('%s is a %s number, stored as %s', (input, kind, normalized) => {
    expect(parsePhone(input)).toEqual({ kind, normalized });
    expect(isValidPhone(input)).toBe(true);
    expect(normalizedPhone(input)).toBe(normalized);
  });

  const invalid: [string, string][] = [
    ['', 'empty'],
    ['   ', 'blank'],
    ['12345678901', 'mobile prefix 12'],
    ['10012345678', 'mobile prefix 10'],
    ['1381234567', '10-digit mobile'],
    ['138123456789', '12-digit mobile'],
    ['13812345678 转 12', 'mobile with an extension'],
    ['4008108888 转 1', 'service number with an extension'],
    ['40081088881', 'service number too long'],
    ['500-810-8888', 'not a 400/800 number'],
    ['010-0123456', 'local number starting with 0'],
    ['010-123456', 'local number too short'],
    ['0755-888812345', 'local number too long'],
    ['0123-4567890', 'area code 01x (not 010)'],
    ['01012345678901', 'far too long'],
    ['12345678', 'local number without area code'],
    ['+1 015 555 0100', 'North American area code starting with 0'],
    ['+852 1234 5678', 'Hong Kong number starting with 1'],
    ['+852 9123 456', 'Hong Kong number of 7 digits'],
    ['+853 1234 5678', 'Macau number starting with 1'],
    ['+886 0912 345 678', 'Taiwan number with its trunk 0 kept'],
    ['+886 9123 4567', 'Taiwan mobile of 8 digits'],
    ['+0 123 456 789', 'country code 0'],
    ['+44 20 7946 0958 123456', 'more than 15 digits in all'],
    ['+852 9123 4567 转 8', 'international number with an extension'],
    ['++852 9123 4567', 'two plus signs'],
    ['+85２ ９１２３ ４５６７ａ', 'full-width letter'],
    ['138-1234-567a', 'letters'],
    ['电话13812345678', 'words'],
    ['010 1234 5678 x 1234567', 'extension longer than 6 digits'],
  ];

  it.each(invalid)('%s is refused (%s)', (input) => {
    expect(parsePhone(input)).toBeNull();
    expect(isValidPhone(input)).toBe(false);
    expect(normalizedPhone(input)).toBe(input);
  });

  const international: [string, string][] = [
    ['+852 9123 4567', '+85291234567'],
    ['+852-2123-4567', '+85221234567'],
    ['00852 6123 4567', '+85261234567'],
    ['(+853) 6612 3456', '+85366123456'],
    ['+853 2833 1234', '+85328331234'],
    ['+886 912 345 678', '+886912345678'],
    ['+886 2 2345 6789', '+886223456789'],
    ['+886 7 123 4567', '+88671234567'],
    ['+1 415 555 0100', '+14155550100'],
    ['+1 (212) 555-0199', '+12125550199'],
    ['+44 20 7946 0958', '+442079460958'],
    ['+81 90 1234 5678', '+819012345678'],
    ['+65 8123 4567', '+6581234567'],
    ['+61 4 1234 5678', '+61412345678'],
    ['+351 912 345 678', '+351912345678'],
    ['+971 50 123 4567', '+971501234567'],
  ];

  it.each(international)('%s, a number abroad, is stored in E.164 form as %s', (input, normalized) => {
    expect(parsePhone(input)).toEqual({ kind: 'international', normalized });
    expect(normalizedPhone(input)).toBe(normalized);
  });

  const fullWidth: [string, string][] = [
    ['１３８１２３４５６７８', '13812345678'],
    ['１３８－１２３４－５６７８', '13812345678'],
    ['＋８６　１３８　１２３４　５６７８', '13812345678'],
    ['（０１０）６５１２３４５６', '010-65123456'],
    ['０７５５—８８８８１２３４＃８', '0755-88881234-8'],
    ['＋８５２　９１２３　４５６７', '+85291234567'],
    ['＋８８６ ９１２ ３４５ ６７８', '+886912345678'],
    ['+1 415－555－0100', '+14155550100'],
  ];

  it.each(fullWidth)('%s, typed with a Chinese IME in full-width mode, is converted and stored as %s', (input, normalized) => {
    expect(parsePhone(input)?.normalized).toBe(normalized);
    expect(displayPhone(input)).toBe(normalized);
  });

  it('halfWidth converts full-width digits, ＋, （）, ideographic spaces and IME dashes, and leaves other text alone', () => {
    expect(halfWidth('＋８５２（０）－—–‐−ー\u3000')).toBe('+852(0)------ ');
    expect(halfWidth('电话')).toBe('电话');
  });

  it('displayPhone shows an invalid number half-width, so the clerk sees what the store will judge', () => {
    expect(displayPhone('１２３４５')).toBe('12345');
  });

  it('the phone field refuses an invalid number with errors.phone.invalid, takes a blank one as empty (the contact rule decides) and stores the normalized form', () => {
    const bad = phoneField.safeParse('12345');
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.message)).toContain('errors.phone.invalid');
    expect(phoneField.safeParse('').data).toBe('');
    expect(phoneField.safeParse('   ').data).toBe('');
    expect(phoneField.safeParse('+86 138-1234-5678').data).toBe('13812345678');
    expect(phoneField.safeParse('＋８５２ ９１２３ ４５６７').data).toBe('+85291234567');
  });

  it('a complainant with a valid number passes the schema', () => {
    expect(complainantSchema.safeParse({ name: '张三', phone: '+86 138-1234-5678' }).success).toBe(true);
  });

  it('every mobile prefix 13x–19x with 9 more digits is valid and normalises to its 11 digits', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 9 }),
        fc.stringMatching(/^\d{9}$/),
        fc.constantFrom('', '+86 ', '0086', '86'),
        (second, rest, prefix) => {
          const digits = `1${second}${rest}`;
          const spaced = `${prefix}${digits.slice(0, 3)} ${digits.slice(3, 7)}-${digits.slice(7)}`;
          expect(parsePhone(spaced)).toEqual({ kind: 'mobile', normalized: digits });
        },
      ),
      { numRuns: 200 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// ID numbers. The check character is computed here from GB 11643-1999 itself (ISO 7064 MOD 11-2):
// weight of position i (1 = rightmost) is 2^(i-1) mod 11; check = (12 − Σ mod 11) mod 11, 10 → X.
// ---------------------------------------------------------------------------------------------

function gbCheck(first17: string): string {
  let sum = 0;
  for (let k = 0; k < 17; k++) {
    const positionFromRight = 18 - k;
    let weight = 1;
    for (let j = 1; j < positionFromRight; j++) weight = (weight * 2) % 11;
    sum += Number(first17[k]) * weight;
  }
  const check = (12 - (sum % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}

const withCheck = (first17: string) => first17 + gbCheck(first17);

describe('ID numbers (GB 11643)', () => {
  it("the independent check matches the standard's published example 11010519491231002X", () => {
    expect(gbCheck('11010519491231002')).toBe('X');
    expect(gbCheck('44052418800101001')).toBe('4');
  });

  const valid = [
    withCheck('11010519491231002'),
    withCheck('11010119900307123'),
    withCheck('44030519851120041'),
    withCheck('31011520000229002'), // 2000 is a leap year
    withCheck('51010719991231999'),
    withCheck('65010220240101001'),
  ];

  it.each(valid)('%s is valid', (id) => {
    expect(isValidIdNumber(id)).toBe(true);
    expect(idCheckChar(id.slice(0, 17))).toBe(id[17]);
  });

  it('a number whose check digit is X is valid, in upper or lower case', () => {
    const id = valid.find((v) => v.endsWith('X'))!;
    expect(id).toBe('11010519491231002X');
    expect(isValidIdNumber(id)).toBe(true);
    expect(isValidIdNumber(id.toLowerCase())).toBe(true);
  });

  it('finds more X check digits among generated numbers, and accepts them', () => {
    const xs = Array.from({ length: 200 }, (_, i) => `33010619880815${String(i).padStart(3, '0')}`)
      .map(withCheck)
      .filter((id) => id.endsWith('X'));
    expect(xs.length).toBeGreaterThan(5);
    for (const id of xs) expect(isValidIdNumber(id)).toBe(true);
  });

  it.each([
    ['19990230', 'February 30'],
    ['20010229', 'February 29 of a common year'],
    ['19001301', 'month 13'],
    ['19900000', 'day 0'],
    ['19900431', 'April 31'],
    ['19900132', 'day 32'],
  ])('a birth date of %s (%s) is refused even with the right check digit', (date) => {
    expect(isValidIdNumber(withCheck(`110101${date}123`))).toBe(false);
  });

  it('a wrong check digit is refused', () => {
    for (const id of valid) {
      for (const wrong of '0123456789X') {
        if (wrong === id[17]) continue;
        expect(isValidIdNumber(id.slice(0, 17) + wrong), id.slice(0, 17) + wrong).toBe(false);
      }
    }
  });

  it('a single changed digit is caught by the check', () => {
    const id = withCheck('11010119900307123');
    for (let i = 0; i < 17; i++) {
      const d = (Number(id[i]) + 1) % 10;
      if (i === 0 && d === 0) continue;
      const changed = id.slice(0, i) + d + id.slice(i + 1);
      if (!isValidIdNumber(changed.slice(0, 17) + gbCheck(changed.slice(0, 17)))) continue; // changed the date into an impossible one
      expect(isValidIdNumber(changed), changed).toBe(false);
    }
  });

  it.each([
    ['110105491231002', '15-digit legacy number'],
    ['11010519491231002', '17 digits'],
    ['11010519491231002X1', '19 characters'],
    ['01010519491231002X', 'leading zero'],
    ['1101051949123100X2', 'X not at the end'],
    ['11010519491231002Y', 'letter other than X'],
    ['', 'empty'],
  ])('%s is refused (%s)', (id) => {
    expect(isValidIdNumber(id)).toBe(false);
  });

  it('valid for every real date and check computed by the standard (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 110000, max: 659999 }),
        fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2025-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 999 }),
        (region, birth, order) => {
          const ymd = birth.toISOString().slice(0, 10).replaceAll('-', '');
          const id = withCheck(`${region}${ymd}${String(order).padStart(3, '0')}`);
          expect(isValidIdNumber(id)).toBe(true);
          const wrong = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
          expect(isValidIdNumber(wrong)).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the ID number field converts full-width forms, drops spaces and dashes and stores capitals; its type decides validity', () => {
    expect(idNumberField.safeParse('').data).toBe('');
    expect(idNumberField.safeParse('１１０１０５１９４９１２３１００２ｘ').data).toBe('11010519491231002X');
    expect(idNumberField.safeParse('110105 19491231 002x').data).toBe('11010519491231002X');
  });
});
