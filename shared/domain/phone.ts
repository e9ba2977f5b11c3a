/**
 * Chinese phone numbers as complainants give them: mainland mobiles (optionally +86),
 * landlines with area code and optional extension, and 400/800 service numbers.
 * Spaces, dashes and parentheses are accepted; the stored value is the normalized form.
 */
const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^(0\d{2,3})(\d{7,8})(\d{1,6})?$/;
const SERVICE = /^[48]00\d{7}$/;

export type PhoneKind = 'mobile' | 'landline' | 'service';

export interface ParsedPhone {
  kind: PhoneKind;
  normalized: string;
}

export function parsePhone(input: string): ParsedPhone | null {
  let digits = input.trim();
  const ext = /(?:转|ext\.?|x|#)\s*(\d{1,6})$/i.exec(digits);
  let extension = '';
  if (ext) {
    extension = ext[1] ?? '';
    digits = digits.slice(0, ext.index);
  }
  if (!/^[+\d\s\-()]+$/.test(digits)) return null;
  digits = digits.replace(/[\s\-()]/g, '');
  if (digits.startsWith('+86')) digits = digits.slice(3);
  else if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.startsWith('86') && digits.length === 13) digits = digits.slice(2);
  if (!/^\d+$/.test(digits)) return null;

  if (MOBILE.test(digits) && !extension) return { kind: 'mobile', normalized: digits };
  if (SERVICE.test(digits) && !extension) return { kind: 'service', normalized: digits };
  const landline = LANDLINE.exec(digits + extension);
  if (landline && digits.startsWith('0') && (digits.length === 10 || digits.length === 11 || digits.length === 12)) {
    const area = areaCodeOf(digits);
    if (!area) return null;
    const local = digits.slice(area.length);
    if (local.length < 7 || local.length > 8 || local.startsWith('0')) return null;
    return { kind: 'landline', normalized: `${area}-${local}${extension ? `-${extension}` : ''}` };
  }
  return null;
}

/** Three-digit area codes are 010 and 02x; all others have four digits. */
function areaCodeOf(digits: string): string | null {
  if (/^0(10|2\d)/.test(digits)) return digits.slice(0, 3);
  if (/^0[3-9]\d\d/.test(digits)) return digits.slice(0, 4);
  return null;
}

export function isValidPhone(input: string): boolean {
  return parsePhone(input) !== null;
}
