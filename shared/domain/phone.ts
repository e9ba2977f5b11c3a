/**
 * Phone numbers as complainants give them: mainland mobiles (optionally +86), landlines with area
 * code and optional extension, 400/800 service numbers, and numbers abroad (+852, +853, +886, +1 …)
 * written with their country calling code. Spaces, dashes and parentheses are accepted, and so is
 * what a Chinese IME types in full-width mode (１３８, ＋８５２, －, （）): it is converted first.
 * The stored value is the normalized form: 13812345678, 0755-88881234-8, 4008108888, +85291234567.
 */
const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^(0\d{2,3})(\d{7,8})(\d{1,6})?$/;
const SERVICE = /^[48]00\d{7}$/;

export type PhoneKind = 'mobile' | 'landline' | 'service' | 'international';

export interface ParsedPhone {
  kind: PhoneKind;
  normalized: string;
}

/**
 * Full-width digits, ＋, （）, ＃, ideographic space (NFKC) and the dashes an IME offers (－ — – ‐ −
 * ー) as their ASCII forms. Other text is left alone, so it is still refused where it was.
 */
export function halfWidth(input: string): string {
  return input.normalize('NFKC').replace(/[\u2010-\u2015\u2212\u30FC\uFF70]/g, '-');
}

/**
 * Country calling codes (ITU-T E.164) with the national numbers they use. The places customers most
 * often come from have their own pattern (leading digit and length, no trunk 0); every other
 * assigned one- or two-digit code, and any three-digit code in an assigned zone, takes a plausible
 * length only (national number 6–13 digits, 15 digits in all at most).
 */
const NATIONAL: Readonly<Record<string, RegExp>> = {
  // Hong Kong: 8 digits, fixed lines 2/3, mobiles 4–7 and 9, 8 for special services.
  '852': /^[2-9]\d{7}$/,
  // Macau: 8 digits, fixed lines 28, mobiles 6, 8 for special services.
  '853': /^[268]\d{7}$/,
  // Taiwan: mobiles 9 + 8 digits; fixed lines area code 2–8 then 7 or 8 digits.
  '886': /^(?:9\d{8}|[2-8]\d{7,8})$/,
  // North America (NANP): area code and exchange do not start with 0 or 1.
  '1': /^[2-9]\d{2}[2-9]\d{6}$/,
  '7': /^[3-9]\d{9}$/,
  '44': /^[1-9]\d{8,9}$/,
  '49': /^[1-9]\d{5,12}$/,
  '33': /^[1-9]\d{8}$/,
  '61': /^[2-478]\d{8}$/,
  '64': /^[2-9]\d{7,9}$/,
  '65': /^[3689]\d{7}$/,
  '60': /^[1-9]\d{7,9}$/,
  '66': /^[2-9]\d{7,8}$/,
  '81': /^[1-9]\d{8,9}$/,
  '82': /^[1-9]\d{7,9}$/,
  '84': /^[1-9]\d{8,9}$/,
  '91': /^[1-9]\d{9}$/,
};

/** The one- and two-digit country codes in use; every other code has three digits. */
const SHORT_CODES = new Set([
  '1', '7', '20', '27', '30', '31', '32', '33', '34', '36', '39', '40', '41', '43', '44', '45', '46', '47', '48', '49', '51', '52',
  '53', '54', '55', '56', '57', '58', '60', '61', '62', '63', '64', '65', '66', '81', '82', '84', '86', '90', '91', '92', '93', '94',
  '95', '98',
]); // prettier-ignore
/** Zones with three-digit codes (zone 0 is unassigned; 1 and 7 are single countries). */
const THREE_DIGIT_ZONES = /^[2-689]/;
const GENERIC_NATIONAL = /^\d{6,13}$/;
const MAX_E164_DIGITS = 15;

/** The country code at the start of `digits` (after + or 00), or null when none fits. */
function countryCodeOf(digits: string): string | null {
  for (const length of [1, 2]) {
    const code = digits.slice(0, length);
    if (SHORT_CODES.has(code)) return code;
  }
  const code = digits.slice(0, 3);
  return code.length === 3 && THREE_DIGIT_ZONES.test(code) && !SHORT_CODES.has(code.slice(0, 2)) ? code : null;
}

/** A number after + or 00, other than +86: E.164, "+" then the digits. */
function parseInternational(digits: string): ParsedPhone | null {
  if (digits.length > MAX_E164_DIGITS) return null;
  const code = countryCodeOf(digits);
  if (!code) return null;
  const national = digits.slice(code.length);
  const pattern = NATIONAL[code] ?? GENERIC_NATIONAL;
  return pattern.test(national) ? { kind: 'international', normalized: `+${digits}` } : null;
}

export function parsePhone(input: string): ParsedPhone | null {
  let digits = halfWidth(input).trim();
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
  else if (digits.startsWith('+') || digits.startsWith('00')) {
    const abroad = digits.slice(digits.startsWith('+') ? 1 : 2);
    return /^\d+$/.test(abroad) && !extension ? parseInternational(abroad) : null;
  }
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

/** What a phone field shows once the clerk leaves it: the stored form when valid, else the half-width text. */
export function displayPhone(input: string): string {
  return parsePhone(input)?.normalized ?? halfWidth(input);
}
